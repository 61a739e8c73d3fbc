//! Recording lifecycle actions (comment, start, wait, resolve, close,
//! reopen, rate, unassign) on one ticket.

use super::write::{write_one, TicketChange};
use super::{Error, Session, Written};
use crate::model::{Action, TicketPrefix};

/// What to record, and on which ticket.
pub struct RecordOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// The actions, recorded in this order in one commit.
    pub actions: Vec<Action>,
}

/// Records the actions in one commit. The commit is named after the
/// action, or `edit` when there are several.
pub fn record(session: &Session, options: RecordOptions) -> Result<Written, Error> {
    let label = match options.actions.as_slice() {
        [only] => only.name(),
        _ => "edit",
    };
    write_one(
        session,
        label,
        Vec::new(),
        TicketChange::record(options.target, options.actions),
    )
}

/// Records the same actions on every ticket `targets` names, in one commit;
/// all or nothing: one unknown id or one refusal commits nothing. Returns
/// each ticket after the change, in the order given.
pub fn record_many(
    session: &Session,
    targets: Vec<TicketPrefix>,
    actions: Vec<Action>,
) -> Result<Vec<Written>, Error> {
    let label = match actions.as_slice() {
        [only] => only.name(),
        _ => "edit",
    };
    let changes = targets
        .into_iter()
        .map(|target| TicketChange::record(target, actions.clone()))
        .collect();
    super::write::write(
        session,
        super::write::WriteOptions {
            label,
            files: Vec::new(),
            changes,
        },
    )
}
