//! `tk import`: tickets brought in from tk's own JSON export, from a CSV
//! file with named columns, or from GitHub's `gh issue list --json`.
//!
//! Each record's id derives from its source id (the export's ticket id, the
//! CSV `id` column or a hash of the row, the GitHub repository and issue
//! number), and so do its events' ids, authors and times: the same file
//! imported twice, or on two clones, is the same tickets. A record whose
//! ticket exists already is left alone. Every record is checked first
//! through [`write::prepare`] (the team's policy, the lifecycle, the file
//! limits); one bad record fails the import, naming every bad one, and
//! nothing is committed. The good ones are committed in one commit through
//! the one write path.
//!
//! Reading the file and printing belong to the CLI; this module must not
//! import `cli`.

mod csv;
mod github;
mod json;

use super::write::{self, TicketChange, WriteOptions};
use super::Session;
use crate::model::{Ticket, TicketId, Timestamp};
use std::collections::HashMap;
use std::fmt;

/// The largest input `tk import` reads, in bytes: ten thousand tickets of a
/// few kilobytes each, while a hostile file cannot cost much more than
/// about 100 MB to parse.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// The most tickets (rows, array items) one import takes.
pub const MAX_TICKETS: usize = 10_000;

/// What the input is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// tk's own export (`tk export --format json`).
    Json,
    /// CSV with a header line naming the columns.
    Csv,
    /// `gh issue list --json number,title,body,state,author,createdAt,closedAt,labels,comments`.
    Github,
}

/// What to import and how.
pub struct ImportOptions<'a> {
    /// The input's format.
    pub format: Format,
    /// The input's bytes.
    pub input: &'a [u8],
    /// The GitHub repository the issues come from (`owner/name`), when the
    /// input does not say (gh's JSON has no repository unless `url` is
    /// among its fields).
    pub source: Option<&'a str>,
    /// Check everything and report what would be imported, but commit
    /// nothing.
    pub dry_run: bool,
}

/// Where a record is in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A CSV record, by the line it starts on (the header is line 1).
    Line(u64),
    /// A JSON array item, by its index (from 0).
    Index(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Index(index) => write!(f, "item {index}"),
        }
    }
}

/// A record that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// Where it is.
    pub place: Place,
    /// Why, as one lowercase line.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Why an import did not happen; nothing was committed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input as a whole cannot be read (too large, not the format, an
    /// unknown CSV column, a newer export).
    #[error("{0}")]
    Input(String),
    /// Some records cannot be imported: all of them, in input order.
    #[error("{} cannot be imported: {}", records(.0.len()), .0.first().map_or_else(String::new, ToString::to_string))]
    Records(Vec<RowError>),
    /// Reading or writing the tickets failed.
    #[error(transparent)]
    Op(#[from] super::Error),
}

fn records(n: usize) -> String {
    if n == 1 {
        "1 record".to_string()
    } else {
        format!("{n} records")
    }
}

impl From<crate::store::Error> for Error {
    fn from(e: crate::store::Error) -> Self {
        Error::Op(e.into())
    }
}

/// One ticket an import created (or, with a dry run, would create).
#[derive(Debug)]
pub struct ImportedTicket {
    /// Where its record is in the input.
    pub place: Place,
    /// The source id its id derives from (`github:owner/name#12`).
    pub source: String,
    /// The ticket, as committed or as it would be.
    pub ticket: Ticket,
}

/// A record whose ticket is on the ref already, left alone.
#[derive(Debug)]
pub struct Present {
    /// Where its record is in the input.
    pub place: Place,
    /// The ticket's id.
    pub id: TicketId,
}

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// The tickets created, in input order.
    pub created: Vec<ImportedTicket>,
    /// The records whose tickets exist already.
    pub present: Vec<Present>,
    /// The commit, when one was made (none for a dry run or when every
    /// ticket was present).
    pub commit: Option<String>,
    /// Things the import kept but could not carry whole (attachments whose
    /// bytes an export does not hold), one line each.
    pub warnings: Vec<String>,
}

/// One record read from the input, before it is checked.
struct Record<'a> {
    place: Place,
    source: String,
    id: TicketId,
    change: TicketChange<'a>,
    warnings: Vec<String>,
}

/// Imports the input: checks every record, then commits the new tickets in
/// one commit (or nothing, with `dry_run`).
pub fn import(session: &Session, options: ImportOptions<'_>) -> Result<Imported, Error> {
    if options.input.len() > MAX_INPUT_BYTES {
        return Err(Error::Input(format!(
            "the input is {} bytes, over the limit of {MAX_INPUT_BYTES}",
            options.input.len()
        )));
    }
    let parsed = match options.format {
        Format::Json => json::records(options.input)?,
        Format::Csv => csv::records(session, options.input)?,
        Format::Github => github::records(options.input, options.source)?,
    };
    if parsed.len() > MAX_TICKETS {
        return Err(Error::Input(format!(
            "the input has {} records, over the limit of {MAX_TICKETS} per import",
            parsed.len()
        )));
    }
    let mut errors = Vec::new();
    let mut seen: HashMap<TicketId, Place> = HashMap::new();
    let mut created = Vec::new();
    let mut present = Vec::new();
    let mut warnings = Vec::new();
    for record in parsed {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(first) = seen.get(&record.id) {
            errors.push(RowError {
                place: record.place,
                message: format!("the same source as {first} ({})", record.source),
            });
            continue;
        }
        seen.insert(record.id.clone(), record.place);
        if exists(session, &record.id)? {
            present.push(Present {
                place: record.place,
                id: record.id,
            });
            continue;
        }
        match write::prepare(session, record.change) {
            Ok(ticket) => {
                warnings.extend(record.warnings);
                created.push(ImportedTicket {
                    place: record.place,
                    source: record.source,
                    ticket,
                });
            }
            Err(e) => match row_message(e) {
                Ok(message) => errors.push(RowError {
                    place: record.place,
                    message,
                }),
                Err(e) => return Err(e.into()),
            },
        }
    }
    if !errors.is_empty() {
        return Err(Error::Records(errors));
    }
    let mut imported = Imported {
        created,
        present,
        commit: None,
        warnings,
    };
    if options.dry_run || imported.created.is_empty() {
        return Ok(imported);
    }
    let changes = imported
        .created
        .iter()
        .map(|t| TicketChange::restore(t.ticket.clone()))
        .collect();
    let written = write::write(
        session,
        WriteOptions {
            label: "import",
            files: Vec::new(),
            changes,
        },
    )?;
    imported.commit = written.first().and_then(|w| w.commit.clone());
    for (slot, written) in imported.created.iter_mut().zip(written) {
        slot.ticket = written.ticket;
    }
    Ok(imported)
}

/// Returns the message of an error that is about a record's content, or
/// the error itself when it is about the desk (a broken `tk.toml`, git).
fn row_message(e: super::Error) -> Result<String, super::Error> {
    use super::Error as E;
    match e {
        E::Invalid(m) | E::NotAllowed(m) | E::NotFound(m) => Ok(m),
        E::Field(e) => Ok(e.to_string()),
        E::Id(e) => Ok(e.to_string()),
        E::Team(e) => Ok(e.to_string()),
        e => Err(e),
    }
}

/// Returns whether the ticket `id` is on the ref.
fn exists(session: &Session, id: &TicketId) -> Result<bool, Error> {
    match session.store()?.find(id.as_str()) {
        Ok(loaded) => Ok(loaded.ticket.id() == id),
        Err(crate::store::Error::NotFound(_) | crate::store::Error::Ambiguous { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Returns the id a source id gives: the same source, the same ticket, on
/// every clone.
fn derived_id(source: &str) -> TicketId {
    TicketId::derived_from(format!("import:{source}").as_bytes())
}

/// Returns the origin of a record's events: their author, time, and an id
/// seed from the ticket id and that time, so the same record gives the
/// same events everywhere.
fn origin(id: &TicketId, by: String, at: Timestamp) -> write::Origin {
    write::Origin {
        by,
        at,
        seed: format!("import:{id}:{}", at.unix()),
    }
}

/// Parses a time as RFC 3339, or as a date (`2026-11-23`, midnight UTC) or
/// a date and time without a zone (`2026-11-23 09:30:00`, UTC), the forms
/// spreadsheets write.
fn parse_time(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(t) = Timestamp::parse_rfc3339(text) {
        return Ok(t);
    }
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map(|d| {
                d.and_hms_opt(0, 0, 0)
                    .expect("midnight exists on every date")
            })
        })
        .map_err(|_| {
            format!("`{text}` is not a time (RFC 3339, YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
        })?;
    Timestamp::checked(naive.and_utc().timestamp())
        .map_err(|_| format!("`{text}` is outside 1970 to 9999"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_take_rfc3339_dates_and_zoneless_times() {
        let at = |s: &str| parse_time(s).map(Timestamp::unix);
        assert_eq!(at("2026-11-23T09:30:00Z"), Ok(1_795_426_200));
        assert_eq!(at("2026-11-23 09:30:00"), Ok(1_795_426_200));
        assert_eq!(at("2026-11-23 09:30"), Ok(1_795_426_200));
        assert_eq!(at("2026-11-23"), Ok(1_795_392_000));
        assert!(at("23/11/2026").is_err());
        assert!(at("1969-12-31").is_err());
    }

    #[test]
    fn places_name_lines_and_items() {
        assert_eq!(Place::Line(3).to_string(), "line 3");
        assert_eq!(Place::Index(0).to_string(), "item 0");
    }

    #[test]
    fn derived_ids_depend_on_the_source_only() {
        assert_eq!(derived_id("csv:INC-1"), derived_id("csv:INC-1"));
        assert_ne!(derived_id("csv:INC-1"), derived_id("csv:INC-2"));
    }
}
