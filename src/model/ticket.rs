//! A ticket: its timeline and the state that replaying it yields.
//!
//! One job per file: `replay` sorts and starts a timeline, `apply` is what
//! each action does to the state, `clocks` tracks SLA pauses and reopens,
//! `diff` turns the difference between two states into actions. Pure: no
//! I/O, nothing from outside `model`.

mod apply;
mod clocks;
mod diff;
mod replay;

pub use apply::normalize_tags;
pub use clocks::{Clocks, Period};

use super::event::{Action, Event};
use super::id::{EventId, TicketId};
use super::lifecycle::{check, Refusal};
use super::state::{Link, State};
use super::time::Timestamp;
use apply::apply;
use diff::{descriptive_changes, lifecycle_actions, relation_actions};
use replay::{dedup_events, initial_state};

/// A ticket: the timeline of events and the state derived from it.
///
/// The state is never set directly: every change is an event, and the state
/// is the replay of the events in [`Event::replay_order`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    state: State,
    clocks: Clocks,
    events: Vec<Event>,
    /// Events the lifecycle did not allow at their place, with why.
    superseded: std::collections::BTreeMap<EventId, String>,
}

/// A timeline that cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    /// The first event in replay order is not a `create`.
    #[error("the timeline does not start with a create event")]
    NoCreate,
    /// Two events share an id but differ.
    #[error("two different events share the id {0}")]
    ConflictingEvent(EventId),
}

/// A comment, as shown to people and scripts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment<'a> {
    /// The event id of the comment.
    pub id: &'a EventId,
    /// Who wrote it.
    pub by: &'a str,
    /// When.
    pub at: Timestamp,
    /// The text.
    pub body: &'a str,
    /// Whether it is for the team only.
    pub internal: bool,
}

/// One event of the timeline with its replay outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry<'a> {
    /// The event.
    pub event: &'a Event,
    /// True when the lifecycle did not allow the event at its place in the
    /// merged order, so it is kept but did not change the state.
    pub superseded: bool,
}

impl Ticket {
    /// Replays `events` into a ticket.
    ///
    /// Events are sorted into replay order and exact duplicates (same id,
    /// same content) are dropped. The first `create` in that order opens
    /// the timeline even when another event sorts before it (a clock or
    /// time a merge or a hand edit put lower): a ticket is created before
    /// anything happens to it, so that event is replayed right after it.
    pub fn replay(id: TicketId, mut events: Vec<Event>) -> Result<Ticket, ReplayError> {
        events.sort_by(Event::replay_order);
        dedup_events(&mut events)?;
        if let Some(create) = events
            .iter()
            .position(|e| matches!(e.action, Action::Create(_)))
        {
            events[..=create].rotate_right(1);
        }
        let (first, rest) = events.split_first().ok_or(ReplayError::NoCreate)?;
        let Action::Create(changes) = &first.action else {
            return Err(ReplayError::NoCreate);
        };
        let mut ticket = Ticket {
            state: initial_state(id, first, changes),
            clocks: Clocks::default(),
            events: Vec::new(),
            superseded: Default::default(),
        };
        for event in rest {
            match check(&ticket.state, &event.action) {
                Ok(()) => ticket.apply(event),
                Err(refusal) => {
                    ticket
                        .superseded
                        .insert(event.id.clone(), refusal.to_string());
                }
            }
            ticket.state.updated = ticket.state.updated.max(event.at);
        }
        ticket.events = events;
        Ok(ticket)
    }

    /// Returns a new ticket from its `create` event.
    pub fn create(id: TicketId, mut event: Event) -> Result<Ticket, ReplayError> {
        event.clock = 1;
        Ticket::replay(id, vec![event])
    }

    /// Appends a new event made after seeing every event of this ticket.
    ///
    /// The event's clock is set to one more than the highest clock here, so
    /// it sorts last; it is refused when the lifecycle does not allow it.
    /// An id already in the timeline is replaced by one derived from it.
    pub fn record(&mut self, mut event: Event) -> Result<(), Refusal> {
        check(&self.state, &event.action)?;
        event.clock = self.next_clock();
        // Random ids only repeat when TK_ID_SEED is pinned for several
        // runs; a repeat would make the timeline unreadable, since replay
        // refuses two different events with one id.
        while self.events.iter().any(|e| e.id == event.id) {
            event.id = EventId::derived_from(format!("{}:{}", event.id, event.clock).as_bytes());
        }
        self.apply(&event);
        self.state.updated = self.state.updated.max(event.at);
        self.events.push(event);
        Ok(())
    }

    /// Applies an allowed event to the state and the clocks.
    fn apply(&mut self, event: &Event) {
        let before = self.state.status;
        apply(&mut self.state, event);
        self.clocks.track(before, &self.state, event);
    }

    /// Returns the derived timings (waiting periods, reopens).
    pub fn clocks(&self) -> &Clocks {
        &self.clocks
    }

    /// Returns the clock a new event must carry.
    pub fn next_clock(&self) -> u64 {
        self.events
            .iter()
            .map(|e| e.clock)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// Returns the current state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Returns the ticket's id.
    pub fn id(&self) -> &TicketId {
        &self.state.id
    }

    /// Returns the events in replay order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Returns the timeline with each event's replay outcome.
    pub fn timeline(&self) -> impl Iterator<Item = TimelineEntry<'_>> {
        self.events.iter().map(|event| TimelineEntry {
            event,
            superseded: self.superseded.contains_key(&event.id),
        })
    }

    /// Returns why the event with `id` is superseded (the lifecycle rule
    /// that refused it at its place in replay order), if it is.
    pub fn superseded_because(&self, id: &EventId) -> Option<&str> {
        self.superseded.get(id).map(String::as_str)
    }

    /// Returns the comments in timeline order.
    pub fn comments(&self) -> impl Iterator<Item = Comment<'_>> {
        self.events.iter().filter_map(|event| match &event.action {
            Action::Comment { body, internal } => Some(Comment {
                id: &event.id,
                by: &event.by,
                at: event.at,
                body,
                internal: *internal,
            }),
            _ => None,
        })
    }

    /// Returns the actions that take this ticket to `target`, as far as
    /// events can express the difference.
    ///
    /// Used by `tk edit` and to turn a file edited outside tk into events.
    /// Derived values (times, who resolved) are not actions and are ignored.
    pub fn actions_towards(&self, target: &State) -> Vec<Action> {
        let mut actions = Vec::new();
        let changes = descriptive_changes(&self.state, target);
        if !changes.is_empty() {
            actions.push(Action::Set(changes));
        }
        if self.state.assignee != target.assignee {
            actions.push(match &target.assignee {
                Some(assignee) => Action::Assign {
                    assignee: assignee.clone(),
                },
                None => Action::Unassign,
            });
        }
        actions.extend(lifecycle_actions(&self.state, target));
        actions.extend(relation_actions(&self.state, target));
        actions
    }

    /// Returns whether recording `action` would leave the state as it is
    /// because it is already in effect: a link that exists, a watcher who
    /// already watches. Commands skip such actions so that repeating them
    /// commits nothing.
    pub fn already_in_effect(&self, action: &Action) -> bool {
        match action {
            Action::Link { relation, target } => self.state.links.contains(&Link {
                relation: *relation,
                target: target.clone(),
            }),
            Action::Watch { who } => self.state.watchers.contains(who),
            _ => false,
        }
    }
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod relation_tests;
