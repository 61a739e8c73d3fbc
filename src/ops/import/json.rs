//! Reading tk's own JSON export back: each ticket's timeline, event by
//! event, with its ids, clocks, authors and times, replayed into the same
//! ticket. The state keys of the export are not read: the state is the
//! replay of the timeline.

use super::{Error, Place, Record, RowError};
use crate::codec::{self, MAX_EVENTS};
use crate::model::{Action, Event, Ticket, TicketId};
use crate::ops::export::{FORMAT, VERSION};
use crate::ops::write::TicketChange;
use serde_json::Value;

/// Returns the records of an export.
pub(super) fn records<'a>(input: &[u8]) -> Result<Vec<Result<Record<'a>, RowError>>, Error> {
    let value: Value =
        serde_json::from_slice(input).map_err(|e| Error::Input(format!("not JSON: {e}")))?;
    let Value::Object(mut export) = value else {
        return Err(Error::Input(format!(
            "not a tk export: it has no \"format\": \"{FORMAT}\" (gh issue list JSON is --format github)"
        )));
    };
    match export.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        _ => {
            return Err(Error::Input(format!(
                "not a tk export: it has no \"format\": \"{FORMAT}\""
            )))
        }
    }
    let version = export.get("version").and_then(Value::as_u64);
    match version {
        Some(v) if v >= 1 && v <= u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(Error::Input(format!(
                "export version {v} is newer than this tk reads ({VERSION}); upgrade tk"
            )))
        }
        _ => {
            return Err(Error::Input(
                "the export has no valid \"version\" (a whole number)".to_string(),
            ))
        }
    }
    let Some(Value::Array(tickets)) = export.remove("tickets") else {
        return Err(Error::Input(
            "the export has no \"tickets\" array".to_string(),
        ));
    };
    Ok(tickets
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let place = Place::Index(index);
            let (id, change, warnings) =
                record(item).map_err(|message| RowError { place, message })?;
            Ok(Record {
                place,
                source: id.to_string(),
                id,
                change,
                warnings,
            })
        })
        .collect())
}

/// Returns one ticket of the export, replayed from its events.
fn record<'a>(item: Value) -> Result<(TicketId, TicketChange<'a>, Vec<String>), String> {
    let Value::Object(mut ticket) = item else {
        return Err("a ticket must be a JSON object".to_string());
    };
    let id = match ticket.get("id") {
        Some(Value::String(id)) => TicketId::parse(id).map_err(|e| e.to_string())?,
        _ => return Err("a ticket needs its \"id\"".to_string()),
    };
    let Some(Value::Array(items)) = ticket.remove("events") else {
        return Err(format!("ticket {id} has no \"events\" array"));
    };
    if items.len() > MAX_EVENTS {
        return Err(format!(
            "ticket {id} has {} events, over the limit of {MAX_EVENTS}",
            items.len()
        ));
    }
    let events = items
        .into_iter()
        .enumerate()
        .map(|(n, item)| event(item).map_err(|e| format!("ticket {id}, event {n}: {e}")))
        .collect::<Result<Vec<Event>, String>>()?;
    let warnings = events
        .iter()
        .filter_map(|e| match &e.action {
            Action::Attach { name, .. } => Some(format!(
                "ticket {id}: the bytes of attachment `{name}` are not in the export"
            )),
            _ => None,
        })
        .collect();
    let ticket = Ticket::replay(id.clone(), events).map_err(|e| format!("ticket {id}: {e}"))?;
    Ok((id, TicketChange::restore(ticket), warnings))
}

/// Returns one event from its file keys (and the `superseded` flag the
/// export adds, which replay decides anew).
fn event(item: Value) -> Result<Event, String> {
    let Value::Object(mut fields) = item else {
        return Err("an event must be a JSON object".to_string());
    };
    fields.remove("superseded");
    let table = toml::Table::try_from(Value::Object(fields)).map_err(|e| e.to_string())?;
    codec::event_from_table(table).map_err(|e| e.to_string())
}
