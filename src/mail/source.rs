//! Where messages come from: standard input (an MTA pipe), a message file,
//! an mbox file, or a Maildir directory, and how a handled message is
//! acknowledged to its source (a Maildir message moves from `new/` to
//! `cur/`; the others need nothing: exit 0 is the MTA's acknowledgement).
//!
//! Reads at most one byte more than the size limit of any one message, so
//! a huge input is refused without being held in memory.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One message read from a source, not yet acknowledged.
#[derive(Debug)]
pub struct Item {
    /// Where it came from, for messages: `stdin`, a path, `path#3`.
    pub origin: String,
    /// Its bytes, cut one byte past the size limit.
    pub raw: Vec<u8>,
    /// The Maildir file to move once handled.
    maildir_file: Option<PathBuf>,
}

/// A source that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading failed.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The path (`stdin` for standard input).
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A directory that is not a Maildir.
    #[error("{0} is a directory but not a Maildir (it has no new/ and cur/)")]
    NotMaildir(String),
    /// Moving a handled message to `cur/` failed.
    #[error("cannot move {path} to cur/: {source}")]
    Acknowledge {
        /// The message file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Reads one message from standard input.
pub fn stdin(limit: u64) -> Result<Item, Error> {
    let raw = read_limited(std::io::stdin().lock(), limit).map_err(|source| Error::Read {
        path: "stdin".to_string(),
        source,
    })?;
    Ok(Item {
        origin: "stdin".to_string(),
        raw,
        maildir_file: None,
    })
}

/// Reads the messages at `path`: a Maildir's `new/`, every message of an
/// mbox (a file starting with `From `), or one message file.
pub fn read(path: &Path, limit: u64) -> Result<Vec<Item>, Error> {
    let shown = path.display().to_string();
    let fail = |source| Error::Read {
        path: shown.clone(),
        source,
    };
    if path.is_dir() {
        if !path.join("new").is_dir() || !path.join("cur").is_dir() {
            return Err(Error::NotMaildir(shown));
        }
        return maildir(path, limit);
    }
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let mut head = [0u8; 5];
    let got = file.read(&mut head).map_err(fail)?;
    drop(file);
    if &head[..got] == b"From " {
        return mbox(path, limit);
    }
    let file = std::fs::File::open(path).map_err(fail)?;
    let raw = read_limited(file, limit).map_err(fail)?;
    Ok(vec![Item {
        origin: shown,
        raw,
        maildir_file: None,
    }])
}

fn maildir(dir: &Path, limit: u64) -> Result<Vec<Item>, Error> {
    let new = dir.join("new");
    let fail = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Read { path, source }
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&new)
        .map_err(fail(&new))?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    // Maildir names start with the delivery time: sorting keeps the order
    // messages arrived in, so a reply never comes before its thread.
    names.sort();
    names
        .into_iter()
        .map(|path| {
            let file = std::fs::File::open(&path).map_err(fail(&path))?;
            let raw = read_limited(file, limit).map_err(fail(&path))?;
            Ok(Item {
                origin: path.display().to_string(),
                raw,
                maildir_file: Some(path),
            })
        })
        .collect()
}

fn mbox(path: &Path, limit: u64) -> Result<Vec<Item>, Error> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: shown.clone(),
        source,
    })?;
    let reader = std::io::BufReader::new(file);
    mail_parser::mailbox::mbox::MessageIterator::new(reader)
        .enumerate()
        .map(|(index, message)| {
            let message = message.map_err(|source| Error::Read {
                path: shown.clone(),
                source,
            })?;
            let mut raw = message.unwrap_contents();
            let cut = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
            raw.truncate(cut);
            Ok(Item {
                origin: format!("{shown}#{}", index + 1),
                raw,
                maildir_file: None,
            })
        })
        .collect()
}

/// Reads at most `limit + 1` bytes: enough to tell a message is too large.
fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut raw)?;
    Ok(raw)
}

impl Item {
    /// Returns an item for bytes from elsewhere (an IMAP server, a test).
    pub fn from_bytes(origin: String, raw: Vec<u8>) -> Item {
        Item {
            origin,
            raw,
            maildir_file: None,
        }
    }

    /// Acknowledges a handled message to its source: a Maildir message
    /// moves to `cur/` with the seen flag. Call only once its change is on
    /// the ref (or it was deliberately ignored).
    pub fn acknowledge(&self) -> Result<(), Error> {
        let Some(path) = &self.maildir_file else {
            return Ok(());
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let flagged = if name.contains(":2,") {
            name
        } else {
            format!("{name}:2,S")
        };
        let cur = path
            .parent()
            .and_then(Path::parent)
            .map(|dir| dir.join("cur").join(flagged));
        let Some(cur) = cur else {
            return Ok(());
        };
        std::fs::rename(path, &cur).map_err(|source| Error::Acknowledge {
            path: path.display().to_string(),
            source,
        })
    }
}
