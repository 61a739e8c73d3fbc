//! The one resolver from a typed ticket prefix to a ticket (jj's
//! `resolve_single_rev`): every operation that names a ticket by prefix
//! finds it here, so "not found" and "ambiguous" read the same everywhere.

use super::{Error, Session};
use crate::model::TicketPrefix;
use crate::store::Loaded;

/// Finds the one ticket whose id starts with `prefix`.
///
/// Fails with the store's `NotFound` or `Ambiguous` (naming the
/// candidates), or `Malformed` when its file cannot be read.
pub fn find(session: &Session, prefix: &TicketPrefix) -> Result<Loaded, Error> {
    Ok(session.store()?.find(prefix.as_str())?)
}
