//! Applying an edited form (`tk edit`) to a ticket: the difference becomes
//! events in one commit.

use super::write::{write_one, TicketChange};
use super::{Error, Session, Written};
use crate::codec;
use crate::store::Loaded;

/// The ticket as it was shown, and the form as the user left it.
pub struct EditOptions<'a> {
    /// The ticket the form was made from.
    pub loaded: &'a Loaded,
    /// The edited form.
    pub edited: &'a str,
}

/// What an edit did.
pub enum Edited {
    /// The form asked for nothing new.
    Unchanged,
    /// The changes, committed.
    Written(Box<Written>),
}

/// Commits the changes of an edited form; an invalid form commits nothing.
pub fn edit(session: &Session, options: EditOptions<'_>) -> Result<Edited, Error> {
    let state = options.loaded.ticket.state();
    let mut target = codec::decode_editable(options.edited, state)
        .map_err(|e| Error::Invalid(format!("invalid edit, nothing saved: {e}")))?;
    let config = session.team_config()?;
    // The form always shows a priority; left as it was while impact or
    // urgency changed, it follows the matrix, as with tk set.
    let levels_changed = (target.impact, target.urgency) != (state.impact, state.urgency);
    if levels_changed && target.priority == state.priority {
        target.priority = config.priority(target.impact, target.urgency);
    }
    let actions = options.loaded.ticket.actions_towards(&target);
    if actions.is_empty() {
        return Ok(Edited::Unchanged);
    }
    config
        .check_fields(Some(&target.ticket_type), target.category.as_deref())
        .map_err(Error::Invalid)?;
    let label = match actions.as_slice() {
        [only] => only.name(),
        _ => "edit",
    };
    let written = write_one(
        session,
        label,
        Vec::new(),
        TicketChange::record(options.loaded.ticket.id().into(), actions),
    )?;
    Ok(Edited::Written(Box::new(written)))
}
