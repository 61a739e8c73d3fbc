//! What a command handler needs besides its arguments: the operations'
//! [`Session`] (clock, ids, identity, the store opened lazily so `tk
//! --help` works anywhere), and the CLI's way of telling the user about a
//! broken `tk.toml`.

use super::error::CliError;
use super::ui::Ui;
use crate::config::Settings;
use crate::ops::Session;
use crate::team::TeamConfig;
use std::borrow::Cow;
use std::path::PathBuf;

/// Per-run context shared by the handlers: the session, and what only a
/// terminal frontend needs on top of it.
pub struct Ctx {
    session: Session,
}

impl Ctx {
    /// Returns a context for a repository at or above `dir`.
    pub fn new(dir: PathBuf, settings: Settings) -> Ctx {
        Ctx {
            session: Session::new(dir, settings),
        }
    }

    /// Returns the team configuration, or the defaults with a warning when
    /// `tk.toml` is broken, so reading tickets never fails on it.
    pub fn team_config_lenient(&self, ui: &Ui) -> Result<Cow<'_, TeamConfig>, CliError> {
        let (config, broken) = self.session.team_config_or_default()?;
        if let Some(e) = broken {
            ui.warn(format_args!("{e}; using the default configuration"));
        }
        Ok(config)
    }
}

impl std::ops::Deref for Ctx {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}
