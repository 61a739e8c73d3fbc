//! Creating the tickets ref (`tk init`).

use super::{Error, Session};

/// Creates the tickets ref with the initial `tk.toml`; returns the commit,
/// or `None` when the ref already exists.
pub fn init(session: &Session) -> Result<Option<String>, Error> {
    Ok(session.store()?.init(session.who()?, session.now())?)
}
