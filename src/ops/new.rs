//! Creating a ticket (`tk new`, and later mail ingest and import).

use super::assign::{pick, Pick};
use super::{write, Error, Session, Written};
use crate::model::Changes;

/// What the new ticket holds.
pub struct NewOptions {
    /// Its fields; the team's policy completes priority and SLA targets.
    pub changes: Changes,
    /// Whether to assign it by skill and workload (`changes.assignee` is
    /// then replaced).
    pub auto_assign: bool,
}

/// A created ticket, and whom auto-assignment picked.
pub struct Created {
    /// The ticket as committed.
    pub written: Written,
    /// The auto-assignment's pick, when asked for.
    pub pick: Option<Pick>,
}

/// Creates the ticket in one commit.
pub fn create(session: &Session, options: NewOptions) -> Result<Created, Error> {
    create_then(session, options, Vec::new())
}

/// Creates the ticket and records `then` on it, in one commit.
pub(super) fn create_then(
    session: &Session,
    options: NewOptions,
    then: Vec<crate::model::Action>,
) -> Result<Created, Error> {
    let NewOptions {
        mut changes,
        auto_assign,
    } = options;
    // Checked before the pick, so a bad category is named as such rather
    // than as "nobody has this skill".
    write::check_fields(session.team_config()?, &changes)?;
    let pick = if auto_assign {
        // Within the group the ticket will have: the one given, or the
        // one its category routes it to.
        let config = session.team_config()?;
        let group = match changes.group.as_deref() {
            Some(group) => Some(group.to_string()),
            None => config.routed_group(changes.category.as_deref()),
        };
        let pick = pick(session, changes.category.as_deref(), group.as_deref())?;
        changes.assignee = Some(pick.email.clone());
        Some(pick)
    } else {
        None
    };
    let written = write::write_one(
        session,
        "new",
        Vec::new(),
        write::TicketChange::create_then(changes, then),
    )?;
    Ok(Created { written, pick })
}
