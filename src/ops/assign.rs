//! Assigning a ticket to a person, or to the team member with the right
//! skill and the fewest open tickets (within the ticket's group), and
//! moving a ticket to a group.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::model::{email_of, Action, Changes, TicketPrefix};
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
    /// The new assignee; `None` with a group only moves the ticket there.
    pub to: Option<Assignee>,
    /// The group the ticket moves to (`tk assign ID --group NAME`);
    /// auto-assignment then picks among its members.
    pub group: Option<String>,
}

/// An assignment made, with the pick when it was automatic.
pub struct Assigned {
    /// The ticket after the change.
    pub written: Written,
    /// Who was assigned, if anyone.
    pub assignee: Option<String>,
    /// Why, when auto-assignment picked them.
    pub pick: Option<Pick>,
}

/// Returns the actions that move a ticket to `group` and assign it to
/// `assignee`: the group as a `set` first, so the assignment is made
/// within it.
pub fn actions(group: Option<String>, assignee: Option<String>) -> Vec<Action> {
    let mut actions = Vec::new();
    if let Some(group) = group {
        actions.push(Action::Set(Changes {
            group: Some(group),
            ..Changes::default()
        }));
    }
    if let Some(assignee) = assignee {
        actions.push(Action::Assign { assignee });
    }
    actions
}

/// Assigns the ticket (and moves it to the group) in one commit.
pub fn assign(session: &Session, options: AssignOptions) -> Result<Assigned, Error> {
    let group = options.group.map(|g| g.trim().to_lowercase());
    if let Some(group) = &group {
        session
            .team_config()?
            .check_group(group)
            .map_err(Error::Invalid)?;
    }
    let (assignee, pick) = match options.to {
        None => (None, None),
        Some(Assignee::Person(who)) => (Some(who), None),
        Some(Assignee::Auto) => {
            let loaded = find(session, &options.target)?;
            let state = loaded.ticket.state();
            let within = group.as_deref().or(state.group.as_deref());
            let pick = pick(session, state.category.as_deref(), within)?;
            (Some(pick.email.clone()), Some(pick))
        }
    };
    let actions = actions(group, assignee.clone());
    let label = match actions.as_slice() {
        [only] => only.name(),
        _ => "assign",
    };
    let written = write_one(
        session,
        label,
        Vec::new(),
        TicketChange::record(options.target, actions),
    )?;
    Ok(Assigned {
        written,
        assignee,
        pick,
    })
}

/// Picks an assignee for a ticket of `category` in `group` (its members
/// only) by skill, availability and open tickets.
pub fn pick(session: &Session, category: Option<&str>, group: Option<&str>) -> Result<Pick, Error> {
    let config = session.team_config()?;
    let open = open_counts(session)?;
    let today = config.day_of(session.now());
    crate::team::pick_assignee(config, category, group, &open, today).map_err(|e| match e {
        NoPick::NoMembers => Error::NoTeamMembers,
        NoPick::NobodyAvailable {
            members,
            group: None,
        } => Error::Invalid(format!(
            "nobody to assign to: all {members} team members are away or at their open-ticket cap"
        )),
        NoPick::NobodyAvailable {
            members,
            group: Some(group),
        } => Error::Invalid(format!(
            "nobody to assign to: all {members} members of group {group} are away or at their open-ticket cap"
        )),
        NoPick::EmptyGroup { group } => Error::Invalid(format!(
            "nobody to assign to: group {group} has no team members (tk group add {group} --members EMAIL)"
        )),
        NoPick::UnknownGroup { group } => Error::Invalid(format!(
            "nobody to assign to: `{group}` is not one of the team's groups (tk group list)"
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
