//! Assignment groups in `tk.toml`: adding or updating a group (members,
//! categories, escalation target) and removing one, checked against the
//! team before anything is committed.

use super::config::change_team;
use super::{Error, Session};
use crate::team::{group_name_problem, Group, TeamConfig};
use std::collections::HashMap;

/// What `tk group add` changes; `None` keeps the group's current value
/// (or the empty default for a new group).
#[derive(Clone, Debug, Default)]
pub struct GroupOptions {
    /// The group's name.
    pub name: String,
    /// Its members by email, replacing the current list.
    pub members: Option<Vec<String>>,
    /// The categories routed to it, replacing the current list.
    pub categories: Option<Vec<String>>,
    /// Where its tickets escalate to (`Some(None)` removes the target).
    pub escalate_to: Option<Option<String>>,
}

/// Whether `tk group add` created the group or updated it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupChange {
    /// The group is new.
    Added,
    /// The group existed; the options given replaced its values.
    Updated,
}

/// Adds the group, or updates the values given of an existing one;
/// returns what happened and the commit, if anything changed.
pub fn add(
    session: &Session,
    options: GroupOptions,
) -> Result<(GroupChange, Option<String>), Error> {
    let name = options.name.trim().to_lowercase();
    if let Some(problem) = group_name_problem(&name) {
        return Err(Error::Invalid(problem));
    }
    let clean = |list: &[String]| {
        let mut out: Vec<String> = Vec::new();
        for item in list.iter().map(|i| i.trim().to_lowercase()) {
            if !item.is_empty() && !out.contains(&item) {
                out.push(item);
            }
        }
        out
    };
    let members = options.members.as_deref().map(clean);
    let categories = options.categories.as_deref().map(clean);
    let escalate_to = options
        .escalate_to
        .map(|t| t.map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()));
    let mut outcome = GroupChange::Added;
    let commit = change_team(session, |config| {
        outcome = if config.groups.contains_key(&name) {
            GroupChange::Updated
        } else {
            GroupChange::Added
        };
        let mut group = config.groups.get(&name).cloned().unwrap_or_default();
        if let Some(members) = &members {
            group.members = members.clone();
        }
        if let Some(categories) = &categories {
            group.categories = categories.clone();
        }
        if let Some(target) = &escalate_to {
            group.escalate_to = target.clone();
        }
        check(config, &name, &group)?;
        config.groups.insert(name.clone(), group);
        Ok(())
    })?;
    Ok((outcome, commit))
}

/// Checks a group against the team: members on the team, categories the
/// team uses and no other group takes, an escalation target that is
/// another group or a member.
fn check(config: &TeamConfig, name: &str, group: &Group) -> Result<(), Error> {
    for member in &group.members {
        if !config.members.contains_key(member) {
            return Err(Error::Invalid(format!(
                "group {name}: {member} is not on the team (tk team add {member})"
            )));
        }
    }
    for category in &group.categories {
        config
            .check_fields(None, Some(category))
            .map_err(|e| Error::Invalid(format!("group {name}: {e}")))?;
        if let Some((other, _)) = config
            .groups
            .iter()
            .find(|(other, g)| other.as_str() != name && g.categories.contains(category))
        {
            return Err(Error::Invalid(format!(
                "group {name}: category {category} already goes to group {other}"
            )));
        }
    }
    if let Some(target) = &group.escalate_to {
        if target == name {
            return Err(Error::Invalid(format!(
                "group {name}: a group cannot escalate to itself"
            )));
        }
        if !config.groups.contains_key(target) && !config.members.contains_key(target) {
            return Err(Error::Invalid(format!(
                "group {name}: --escalate-to {target} is neither a group nor a team member"
            )));
        }
    }
    Ok(())
}

/// Removes the group; returns the commit. Refused while open tickets
/// are in it (they would be left in a queue nobody works), and while
/// another group escalates to it. Resolved and closed tickets keep the
/// name as history.
pub fn remove(session: &Session, name: &str) -> Result<Option<String>, Error> {
    let name = name.trim().to_lowercase();
    change_team(session, |config| {
        if !config.groups.contains_key(&name) {
            return Err(Error::NotFound(format!(
                "no group `{name}`: `tk group list` shows the groups"
            )));
        }
        // Counted here, not before: this runs again on the new tip when
        // another writer moved the ref, so a ticket assigned to the group
        // meanwhile (in this clone) is counted before the group goes.
        let open = open_counts(session)?.get(&name).copied().unwrap_or(0);
        if open > 0 {
            let tickets = if open == 1 { "ticket" } else { "tickets" };
            return Err(Error::NotAllowed(format!(
                "group {name} still has {open} open {tickets}: move them first (tk list --group {name}, then tk assign ID --group OTHER)"
            )));
        }
        if let Some((other, _)) = config
            .groups
            .iter()
            .find(|(_, g)| g.escalate_to.as_deref() == Some(name.as_str()))
        {
            return Err(Error::NotAllowed(format!(
                "group {other} escalates to group {name}: change that first (tk group add {other} --escalate-to OTHER)"
            )));
        }
        config.groups.remove(&name);
        Ok(())
    })
}

/// Returns how many open tickets each group has, by group name (groups
/// that tickets name but `tk.toml` no longer has included).
pub fn open_counts(session: &Session) -> Result<HashMap<String, usize>, Error> {
    let listing = session.store()?.list_where(|status| status.is_open())?;
    let mut open: HashMap<String, usize> = HashMap::new();
    for listed in listing.tickets.iter().filter(|t| t.state.status.is_open()) {
        if let Some(group) = &listed.state.group {
            *open.entry(group.clone()).or_default() += 1;
        }
    }
    Ok(open)
}
