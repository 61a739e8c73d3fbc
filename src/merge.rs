//! Pure merges of what two clones hold: tickets and the team config.
//!
//! Merging two versions of a ticket is the union of their timelines
//! replayed, which is commutative, associative and idempotent: every clone
//! converges to the same bytes whatever order syncs happen in, and no
//! event is lost. No git here; the store walks the trees and calls these.

use crate::model::{Action, Event, EventId, Ticket, TicketId, Timestamp};
use std::collections::BTreeMap;

/// The result of merging two versions of one ticket file.
#[derive(Debug)]
pub enum TicketMerge {
    /// One ticket holding every event of both versions.
    Merged {
        /// The merged ticket.
        ticket: Box<Ticket>,
        /// Anything odd that was resolved on the way.
        notes: Vec<String>,
    },
    /// Two different tickets were created with the same id (which random
    /// 80-bit ids make practically impossible). Both are kept: the one
    /// created first keeps the id, the other gets an id derived from its
    /// creation, the same on every clone.
    Split {
        /// Keeps the id.
        kept: Box<Ticket>,
        /// Moved to a derived id.
        moved: Box<Ticket>,
    },
}

/// Merges two versions of a ticket with the same id.
pub fn merge_tickets(ours: &Ticket, theirs: &Ticket) -> TicketMerge {
    let (first, second) = match ours.events()[0].replay_order(&theirs.events()[0]) {
        std::cmp::Ordering::Greater => (theirs, ours),
        _ => (ours, theirs),
    };
    // Two versions are one ticket when they share a create event; only
    // independently created tickets that happen to share an id are split.
    let creates = |t: &Ticket| -> std::collections::BTreeSet<EventId> {
        t.events()
            .iter()
            .filter(|e| matches!(e.action, Action::Create(_)))
            .map(|e| e.id.clone())
            .collect()
    };
    if creates(first).is_disjoint(&creates(second)) {
        let moved_id =
            TicketId::derived_from(format!("{}:{}", second.id(), second.events()[0].id).as_bytes());
        let moved = Ticket::replay(moved_id, second.events().to_vec())
            .expect("a replayable timeline stays replayable under a new id");
        return TicketMerge::Split {
            kept: Box::new(first.clone()),
            moved: Box::new(moved),
        };
    }
    let (events, mut notes) = union(ours.events(), theirs.events());
    let ticket = Ticket::replay(ours.id().clone(), events)
        .expect("the union of two timelines that share a create replays");
    notes.extend(newly_superseded(&ticket, ours, theirs));
    TicketMerge::Merged {
        ticket: Box::new(ticket),
        notes,
    }
}

/// Returns one sentence per change that took effect on the side that
/// made it but not in the merged ticket: who, what, when and why, so the
/// sync report and the merge commit tell the people whose work it was.
fn newly_superseded(merged: &Ticket, ours: &Ticket, theirs: &Ticket) -> Vec<String> {
    let in_effect = |side: &Ticket, event: &Event| {
        side.timeline()
            .any(|entry| entry.event == event && !entry.superseded)
    };
    merged
        .timeline()
        .filter(|entry| entry.superseded)
        .filter(|entry| in_effect(ours, entry.event) || in_effect(theirs, entry.event))
        .map(|entry| {
            let event = entry.event;
            let why = merged
                .superseded_because(&event.id)
                .unwrap_or("the lifecycle does not allow it there");
            format!(
                "{}'s {} of {} (event {}) did not take effect: {why}",
                event.by,
                event.action.name(),
                event.at,
                event.id
            )
        })
        .collect()
}

/// Returns the union of two timelines.
///
/// Events are matched by id. Two events with the same id and different
/// contents (which tk never writes, but a hand edit or a hostile clone
/// can) are both kept: the one that sorts first (a create before anything
/// else, then by clock, time and canonical text) keeps the id,
/// every other one moves to an id derived from its id and its canonical
/// text. The choice depends only on the events, never on which side they
/// came from, so the union stays commutative, associative and idempotent,
/// and nothing either side holds is dropped.
fn union(a: &[Event], b: &[Event]) -> (Vec<Event>, Vec<String>) {
    let mut by_id: BTreeMap<&str, Vec<(String, &Event)>> = BTreeMap::new();
    for event in a.iter().chain(b) {
        let versions = by_id.entry(event.id.as_str()).or_default();
        let text = content(event);
        if !versions.iter().any(|(t, _)| *t == text) {
            versions.push((text, event));
        }
    }
    let mut notes = Vec::new();
    let mut events = Vec::new();
    let known: std::collections::BTreeSet<String> = by_id.keys().map(|id| id.to_string()).collect();
    for (id, mut versions) in by_id {
        // A create keeps the id over anything else, so the ticket's
        // create stays the one both sides know it by.
        let key = |text: &str, e: &Event| {
            let not_create = !matches!(e.action, Action::Create(_));
            (not_create, e.clock, e.at, text.to_string())
        };
        versions.sort_by_key(|(text, e)| key(text, e));
        let mut versions = versions.into_iter();
        let (_, first) = versions.next().expect("every id has at least one version");
        events.push(first.clone());
        for (text, other) in versions {
            let mut moved = other.clone();
            moved.id = EventId::derived_from(format!("{id}:{text}").as_bytes());
            if !known.contains(moved.id.as_str()) {
                notes.push(format!(
                    "event {id} differs between the two sides; kept both, the other version as {}",
                    moved.id
                ));
            }
            events.push(moved);
        }
    }
    // A moved version may already be in the union under its derived id
    // (an earlier merge moved it): keep one copy.
    events.sort_by(|x, y| x.id.cmp(&y.id));
    events.dedup();
    (events, notes)
}

/// Returns an event's canonical text: the bytes it has in a ticket file,
/// so that duplicates are compared by what they say.
fn content(event: &Event) -> String {
    toml::to_string(&crate::codec::event_table(event))
        .expect("an event table serializes because every value is TOML")
}

/// Returns whether our bytes of attachment `name` are the ones to keep
/// when both sides hold different bytes under that name: the side whose
/// latest `attach` of the name sorts later in replay order wins, because
/// that is the attachment the merged state describes. `None` when neither
/// side has an `attach` event for the name.
pub fn attachment_is_ours(ours: &Ticket, theirs: &Ticket, name: &str) -> Option<bool> {
    fn latest<'t>(ticket: &'t Ticket, name: &str) -> Option<&'t Event> {
        ticket
            .timeline()
            .filter(|entry| !entry.superseded)
            .map(|entry| entry.event)
            .filter(|event| matches!(&event.action, Action::Attach { name: n, .. } if n == name))
            .last()
    }
    match (latest(ours, name), latest(theirs, name)) {
        (Some(a), Some(b)) => Some(a.replay_order(b) != std::cmp::Ordering::Less),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// One side of a `tk.toml` merge: its text and the time of the commit.
#[derive(Clone, Copy, Debug)]
pub struct ConfigSide<'a> {
    /// The file's text; `None` when the side has no file.
    pub text: Option<&'a str>,
    /// When the side's commit was made; the later side wins a key both
    /// changed.
    pub time: Timestamp,
}

/// Merges `tk.toml` per key against the merge base: a key changed on one
/// side takes that side's value; a key changed differently on both takes
/// the value of the later commit (ties broken by the value's text), and is
/// reported. A side that does not parse is ignored, and reported.
pub fn merge_config(
    base: Option<&str>,
    a: ConfigSide<'_>,
    b: ConfigSide<'_>,
) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut parse = |text: Option<&str>, which: &str| -> Option<toml::Table> {
        match text.map(str::parse::<toml::Table>) {
            None => Some(toml::Table::new()),
            Some(Ok(table)) => Some(table),
            Some(Err(e)) => {
                notes.push(format!(
                    "tk.toml on {which} does not parse, ignored: {}",
                    e.message()
                ));
                None
            }
        }
    };
    let a_later = (a.time, a.text) > (b.time, b.text);
    let base = parse(base, "the merge base").unwrap_or_default();
    let (ta, tb) = (parse(a.text, "one side"), parse(b.text, "the other side"));
    let (ta, tb) = match (ta, tb) {
        (Some(ta), Some(tb)) => (ta, tb),
        (Some(t), None) | (None, Some(t)) => {
            return (toml::to_string(&t).unwrap_or_default(), notes)
        }
        // Neither side parses: keep the later one whole, by the rule a key
        // both sides changed follows, so the result does not depend on
        // which clone merges (found by the fuzzer).
        (None, None) => {
            let later = if a_later { a.text } else { b.text };
            return (later.unwrap_or_default().to_string(), notes);
        }
    };
    let merged = merge_tables("", &base, &ta, &tb, a_later, &mut notes);
    let text = toml::to_string(&merged).expect("a merge of TOML tables is a TOML table");
    (text, notes)
}

fn merge_tables(
    prefix: &str,
    base: &toml::Table,
    a: &toml::Table,
    b: &toml::Table,
    a_later: bool,
    notes: &mut Vec<String>,
) -> toml::Table {
    let keys: std::collections::BTreeSet<&String> =
        base.keys().chain(a.keys()).chain(b.keys()).collect();
    let mut out = toml::Table::new();
    for key in keys {
        let (vbase, va, vb) = (base.get(key), a.get(key), b.get(key));
        let path = format!("{prefix}{key}");
        let value = if va == vb {
            va.cloned()
        } else if va == vbase {
            vb.cloned()
        } else if vb == vbase {
            va.cloned()
        } else if let (Some(toml::Value::Table(ta)), Some(toml::Value::Table(tb))) = (va, vb) {
            let empty = toml::Table::new();
            let tbase = match vbase {
                Some(toml::Value::Table(t)) => t,
                _ => &empty,
            };
            Some(toml::Value::Table(merge_tables(
                &format!("{path}."),
                tbase,
                ta,
                tb,
                a_later,
                notes,
            )))
        } else {
            notes.push(format!(
                "tk.toml key `{path}` changed on both sides; the later change wins"
            ));
            if a_later {
                va.cloned()
            } else {
                vb.cloned()
            }
        };
        if let Some(value) = value {
            out.insert(key.clone(), value);
        }
    }
    out
}

#[cfg(test)]
mod tests;
