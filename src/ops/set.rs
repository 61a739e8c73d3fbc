//! Setting fields of a ticket (`tk set`).

use super::write::{write_one, TicketChange};
use super::{Error, Session, Written};
use crate::model::{Action, Changes, TicketPrefix};

/// The fields to set on a ticket.
pub struct SetOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// Descriptive fields; the team's policy completes priority and SLA
    /// targets on the write path.
    pub changes: Changes,
    /// A new assignee (`Some(None)` unassigns).
    pub assignee: Option<Option<String>>,
}

/// Sets the fields in one commit.
pub fn set(session: &Session, options: SetOptions) -> Result<Written, Error> {
    let mut actions = Vec::new();
    if !options.changes.is_empty() {
        actions.push(Action::Set(options.changes));
    }
    actions.extend(options.assignee.map(|assignee| match assignee {
        Some(assignee) => Action::Assign { assignee },
        None => Action::Unassign,
    }));
    let label = match actions.as_slice() {
        [only] => only.name(),
        _ => "edit",
    };
    write_one(
        session,
        label,
        Vec::new(),
        TicketChange::record(options.target, actions),
    )
}
