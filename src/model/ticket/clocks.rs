//! Derived timings of a ticket: when its SLA clocks were paused and when
//! it was reopened, replayed from the timeline alongside the state.

use crate::model::event::{Action, Event};
use crate::model::fields::{SlaTarget, Status};
use crate::model::state::{Rating, State};
use crate::model::time::Timestamp;

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
    /// Each resolution's rating, oldest first: the last rating given
    /// before the next reopen. A reopen clears the state's rating but not
    /// these, so reports count every resolution that was rated.
    pub ratings: Vec<Rating>,
    /// When it was escalated.
    pub escalated: Vec<Timestamp>,
    /// The targets it was escalated for missing, so `escalate --breached`
    /// escalates once per breach.
    pub escalated_for: Vec<SlaTarget>,
    /// Whether the last entry of `ratings` belongs to the current
    /// resolution (no reopen since).
    pub rated_since_reopen: bool,
}

impl Clocks {
    /// Records what an applied event did to the clocks.
    pub(super) fn track(&mut self, before: Status, state: &State, event: &Event) {
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
        match (&event.action, &state.rating) {
            (Action::Reopen { .. }, _) => {
                self.reopened.push(event.at);
                self.rated_since_reopen = false;
            }
            (Action::Escalate { breach, .. }, _) => {
                self.escalated.push(event.at);
                if let Some(breach) = breach {
                    if !self.escalated_for.contains(breach) {
                        self.escalated_for.push(*breach);
                    }
                }
            }
            (Action::Rate { .. }, Some(rating)) => {
                if self.rated_since_reopen {
                    self.ratings.pop();
                }
                self.ratings.push(rating.clone());
                self.rated_since_reopen = true;
            }
            _ => {}
        }
    }
}
