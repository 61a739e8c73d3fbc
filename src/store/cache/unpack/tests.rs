use super::*;
use git2::Repository;
use std::os::unix::fs::PermissionsExt;

/// A repository whose blobs are similar files (so that the pack holds
/// delta chains), all packed by libgit2, plus one loose blob.
struct Fixture {
    _dir: tempfile::TempDir,
    repo: Repository,
    packed: Vec<Oid>,
    loose: Oid,
}

fn text(n: usize) -> String {
    let mut text = String::from("schema = 1\ntitle = \"A ticket\"\n");
    for line in 0..=n {
        text.push_str(&format!(
            "[[events]]\nclock = {line}\nbody = \"line {line} of the file\"\n"
        ));
    }
    text
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("can create a temp dir");
    let repo = Repository::init(dir.path()).expect("can init a repository");
    let packed: Vec<Oid> = (0..60)
        .map(|n| repo.blob(text(n).as_bytes()).expect("can write a blob"))
        .collect();
    {
        let mut builder = repo.packbuilder().expect("can build a pack");
        for (n, id) in packed.iter().enumerate() {
            builder
                .insert_object(*id, Some(&format!("t{}.toml", n % 3)))
                .expect("can add a blob to the pack");
        }
        let pack_dir = repo.path().join("objects/pack");
        builder.write(&pack_dir, 0o444).expect("can write the pack");
    }
    for id in &packed {
        let hex = id.to_string();
        let _ = std::fs::remove_file(repo.path().join("objects").join(&hex[..2]).join(&hex[2..]));
    }
    let loose = repo.blob(text(200).as_bytes()).expect("can write a blob");
    Fixture {
        _dir: dir,
        repo,
        packed,
        loose,
    }
}

fn objects(repo: &Repository) -> PathBuf {
    repo.path().join("objects")
}

/// Reads `wanted` on `threads` threads; returns what was found at each
/// position (failing if a position is found twice) and what was missed.
fn read_all(
    objects: &Path,
    wanted: &[Oid],
    limit: u64,
    threads: usize,
) -> (Vec<Option<Vec<u8>>>, Vec<usize>) {
    let found: Vec<Mutex<Option<Vec<u8>>>> = wanted.iter().map(|_| Mutex::new(None)).collect();
    let missed = each_blob(objects, wanted, limit, threads, &|| (), &|_, w, bytes| {
        let mut slot = found[w].lock().expect("no test thread panics");
        assert!(slot.is_none(), "position {w} found twice");
        *slot = Some(bytes.to_vec());
    });
    let found = found
        .into_iter()
        .map(|m| m.into_inner().expect("no test thread panicked"))
        .collect();
    (found, missed)
}

#[test]
fn every_packed_and_loose_blob_reads_as_libgit2_reads_it() {
    let f = fixture();
    let packs = open_packs(&objects(&f.repo));
    let mut forest = Forest::default();
    for id in &f.packed {
        let offset = packs[0]
            .offset_of(id.as_bytes())
            .expect("the blob is packed");
        forest.node(&packs, 0, offset, 0).expect("a sound entry");
    }
    let deltas = forest.nodes.iter().filter(|n| n.base.is_some()).count();
    assert!(deltas > 10, "the pack holds deltas ({deltas})");
    assert!(packs[0].offset_of(f.loose.as_bytes()).is_none());
    // Every blob, one of them twice, in one order and the other.
    let mut wanted: Vec<Oid> = f
        .packed
        .iter()
        .copied()
        .chain([f.loose, f.packed[7]])
        .collect();
    for threads in [1, 2, 3] {
        let (found, missed) = read_all(&objects(&f.repo), &wanted, u64::MAX, threads);
        assert_eq!(missed, Vec::<usize>::new());
        for (id, bytes) in wanted.iter().zip(found) {
            let expected = f.repo.find_blob(*id).expect("the blob is stored");
            assert_eq!(bytes.as_deref(), Some(expected.content()), "blob {id}");
        }
        wanted.reverse();
    }
}

#[test]
fn a_blob_over_the_limit_is_declined_before_it_is_read() {
    let f = fixture();
    let all: Vec<Oid> = f.packed.iter().copied().chain([f.loose]).collect();
    let sizes: Vec<u64> = all
        .iter()
        .map(|id| f.repo.find_blob(*id).expect("stored").size() as u64)
        .collect();
    let largest = sizes.iter().copied().max().expect("there are blobs");
    for (id, size) in all.iter().zip(sizes) {
        let (found, missed) = read_all(&objects(&f.repo), &[*id], size - 1, 1);
        assert_eq!(
            (found, missed),
            (vec![None], vec![0]),
            "blob {id} of {size} bytes"
        );
        // The limit holds for every object of a delta chain, whose bases
        // may be larger than the blob read: at the largest size, all read.
        let (found, _) = read_all(&objects(&f.repo), &[*id], largest, 1);
        assert!(found[0].is_some(), "blob {id} at the limit");
    }
}

#[test]
fn what_is_not_a_blob_is_declined() {
    let f = fixture();
    let tree = {
        let mut builder = f.repo.treebuilder(None).expect("can build a tree");
        builder
            .insert("a.toml", f.packed[0], 0o100644)
            .expect("can add an entry");
        builder.write().expect("can write the tree")
    };
    let mut packs_builder = f.repo.packbuilder().expect("can build a pack");
    packs_builder
        .insert_object(tree, None)
        .expect("can add the tree");
    packs_builder
        .write(&f.repo.path().join("objects/pack"), 0o444)
        .expect("can write the pack");
    let unknown = Oid::from_bytes(&[7; 20]).expect("20 bytes make an id");
    let (found, missed) = read_all(
        &objects(&f.repo),
        &[tree, unknown, f.packed[0]],
        u64::MAX,
        1,
    );
    assert_eq!(missed, vec![0, 1]);
    assert_eq!(found[..2], [None, None]);
    assert!(found[2].is_some(), "the blob in the first pack still reads");
}

#[test]
fn a_damaged_pack_or_loose_file_is_declined_never_misread() {
    let f = fixture();
    let pack_dir = f.repo.path().join("objects/pack");
    let pack = std::fs::read_dir(&pack_dir)
        .expect("the pack directory exists")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pack"))
        .expect("a pack was written");
    let original = std::fs::read(&pack).expect("the pack reads");
    let expected: Vec<Vec<u8>> = f
        .packed
        .iter()
        .map(|id| f.repo.find_blob(*id).expect("stored").content().to_vec())
        .collect();
    std::fs::set_permissions(&pack, std::fs::Permissions::from_mode(0o644))
        .expect("can make the pack writable");
    let mut declined = 0;
    // Bytes of the entries' data, flipped in turn (the 12-byte header and
    // the 20-byte trailer are not read by this reader).
    for at in (12..original.len() - 20).step_by(7) {
        let mut damaged = original.clone();
        damaged[at] ^= 0x55;
        std::fs::write(&pack, &damaged).expect("can damage the pack");
        let (found, missed) = read_all(&objects(&f.repo), &f.packed, u64::MAX, 2);
        declined += missed.len();
        for ((id, bytes), read) in f.packed.iter().zip(&expected).zip(found) {
            if let Some(read) = read {
                assert_eq!(&read, bytes, "blob {id} with byte {at} flipped");
            }
        }
    }
    assert!(declined > 0, "some damage was seen");
    let hex = f.loose.to_string();
    let loose = objects(&f.repo).join(&hex[..2]).join(&hex[2..]);
    let bytes = std::fs::read(&loose).expect("the loose file reads");
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644))
        .expect("can make the file writable");
    std::fs::write(&loose, &bytes[..bytes.len() / 2]).expect("can truncate the file");
    let (found, missed) = read_all(&objects(&f.repo), &[f.loose], u64::MAX, 1);
    assert_eq!((found, missed), (vec![None], vec![0]));
}

#[test]
fn deltas_apply_copies_and_inserts_and_refuse_what_runs_past() {
    let base = b"0123456789abcdef";
    // Copy 4 bytes from offset 2, insert "XY", copy 3 bytes from 10.
    let ops = [0x91, 2, 4, 2, b'X', b'Y', 0x91, 10, 3];
    assert_eq!(apply(base, &ops, 9).as_deref(), Some(&b"2345XYabc"[..]));
    assert_eq!(apply(base, &ops, 8), None, "longer than the header said");
    assert_eq!(apply(base, &ops, 10), None, "shorter than the header said");
    assert_eq!(apply(base, &[0x91, 14, 4], 4), None, "a copy past the base");
    assert_eq!(apply(base, &[0], 0), None, "the reserved instruction");
    assert_eq!(varint(&[0x80 | 5, 1], 0), Some((5 + 128, 2)));
}

#[test]
fn a_stream_that_inflates_to_another_size_than_its_header_says_is_declined() {
    let f = fixture();
    let packs = open_packs(&objects(&f.repo));
    let mut forest = Forest::default();
    let whole = f
        .packed
        .iter()
        .find_map(|id| {
            let offset = packs[0].offset_of(id.as_bytes())?;
            let n = forest.node(&packs, 0, offset, 0)?;
            forest.nodes[n].base.is_none().then_some((*id, n))
        })
        .expect("the pack holds a whole blob");
    let (id, n) = whole;
    let mut deflate = Decompressor::new();
    let mut input = Vec::new();
    let mut missed = Vec::new();
    let mut walk = Walk {
        packs: &packs,
        forest: &forest,
        limit: u64::MAX,
        deflate: &mut deflate,
        input: &mut input,
        missed: &mut missed,
    };
    let node = &forest.nodes[n];
    let expected = f.repo.find_blob(id).expect("stored").content().to_vec();
    assert_eq!(walk.inflate(node), Some(expected));
    for size in [node.size - 1, node.size + 1, 0] {
        let wrong = Node {
            size,
            deltas: Vec::new(),
            wants: Vec::new(),
            ..*node
        };
        assert_eq!(walk.inflate(&wrong), None, "declared size {size}");
    }
}

/// Each node of `forest` by where its data starts: its base's, its kind,
/// size and end, its wanted positions and its deltas', sorted.
#[allow(clippy::type_complexity)]
fn described(forest: &Forest) -> Vec<(u64, Option<u64>, u8, u64, u64, Vec<usize>, Vec<u64>)> {
    let mut all: Vec<_> = forest
        .nodes
        .iter()
        .map(|n| {
            let mut wants = n.wants.clone();
            wants.sort_unstable();
            let mut deltas: Vec<u64> = n.deltas.iter().map(|&d| forest.nodes[d].data).collect();
            deltas.sort_unstable();
            let base = n.base.map(|b| forest.nodes[b].data);
            (n.data, base, n.kind, n.size, n.end, wants, deltas)
        })
        .collect();
    all.sort_unstable();
    all
}

#[test]
fn a_plan_whose_headers_are_read_on_two_threads_is_the_plan_made_blob_by_blob() {
    let f = fixture();
    let packs = open_packs(&objects(&f.repo));
    let unknown = Oid::from_bytes(&[7; 20]).expect("20 bytes make an id");
    // Every blob, some twice (so that the two threads meet the same
    // entries), the loose one and one that is nowhere.
    let wanted: Vec<Oid> = f
        .packed
        .iter()
        .chain(&[f.loose, unknown])
        .chain(f.packed.iter().rev().step_by(3))
        .copied()
        .collect();
    let mut by_blob = Forest::default();
    let mut by_blob_loose = Vec::new();
    for (w, id) in wanted.iter().enumerate() {
        let node = packs[0]
            .offset_of(id.as_bytes())
            .and_then(|offset| by_blob.node(&packs, 0, offset, 0));
        match node {
            Some(n) => by_blob.nodes[n].wants.push(w),
            None => by_blob_loose.push(w),
        }
    }
    for split in [false, true] {
        let (forest, loose) = Forest::plan(&packs, &wanted, split);
        assert_eq!(forest.nodes.len(), by_blob.nodes.len(), "split {split}");
        assert_eq!(described(&forest), described(&by_blob), "split {split}");
        assert_eq!(loose, by_blob_loose, "split {split}");
    }
}
#[test]
fn a_batch_large_enough_to_be_planned_on_two_threads_reads_every_position() {
    let f = fixture();
    let blobs: Vec<Oid> = f.packed.iter().chain(&[f.loose]).copied().collect();
    let wanted: Vec<Oid> = blobs.iter().copied().cycle().take(SPLIT_PLAN + 5).collect();
    let (found, missed) = read_all(&objects(&f.repo), &wanted, u64::MAX, 2);
    assert_eq!(missed, Vec::<usize>::new());
    for (id, bytes) in wanted.iter().zip(found) {
        let expected = f.repo.find_blob(*id).expect("the blob is stored");
        assert_eq!(bytes.as_deref(), Some(expected.content()), "blob {id}");
    }
}
