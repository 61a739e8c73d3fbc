//! Ticket types as team configuration: adding a type with its policy
//! (minimum priority, own SLA targets) and removing one, in `tk.toml`.

use super::config::change_team;
use super::{Error, Session};
use crate::model::TicketType;
use crate::team::TypePolicy;

/// Adds `name` to the team's types, or replaces its policy when the team
/// uses it already; returns the commit, if anything changed.
pub fn add(
    session: &Session,
    name: &TicketType,
    policy: TypePolicy,
) -> Result<Option<String>, Error> {
    if policy.response.is_some() != policy.resolution.is_some() {
        return Err(Error::Invalid(format!(
            "type {name}: give both --response and --resolution, or neither"
        )));
    }
    change_team(session, |config| {
        if !config.types.contains(name) {
            config.types.push(name.clone());
        }
        if policy == TypePolicy::default() {
            config.type_policies.remove(name);
        } else {
            config.type_policies.insert(name.clone(), policy);
        }
        Ok(())
    })
}

/// Removes `name` from the team's types; returns the commit, if anything
/// changed. Tickets that have the type keep it; new ones cannot get it.
pub fn remove(session: &Session, name: &TicketType) -> Result<Option<String>, Error> {
    change_team(session, |config| {
        if !config.types.contains(name) {
            return Err(Error::NotFound(format!(
                "this team does not use type `{name}`"
            )));
        }
        if config.types.len() == 1 {
            return Err(Error::Invalid(format!(
                "cannot remove `{name}`, the team's last type"
            )));
        }
        config.types.retain(|t| t != name);
        config.type_policies.remove(name);
        Ok(())
    })
}
