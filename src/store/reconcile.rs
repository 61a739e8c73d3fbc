//! Turning a ticket file edited outside tk into timeline events.
//!
//! Someone may change a ticket's state with plain git or a host's web
//! editor. The difference between the written state and the replayed one
//! becomes events by the author of the commit that made the edit, at that
//! commit's time. The event ids derive from the edited blob, so every
//! clone that reconciles the same edit makes the same events and merges
//! keep one copy.

use super::error::{Error, GitContext};
use crate::codec::Decoded;
use crate::model::{Event, EventId, Ticket, Timestamp};
use git2::{Commit, Oid, Repository, Sort};
use std::path::Path;

/// Returns the ticket with the hand edit of its file added as events.
pub(super) fn hand_edit(
    repo: &Repository,
    tip: &Commit<'_>,
    path: &str,
    blob: Oid,
    decoded: Decoded,
) -> Result<Ticket, Error> {
    let editor = introducing_commit(repo, tip, path, blob)?;
    let author = editor.author();
    let by = format!(
        "{} <{}>",
        String::from_utf8_lossy(author.name_bytes()),
        String::from_utf8_lossy(author.email_bytes())
    );
    let at = Timestamp::clamped(author.when().seconds());
    let mut ticket = decoded.ticket;
    for (n, action) in ticket
        .actions_towards(&decoded.written)
        .into_iter()
        .enumerate()
    {
        let event = Event {
            id: EventId::derived_from(format!("{blob}:{n}").as_bytes()),
            clock: 0,
            at,
            by: by.clone(),
            action,
        };
        // An edit the lifecycle cannot express (say, a status jump with no
        // resolution) is left out rather than forced into the state.
        let _ = ticket.record(event);
    }
    Ok(ticket)
}

/// Returns the newest commit reachable from `tip` that set `path` to
/// `blob`, or `tip` itself when history does not tell.
fn introducing_commit<'r>(
    repo: &'r Repository,
    tip: &Commit<'_>,
    path: &str,
    blob: Oid,
) -> Result<Commit<'r>, Error> {
    let blob_at = |commit: &Commit<'_>| -> Option<Oid> {
        commit
            .tree()
            .ok()?
            .get_path(Path::new(path))
            .ok()
            .map(|e| e.id())
    };
    let mut walk = repo.revwalk().context(|| "cannot walk history".into())?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
        .context(|| "cannot walk history".into())?;
    walk.push(tip.id())
        .context(|| "cannot walk history".into())?;
    for oid in walk {
        let commit = repo
            .find_commit(oid.context(|| "cannot walk history".into())?)
            .context(|| "cannot read commit".into())?;
        if blob_at(&commit) != Some(blob) {
            continue;
        }
        if commit
            .parents()
            .all(|parent| blob_at(&parent) != Some(blob))
        {
            return Ok(commit);
        }
    }
    repo.find_commit(tip.id())
        .context(|| "cannot read commit".into())
}
