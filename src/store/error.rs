//! The store's error type.

use crate::codec::DecodeError;
use crate::model::Refusal;
use std::path::PathBuf;

/// Everything that can go wrong reading or writing the tickets ref.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No git repository at or above the directory.
    #[error("not in a git repository (looked in {path} and its parents)")]
    NotARepository {
        /// Where the search started.
        path: PathBuf,
    },
    /// Neither the environment nor git config names the user.
    #[error("no git identity: set one with `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.com`")]
    NoIdentity,
    /// `tk.ref` is not a valid reference name.
    #[error("git config tk.ref `{0}` is not a valid reference name (like refs/heads/tk/tickets)")]
    BadRefName(String),
    /// A git operation failed.
    #[error("{context}: {cause}")]
    Git {
        /// What tk was doing.
        context: String,
        /// libgit2's error.
        cause: git2::Error,
    },
    /// Writing the read cache failed.
    #[error("{context} {path}: {cause}")]
    Io {
        /// What tk was doing.
        context: &'static str,
        /// The file involved.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// No ticket id starts with the prefix.
    #[error("no ticket matches `{0}`")]
    NotFound(String),
    /// More than one ticket id starts with the prefix.
    #[error("ticket id `{prefix}` is ambiguous: it matches {}", .candidates.join(", "))]
    Ambiguous {
        /// The prefix given.
        prefix: String,
        /// `short-id "title"` of each match.
        candidates: Vec<String>,
    },
    /// A ticket file on the ref cannot be read.
    #[error("cannot read {path} on {refname}: {cause}")]
    Malformed {
        /// The path in the tree.
        path: String,
        /// The ref read.
        refname: String,
        /// What is wrong with it.
        cause: DecodeError,
    },
    /// A path where tk expects a file holds another kind of entry.
    #[error("{path} is {kind}")]
    WrongKind {
        /// The path in the tree.
        path: String,
        /// What it is instead.
        kind: String,
    },
    /// A file on the ref is over tk's size limit for it.
    #[error("{path} is {size} bytes, over tk's limit of {limit} for it")]
    TooLarge {
        /// The path in the tree.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// `tk.toml` lists more members than tk accepts.
    #[error("tk.toml on {refname} lists {count} team members, over the limit of {limit}")]
    TooManyMembers {
        /// The ref read.
        refname: String,
        /// How many it lists.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A write would commit a file that tk cannot read back.
    #[error("refusing to write {path}: tk could not read it back ({cause})")]
    Unwritable {
        /// The path in the tree.
        path: String,
        /// Why reading it back fails.
        cause: DecodeError,
    },
    /// `tk.toml` on the ref is not a valid team configuration.
    #[error("tk.toml on {refname}: {cause}")]
    Config {
        /// The ref read.
        refname: String,
        /// The invalid key.
        cause: crate::team::Error,
    },
    /// A new ticket's id is already on the ref.
    #[error("ticket id {0} is already taken (is TK_ID_SEED set to a value used before?)")]
    IdTaken(String),
    /// The lifecycle does not allow the change.
    #[error("ticket {id}: {cause}")]
    Refused {
        /// Short id of the ticket.
        id: String,
        /// Which rule refused it.
        cause: Refusal,
    },
    /// The tickets branch is checked out, so writing it would desynchronize
    /// that worktree.
    #[error("{refname} is checked out in {}; tk does not write a checked-out branch (check out another branch there, or set git config tk.ref)", .worktree.display())]
    CheckedOut {
        /// The ref.
        refname: String,
        /// The worktree that has it checked out.
        worktree: PathBuf,
    },
    /// One change names the same ticket twice.
    #[error("ticket {0} is named twice in one change")]
    Repeated(String),
    /// A file to commit lies outside the directories tk may write to.
    #[error("tk does not write {0} (only files under attachments/)")]
    BadPath(String),
    /// The ref's lock file was left behind by a writer that was killed.
    #[error("{refname} is locked by {}, left {} ago by a git or tk process that did not finish; if no git or tk command is running in this repository, remove it: rm '{}'", .path.display(), human_age(*.age), .path.display())]
    StaleLock {
        /// The ref.
        refname: String,
        /// The lock file.
        path: PathBuf,
        /// How long ago it was last written.
        age: std::time::Duration,
    },
    /// Other writers kept moving the ref.
    #[error("{refname} kept changing under concurrent writers ({attempts} attempts)")]
    Contention {
        /// The ref.
        refname: String,
        /// How many times tk tried.
        attempts: u32,
    },
}

/// Adds context to a libgit2 error.
pub(crate) trait GitContext<T> {
    /// Wraps the error with a description of what was being done.
    fn context(self, context: impl FnOnce() -> String) -> Result<T, Error>;
}

impl<T> GitContext<T> for Result<T, git2::Error> {
    fn context(self, context: impl FnOnce() -> String) -> Result<T, Error> {
        self.map_err(|cause| Error::Git {
            context: context(),
            cause,
        })
    }
}

/// Returns an age as people say it: `45 s`, `12 min`, `3 h`, `2 days`.
fn human_age(age: std::time::Duration) -> String {
    let s = age.as_secs();
    match s {
        0..=119 => format!("{s} s"),
        120..=7199 => format!("{} min", s / 60),
        7200..=172_799 => format!("{} h", s / 3600),
        _ => format!("{} days", s / 86_400),
    }
}
