//! Reading and writing paths in the tickets tree.

use super::error::{Error, GitContext};
use super::loose;
use git2::{FileMode, ObjectType, Oid, Repository, Tree};

/// Returns the subtree at `name` in `tree`, if there is one.
pub(super) fn subtree<'r>(
    repo: &'r Repository,
    tree: &Tree<'_>,
    name: &str,
) -> Result<Option<Tree<'r>>, Error> {
    match tree.get_name(name) {
        Some(entry) if entry.kind() == Some(ObjectType::Tree) => repo
            .find_tree(entry.id())
            .map(Some)
            .context(|| format!("cannot read tree {name}")),
        _ => Ok(None),
    }
}

/// Returns what an entry is when it is not a regular file (a directory,
/// a symlink, a gitlink), as tk says it, so that a wrong kind of entry
/// where a ticket file belongs gets a tk message, not libgit2's text.
pub(super) fn not_a_file(entry: &git2::TreeEntry<'_>) -> Option<String> {
    match (entry.kind(), entry.filemode()) {
        (Some(ObjectType::Blob), 0o100644 | 0o100755) => None,
        (Some(ObjectType::Blob), 0o120000) => Some("a symbolic link, not a ticket file".into()),
        (Some(ObjectType::Tree), _) => Some("a directory, not a ticket file".into()),
        (Some(ObjectType::Commit), _) => Some("a submodule (gitlink), not a ticket file".into()),
        _ => Some("not a regular file".into()),
    }
}

/// Returns the contents of the blob at `path` (slash-separated) in `tree`.
pub(super) fn read_blob(
    repo: &Repository,
    tree: &Tree<'_>,
    path: &str,
) -> Result<Option<(Oid, Vec<u8>)>, Error> {
    let entry = match tree.get_path(std::path::Path::new(path)) {
        Ok(entry) => entry,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(e).context(|| format!("cannot look up {path}")),
    };
    if let Some(kind) = not_a_file(&entry) {
        return Err(Error::WrongKind {
            path: path.to_string(),
            kind,
        });
    }
    let limit = if path.starts_with("attachments/") {
        u64::MAX
    } else {
        MAX_READ_BYTES
    };
    let blob = blob_within(repo, entry.id(), path, limit)?;
    Ok(Some((entry.id(), blob.content().to_vec())))
}

/// The largest file under `tickets/` or `tk.toml` tk loads: a ticket file's
/// own limit is checked when it is decoded; this keeps a hostile blob of a
/// gigabyte from being loaded at all.
pub(super) const MAX_READ_BYTES: u64 = crate::codec::MAX_FILE_BYTES as u64;

/// Loads the blob `id` at `path`, after checking its size in the object
/// header (which costs no more than reading the object) against `limit`.
pub(super) fn blob_within<'r>(
    repo: &'r Repository,
    id: Oid,
    path: &str,
    limit: u64,
) -> Result<git2::Blob<'r>, Error> {
    if limit != u64::MAX {
        let odb = repo
            .odb()
            .context(|| "cannot open the object database".into())?;
        let (size, _) = odb
            .read_header(id)
            .context(|| format!("cannot read {path}"))?;
        let size = size as u64;
        if size > limit {
            return Err(Error::TooLarge {
                path: path.to_string(),
                size,
                limit,
            });
        }
    }
    repo.find_blob(id).context(|| format!("cannot read {path}"))
}

/// Writes a new tree equal to `root` but with each blob of `blobs` at its
/// path, like [`with_blob`] once per path, except that every tree on the
/// way is written once however many of the paths go through it: an import
/// of a thousand tickets writes one root tree, not a thousand.
pub(super) fn with_blobs_at(
    repo: &Repository,
    root: Option<&Tree<'_>>,
    blobs: &[(&str, Oid)],
) -> Result<Oid, Error> {
    let mut builder = repo
        .treebuilder(root)
        .context(|| "cannot build tree".into())?;
    let mut dirs: std::collections::BTreeMap<&str, Vec<(&str, Oid)>> = Default::default();
    for (path, blob) in blobs {
        match path.split_once('/') {
            None => {
                builder
                    .insert(*path, *blob, FileMode::Blob.into())
                    .context(|| format!("cannot add {path} to tree"))?;
            }
            Some((dir, rest)) => dirs.entry(dir).or_default().push((rest, *blob)),
        }
    }
    for (dir, entries) in dirs {
        let child = match root {
            Some(root) => subtree(repo, root, dir)?,
            None => None,
        };
        let child_id = with_blobs_at(repo, child.as_ref(), &entries)?;
        builder
            .insert(dir, child_id, FileMode::Tree.into())
            .context(|| format!("cannot add {dir} to tree"))?;
    }
    builder.write().context(|| "cannot write tree".into())
}

/// Writes a new tree equal to `root` but with `blob` at `path`, creating the
/// directories on the way; returns the new root tree's id.
///
/// Only the trees along the path are rewritten, which is why tickets are
/// sharded: a write touches a few small trees, not one huge one.
pub(super) fn with_blob(
    repo: &Repository,
    root: Option<&Tree<'_>>,
    path: &str,
    blob: Oid,
) -> Result<Oid, Error> {
    along_path(repo, root, path, blob, &|repo, tree, name, id, mode| {
        let mut builder = repo
            .treebuilder(tree)
            .context(|| "cannot build tree".into())?;
        builder
            .insert(name, id, mode)
            .context(|| format!("cannot add {name} to tree"))?;
        builder.write().context(|| "cannot write tree".into())
    })
}

/// Like [`with_blob`] for a path tk names itself (a ticket's file), with
/// every tree on the way serialized and stored by tk's own writer
/// ([`loose::tree_with`]) rather than libgit2's tree builder, which checks
/// for each new object whether it is stored and, when not, rescans the
/// pack directory.
pub(super) fn with_file(
    repo: &Repository,
    root: Option<&Tree<'_>>,
    path: &str,
    blob: Oid,
) -> Result<Oid, Error> {
    along_path(repo, root, path, blob, &loose::tree_with)
}

/// Writes a copy of a tree (or a new one, for `None`) with the entry of a
/// name set to an id and mode; returns the new tree's id.
type PutEntry = dyn Fn(&Repository, Option<&Tree<'_>>, &str, Oid, i32) -> Result<Oid, Error>;

/// Writes the trees along `path` with `blob` at its end, each with `put`.
fn along_path(
    repo: &Repository,
    root: Option<&Tree<'_>>,
    path: &str,
    blob: Oid,
    put: &PutEntry,
) -> Result<Oid, Error> {
    let Some((dir, rest)) = path.split_once('/') else {
        return put(repo, root, path, blob, loose::BLOB_MODE);
    };
    let child = match root {
        Some(root) => subtree(repo, root, dir)?,
        None => None,
    };
    let child_id = along_path(repo, child.as_ref(), rest, blob, put)?;
    put(repo, root, dir, child_id, loose::TREE_MODE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_put_at_once_make_the_tree_that_one_at_a_time_makes() {
        let dir = tempfile::tempdir().expect("can create a temp dir");
        let repo = Repository::init(dir.path()).expect("can init a repository");
        let blob = |text: &str| repo.blob(text.as_bytes()).expect("can write a blob");
        let (a, b, c) = (blob("a"), blob("b"), blob("c"));
        let first = [("tk.toml", a), ("tickets/ab/x.toml", a)];
        let more = [
            ("tickets/ab/y.toml", b),
            ("tickets/cd/z.toml", c),
            ("tickets/ab/x.toml", c),
            ("top.toml", b),
        ];
        let one_by_one = |root: Option<Oid>, paths: &[(&str, Oid)]| {
            let mut tree = root;
            for (path, blob) in paths {
                let base = tree.map(|id| repo.find_tree(id).expect("the tree was written"));
                tree = Some(with_blob(&repo, base.as_ref(), path, *blob).expect("can write"));
            }
            tree.expect("paths were given")
        };
        let base = one_by_one(None, &first);
        assert_eq!(with_blobs_at(&repo, None, &first).expect("can write"), base);
        let base_tree = repo.find_tree(base).expect("the tree was written");
        assert_eq!(
            with_blobs_at(&repo, Some(&base_tree), &more).expect("can write"),
            one_by_one(Some(base), &more)
        );
    }

    #[test]
    fn a_file_put_by_tks_writer_makes_the_tree_the_builder_makes() {
        let dir = tempfile::tempdir().expect("can create a temp dir");
        let repo = Repository::init(dir.path()).expect("can init a repository");
        let blob = |text: &str| repo.blob(text.as_bytes()).expect("can write a blob");
        let (a, b, c) = (blob("a"), blob("b"), blob("c"));
        let mut ours: Option<Oid> = None;
        let mut theirs: Option<Oid> = None;
        let paths = [
            ("tk.toml", a),
            ("tickets/ab/x.toml", a),
            ("tickets/ab/y.toml", b),
            ("tickets/ab.toml", c),
            ("tickets/cd/z.toml", c),
            ("tickets/ab/x.toml", c),
            ("tickets", b),
            ("tickets/ef/w.toml", a),
        ];
        for (path, id) in paths {
            let base = ours.map(|t| repo.find_tree(t).expect("the tree was written"));
            ours = Some(with_file(&repo, base.as_ref(), path, id).expect("tk writes"));
            let base = theirs.map(|t| repo.find_tree(t).expect("the tree was written"));
            theirs = Some(with_blob(&repo, base.as_ref(), path, id).expect("libgit2 writes"));
            assert_eq!(ours, theirs, "after {path}");
        }
    }
}
