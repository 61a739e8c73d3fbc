//! `Session`: what every operation needs besides its options — the clock,
//! ids, identity, the store and the team configuration, each opened or read
//! at most once per run, lazily, so a frontend can start without a
//! repository (`tk --help` works anywhere).

use super::Error;
use crate::config::Settings;
use crate::model::{Action, Event, IdGenerator, Ticket, TicketPrefix, Timestamp};
use crate::store::{Identities, Loaded, Store};
use crate::team::TeamConfig;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::path::PathBuf;

/// Per-run state shared by the operations.
pub struct Session {
    dir: PathBuf,
    settings: Settings,
    ids: RefCell<IdGenerator>,
    store: OnceCell<Store>,
    who: OnceCell<Identities>,
    config: OnceCell<TeamConfig>,
    /// The tickets as this session's dry runs left them, with their short
    /// id lengths (see [`super::write::dry_run`]).
    tried: RefCell<Vec<(Ticket, usize)>>,
}

impl Session {
    /// Returns a session for a repository at or above `dir`.
    pub fn new(dir: PathBuf, settings: Settings) -> Session {
        Session {
            dir,
            ids: RefCell::new(settings.id_generator()),
            settings,
            store: OnceCell::new(),
            who: OnceCell::new(),
            config: OnceCell::new(),
            tried: RefCell::new(Vec::new()),
        }
    }

    /// Finds the ticket whose id starts with `prefix`: as an earlier dry
    /// run of this session left it, else at the tip (see
    /// [`Store::find`]). So a dry run of several mails says what each
    /// would do after the ones before it.
    pub fn find(&self, prefix: &str) -> Result<Loaded, crate::store::Error> {
        let tried = self.tried.borrow();
        let valid = TicketPrefix::parse(prefix).ok();
        let found = valid.and_then(|p| tried.iter().find(|(t, _)| p.matches(t.id())));
        match found {
            Some((ticket, short_len)) => Ok(Loaded {
                ticket: ticket.clone(),
                short_len: *short_len,
                reconciled: false,
            }),
            None => self.store()?.find(prefix),
        }
    }

    /// Returns whether a dry run of this session made or changed the
    /// ticket `id`.
    pub(super) fn has_tried(&self, id: &crate::model::TicketId) -> bool {
        self.tried.borrow().iter().any(|(t, _)| t.id() == id)
    }

    /// Keeps a ticket as a dry run left it, for the session's later
    /// [`Session::find`]s.
    pub(super) fn keep_tried(&self, ticket: &Ticket, short_len: usize) {
        let mut tried = self.tried.borrow_mut();
        tried.retain(|(t, _)| t.id() != ticket.id());
        tried.push((ticket.clone(), short_len));
    }

    /// Returns the store, opening the repository on first use.
    pub fn store(&self) -> Result<&Store, crate::store::Error> {
        if let Some(store) = self.store.get() {
            return Ok(store);
        }
        let store = Store::discover(&self.dir)?;
        Ok(self.store.get_or_init(|| store))
    }

    /// Returns the git identity for new events and commits.
    pub fn who(&self) -> Result<&Identities, crate::store::Error> {
        if let Some(who) = self.who.get() {
            return Ok(who);
        }
        let who = self.store()?.identities()?;
        Ok(self.who.get_or_init(|| who))
    }

    /// Returns the settings from the environment.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Returns now, or `TK_NOW`.
    pub fn now(&self) -> Timestamp {
        self.settings.now()
    }

    /// Returns the id generator.
    pub fn ids(&self) -> std::cell::RefMut<'_, IdGenerator> {
        self.ids.borrow_mut()
    }

    /// Returns a new event of `action` by `by` at `at`. Its clock is set
    /// when it is recorded on a ticket. The write path calls this, and
    /// nothing else builds events.
    pub(super) fn event(&self, action: Action, by: &str, at: Timestamp) -> Event {
        Event {
            id: self.ids().event_id(),
            clock: 0,
            at,
            by: by.to_string(),
            action,
        }
    }

    /// Returns event `n` of a change from `origin`: its author, time and
    /// an id derived from its seed, so the same outside change gives the
    /// same event everywhere.
    pub(super) fn event_from(
        &self,
        action: Action,
        origin: &super::write::Origin,
        n: usize,
    ) -> Event {
        Event {
            id: origin.event_id(n),
            clock: 0,
            at: origin.at,
            by: origin.by.clone(),
            action,
        }
    }

    /// Returns the team configuration at the tip, read once per run (a
    /// command that commits and then prints JSON needs it twice).
    ///
    /// Operations that change `tk.toml` read it from the store instead, to
    /// see their own change.
    pub fn team_config(&self) -> Result<&TeamConfig, crate::store::Error> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let config = self.store()?.team_config()?;
        Ok(self.config.get_or_init(|| config))
    }

    /// Returns the team configuration, or the defaults and the reason when
    /// `tk.toml` is broken, so reading tickets never fails on it.
    pub fn team_config_or_default(
        &self,
    ) -> Result<(Cow<'_, TeamConfig>, Option<crate::store::Error>), Error> {
        match self.team_config() {
            Ok(config) => Ok((Cow::Borrowed(config), None)),
            Err(
                e @ (crate::store::Error::Config { .. }
                | crate::store::Error::WrongKind { .. }
                | crate::store::Error::TooLarge { .. }
                | crate::store::Error::TooManyMembers { .. }),
            ) => Ok((Cow::Owned(TeamConfig::default()), Some(e))),
            Err(e) => Err(e.into()),
        }
    }

    /// Returns a ticket's SLA clocks now.
    pub fn sla(&self, config: &TeamConfig, ticket: &Ticket) -> crate::sla::Sla {
        crate::sla::evaluate(
            ticket.state(),
            ticket.clocks(),
            config.calendar(),
            self.now(),
        )
    }

    /// Resolves a person: `me` is the current git email.
    pub fn person(&self, who: &str) -> Result<String, Error> {
        let who = who.trim();
        if who.eq_ignore_ascii_case("me") {
            return Ok(self.who()?.author.email.clone());
        }
        if who.is_empty() {
            return Err(Error::Invalid("a person cannot be empty".to_string()));
        }
        Ok(who.to_string())
    }
}
