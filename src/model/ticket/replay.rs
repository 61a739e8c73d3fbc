//! Replay: a timeline sorted into replay order, deduplicated, and its
//! first event turned into the starting state.

use super::apply::{apply_changes, non_empty};
use super::ReplayError;
use crate::model::event::{Changes, Event};
use crate::model::fields::{Level, Status};
use crate::model::id::{EventId, TicketId};
use crate::model::state::State;

/// Sorted events in; drops repeated ids, failing when their contents differ.
pub(super) fn dedup_events(events: &mut Vec<Event>) -> Result<(), ReplayError> {
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

/// Returns the state a `create` event starts the ticket in.
pub(super) fn initial_state(id: TicketId, event: &Event, changes: &Changes) -> State {
    let impact = changes.impact.unwrap_or(Level::Medium);
    let urgency = changes.urgency.unwrap_or(Level::Medium);
    let mut state = State::new(id, event.at, impact, urgency);
    apply_changes(&mut state, changes);
    if let Some(assignee) = non_empty(changes.assignee.as_deref()) {
        state.assignee = Some(assignee);
        state.status = Status::Assigned;
    }
    state
}
