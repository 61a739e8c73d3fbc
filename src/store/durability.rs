//! Durability: whether tk's writes reach the disk before they are
//! acknowledged, following git's own `core.fsync` setting.
//!
//! git decides per component what it fsyncs (`core.fsync`, and the older
//! boolean `core.fsyncObjectFiles`). tk writes loose objects and one ref,
//! so it fsyncs exactly when git would fsync those: libgit2 then syncs each
//! object file, the ref's lock file and their directories before renaming
//! them into place, and tk's own loose-object writer (`loose`) follows the
//! same flag. Owns only that decision; imports nothing but git2 and
//! libgit2-sys.

use git2::Config;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether this process fsyncs what it writes under the git directory: set
/// with libgit2's own flag, read by tk's loose-object writer (`loose`).
static FSYNC: AtomicBool = AtomicBool::new(false);

/// Returns whether `core.fsync` (a comma-separated list of components,
/// later entries winning, `-name` removing one) or `core.fsyncObjectFiles`
/// asks git to fsync loose objects or references, the two things tk
/// writes.
pub(super) fn wants_fsync(config: &Config) -> bool {
    if config.get_bool("core.fsyncObjectFiles").unwrap_or(false) {
        return true;
    }
    let Ok(list) = config.get_string("core.fsync") else {
        return false;
    };
    let mut on = false;
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let (remove, name) = match word.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, word),
        };
        let covers_ours = matches!(
            name,
            "loose-object" | "reference" | "objects" | "committed" | "added" | "all"
        );
        match name {
            "none" if !remove => on = false,
            _ if covers_ours => on = !remove,
            _ => {}
        }
    }
    on
}

/// Turns on libgit2's fsync of everything it writes under the git
/// directory (objects and refs) for this process.
pub(super) fn enable_fsync() {
    // SAFETY: git_libgit2_opts with GIT_OPT_ENABLE_FSYNC_GITDIR takes one
    // int argument and only sets a global flag that libgit2 reads when it
    // writes a file; it is called before any write, from one thread.
    let code = unsafe {
        libgit2_sys::git_libgit2_opts(libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as _, 1 as libc_int)
    };
    debug_assert_eq!(code, 0, "libgit2 knows GIT_OPT_ENABLE_FSYNC_GITDIR");
    FSYNC.store(true, Ordering::Relaxed);
}

/// Returns whether [`enable_fsync`] was called: whether tk's own object
/// writer must fsync each object file and its directory, as libgit2 does.
pub(super) fn enabled() -> bool {
    FSYNC.load(Ordering::Relaxed)
}

#[allow(non_camel_case_types)]
type libc_int = std::os::raw::c_int;

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        let mut config = Config::open(&path).unwrap();
        for (key, value) in pairs {
            config.set_str(key, value).unwrap();
        }
        (dir, Config::open(&path).unwrap())
    }

    #[test]
    fn fsync_follows_core_fsync_like_git() {
        let cases: &[(&[(&str, &str)], bool)] = &[
            (&[], false),
            (&[("core.fsync", "committed")], true),
            (&[("core.fsync", "all")], true),
            (&[("core.fsync", "reference")], true),
            (&[("core.fsync", "pack,index")], false),
            (&[("core.fsync", "none")], false),
            (&[("core.fsync", "all,-loose-object,-reference")], false),
            (&[("core.fsync", "committed,none")], false),
            (&[("core.fsyncObjectFiles", "true")], true),
        ];
        for (pairs, want) in cases {
            let (_dir, config) = config(pairs);
            assert_eq!(wants_fsync(&config), *want, "{pairs:?}");
        }
    }
}
