//! The lifecycle rules: which action is allowed in which status.
//!
//! Commands check these before appending an event; replay checks them again
//! so that an event that a merge placed where it is no longer allowed is
//! superseded instead of producing a state the lifecycle forbids.

use super::attachment::check_attachment_name;
use super::event::Action;
use super::fields::Status;
use super::state::{Link, State};

/// Why an action is not allowed on a ticket in its current state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {action} a ticket that is {status}{detail}; allowed: {}", allowed_actions(*.status).join(", "))]
pub struct Refusal {
    /// The refused action.
    pub action: &'static str,
    /// The status the ticket is in.
    pub status: Status,
    /// Extra explanation, starting with a separator.
    pub detail: String,
}

/// Returns the actions allowed in `status`, for error messages and help.
pub fn allowed_actions(status: Status) -> &'static [&'static str] {
    match status {
        Status::New => &[
            "assign",
            "start",
            "wait",
            "resolve",
            "close --reason",
            "comment",
            "set",
        ],
        Status::Assigned => &[
            "assign",
            "unassign",
            "start",
            "wait",
            "resolve",
            "close --reason",
            "comment",
            "set",
        ],
        Status::InProgress => &[
            "assign",
            "unassign",
            "wait",
            "resolve",
            "close --reason",
            "comment",
            "set",
        ],
        Status::Waiting => &[
            "assign",
            "unassign",
            "start",
            "resolve",
            "close --reason",
            "comment",
            "set",
        ],
        Status::Resolved => &["close", "reopen", "rate", "comment", "set"],
        Status::Closed => &["reopen", "rate", "comment", "set"],
    }
}

/// Checks that `action` may be applied to a ticket in `state`.
pub(crate) fn check(state: &State, action: &Action) -> Result<(), Refusal> {
    let status = state.status;
    let refuse = |detail: &str| {
        Err(Refusal {
            action: action.name(),
            status,
            detail: detail.to_string(),
        })
    };
    match action {
        Action::Create(_) => refuse(" (it already exists)"),
        Action::Set(_) | Action::Comment { .. } => Ok(()),
        Action::Assign { .. } | Action::Resolve { .. } if status.is_open() => Ok(()),
        Action::Unassign if status.is_open() && state.assignee.is_some() => Ok(()),
        Action::Unassign if status.is_open() => refuse(" and has no assignee"),
        Action::Start if status.is_open() && status != Status::InProgress => Ok(()),
        Action::Wait { .. } if status.is_open() && status != Status::Waiting => Ok(()),
        Action::Close { .. } if status == Status::Resolved => Ok(()),
        Action::Close {
            reason: Some(_), ..
        } if status.is_open() => Ok(()),
        Action::Close { reason: None, .. } if status.is_open() => refuse(
            " without a reason (resolve it first, or give --reason duplicate|cancelled|wontfix)",
        ),
        Action::Reopen { .. } | Action::Rate { .. } if !status.is_open() => Ok(()),
        // Links, watchers and attachments describe the ticket rather than
        // move it, so they are allowed in every status, like comments.
        Action::Link { target, .. } if *target == state.id => refuse(" (to itself)"),
        Action::Unlink { relation, target } => {
            let link = Link {
                relation: *relation,
                target: target.clone(),
            };
            if state.links.contains(&link) {
                Ok(())
            } else {
                refuse(&format!(": it has no `{relation}` link to {target}"))
            }
        }
        Action::Watch { who } if who.trim().is_empty() => refuse(" (no watcher given)"),
        Action::Unwatch { who } if !state.watchers.contains(who) => {
            refuse(&format!(": {who} is not watching it"))
        }
        Action::Attach { name, .. } => match check_attachment_name(name) {
            Ok(()) => Ok(()),
            Err(e) => refuse(&format!(": {e}")),
        },
        Action::Link { .. } | Action::Watch { .. } | Action::Unwatch { .. } => Ok(()),
        _ => refuse(""),
    }
}
