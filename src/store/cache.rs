//! The read cache behind `tk list`, `tk search` and the links `tk show`
//! looks up.
//!
//! Decoding every ticket file on each list would be slow at 100k tickets,
//! so the cache keeps each file's replayed state, keyed by git object ids:
//! it is never stale, because anything that changes a file (tk, a plain
//! `git fetch`, a hand edit) changes the ids. It lives in `.git/tk/cache/`
//! and can be deleted at any time.
//!
//! Layout: the shards are grouped into buckets by their first character
//! (32 buckets for tk's ids). A bucket is a base segment and at most one
//! delta segment amending it ([`segment`]); each segment describes its
//! shards by tree id and holds sections per status, so a list of open
//! tickets reads and decodes only their rows. A change rewrites only the
//! delta of the buckets it touched, and a delta is folded into a new base
//! once it grows past a quarter of it. Every section is checksummed: a
//! segment that fails a check is rebuilt from git. Buckets are read and
//! rebuilt in parallel, one thread per core.
//!
//! The format number is derived from the types the cache stores (traced
//! with serde-reflection by a unit test, which fails until [`FORMAT`] is
//! the traced value), so it changes exactly when they do, and not with
//! every tk release.
//!
//! Owns the files under `.git/tk/cache/`; uses git only through the
//! store, and must not import the cli.

mod delta;
mod links_index;
mod segment;
mod synced;
mod unpack;

#[cfg(test)]
mod rebuild_tests;

pub(super) use synced::{after_sync, Known};

use super::error::{Error, GitContext};
use super::{Broken, Listed, Listing, Store};
use crate::codec::{StateHead, StateRef};
use crate::model::{short_len, Clocks, Link, State, Status, Ticket, TicketId};
use crate::search::{Corpus, Hits, Matcher, Query};
use git2::{ObjectType, Oid, Tree};
use links_index::BucketLinks;
use segment::{Corrupt, Header, Kind, Segment, ShardRef};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Reports cache rebuilding as (buckets done, buckets to rebuild).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// A delta is folded into its base once it holds more rows than this
/// share of the base (and more than `MIN_DELTA` rows).
const DELTA_SHARE: usize = 4;
const MIN_DELTA: usize = 8;

/// Below this many bytes of sections to read, and with no bucket to
/// rebuild, the buckets are read on the calling thread: starting worker
/// threads (each with its own heap and git handle) costs more than the
/// work they would share. `tk show` reads the links sections this way.
const SERIAL_BYTES: u64 = 256 << 10;

/// One row of the directory section.
#[derive(Serialize, Deserialize, Clone, Debug)]
struct DirRow {
    /// `<shard>/<file>` under `tickets/`.
    key: String,
    blob: [u8; 20],
    /// How many characters of the id to show, unique within the shard.
    short_len: u8,
    /// `None` when the file cannot be read.
    status: Option<Status>,
}

/// A row of a `Rows` section as written: key, short-id length, the
/// postcard bytes of its `(State, Clocks)`.
type RowOut<'a> = (&'a str, u8, &'a serde_bytes::Bytes);
/// The same row read back, borrowing from the section's bytes.
type RowIn<'a> = (&'a str, u8, &'a serde_bytes::Bytes);
/// A row of the `Text` section: key, normalized title, normalized body.
type TextRow<'a> = (&'a str, &'a str, &'a str);

/// The cache format: a hash of the shapes of every type the cache stores,
/// and of the ticket file schema its states are replayed from. A constant,
/// so that no run pays for tracing the types (0.3 ms of every list); the
/// unit test `the_format_is_traced_from_every_cached_type` traces them and
/// fails, printing the new value, when a change to the types or the schema
/// means this must change.
const FORMAT: u64 = 0xed40_77a1_0c74_0392;

/// Returns the cache format every segment is read and written with.
fn format() -> u64 {
    FORMAT
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a, 64-bit: a stable hash with no dependency.
    fn fnv1a(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// Returns the hash of the traced shapes of every cached type.
    fn traced_format() -> u64 {
        use serde_reflection::{Tracer, TracerConfig};
        let mut tracer = Tracer::new(TracerConfig::default());
        let mut shapes = String::new();
        let mut trace = |shape: Result<serde_reflection::Format, _>| {
            let shape: serde_reflection::Format =
                shape.expect("the cached types are plain serde types, so they trace");
            shapes.push_str(&format!("{shape:?};"));
        };
        // Enums are traced one by one, so that every variant is seen: a
        // type that is missing here makes `registry()` below fail in every
        // test that lists.
        use crate::model::{CloseReason, Level, LinkRelation, Priority, SlaTarget, TicketType};
        trace(tracer.trace_simple_type::<Status>().map(|t| t.0));
        trace(tracer.trace_simple_type::<TicketType>().map(|t| t.0));
        trace(tracer.trace_simple_type::<Priority>().map(|t| t.0));
        trace(tracer.trace_simple_type::<Level>().map(|t| t.0));
        trace(tracer.trace_simple_type::<CloseReason>().map(|t| t.0));
        trace(tracer.trace_simple_type::<LinkRelation>().map(|t| t.0));
        trace(tracer.trace_simple_type::<SlaTarget>().map(|t| t.0));
        trace(tracer.trace_simple_type::<Kind>().map(|t| t.0));
        trace(
            tracer
                .trace_simple_type::<crate::model::FieldValue>()
                .map(|t| t.0),
        );
        trace(tracer.trace_simple_type::<(State, Clocks)>().map(|t| t.0));
        trace(tracer.trace_simple_type::<DirRow>().map(|t| t.0));
        trace(tracer.trace_simple_type::<Header>().map(|t| t.0));
        trace(
            tracer
                .trace_simple_type::<(String, Vec<Link>)>()
                .map(|t| t.0),
        );
        trace(
            tracer
                .trace_simple_type::<(String, u8, serde_bytes::ByteBuf)>()
                .map(|t| t.0),
        );
        trace(
            tracer
                .trace_simple_type::<(String, String, String)>()
                .map(|t| t.0),
        );
        let registry = tracer
            .registry()
            .expect("every traced enum has its variants");
        let text = format!("{shapes}{registry:?}schema={}", crate::codec::SCHEMA);
        fnv1a(text.as_bytes())
    }

    /// Kept bytes that do not decode (a cache file altered along with its
    /// checksums) are `None`, never a panic: `tk list --json` leaves the
    /// row out and fails.
    #[test]
    fn regression_kept_bytes_that_do_not_decode_panicked_the_json_list() {
        for bytes in [
            &[][..],
            &[0xff; 3][..],
            &[1, 2, 3, 0xff, 0xff, 0xff, 0xff, 0x0f][..],
        ] {
            let kept = Kept {
                short_len: 7,
                bytes: bytes.into(),
            };
            assert!(kept.view().is_none(), "{bytes:?}");
        }
    }

    #[test]
    fn short_ids_from_sorted_neighbours_match_short_len_over_the_shard() {
        use crate::model::IdGenerator;
        let mut ids = IdGenerator::from_seed(3);
        let mut shard: Vec<TicketId> = (0..400).map(|_| ids.ticket_id()).collect();
        // Ids that share long prefixes, and one that is not in the shard.
        let close = ["abcdefghjkmnpqrs", "abcdefghjkmnpqrt", "abcdefghjkmnpzzz"];
        shard.extend(
            close
                .iter()
                .map(|c| TicketId::parse(c).expect("a valid id")),
        );
        let mut sorted = shard.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let outsider = TicketId::parse("abcdefghjkmnpqrr").expect("a valid id");
        for id in shard.iter().chain([&outsider]) {
            assert_eq!(
                short_len_among(id, &sorted),
                short_len(id, &shard),
                "{id:?}"
            );
        }
        assert_eq!(short_len_among(&outsider, &[]), 7);
    }

    #[test]
    fn the_format_is_traced_from_every_cached_type() {
        let traced = traced_format();
        assert_eq!(
            FORMAT, traced,
            "the cached types or the ticket schema changed: set FORMAT in src/store/cache.rs to {traced:#018x}"
        );
    }
}

/// One ticket file while a bucket is rebuilt.
struct Record {
    dir: DirRow,
    origin: Origin,
    /// The postcard bytes of `(State, Clocks)`, or why the file is broken.
    body: Result<Vec<u8>, String>,
    links: Vec<Link>,
    title: String,
    text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Base,
    Delta,
    Fresh,
}

/// What a ticket file reads as, for its record: everything but its key
/// and short-id length, which depend on where it is in the tree.
struct Read {
    status: Option<Status>,
    body: Result<Vec<u8>, String>,
    links: Vec<Link>,
    title: String,
    text: String,
}

impl Read {
    /// Returns what a file that reads as `read` is cached as.
    ///
    /// Its bytes and texts are built in buffers of this thread's and
    /// copied out at their exact size: a cold list holds the reads of
    /// every file until their buckets are rebuilt, and buffers grown by
    /// doubling (and regrown for each file) took up to twice that memory,
    /// and the time of their reallocations.
    fn new(read: Result<Ticket, String>) -> Read {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Vec<u8>, String)> =
                const { std::cell::RefCell::new((Vec::new(), String::new())) };
        }
        match read {
            Ok(ticket) => {
                let state = ticket.state();
                SCRATCH.with_borrow_mut(|(bytes, text)| {
                    bytes.clear();
                    *bytes = postcard::to_extend(&(state, ticket.clocks()), std::mem::take(bytes))
                        .expect("states serialize to memory");
                    text.clear();
                    crate::search::normalize_into(text, [state.title.as_str()]);
                    let title = text.as_str().to_owned();
                    text.clear();
                    crate::search::normalize_into(
                        text,
                        state
                            .description
                            .as_deref()
                            .into_iter()
                            .chain(ticket.comments().map(|c| c.body))
                            .chain(state.resolution.as_ref().map(|r| r.summary.as_str())),
                    );
                    Read {
                        status: Some(state.status),
                        body: Ok(bytes.as_slice().to_vec()),
                        links: state.links.clone(),
                        title,
                        text: text.as_str().to_owned(),
                    }
                })
            }
            Err(message) => Read {
                status: None,
                body: Err(message),
                links: Vec::new(),
                title: String::new(),
                text: String::new(),
            },
        }
    }
}

impl Record {
    /// Returns the record of the file `key` (`shard/name.toml`) with blob
    /// `blob`, which reads as `read`.
    fn new(key: String, blob: Oid, short_len: u8, read: Result<Ticket, String>) -> Record {
        Record::of(key, blob, short_len, Read::new(read))
    }

    /// Like [`Record::new`], from a file already turned into a [`Read`].
    fn of(key: String, blob: Oid, short_len: u8, read: Read) -> Record {
        Record {
            dir: DirRow {
                key,
                blob: oid_bytes(blob),
                short_len,
                status: read.status,
            },
            origin: Origin::Fresh,
            body: read.body,
            links: read.links,
            title: read.title,
            text: read.text,
        }
    }
}

fn oid_bytes(oid: Oid) -> [u8; 20] {
    oid.as_bytes()
        .try_into()
        .expect("tk repositories use SHA-1 ids of 20 bytes")
}

/// A bucket as found on disk (or just rebuilt in memory).
struct Bucket {
    base: Option<Segment>,
    delta: Option<Segment>,
}

impl Bucket {
    fn open(dir: &Path, name: &str) -> Bucket {
        let base = Segment::open(&dir.join(format!("{name}.base")), format());
        let delta = base.as_ref().and_then(|base| {
            Segment::open(&dir.join(format!("{name}.delta")), format())
                .filter(|d| d.header.base == base.header.generation)
        });
        Bucket::new(base, delta)
    }

    /// Returns the bucket of `base` and `delta`, the base keys the delta
    /// hides sorted: each row read from the base looks its key up by
    /// binary search ([`Sections::each_counted`]). A set of them (hashed
    /// with SipHash, a `String` copied per key and per section read) was
    /// 4 % of a warm list's instructions at 10,000 tickets.
    fn new(base: Option<Segment>, delta: Option<Segment>) -> Bucket {
        let delta = delta.map(|mut delta| {
            delta.header.removed.sort_unstable();
            delta
        });
        Bucket { base, delta }
    }

    /// Returns the shards the bucket describes.
    fn shards(&self) -> &[ShardRef] {
        match (&self.delta, &self.base) {
            (Some(delta), _) => &delta.header.shards,
            (None, Some(base)) => &base.header.shards,
            (None, None) => &[],
        }
    }

    /// Returns the section bytes of `kind` in the base and in the delta,
    /// with the base keys the delta hides.
    fn sections(&mut self, kind: Kind) -> Result<Sections<'_>, Corrupt> {
        let base = match &mut self.base {
            Some(s) => s.section(kind)?,
            None => Vec::new(),
        };
        let delta = match &mut self.delta {
            Some(s) => s.section(kind)?,
            None => Vec::new(),
        };
        let removed = match &self.delta {
            Some(s) => s.header.removed.as_slice(),
            None => &[],
        };
        Ok(Sections {
            base,
            delta,
            removed,
        })
    }

    /// Returns how many bytes the sections whose kind `reads` accepts take
    /// in the base and the delta.
    fn bytes(&self, reads: &dyn Fn(Kind) -> bool) -> u64 {
        [&self.base, &self.delta]
            .into_iter()
            .flatten()
            .map(|s| {
                s.kinds()
                    .filter(|k| reads(*k))
                    .map(|k| s.section_len(k))
                    .sum::<u64>()
            })
            .sum()
    }

    /// Returns the statuses that have rows in this bucket.
    fn statuses(&self) -> HashSet<Status> {
        [&self.base, &self.delta]
            .into_iter()
            .flatten()
            .flat_map(|s| s.kinds())
            .filter_map(|k| match k {
                Kind::Rows(status) => Some(status),
                _ => None,
            })
            .collect()
    }
}

/// The bytes of one kind of section from a base and its delta.
struct Sections<'b> {
    base: Vec<u8>,
    delta: Vec<u8>,
    /// The base keys the delta hides, sorted ([`Bucket::open`]).
    removed: &'b [String],
}

impl Sections<'_> {
    /// Calls `f` on every row that is in effect: the base's rows that the
    /// delta does not hide, then the delta's.
    fn each<'a, R: Deserialize<'a>>(
        &'a self,
        key: impl Fn(&R) -> &str,
        f: impl FnMut(R) -> Result<(), Corrupt>,
    ) -> Result<(), Corrupt> {
        let mut f = f;
        self.each_counted(&mut (), key, |_, _| {}, |_, row| f(row))
    }

    /// Like [`Sections::each`], first telling `count` how many rows each
    /// section holds (at most that many reach `f`); both get `state`.
    fn each_counted<'a, R: Deserialize<'a>, S>(
        &'a self,
        state: &mut S,
        key: impl Fn(&R) -> &str,
        count: impl Fn(&mut S, usize),
        mut f: impl FnMut(&mut S, R) -> Result<(), Corrupt>,
    ) -> Result<(), Corrupt> {
        for (bytes, filter) in [(&self.base, true), (&self.delta, false)] {
            if bytes.is_empty() {
                continue;
            }
            let rows: Vec<R> = postcard::from_bytes(bytes).map_err(|_| Corrupt)?;
            count(state, rows.len());
            for row in rows {
                if filter
                    && !self.removed.is_empty()
                    && self
                        .removed
                        .binary_search_by(|k| k.as_str().cmp(key(&row)))
                        .is_ok()
                {
                    continue;
                }
                f(state, row)?;
            }
        }
        Ok(())
    }
}

/// What to bring up to date: a bucket and its shards in the tree now.
struct Plan {
    name: String,
    shards: Vec<ShardRef>,
}

/// Groups the shards of the `tickets/` tree into buckets.
fn plans(tickets: &Tree<'_>) -> Vec<Plan> {
    let mut plans: Vec<Plan> = Vec::new();
    for entry in tickets.iter() {
        let (Some(name), Some(ObjectType::Tree)) = (entry.name(), entry.kind()) else {
            continue;
        };
        let bucket = match name.chars().next() {
            Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c.to_string(),
            _ => "_".to_string(),
        };
        let shard = ShardRef {
            name: name.to_string(),
            tree: oid_bytes(entry.id()),
        };
        match plans.iter_mut().find(|p| p.name == bucket) {
            Some(plan) => plan.shards.push(shard),
            None => plans.push(Plan {
                name: bucket,
                shards: vec![shard],
            }),
        }
    }
    plans
}

/// Brings every bucket of `tickets` up to date and calls `visit` on each,
/// in parallel unless the work is small (no bucket to rebuild, and less
/// than [`SERIAL_BYTES`] of the sections `reads` names); returns the
/// results in bucket order.
fn each_bucket<T: Send>(
    store: &Store,
    tickets: &Tree<'_>,
    progress: Option<Progress<'_>>,
    reads: &dyn Fn(Kind) -> bool,
    visit: &(dyn Fn(&mut Bucket) -> Result<T, Corrupt> + Sync),
) -> Result<Vec<T>, Error> {
    each_planned(store, plans(tickets), progress, reads, visit)
}

/// Like [`each_bucket`], for the buckets of `plans` only (the links index
/// gathers only the buckets it holds no current entry for).
fn each_planned<T: Send>(
    store: &Store,
    plans: Vec<Plan>,
    progress: Option<Progress<'_>>,
    reads: &dyn Fn(Kind) -> bool,
    visit: &(dyn Fn(&mut Bucket) -> Result<T, Corrupt> + Sync),
) -> Result<Vec<T>, Error> {
    let dir = cache_dir(store);
    let work: Vec<(Plan, Bucket)> = plans
        .into_iter()
        .map(|plan| {
            let bucket = Bucket::open(&dir, &plan.name);
            (plan, bucket)
        })
        .collect();
    let stale = work
        .iter()
        .filter(|(plan, bucket)| bucket.shards() != plan.shards.as_slice())
        .count();
    if stale > 0 && stale == work.len() {
        remove_old_cache(store);
    }
    let path = store.repo.path().to_path_buf();
    let refname = store.refname.clone();
    // The buckets rebuilt from nothing have their files read all at once,
    // each object of the packs inflated once (see `unpack`), on the same
    // threads that then rebuild the buckets, so that the memory those
    // reads leave behind is theirs to reuse.
    let mut cold = Vec::new();
    let slots: Vec<Option<usize>> = work
        .iter()
        .map(|(plan, bucket)| {
            let rebuilt_whole = bucket.base.is_none() && bucket.shards() != plan.shards.as_slice();
            rebuilt_whole.then(|| {
                cold.push(plan);
                cold.len() - 1
            })
        })
        .collect();
    // Reading the files is most of a rebuild from nothing: the progress
    // reports it as the first three quarters of the parts, and the
    // buckets' rebuilds as the rest, so that it never goes back.
    let reading = match cold.is_empty() {
        true => 0,
        false => stale * 3 / 4,
    };
    let ahead = ReadAhead::new(store, &cold, progress, reading, stale);
    drop(cold);
    let done = AtomicUsize::new(0);
    let report = || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(progress) = progress {
            progress(reading + n * (stale - reading) / stale, stale);
        }
    };
    let prefetched = |i: usize| -> Prefetched {
        match (&ahead, slots[i]) {
            (Some(ahead), Some(slot)) => std::mem::take(
                &mut *ahead.read[slot]
                    .lock()
                    .expect("no worker panics while holding a bucket"),
            ),
            _ => Prefetched::default(),
        }
    };
    let task = |own: &mut Option<Store>, i: usize, (plan, mut bucket): (Plan, Bucket)| {
        let mut fresh = false;
        if bucket.shards() != plan.shards.as_slice() {
            let store = store_for(own, &path, &refname)?;
            let mut read = prefetched(i);
            bucket = rebuild_from(store, &dir, &plan, bucket, &mut Known::default(), &mut read)?;
            fresh = true;
            report();
        }
        match visit(&mut bucket) {
            Ok(value) => Ok(value),
            Err(Corrupt) => {
                // A section failed its checksum: start the bucket afresh.
                let empty = Bucket {
                    base: None,
                    delta: None,
                };
                let store = store_for(own, &path, &refname)?;
                let mut bucket = rebuild(store, &dir, &plan, empty)?;
                if !fresh {
                    report();
                }
                Ok(visit(&mut bucket).expect("a bucket rebuilt in memory passes its own checks"))
            }
        }
    };
    let small = stale == 0
        && work
            .iter()
            .map(|(_, bucket)| bucket.bytes(reads))
            .sum::<u64>()
            < SERIAL_BYTES;
    let threads = match small {
        true => 1,
        false => std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
            .min(work.len()),
    };
    if threads <= 1 {
        let mut own = None;
        if let Some(ahead) = &ahead {
            ahead.run(&mut own, &path, &refname);
            ahead.batch.release();
        }
        return work
            .into_iter()
            .enumerate()
            .map(|(i, item)| task(&mut own, i, item))
            .collect();
    }
    let count = work.len();
    let queue: Vec<Mutex<Option<(Plan, Bucket)>>> =
        work.into_iter().map(|w| Mutex::new(Some(w))).collect();
    let results: Vec<Mutex<Option<Result<T, Error>>>> =
        (0..count).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let read_done = std::sync::Barrier::new(threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut own = None;
                if let Some(ahead) = &ahead {
                    ahead.run(&mut own, &path, &refname);
                    if read_done.wait().is_leader() {
                        ahead.batch.release();
                    }
                }
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slot) = queue.get(i) else { break };
                    let item = slot
                        .lock()
                        .expect("no worker panics while holding a slot")
                        .take()
                        .expect("each slot is taken once");
                    let result = task(&mut own, i, item);
                    *results[i]
                        .lock()
                        .expect("no worker panics while holding a slot") = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .expect("no worker panicked")
                .expect("every slot was worked on")
        })
        .collect()
}

/// The tickets of a bucket's files read ahead of its rebuild: every
/// regular file of its shards, in the order its rebuild meets them (shard
/// by shard, in tree order), with what it reads as once read.
#[derive(Default)]
struct Prefetched {
    files: Vec<(Oid, Option<Read>)>,
    /// The first file not yet taken.
    next: usize,
}

impl Prefetched {
    /// Takes what the next regular file of the bucket, `blob`, reads as,
    /// if it was read. The rebuild meets its files in the order they were
    /// planned in, so this is the file at the cursor; a file not found
    /// there (a shard whose tree could not be read ahead) is looked for
    /// further on, and read through libgit2 when it is not there either.
    fn take(&mut self, blob: Oid) -> Option<Read> {
        let at = self.next
            + self
                .files
                .get(self.next..)?
                .iter()
                .position(|f| f.0 == blob)?;
        self.next = at + 1;
        self.files[at].1.take()
    }
}

/// The ticket files of the buckets rebuilt from nothing, read ahead of
/// their rebuild by the threads that then rebuild them.
///
/// A file the pack reader declines, and a shard whose tree cannot be
/// read, are left out: the rebuild reads them through libgit2 as any
/// other, with the errors it gives.
struct ReadAhead<'p> {
    /// How many files are read ahead.
    count: usize,
    /// The paths of every file read, one after the other, and where each
    /// ends: one string for all, not one each.
    paths: String,
    path_ends: Vec<usize>,
    /// The first file (in the wanted list) of each bucket; the files of a
    /// bucket follow each other.
    firsts: Vec<usize>,
    batch: unpack::Batch,
    /// What each bucket's files read as, by position in the plans.
    read: Vec<Mutex<Prefetched>>,
    progress: Option<Progress<'p>>,
    /// The parts of the progress the reading takes, of `stale`.
    reading: usize,
    stale: usize,
    done: AtomicUsize,
}

impl<'p> ReadAhead<'p> {
    /// Plans the reads of the ticket files of the buckets of `plans`;
    /// `None` when there is none. Progress is reported as `reading` parts
    /// out of `stale` once every file is read.
    fn new(
        store: &Store,
        plans: &[&Plan],
        progress: Option<Progress<'p>>,
        reading: usize,
        stale: usize,
    ) -> Option<ReadAhead<'p>> {
        let mut wanted: Vec<Oid> = Vec::new();
        let mut paths = String::new();
        let mut path_ends = Vec::new();
        let mut firsts = Vec::with_capacity(plans.len());
        let mut read = Vec::with_capacity(plans.len());
        for plan in plans {
            firsts.push(wanted.len());
            for shard in &plan.shards {
                let id = Oid::from_bytes(&shard.tree).expect("20 bytes make an id");
                let Ok(tree) = store.repo.find_tree(id) else {
                    continue;
                };
                for entry in tree.iter() {
                    let Some(name) = entry.name().filter(|n| n.ends_with(".toml")) else {
                        continue;
                    };
                    if super::tree::not_a_file(&entry).is_none() {
                        wanted.push(entry.id());
                        paths.push_str("tickets/");
                        paths.push_str(&shard.name);
                        paths.push('/');
                        paths.push_str(name);
                        path_ends.push(paths.len());
                    }
                }
            }
            let files = wanted[firsts[firsts.len() - 1]..]
                .iter()
                .map(|&blob| (blob, None))
                .collect();
            read.push(Mutex::new(Prefetched { files, next: 0 }));
        }
        if wanted.is_empty() {
            return None;
        }
        let objects = store.repo.commondir().join("objects");
        let count = wanted.len();
        let batch = unpack::Batch::new(&objects, wanted, super::tree::MAX_READ_BYTES);
        Some(ReadAhead {
            count,
            paths,
            path_ends,
            firsts,
            batch,
            read,
            progress,
            reading,
            stale,
            done: AtomicUsize::new(0),
        })
    }

    /// Reads files until none is left, on this thread's own handle on the
    /// repository at `path`.
    fn run(&self, own: &mut Option<Store>, path: &Path, refname: &str) {
        self.batch.run(own, &|own, w, bytes| {
            let Ok(store) = store_for(own, path, refname) else {
                return;
            };
            let start = w.checked_sub(1).map_or(0, |before| self.path_ends[before]);
            let file = &self.paths[start..self.path_ends[w]];
            let bucket = self.firsts.partition_point(|&first| first <= w) - 1;
            let blob = self.batch.wanted(w);
            let read = Read::new(decode_ticket(store, file, blob, bytes));
            self.read[bucket]
                .lock()
                .expect("no reader panics while holding a bucket")
                .files[w - self.firsts[bucket]]
                .1 = Some(read);
            let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(progress) = self.progress.filter(|_| n % 256 == 0) {
                progress(n * self.reading / self.count, self.stale);
            }
        });
    }
}

/// Returns this thread's own handle on the repository: git2 repositories
/// must not be shared between threads.
fn store_for<'a>(
    own: &'a mut Option<Store>,
    path: &Path,
    refname: &str,
) -> Result<&'a Store, Error> {
    if own.is_none() {
        let repo =
            git2::Repository::open(path).context(|| format!("cannot open {}", path.display()))?;
        *own = Some(Store {
            repo,
            refname: refname.to_string(),
        });
    }
    Ok(own.as_ref().expect("opened just above"))
}

/// Reads every row in effect in a bucket into records, with the keys of
/// every row of its base (those the delta hides included); a bucket that
/// fails a check yields `None`, so it is rebuilt whole.
///
/// Without `base_rows`, the base's rows are read from its directory alone
/// (key, blob, status, short-id length; no state, links or text): a stale
/// bucket that only writes a new delta never copies them, and they are
/// most of the cache. Such records are placeholders, to be filled with
/// [`fill_base`] before a base is written from them.
fn records(bucket: &mut Bucket, base_rows: bool) -> Option<(HashMap<String, Record>, Vec<String>)> {
    let load = |bucket: &mut Bucket| -> Result<(HashMap<String, Record>, Vec<String>), Corrupt> {
        let mut out: HashMap<String, Record> = HashMap::new();
        let mut base_keys = Vec::new();
        let base_gen = bucket.base.as_ref().map(|b| b.header.generation);
        for (segment, origin) in [
            (&mut bucket.base, Origin::Base),
            (&mut bucket.delta, Origin::Delta),
        ] {
            let Some(segment) = segment else { continue };
            if origin == Origin::Delta && Some(segment.header.base) != base_gen {
                continue;
            }
            if origin == Origin::Delta {
                for key in &segment.header.removed {
                    out.remove(key);
                }
            }
            let whole = base_rows || origin == Origin::Delta;
            let rows = segment_records(segment, origin, whole)?;
            if origin == Origin::Base {
                base_keys.extend(rows.keys().cloned());
            }
            out.extend(rows);
        }
        Ok((out, base_keys))
    };
    load(bucket).ok()
}

/// Reads the rows of one segment into records of `origin`, keyed by file.
/// Without `whole`, from its directory alone: placeholders, as
/// [`records`] makes of a base's rows.
fn segment_records(
    segment: &mut Segment,
    origin: Origin,
    whole: bool,
) -> Result<HashMap<String, Record>, Corrupt> {
    let dir: Vec<DirRow> =
        postcard::from_bytes(&segment.section(Kind::Dir)?).map_err(|_| Corrupt)?;
    let mut rows: HashMap<String, Record> = dir
        .into_iter()
        .map(|dir| {
            let record = Record {
                origin,
                body: Err(String::new()),
                links: Vec::new(),
                title: String::new(),
                text: String::new(),
                dir,
            };
            (record.dir.key.clone(), record)
        })
        .collect();
    if !whole {
        return Ok(rows);
    }
    let statuses: Vec<Status> = rows.values().filter_map(|r| r.dir.status).collect();
    for status in statuses.into_iter().collect::<HashSet<_>>() {
        let bytes = segment.section(Kind::Rows(status))?;
        let list: Vec<RowIn<'_>> = postcard::from_bytes(&bytes).map_err(|_| Corrupt)?;
        for (key, _, data) in list {
            rows.get_mut(key).ok_or(Corrupt)?.body = Ok(data.to_vec());
        }
    }
    let bytes = segment.section(Kind::Broken)?;
    if !bytes.is_empty() {
        let list: Vec<(String, String)> = postcard::from_bytes(&bytes).map_err(|_| Corrupt)?;
        for (key, message) in list {
            rows.get_mut(&key).ok_or(Corrupt)?.body = Err(message);
        }
    }
    let bytes = segment.section(Kind::Links)?;
    if !bytes.is_empty() {
        let list: Vec<(String, Vec<Link>)> = postcard::from_bytes(&bytes).map_err(|_| Corrupt)?;
        for (key, links) in list {
            rows.get_mut(&key).ok_or(Corrupt)?.links = links;
        }
    }
    let bytes = segment.section(Kind::Text)?;
    if !bytes.is_empty() {
        let list: Vec<TextRow<'_>> = postcard::from_bytes(&bytes).map_err(|_| Corrupt)?;
        for (key, title, text) in list {
            let row = rows.get_mut(key).ok_or(Corrupt)?;
            row.title = title.to_string();
            row.text = text.to_string();
        }
    }
    if rows
        .values()
        .any(|r| r.dir.status.is_some() && r.body.is_err())
    {
        return Err(Corrupt);
    }
    Ok(rows)
}

/// Replaces the placeholder records of base rows (read by [`records`]
/// without `base_rows`) with the whole rows of the base; `false` when the
/// base fails a check.
fn fill_base(old: &mut Bucket, rows: &mut [Record]) -> bool {
    let Some((mut full, _)) = records(old, true) else {
        return false;
    };
    for row in rows.iter_mut().filter(|r| r.origin == Origin::Base) {
        match full.remove(&row.dir.key) {
            Some(whole) if whole.origin == Origin::Base => *row = whole,
            _ => return false,
        }
    }
    true
}

/// Brings one bucket up to date with `plan`: keeps the rows whose blob is
/// unchanged, decodes the others, and writes a delta (or a new base).
fn rebuild(store: &Store, dir: &Path, plan: &Plan, old: Bucket) -> Result<Bucket, Error> {
    rebuild_with(store, dir, plan, old, &mut Known::default())
}

/// Like [`rebuild`], taking the ticket of a changed file from `fresh`
/// (when it holds that file's blob at that path) instead of decoding it.
fn rebuild_with(
    store: &Store,
    dir: &Path,
    plan: &Plan,
    old: Bucket,
    fresh: &mut Known,
) -> Result<Bucket, Error> {
    rebuild_from(store, dir, plan, old, fresh, &mut Prefetched::default())
}

/// Like [`rebuild_with`], taking also what a changed file reads as from
/// `read` (the files read ahead by [`prefetch`]).
fn rebuild_from(
    store: &Store,
    dir: &Path,
    plan: &Plan,
    mut old: Bucket,
    fresh: &mut Known,
    read: &mut Prefetched,
) -> Result<Bucket, Error> {
    if old.base.is_some() {
        // A bucket with a base: a new delta, from its changed shards alone,
        // unless the change folds it.
        old = match delta::update(store, dir, plan, old, fresh, read)? {
            delta::Update::Done(bucket) => return Ok(bucket),
            delta::Update::Fold(bucket) => bucket,
            delta::Update::Corrupt => Bucket {
                base: None,
                delta: None,
            },
        };
    }
    let (mut previous, base_keys) = match records(&mut old, false) {
        Some(records) => records,
        None => {
            // Nothing of a bucket that fails a check is trusted, not even
            // its shard list: it is read again from git, as a new base.
            old = Bucket {
                base: None,
                delta: None,
            };
            Default::default()
        }
    };
    let known: HashMap<String, [u8; 20]> = old
        .shards()
        .iter()
        .map(|s| (s.name.clone(), s.tree))
        .collect();
    let base_count = base_keys.len();
    let mut by_shard: HashMap<String, Vec<Record>> = HashMap::new();
    for (key, record) in previous.drain() {
        let shard = key.split('/').next().unwrap_or_default().to_string();
        by_shard.entry(shard).or_default().push(record);
    }
    // Sized for every row kept or read ahead (a bucket's rows at once, not
    // grown by doubling into fresh pages).
    let mut rows: Vec<Record> =
        Vec::with_capacity(by_shard.values().map(Vec::len).sum::<usize>() + read.files.len());
    for shard in &plan.shards {
        let mut old_rows = by_shard.remove(&shard.name).unwrap_or_default();
        if known.get(&shard.name) == Some(&shard.tree) {
            rows.append(&mut old_rows);
            continue;
        }
        let tree = store
            .repo
            .find_tree(Oid::from_bytes(&shard.tree).expect("20 bytes make an id"))
            .context(|| format!("cannot read tickets/{}", shard.name))?;
        let mut old_rows: HashMap<String, Record> = old_rows
            .into_iter()
            .map(|r| (r.dir.key.clone(), r))
            .collect();
        // A file name with something other than a regular file behind it
        // (a symlink, a gitlink, a directory) is broken, named as such.
        let files: Vec<(String, Oid, Option<String>)> = tree
            .iter()
            .filter_map(|e| {
                let name = e.name().filter(|n| n.ends_with(".toml"))?;
                Some((name.to_string(), e.id(), super::tree::not_a_file(&e)))
            })
            .collect();
        // Short ids are unique within the shard, since its files share the
        // first two characters; worked out here, not on every list.
        let mut ids: Vec<TicketId> = files
            .iter()
            .filter_map(|(f, _, _)| TicketId::parse(f.strip_suffix(".toml")?).ok())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for (file, blob, wrong_kind) in files {
            let len = TicketId::parse(file.trim_end_matches(".toml"))
                .map_or(16, |id| short_len_among(&id, &ids));
            let len = u8::try_from(len).expect("ids are 16 characters");
            let key = format!("{}/{file}", shard.name);
            match old_rows.remove(&key) {
                Some(row) if row.dir.blob == oid_bytes(blob) && row.dir.short_len == len => {
                    rows.push(row);
                }
                _ => rows.push(changed_record(
                    store, read, fresh, key, blob, len, wrong_kind,
                )),
            }
        }
    }
    let kept_from_base: HashSet<&str> = rows
        .iter()
        .filter(|r| r.origin == Origin::Base)
        .map(|r| r.dir.key.as_str())
        .collect();
    let removed: Vec<String> = base_keys
        .into_iter()
        .filter(|k| !kept_from_base.contains(k.as_str()))
        .collect();
    let in_delta = rows.iter().filter(|r| r.origin != Origin::Base).count();
    let base_generation = old.base.as_ref().map(|b| b.header.generation);
    let delta_path = dir.join(format!("{}.delta", plan.name));
    let base_path = dir.join(format!("{}.base", plan.name));
    let compact = base_generation.is_none()
        || in_delta + removed.len() > MIN_DELTA.max(base_count / DELTA_SHARE);
    if compact {
        if base_generation.is_some() && !fill_base(&mut old, &mut rows) {
            // The base failed a check only now, in a section the delta
            // did not need: nothing of it is trusted.
            let empty = Bucket {
                base: None,
                delta: None,
            };
            return rebuild_from(store, dir, plan, empty, fresh, read);
        }
        let header = Header::new(new_generation(), 0, plan.shards.clone(), Vec::new());
        let all: Vec<&Record> = rows.iter().collect();
        let bytes = encode(header, &all);
        // A cache that cannot be written only costs speed next time.
        let _ = write(&base_path, &bytes);
        let _ = std::fs::remove_file(&delta_path);
        let base = Segment::from_bytes(bytes, format()).expect("a segment just encoded reads");
        return Ok(Bucket {
            base: Some(base),
            delta: None,
        });
    }
    let base = base_generation.expect("a delta is written only beside a base");
    let header = Header::new(new_generation(), base, plan.shards.clone(), removed);
    let delta: Vec<&Record> = rows.iter().filter(|r| r.origin != Origin::Base).collect();
    let bytes = encode(header, &delta);
    let _ = write(&delta_path, &bytes);
    let delta = Segment::from_bytes(bytes, format()).expect("a segment just encoded reads");
    Ok(Bucket::new(old.base, Some(delta)))
}

/// Returns a random generation number for a new segment (never 0, which
/// a base's header holds as the base it amends).
fn new_generation() -> u64 {
    loop {
        let n: u64 = rand::random();
        if n != 0 {
            break n;
        }
    }
}

/// Returns how many characters of `id` to show so that it differs from
/// every id of `sorted` (sorted, without duplicates): what
/// [`short_len`] gives over all of them, from the two ids beside `id` in
/// that order alone, since no other id shares a longer prefix with it.
/// Over every id of a shard, one `short_len` each was quadratic in the
/// shard's size (2 % of a cold list at 100,000 tickets).
fn short_len_among(id: &TicketId, sorted: &[TicketId]) -> usize {
    let (before, after) = match sorted.binary_search(id) {
        Ok(i) => (i.checked_sub(1), i + 1),
        Err(i) => (i.checked_sub(1), i),
    };
    let before = before.and_then(|i| sorted.get(i));
    short_len(id, before.into_iter().chain(sorted.get(after)))
}

/// Returns the bytes of a segment holding `rows`.
fn encode(header: Header, rows: &[&Record]) -> Vec<u8> {
    let bytes = |value: &dyn erased::Encode| value.encode();
    let dir: Vec<&DirRow> = rows.iter().map(|r| &r.dir).collect();
    let mut sections = vec![(Kind::Dir, bytes(&dir))];
    let mut statuses: Vec<Status> = rows.iter().filter_map(|r| r.dir.status).collect();
    statuses.sort();
    statuses.dedup();
    for status in statuses {
        let list: Vec<RowOut<'_>> = rows
            .iter()
            .filter(|r| r.dir.status == Some(status))
            .filter_map(|r| {
                let data = r.body.as_ref().ok()?;
                Some((
                    r.dir.key.as_str(),
                    r.dir.short_len,
                    serde_bytes::Bytes::new(data),
                ))
            })
            .collect();
        sections.push((Kind::Rows(status), bytes(&list)));
    }
    let broken: Vec<(&str, &str)> = rows
        .iter()
        .filter_map(|r| Some((r.dir.key.as_str(), r.body.as_ref().err()?.as_str())))
        .collect();
    if !broken.is_empty() {
        sections.push((Kind::Broken, bytes(&broken)));
    }
    let links: Vec<(&str, &Vec<Link>)> = rows
        .iter()
        .filter(|r| !r.links.is_empty())
        .map(|r| (r.dir.key.as_str(), &r.links))
        .collect();
    if !links.is_empty() {
        sections.push((Kind::Links, bytes(&links)));
    }
    let text: Vec<TextRow<'_>> = rows
        .iter()
        .filter(|r| r.dir.status.is_some())
        .map(|r| (r.dir.key.as_str(), r.title.as_str(), r.text.as_str()))
        .collect();
    sections.push((Kind::Text, bytes(&text)));
    segment::encode(format(), header, sections)
}

/// Serializing a value of any of the row list types to postcard bytes.
mod erased {
    /// A value that encodes to postcard bytes.
    pub(super) trait Encode {
        /// Returns its postcard bytes.
        fn encode(&self) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Encode for T {
        /// Sized first, then written into a buffer of that size: grown by
        /// doubling, a section of a few MB was copied at every step into
        /// fresh pages that the kernel zeroed, half of a cold list's page
        /// faults at 100,000 tickets.
        fn encode(&self) -> Vec<u8> {
            let size = postcard::experimental::serialized_size(self).expect("cache rows serialize");
            postcard::to_extend(self, Vec::with_capacity(size))
                .expect("cache rows serialize to memory")
        }
    }
}

/// Decodes one file to its ticket; a broken file yields its error message.
///
/// A loose blob (what a write, a script's commit or a small fetch leaves)
/// is read with the pack reader's loose read, inflated once: libgit2 opened
/// and inflated it twice, for its size and then for its bytes, and looked
/// for it among the packs first, which made reading the files a fetch of
/// 1,000 tickets changed a third of the list after it. Anything that read
/// declines (a packed blob, one over the limit, a damaged file) is read
/// through libgit2, with the errors it gives.
/// Returns the row of a bucket's file that is new or changed: as it was
/// read ahead (`read`), as a merge read it (`fresh`), or read from git;
/// `wrong_kind` names what the entry is when it is not a regular file.
fn changed_record(
    store: &Store,
    read: &mut Prefetched,
    fresh: &mut Known,
    key: String,
    blob: Oid,
    short_len: u8,
    wrong_kind: Option<String>,
) -> Record {
    if let Some(ahead) = wrong_kind.is_none().then(|| read.take(blob)).flatten() {
        return Record::of(key, blob, short_len, ahead);
    }
    let path = format!("tickets/{key}");
    let ticket = match wrong_kind {
        Some(kind) => Err(kind),
        None => match fresh.take(blob, &path) {
            Some(ticket) => Ok(ticket),
            None => read_ticket(store, &path, blob),
        },
    };
    Record::new(key, blob, short_len, ticket)
}

fn read_ticket(store: &Store, path: &str, blob: Oid) -> Result<Ticket, String> {
    thread_local! {
        static ZLIB: std::cell::RefCell<flate2::Decompress> =
            std::cell::RefCell::new(flate2::Decompress::new(true));
    }
    let objects = store.repo.commondir().join("objects");
    let loose = ZLIB.with_borrow_mut(|zlib| {
        unpack::read_loose(&objects, blob, super::tree::MAX_READ_BYTES, zlib)
    });
    if let Some(bytes) = loose {
        return decode_ticket(store, path, blob, &bytes);
    }
    match super::tree::blob_within(&store.repo, blob, path, super::tree::MAX_READ_BYTES) {
        Ok(bytes) => decode_ticket(store, path, blob, bytes.content()),
        Err(e) => Err(broken(e)),
    }
}

/// Decodes the bytes of the file `blob` at `path` to its ticket; a broken
/// file yields its error message.
fn decode_ticket(store: &Store, path: &str, blob: Oid, bytes: &[u8]) -> Result<Ticket, String> {
    let load = || -> Result<Ticket, Error> {
        let decoded = store.decode(path, bytes)?;
        store.check_path(path, &decoded.ticket)?;
        let (ticket, _) = store.settle(path, blob, decoded)?;
        Ok(ticket)
    };
    load().map_err(broken)
}

/// The message a broken file is listed with.
fn broken(e: Error) -> String {
    match e {
        Error::Malformed { cause, .. } => cause.to_string(),
        other => other.to_string(),
    }
}

/// Decodes the rows of `status` that `keep` accepts, handing each to
/// `found` with its key.
fn decode_rows(
    bucket: &mut Bucket,
    status: Status,
    keep: &dyn Fn(&str) -> bool,
    found: &mut dyn FnMut(&str, Listed),
) -> Result<(), Corrupt> {
    let sections = bucket.sections(Kind::Rows(status))?;
    sections.each(
        |row: &RowIn<'_>| row.0,
        |(key, short_len, data)| {
            if !keep(key) {
                return Ok(());
            }
            let (state, clocks): (State, Clocks) =
                postcard::from_bytes(data).map_err(|_| Corrupt)?;
            let listed = Listed {
                short_len: usize::from(short_len),
                state: Box::new(state),
                clocks,
            };
            found(key, listed);
            Ok(())
        },
    )
}

/// Adds the broken files of a bucket to `out`.
fn broken_rows(bucket: &mut Bucket, out: &mut Listing) -> Result<(), Corrupt> {
    let sections = bucket.sections(Kind::Broken)?;
    sections.each(
        |row: &(&str, &str)| row.0,
        |(key, message)| {
            out.broken.push(Broken {
                path: format!("tickets/{key}"),
                message: message.to_string(),
            });
            Ok(())
        },
    )
}

/// Lists the tickets in the `tickets/` tree whose status is `wanted`, and
/// every broken file.
pub(super) fn list(
    store: &Store,
    tickets: &Tree<'_>,
    wanted: &(dyn Fn(Status) -> bool + Sync),
    progress: Option<Progress<'_>>,
) -> Result<Listing, Error> {
    let rows = |kind| matches!(kind, Kind::Rows(status) if wanted(status));
    let parts = each_bucket(store, tickets, progress, &rows, &|bucket| {
        let mut out = Listing::default();
        let mut statuses: Vec<Status> = bucket.statuses().into_iter().collect();
        statuses.sort();
        for status in statuses.into_iter().filter(|s| wanted(*s)) {
            decode_rows(bucket, status, &|_| true, &mut |_, t| out.tickets.push(t))?;
        }
        broken_rows(bucket, &mut out)?;
        Ok(out)
    })?;
    // Sized once: growing by doubling would hold two copies at the peak.
    let mut listing = Listing {
        tickets: Vec::with_capacity(parts.iter().map(|p| p.tickets.len()).sum()),
        broken: Vec::new(),
    };
    for part in parts {
        listing.tickets.extend(part.tickets);
        listing.broken.extend(part.broken);
    }
    Ok(listing)
}

/// A cached row offered to [`scan`]'s visitor: its state, decoded with
/// every string borrowed from the cache's bytes (nothing allocated for
/// a row the visitor drops), and those bytes, which the visitor may keep
/// to decode the row again later.
pub struct ScanRow<'a> {
    /// The row's state, borrowed from the cache section.
    pub state: StateRef<'a>,
    /// Its waiting periods and reopens, for SLA clocks.
    pub clocks: Clocks,
    /// How many characters of its id to show.
    pub short_len: usize,
    bytes: &'a [u8],
}

impl ScanRow<'_> {
    /// Returns a copy of the row's encoded bytes, to decode again with
    /// [`Kept::view`] or [`Kept::load`] once the scan is over: a few
    /// hundred bytes where the decoded state takes a kilobyte or more.
    pub fn keep(&self) -> Kept {
        Kept {
            short_len: u8::try_from(self.short_len).expect("short ids are read from a u8"),
            bytes: self.bytes.into(),
        }
    }
}

/// The encoded bytes of one cached row, kept by a [`scan`] visitor.
#[derive(Clone, Debug)]
pub struct Kept {
    short_len: u8,
    bytes: Box<[u8]>,
}

impl Kept {
    /// Decodes the row again.
    pub fn load(&self) -> Listed {
        let (state, clocks): (State, Clocks) = postcard::from_bytes(&self.bytes)
            .expect("kept bytes decoded once in the scan, and bytes in memory do not change");
        Listed {
            short_len: usize::from(self.short_len),
            state: Box::new(state),
            clocks,
        }
    }

    /// Decodes the row again, its strings borrowed from the kept bytes;
    /// returns it with its clocks and short-id length.
    /// A row kept from [`scan_heads`] is decoded whole here for the first
    /// time: its bytes are from a section that passed its CRC-32 check,
    /// which holds the states the cache encoded. `None` when they do not
    /// decode all the same (a cache file altered along with its checksums).
    pub fn view(&self) -> Option<(StateRef<'_>, Clocks, usize)> {
        let (state, clocks): (StateRef<'_>, Clocks) = postcard::from_bytes(&self.bytes).ok()?;
        Some((state, clocks, usize::from(self.short_len)))
    }
}

/// What a [`scan`] kept: the visitor's value for every row it accepted,
/// in no particular order, and every broken file.
#[derive(Debug)]
pub struct Scanned<T> {
    /// The values the visitor returned, one list per part of the cache:
    /// left apart, so that the rows of 100,000 tickets are never copied
    /// into one list.
    parts: Vec<Vec<T>>,
    /// The files that could not be read.
    pub broken: Vec<Broken>,
}

impl<T> Default for Scanned<T> {
    fn default() -> Self {
        Scanned {
            parts: Vec::new(),
            broken: Vec::new(),
        }
    }
}

impl<T> Scanned<T> {
    /// Returns the values the visitor returned.
    pub fn rows(&self) -> impl Iterator<Item = &T> {
        self.parts.iter().flatten()
    }

    /// Returns how many values the visitor returned.
    pub fn len(&self) -> usize {
        self.parts.iter().map(Vec::len).sum()
    }

    /// Returns whether the visitor kept nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Decodes the rows of the statuses `wanted` one at a time and hands each
/// to `visit`, in parallel (one thread per core); keeps what it returns.
/// Unlike [`list`], no state outlives its visit unless the visitor keeps
/// it, so a big list holds only what it will show.
pub(super) fn scan<T: Send>(
    store: &Store,
    tickets: &Tree<'_>,
    wanted: &(dyn Fn(Status) -> bool + Sync),
    progress: Option<Progress<'_>>,
    visit: &(dyn Fn(ScanRow<'_>) -> Option<T> + Sync),
) -> Result<Scanned<T>, Error> {
    scan_bytes(store, tickets, wanted, progress, &|data, short_len| {
        let (state, clocks): (StateRef<'_>, Clocks) =
            postcard::from_bytes(data).map_err(|_| Corrupt)?;
        Ok(visit(ScanRow {
            state,
            clocks,
            short_len: usize::from(short_len),
            bytes: data,
        }))
    })
}

/// A cached row offered to [`scan_heads`]'s visitor: only the head of its
/// state, and its bytes, which the visitor may keep to decode the row
/// whole later ([`Kept::view`]).
pub struct HeadRow<'a> {
    /// The first fields of the row's state.
    pub head: StateHead<'a>,
    short_len: u8,
    bytes: &'a [u8],
}

impl HeadRow<'_> {
    /// Returns a copy of the row's encoded bytes, as [`ScanRow::keep`].
    pub fn keep(&self) -> Kept {
        Kept {
            short_len: self.short_len,
            bytes: self.bytes.into(),
        }
    }
}

/// Like [`scan`], but reads of each row only the head of its state
/// ([`StateHead`]: its id, status, priority and times): for a list that
/// filters by status only and sorts by those, whose shown rows are
/// decoded whole once, when they are printed.
pub(super) fn scan_heads<T: Send>(
    store: &Store,
    tickets: &Tree<'_>,
    wanted: &(dyn Fn(Status) -> bool + Sync),
    progress: Option<Progress<'_>>,
    visit: &(dyn Fn(HeadRow<'_>) -> Option<T> + Sync),
) -> Result<Scanned<T>, Error> {
    scan_bytes(store, tickets, wanted, progress, &|data, short_len| {
        let head: StateHead<'_> = postcard::from_bytes(data).map_err(|_| Corrupt)?;
        Ok(visit(HeadRow {
            head,
            short_len,
            bytes: data,
        }))
    })
}

/// What [`scan_bytes`] hands each row to: its bytes and short-id length,
/// for a value to keep (or none); `Err` when the bytes do not decode.
type RowVisit<'v, T> = dyn Fn(&[u8], u8) -> Result<Option<T>, Corrupt> + Sync + 'v;

/// Hands the bytes and short-id length of every row of the statuses
/// `wanted` to `visit`, in parallel (one thread per core), and keeps what
/// it returns; a row it cannot decode makes its bucket read as corrupt.
fn scan_bytes<T: Send>(
    store: &Store,
    tickets: &Tree<'_>,
    wanted: &(dyn Fn(Status) -> bool + Sync),
    progress: Option<Progress<'_>>,
    visit: &RowVisit<'_, T>,
) -> Result<Scanned<T>, Error> {
    let reads = |kind| matches!(kind, Kind::Rows(status) if wanted(status));
    let parts = each_bucket(store, tickets, progress, &reads, &|bucket| {
        let mut rows = Vec::new();
        let mut statuses: Vec<Status> = bucket.statuses().into_iter().collect();
        statuses.sort();
        for status in statuses.into_iter().filter(|s| wanted(*s)) {
            let sections = bucket.sections(Kind::Rows(status))?;
            sections.each_counted(
                &mut rows,
                |row: &RowIn<'_>| row.0,
                |rows, n| rows.reserve(n),
                |rows, (_, short_len, data)| {
                    rows.extend(visit(data, short_len)?);
                    Ok(())
                },
            )?;
        }
        let mut broken = Listing::default();
        broken_rows(bucket, &mut broken)?;
        Ok((rows, broken.broken))
    })?;
    let mut scanned = Scanned::default();
    for (rows, broken) in parts {
        scanned.parts.push(rows);
        scanned.broken.extend(broken);
    }
    Ok(scanned)
}

/// Returns every link as (source ticket, link).
///
/// Read from the links index, one small file where the buckets are 64,
/// for every bucket whose entry names the shards of the tip. A bucket
/// whose shards changed since (the one the last write touched) has its
/// entry brought up to date from git: only the files that differ between
/// its old and new shard trees are read. Buckets without an entry (a
/// first run, a file that failed its check) are gathered from the cache's
/// buckets, brought up to date first. The index is rewritten when any
/// entry changed.
pub(super) fn links(store: &Store, tickets: &Tree<'_>) -> Result<Vec<(TicketId, Link)>, Error> {
    let index = cache_dir(store).join(LINKS_INDEX);
    let mut known: HashMap<String, BucketLinks> = links_index::read(&index, format())
        .unwrap_or_default()
        .into_iter()
        .map(|b| (b.name.clone(), b))
        .collect();
    let plans = plans(tickets);
    let mut buckets: Vec<BucketLinks> = Vec::with_capacity(plans.len());
    let mut stale: Vec<(usize, Plan)> = Vec::new();
    let mut changed = false;
    let mut budget = MAX_LINK_READS;
    for plan in plans {
        let entry = match known.remove(&plan.name) {
            Some(entry) if entry.shards == plan.shards => Some(entry),
            Some(entry) => {
                changed = true;
                updated_links(store, entry, &plan, &mut budget)?
            }
            None => None,
        };
        match entry {
            Some(entry) => buckets.push(entry),
            None => {
                stale.push((buckets.len(), plan));
                buckets.push(BucketLinks {
                    name: String::new(),
                    shards: Vec::new(),
                    links: Vec::new(),
                });
            }
        }
    }
    // Entries left in `known` are buckets the tree no longer has.
    if !changed && stale.is_empty() && known.is_empty() {
        return Ok(buckets.into_iter().flat_map(|b| b.links).collect());
    }
    let named: Vec<(usize, String, Vec<ShardRef>)> = stale
        .iter()
        .map(|(at, plan)| (*at, plan.name.clone(), plan.shards.clone()))
        .collect();
    let gathered = bucket_links(store, stale.into_iter().map(|(_, plan)| plan).collect())?;
    for ((at, name, shards), mut links) in named.into_iter().zip(gathered) {
        sort_links(&mut links);
        buckets[at] = BucketLinks {
            name,
            shards,
            links,
        };
    }
    // An index that cannot be written only costs speed next time.
    let _ = links_index::write(&index, &links_index::encode(format(), &buckets));
    Ok(buckets.into_iter().flat_map(|b| b.links).collect())
}

/// How many ticket files one lookup of the links reads from git to bring
/// stale entries of the links index up to date; past it (a fetch that
/// changed many tickets), the buckets are gathered from the cache instead,
/// which brings them up to date for the next list as well.
const MAX_LINK_READS: usize = 64;

/// Puts a bucket's links in one order whichever way they were gathered:
/// by source ticket, each ticket's links in the order of its state.
fn sort_links(links: &mut [(TicketId, Link)]) {
    links.sort_by(|a, b| a.0.cmp(&b.0));
}

/// What is at a changed path of a shard now: its blob and, when it is not
/// a regular file, what it is instead; `None` when the file is gone.
type Now = Option<(Oid, Option<String>)>;

/// Returns `entry` brought up to date with the shards of `plan`: the links
/// of the files that differ between its shard trees and the plan's are
/// read again from git, the others kept. `None` when that would read more
/// than `budget` files (what it reads is taken off `budget`) or an old
/// shard tree is no longer in the repository.
fn updated_links(
    store: &Store,
    entry: BucketLinks,
    plan: &Plan,
    budget: &mut usize,
) -> Result<Option<BucketLinks>, Error> {
    let tree_of = |tree: &[u8; 20]| {
        Oid::from_bytes(tree)
            .ok()
            .and_then(|id| store.repo.find_tree(id).ok())
    };
    let old: HashMap<&str, &[u8; 20]> = entry
        .shards
        .iter()
        .map(|s| (s.name.as_str(), &s.tree))
        .collect();
    let new: HashSet<&str> = plan.shards.iter().map(|s| s.name.as_str()).collect();
    // Every file (by shard and name) whose links may have changed, with
    // what is there now: `None` when it is gone.
    let mut files: Vec<(String, String, Now)> = Vec::new();
    let mut gone_shards: HashSet<&str> = old.keys().copied().filter(|s| !new.contains(s)).collect();
    for shard in &plan.shards {
        let before: HashMap<String, Oid> = match old.get(shard.name.as_str()) {
            Some(tree) if **tree == shard.tree => continue,
            Some(tree) => match tree_of(tree) {
                Some(tree) => tree
                    .iter()
                    .filter_map(|e| Some((e.name()?.to_string(), e.id())))
                    .collect(),
                None => return Ok(None),
            },
            None => HashMap::new(),
        };
        let Some(now) = tree_of(&shard.tree) else {
            return Ok(None);
        };
        let mut before = before;
        for e in now.iter() {
            let Some(name) = e.name() else { continue };
            if before.remove(name) == Some(e.id()) {
                continue;
            }
            let kind = super::tree::not_a_file(&e);
            files.push((shard.name.clone(), name.to_string(), Some((e.id(), kind))));
        }
        for name in before.into_keys() {
            files.push((shard.name.clone(), name, None));
        }
        gone_shards.remove(shard.name.as_str());
    }
    if files.len() > *budget {
        return Ok(None);
    }
    *budget -= files.len();
    let source = |file: &str| TicketId::parse(file.strip_suffix(".toml")?).ok();
    let dropped: HashSet<TicketId> = files.iter().filter_map(|(_, f, _)| source(f)).collect();
    let mut links: Vec<(TicketId, Link)> = entry
        .links
        .into_iter()
        .filter(|(id, _)| !dropped.contains(id) && !gone_shards.contains(id.shard()))
        .collect();
    for (shard, file, now) in files {
        let (Some(id), Some((blob, None))) = (source(&file), now) else {
            continue;
        };
        let path = format!("tickets/{shard}/{file}");
        if let Ok(ticket) = read_ticket(store, &path, blob) {
            links.extend(ticket.state().links.iter().map(|l| (id.clone(), l.clone())));
        }
    }
    sort_links(&mut links);
    Ok(Some(BucketLinks {
        name: entry.name,
        shards: plan.shards.clone(),
        links,
    }))
}

/// The file of the links index, beside the buckets.
const LINKS_INDEX: &str = "links.idx";

/// Gathers the links of each bucket of `plans` from its links sections,
/// bringing it up to date first; returns them in the order of `plans`.
fn bucket_links(store: &Store, plans: Vec<Plan>) -> Result<Vec<Vec<(TicketId, Link)>>, Error> {
    each_planned(store, plans, None, &|kind| kind == Kind::Links, &|bucket| {
        let mut out = Vec::new();
        let sections = bucket.sections(Kind::Links)?;
        sections.each(
            |row: &(String, Vec<Link>)| row.0.as_str(),
            |(key, links)| {
                let file = key.rsplit('/').next().unwrap_or_default();
                if let Ok(id) = TicketId::parse(file.trim_end_matches(".toml")) {
                    out.extend(links.into_iter().map(|l| (id.clone(), l)));
                }
                Ok(())
            },
        )?;
        Ok(out)
    })
}

/// Search results: the matching tickets with their scores (best first is
/// for the caller to sort), and every broken file.
#[derive(Debug, Default)]
pub struct Found {
    /// Matching tickets of the wanted statuses, with their BM25 scores.
    pub tickets: Vec<(Listed, f64)>,
    /// The files that could not be read.
    pub broken: Vec<Broken>,
}

/// Searches titles, descriptions, comments and resolutions of the tickets
/// whose status is `wanted`.
pub(super) fn search(
    store: &Store,
    tickets: &Tree<'_>,
    query: &Query,
    wanted: &(dyn Fn(Status) -> bool + Sync),
    progress: Option<Progress<'_>>,
) -> Result<Found, Error> {
    let matcher = Matcher::new(query);
    let parts = each_bucket(
        store,
        tickets,
        progress,
        &|kind| kind == Kind::Text,
        &|bucket| {
            let mut corpus = Corpus {
                df: vec![0; query.len()],
                ..Corpus::default()
            };
            let mut hits: HashMap<String, Hits> = HashMap::new();
            let sections = bucket.sections(Kind::Text)?;
            sections.each(
                |row: &TextRow<'_>| row.0,
                |(key, title, body)| {
                    corpus.docs += 1;
                    corpus.total_len += (title.len() + body.len()) as u64;
                    if let Some(h) = matcher.hits(title, body, &mut corpus.df) {
                        hits.insert(key.to_string(), h);
                    }
                    Ok(())
                },
            )?;
            let mut found: Vec<(Listed, Hits)> = Vec::new();
            if !hits.is_empty() {
                let mut statuses: Vec<Status> = bucket.statuses().into_iter().collect();
                statuses.sort();
                for status in statuses.into_iter().filter(|s| wanted(*s)) {
                    decode_rows(
                        bucket,
                        status,
                        &|key| hits.contains_key(key),
                        &mut |key, t| {
                            if let Some(h) = hits.get(key) {
                                found.push((t, h.clone()));
                            }
                        },
                    )?;
                }
            }
            let mut out = Listing::default();
            broken_rows(bucket, &mut out)?;
            Ok((corpus, found, out.broken))
        },
    )?;
    let mut corpus = Corpus {
        df: vec![0; query.len()],
        ..Corpus::default()
    };
    for (part, _, _) in &parts {
        corpus.add(part);
    }
    let mut found = Found::default();
    for (_, tickets, broken) in parts {
        found.tickets.extend(tickets.into_iter().map(|(t, hits)| {
            let score = corpus.score(&hits);
            (t, score)
        }));
        found.broken.extend(broken);
    }
    Ok(found)
}

/// Returns the cache directory of the store's ref.
fn cache_dir(store: &Store) -> PathBuf {
    store.local_dir().join("cache").join(ref_file_name(store))
}

fn ref_file_name(store: &Store) -> String {
    store
        .refname
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Removes the single-file cache of earlier tk versions, once everything
/// is rebuilt anyway.
fn remove_old_cache(store: &Store) {
    let base = store.local_dir().join("cache");
    let name = ref_file_name(store);
    let _ = std::fs::remove_file(base.join(format!("{name}.bin")));
    let _ = std::fs::remove_file(base.join(format!("{name}.links.bin")));
}

/// Writes a cache file atomically, so a concurrent reader sees the old
/// file or the new one, never half of one.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |context, cause| Error::Io {
        context,
        path: path.to_path_buf(),
        cause,
    };
    let dir = path.parent().expect("the cache path has a directory");
    std::fs::create_dir_all(dir).map_err(|e| io("cannot create", e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static SEQ: AtomicUsize = AtomicUsize::new(0);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".tmp-{}-{seq}-{name}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io("cannot write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io("cannot replace", e)
    })
}
