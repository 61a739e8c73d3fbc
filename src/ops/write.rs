//! The one write path: every change to tickets goes through [`write()`] (or
//! [`create()`] for a new ticket).
//!
//! A write is a list of [`TicketChange`]s, one per ticket (changed or
//! created), committed together: one commit whatever the number of
//! tickets, so a bulk command or an import is one operation like any other. For each ticket the path
//! plans the actions against the ticket at the tip, completes `set`
//! actions with the team's policy (types and categories checked, priority
//! from the matrix, SLA targets recorded), builds the events (the only place
//! events are built) and records them under the lifecycle. When another
//! writer moved the ref meanwhile, the store runs it all again on the new
//! tip, so the plan always sees what it changes.

use super::{Error, Session, Written};
use crate::model::{Action, Changes, EventId, Refusal, Ticket, TicketId, TicketPrefix, Timestamp};
use crate::team::TeamConfig;

/// Plans the actions for one ticket, given the ticket as it is at the tip.
type Plan<'a> = Box<dyn FnMut(&Ticket) -> Result<Vec<Action>, Refusal> + 'a>;

/// What a write does to one ticket: changes an existing one, or creates
/// one.
pub struct TicketChange<'a> {
    target: Target<'a>,
    origin: Option<Origin>,
}

enum Target<'a> {
    Existing(TicketPrefix, Plan<'a>),
    /// A new ticket: its id when the caller chose it (a template's
    /// children link to their parent), its fields and what follows.
    New(Option<TicketId>, Box<Changes>, Vec<Action>),
    /// A ticket from outside tk: its derived id, its fields, and the
    /// actions recorded right after its creation, each with its own author
    /// and time when the source names them (a GitHub comment).
    Foreign(TicketId, Box<Changes>, Vec<(Action, Option<Stamp>)>),
    /// A ticket whose whole timeline was kept elsewhere (a tk export):
    /// replayed already, committed as it is.
    Restored(Box<Ticket>),
}

/// Who made one event of a change from outside tk, and when, where that
/// differs from the change's [`Origin`] (a comment on a GitHub issue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The author, as `Name <email>`.
    pub by: String,
    /// The time of the event.
    pub at: Timestamp,
}

/// Who made a change that comes from outside tk (a mail), when, and the
/// seed its event ids derive from: the same message gives the same events
/// on every clone, so their merge makes them one.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The author of the events, as `Name <email>`.
    pub by: String,
    /// Their time.
    pub at: Timestamp,
    /// Event `n` of the change gets the id derived from `{seed}:{n}`.
    pub seed: String,
}

impl Origin {
    /// Returns the id of event `n` of a change from this origin.
    pub fn event_id(&self, n: usize) -> EventId {
        EventId::derived_from(format!("{}:{n}", self.seed).as_bytes())
    }
}

impl<'a> TicketChange<'a> {
    /// Records `actions` on the ticket `target` names.
    pub fn record(target: TicketPrefix, actions: Vec<Action>) -> TicketChange<'a> {
        TicketChange::planned(target, move |_| Ok(actions.clone()))
    }

    /// Records what `plan` picks from the ticket's state at the tip; an
    /// empty plan changes nothing.
    pub fn planned(
        target: TicketPrefix,
        plan: impl FnMut(&Ticket) -> Result<Vec<Action>, Refusal> + 'a,
    ) -> TicketChange<'a> {
        TicketChange {
            target: Target::Existing(target, Box::new(plan)),
            origin: None,
        }
    }

    /// Records `action` unless it is already in effect (a link that
    /// exists, a watcher who watches), in which case nothing changes.
    pub fn unless_in_effect(target: TicketPrefix, action: Action) -> TicketChange<'a> {
        TicketChange::planned(target, move |ticket| {
            Ok(if ticket.already_in_effect(&action) {
                Vec::new()
            } else {
                vec![action.clone()]
            })
        })
    }

    /// Creates a new ticket of `changes`, completed with the team's policy
    /// (an import is many of these in one write).
    pub fn create(changes: Changes) -> TicketChange<'a> {
        TicketChange::create_then(changes, Vec::new())
    }

    /// Creates a new ticket of `changes` and records `then` on it in the
    /// same commit (a child's link to its parent).
    pub fn create_then(changes: Changes, then: Vec<Action>) -> TicketChange<'a> {
        TicketChange {
            target: Target::New(None, Box::new(changes), then),
            origin: None,
        }
    }

    /// Creates the ticket `id` (from [`Session::ids`]) of `changes` and
    /// records `then` on it, like [`TicketChange::create_then`]: for a
    /// ticket that others in the same write link to.
    pub fn create_with_id(id: TicketId, changes: Changes, then: Vec<Action>) -> TicketChange<'a> {
        TicketChange {
            target: Target::New(Some(id), Box::new(changes), then),
            origin: None,
        }
    }

    /// Creates the ticket `id` of `changes` from `origin` (a mail), with
    /// `then` recorded right after its create event (attachments, a link,
    /// the received mail), all with the origin's author, time and ids.
    pub fn create_foreign(
        id: TicketId,
        changes: Changes,
        then: Vec<Action>,
        origin: Origin,
    ) -> TicketChange<'a> {
        let then = then.into_iter().map(|action| (action, None)).collect();
        TicketChange {
            target: Target::Foreign(id, Box::new(changes), then),
            origin: Some(origin),
        }
    }

    /// Like [`TicketChange::create_foreign`], with an author and time of
    /// its own for each action of `then` that names one (an import's
    /// comments); ids still derive from the origin's seed.
    pub fn create_foreign_stamped(
        id: TicketId,
        changes: Changes,
        then: Vec<(Action, Option<Stamp>)>,
        origin: Origin,
    ) -> TicketChange<'a> {
        TicketChange {
            target: Target::Foreign(id, Box::new(changes), then),
            origin: Some(origin),
        }
    }

    /// Creates `ticket` exactly as it is, timeline included (an import of
    /// tk's own export): its events were made elsewhere and are kept with
    /// their ids, clocks, authors and times, so no policy applies.
    pub fn restore(ticket: Ticket) -> TicketChange<'a> {
        TicketChange {
            target: Target::Restored(Box::new(ticket)),
            origin: None,
        }
    }

    /// Makes the events of this change come from `origin` rather than
    /// from the git identity, now and random ids.
    pub fn from_origin(mut self, origin: Origin) -> TicketChange<'a> {
        self.origin = Some(origin);
        self
    }
}

/// One write: the tickets it changes and what goes into its commit.
pub struct WriteOptions<'a> {
    /// Names the change in the commit message and its `Tk-Action` trailer.
    pub label: &'a str,
    /// Attachment bytes committed with the events (path in the tree,
    /// bytes), so `attach` events never exist without their bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The tickets changed, each at most once.
    pub changes: Vec<TicketChange<'a>>,
}

/// Commits the changes in one commit and returns each ticket after it, in
/// the order given (with `commit: None` when nothing changed).
pub fn write(session: &Session, options: WriteOptions<'_>) -> Result<Vec<Written>, Error> {
    let WriteOptions {
        label,
        files,
        changes,
    } = options;
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let who = session.who()?;
    let at = session.now();
    let by = who.author.display();
    // Where each change's result lands: the store returns the changed
    // tickets first, then the created ones.
    let mut order = Vec::with_capacity(changes.len());
    let mut targets: Vec<TicketPrefix> = Vec::new();
    let mut plans: Vec<Plan<'_>> = Vec::new();
    let mut origins: Vec<Option<Origin>> = Vec::new();
    let mut created: Vec<Ticket> = Vec::new();
    for change in changes {
        match change.target {
            Target::Existing(target, plan) => {
                order.push((false, targets.len()));
                targets.push(target);
                plans.push(plan);
                origins.push(change.origin);
            }
            target => {
                order.push((true, created.len()));
                created.push(build_created(session, target, change.origin, &by, at)?);
            }
        }
    }
    let prefixes: Vec<&str> = targets.iter().map(TicketPrefix::as_str).collect();
    // The policy's own failures (a broken tk.toml, a category the team does
    // not use) cannot travel through the store's refusal type; they are
    // kept here and returned instead of it.
    let mut failure: Option<Error> = None;
    let result =
        session
            .store()?
            .update_many(&prefixes, &created, who, at, label, &files, |tickets| {
                let mut changed = false;
                for (index, (ticket, plan)) in tickets.iter_mut().zip(plans.iter_mut()).enumerate()
                {
                    let origin = origins.get(index).and_then(Option::as_ref);
                    match record_planned(session, ticket, plan, origin, &by, at) {
                        Ok(recorded) => changed |= recorded,
                        Err(Failed::Refused(refusal)) => return Err((index, refusal)),
                        Err(Failed::Policy(e)) => {
                            failure = Some(e);
                            return Err((index, policy_refusal(ticket)));
                        }
                    }
                }
                Ok(changed)
            });
    let written = match (result, failure) {
        (_, Some(failure)) => return Err(failure),
        (result, None) => result?,
    };
    let mut slots: Vec<Option<Written>> = written.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|(new, index)| {
            let slot = if new { targets.len() + index } else { index };
            slots
                .get_mut(slot)
                .and_then(Option::take)
                .ok_or_else(|| Error::Internal("the store returned too few tickets".to_string()))
        })
        .collect()
}

/// Why one ticket's planned actions were not recorded.
enum Failed {
    /// The plan or the lifecycle refused an action.
    Refused(Refusal),
    /// The team's policy failed (a broken tk.toml, a category the team
    /// does not use).
    Policy(Error),
}

/// Plans one ticket's actions against it, completes `set` actions with the
/// team's policy, builds their events and records them; returns whether
/// anything was recorded.
fn record_planned(
    session: &Session,
    ticket: &mut Ticket,
    plan: &mut Plan<'_>,
    origin: Option<&Origin>,
    by: &str,
    at: Timestamp,
) -> Result<bool, Failed> {
    let actions = plan(ticket).map_err(Failed::Refused)?;
    let mut changed = false;
    for (n, mut action) in actions.into_iter().enumerate() {
        if let Action::Set(changes) = &mut action {
            let policy = session.team_config().map_err(Error::from);
            policy
                .and_then(|p| apply_policy(p, changes, ticket))
                .map_err(Failed::Policy)?;
        }
        let event = match origin {
            Some(o) => session.event_from(action, o, n),
            None => session.event(action, by, at),
        };
        ticket.record(event).map_err(Failed::Refused)?;
        changed = true;
    }
    Ok(changed)
}

/// Whether a write commits its changes or only tries them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Commit the changes.
    Commit,
    /// Check the changes the way the commit would, against the tickets at
    /// the tip, and commit nothing (`--dry-run`).
    DryRun,
}

/// Returns each ticket as [`write()`] would leave it, in the order given,
/// checked the way the commit checks it (the plans and the lifecycle, the
/// team's policy, a new ticket's id, the file's limits), with
/// `commit: None`: nothing is written. The session keeps the results, so
/// its later dry runs and [`Session::find`]s start from them.
pub fn dry_run(session: &Session, options: WriteOptions<'_>) -> Result<Vec<Written>, Error> {
    let who = session.who()?;
    let at = session.now();
    let by = who.author.display();
    let store = session.store()?;
    let mut written: Vec<Written> = Vec::with_capacity(options.changes.len());
    for change in options.changes {
        let (ticket, short_len) = match change.target {
            Target::Existing(target, mut plan) => {
                let loaded = session.find(target.as_str())?;
                if written.iter().any(|w| w.ticket.id() == loaded.ticket.id()) {
                    return Err(crate::store::Error::Repeated(loaded.short_id().to_string()).into());
                }
                let short_len = loaded.short_len;
                let mut ticket = loaded.ticket;
                let origin = change.origin.as_ref();
                match record_planned(session, &mut ticket, &mut plan, origin, &by, at) {
                    Ok(_) => {}
                    Err(Failed::Policy(e)) => return Err(e),
                    Err(Failed::Refused(cause)) => {
                        let id = ticket.id().prefix(short_len).to_string();
                        return Err(crate::store::Error::Refused { id, cause }.into());
                    }
                }
                store.check_changed(&ticket)?;
                (ticket, short_len)
            }
            target => {
                let ticket = build_created(session, target, change.origin, &by, at)?;
                if session.has_tried(ticket.id()) {
                    return Err(crate::store::Error::IdTaken(ticket.id().to_string()).into());
                }
                let short_len = store.check_new(&ticket)?;
                (ticket, short_len)
            }
        };
        session.keep_tried(&ticket, short_len);
        written.push(Written {
            ticket,
            short_len,
            commit: None,
        });
    }
    Ok(written)
}

/// Returns the ticket a creating change would commit, checked the way
/// the commit checks it (the team's policy, the lifecycle, the file's
/// limits), without committing anything: an import validates every row
/// with it and then commits the results with [`TicketChange::restore`].
///
/// Fails with [`Error::Invalid`] for a change of an existing ticket.
pub fn prepare(session: &Session, change: TicketChange<'_>) -> Result<Ticket, Error> {
    if matches!(change.target, Target::Existing(..)) {
        return Err(Error::Invalid(
            "only a new ticket can be prepared".to_string(),
        ));
    }
    let who = session.who()?;
    let by = who.author.display();
    let ticket = build_created(session, change.target, change.origin, &by, session.now())?;
    crate::codec::encode_checked(&ticket).map_err(|e| Error::Invalid(e.to_string()))?;
    Ok(ticket)
}

/// Builds the ticket a creating target makes: policy applied, events built
/// and recorded under the lifecycle.
fn build_created(
    session: &Session,
    target: Target<'_>,
    origin: Option<Origin>,
    by: &str,
    at: Timestamp,
) -> Result<Ticket, Error> {
    match target {
        Target::Existing(..) => Err(Error::Internal(
            "a change of an existing ticket is not a creation".to_string(),
        )),
        Target::Restored(ticket) => Ok(*ticket),
        Target::Foreign(id, changes, then) => {
            let origin = origin.ok_or_else(|| {
                Error::Internal("a ticket from outside tk has no origin".to_string())
            })?;
            let mut changes = *changes;
            let config = session.team_config()?;
            check_fields(config, &mut changes, None)?;
            config.apply_policy(&mut changes, None);
            let event = session.event_from(Action::Create(changes), &origin, 0);
            let mut ticket =
                Ticket::create(id, event).map_err(|e| Error::Internal(e.to_string()))?;
            for (n, (action, stamp)) in then.into_iter().enumerate() {
                let mut event = session.event_from(action, &origin, n + 1);
                if let Some(stamp) = stamp {
                    event.by = stamp.by;
                    event.at = stamp.at;
                }
                ticket
                    .record(event)
                    .map_err(|r| Error::NotAllowed(r.to_string()))?;
            }
            Ok(ticket)
        }
        Target::New(id, changes, then) => {
            let mut changes = *changes;
            let config = session.team_config()?;
            check_fields(config, &mut changes, None)?;
            config.apply_policy(&mut changes, None);
            let id = id.unwrap_or_else(|| session.ids().ticket_id());
            let event = session.event(Action::Create(changes), by, at);
            let mut ticket =
                Ticket::create(id, event).map_err(|e| Error::Internal(e.to_string()))?;
            for action in then {
                let event = session.event(action, by, at);
                ticket
                    .record(event)
                    .map_err(|r| Error::NotAllowed(r.to_string()))?;
            }
            Ok(ticket)
        }
    }
}

/// Like [`write()`] for one ticket.
pub fn write_one(
    session: &Session,
    label: &str,
    files: Vec<(String, Vec<u8>)>,
    change: TicketChange<'_>,
) -> Result<Written, Error> {
    write_one_in(session, Mode::Commit, label, files, change)
}

/// Like [`write_one()`], or [`dry_run()`] for one ticket.
pub fn write_one_in(
    session: &Session,
    mode: Mode,
    label: &str,
    files: Vec<(String, Vec<u8>)>,
    change: TicketChange<'_>,
) -> Result<Written, Error> {
    let options = WriteOptions {
        label,
        files,
        changes: vec![change],
    };
    let written = match mode {
        Mode::Commit => write(session, options)?,
        Mode::DryRun => dry_run(session, options)?,
    };
    written
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("a write of one ticket returned none".to_string()))
}

/// Commits a new ticket made of `changes`, completed with the team's
/// policy, through [`write()`].
pub fn create(session: &Session, changes: Changes) -> Result<Written, Error> {
    write_one(session, "new", Vec::new(), TicketChange::create(changes))
}

/// Checks a change's type, category and group against the team's lists,
/// and its custom fields against the team's definitions (normalizing their
/// values); `current` is the ticket before the change, if any.
pub(super) fn check_fields(
    config: &TeamConfig,
    changes: &mut Changes,
    current: Option<&crate::model::State>,
) -> Result<(), Error> {
    config
        .check_fields(changes.ticket_type.as_ref(), changes.category.as_deref())
        .and_then(|()| config.check_custom_fields(&mut changes.fields, current))
        .map_err(Error::Invalid)?;
    match &changes.group {
        Some(group) => config.check_group(group).map_err(Error::Invalid),
        None => Ok(()),
    }
}

/// Completes a `set` with the team's policy against the ticket at the tip.
fn apply_policy(config: &TeamConfig, changes: &mut Changes, ticket: &Ticket) -> Result<(), Error> {
    check_fields(config, changes, Some(ticket.state()))?;
    config.apply_policy(changes, Some(ticket.state()));
    Ok(())
}

/// Returns the refusal that stops the store's attempt when the policy
/// failed; the caller reports the policy's error instead.
fn policy_refusal(ticket: &Ticket) -> Refusal {
    Refusal {
        action: "set",
        status: ticket.state().status,
        detail: String::new(),
    }
}
