//! The read cache behind `tk list`.
//!
//! Decoding every ticket file on each list would be slow at 100k tickets.
//! The cache maps each shard's tree id to the states of its files, keyed by
//! blob id, so it is never stale: anything that changes a file (tk, a plain
//! `git fetch`, a hand edit) changes the ids, and only the shards whose ids
//! changed are read again. It lives in `.git/tk/` and can be deleted at any
//! time.

use super::error::{Error, GitContext};
use super::{Broken, Listed, Listing, Store};
use crate::model::{short_len, Clocks, State, TicketId};
use git2::{ObjectType, Oid, Tree};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;

/// Bumped whenever the cached layout or the meaning of a state changes.
const FORMAT: &str = concat!("tk-cache-4-", env!("CARGO_PKG_VERSION"));

#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    format: String,
    shards: Vec<CachedShard>,
}

#[derive(Serialize, Deserialize, Clone)]
struct CachedShard {
    name: String,
    tree: Vec<u8>,
    rows: Vec<CachedRow>,
}

#[derive(Serialize, Deserialize, Clone)]
struct CachedRow {
    file: String,
    blob: Vec<u8>,
    state: Result<(State, Clocks), String>,
}

/// Lists the tickets in the `tickets/` tree, refreshing the cache.
pub(super) fn list(store: &Store, tickets: &Tree<'_>) -> Result<Listing, Error> {
    let path = cache_path(store);
    let old = read(&path);
    let old_shards: HashMap<&str, &CachedShard> =
        old.shards.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut shards = Vec::with_capacity(tickets.len());
    let mut dirty = old.shards.len() != tickets.len();
    for entry in tickets.iter() {
        let (Some(name), Some(ObjectType::Tree)) = (entry.name(), entry.kind()) else {
            continue;
        };
        match old_shards.get(name) {
            Some(cached) if cached.tree == entry.id().as_bytes() => shards.push((*cached).clone()),
            cached => {
                dirty = true;
                let tree = store
                    .repo
                    .find_tree(entry.id())
                    .context(|| format!("cannot read tickets/{name}"))?;
                shards.push(read_shard(store, name, &tree, cached.copied())?);
            }
        }
    }
    let listing = listing(&shards);
    if dirty {
        // A cache that cannot be written only costs speed next time.
        let _ = write(
            &path,
            &CacheFile {
                format: FORMAT.to_string(),
                shards,
            },
        );
    }
    Ok(listing)
}

fn read_shard(
    store: &Store,
    name: &str,
    tree: &Tree<'_>,
    cached: Option<&CachedShard>,
) -> Result<CachedShard, Error> {
    let known: HashMap<&[u8], &CachedRow> = cached
        .map(|s| s.rows.iter().map(|r| (r.blob.as_slice(), r)).collect())
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(tree.len());
    for entry in tree.iter() {
        let Some(file) = entry.name().filter(|n| n.ends_with(".toml")) else {
            continue;
        };
        if let Some(row) = known.get(entry.id().as_bytes()) {
            if row.file == file {
                rows.push((*row).clone());
                continue;
            }
        }
        let path = format!("tickets/{name}/{file}");
        rows.push(CachedRow {
            file: file.to_string(),
            blob: entry.id().as_bytes().to_vec(),
            state: read_state(store, &path, entry.id()),
        });
    }
    Ok(CachedShard {
        name: name.to_string(),
        tree: tree.id().as_bytes().to_vec(),
        rows,
    })
}

/// Decodes one file to its state; a broken file yields its error message.
fn read_state(store: &Store, path: &str, blob: Oid) -> Result<(State, Clocks), String> {
    let load = || -> Result<(State, Clocks), Error> {
        let bytes = store
            .repo
            .find_blob(blob)
            .context(|| format!("cannot read {path}"))?;
        let decoded = store.decode(path, bytes.content())?;
        let (ticket, _) = store.settle(path, blob, decoded)?;
        let expected = format!("{}.toml", ticket.id());
        if !path.ends_with(&expected) {
            return Err(Error::Malformed {
                path: path.to_string(),
                refname: store.refname.clone(),
                cause: crate::codec::DecodeError::Field(format!(
                    "id {} does not match the file name",
                    ticket.id()
                )),
            });
        }
        Ok((ticket.state().clone(), ticket.clocks().clone()))
    };
    load().map_err(|e| match e {
        Error::Malformed { cause, .. } => cause.to_string(),
        other => other.to_string(),
    })
}

fn listing(shards: &[CachedShard]) -> Listing {
    let mut listing = Listing::default();
    for shard in shards {
        let ids: Vec<&TicketId> = shard
            .rows
            .iter()
            .filter_map(|r| r.state.as_ref().ok())
            .map(|(s, _)| &s.id)
            .collect();
        for row in &shard.rows {
            match &row.state {
                Ok((state, clocks)) => listing.tickets.push(Listed {
                    short_len: short_len(&state.id, ids.iter().copied()),
                    state: state.clone(),
                    clocks: clocks.clone(),
                }),
                Err(message) => listing.broken.push(Broken {
                    path: format!("tickets/{}/{}", shard.name, row.file),
                    message: message.clone(),
                }),
            }
        }
    }
    listing
}

fn cache_path(store: &Store) -> PathBuf {
    let name: String = store
        .refname
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    store.local_dir().join("cache").join(format!("{name}.bin"))
}

fn read(path: &PathBuf) -> CacheFile {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| postcard::from_bytes::<CacheFile>(&bytes).ok())
        .filter(|cache| cache.format == FORMAT)
        .unwrap_or_default()
}

/// Writes the cache atomically, so a concurrent reader sees the old file
/// or the new one, never half of one.
fn write(path: &PathBuf, cache: &CacheFile) -> Result<(), Error> {
    let io = |context, cause| Error::Io {
        context,
        path: path.clone(),
        cause,
    };
    let dir = path.parent().expect("the cache path has a directory");
    std::fs::create_dir_all(dir).map_err(|e| io("cannot create", e))?;
    let bytes = postcard::to_allocvec(cache).expect("the cache serializes to memory");
    let tmp = dir.join(format!(".tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io("cannot write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| io("cannot replace", e))
}
