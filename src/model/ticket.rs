//! A ticket: its timeline and the state that replaying it yields.

use super::event::{Action, Changes, Event};
use super::fields::{Level, Priority, Status, TicketType};
use super::id::{EventId, TicketId};
use super::lifecycle::{check, Refusal};
use super::person::{email_of, Requester};
use super::state::{AttachmentInfo, Link, Rating, Resolution, State};
use super::time::Timestamp;
use std::collections::BTreeSet;

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

/// A stretch of time, open-ended while it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Period {
    /// When it began.
    pub from: Timestamp,
    /// When it ended; `None` while it goes on.
    pub to: Option<Timestamp>,
}

/// Derived timings that SLA clocks and reports need besides the state:
/// replayed from the timeline like the state, but not written to the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Clocks {
    /// When SLA clocks were paused: while the ticket waited, and while it
    /// sat resolved or closed before a reopen.
    pub paused: Vec<Period>,
    /// When it was reopened.
    pub reopened: Vec<Timestamp>,
}

impl Clocks {
    /// Records what an applied event did to the clocks.
    fn track(&mut self, before: Status, state: &State, event: &Event) {
        // Nobody works on a ticket that waits or is done, so its clocks
        // stop; a reopen starts them again where they were.
        let pauses = |s: Status| matches!(s, Status::Waiting | Status::Resolved | Status::Closed);
        let (was, is) = (pauses(before), pauses(state.status));
        if !was && is {
            self.paused.push(Period {
                from: event.at,
                to: None,
            });
        }
        if was && !is {
            if let Some(open) = self.paused.last_mut() {
                open.to = Some(event.at);
            }
        }
        if matches!(event.action, Action::Reopen { .. }) {
            self.reopened.push(event.at);
        }
    }
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

/// Sorted events in; drops repeated ids, failing when their contents differ.
fn dedup_events(events: &mut Vec<Event>) -> Result<(), ReplayError> {
    let mut seen: std::collections::BTreeMap<EventId, usize> = Default::default();
    let mut keep = Vec::with_capacity(events.len());
    for event in events.drain(..) {
        match seen.get(&event.id) {
            Some(&index) if keep[index] == event => {}
            Some(_) => return Err(ReplayError::ConflictingEvent(event.id)),
            None => {
                seen.insert(event.id.clone(), keep.len());
                keep.push(event);
            }
        }
    }
    *events = keep;
    Ok(())
}

fn initial_state(id: TicketId, event: &Event, changes: &Changes) -> State {
    let impact = changes.impact.unwrap_or(Level::Medium);
    let urgency = changes.urgency.unwrap_or(Level::Medium);
    let mut state = State {
        id,
        title: String::new(),
        ticket_type: TicketType::Incident,
        status: Status::New,
        priority: Priority::from_matrix(impact, urgency),
        impact,
        urgency,
        response_target: None,
        resolution_target: None,
        category: None,
        tags: Vec::new(),
        requester: None,
        assignee: None,
        created: event.at,
        updated: event.at,
        description: None,
        first_response: None,
        resolved: None,
        closed: None,
        close_reason: None,
        resolution: None,
        rating: None,
        links: Vec::new(),
        watchers: Vec::new(),
        attachments: Vec::new(),
    };
    apply_changes(&mut state, changes);
    if let Some(assignee) = non_empty(changes.assignee.as_deref()) {
        state.assignee = Some(assignee);
        state.status = Status::Assigned;
    }
    state
}

/// Applies an allowed event to the state.
fn apply(state: &mut State, event: &Event) {
    if state.first_response.is_none() && is_response(state, event) {
        state.first_response = Some(event.at);
    }
    match &event.action {
        Action::Create(_) => {}
        Action::Set(changes) => apply_changes(state, changes),
        Action::Assign { assignee } => {
            state.assignee = Some(assignee.clone());
            if state.status == Status::New {
                state.status = Status::Assigned;
            }
        }
        Action::Unassign => {
            state.assignee = None;
            if state.status == Status::Assigned {
                state.status = Status::New;
            }
        }
        Action::Comment { .. } => {}
        Action::Start => {
            if state.assignee.is_none() {
                state.assignee = Some(email_of(&event.by).to_string());
            }
            state.status = Status::InProgress;
        }
        Action::Wait { .. } => state.status = Status::Waiting,
        Action::Resolve { summary } => {
            state.status = Status::Resolved;
            state.resolved = Some(event.at);
            state.resolution = Some(Resolution {
                summary: summary.clone(),
                by: event.by.clone(),
                at: event.at,
            });
        }
        Action::Close { reason, .. } => {
            state.status = Status::Closed;
            state.closed = Some(event.at);
            state.close_reason = *reason;
        }
        Action::Reopen { .. } => {
            state.status = if state.assignee.is_some() {
                Status::Assigned
            } else {
                Status::New
            };
            state.resolved = None;
            state.closed = None;
            state.close_reason = None;
            state.resolution = None;
            state.rating = None;
        }
        Action::Rate { score, comment } => {
            state.rating = Some(Rating {
                score: *score,
                comment: comment.clone(),
                by: event.by.clone(),
                at: event.at,
            });
        }
        Action::Link { .. }
        | Action::Unlink { .. }
        | Action::Watch { .. }
        | Action::Unwatch { .. }
        | Action::Attach { .. } => apply_relation(state, event),
    }
}

/// Applies the actions that describe a ticket without moving it: links,
/// watchers and attachments. Each list stays sorted and unique, so the
/// state does not depend on how often an action was repeated.
fn apply_relation(state: &mut State, event: &Event) {
    fn insert<T: Ord>(list: &mut Vec<T>, item: T) {
        if let Err(at) = list.binary_search(&item) {
            list.insert(at, item);
        }
    }
    fn remove<T: Ord>(list: &mut Vec<T>, item: &T) {
        if let Ok(at) = list.binary_search(item) {
            list.remove(at);
        }
    }
    match &event.action {
        Action::Link { relation, target } => insert(
            &mut state.links,
            Link {
                relation: *relation,
                target: target.clone(),
            },
        ),
        Action::Unlink { relation, target } => remove(
            &mut state.links,
            &Link {
                relation: *relation,
                target: target.clone(),
            },
        ),
        Action::Watch { who } => insert(&mut state.watchers, who.clone()),
        Action::Unwatch { who } => remove(&mut state.watchers, who),
        Action::Attach { name, size } => {
            let info = AttachmentInfo {
                name: name.clone(),
                size: *size,
                by: event.by.clone(),
                at: event.at,
            };
            match state
                .attachments
                .binary_search_by(|a| a.name.as_str().cmp(name))
            {
                Ok(at) => state.attachments[at] = info,
                Err(at) => state.attachments.insert(at, info),
            }
        }
        _ => {}
    }
}

/// Returns whether the event counts as the team's first response: a public
/// comment or a status change by someone other than the requester.
fn is_response(state: &State, event: &Event) -> bool {
    let by_requester = state
        .requester
        .as_ref()
        .is_some_and(|r| !r.email.is_empty() && r.email.eq_ignore_ascii_case(email_of(&event.by)));
    let counts = matches!(
        event.action,
        Action::Comment {
            internal: false,
            ..
        } | Action::Assign { .. }
            | Action::Start
            | Action::Wait { .. }
            | Action::Resolve { .. }
            | Action::Close { .. }
    );
    counts && !by_requester
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Returns tags trimmed, lower-cased, sorted and without repeats.
pub fn normalize_tags(tags: &[String]) -> Vec<String> {
    let set: BTreeSet<String> = tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    set.into_iter().collect()
}

fn apply_changes(state: &mut State, changes: &Changes) {
    if let Some(title) = &changes.title {
        state.title = title.trim().to_string();
    }
    if let Some(ticket_type) = changes.ticket_type {
        state.ticket_type = ticket_type;
    }
    if changes.impact.is_some() || changes.urgency.is_some() {
        state.impact = changes.impact.unwrap_or(state.impact);
        state.urgency = changes.urgency.unwrap_or(state.urgency);
        state.priority = Priority::from_matrix(state.impact, state.urgency);
    }
    if let Some(priority) = changes.priority {
        state.priority = priority;
    }
    if let Some(target) = changes.response_target {
        state.response_target = target;
    }
    if let Some(target) = changes.resolution_target {
        state.resolution_target = target;
    }
    if let Some(category) = &changes.category {
        state.category = non_empty(Some(category)).map(|c| c.to_lowercase());
    }
    if let Some(tags) = &changes.tags {
        state.tags = normalize_tags(tags);
    }
    if let Some(description) = &changes.description {
        state.description = Some(description.trim_end().to_string()).filter(|d| !d.is_empty());
    }
    apply_requester_changes(state, changes);
}

fn apply_requester_changes(state: &mut State, changes: &Changes) {
    if let Some(text) = &changes.requester {
        state.requester = match (Requester::parse(text), state.requester.take()) {
            (Some(parsed), Some(old)) => Some(Requester {
                name: parsed.name,
                email: parsed.email,
                ..old
            }),
            (parsed, _) => parsed,
        };
    }
    let details = [
        &changes.requester_phone,
        &changes.requester_location,
        &changes.requester_department,
    ];
    if details.iter().all(|d| d.is_none()) {
        return;
    }
    let requester = state.requester.get_or_insert_with(Requester::default);
    let slots = [
        &mut requester.phone,
        &mut requester.location,
        &mut requester.department,
    ];
    for (slot, value) in slots.into_iter().zip(details) {
        if let Some(value) = value {
            *slot = non_empty(Some(value));
        }
    }
}

/// Returns the `set` changes that turn `from`'s descriptive fields into
/// `to`'s.
fn descriptive_changes(from: &State, to: &State) -> Changes {
    fn differ<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
        (a != b).then(|| b.clone())
    }
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut changes = Changes {
        title: differ(&from.title, &to.title),
        ticket_type: differ(&from.ticket_type, &to.ticket_type),
        impact: differ(&from.impact, &to.impact),
        urgency: differ(&from.urgency, &to.urgency),
        category: differ(&text(&from.category), &text(&to.category)),
        tags: differ(&from.tags, &to.tags),
        description: differ(&text(&from.description), &text(&to.description)),
        ..Changes::default()
    };
    let predicted = if changes.impact.is_some() || changes.urgency.is_some() {
        Priority::from_matrix(to.impact, to.urgency)
    } else {
        from.priority
    };
    changes.priority = differ(&predicted, &to.priority);
    let empty = Requester::default();
    let old = from.requester.as_ref().unwrap_or(&empty);
    let new = to.requester.as_ref().unwrap_or(&empty);
    changes.requester = differ(&old.display(), &new.display());
    let detail = |value: &Option<String>| value.clone().unwrap_or_default();
    changes.requester_phone = differ(&detail(&old.phone), &detail(&new.phone));
    changes.requester_location = differ(&detail(&old.location), &detail(&new.location));
    changes.requester_department = differ(&detail(&old.department), &detail(&new.department));
    changes
}

/// Returns the lifecycle actions that move `from`'s status (and rating)
/// to `to`'s, where an action can express it.
fn lifecycle_actions(from: &State, to: &State) -> Vec<Action> {
    let mut actions = Vec::new();
    let reopen = !from.status.is_open() && to.status.is_open();
    if reopen {
        actions.push(Action::Reopen { reason: None });
    }
    let resolve_summary = to.resolution.as_ref().map(|r| r.summary.clone());
    match to.status {
        _ if to.status == from.status && !reopen => {}
        Status::InProgress => actions.push(Action::Start),
        Status::Waiting => actions.push(Action::Wait { reason: None }),
        Status::Resolved => {
            if let Some(summary) = resolve_summary {
                actions.push(Action::Resolve { summary });
            }
        }
        Status::Closed => {
            if from.status.is_open() && to.close_reason.is_none() {
                if let Some(summary) = resolve_summary {
                    actions.push(Action::Resolve { summary });
                }
            }
            actions.push(Action::Close {
                reason: to.close_reason,
                note: None,
            });
        }
        Status::New | Status::Assigned => {}
    }
    let rating = |s: &State| s.rating.as_ref().map(|r| (r.score, r.comment.clone()));
    if let (Some((score, comment)), true) = (rating(to), rating(from) != rating(to)) {
        actions.push(Action::Rate { score, comment });
    }
    actions
}

/// Returns the link and watch actions that turn `from`'s links and
/// watchers into `to`'s. Attachments are not expressible: an edit cannot
/// add the file's bytes.
fn relation_actions(from: &State, to: &State) -> Vec<Action> {
    let mut actions = Vec::new();
    for link in to.links.iter().filter(|l| !from.links.contains(l)) {
        actions.push(Action::Link {
            relation: link.relation,
            target: link.target.clone(),
        });
    }
    for link in from.links.iter().filter(|l| !to.links.contains(l)) {
        actions.push(Action::Unlink {
            relation: link.relation,
            target: link.target.clone(),
        });
    }
    for who in to.watchers.iter().filter(|w| !from.watchers.contains(w)) {
        actions.push(Action::Watch { who: who.clone() });
    }
    for who in from.watchers.iter().filter(|w| !to.watchers.contains(w)) {
        actions.push(Action::Unwatch { who: who.clone() });
    }
    actions
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod relation_tests;
