//! The lifecycle rules: which action is allowed in which status.
//!
//! Commands check these before appending an event; replay checks them again
//! so that an event that a merge placed where it is no longer allowed is
//! superseded instead of producing a state the lifecycle forbids.

use super::attachment::check_attachment_name;
use super::event::{Action, ActionKind};
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

/// What the lifecycle says about an action in a status, before looking at
/// the rest of the ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Allowed (subject to the checks on the ticket's other fields).
    Allowed,
    /// Allowed only with a reason: `close` on a ticket that is not resolved.
    WithReason,
    /// Not allowed in this status.
    Refused,
}

/// Returns whether `kind` is allowed in `status`: the lifecycle table.
///
/// The match is exhaustive on purpose: a new action does not compile until
/// it says where it is allowed.
pub fn permission(kind: ActionKind, status: Status) -> Permission {
    use Permission::{Allowed, Refused, WithReason};
    let when = |allowed: bool| if allowed { Allowed } else { Refused };
    let open = status.is_open();
    match kind {
        ActionKind::Create => Refused,
        // Links, watchers and attachments describe the ticket rather than
        // move it, so they are allowed in every status, like comments.
        ActionKind::Set
        | ActionKind::Comment
        | ActionKind::Link
        | ActionKind::Unlink
        | ActionKind::Watch
        | ActionKind::Unwatch
        | ActionKind::Attach
        | ActionKind::Received
        | ActionKind::Mailed => Allowed,
        ActionKind::Assign | ActionKind::Resolve | ActionKind::Escalate => when(open),
        // A new ticket has nobody assigned by definition: an assignee
        // makes it `assigned`.
        ActionKind::Unassign => when(open && status != Status::New),
        ActionKind::Start => when(open && status != Status::InProgress),
        ActionKind::Wait => when(open && status != Status::Waiting),
        ActionKind::Close if status == Status::Resolved => Allowed,
        ActionKind::Close => {
            if open {
                WithReason
            } else {
                Refused
            }
        }
        ActionKind::Reopen | ActionKind::Rate => when(!open),
    }
}

/// Returns whether refusals and help list `kind` among the allowed
/// actions. The describing actions (links, watchers, attachments) are
/// allowed everywhere, so listing them would only lengthen every message;
/// `create` is never allowed on an existing ticket; `escalate` is allowed
/// wherever `assign` is.
fn listed(kind: ActionKind) -> bool {
    match kind {
        ActionKind::Create
        | ActionKind::Link
        | ActionKind::Unlink
        | ActionKind::Watch
        | ActionKind::Unwatch
        | ActionKind::Attach
        | ActionKind::Received
        | ActionKind::Mailed => false,
        ActionKind::Assign
        | ActionKind::Unassign
        | ActionKind::Start
        | ActionKind::Wait
        | ActionKind::Resolve
        | ActionKind::Close
        | ActionKind::Reopen
        | ActionKind::Rate
        | ActionKind::Comment
        | ActionKind::Set => true,
        // Escalation hands over an open ticket rather than moving it
        // through the lifecycle; listing it would lengthen every refusal.
        ActionKind::Escalate => false,
    }
}

/// Returns the actions allowed in `status`, for error messages and help,
/// read from the lifecycle table in [`ActionKind`] order.
pub fn allowed_actions(status: Status) -> Vec<&'static str> {
    ActionKind::ALL
        .iter()
        .filter(|kind| listed(**kind))
        .filter_map(|kind| match permission(*kind, status) {
            Permission::Allowed => Some(kind.as_str()),
            Permission::WithReason => Some("close --reason"),
            Permission::Refused => None,
        })
        .collect()
}

/// Checks that `action` may be applied to a ticket in `state`: first the
/// lifecycle table, then what the action needs of the ticket's fields.
pub(crate) fn check(state: &State, action: &Action) -> Result<(), Refusal> {
    let status = state.status;
    let refuse = |detail: &str| {
        Err(Refusal {
            action: action.name(),
            status,
            detail: detail.to_string(),
        })
    };
    match permission(action.kind(), status) {
        Permission::Refused => {
            return match action {
                Action::Create(_) => refuse(" (it already exists)"),
                Action::Unassign if status.is_open() => refuse(" and has no assignee"),
                _ => refuse(""),
            }
        }
        Permission::WithReason => {
            if !matches!(
                action,
                Action::Close {
                    reason: Some(_),
                    ..
                }
            ) {
                return refuse(
                    " without a reason (resolve it first, or give --reason duplicate|cancelled|wontfix)",
                );
            }
        }
        Permission::Allowed => {}
    }
    match action {
        Action::Unassign if state.assignee.is_none() => refuse(" and has no assignee"),
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
        Action::Escalate { reason, .. } if reason.trim().is_empty() => {
            refuse(" without a reason (-m REASON)")
        }
        Action::Attach { name, .. } => match check_attachment_name(name) {
            Ok(()) => Ok(()),
            Err(e) => refuse(&format!(": {e}")),
        },
        Action::Received { message_id, .. } if message_id.trim().is_empty() => {
            refuse(" (no Message-ID given)")
        }
        Action::Create(_)
        | Action::Set(_)
        | Action::Assign { .. }
        | Action::Unassign
        | Action::Comment { .. }
        | Action::Start
        | Action::Wait { .. }
        | Action::Resolve { .. }
        | Action::Close { .. }
        | Action::Reopen { .. }
        | Action::Rate { .. }
        | Action::Link { .. }
        | Action::Watch { .. }
        | Action::Unwatch { .. }
        | Action::Escalate { .. }
        | Action::Received { .. }
        | Action::Mailed { .. } => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists refusals showed before the lifecycle became a table; the
    /// table must reproduce them word for word.
    #[test]
    fn the_table_lists_the_same_allowed_actions_as_before() {
        let open = |extra: &[&'static str]| {
            let mut list = vec!["assign"];
            list.extend_from_slice(extra);
            list.extend_from_slice(&["resolve", "close --reason", "comment", "set"]);
            list
        };
        assert_eq!(allowed_actions(Status::New), open(&["start", "wait"]));
        assert_eq!(
            allowed_actions(Status::Assigned),
            open(&["unassign", "start", "wait"])
        );
        assert_eq!(
            allowed_actions(Status::InProgress),
            open(&["unassign", "wait"])
        );
        assert_eq!(
            allowed_actions(Status::Waiting),
            open(&["unassign", "start"])
        );
        assert_eq!(
            allowed_actions(Status::Resolved),
            ["close", "reopen", "rate", "comment", "set"]
        );
        assert_eq!(
            allowed_actions(Status::Closed),
            ["reopen", "rate", "comment", "set"]
        );
    }

    #[test]
    fn create_is_refused_everywhere() {
        for status in Status::ALL {
            assert_eq!(permission(ActionKind::Create, *status), Permission::Refused);
        }
    }

    /// The guide's table of commands and the statuses they are allowed in
    /// is the lifecycle table written out; the two must agree.
    #[test]
    fn the_guide_lists_the_lifecycle_table() {
        let guide = include_str!("../../docs/first-day.md");
        let mut documented = Vec::new();
        for row in guide.lines().filter(|l| l.starts_with("| `tk ")) {
            let cells: Vec<&str> = row.split(" | ").collect();
            let command = cells[0].trim_start_matches("| `tk ");
            let word = command.split([' ', '`']).next().unwrap_or_default();
            let Some(kind) = ActionKind::from_word(word) else {
                continue;
            };
            let with_reason = command.contains("--reason");
            let statuses: Vec<Status> = match cells[1] {
                "any" => Status::ALL.to_vec(),
                "any status but closed" => Status::ALL
                    .iter()
                    .copied()
                    .filter(|s| *s != Status::Closed)
                    .collect(),
                list => list.split(", ").filter_map(Status::from_word).collect(),
            };
            let expected: Vec<Status> = Status::ALL
                .iter()
                .copied()
                .filter(|status| match permission(kind, *status) {
                    Permission::Allowed => true,
                    Permission::WithReason => with_reason,
                    Permission::Refused => false,
                })
                .collect();
            assert_eq!(statuses, expected, "docs/first-day.md row: {row}");
            documented.push(kind);
        }
        for kind in ActionKind::ALL.iter().filter(|k| listed(**k)) {
            assert!(
                documented.contains(kind),
                "docs/first-day.md has no row for `tk {kind}`"
            );
        }
    }
}
