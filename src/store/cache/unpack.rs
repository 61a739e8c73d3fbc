//! Reading many blobs at once, for a cache rebuilt from nothing: every
//! ticket file on the ref, each object of the packs inflated once.
//!
//! Through libgit2, one blob at a time, a cold list at 100,000 tickets
//! inflated about three zlib streams per ticket file: a packed file is a
//! delta on a delta (chains up to 13 deep), libgit2 keeps only the
//! intermediate objects of a chain in its small base cache, and the bases
//! of one file are scattered over the whole pack. Here the reader first
//! works out, from the entry headers alone, which entries the wanted blobs
//! need and which delta is built on which, then walks that forest base
//! first (as `git index-pack` resolves a pack): each entry is read with one
//! `pread` of exactly its bytes and inflated once, each delta applied on
//! its base while the base is in hand, and a base is dropped once its
//! deltas are done, so memory holds one chain at a time per thread.
//!
//! The size limit is checked before anything is inflated whole: a whole
//! object's size is in its entry header, a delta's result size in the
//! delta's first bytes, and a delta's own data may not be much larger than
//! the limit. A loose blob is inflated once, its size read from the first
//! bytes of the stream.
//!
//! It knows only the common case: version 2 pack indexes under
//! `objects/pack`, offset and reference deltas within one pack, loose
//! objects. Anything else (an object it does not find, a type other than
//! blob, a size over the limit, a damaged stream or delta) makes it
//! decline that blob, and the caller reads it through libgit2, with the
//! errors it always gave: this reader never decides that a file is broken,
//! it only answers faster when it is sound.

use flate2::{Decompress, FlushDecompress, Status};
use git2::Oid;
use libdeflater::Decompressor;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};

/// Object type numbers of the pack format.
const BLOB: u8 = 3;
const OFS_DELTA: u8 = 6;
const REF_DELTA: u8 = 7;

/// The longest delta chain followed; git's own default depth is 50.
const MAX_DEPTH: usize = 64;

/// The reads of many blobs, planned once and shared by the threads that
/// make them: each calls [`Batch::run`], then the batch is dropped (or
/// [`Batch::release`]d, when the threads go on with other work).
pub(super) struct Batch {
    objects: PathBuf,
    wanted: Vec<Oid>,
    limit: u64,
    /// The packs and the entries the wanted blobs need; emptied by
    /// [`Batch::release`].
    plan: RwLock<Plan>,
    next: AtomicUsize,
    missed: Mutex<Vec<usize>>,
}

/// What a batch reads, and where from.
#[derive(Default)]
struct Plan {
    packs: Vec<Pack>,
    forest: Forest,
    work: Vec<Work>,
}

impl Batch {
    /// Plans the reads of the blobs `wanted` from the object directory
    /// `objects`, each within `limit` bytes: finds them in the packs and
    /// works out, from the entry headers, which delta is built on which.
    pub(super) fn new(objects: &Path, wanted: Vec<Oid>, limit: u64) -> Batch {
        let packs = open_packs(objects);
        // The plan is made before any thread can start reading, with the
        // other cores idle: the blobs of a large one are looked up in the
        // indexes and their entries' headers read on two threads at once,
        // and only the rest (their bases, the nodes) on this one (at
        // 100,000 tickets the plan was 0.3 s of wall time on one core,
        // most of it those lookups and reads).
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (forest, loose) =
            Forest::plan(&packs, &wanted, wanted.len() >= SPLIT_PLAN && cores > 1);
        let work: Vec<Work> = forest
            .roots()
            .into_iter()
            .map(Work::Root)
            .chain(loose.into_iter().map(Work::Loose))
            .collect();
        Batch {
            objects: objects.to_path_buf(),
            wanted,
            limit,
            plan: RwLock::new(Plan {
                packs,
                forest,
                work,
            }),
            next: AtomicUsize::new(0),
            missed: Mutex::new(Vec::new()),
        }
    }

    /// Returns the blob at position `w` of the wanted list.
    pub(super) fn wanted(&self, w: usize) -> Oid {
        self.wanted[w]
    }

    /// Makes reads of the batch until none is left, calling `found` with
    /// `state`, the blob's position in the wanted list and its bytes, once
    /// per position read, in an order of the batch's own. Any number of
    /// threads may run a batch at once.
    pub(super) fn run<S>(&self, state: &mut S, found: &(dyn Fn(&mut S, usize, &[u8]) + Sync)) {
        let plan = self.plan.read().expect("no reader panics while planning");
        let mut zlib = Decompress::new(true);
        let mut deflate = Decompressor::new();
        let mut input = Vec::new();
        let mut missed = Vec::new();
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = plan.work.get(i) else { break };
            match *item {
                Work::Root(n) => {
                    let mut walk = Walk {
                        packs: &plan.packs,
                        forest: &plan.forest,
                        limit: self.limit,
                        deflate: &mut deflate,
                        input: &mut input,
                        missed: &mut missed,
                    };
                    walk.resolve(n, None, &mut |w, bytes| found(state, w, bytes));
                }
                Work::Loose(w) => {
                    match read_loose(&self.objects, self.wanted[w], self.limit, &mut zlib) {
                        Some(bytes) => found(state, w, &bytes),
                        None => missed.push(w),
                    }
                }
            }
        }
        self.missed
            .lock()
            .expect("no reader panics while holding the list")
            .append(&mut missed);
    }

    /// Frees the plan, once every thread is done with [`Batch::run`]: the
    /// threads that go on with other work need not keep it.
    pub(super) fn release(&self) {
        *self.plan.write().expect("no reader panicked") = Plan::default();
    }

    /// Returns the positions the batch did not read, once every run is
    /// done (the cache's rebuild needs no list: it reads through libgit2
    /// every file it was not handed).
    #[cfg(test)]
    fn missed(self) -> Vec<usize> {
        let mut missed = self.missed.into_inner().expect("no reader panicked");
        missed.sort_unstable();
        missed
    }
}

/// Reads the blobs `wanted` on `threads` threads, as a [`Batch`] does,
/// each thread with its own state made by `init`; returns the positions
/// it did not read.
#[cfg(test)]
fn each_blob<S>(
    objects: &Path,
    wanted: &[Oid],
    limit: u64,
    threads: usize,
    init: &(dyn Fn() -> S + Sync),
    found: &(dyn Fn(&mut S, usize, &[u8]) + Sync),
) -> Vec<usize> {
    let batch = Batch::new(objects, wanted.to_vec(), limit);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| batch.run(&mut init(), found));
        }
    });
    batch.missed()
}

/// One piece of a reader's work.
enum Work {
    /// A whole object and every delta built on it, by node.
    Root(usize),
    /// A blob in no pack, by its position in the wanted list.
    Loose(usize),
}

/// One pack and its index.
struct Pack {
    file: File,
    /// Where the entries end: the pack's length less its trailing checksum.
    data_end: u64,
    /// The whole `.idx` file.
    index: Vec<u8>,
    count: usize,
    /// The offsets of every entry, sorted: an entry ends where the next
    /// begins.
    starts: Vec<u64>,
}

/// Opens the version 2 packs under `objects`; a pack that cannot be read
/// is left out (its objects are then declined, for libgit2 to read).
fn open_packs(objects: &Path) -> Vec<Pack> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(objects.join("pack"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "idx"))
        .collect();
    names.sort();
    names.iter().filter_map(|idx| Pack::open(idx)).collect()
}

impl Pack {
    fn open(idx: &Path) -> Option<Pack> {
        let index = std::fs::read(idx).ok()?;
        // Header, fan-out, and the trailing pack and index checksums.
        if index.len() < 8 + 256 * 4 + 40 || index[..8] != [0xff, b't', b'O', b'c', 0, 0, 0, 2] {
            return None;
        }
        let count = be32(&index, 8 + 255 * 4)? as usize;
        // Names, CRCs and offsets of every entry must fit.
        if index.len() < 8 + 256 * 4 + count * 28 + 40 {
            return None;
        }
        let file = File::open(idx.with_extension("pack")).ok()?;
        let data_end = file.metadata().ok()?.len().checked_sub(20)?;
        let mut pack = Pack {
            file,
            data_end,
            index,
            count,
            starts: Vec::new(),
        };
        let mut starts = (0..count)
            .map(|n| pack.offset_at(n))
            .collect::<Option<Vec<u64>>>()?;
        starts.sort_unstable();
        if starts.last().is_some_and(|&last| last >= data_end) {
            return None;
        }
        pack.starts = starts;
        Some(pack)
    }

    /// Returns the offset of the entry named `id`, by binary search in the
    /// index's sorted names.
    fn offset_of(&self, id: &[u8]) -> Option<u64> {
        let first = usize::from(*id.first()?);
        let lo = match first {
            0 => 0,
            n => be32(&self.index, 8 + (n - 1) * 4)? as usize,
        };
        let hi = (be32(&self.index, 8 + first * 4)? as usize).min(self.count);
        let names = 8 + 256 * 4;
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let name = self.index.get(names + mid * 20..names + mid * 20 + 20)?;
            // The first eight bytes decide almost every step, without a
            // call to compare slices.
            let order = match (prefix(name), prefix(id)) {
                (Some(a), Some(b)) if a != b => a.cmp(&b),
                _ => name.cmp(id),
            };
            match order {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.offset_at(mid),
            }
        }
        None
    }

    /// Returns the offset of the `n`th entry of the index.
    fn offset_at(&self, n: usize) -> Option<u64> {
        let offsets = 8 + 256 * 4 + self.count * 24;
        let small = be32(&self.index, offsets + n * 4)?;
        if small & 0x8000_0000 == 0 {
            return Some(u64::from(small));
        }
        let large = offsets + self.count * 4 + (small & 0x7fff_ffff) as usize * 8;
        let bytes = self.index.get(large..large + 8)?;
        Some(u64::from_be_bytes(bytes.try_into().ok()?))
    }

    /// Reads the header of the entry at position `entry` of the sorted
    /// offsets; `None` when it is not one this reader knows.
    fn head(&self, entry: usize) -> Option<Head> {
        let offset = *self.starts.get(entry)?;
        let end = self.starts.get(entry + 1).copied().unwrap_or(self.data_end);
        // A type and size varint, then an offset varint or a base id.
        let mut buf = [0; 32];
        let head = &mut buf[..usize::try_from(end - offset).map_or(32, |n| n.min(32))];
        self.file.read_exact_at(head, offset).ok()?;
        let head = &*head;
        let first = *head.first()?;
        let kind = (first >> 4) & 7;
        let mut size = u64::from(first & 15);
        let mut at = 1;
        let mut shift = 4;
        let mut byte = first;
        while byte & 0x80 != 0 {
            byte = *head.get(at)?;
            at += 1;
            if shift > 56 {
                return None;
            }
            size |= u64::from(byte & 0x7f) << shift;
            shift += 7;
        }
        let base = match kind {
            1..=4 => None,
            OFS_DELTA => {
                let mut byte = *head.get(at)?;
                at += 1;
                let mut back = u64::from(byte & 0x7f);
                while byte & 0x80 != 0 {
                    byte = *head.get(at)?;
                    at += 1;
                    back = back.checked_add(1)?.checked_mul(128)? | u64::from(byte & 0x7f);
                }
                Some(offset.checked_sub(back).filter(|&o| o > 0)?)
            }
            REF_DELTA => {
                let id = head.get(at..at + 20)?;
                at += 20;
                Some(self.offset_of(id)?)
            }
            _ => return None,
        };
        Some(Head {
            entry,
            kind,
            size,
            data: offset + at as u64,
            end,
            base,
        })
    }

    /// Reads the bytes `from..to` of the pack into `buf`.
    fn read(&self, from: u64, to: u64, buf: &mut Vec<u8>) -> Option<()> {
        let len = usize::try_from(to.checked_sub(from)?).ok()?;
        buf.clear();
        buf.resize(len, 0);
        self.file.read_exact_at(buf, from).ok()
    }
}

/// What an entry's header says, read apart from any forest (so that the
/// headers of the wanted blobs can be read on several threads at once).
#[derive(Clone, Copy)]
struct Head {
    /// Its position in the pack's sorted offsets.
    entry: usize,
    kind: u8,
    size: u64,
    /// Where its zlib stream starts and where the entry ends.
    data: u64,
    end: u64,
    /// For a delta, the offset of its base.
    base: Option<u64>,
}

/// Returns, for each blob of `wanted`, its pack and its entry's header;
/// `None` for a blob in no pack, or whose header this reader does not
/// know (it is then declined or read as a loose object).
fn locate(packs: &[Pack], wanted: &[Oid]) -> Vec<Option<(usize, Head)>> {
    wanted
        .iter()
        .map(|id| {
            let (p, offset) = packs
                .iter()
                .enumerate()
                .find_map(|(p, pack)| Some((p, pack.offset_of(id.as_bytes())?)))?;
            let pack = &packs[p];
            Some((p, pack.head(pack.starts.binary_search(&offset).ok()?)?))
        })
        .collect()
}

/// Returns the first eight bytes of an object id as a number that sorts
/// as they do.
fn prefix(id: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(id.get(..8)?.try_into().ok()?))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The entries the wanted blobs need, each linked to the deltas built on
/// it.
#[derive(Default)]
struct Forest {
    nodes: Vec<Node>,
    /// Node by pack and entry (its position in the pack's sorted
    /// offsets), [`NO_NODE`] where there is none: planning looked each
    /// entry up in a hash map by pack and offset three times, a quarter of
    /// the planning that one thread does while the others wait.
    at: Vec<Vec<u32>>,
}

/// No node for this entry (yet).
const NO_NODE: u32 = u32::MAX;

/// One pack entry the wanted blobs need.
struct Node {
    pack: usize,
    kind: u8,
    /// The inflated size of the entry's data (for a delta, of the delta).
    size: u64,
    /// Where its zlib stream starts and where the entry ends.
    data: u64,
    end: u64,
    /// For a delta, its base; `None` for a whole object.
    base: Option<usize>,
    deltas: Vec<usize>,
    /// Its positions in the wanted list.
    wants: Vec<usize>,
}

/// The number of wanted blobs from which the plan is made in two halves
/// at once (below it, a thread costs more than it saves).
const SPLIT_PLAN: usize = 4096;

impl Forest {
    /// Returns the forest of the blobs `wanted`, and the positions of
    /// those in no pack (or declined at once), to be read as loose objects;
    /// with `split`, the blobs are looked up and their headers read on two
    /// threads.
    fn plan(packs: &[Pack], wanted: &[Oid], split: bool) -> (Forest, Vec<usize>) {
        let places = match split {
            false => locate(packs, wanted),
            true => {
                let (first, second) = wanted.split_at(wanted.len() / 2);
                std::thread::scope(|scope| {
                    let other = scope.spawn(|| locate(packs, second));
                    let mut places = locate(packs, first);
                    places.extend(other.join().expect("reading headers does not panic"));
                    places
                })
            }
        };
        // Sized for the wanted blobs at once (their bases add a third at
        // 100,000 tickets): grown by doubling, the nodes were copied and
        // their fresh pages faulted in, while the other cores wait.
        let mut forest = Forest {
            nodes: Vec::with_capacity(wanted.len() + wanted.len() / 2),
            at: Vec::new(),
        };
        let mut loose = Vec::new();
        for (w, place) in places.into_iter().enumerate() {
            let node = place.and_then(|(p, head)| match forest.existing(packs, p, head.entry)? {
                Some(n) => Some(n),
                None => forest.add(packs, p, head, 0),
            });
            match node {
                Some(n) => forest.nodes[n].wants.push(w),
                None => loose.push(w),
            }
        }
        (forest, loose)
    }

    /// Returns the node of entry `entry` of pack `p`, if there is one
    /// yet; `None` when the pack has no such entry.
    fn existing(&mut self, packs: &[Pack], p: usize, entry: usize) -> Option<Option<usize>> {
        let pack = packs.get(p)?;
        if self.at.len() <= p {
            self.at.resize_with(p + 1, Vec::new);
        }
        if self.at[p].is_empty() {
            self.at[p] = vec![NO_NODE; pack.starts.len()];
        }
        match *self.at[p].get(entry)? {
            NO_NODE => Some(None),
            n => Some(Some(n as usize)),
        }
    }

    /// Returns the node of the entry at `offset` of pack `p`, adding it
    /// and the entries its chain goes through; `None` when an entry's
    /// header is not one this reader knows, or the chain is too deep.
    fn node(&mut self, packs: &[Pack], p: usize, offset: u64, depth: usize) -> Option<usize> {
        let pack = packs.get(p)?;
        // An offset where no entry starts (a damaged delta) is no entry.
        let entry = pack.starts.binary_search(&offset).ok()?;
        match self.existing(packs, p, entry)? {
            Some(n) => Some(n),
            None => self.add(packs, p, pack.head(entry)?, depth),
        }
    }

    /// Adds the node of the entry whose header is `head` (in pack `p`, with
    /// no node yet), and the entries its chain goes through.
    fn add(&mut self, packs: &[Pack], p: usize, head: Head, depth: usize) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        let base = match head.base {
            Some(base) => Some(self.node(packs, p, base, depth + 1)?),
            None => None,
        };
        let n = self.nodes.len();
        let slot = u32::try_from(n).ok().filter(|&n| n != NO_NODE)?;
        self.nodes.push(Node {
            pack: p,
            kind: head.kind,
            size: head.size,
            data: head.data,
            end: head.end,
            base,
            deltas: Vec::new(),
            wants: Vec::new(),
        });
        if let Some(base) = base {
            self.nodes[base].deltas.push(n);
        }
        self.at[p][head.entry] = slot;
        Some(n)
    }

    /// Returns the whole objects the others are built on, those with the
    /// most wanted blobs first, so that the threads finish together.
    fn roots(&self) -> Vec<usize> {
        // A base is always added before the deltas built on it.
        let mut weight: Vec<usize> = self.nodes.iter().map(|n| n.wants.len()).collect();
        for n in (0..self.nodes.len()).rev() {
            if let Some(base) = self.nodes[n].base {
                weight[base] += weight[n];
            }
        }
        let mut roots: Vec<usize> = (0..self.nodes.len())
            .filter(|&n| self.nodes[n].base.is_none() && weight[n] > 0)
            .collect();
        roots.sort_by_key(|&n| std::cmp::Reverse(weight[n]));
        roots
    }
}

/// One thread's walk over the forest.
struct Walk<'a> {
    packs: &'a [Pack],
    forest: &'a Forest,
    limit: u64,
    deflate: &'a mut Decompressor,
    /// The bytes of the entry being read.
    input: &'a mut Vec<u8>,
    missed: &'a mut Vec<usize>,
}

impl Walk<'_> {
    /// Resolves node `n` (on `base`, the bytes of its base, for a delta),
    /// hands it to `found` for each of its positions, and resolves the
    /// deltas built on it; whatever cannot be resolved is declined, with
    /// every delta built on it.
    fn resolve(&mut self, n: usize, base: Option<&[u8]>, found: &mut dyn FnMut(usize, &[u8])) {
        let forest = self.forest;
        let node = &forest.nodes[n];
        let Some(bytes) = self.object(node, base) else {
            self.decline(n);
            return;
        };
        for &w in &node.wants {
            found(w, &bytes);
        }
        for &delta in &node.deltas {
            self.resolve(delta, Some(&bytes), found);
        }
    }

    /// Returns the bytes of the object at `node`; `None` when it is not a
    /// blob within the limit or anything looks wrong.
    fn object(&mut self, node: &Node, base: Option<&[u8]>) -> Option<Vec<u8>> {
        match base {
            None => {
                if node.kind != BLOB || node.size > self.limit {
                    return None;
                }
                self.inflate(node)
            }
            Some(base) => {
                // An insertion takes a byte of delta more per 127 bytes,
                // and git writes a copy only where it is shorter than the
                // bytes it copies: a delta much larger than the limit is
                // not one git wrote for an object within it (declined, it
                // is read by libgit2).
                let bound = self
                    .limit
                    .saturating_add(self.limit / 64)
                    .saturating_add(64);
                if node.size > bound {
                    return None;
                }
                let delta = self.inflate(node)?;
                let (base_size, at) = varint(&delta, 0)?;
                let (size, at) = varint(&delta, at)?;
                if size > self.limit || base.len() as u64 != base_size {
                    return None;
                }
                apply(base, delta.get(at..)?, size)
            }
        }
    }

    /// Inflates the zlib stream of `node` to exactly its size.
    ///
    /// The size is known from the entry's header, so the stream is
    /// inflated in one call into a buffer of that size by libdeflate,
    /// which checks the stream's Adler-32 as zlib does, and refuses a
    /// stream that inflates to more (`InsufficientSpace`) or is damaged.
    /// Ticket files are small streams, and zlib spent about as long
    /// building each one's Huffman tables as inflating it.
    fn inflate(&mut self, node: &Node) -> Option<Vec<u8>> {
        let pack = self.packs.get(node.pack)?;
        pack.read(node.data, node.end, self.input)?;
        let mut out = vec![0; usize::try_from(node.size).ok()?];
        let len = self.deflate.zlib_decompress(self.input, &mut out).ok()?;
        (len == out.len()).then_some(out)
    }

    /// Declines every wanted blob of node `n` and of the deltas built on
    /// it.
    fn decline(&mut self, n: usize) {
        let mut stack = vec![n];
        while let Some(n) = stack.pop() {
            let node = &self.forest.nodes[n];
            self.missed.extend_from_slice(&node.wants);
            stack.extend_from_slice(&node.deltas);
        }
    }
}

/// Reads a loose blob, inflating it once: its size comes first in the
/// stream (`blob <size>\0`) and is checked before the rest is inflated.
pub(super) fn read_loose(
    objects: &Path,
    id: Oid,
    limit: u64,
    zlib: &mut Decompress,
) -> Option<Vec<u8>> {
    let hex = id.to_string();
    let input = std::fs::read(objects.join(&hex[..2]).join(&hex[2..])).ok()?;
    zlib.reset(true);
    // 32 bytes hold the header of any size up to 2^64.
    let mut head = Vec::with_capacity(32);
    zlib.decompress_vec(&input, &mut head, FlushDecompress::None)
        .ok()?;
    let nul = head.iter().position(|&b| b == 0)?;
    let size: u64 = std::str::from_utf8(head.get(..nul)?.strip_prefix(b"blob ")?)
        .ok()?
        .parse()
        .ok()?;
    if size > limit {
        return None;
    }
    let mut out = Vec::with_capacity(usize::try_from(size).ok()?);
    out.extend_from_slice(head.get(nul + 1..)?);
    let used = usize::try_from(zlib.total_in()).ok()?;
    let status = zlib
        .decompress_vec(input.get(used..)?, &mut out, FlushDecompress::Finish)
        .ok()?;
    (status == Status::StreamEnd && out.len() as u64 == size).then_some(out)
}

/// Reads a delta's size varint at `at`; returns it and where it ends.
fn varint(bytes: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at)?;
        at += 1;
        if shift > 63 {
            return None;
        }
        value |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
}

/// Applies the delta instructions `ops` to `base`, giving `size` bytes.
fn apply(base: &[u8], ops: &[u8], size: u64) -> Option<Vec<u8>> {
    let size = usize::try_from(size).ok()?;
    let mut out = Vec::with_capacity(size);
    let mut at = 0;
    while at < ops.len() {
        let op = ops[at];
        at += 1;
        if op & 0x80 != 0 {
            let mut offset = 0usize;
            let mut len = 0usize;
            for bit in 0..4 {
                if op & (1 << bit) != 0 {
                    offset |= usize::from(*ops.get(at)?) << (8 * bit);
                    at += 1;
                }
            }
            for bit in 0..3 {
                if op & (0x10 << bit) != 0 {
                    len |= usize::from(*ops.get(at)?) << (8 * bit);
                    at += 1;
                }
            }
            if len == 0 {
                len = 0x10000;
            }
            let piece = base.get(offset..offset.checked_add(len)?)?;
            if out.len() + piece.len() > size {
                return None;
            }
            out.extend_from_slice(piece);
        } else if op != 0 {
            let piece = ops.get(at..at + usize::from(op))?;
            at += usize::from(op);
            if out.len() + piece.len() > size {
                return None;
            }
            out.extend_from_slice(piece);
        } else {
            return None;
        }
    }
    (out.len() == size).then_some(out)
}

#[cfg(test)]
mod tests;
