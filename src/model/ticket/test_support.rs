//! What the ticket tests share: two people and a terse event builder.

use super::*;

/// A requester.
pub(super) const ANA: &str = "Ana <ana@example.com>";
/// A technician.
pub(super) const BO: &str = "Bo <bo@example.com>";

/// Returns an event; `clock` is reset by `Ticket::record`.
pub(super) fn event(id: &str, clock: u64, at: i64, by: &str, action: Action) -> Event {
    Event {
        id: EventId::parse(id).unwrap(),
        clock,
        at: Timestamp::from_unix(at),
        by: by.to_string(),
        action,
    }
}
