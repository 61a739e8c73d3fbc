//! What a command handler needs besides its arguments: the clock, ids,
//! identity and the store, opened lazily so `tk --help` works anywhere.

use super::error::CliError;
use crate::config::Settings;
use crate::model::{Action, Event, IdGenerator, Timestamp};
use crate::store::{Identities, Store};
use std::cell::{OnceCell, RefCell};
use std::path::PathBuf;

/// Per-run context shared by the handlers.
pub struct Ctx {
    dir: PathBuf,
    settings: Settings,
    ids: RefCell<IdGenerator>,
    store: OnceCell<Store>,
    who: OnceCell<Identities>,
    config: OnceCell<crate::team::TeamConfig>,
}

impl Ctx {
    /// Returns a context for a repository at or above `dir`.
    pub fn new(dir: PathBuf, settings: Settings) -> Ctx {
        Ctx {
            dir,
            ids: RefCell::new(settings.id_generator()),
            settings,
            store: OnceCell::new(),
            who: OnceCell::new(),
            config: OnceCell::new(),
        }
    }

    /// Returns the store, opening the repository on first use.
    pub fn store(&self) -> Result<&Store, CliError> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        let store = Store::discover(&self.dir)?;
        Ok(self.store.get_or_init(|| store))
    }

    /// Returns the git identity for new events and commits.
    pub fn who(&self) -> Result<&Identities, CliError> {
        if let Some(who) = self.who.get() {
            return Ok(who);
        }
        let who = self.store()?.identities()?;
        Ok(self.who.get_or_init(|| who))
    }

    /// Returns now, or `TK_NOW`.
    pub fn now(&self) -> Timestamp {
        self.settings.now()
    }

    /// Returns the id generator.
    pub fn ids(&self) -> std::cell::RefMut<'_, IdGenerator> {
        self.ids.borrow_mut()
    }

    /// Returns a new event by the current user, now. Its clock is set when
    /// it is recorded on a ticket.
    pub fn event(&self, action: Action) -> Result<Event, CliError> {
        Ok(Event {
            id: self.ids().event_id(),
            clock: 0,
            at: self.now(),
            by: self.who()?.author.display(),
            action,
        })
    }

    /// Returns the team configuration, or the defaults with a warning when
    /// `tk.toml` is broken, so reading tickets never fails on it.
    pub fn team_config_lenient(
        &self,
        ui: &super::ui::Ui,
    ) -> Result<std::borrow::Cow<'_, crate::team::TeamConfig>, CliError> {
        if let Some(config) = self.config.get() {
            return Ok(std::borrow::Cow::Borrowed(config));
        }
        match self.store()?.team_config() {
            Ok(config) => Ok(std::borrow::Cow::Borrowed(
                self.config.get_or_init(|| config),
            )),
            Err(
                e @ (crate::store::Error::Config { .. }
                | crate::store::Error::WrongKind { .. }
                | crate::store::Error::TooLarge { .. }
                | crate::store::Error::TooManyMembers { .. }),
            ) => {
                ui.warn(&format!("{e}; using the default configuration"));
                Ok(std::borrow::Cow::Owned(crate::team::TeamConfig::default()))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Returns the team configuration at the tip, read once per run (a
    /// command that commits and then prints JSON needs it twice).
    ///
    /// Commands that change `tk.toml` read it from the store instead, to
    /// see their own change.
    pub fn team_config(&self) -> Result<&crate::team::TeamConfig, CliError> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let config = self.store()?.team_config()?;
        Ok(self.config.get_or_init(|| config))
    }

    /// Returns a ticket's SLA clocks now.
    pub fn sla(
        &self,
        config: &crate::team::TeamConfig,
        ticket: &crate::model::Ticket,
    ) -> crate::sla::Sla {
        crate::sla::evaluate(
            ticket.state(),
            ticket.clocks(),
            config.calendar(),
            self.now(),
        )
    }

    /// Resolves a person argument: `me` is the current git email.
    pub fn person(&self, who: &str) -> Result<String, CliError> {
        let who = who.trim();
        if who.eq_ignore_ascii_case("me") {
            return Ok(self.who()?.author.email.clone());
        }
        if who.is_empty() {
            return Err(CliError::usage("a person cannot be empty"));
        }
        Ok(who.to_string())
    }
}
