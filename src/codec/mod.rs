//! Ticket files to and from canonical TOML.
//!
//! A file holds the state first, for people and scripts reading it at a
//! glance, then the `[[events]]` timeline. Writing is canonical: the same
//! ticket always gives the same bytes, so clones holding the same data hold
//! the same git blob. Imports nothing from git or the CLI.

mod borrowed;
mod editable;
mod event_record;
mod fast;
mod fields;
mod file_record;

pub use borrowed::{
    AttachmentRef, FieldRef, LinkRef, RatingRef, RequesterRef, ResolutionRef, StateHead, StateRef,
};
pub use editable::{decode_editable, encode_editable};

use crate::model::{ReplayError, State, Ticket, TicketId};
use event_record::EventRecord;
use file_record::FileRecord;
use serde::Deserialize;

/// The newest file format version this build reads and writes: 2 adds
/// custom fields. A ticket file (or `tk.toml`) that uses them is written
/// with this number, so an older tk says to upgrade rather than failing on
/// an unknown key.
pub const SCHEMA: u32 = 2;

/// The version of every file that does not use custom fields, which older
/// versions of tk read.
pub const BASE_SCHEMA: u32 = 1;

/// The largest ticket file tk reads, in bytes. A real ticket with a
/// thousand comments is a few hundred kilobytes; the limit keeps one hostile
/// file from costing a read command more than about 100 MB.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// The most events one ticket may hold.
pub const MAX_EVENTS: usize = 10_000;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 1_000;

/// The longest name of a person (`by`, assignee, requester), in characters.
pub const MAX_NAME_CHARS: usize = 500;

/// A ticket file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Not valid TOML, or not the shape of a ticket file.
    #[error("line {line}: {message}")]
    Toml {
        /// 1-based line of the error.
        line: usize,
        /// What toml said, on one line.
        message: String,
    },
    /// Written by a newer version of tk.
    #[error("schema {0} is newer than this tk understands ({SCHEMA}); upgrade tk")]
    Schema(u32),
    /// A field has a value outside its vocabulary or range.
    #[error("{0}")]
    Field(String),
    /// The file is over one of tk's documented limits.
    #[error("{0}")]
    Limit(String),
    /// The timeline cannot be replayed.
    #[error("{0}")]
    Replay(#[from] ReplayError),
}

/// A decoded ticket file.
#[derive(Debug)]
pub struct Decoded {
    /// The ticket replayed from the file's timeline.
    pub ticket: Ticket,
    /// The state as written at the top of the file. It differs from the
    /// replayed state only when someone edited the file outside tk.
    pub written: State,
}

impl Decoded {
    /// Returns whether the written state is what the timeline replays to.
    pub fn is_consistent(&self) -> bool {
        *self.ticket.state() == self.written
    }
}

#[derive(Deserialize)]
struct SchemaProbe {
    schema: u32,
}

/// Returns the canonical TOML text of a ticket.
pub fn encode(ticket: &Ticket) -> String {
    let events = ticket.events().iter().map(EventRecord::from).collect();
    let file = FileRecord::new(ticket.state(), events);
    toml::to_string(&file).expect("ticket records serialize because every field is a TOML value")
}

/// Returns the canonical TOML text of a ticket after checking that it
/// reads back as the same ticket, so that a write never commits a file
/// that tk (or any TOML 1.0 parser) refuses: a value out of range, a clock
/// that would overflow, a timeline that no longer replays.
pub fn encode_checked(ticket: &Ticket) -> Result<String, DecodeError> {
    encode_read_back(ticket).map(|(text, _)| text)
}

/// Like [`encode_checked`], also returning the ticket the text reads back
/// as: what any later read of the file yields, which a sync hands to the
/// list cache instead of decoding the file again.
pub fn encode_read_back(ticket: &Ticket) -> Result<(String, Ticket), DecodeError> {
    let text = encode(ticket);
    let decoded = decode(&text)?;
    if !decoded.is_consistent() || encode(&decoded.ticket) != text {
        return Err(DecodeError::Field(
            "the file does not read back as the ticket it was written from".to_string(),
        ));
    }
    Ok((text, decoded.ticket))
}

/// Parses a ticket file and replays its timeline.
///
/// A file in the canonical form [`encode`] writes is read by a fast
/// reader of exactly that form ([`decode_canonical`]); any other file (a
/// hand edit, another TOML writer's output, a broken file) is read by the
/// `toml` crate ([`decode_toml`]), which gives every error message. Both
/// give the same result for every file the fast reader accepts.
pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    decode_canonical(text).unwrap_or_else(|| decode_toml(text))
}

/// Decodes a file with the fast reader of the canonical form alone:
/// `None` when the file is not in the subset of TOML that reader knows
/// (see docs/file-format.md), otherwise exactly what [`decode_toml`]
/// returns for it. Public for the agreement checks of the fuzzer.
pub fn decode_canonical(text: &str) -> Option<Result<Decoded, DecodeError>> {
    if text.len() > MAX_FILE_BYTES {
        return None;
    }
    Some(from_record(fast::parse(text)?))
}

/// Decodes a file with the `toml` crate alone: the reference reader, for
/// any TOML and with every error message. Public for the agreement checks
/// of the fuzzer; tk itself calls [`decode`].
pub fn decode_toml(text: &str) -> Result<Decoded, DecodeError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(DecodeError::Limit(format!(
            "the file is {} bytes, over the limit of {MAX_FILE_BYTES}",
            text.len()
        )));
    }
    let file: FileRecord = match parse_toml(text) {
        Ok(file) => file,
        // A newer tk's file fails on its first new key; say why instead.
        // Probing only on failure keeps a cold list to one parse per file.
        Err(error) => {
            let schema = parse_toml::<SchemaProbe>(text).map_or(0, |probe| probe.schema);
            return Err(newer(schema).unwrap_or(error));
        }
    };
    from_record(file)
}

/// The error for a file written by a newer tk, if it is one.
fn newer(file_schema: u32) -> Option<DecodeError> {
    (file_schema > SCHEMA).then_some(DecodeError::Schema(file_schema))
}

/// Checks a parsed file and replays its timeline.
fn from_record(file: FileRecord) -> Result<Decoded, DecodeError> {
    if let Some(error) = newer(file.schema) {
        return Err(error);
    }
    let (written, records) = file.into_parts()?;
    if records.len() > MAX_EVENTS {
        return Err(DecodeError::Limit(format!(
            "{} events, over the limit of {MAX_EVENTS} per ticket",
            records.len()
        )));
    }
    let events = records
        .into_iter()
        .map(EventRecord::into_event)
        .collect::<Result<Vec<_>, _>>()?;
    check_lengths(&written, &events)?;
    let ticket = Ticket::replay(written.id.clone(), events)?;
    check_lengths(ticket.state(), &[])?;
    Ok(Decoded { ticket, written })
}

/// Refuses titles and names over their limits, naming the field.
fn check_lengths(state: &State, events: &[crate::model::Event]) -> Result<(), DecodeError> {
    // The field's name is only worked out for an error: this runs on every
    // event of every file a cold list reads.
    let over = |what: &dyn Fn() -> String, text: &str, limit: usize| -> Result<(), DecodeError> {
        if text.len() <= limit {
            return Ok(());
        }
        let chars = text.chars().count();
        if chars > limit {
            return Err(DecodeError::Limit(format!(
                "{} is {chars} characters, over the limit of {limit}",
                what()
            )));
        }
        Ok(())
    };
    over(&|| "title".into(), &state.title, MAX_TITLE_CHARS)?;
    if let Some(assignee) = &state.assignee {
        over(&|| "assignee".into(), assignee, MAX_NAME_CHARS)?;
    }
    if let Some(requester) = &state.requester {
        over(&|| "requester".into(), &requester.name, MAX_NAME_CHARS)?;
    }
    for event in events {
        over(
            &|| format!("event {}: by", event.id),
            &event.by,
            MAX_NAME_CHARS,
        )?;
    }
    Ok(())
}

/// Returns an event as the key/value table it has in a ticket file, so
/// that other formats (JSON) use exactly the file's names.
pub fn event_table(event: &crate::model::Event) -> toml::Table {
    toml::Table::try_from(EventRecord::from(event)).expect("event records are TOML tables")
}

/// Returns the event that a table of an event's file keys holds (the
/// inverse of [`event_table`], for a timeline read back from JSON),
/// checked like an `[[events]]` entry of a file.
pub fn event_from_table(table: toml::Table) -> Result<crate::model::Event, DecodeError> {
    let record: EventRecord = table
        .try_into()
        .map_err(|e: toml::de::Error| DecodeError::Field(e.message().trim().replace('\n', " ")))?;
    record.into_event()
}

/// Returns the path of a ticket's file inside the tickets tree.
pub fn ticket_path(id: &TicketId) -> String {
    format!("tickets/{}/{}.toml", id.shard(), id)
}

/// Returns the path of an attachment's bytes inside the tickets tree.
pub fn attachment_path(id: &TicketId, name: &str) -> String {
    format!("attachments/{id}/{name}")
}

/// Parses TOML, condensing the parser's multi-line report to one line.
fn parse_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    toml::from_str(text).map_err(|e| DecodeError::Toml {
        line: e.span().map_or(1, |span| {
            text[..span.start.min(text.len())].lines().count().max(1)
        }),
        message: e.message().trim().replace('\n', " "),
    })
}

fn field_error(field: impl std::fmt::Display, error: impl std::fmt::Display) -> DecodeError {
    DecodeError::Field(format!("{field}: {error}"))
}

#[cfg(test)]
mod tests;
