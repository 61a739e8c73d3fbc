//! Assigning a ticket to a person, or to the team member with the right
//! skill and the fewest open tickets.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::model::{email_of, Action, TicketPrefix};
use std::collections::HashMap;

use crate::team::NoPick;
pub use crate::team::Pick;

/// Whom to assign to.
pub enum Assignee {
    /// This person (already resolved, so not `me`).
    Person(String),
    /// The team member picked by skill and workload.
    Auto,
}

/// Which ticket, and whom.
pub struct AssignOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// The new assignee.
    pub to: Assignee,
}

/// An assignment made, with the pick when it was automatic.
pub struct Assigned {
    /// The ticket after the change.
    pub written: Written,
    /// Who was assigned.
    pub assignee: String,
    /// Why, when auto-assignment picked them.
    pub pick: Option<Pick>,
}

/// Assigns the ticket in one commit.
pub fn assign(session: &Session, options: AssignOptions) -> Result<Assigned, Error> {
    let (assignee, pick) = match options.to {
        Assignee::Person(who) => (who, None),
        Assignee::Auto => {
            let loaded = find(session, &options.target)?;
            let pick = pick(session, loaded.ticket.state().category.as_deref())?;
            (pick.email.clone(), Some(pick))
        }
    };
    let action = Action::Assign {
        assignee: assignee.clone(),
    };
    let written = write_one(
        session,
        action.name(),
        Vec::new(),
        TicketChange::record(options.target, vec![action]),
    )?;
    Ok(Assigned {
        written,
        assignee,
        pick,
    })
}

/// Picks an assignee for a ticket of `category` by skill, availability
/// and open tickets.
pub fn pick(session: &Session, category: Option<&str>) -> Result<Pick, Error> {
    let config = session.team_config()?;
    let open = open_counts(session)?;
    let today = config.day_of(session.now());
    crate::team::pick_assignee(config, category, &open, today).map_err(|e| match e {
        NoPick::NoMembers => Error::NoTeamMembers,
        NoPick::NobodyAvailable { members } => Error::Invalid(format!(
            "nobody to assign to: all {members} team members are away or at their open-ticket cap"
        )),
    })
}

/// Returns how many open tickets each assignee has, by lower-case email:
/// the workload auto-assignment balances and `tk team list` shows.
pub fn open_counts(session: &Session) -> Result<HashMap<String, usize>, Error> {
    let listing = session.store()?.list_where(|status| status.is_open())?;
    let mut open: HashMap<String, usize> = HashMap::new();
    for listed in listing.tickets.iter().filter(|t| t.state.status.is_open()) {
        if let Some(assignee) = &listed.state.assignee {
            *open.entry(email_of(assignee).to_lowercase()).or_default() += 1;
        }
    }
    Ok(open)
}
