//! Reading CSV rows: the header line names the columns (any order), each
//! row is one ticket, its values checked like those of `tk new`, and a
//! status other than `new` recorded as the lifecycle events that lead to
//! it.

use super::{derived_id, origin, parse_time, Error, Place, Record, RowError};
use crate::model::{Action, Changes, Level, Priority, Status, TicketId, TicketType};
use crate::ops::write::{Stamp, TicketChange};
use crate::ops::Session;

/// Who the events of a row without a requester are by.
pub const IMPORTER: &str = "tk import <import@tk.invalid>";

/// The columns a CSV import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Title,
    Description,
    Type,
    Priority,
    Impact,
    Urgency,
    Category,
    Tags,
    Requester,
    Assignee,
    Status,
    Created,
    Resolution,
    Group,
}

/// The column names, as a header spells them (`source_id` is `id`).
const COLUMNS: [(&str, Column); 16] = [
    ("id", Column::Id),
    ("source_id", Column::Id),
    ("title", Column::Title),
    ("description", Column::Description),
    ("type", Column::Type),
    ("priority", Column::Priority),
    ("impact", Column::Impact),
    ("urgency", Column::Urgency),
    ("category", Column::Category),
    ("tags", Column::Tags),
    ("requester", Column::Requester),
    ("assignee", Column::Assignee),
    ("status", Column::Status),
    ("created", Column::Created),
    ("resolution", Column::Resolution),
    ("group", Column::Group),
];

/// Returns the records of a CSV file.
pub(super) fn records<'a>(
    session: &Session,
    input: &[u8],
) -> Result<Vec<Result<Record<'a>, RowError>>, Error> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut rows = reader.byte_records();
    let header = match rows.next() {
        Some(header) => header.map_err(|e| Error::Input(format!("line 1: {e}")))?,
        None => {
            return Err(Error::Input(
                "the input is empty: no header line".to_string(),
            ))
        }
    };
    let columns = header_columns(&header)?;
    let mut records = Vec::new();
    for row in rows {
        let row = row.map_err(|e| Error::Input(e.to_string()))?;
        let line = row.position().map_or(0, ::csv::Position::line);
        let place = Place::Line(line);
        records.push(
            record(session, &columns, &row, place).map_err(|message| RowError { place, message }),
        );
    }
    Ok(records)
}

/// Returns the columns the header names, refusing unknown and repeated
/// ones (a misspelt column would otherwise lose its data without a word).
fn header_columns(header: &::csv::ByteRecord) -> Result<Vec<Column>, Error> {
    let mut columns: Vec<Column> = Vec::new();
    for (n, field) in header.iter().enumerate() {
        let name = std::str::from_utf8(field)
            .map_err(|_| Error::Input(format!("line 1: column {} is not UTF-8", n + 1)))?;
        let name = name
            .trim_start_matches('\u{feff}')
            .trim()
            .to_lowercase()
            .replace('-', "_");
        let Some((_, column)) = COLUMNS.iter().find(|(known, _)| *known == name) else {
            let known: Vec<&str> = COLUMNS.iter().map(|(k, _)| *k).collect();
            return Err(Error::Input(format!(
                "line 1: unknown column `{name}`; the columns are {}",
                known.join(", ")
            )));
        };
        if columns.contains(column) {
            return Err(Error::Input(format!("line 1: column `{name}` is repeated")));
        }
        columns.push(*column);
    }
    if !columns.contains(&Column::Title) {
        return Err(Error::Input(
            "line 1: there is no `title` column".to_string(),
        ));
    }
    Ok(columns)
}

/// Returns one row as a ticket to create.
fn record<'a>(
    session: &Session,
    columns: &[Column],
    row: &::csv::ByteRecord,
    place: Place,
) -> Result<Record<'a>, String> {
    if row.len() != columns.len() {
        let fields = if row.len() == 1 { "field" } else { "fields" };
        return Err(format!(
            "{} {fields}, but the header names {} columns",
            row.len(),
            columns.len()
        ));
    }
    let mut values: Vec<(Column, &str)> = Vec::with_capacity(columns.len());
    for (column, field) in columns.iter().zip(row.iter()) {
        let text = std::str::from_utf8(field)
            .map_err(|e| format!("{}: not UTF-8 at byte {}", name(*column), e.valid_up_to()))?;
        values.push((*column, text));
    }
    let get = |column: Column| {
        values
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let keyword = |column: Column| get(column).map(str::to_lowercase);
    let title = get(Column::Title).ok_or("the title is empty")?;
    let ticket_type = keyword(Column::Type)
        .map(|t| t.parse::<TicketType>())
        .transpose()
        .map_err(|e| e.to_string())?;
    let level = |column: Column| {
        keyword(column)
            .map(|t| t.parse::<Level>())
            .transpose()
            .map_err(|e| format!("{}: {e}", name(column)))
    };
    let priority = keyword(Column::Priority)
        .map(|t| t.parse::<Priority>())
        .transpose()
        .map_err(|e| e.to_string())?;
    let person = |column: Column| {
        get(column)
            .map(|p| session.person(p).map_err(|e| e.to_string()))
            .transpose()
    };
    let requester = person(Column::Requester)?;
    let assignee = person(Column::Assignee)?;
    let status = keyword(Column::Status)
        .map(|s| s.parse::<Status>())
        .transpose()
        .map_err(|e| e.to_string())?;
    let at = match get(Column::Created) {
        Some(created) => parse_time(created).map_err(|e| format!("created: {e}"))?,
        None => session.now(),
    };
    let resolution = get(Column::Resolution);
    let tags: Vec<String> = get(Column::Tags)
        .map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let changes = Changes {
        title: Some(title.to_string()),
        ticket_type,
        impact: level(Column::Impact)?,
        urgency: level(Column::Urgency)?,
        priority,
        category: get(Column::Category).map(str::to_string),
        group: get(Column::Group).map(str::to_string),
        tags: (!tags.is_empty()).then_some(tags),
        description: values
            .iter()
            .find(|(c, _)| *c == Column::Description)
            .map(|(_, d)| d.to_string())
            .filter(|d| !d.trim().is_empty()),
        requester: requester.clone(),
        assignee: assignee.clone(),
        ..Changes::default()
    };
    let by = requester.clone().unwrap_or_else(|| IMPORTER.to_string());
    // Lifecycle events are the assignee's work when there is one; never
    // the requester's, who did not resolve their own ticket.
    let stamp = Stamp {
        by: assignee.clone().unwrap_or_else(|| IMPORTER.to_string()),
        at,
    };
    let then = lifecycle(
        status.unwrap_or(Status::New),
        assignee.is_some(),
        resolution,
    )?
    .into_iter()
    .map(|action| (action, Some(stamp.clone())))
    .collect();
    let (id, source) = match get(Column::Id) {
        Some(given) => match TicketId::parse(given) {
            Ok(id) => (id, given.to_string()),
            Err(_) => (derived_id(&format!("csv:{given}")), format!("csv:{given}")),
        },
        None => {
            let mut key: Vec<String> = values
                .iter()
                .map(|(c, v)| format!("{}={v}", name(*c)))
                .collect();
            key.sort();
            let id = derived_id(&format!("csv-row:{}", key.join("\u{1f}")));
            (id.clone(), format!("csv-row:{id}"))
        }
    };
    let origin = origin(&id, by, at);
    Ok(Record {
        place,
        source,
        id: id.clone(),
        change: TicketChange::create_foreign_stamped(id, changes, then, origin),
        warnings: Vec::new(),
    })
}

/// Returns the actions that take a new ticket to `status`.
fn lifecycle(
    status: Status,
    assigned: bool,
    resolution: Option<&str>,
) -> Result<Vec<Action>, String> {
    let resolve = || match resolution {
        Some(summary) => Ok(Action::Resolve {
            summary: summary.to_string(),
        }),
        None => Err(format!(
            "status {} needs a resolution: add a `resolution` column",
            status.as_str()
        )),
    };
    if resolution.is_some() && !matches!(status, Status::Resolved | Status::Closed) {
        return Err(format!(
            "a resolution needs status resolved or closed, not {}",
            status.as_str()
        ));
    }
    Ok(match status {
        Status::New if assigned => {
            return Err(
                "status new with an assignee: a ticket with an assignee is assigned".to_string(),
            )
        }
        Status::New => Vec::new(),
        Status::Assigned if !assigned => {
            return Err("status assigned needs an assignee".to_string())
        }
        Status::Assigned => Vec::new(),
        // Starting assigns the one who starts: that must be someone.
        Status::InProgress if !assigned => {
            return Err("status in-progress needs an assignee".to_string())
        }
        Status::InProgress => vec![Action::Start],
        Status::Waiting => vec![Action::Wait { reason: None }],
        Status::Resolved => vec![resolve()?],
        Status::Closed => vec![
            resolve()?,
            Action::Close {
                reason: None,
                note: None,
            },
        ],
    })
}

/// Returns a column's name, as messages say it.
fn name(column: Column) -> &'static str {
    COLUMNS
        .iter()
        .find(|(_, c)| *c == column)
        .map_or("?", |(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_become_the_events_that_lead_to_them() {
        assert_eq!(lifecycle(Status::New, false, None), Ok(vec![]));
        assert_eq!(
            lifecycle(Status::InProgress, true, None),
            Ok(vec![Action::Start])
        );
        assert_eq!(
            lifecycle(Status::Closed, false, Some("Replaced the toner")),
            Ok(vec![
                Action::Resolve {
                    summary: "Replaced the toner".to_string()
                },
                Action::Close {
                    reason: None,
                    note: None
                }
            ])
        );
        assert!(lifecycle(Status::Resolved, false, None)
            .is_err_and(|e| e.contains("needs a resolution")));
        assert!(lifecycle(Status::Assigned, false, None).is_err());
        assert!(lifecycle(Status::New, true, None).is_err());
        assert!(lifecycle(Status::Waiting, false, Some("done")).is_err());
    }

    #[test]
    fn every_column_has_a_name() {
        for (known, column) in COLUMNS {
            if known != "source_id" {
                assert_eq!(name(column), known);
            }
        }
    }
}
