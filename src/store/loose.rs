//! Writing the few objects of one ticket write as loose files, without
//! libgit2's existence refresh.
//!
//! Before libgit2 writes an object it "freshens" it: it asks every backend
//! whether the object is already stored, and when none has it (the usual
//! case for a write's new objects) it rescans `objects/pack` and asks again.
//! A comment writes five objects, so every write rescanned the pack
//! directory five times and touched five absent files. Here the existence
//! check uses the packs already loaded (`NO_REFRESH`); a new object is
//! written as libgit2's loose backend writes it (the same header, a
//! temporary file in `objects/`, `link` into `objects/xx/`, falling back to
//! `rename`), and fsynced exactly when libgit2 would (`durability`): the
//! file before it is linked, its directory after. An object that is already
//! stored goes through libgit2, which freshens its file so that a
//! concurrent `git gc` keeps it, as before.
//!
//! Blobs and commits are compressed with zlib at `Z_BEST_SPEED` through the
//! same libz, byte for byte what libgit2 writes. Trees are stored in zlib
//! streams without compression (level 0, which git reads like any other
//! level; `core.looseCompression=0` makes git write the same): a tree is
//! mostly object ids, which do not compress, and the 1,024-entry `tickets/`
//! tree that every write rewrites (30 KB) shrank by 18 % at level 1 for
//! about a tenth of a write's CPU. The merge's pack (`pack`) stores its
//! trees the same way, and `git gc` recompresses loose objects as it packs
//! them.
//!
//! The trees along a ticket's path are serialized here too, in the order
//! and format of libgit2's tree builder, so that they need no builder.
//! Imports nothing of tk outside `store`.

use super::durability;
use super::error::{Error, GitContext};
use super::tree_format;
use flate2::{write::ZlibEncoder, Compression};
use git2::{ObjectType, OdbLookupFlags, Oid, Repository, Tree};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub(super) use super::tree_format::{BLOB_MODE, TREE_MODE};

/// Stores `data` as an object of `kind` and returns its id.
pub(super) fn write(repo: &Repository, kind: ObjectType, data: &[u8]) -> Result<Oid, Error> {
    let id = Oid::hash_object(kind, data).context(|| "cannot hash a new object".into())?;
    let odb = repo
        .odb()
        .context(|| "cannot open the object database".into())?;
    if odb.exists_ext(id, OdbLookupFlags::NO_REFRESH) {
        // Stored already (rare: the same bytes written before): libgit2
        // freshens the stored copy's time, so a concurrent gc keeps it.
        return odb
            .write(kind, data)
            .context(|| format!("cannot write object {id}"));
    }
    let objects = repo.commondir().join("objects");
    write_new(&objects, id, kind, data)?;
    Ok(id)
}

/// Writes the loose file of object `id` under `objects`.
fn write_new(objects: &Path, id: Oid, kind: ObjectType, data: &[u8]) -> Result<(), Error> {
    let io = |context, path: &Path| {
        let path = path.to_path_buf();
        move |cause| Error::Io {
            context,
            path,
            cause,
        }
    };
    let level = if kind == ObjectType::Tree {
        Compression::none()
    } else {
        Compression::fast()
    };
    let capacity = if kind == ObjectType::Tree {
        // A stored block adds 5 bytes per 64 KiB.
        data.len() + data.len() / 1024 + 64
    } else {
        data.len() / 2 + 64
    };
    let mut compressed = ZlibEncoder::new(Vec::with_capacity(capacity), level);
    let header = format!("{} {}\0", kind.str(), data.len());
    let bytes = compressed
        .write_all(header.as_bytes())
        .and_then(|()| compressed.write_all(data))
        .and_then(|()| compressed.finish())
        .map_err(io("cannot compress object", objects))?;
    let (tmp, mut file) = temporary(objects).map_err(io("cannot create a file in", objects))?;
    let fsync = durability::enabled();
    let written = file
        .write_all(&bytes)
        .and_then(|()| if fsync { file.sync_all() } else { Ok(()) });
    drop(file);
    if let Err(cause) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io("cannot write", &tmp)(cause));
    }
    let hex = id.to_string();
    let dir = objects.join(&hex[..2]);
    let path = dir.join(&hex[2..]);
    let placed = match std::fs::create_dir(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => place(&tmp, &path),
    };
    if let Err(cause) = placed {
        let _ = std::fs::remove_file(&tmp);
        return Err(io("cannot store object", &path)(cause));
    }
    if fsync {
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(io("cannot fsync", &dir))?;
    }
    Ok(())
}

/// Moves `tmp` to `path` as libgit2 does: a hard link (which never
/// replaces a file) and the temporary name removed, or a rename where
/// links are refused.
fn place(tmp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(_) => std::fs::rename(tmp, path),
    }
}

/// Creates a new read-only file in `objects` with a name of its own.
fn temporary(objects: &Path) -> std::io::Result<(PathBuf, File)> {
    let mut seed = u64::from(std::process::id()) << 32
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::from(d.subsec_nanos()));
    loop {
        let path = objects.join(format!("tmp_object_tk_{seed:016x}"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o444)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Writes a tree equal to `base` with the entry `name` set to `id` of
/// `mode` (replaced when there is one, else added), serialized as libgit2's
/// tree builder serializes it, and returns its id.
pub(super) fn tree_with(
    repo: &Repository,
    base: Option<&Tree<'_>>,
    name: &str,
    id: Oid,
    mode: i32,
) -> Result<Oid, Error> {
    // The names, back to back, and each entry's range in them.
    let mut names: Vec<u8> = Vec::new();
    let mut entries: Vec<(std::ops::Range<usize>, i32, Oid)> = Vec::new();
    let mut add = |entry_name: &[u8], mode: i32, id: Oid| {
        let start = names.len();
        names.extend_from_slice(entry_name);
        entries.push((start..names.len(), mode, id));
    };
    if let Some(base) = base {
        for entry in base.iter() {
            if entry.name_bytes() != name.as_bytes() {
                add(entry.name_bytes(), entry.filemode_raw(), entry.id());
            }
        }
    }
    add(name.as_bytes(), mode, id);
    entries
        .sort_by(|a, b| tree_format::order((&names[a.0.clone()], a.1), (&names[b.0.clone()], b.1)));
    let mut bytes = Vec::with_capacity(names.len() + entries.len() * 28);
    for (range, mode, id) in &entries {
        tree_format::push_entry(&mut bytes, &names[range.clone()], *mode, *id);
    }
    write(repo, ObjectType::Tree, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use git2::{FileMode, Signature};

    fn repo() -> (tempfile::TempDir, Repository) {
        let dir = tempfile::tempdir().expect("can create a temp dir");
        let repo = Repository::init(dir.path()).expect("can init a repository");
        (dir, repo)
    }

    /// The bytes of the loose file of `id`.
    fn file_of(repo: &Repository, id: Oid) -> Vec<u8> {
        let hex = id.to_string();
        let path = repo.path().join("objects").join(&hex[..2]).join(&hex[2..]);
        std::fs::read(&path).expect("the object is a loose file")
    }

    /// The bytes of a loose file, inflated: the object's header and body.
    fn inflated(file: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(file), &mut out)
            .expect("a loose file is one zlib stream");
        out
    }

    #[test]
    fn objects_are_the_files_libgit2_writes_byte_for_byte() {
        let (_a, theirs) = repo();
        let (_b, ours) = repo();
        let big: String = (0..3000).map(|n| format!("line {n}\n")).collect();
        for data in [&b""[..], b"hello\n", big.as_bytes()] {
            let expected = theirs.blob(data).expect("libgit2 writes a blob");
            let id = write(&ours, ObjectType::Blob, data).expect("tk writes a blob");
            assert_eq!(id, expected);
            assert_eq!(file_of(&ours, id), file_of(&theirs, expected));
        }
    }

    #[test]
    fn trees_and_commits_match_libgit2s_builder() {
        let (_a, theirs) = repo();
        let (_b, ours) = repo();
        let blob = |text: &str| {
            theirs.blob(text.as_bytes()).expect("blob");
            write(&ours, ObjectType::Blob, text.as_bytes()).expect("blob")
        };
        let (x, y, z) = (blob("x"), blob("y"), blob("z"));
        // Names that sort differently as files and as directories.
        let mut tree_ours = None;
        let mut tree_theirs = None;
        let steps: &[(&str, Oid, i32)] = &[
            ("a.b", x, BLOB_MODE),
            ("a", y, BLOB_MODE),
            ("a-c", z, BLOB_MODE),
            ("a", x, BLOB_MODE),
            ("tk.toml", z, BLOB_MODE),
        ];
        for (name, id, mode) in steps {
            let base = tree_theirs.map(|t| theirs.find_tree(t).expect("tree"));
            let mut builder = theirs.treebuilder(base.as_ref()).expect("builder");
            builder.insert(name, *id, *mode).expect("insert");
            tree_theirs = Some(builder.write().expect("libgit2 writes a tree"));
            let base = tree_ours.map(|t| ours.find_tree(t).expect("tree"));
            tree_ours = Some(tree_with(&ours, base.as_ref(), name, *id, *mode).expect("tk"));
            assert_eq!(tree_ours, tree_theirs, "after {name}");
        }
        let leaf = tree_ours.expect("a tree was written");
        // A directory named like the files beside it.
        let base = theirs.find_tree(leaf).expect("tree");
        let mut builder = theirs.treebuilder(Some(&base)).expect("builder");
        builder
            .insert("a", leaf, FileMode::Tree.into())
            .expect("insert");
        let expected = builder.write().expect("tree");
        let base = ours.find_tree(leaf).expect("tree");
        let root = tree_with(&ours, Some(&base), "a", leaf, TREE_MODE).expect("tk");
        assert_eq!(root, expected);
        // The same object, stored rather than compressed.
        let (our_file, their_file) = (file_of(&ours, root), file_of(&theirs, expected));
        assert_eq!(inflated(&our_file), inflated(&their_file));
        assert!(
            our_file.len() > inflated(&our_file).len(),
            "stored, not compressed"
        );

        let who = Signature::new("A", "a@example.com", &git2::Time::new(1_700_000_000, 0))
            .expect("signature");
        let tree = theirs.find_tree(expected).expect("tree");
        let expected = theirs
            .commit(None, &who, &who, "tk: test\n", &tree, &[])
            .expect("libgit2 writes a commit");
        let tree = ours.find_tree(root).expect("tree");
        let buffer = ours
            .commit_create_buffer(&who, &who, "tk: test\n", &tree, &[])
            .expect("buffer");
        let commit = write(&ours, ObjectType::Commit, &buffer).expect("tk writes a commit");
        assert_eq!(commit, expected);
        assert_eq!(file_of(&ours, commit), file_of(&theirs, expected));
    }

    #[test]
    fn stored_trees_read_back_through_libgit2_and_git() {
        let (dir, repo) = repo();
        let mut tree = None;
        for n in 0..300 {
            let blob =
                write(&repo, ObjectType::Blob, format!("file {n}\n").as_bytes()).expect("blob");
            let base = tree.map(|t| repo.find_tree(t).expect("tree"));
            let name = format!("{n:03}.toml");
            tree = Some(tree_with(&repo, base.as_ref(), &name, blob, BLOB_MODE).expect("tree"));
        }
        let tree = tree.expect("a tree was written");
        // A fresh handle reads the file from disk, not a cache.
        let again = Repository::open(dir.path()).expect("reopen");
        let read = again.find_tree(tree).expect("libgit2 reads a stored tree");
        assert_eq!(read.len(), 300);
        let listed = std::process::Command::new("git")
            .args(["cat-file", "-p", &tree.to_string()])
            .current_dir(dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs: tk's transport, installed wherever its tests run");
        assert!(listed.status.success(), "git reads a stored tree");
        assert_eq!(String::from_utf8_lossy(&listed.stdout).lines().count(), 300);
    }

    #[test]
    fn an_object_already_stored_is_not_written_again() {
        let (_dir, repo) = repo();
        let first = write(&repo, ObjectType::Blob, b"same").expect("write");
        let again = write(&repo, ObjectType::Blob, b"same").expect("write again");
        assert_eq!(first, again);
        let blob = repo.find_blob(again).expect("readable");
        assert_eq!(blob.content(), b"same");
        let strays = std::fs::read_dir(repo.path().join("objects"))
            .expect("objects dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("tmp_object"))
            .count();
        assert_eq!(strays, 0, "no temporary file is left");
    }
}
