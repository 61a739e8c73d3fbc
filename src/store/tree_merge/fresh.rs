//! The objects a merge makes, held by id until they are packed.
//!
//! A merge makes about a thousand trees and blobs. Written through
//! libgit2 one by one, each new object costs a rescan of `objects/pack`
//! (libgit2 looks for it on disk first and, not finding it, reloads the
//! pack list before it looks again), and each tree entry inserted costs a
//! read of its object's header to check its kind; together that was about
//! half of the merge's own time. So the merge encodes its trees and blobs
//! here, in git's exact format, hashes them with libgit2's own hashing,
//! and keeps them until `pack.rs` writes them as one pack, checking once,
//! in bulk, which of them are stored already.
//!
//! A tree is built the way libgit2's tree builder builds it: the last
//! entry given for a name wins, entries sort in git's order (a directory
//! as if its name ended in `/`), modes print in octal. An entry whose name
//! or mode is not plainly valid (anything but ASCII letters, digits, `-`,
//! `_` and `.`, a name that starts with `.` or holds `~`, a mode git does
//! not write, a null id) is checked by libgit2's own tree builder, so it
//! fails the same way as before. Plain entries are not checked against the
//! object they name: each comes from one side's tree as it is.
//!
//! Uses git2 (it is part of the store); must not import the cli.

use crate::store::error::{Error, GitContext};
use crate::store::tree_format;
use git2::{ObjectType, Oid, Repository};
use std::collections::HashMap;

/// A new object: its kind, its bytes, and (for a tree) the trees and blobs
/// it names, for the walk that packs what a commit reaches.
pub(in crate::store) struct FreshObject {
    pub(in crate::store) kind: ObjectType,
    pub(in crate::store) data: Vec<u8>,
    pub(in crate::store) children: Vec<Oid>,
}

/// The trees and blobs a merge made, by id; none of them written yet.
#[derive(Default)]
pub(in crate::store) struct Fresh {
    objects: HashMap<Oid, FreshObject>,
}

/// One entry of a tree being built: name, id, mode.
pub(in crate::store) type TreeEntry = (String, Oid, i32);

const TREE: i32 = tree_format::TREE_MODE;
const VALID_MODES: [i32; 5] = [TREE, tree_format::BLOB_MODE, 0o100755, 0o120000, 0o160000];

impl Fresh {
    /// Returns the object `id` if the merge made it.
    #[cfg(test)]
    pub(in crate::store) fn get(&self, id: Oid) -> Option<&FreshObject> {
        self.objects.get(&id)
    }

    /// Takes the object `id` out, if the merge made it (and it was not
    /// taken before), for the pack.
    pub(in crate::store) fn take(&mut self, id: Oid) -> Option<FreshObject> {
        self.objects.remove(&id)
    }

    /// Returns how many objects the merge made.
    #[cfg(test)]
    pub(in crate::store) fn len(&self) -> usize {
        self.objects.len()
    }

    /// Keeps a blob of `bytes`; returns its id.
    pub(in crate::store) fn blob(&mut self, bytes: Vec<u8>) -> Result<Oid, Error> {
        let id = Oid::hash_object(ObjectType::Blob, &bytes)
            .context(|| "cannot hash a merged file".into())?;
        self.objects.entry(id).or_insert(FreshObject {
            kind: ObjectType::Blob,
            data: bytes,
            children: Vec::new(),
        });
        Ok(id)
    }

    /// Keeps the tree of `entries` (in the order they were added: a later
    /// entry replaces an earlier one of the same name) and returns its id.
    /// `path` is the tree's path with a trailing `/` (empty for the root),
    /// for errors; `repo` checks any entry that is not plainly valid.
    pub(in crate::store) fn tree(
        &mut self,
        repo: &Repository,
        path: &str,
        entries: Vec<TreeEntry>,
    ) -> Result<Oid, Error> {
        let mut by_name: HashMap<String, (Oid, i32)> = HashMap::with_capacity(entries.len());
        for (name, id, mode) in entries {
            if !plainly_valid(&name, id, mode) {
                check_with_libgit2(repo, &name, id, mode)
                    .context(|| format!("cannot add {path}{name} to the merged tree"))?;
            }
            by_name.insert(name, (id, mode));
        }
        let mut sorted: Vec<(String, Oid, i32)> = by_name
            .into_iter()
            .map(|(name, (id, mode))| (name, id, mode))
            .collect();
        sorted.sort_by(|a, b| tree_format::order((a.0.as_bytes(), a.2), (b.0.as_bytes(), b.2)));
        let mut data = Vec::with_capacity(sorted.len() * 48);
        let mut children = Vec::with_capacity(sorted.len());
        for (name, id, mode) in &sorted {
            tree_format::push_entry(&mut data, name.as_bytes(), *mode, *id);
            if *mode != 0o160000 {
                children.push(*id);
            }
        }
        let id = Oid::hash_object(ObjectType::Tree, &data)
            .context(|| "cannot hash the merged tree".into())?;
        self.objects.entry(id).or_insert(FreshObject {
            kind: ObjectType::Tree,
            data,
            children,
        });
        Ok(id)
    }

    /// Writes the object `id`, if the merge made it, to `repo`'s object
    /// database (for a commit, which libgit2 builds only on a stored tree).
    pub(in crate::store) fn store(&self, repo: &Repository, id: Oid) -> Result<(), Error> {
        let Some(object) = self.objects.get(&id) else {
            return Ok(());
        };
        let odb = repo
            .odb()
            .context(|| "cannot open the object database".into())?;
        odb.write(object.kind, &object.data)
            .context(|| format!("cannot write new object {id}"))?;
        Ok(())
    }

    /// Writes every object the merge made to `repo`'s object database, for
    /// the rare steps that go on with libgit2's tree code (a ticket moved
    /// by a split).
    pub(in crate::store) fn store_all(&self, repo: &Repository) -> Result<(), Error> {
        let odb = repo
            .odb()
            .context(|| "cannot open the object database".into())?;
        for (id, object) in &self.objects {
            odb.write(object.kind, &object.data)
                .context(|| format!("cannot write new object {id}"))?;
        }
        Ok(())
    }
}

/// Whether libgit2's tree builder certainly accepts this entry's name and
/// mode (see the module doc): only such entries skip its check.
fn plainly_valid(name: &str, id: Oid, mode: i32) -> bool {
    VALID_MODES.contains(&mode)
        && !id.is_zero()
        && !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Inserts the entry into a scratch tree builder, which checks it exactly
/// as building the tree with libgit2 would.
fn check_with_libgit2(
    repo: &Repository,
    name: &str,
    id: Oid,
    mode: i32,
) -> Result<(), git2::Error> {
    repo.treebuilder(None)?.insert(name, id, mode).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> (tempfile::TempDir, Repository) {
        let dir = tempfile::tempdir().expect("can create a temp dir");
        let repo = Repository::init_bare(dir.path()).expect("can init a repository");
        (dir, repo)
    }

    /// The same entries through libgit2's builder, written.
    fn libgit2_tree(repo: &Repository, entries: &[TreeEntry]) -> Result<Oid, git2::Error> {
        let mut builder = repo.treebuilder(None)?;
        for (name, id, mode) in entries {
            builder.insert(name, *id, *mode)?;
        }
        builder.write()
    }

    #[test]
    fn a_tree_has_the_id_libgit2_gives_it() {
        let (_dir, repo) = repo();
        let blob = repo.blob(b"text\n").expect("a blob");
        let other = repo.blob(b"other\n").expect("a blob");
        let sub = libgit2_tree(&repo, &[("f".into(), blob, 0o100644)]).expect("a tree");
        // Names that sort differently as files and as directories, modes
        // of every kind, and a name given twice (the later one wins).
        let entries: Vec<TreeEntry> = vec![
            ("a.b".into(), blob, 0o100644),
            ("a".into(), sub, TREE),
            ("a-".into(), other, 0o100755),
            ("ab".into(), blob, 0o120000),
            ("a0".into(), sub, TREE),
            ("Z".into(), blob, 0o100644),
            (".hidden".into(), blob, 0o100644),
            ("x~1".into(), blob, 0o100644),
            ("tk.toml".into(), blob, 0o100644),
            ("tk.toml".into(), other, 0o100644),
            (
                "gitlink".into(),
                Oid::from_str("1234567890123456789012345678901234567890").expect("an id"),
                0o160000,
            ),
        ];
        let mut fresh = Fresh::default();
        let ours = fresh.tree(&repo, "", entries.clone()).expect("a tree");
        assert_eq!(ours, libgit2_tree(&repo, &entries).expect("a tree"));
        let object = fresh.get(ours).expect("kept");
        let stored = repo.find_tree(ours).expect("libgit2 wrote the same tree");
        assert_eq!(stored.len(), entries.len() - 1);
        assert_eq!(object.children.len(), entries.len() - 2, "no gitlink");
        let empty = fresh.tree(&repo, "", Vec::new()).expect("an empty tree");
        assert_eq!(empty, libgit2_tree(&repo, &[]).expect("an empty tree"));
    }

    #[test]
    fn a_blob_has_the_id_libgit2_gives_it() {
        let (_dir, repo) = repo();
        let mut fresh = Fresh::default();
        let id = fresh.blob(b"id = \"x\"\n".to_vec()).expect("a blob");
        assert_eq!(id, repo.blob(b"id = \"x\"\n").expect("a blob"));
        assert_eq!(fresh.len(), 1);
    }

    #[test]
    fn an_entry_libgit2_refuses_is_refused() {
        let (_dir, repo) = repo();
        let blob = repo.blob(b"text\n").expect("a blob");
        let missing = Oid::from_str("1234567890123456789012345678901234567890").expect("an id");
        for (name, id, mode) in [
            (".git", blob, 0o100644),
            ("..", blob, 0o100644),
            ("GIT~1", blob, 0o100644),
            ("f", blob, 0o100664),
            ("f", Oid::zero(), 0o100644),
            // Not plainly valid by name, so libgit2 also checks the object.
            ("é", missing, 0o100644),
        ] {
            let mut fresh = Fresh::default();
            let error = fresh
                .tree(&repo, "tickets/", vec![(name.to_string(), id, mode)])
                .expect_err("refused");
            assert!(
                error.to_string().contains(&format!("tickets/{name}")),
                "{error}"
            );
        }
    }
}
