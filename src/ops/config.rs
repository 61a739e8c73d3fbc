//! Changing the team configuration, `tk.toml` on the tickets ref: one key,
//! the whole text, or a member of the team.

use super::{Error, Session};
use crate::team::TeamConfig;

/// Sets one dotted key; returns the commit, if anything changed.
pub fn set_key(session: &Session, key: &str, value: &str) -> Result<Option<String>, Error> {
    replace_with(session, "config", |text| {
        Ok(Some(TeamConfig::set_key(text, key, value)?))
    })
}

/// Replaces `tk.toml` with `text`, refusing an invalid one before
/// anything is committed; returns the commit, if anything changed.
pub fn replace(session: &Session, text: &str) -> Result<Option<String>, Error> {
    TeamConfig::parse(Some(text))
        .map_err(|e| Error::Invalid(format!("invalid edit, nothing saved: {e}")))?;
    replace_with(session, "config", |_| Ok(Some(text.to_string())))
}

/// Saves the `tk list` view `name` with its arguments, or removes it
/// when `words` is `None` (a missing view is not found); returns the
/// commit, if anything changed.
pub fn set_view(
    session: &Session,
    name: &str,
    words: Option<&[String]>,
) -> Result<Option<String>, Error> {
    TeamConfig::check_view_name(name)?;
    replace_with(session, "view", |text| {
        let mut config = TeamConfig::parse(text)?;
        match words {
            Some(words) => {
                config.views.insert(name.to_string(), words.to_vec());
            }
            None => {
                if config.views.remove(name).is_none() {
                    return Err(Error::NotFound(format!(
                        "no saved view `{name}`: `tk view list` shows the views"
                    )));
                }
            }
        }
        Ok(Some(config.to_toml()))
    })
}

/// Applies `apply` to the parsed configuration (`tk team add`, `remove`)
/// and commits it canonically; returns the commit, if anything changed.
pub fn change_team(
    session: &Session,
    mut apply: impl FnMut(&mut TeamConfig) -> Result<(), Error>,
) -> Result<Option<String>, Error> {
    replace_with(session, "team", |text| {
        let mut config = TeamConfig::parse(text)?;
        apply(&mut config)?;
        Ok(Some(config.to_toml()))
    })
}

/// Commits the text `change` makes of the current `tk.toml` (`None` when
/// there is none) with the commit named `label`; `change` runs again on
/// the new tip when another writer moved the ref. Returns the commit, if
/// anything changed.
pub fn replace_with(
    session: &Session,
    label: &str,
    change: impl FnMut(Option<&str>) -> Result<Option<String>, Error>,
) -> Result<Option<String>, Error> {
    session
        .store()?
        .write_config(session.who()?, session.now(), label, change)
}
