//! Custom fields as team configuration: defining a field (`tk field add`)
//! and removing one (`tk field remove`), in `tk.toml`.
//!
//! Values live on tickets, in `set` events; this module only changes the
//! definitions. Removing a definition leaves every value where it is: in
//! the files and their history, shown as a removed field.

use super::config::change_team;
use super::{Error, Session};
use crate::model::{check_field_name, FieldDef, MAX_FIELDS};

/// Defines the custom field `name`, or replaces its definition when the
/// team has it already; returns the commit, if anything changed.
///
/// Values already on tickets are kept as they are: the definition checks
/// the values set from now on.
pub fn add(session: &Session, name: &str, def: FieldDef) -> Result<Option<String>, Error> {
    check_field_name(name).map_err(Error::Invalid)?;
    change_team(session, |config| {
        if !config.fields.contains_key(name) && config.fields.len() >= MAX_FIELDS {
            return Err(Error::Invalid(format!(
                "cannot add field `{name}`: a team has at most {MAX_FIELDS} custom fields"
            )));
        }
        config.fields.insert(name.to_string(), def.clone());
        Ok(())
    })
}

/// Removes the definition of `name`; returns the commit, if anything
/// changed. Tickets keep their values; `tk set` no longer takes new ones.
pub fn remove(session: &Session, name: &str) -> Result<Option<String>, Error> {
    change_team(session, |config| {
        if config.fields.remove(name).is_none() {
            return Err(Error::NotFound(format!(
                "no custom field `{}`: `tk field list` shows the fields",
                name.escape_debug()
            )));
        }
        Ok(())
    })
}
