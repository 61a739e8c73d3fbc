//! Bringing the list cache up to date once `tk sync` has moved the ref.
//!
//! A sync knows which ticket files it brought in, and it has read every
//! one of them already: the merge checks each file changed on one side to
//! be readable, and writes the tickets changed on both. Without this, the
//! next `tk list` would find the buckets of those files stale and decode
//! the same files again (a thousand files: most of that list's time).
//! So, after the ref has moved, each bucket the sync changed is brought up
//! to date with the new tree from the tickets the merge holds ([`Known`]),
//! through the same incremental rebuild a list does: only its delta is
//! rewritten, never the whole cache.
//!
//! It never makes the cache wrong, because it changes nothing about how a
//! bucket is keyed: a bucket names the shard trees it describes, and a
//! list rebuilds any bucket that does not name the tip's. A bucket is only
//! touched when it was current for the tree the sync started from (so
//! every file it lacks is one the sync read), and it is written whole or
//! not at all. A writer that moved the ref meanwhile, an update that
//! failed or was interrupted, a bucket that fails its checks: each leaves
//! a bucket that names another tree, which the next list rebuilds from
//! git. Nothing here can fail a sync.
//!
//! Uses git only through the store, and must not import the cli.

use super::{cache_dir, plans, rebuild_with, Bucket};
use crate::model::Ticket;
use crate::store::error::Error;
use crate::store::{tree, Store, TICKETS_DIR};
use git2::{Oid, Tree};
use std::collections::HashMap;

/// Tickets a sync has read or written, each with the blob and path of its
/// file: exactly what reading that file at that path yields (decoded,
/// checked against its path, with no hand edit left to settle).
#[derive(Default)]
pub(in crate::store) struct Known {
    by_blob: HashMap<Oid, (String, Ticket)>,
}

impl Known {
    /// Returns an empty set with room for `n` tickets.
    pub(in crate::store) fn with_capacity(n: usize) -> Known {
        Known {
            by_blob: HashMap::with_capacity(n),
        }
    }

    /// Records that the file `blob` at `path` reads as `ticket`.
    pub(in crate::store) fn insert(&mut self, blob: Oid, path: &str, ticket: Ticket) {
        self.by_blob.insert(blob, (path.to_string(), ticket));
    }

    /// Takes the ticket that the file `blob` at `path` reads as, if known.
    ///
    /// A blob names its ticket's id, and only one path matches an id, so
    /// one blob is known at one path at most; the path is checked all the
    /// same, since the cache must hold what a read of that path yields.
    pub(super) fn take(&mut self, blob: Oid, path: &str) -> Option<Ticket> {
        match self.by_blob.remove(&blob) {
            Some((at, ticket)) if at == path => Some(ticket),
            Some(other) => {
                self.by_blob.insert(blob, other);
                None
            }
            None => None,
        }
    }
}

/// Brings the cache buckets that a sync changed up to date, after it moved
/// the ref from the tree `before` to the tree `after`, taking the tickets
/// of the files it brought in from `known`.
///
/// Only a bucket that was current for `before` is updated; any other is
/// left for the next list, as is everything when this fails: a failure
/// here only costs that list the time it would have saved.
pub(in crate::store) fn after_sync(
    store: &Store,
    before: &Tree<'_>,
    after: &Tree<'_>,
    mut known: Known,
) {
    // Deliberately ignored: see above.
    let _ = update(store, before, after, &mut known);
}

fn update(
    store: &Store,
    before: &Tree<'_>,
    after: &Tree<'_>,
    known: &mut Known,
) -> Result<(), Error> {
    let (Some(old), Some(new)) = (
        tree::subtree(&store.repo, before, TICKETS_DIR)?,
        tree::subtree(&store.repo, after, TICKETS_DIR)?,
    ) else {
        return Ok(());
    };
    if old.id() == new.id() {
        return Ok(());
    }
    let old_plans = plans(&old);
    let dir = cache_dir(store);
    for plan in plans(&new) {
        let was = old_plans
            .iter()
            .find(|p| p.name == plan.name)
            .map_or(&[][..], |p| p.shards.as_slice());
        if was == plan.shards.as_slice() {
            // The sync changed nothing in this bucket.
            continue;
        }
        let bucket = Bucket::open(&dir, &plan.name);
        if bucket.base.is_none() || bucket.shards() != was {
            // Never built, or stale already: the list's to rebuild.
            continue;
        }
        // A bucket that cannot be brought up to date stays as it was,
        // naming `before`'s shards; the others are still worth doing.
        let _ = rebuild_with(store, &dir, &plan, bucket, known);
    }
    Ok(())
}
