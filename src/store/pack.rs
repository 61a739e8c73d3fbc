//! Writing the objects of one big change as a single pack: a sync's merge,
//! and a write of many tickets (an import, a bulk command; see
//! `Store::commit_packed`).
//!
//! libgit2 stores every new object as a loose file: a file created, written
//! and renamed into one of 256 directories. A sync's merge makes about
//! 1,500 objects (the merged ticket files and every shard tree above them),
//! and creating those files was about 40 % of the merge. Here the change is
//! built with its objects held in memory (libgit2's mempack backend, on a
//! handle of its own), then the new objects reachable from its commit are
//! written as one pack of undeltified objects and indexed by libgit2's
//! indexer: two files instead of 1,500. The indexer fsyncs the pack, its
//! index and their directory whenever tk fsyncs loose objects
//! (`core.fsync`, see `durability`), and the caller moves the ref only after
//! the pack is in place, so a crash leaves either no change or a complete
//! one, as with loose objects.
//!
//! libgit2's own pack writer (`git_mempack_dump`) was not used: it searches
//! for deltas among all the objects, which cost more than the loose files
//! it saves.

use super::error::{Error, GitContext};
use super::tree_merge::Fresh;
use super::Store;
use flate2::{Compress, Compression, FlushCompress, Status};
use git2::{ObjectType, Odb, OdbLookupFlags, Oid, Repository};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

impl Store {
    /// Runs `build` on a second handle of this repository whose new objects
    /// stay in memory, then writes the objects reachable from the commit it
    /// returns (and not already stored) as one pack. `build` may also leave
    /// objects it made without writing them in the [`Fresh`] it is given;
    /// they are packed the same way. Returns what `build` returned; `None`
    /// from `build` writes nothing.
    ///
    /// The ref is not moved: the caller publishes the commit, which is then
    /// readable from this store.
    pub(super) fn in_one_pack<T>(
        &self,
        build: impl FnOnce(&Store, &mut Fresh) -> Result<Option<(Oid, T)>, Error>,
    ) -> Result<Option<(Oid, T)>, Error> {
        let repo = Repository::open(self.repo.path())
            .context(|| format!("cannot open {}", self.repo.path().display()))?;
        let batch = Store {
            repo,
            refname: self.refname.clone(),
        };
        let memory = batch
            .repo
            .odb()
            .context(|| "cannot open the object database".into())?;
        // The in-memory backend answers first, so reads of new objects
        // (a merged tree read back) find them there.
        let _mempack = memory
            .add_new_mempack_backend(1000)
            .context(|| "cannot hold new objects in memory".into())?;
        let mut fresh = Fresh::default();
        let Some((commit, result)) = build(&batch, &mut fresh)? else {
            return Ok(None);
        };
        let stored = self
            .repo
            .odb()
            .context(|| "cannot open the object database".into())?;
        let objects = new_objects(&batch.repo, &memory, &stored, fresh, commit)?;
        let dir = self.repo.commondir().join("objects/pack");
        write_pack(&stored, &dir, &objects)?;
        Ok(Some((commit, result)))
    }
}

/// One object to pack: its kind and its bytes.
struct Object {
    kind: ObjectType,
    data: Vec<u8>,
}

/// Returns the objects reachable from `commit` that `stored` (the odb on
/// disk) lacks, taken from `fresh` or read from `memory`, in the order they
/// were reached (a commit, then trees before what they hold).
fn new_objects(
    repo: &Repository,
    memory: &Odb<'_>,
    stored: &Odb<'_>,
    mut fresh: Fresh,
    commit: Oid,
) -> Result<Vec<Object>, Error> {
    // One rescan of the pack directory (a fetch may have added a pack since
    // this handle last looked), then none per object: libgit2 would rescan
    // it for every object it does not find, and every object here is one.
    stored
        .refresh()
        .context(|| "cannot read the object database".into())?;
    let mut objects = Vec::new();
    let mut seen = HashSet::new();
    let mut todo = vec![commit];
    while let Some(id) = todo.pop() {
        if !seen.insert(id) || stored.exists_ext(id, OdbLookupFlags::NO_REFRESH) {
            continue;
        }
        if let Some(object) = fresh.take(id) {
            todo.extend_from_slice(&object.children);
            objects.push(Object {
                kind: object.kind,
                data: object.data,
            });
            continue;
        }
        let object = memory
            .read(id)
            .context(|| format!("cannot read new object {id}"))?;
        let kind = object.kind();
        match kind {
            ObjectType::Commit => {
                let commit = repo
                    .find_commit(id)
                    .context(|| format!("cannot read new commit {id}"))?;
                todo.push(commit.tree_id());
                todo.extend(commit.parent_ids());
            }
            ObjectType::Tree => {
                let tree = repo
                    .find_tree(id)
                    .context(|| format!("cannot read new tree {id}"))?;
                todo.extend(
                    tree.iter()
                        .filter(|e| matches!(e.kind(), Some(ObjectType::Tree | ObjectType::Blob)))
                        .map(|e| e.id()),
                );
            }
            _ => {}
        }
        objects.push(Object {
            kind,
            data: object.data().to_vec(),
        });
    }
    Ok(objects)
}

/// Writes `objects` as one pack through libgit2's indexer, which checks
/// it, writes its index and moves both into `objects/pack/`.
fn write_pack(stored: &Odb<'_>, dir: &Path, objects: &[Object]) -> Result<(), Error> {
    if objects.is_empty() {
        return Ok(());
    }
    let io = |cause| Error::Io {
        context: "cannot write a pack in",
        path: dir.to_path_buf(),
        cause,
    };
    let pack = pack_bytes(objects).map_err(io)?;
    let mut writer = stored
        .packwriter()
        .context(|| "cannot write a pack".into())?;
    writer.write_all(&pack).map_err(io)?;
    writer.commit().context(|| "cannot store a pack".into())?;
    Ok(())
}

/// Returns a version 2 pack of `objects`, none of them deltified: the
/// header, each object's kind and size then its zlib stream, and the SHA-1
/// of all of it.
fn pack_bytes(objects: &[Object]) -> std::io::Result<Vec<u8>> {
    let size: usize = objects.iter().map(|o| o.data.len()).sum();
    let mut pack = Vec::with_capacity(size / 2 + 64);
    pack.extend_from_slice(b"PACK");
    pack.extend_from_slice(&2u32.to_be_bytes());
    let count = u32::try_from(objects.len()).expect("a change makes far fewer than 2^32 objects");
    pack.extend_from_slice(&count.to_be_bytes());
    // Blobs at level 1: they are small text files; the stronger levels
    // took longer for a few percent less, and `git gc` repacks. Trees are
    // stored without compression: they are mostly object ids, which do
    // not compress (level 1 saved 17 % of their bytes on the benchmark's
    // merge, for about half of all the compressing). One compressor of
    // each kind, reset for each object.
    let mut fast = Compress::new(Compression::fast(), true);
    let mut stored = Compress::new(Compression::none(), true);
    for object in objects {
        entry_header(&mut pack, object.kind, object.data.len());
        let zlib = if object.kind == ObjectType::Tree {
            &mut stored
        } else {
            &mut fast
        };
        zlib.reset();
        loop {
            let done = usize::try_from(zlib.total_in()).expect("an object fits in memory");
            pack.reserve(object.data.len() - done + 64);
            let status = zlib
                .compress_vec(&object.data[done..], &mut pack, FlushCompress::Finish)
                .map_err(std::io::Error::other)?;
            if status == Status::StreamEnd {
                break;
            }
        }
    }
    let sum = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &pack);
    pack.extend_from_slice(sum.as_ref());
    Ok(pack)
}

/// Appends a pack entry's header: the type in bits 4–6 of the first byte,
/// the size in its low 4 bits and then 7 bits a byte, least significant
/// first, the top bit saying another byte follows.
fn entry_header(out: &mut Vec<u8>, kind: ObjectType, size: usize) {
    let code: u8 = match kind {
        ObjectType::Commit => 1,
        ObjectType::Tree => 2,
        ObjectType::Blob => 3,
        ObjectType::Tag => 4,
        ObjectType::Any => unreachable!("a stored object has a concrete kind"),
    };
    let mut rest = size >> 4;
    let mut byte = (code << 4) | (size & 0x0f) as u8;
    while rest > 0 {
        out.push(byte | 0x80);
        byte = (rest & 0x7f) as u8;
        rest >>= 7;
    }
    out.push(byte);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_header_encodes_kind_and_size_like_git() {
        let header = |kind, size| {
            let mut out = Vec::new();
            entry_header(&mut out, kind, size);
            out
        };
        assert_eq!(header(ObjectType::Blob, 5), [0x35]);
        assert_eq!(header(ObjectType::Tree, 15), [0x2f]);
        // 16 = 0b1_0000: low nibble 0, then 1.
        assert_eq!(header(ObjectType::Commit, 16), [0x90, 0x01]);
        // 300 = 0b1_0010_1100: nibble 0xc, then 300 >> 4 = 18.
        assert_eq!(header(ObjectType::Blob, 300), [0xbc, 0x12]);
        // 2^20: nibble 0, then 2^16 in 7-bit groups: 0, 0, 4.
        assert_eq!(header(ObjectType::Blob, 1 << 20), [0xb0, 0x80, 0x80, 0x04]);
    }

    #[test]
    fn a_pack_of_new_objects_is_readable_and_complete() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let store = Store {
            repo,
            refname: "refs/heads/tk/tickets".to_string(),
        };
        let already = store.repo.blob(b"stored before\n").unwrap();
        let made = store
            .in_one_pack(|batch, _| {
                let big: Vec<u8> = (0..100_000u32).flat_map(|n| n.to_le_bytes()).collect();
                let blob = batch.repo.blob(&big).unwrap();
                let small = batch.repo.blob(b"hello\n").unwrap();
                let mut sub = batch.repo.treebuilder(None).unwrap();
                sub.insert("big.bin", blob, 0o100644).unwrap();
                sub.insert("old.txt", already, 0o100644).unwrap();
                let sub = sub.write().unwrap();
                let mut root = batch.repo.treebuilder(None).unwrap();
                root.insert("dir", sub, 0o040000).unwrap();
                root.insert("hello.txt", small, 0o100644).unwrap();
                let tree = batch.repo.find_tree(root.write().unwrap()).unwrap();
                let who = git2::Signature::now("A", "a@example.com").unwrap();
                let commit = batch
                    .repo
                    .commit(None, &who, &who, "m", &tree, &[])
                    .unwrap();
                Ok(Some((commit, (blob, small))))
            })
            .unwrap();
        let (commit, (big, small)) = made.unwrap();
        // Nothing loose was written: the new objects are in one pack.
        let loose = std::fs::read_dir(dir.path().join("objects"))
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().len() == 2)
            .count();
        assert_eq!(loose, 1, "only the blob written before the pack is loose");
        let packs: Vec<_> = std::fs::read_dir(dir.path().join("objects/pack"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        assert_eq!(packs.len(), 2, "one pack and its index: {packs:?}");
        // A fresh handle reads everything back from disk.
        let reopened = Repository::open(dir.path()).unwrap();
        let commit = reopened.find_commit(commit).unwrap();
        let tree = commit.tree().unwrap();
        assert!(tree.get_name("hello.txt").is_some());
        assert_eq!(reopened.find_blob(small).unwrap().content(), b"hello\n");
        assert_eq!(reopened.find_blob(big).unwrap().content().len(), 400_000);
        let old = tree.get_path(std::path::Path::new("dir/old.txt")).unwrap();
        assert_eq!(old.id(), already);
    }

    #[test]
    fn a_build_that_returns_nothing_writes_no_pack() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init_bare(dir.path()).unwrap();
        let store = Store {
            repo,
            refname: "refs/heads/tk/tickets".to_string(),
        };
        let made = store
            .in_one_pack(|batch, _| {
                batch.repo.blob(b"dropped\n").unwrap();
                Ok(None::<(Oid, ())>)
            })
            .unwrap();
        assert!(made.is_none());
        let pack_dir = dir.path().join("objects/pack");
        let packs = std::fs::read_dir(pack_dir).map_or(0, |d| d.count());
        assert_eq!(packs, 0);
    }
}
