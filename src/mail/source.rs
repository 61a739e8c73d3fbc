//! Where messages come from: standard input (an MTA pipe), a message file,
//! an mbox file, or a Maildir directory, and how a handled message is
//! acknowledged to its source (a Maildir message moves from `new/` to
//! `cur/`; the others need nothing: exit 0 is the MTA's acknowledgement).
//!
//! Keeps at most one byte more than the size limit of any one message
//! (an mbox's messages too, cut as they are read), so a huge input is
//! refused without being held in memory.

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
    let fail = |source| Error::Read {
        path: shown.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let messages = split_mbox(std::io::BufReader::new(file), limit).map_err(fail)?;
    Ok(messages
        .into_iter()
        .enumerate()
        .map(|(index, raw)| Item {
            origin: format!("{shown}#{}", index + 1),
            raw,
            maildir_file: None,
        })
        .collect())
}

/// Splits an mbox into its messages: each starts after a `From ` line,
/// and a line `>From ` (or `>>From `…) inside one loses its first `>`
/// (mboxrd). Each message is kept only up to one byte past `limit` while
/// it is read, and no line is held longer than that, so a huge message
/// costs reading time, not memory.
fn split_mbox(mut reader: impl std::io::BufRead, limit: u64) -> std::io::Result<Vec<Vec<u8>>> {
    let keep = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut messages = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    let mut line = Vec::new();
    while read_line(&mut reader, &mut line, keep.saturating_add(1))? {
        if line.starts_with(b"From ") {
            messages.extend(current.replace(Vec::new()));
            continue;
        }
        let Some(message) = &mut current else {
            // Text before the first `From ` line belongs to no message.
            continue;
        };
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        let text = if quotes > 0 && line[quotes..].starts_with(b"From ") {
            &line[1..]
        } else {
            &line[..]
        };
        let room = keep.saturating_sub(message.len());
        message.extend_from_slice(&text[..text.len().min(room)]);
    }
    messages.extend(current);
    Ok(messages)
}

/// Reads one line (through its newline) into `line`, keeping at most
/// `keep` bytes of it and skipping the rest; `false` at the end of input.
fn read_line(
    reader: &mut impl std::io::BufRead,
    line: &mut Vec<u8>,
    keep: usize,
) -> std::io::Result<bool> {
    line.clear();
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(any);
        }
        any = true;
        let (taken, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = keep.saturating_sub(line.len());
        line.extend_from_slice(&buf[..taken.min(room)]);
        reader.consume(taken);
        if done {
            return Ok(true);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_mbox_splits_at_from_lines_and_unquotes_from_inside_messages() {
        let mbox = b"junk\nFrom a@b Mon Mar  2 08:30:00 2026\nSubject: one\n\n>From here\n>>From there\n>not from\nFrom c@d Mon Mar  2 08:31:00 2026\nSubject: two\n\nbody";
        let messages = split_mbox(&mbox[..], 1000).unwrap();
        assert_eq!(
            messages,
            vec![
                b"Subject: one\n\nFrom here\n>From there\n>not from\n".to_vec(),
                b"Subject: two\n\nbody".to_vec(),
            ]
        );
    }

    #[test]
    fn regression_an_mbox_message_was_held_whole_before_the_size_check() {
        let mut mbox = b"From a@b Mon Mar  2 08:30:00 2026\nSubject: big\n\n".to_vec();
        // One line of a megabyte, then more lines: the message is kept
        // only up to one byte past the limit while it is read.
        mbox.extend(std::iter::repeat_n(b'x', 1 << 20));
        mbox.extend_from_slice(
            b"\nmore\nFrom c@d Mon Mar  2 08:31:00 2026\nSubject: small\n\nok\n",
        );
        let messages = split_mbox(&mbox[..], 100).unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].len(), 101);
        assert!(messages[0].starts_with(b"Subject: big\n\nxxx"));
        assert_eq!(messages[1], b"Subject: small\n\nok\n".to_vec());
    }
}
