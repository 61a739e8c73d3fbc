//! git's tree object format, for the writers that make trees without
//! libgit2's tree builder (a ticket write's trees in `loose`, a merge's in
//! `tree_merge/fresh`): the order of entries and the bytes of each.
//!
//! Imports only git2's `Oid`; owns nothing else.

use git2::Oid;
use std::cmp::Ordering;

/// The mode of a tree entry that is a directory, as git writes it.
pub(super) const TREE_MODE: i32 = 0o040000;

/// The mode of a regular file entry.
pub(super) const BLOB_MODE: i32 = 0o100644;

/// git's order of tree entries, given as name and mode: by name bytes, a
/// directory's name compared as if it ended in `/` (libgit2's
/// `git_fs_path_cmp`).
pub(super) fn order(a: (&[u8], i32), b: (&[u8], i32)) -> Ordering {
    key(a).cmp(key(b))
}

/// The bytes an entry sorts by (see [`order`]).
fn key((name, mode): (&[u8], i32)) -> impl Iterator<Item = u8> + '_ {
    let dir = mode & 0o170000 == TREE_MODE;
    name.iter().copied().chain(dir.then_some(b'/'))
}

/// Appends one entry to a tree's bytes as git writes it: the mode in
/// octal, a space, the name, a NUL and the id. Entries go in [`order`].
pub(super) fn push_entry(tree: &mut Vec<u8>, name: &[u8], mode: i32, id: Oid) {
    tree.extend_from_slice(format!("{mode:o} ").as_bytes());
    tree.extend_from_slice(name);
    tree.push(0);
    tree.extend_from_slice(id.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_sorts_as_if_its_name_ended_in_a_slash() {
        let file = |name: &'static str| (name.as_bytes(), BLOB_MODE);
        let dir = |name: &'static str| (name.as_bytes(), TREE_MODE);
        // '-' (0x2d) < '/' (0x2f) < '0' (0x30)
        assert_eq!(order(dir("a"), file("a-c")), Ordering::Greater);
        assert_eq!(order(dir("a"), file("a0")), Ordering::Less);
        assert_eq!(order(file("a"), file("a-c")), Ordering::Less);
        assert_eq!(order(file("a"), dir("a")), Ordering::Less);
        assert_eq!(order(file("b"), file("b")), Ordering::Equal);
    }
}
