//! Setting fields of a ticket (`tk set`).

use super::write::{write_one, TicketChange};
use super::{Error, Session, Written};
use crate::model::{Action, Changes, TicketPrefix};

/// Returns the events a `tk set` records: the field changes, then the
/// assignee as its own event.
fn actions(changes: Changes, assignee: Option<Option<String>>) -> Vec<Action> {
    let mut actions = Vec::new();
    if !changes.is_empty() {
        actions.push(Action::Set(changes));
    }
    actions.extend(assignee.map(|assignee| match assignee {
        Some(assignee) => Action::Assign { assignee },
        None => Action::Unassign,
    }));
    actions
}

/// Sets the same fields on every ticket `targets` names, in one commit,
/// all or nothing; returns each ticket after the change, in order.
pub fn set_many(
    session: &Session,
    targets: Vec<TicketPrefix>,
    changes: Changes,
    assignee: Option<Option<String>>,
) -> Result<Vec<Written>, Error> {
    super::record::record_many(session, targets, actions(changes, assignee))
}

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
    let actions = actions(options.changes, options.assignee);
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
