//! Team availability: marking a member away and back, the member state
//! auto-assignment reads.

use super::config::change_team;
use super::{Error, Session};
use crate::team::Away;

/// Marks `email` away, until they are back or through `until`; returns
/// the commit, if anything changed. A day already past is refused.
pub fn away(
    session: &Session,
    email: &str,
    until: Option<chrono::NaiveDate>,
) -> Result<Option<String>, Error> {
    let email = email.trim().to_lowercase();
    if let Some(day) = until {
        let today = session.team_config()?.day_of(session.now());
        if day < today {
            return Err(Error::Invalid(format!(
                "--until {day} is in the past (today is {today})"
            )));
        }
    }
    change_team(session, |config| {
        let member = config
            .members
            .get_mut(&email)
            .ok_or_else(|| not_on_team(&email))?;
        member.away = Some(until.map_or(Away::UntilBack, Away::Through));
        Ok(())
    })
}

/// Marks `email` back; returns the commit, if anything changed.
pub fn back(session: &Session, email: &str) -> Result<Option<String>, Error> {
    let email = email.trim().to_lowercase();
    change_team(session, |config| {
        let member = config
            .members
            .get_mut(&email)
            .ok_or_else(|| not_on_team(&email))?;
        member.away = None;
        Ok(())
    })
}

fn not_on_team(email: &str) -> Error {
    Error::NotFound(format!("{email} is not on the team"))
}
