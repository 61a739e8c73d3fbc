//! The audit trail: the tickets ref's history, read back through the
//! commit trailers tk writes.

use super::error::{Error, GitContext};
use super::Store;
use crate::codec;
use crate::model::{TicketId, Timestamp};
use git2::Sort;

/// One commit on the tickets ref.
#[derive(Clone, Debug)]
pub struct LogEntry {
    /// Full commit id.
    pub commit: String,
    /// `Name <email>` of the author.
    pub author: String,
    /// Author time.
    pub at: Timestamp,
    /// The `Tk-Action` trailer, when present.
    pub action: Option<String>,
    /// The `Tk-Ticket` trailers.
    pub tickets: Vec<String>,
    /// The first line of the message.
    pub subject: String,
}

impl Store {
    /// Returns the commits on the ref, newest first, optionally only those
    /// that name `ticket` in a `Tk-Ticket` trailer.
    pub fn history(
        &self,
        ticket: Option<&TicketId>,
        limit: Option<usize>,
    ) -> Result<Vec<LogEntry>, Error> {
        let Some(tip) = self.tip()? else {
            return Ok(Vec::new());
        };
        let walk_error = || "cannot walk the history of the tickets ref".to_string();
        let mut walk = self.repo.revwalk().context(walk_error)?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
            .context(walk_error)?;
        walk.push(tip.id()).context(walk_error)?;
        let mut entries = Vec::new();
        for oid in walk {
            if limit.is_some_and(|n| entries.len() >= n) {
                break;
            }
            let commit = self
                .repo
                .find_commit(oid.context(walk_error)?)
                .context(walk_error)?;
            let entry = entry(&commit);
            let wanted = match ticket {
                None => true,
                Some(id) => {
                    entry.tickets.iter().any(|t| t == id.as_str())
                        || changes_file(&commit, &codec::ticket_path(id))
                }
            };
            if wanted {
                entries.push(entry);
            }
        }
        Ok(entries)
    }
}

/// Returns whether `commit` gave `path` content that none of its parents
/// had: how plain-git edits of a ticket, which carry no trailer, are found.
fn changes_file(commit: &git2::Commit<'_>, path: &str) -> bool {
    let blob = |c: &git2::Commit<'_>| {
        c.tree()
            .ok()?
            .get_path(std::path::Path::new(path))
            .ok()
            .map(|e| e.id())
    };
    let Some(mine) = blob(commit) else {
        return false;
    };
    commit.parents().all(|parent| blob(&parent) != Some(mine))
}

fn entry(commit: &git2::Commit<'_>) -> LogEntry {
    let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
    let mut action = None;
    let mut tickets = Vec::new();
    if let Ok(trailers) = git2::message_trailers_strs(&message) {
        for (key, value) in trailers.iter() {
            match key {
                "Tk-Action" => action = Some(value.to_string()),
                "Tk-Ticket" => tickets.push(value.to_string()),
                _ => {}
            }
        }
    }
    let author = commit.author();
    LogEntry {
        commit: commit.id().to_string(),
        author: format!(
            "{} <{}>",
            String::from_utf8_lossy(author.name_bytes()),
            String::from_utf8_lossy(author.email_bytes())
        ),
        at: Timestamp::clamped(author.when().seconds()),
        action,
        tickets,
        subject: message.lines().next().unwrap_or_default().to_string(),
    }
}
