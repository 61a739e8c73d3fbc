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
    New(Box<Changes>, Vec<Action>),
    /// A ticket from outside tk: its derived id, its fields, and the
    /// actions recorded right after its creation.
    Foreign(TicketId, Box<Changes>, Vec<Action>),
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
            target: Target::New(Box::new(changes), then),
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
        TicketChange {
            target: Target::Foreign(id, Box::new(changes), then),
            origin: Some(origin),
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
            Target::Foreign(id, changes, then) => {
                let origin = change.origin.ok_or_else(|| {
                    Error::Internal("a ticket from outside tk has no origin".to_string())
                })?;
                let mut changes = *changes;
                let config = session.team_config()?;
                check_fields(config, &changes)?;
                config.apply_policy(&mut changes, None);
                let event = session.event_from(Action::Create(changes), &origin, 0);
                let mut ticket =
                    Ticket::create(id, event).map_err(|e| Error::Internal(e.to_string()))?;
                for (n, action) in then.into_iter().enumerate() {
                    let event = session.event_from(action, &origin, n + 1);
                    ticket.record(event).map_err(|r| {
                        Error::Internal(format!("a new ticket refused its own event: {r}"))
                    })?;
                }
                order.push((true, created.len()));
                created.push(ticket);
            }
            Target::New(changes, then) => {
                let mut changes = *changes;
                let config = session.team_config()?;
                check_fields(config, &changes)?;
                config.apply_policy(&mut changes, None);
                let id = session.ids().ticket_id();
                let event = session.event(Action::Create(changes), &by, at);
                let mut ticket =
                    Ticket::create(id, event).map_err(|e| Error::Internal(e.to_string()))?;
                for action in then {
                    let event = session.event(action, &by, at);
                    ticket
                        .record(event)
                        .map_err(|r| Error::NotAllowed(r.to_string()))?;
                }
                order.push((true, created.len()));
                created.push(ticket);
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
                    let actions = plan(ticket).map_err(|r| (index, r))?;
                    let origin = origins.get(index).and_then(Option::as_ref);
                    for (n, mut action) in actions.into_iter().enumerate() {
                        if let Action::Set(changes) = &mut action {
                            let policy = session.team_config().map_err(Error::from);
                            if let Err(e) = policy.and_then(|p| apply_policy(p, changes, ticket)) {
                                failure = Some(e);
                                return Err((index, policy_refusal(ticket)));
                            }
                        }
                        let event = match origin {
                            Some(o) => session.event_from(action, o, n),
                            None => session.event(action, &by, at),
                        };
                        ticket.record(event).map_err(|r| (index, r))?;
                        changed = true;
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

/// Like [`write()`] for one ticket.
pub fn write_one(
    session: &Session,
    label: &str,
    files: Vec<(String, Vec<u8>)>,
    change: TicketChange<'_>,
) -> Result<Written, Error> {
    let written = write(
        session,
        WriteOptions {
            label,
            files,
            changes: vec![change],
        },
    )?;
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

/// Checks a change's type, category and group against the team's lists.
pub(super) fn check_fields(config: &TeamConfig, changes: &Changes) -> Result<(), Error> {
    config
        .check_fields(changes.ticket_type.as_ref(), changes.category.as_deref())
        .map_err(Error::Invalid)?;
    match &changes.group {
        Some(group) => config.check_group(group).map_err(Error::Invalid),
        None => Ok(()),
    }
}

/// Completes a `set` with the team's policy against the ticket at the tip.
fn apply_policy(config: &TeamConfig, changes: &mut Changes, ticket: &Ticket) -> Result<(), Error> {
    check_fields(config, changes)?;
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
