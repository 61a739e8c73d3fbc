//! Bringing a stale bucket that has a base up to date by writing a new
//! delta, reading only what its changed shards need.
//!
//! A fetch of 1,000 changed tickets leaves every bucket stale with about
//! thirty changed files each. The whole-bucket update (`rebuild_from`)
//! made a record of every row of the base (a hash map of 100,000 records
//! at 100,000 tickets, each moved three times) to find the thirty: most of
//! that list's CPU. Here the base is read from its directory section
//! alone, borrowed (no string allocated per row), and only the rows of the
//! shards whose tree changed are looked at; the delta in effect, which is
//! small by construction, is read whole, since its rows are rewritten.
//!
//! It decides first, from the trees and the directory alone, what the new
//! delta would hold; when that is big enough for the bucket to be folded
//! into a new base, it hands the bucket back untouched before decoding any
//! file, and the whole-bucket update does the fold. The rows a delta ends
//! up holding are the ones the whole-bucket update would have put there,
//! and it hides the same base rows.
//!
//! Uses git only through the store, and must not import the cli.

use super::{
    changed_record, encode, format, new_generation, segment_records, short_len_among, write,
    Bucket, Kind, Known, Origin, Plan, Prefetched, Record, DELTA_SHARE, MIN_DELTA,
};
use crate::model::{Status, TicketId};
use crate::store::error::{Error, GitContext};
use crate::store::tree::not_a_file;
use crate::store::Store;
use git2::Oid;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::segment::{Corrupt, Header, Segment};

/// Returns the shard of a row's key (`<shard>/<file>`).
fn shard_of(key: &str) -> &str {
    key.split('/').next().unwrap_or_default()
}

/// A row of the directory section read in place: the fields of
/// [`DirRow`](super::DirRow) in their order (key, blob, short-id length, status), which
/// postcard writes as it writes this tuple, the key borrowed from the
/// section's bytes.
type DirRef<'a> = (&'a str, [u8; 20], u8, Option<Status>);

/// What [`update`] did with a bucket.
pub(super) enum Update {
    /// The bucket brought up to date, its new delta written.
    Done(Bucket),
    /// The bucket as it was: the change is big enough to fold it into a
    /// new base, which only the whole-bucket update writes.
    Fold(Bucket),
    /// A section of the bucket failed its check: nothing of it is to be
    /// trusted.
    Corrupt,
}

/// A changed file of a changed shard, to be read: its key, blob,
/// short-id length, and what it is when it is not a regular file.
struct Changed {
    key: String,
    blob: Oid,
    short_len: u8,
    wrong_kind: Option<String>,
}

/// Brings `old`, a bucket with a base, up to date with `plan` by writing a
/// new delta (see the module documentation); a changed file is taken from
/// `read` or `fresh` when there, else read from git.
pub(super) fn update(
    store: &Store,
    dir: &Path,
    plan: &Plan,
    mut old: Bucket,
    fresh: &mut Known,
    read: &mut Prefetched,
) -> Result<Update, Error> {
    let Some(base) = old.base.as_mut() else {
        return Ok(Update::Fold(old));
    };
    let base_generation = base.header.generation;
    let Ok(dir_bytes) = base.section(Kind::Dir) else {
        return Ok(Update::Corrupt);
    };
    let Ok(base_dir) = postcard::from_bytes::<Vec<DirRef<'_>>>(&dir_bytes) else {
        return Ok(Update::Corrupt);
    };
    let base_count = base_dir.len();
    // The delta in effect, read whole: its rows are written again.
    let (mut in_delta, mut removed) = match old
        .delta
        .as_mut()
        .filter(|d| d.header.base == base_generation)
    {
        Some(delta) => match segment_records(delta, Origin::Delta, true) {
            Ok(rows) => (
                rows,
                delta
                    .header
                    .removed
                    .iter()
                    .cloned()
                    .collect::<HashSet<String>>(),
            ),
            Err(Corrupt) => return Ok(Update::Corrupt),
        },
        None => (HashMap::new(), HashSet::new()),
    };
    // Shards whose rows may change, sorted: changed or new ones, and gone
    // ones.
    let known = old.shards();
    let mut touched: Vec<String> = plan
        .shards
        .iter()
        .filter(|s| !known.contains(s))
        .map(|s| s.name.clone())
        .collect();
    touched.extend(
        known
            .iter()
            .filter(|k| !plan.shards.iter().any(|s| s.name == k.name))
            .map(|k| k.name.clone()),
    );
    touched.sort_unstable();
    touched.dedup();
    let touched_at = |shard: &str| touched.binary_search_by(|t| t.as_str().cmp(shard)).ok();
    // The base rows in effect of each touched shard.
    let mut base_rows: Vec<Vec<&DirRef<'_>>> = vec![Vec::new(); touched.len()];
    for row in &base_dir {
        if let Some(at) = touched_at(shard_of(row.0)) {
            if removed.is_empty() || !removed.contains(row.0) {
                base_rows[at].push(row);
            }
        }
    }
    let mut kept: Vec<Record> = Vec::new();
    let mut changed: Vec<Changed> = Vec::new();
    let mut key = String::new();
    for shard in &plan.shards {
        let Some(at) = touched_at(&shard.name) else {
            continue;
        };
        let tree = store
            .repo
            .find_tree(Oid::from_bytes(&shard.tree).expect("20 bytes make an id"))
            .context(|| format!("cannot read tickets/{}", shard.name))?;
        // As the whole-bucket update lists them: a file name with
        // something other than a regular file behind it is broken.
        let entries: Vec<git2::TreeEntry<'_>> = tree.iter().collect();
        let files: Vec<(&str, &git2::TreeEntry<'_>)> = entries
            .iter()
            .filter_map(|e| Some((e.name().filter(|n| n.ends_with(".toml"))?, e)))
            .collect();
        // The shard's base rows by file name, each marked once matched.
        let prefix = shard.name.len() + 1;
        base_rows[at].sort_unstable_by(|a, b| a.0.cmp(b.0));
        let rows: &[&DirRef<'_>] = &base_rows[at];
        let base_at = |file: &str| {
            rows.binary_search_by(|r| r.0.get(prefix..).unwrap_or_default().cmp(file))
                .ok()
        };
        let mut matched = vec![false; rows.len()];
        let key_of = |key: &mut String, file: &str| {
            key.clear();
            key.push_str(&shard.name);
            key.push('/');
            key.push_str(file);
        };
        // Short ids depend on the shard's names alone: when its files are
        // exactly the rows in effect (no file new, none gone), every row's
        // short-id length stands and none is worked out again. Otherwise
        // they are worked out over the shard's ids, as a rebuild does.
        let delta_here = in_delta
            .keys()
            .filter(|k| shard_of(k) == shard.name)
            .count();
        let same_names = files.len() == rows.len() + delta_here
            && files.iter().all(|(file, _)| {
                key_of(&mut key, file);
                base_at(file).is_some() || in_delta.contains_key(key.as_str())
            });
        let ids = std::cell::OnceCell::new();
        let short_len_of = |file: &str| {
            let ids: &Vec<TicketId> = ids.get_or_init(|| {
                let mut ids: Vec<TicketId> = files
                    .iter()
                    .filter_map(|(f, _)| TicketId::parse(f.strip_suffix(".toml")?).ok())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            });
            let len = TicketId::parse(file.trim_end_matches(".toml"))
                .map_or(16, |id| short_len_among(&id, ids));
            u8::try_from(len).expect("ids are 16 characters")
        };
        for &(file, entry) in &files {
            let blob = entry.id();
            key_of(&mut key, file);
            let from_base = base_at(file).map(|i| {
                matched[i] = true;
                rows[i]
            });
            let from_delta = in_delta.remove(key.as_str());
            let len = match (&from_delta, from_base) {
                (Some(row), _) if same_names => row.dir.short_len,
                (None, Some(row)) if same_names => row.2,
                _ => short_len_of(file),
            };
            let same =
                |row_blob: &[u8; 20], row_len: u8| row_blob == blob.as_bytes() && row_len == len;
            if let Some(row) = from_delta {
                // A base row under a delta row is hidden already; hidden
                // all the same if it was not.
                if from_base.is_some() {
                    removed.insert(key.clone());
                }
                if same(&row.dir.blob, row.dir.short_len) {
                    kept.push(row);
                    continue;
                }
            } else if let Some(row) = from_base {
                if same(&row.1, row.2) {
                    // Stays in the base.
                    continue;
                }
                removed.insert(key.clone());
            }
            changed.push(Changed {
                key: key.clone(),
                blob,
                short_len: len,
                wrong_kind: not_a_file(entry),
            });
        }
        // The base rows of the shard that are no longer there are gone.
        for (row, _) in rows.iter().zip(&matched).filter(|(_, m)| !**m) {
            removed.insert(row.0.to_string());
        }
        base_rows[at].clear();
    }
    // The base rows of gone shards (those left), and the delta's rows of
    // touched shards not matched above, are gone.
    for rows in &base_rows {
        removed.extend(rows.iter().map(|r| r.0.to_string()));
    }
    in_delta.retain(|key, _| touched_at(shard_of(key)).is_none());
    let rows = in_delta.len() + kept.len() + changed.len();
    if rows + removed.len() > MIN_DELTA.max(base_count / DELTA_SHARE) {
        return Ok(Update::Fold(old));
    }
    kept.extend(in_delta.into_values());
    for file in changed {
        let Changed {
            key,
            blob,
            short_len,
            wrong_kind,
        } = file;
        kept.push(changed_record(
            store, read, fresh, key, blob, short_len, wrong_kind,
        ));
    }
    // One order whatever the hash maps did: by key.
    kept.sort_by(|a, b| a.dir.key.cmp(&b.dir.key));
    let mut removed: Vec<String> = removed.into_iter().collect();
    removed.sort_unstable();
    let header = Header::new(
        new_generation(),
        base_generation,
        plan.shards.clone(),
        removed,
    );
    let rows: Vec<&Record> = kept.iter().collect();
    let bytes = encode(header, &rows);
    // A cache that cannot be written only costs speed next time.
    let _ = write(&dir.join(format!("{}.delta", plan.name)), &bytes);
    let delta = Segment::from_bytes(bytes, format()).expect("a segment just encoded reads");
    Ok(Update::Done(Bucket {
        base: old.base,
        delta: Some(delta),
    }))
}

#[cfg(test)]
mod tests {
    use super::super::{plans, rebuild, records, DirRow};
    use super::*;
    use crate::codec;
    use crate::model::{Action, Changes, Event, IdGenerator, Ticket, Timestamp};
    use git2::Repository;
    use std::collections::BTreeMap;

    #[test]
    fn a_directory_row_reads_in_place_as_it_was_written() {
        let rows = vec![
            DirRow {
                key: "ab/abcdefghjkmnpqrs.toml".into(),
                blob: [7; 20],
                short_len: 7,
                status: Some(Status::Resolved),
            },
            DirRow {
                key: "ab/broken.toml".into(),
                blob: [9; 20],
                short_len: 16,
                status: None,
            },
        ];
        let bytes = postcard::to_allocvec(&rows).expect("rows serialize");
        let read: Vec<DirRef<'_>> = postcard::from_bytes(&bytes).expect("rows read in place");
        assert_eq!(read.len(), 2);
        for (a, b) in rows.iter().zip(&read) {
            assert_eq!((a.key.as_str(), a.blob, a.short_len, a.status), *b);
        }
    }

    /// The files of a `tickets/` tree: path under `tickets/` to its bytes
    /// and file mode.
    type Files = BTreeMap<String, File>;

    /// A file's bytes and mode.
    type File = (Vec<u8>, i32);

    /// One change of the tree between two updates.
    type Step<'a> = Box<dyn Fn(&mut Files, &mut IdGenerator) + 'a>;

    /// Returns the bytes of a valid ticket file of `id`, titled `title`.
    fn ticket_file(id: &TicketId, ids: &mut IdGenerator, title: &str) -> Vec<u8> {
        let create = Event {
            id: ids.event_id(),
            clock: 0,
            at: Timestamp::from_unix(1_700_000_000),
            by: "Ana <ana@example.com>".into(),
            action: Action::Create(Changes {
                title: Some(title.into()),
                description: Some(format!("The words of {title}.")),
                ..Changes::default()
            }),
        };
        let ticket = Ticket::create(id.clone(), create).expect("a create replays");
        codec::encode(&ticket).into_bytes()
    }

    /// Writes `files` as a `tickets/` tree; returns it.
    fn write_tree<'r>(repo: &'r Repository, files: &Files) -> git2::Tree<'r> {
        let mut shards: BTreeMap<&str, Vec<(&str, &File)>> = BTreeMap::new();
        for (path, file) in files {
            let (shard, name) = path.split_once('/').expect("shard/name");
            shards.entry(shard).or_default().push((name, file));
        }
        let mut tickets = repo.treebuilder(None).expect("can build a tree");
        for (shard, files) in shards {
            let mut builder = repo.treebuilder(None).expect("can build a tree");
            for (name, (bytes, mode)) in files {
                let blob = repo.blob(bytes).expect("can write a blob");
                builder.insert(name, blob, *mode).expect("can add a file");
            }
            let tree = builder.write().expect("can write a shard");
            tickets
                .insert(shard, tree, 0o040000)
                .expect("can add a shard");
        }
        let id = tickets.write().expect("can write the tickets tree");
        repo.find_tree(id).expect("the tree just written reads")
    }

    /// The rows in effect in the bucket `name` of `dir`, whole, by key.
    fn in_effect(dir: &Path, name: &str) -> BTreeMap<String, String> {
        let mut bucket = Bucket::open(dir, name);
        let (rows, _) = records(&mut bucket, true).expect("the bucket reads");
        rows.into_iter()
            .map(|(key, r)| {
                let row = format!(
                    "{:?} {} {:?} {:?} {:?} {} {}",
                    r.dir.blob, r.dir.short_len, r.dir.status, r.body, r.links, r.title, r.text
                );
                (key, row)
            })
            .collect()
    }

    /// Brings bucket `name` of `dir` up to date with `tree` through
    /// [`update`]; returns whether a delta was written.
    fn update_to(store: &Store, dir: &Path, tree: &git2::Tree<'_>, name: &str) -> bool {
        let plan = plans(tree)
            .into_iter()
            .find(|p| p.name == name)
            .expect("the bucket is in the tree");
        let old = Bucket::open(dir, name);
        match update(
            store,
            dir,
            &plan,
            old,
            &mut Known::default(),
            &mut Prefetched::default(),
        )
        .expect("the update reads the repository")
        {
            Update::Done(_) => true,
            Update::Fold(bucket) => {
                rebuild(store, dir, &plan, bucket).expect("the fold reads the repository");
                false
            }
            Update::Corrupt => panic!("nothing is corrupt"),
        }
    }

    /// Builds bucket `name` of `tree` from nothing in a new directory, and
    /// returns its rows in effect.
    fn from_nothing(store: &Store, tree: &git2::Tree<'_>, name: &str) -> BTreeMap<String, String> {
        let dir = tempfile::tempdir().expect("can create a temp dir");
        let plan = plans(tree)
            .into_iter()
            .find(|p| p.name == name)
            .expect("the bucket is in the tree");
        let empty = Bucket {
            base: None,
            delta: None,
        };
        rebuild(store, dir.path(), &plan, empty).expect("the rebuild reads the repository");
        in_effect(dir.path(), name)
    }

    #[test]
    fn a_delta_holds_what_a_rebuild_from_nothing_reads() {
        let (_repo_dir, store) = super::super::rebuild_tests::scratch_store();
        let cache = tempfile::tempdir().expect("can create a temp dir");
        let dir = cache.path();
        // Sixty tickets of bucket "a", a few to a shard, some sharing a
        // shard with ids close to each other (short ids of 3 and more).
        let mut ids = IdGenerator::from_seed(11);
        let mut bucket_ids: Vec<TicketId> = Vec::new();
        while bucket_ids.len() < 60 {
            let id = ids.ticket_id();
            if id.as_str().starts_with('a') && id.as_str().as_bytes()[1] < b'h' {
                bucket_ids.push(id);
            }
        }
        let mut files = Files::new();
        for (n, id) in bucket_ids.iter().enumerate() {
            let bytes = ticket_file(id, &mut ids, &format!("Ticket {n}"));
            files.insert(
                codec::ticket_path(id)["tickets/".len()..].to_string(),
                (bytes, 0o100644),
            );
        }
        let first = write_tree(&store.repo, &files);
        assert_eq!(from_nothing(&store, &first, "a").len(), 60);
        let plan = plans(&first)
            .into_iter()
            .find(|p| p.name == "a")
            .expect("bucket a");
        let empty = Bucket {
            base: None,
            delta: None,
        };
        rebuild(&store, dir, &plan, empty).expect("the first build reads the repository");
        // Changes on changes: a title, a file gone, a new ticket close to
        // another one (so that its neighbours' short ids change), a broken
        // file, a symbolic link, then some of the same files again.
        let keys: Vec<String> = files.keys().cloned().collect();
        let steps: Vec<Step<'_>> = vec![
            Box::new(|files, ids| {
                let id = &bucket_ids[3];
                let bytes = ticket_file(id, ids, "A new title");
                files.insert(keys[3].clone(), (bytes, 0o100644));
                files.remove(&keys[7]);
            }),
            Box::new(|files, ids| {
                let near = bucket_ids[5].as_str();
                let id = TicketId::parse(&format!("{}{}", &near[..12], "zzzz")).expect("an id");
                let bytes = ticket_file(&id, ids, "A neighbour");
                files.insert(
                    codec::ticket_path(&id)["tickets/".len()..].to_string(),
                    (bytes, 0o100644),
                );
                files.insert(keys[9].clone(), (b"title = \"broken".to_vec(), 0o100644));
            }),
            Box::new(|files, ids| {
                files.insert(keys[11].clone(), (b"elsewhere".to_vec(), 0o120000));
                let bytes = ticket_file(&bucket_ids[3], ids, "Another title");
                files.insert(keys[3].clone(), (bytes, 0o100644));
                let bytes = ticket_file(&bucket_ids[9], ids, "Mended");
                files.insert(keys[9].clone(), (bytes, 0o100644));
            }),
        ];
        for (n, step) in steps.iter().enumerate() {
            step(&mut files, &mut ids);
            let tree = write_tree(&store.repo, &files);
            assert!(
                update_to(&store, dir, &tree, "a"),
                "step {n} writes a delta"
            );
            assert_eq!(
                in_effect(dir, "a"),
                from_nothing(&store, &tree, "a"),
                "step {n}"
            );
        }
        // Past a quarter of the base, the bucket is folded into a new base.
        for (n, key) in keys.iter().enumerate().skip(20).take(20) {
            let bytes = ticket_file(&bucket_ids[n], &mut ids, "Folded");
            files.insert(key.clone(), (bytes, 0o100644));
        }
        let tree = write_tree(&store.repo, &files);
        assert!(!update_to(&store, dir, &tree, "a"), "a big change folds");
        assert!(
            Bucket::open(dir, "a").delta.is_none(),
            "no delta after a fold"
        );
        assert_eq!(in_effect(dir, "a"), from_nothing(&store, &tree, "a"));
    }
}
