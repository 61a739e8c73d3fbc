//! `tk export`: loading the whole tickets (comments and timelines
//! included) that a listing selected, so they can be written out in full.
//!
//! Selecting which tickets is the listing's job (the CLI's list filters);
//! writing them out is the CLI's. This module only loads, and must not
//! import `cli`.

use super::{Error, Session};
use crate::model::TicketId;
use crate::store::Loaded;

/// Loads each ticket of `ids`, in that order, from the tip of the ref.
///
/// Fails with the store's `NotFound` when a ticket went away since it was
/// listed, or `Malformed` when its file cannot be read.
pub fn load(session: &Session, ids: &[&TicketId]) -> Result<Vec<Loaded>, Error> {
    let store = session.store()?;
    ids.iter().map(|id| Ok(store.find(id.as_str())?)).collect()
}

/// The value of the `format` key of a JSON export, which names it as tk's.
pub const FORMAT: &str = "tk-export";

/// The version of the JSON export this build writes and the newest
/// `tk import` reads; it grows when the shape changes incompatibly.
pub const VERSION: u32 = 1;
