//! The ticket rows of `tk list`: the table (fitted to a narrow terminal by
//! dropping columns, never the title), and the tsv, csv and ids lines.

use super::duration::{age, duration, Precision};
use crate::cli::ui::{one_line, Doc, Ui};
use crate::codec::StateRef;
use crate::model::{Priority, Status, Timestamp};
use crate::sla::Sla;
use crate::store::Listed;
use comfy_table::{presets, Cell, Color, ColumnConstraint, ContentArrangement, Row, Table, Width};
use unicode_width::UnicodeWidthStr;

/// A column of `tk list`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// The short id (the full id in tsv and csv)
    Id,
    /// The priority
    Pri,
    /// The status
    Status,
    /// The ticket type
    Type,
    /// Time since it was created
    Age,
    /// Time left (or late) on the next SLA target
    Due,
    /// Who it is assigned to
    Assignee,
    /// The title
    Title,
    /// Who asked
    Requester,
    /// The category
    Category,
    /// The assignment group
    Group,
    /// The tags, comma-separated
    Tags,
    /// When it was created (RFC 3339)
    Created,
    /// When it last changed (RFC 3339)
    Updated,
    /// A custom field's value (`field.NAME`), `-` when unset
    Field(String),
}

/// The built-in columns: the word `--columns` takes, its help, and its
/// aliases.
const BUILT_IN: [(Column, &str, &str, &[&str]); 14] = [
    (
        Column::Id,
        "id",
        "The short id (the full id in tsv and csv)",
        &[],
    ),
    (Column::Pri, "pri", "The priority", &["priority"]),
    (Column::Status, "status", "The status", &[]),
    (Column::Type, "type", "The ticket type", &[]),
    (Column::Age, "age", "Time since it was created", &[]),
    (
        Column::Due,
        "due",
        "Time left (or late) on the next SLA target",
        &[],
    ),
    (Column::Assignee, "assignee", "Who it is assigned to", &[]),
    (Column::Title, "title", "The title", &[]),
    (Column::Requester, "requester", "Who asked", &[]),
    (Column::Category, "category", "The category", &[]),
    (Column::Group, "group", "The assignment group", &[]),
    (Column::Tags, "tags", "The tags, comma-separated", &[]),
    (
        Column::Created,
        "created",
        "When it was created (RFC 3339)",
        &[],
    ),
    (
        Column::Updated,
        "updated",
        "When it last changed (RFC 3339)",
        &[],
    ),
];

/// Parses `--columns` words: a built-in column, or `field.NAME` for a
/// custom field (whether the team defines NAME is checked when listing).
#[derive(Clone, Copy, Debug)]
pub struct ColumnParser;

impl clap::builder::TypedValueParser for ColumnParser {
    type Value = Column;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Column, clap::Error> {
        let invalid = |why: String| {
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{why}\n")).with_cmd(cmd)
        };
        let text = value
            .to_str()
            .ok_or_else(|| invalid("a column is not valid UTF-8".to_string()))?;
        if let Some(name) = text.strip_prefix("field.") {
            crate::model::check_field_name(name).map_err(|e| invalid(format!("--columns: {e}")))?;
            return Ok(Column::Field(name.to_string()));
        }
        BUILT_IN
            .iter()
            .find(|(_, word, _, aliases)| *word == text || aliases.contains(&text))
            .map(|(column, ..)| column.clone())
            .ok_or_else(|| {
                let words: Vec<&str> = BUILT_IN.iter().map(|(_, w, ..)| *w).collect();
                invalid(format!(
                    "invalid value '{text}' for '--columns': use one of {} or field.NAME",
                    words.join(", ")
                ))
            })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        use clap::builder::PossibleValue;
        let built_in = BUILT_IN.iter().map(|(_, word, help, aliases)| {
            PossibleValue::new(*word)
                .help(*help)
                .aliases(aliases.iter().copied())
        });
        let field = PossibleValue::new("field.NAME").help("A custom field's value (tk field list)");
        Some(Box::new(built_in.chain(std::iter::once(field))))
    }
}

impl Column {
    /// The columns shown when --columns is not given.
    pub const DEFAULT: [Column; 8] = [
        Column::Id,
        Column::Pri,
        Column::Status,
        Column::Type,
        Column::Age,
        Column::Due,
        Column::Assignee,
        Column::Title,
    ];

    /// The order columns drop in when a terminal is too narrow: first
    /// dropped first. The id and the title never drop.
    pub const DROP_ORDER: [Column; 12] = [
        Column::Updated,
        Column::Created,
        Column::Tags,
        Column::Category,
        Column::Group,
        Column::Requester,
        Column::Age,
        Column::Type,
        Column::Assignee,
        Column::Due,
        Column::Status,
        Column::Pri,
    ];

    /// Returns the header of this column in the table; tsv and csv use
    /// it in lower case (`field.NAME` for a custom field).
    fn header(&self) -> std::borrow::Cow<'static, str> {
        let word = match self {
            Column::Field(name) => return format!("FIELD.{}", name.to_uppercase()).into(),
            Column::Id => "ID",
            Column::Pri => "PRI",
            Column::Status => "STATUS",
            Column::Type => "TYPE",
            Column::Age => "AGE",
            Column::Due => "DUE",
            Column::Assignee => "ASSIGNEE",
            Column::Title => "TITLE",
            Column::Requester => "REQUESTER",
            Column::Category => "CATEGORY",
            Column::Group => "GROUP",
            Column::Tags => "TAGS",
            Column::Created => "CREATED",
            Column::Updated => "UPDATED",
        };
        word.into()
    }

    /// Returns this column's text for one ticket; `full_id` in lines for
    /// scripts, the short id in the table.
    fn text(
        &self,
        s: &StateRef<'_>,
        short_len: usize,
        sla: &Sla,
        now: Timestamp,
        full_id: bool,
    ) -> String {
        match self {
            Column::Id if full_id => s.id.to_string(),
            Column::Id => s.id_prefix(short_len).to_string(),
            Column::Pri => s.priority.as_str().to_string(),
            Column::Status => s.status.as_str().to_string(),
            Column::Type => s.ticket_type.to_string(),
            Column::Age => age(s.created, now),
            Column::Due => due_text(sla, now),
            Column::Assignee => one_line(s.assignee.unwrap_or("-")),
            Column::Title => one_line(s.title),
            Column::Requester => s
                .requester
                .as_ref()
                .map_or_else(|| "-".to_string(), |r| one_line(&r.display())),
            Column::Category => one_line(s.category.unwrap_or("-")),
            Column::Group => one_line(s.group.unwrap_or("-")),
            Column::Tags => one_line(&s.tags.join(",")),
            Column::Created => s.created.to_string(),
            Column::Updated => s.updated.to_string(),
            Column::Field(name) => one_line(s.field(name).map_or("-", |v| v.text())),
        }
    }

    fn color(&self, listed: &Listed, sla: &Sla) -> Option<Color> {
        match self {
            Column::Pri => priority_color(listed.state.priority),
            Column::Status => status_color(listed.state.status),
            Column::Due => sla.overdue().then_some(Color::Red),
            _ => None,
        }
    }
}

/// The line formats of `tk list --format` (besides the table and JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns, fitted to the terminal
    Table,
    /// Tab-separated values with a header line
    Tsv,
    /// Comma-separated values (RFC 4180) with a header line
    Csv,
    /// One full id a line, for pipes
    Ids,
    /// One JSON array, as --json
    Json,
}

fn priority_color(priority: Priority) -> Option<Color> {
    match priority {
        Priority::Critical => Some(Color::Red),
        Priority::High => Some(Color::Yellow),
        Priority::Medium | Priority::Low | Priority::Planning => None,
    }
}

fn status_color(status: Status) -> Option<Color> {
    match status {
        Status::New => Some(Color::Cyan),
        Status::InProgress => Some(Color::Green),
        Status::Waiting => Some(Color::Magenta),
        Status::Assigned | Status::Resolved | Status::Closed => None,
    }
}

/// Returns which of `columns` fit in `width` terminal cells, given each
/// column's widest cell: columns drop in [`Column::DROP_ORDER`] until the
/// rest fits; the id and the title always stay (the title is cut last,
/// by the table, only when the id and the title alone do not fit).
pub fn fit_columns(columns: &[Column], widths: &[usize], width: usize) -> Vec<Column> {
    // Each column takes its text plus a space of padding on each side.
    let total = |kept: &[bool]| -> usize {
        widths
            .iter()
            .zip(kept)
            .filter(|(_, k)| **k)
            .map(|(w, _)| w + 2)
            .sum()
    };
    let mut kept = vec![true; columns.len()];
    // Custom fields drop first, then the built-in columns in their order.
    let order = std::iter::once(None).chain(Column::DROP_ORDER.into_iter().map(Some));
    for drop in order {
        if total(&kept) <= width {
            break;
        }
        for (column, keep) in columns.iter().zip(kept.iter_mut()) {
            let dropped = match &drop {
                None => matches!(column, Column::Field(_)),
                Some(drop) => column == drop,
            };
            if dropped {
                *keep = false;
            }
        }
    }
    columns
        .iter()
        .zip(&kept)
        .filter(|(_, k)| **k)
        .map(|(c, _)| c.clone())
        .collect()
}

/// Returns the ticket table for `tk list`: one line per ticket. On a
/// terminal too narrow for every column, columns drop in
/// [`Column::DROP_ORDER`]; off a terminal every column shows and no line
/// ends in whitespace.
pub fn ticket_table(ui: &Ui, tickets: &[(Listed, Sla)], columns: &[Column], now: Timestamp) -> Doc {
    let texts: Vec<Vec<String>> = tickets
        .iter()
        .map(|(listed, sla)| {
            let state = StateRef::of(&listed.state);
            columns
                .iter()
                .map(|c| c.text(&state, listed.short_len, sla, now, false))
                .collect()
        })
        .collect();
    let mut doc = ui.doc();
    if !ui.stdout_is_terminal() && !ui.color() {
        let header: Vec<_> = columns.iter().map(|c| c.header()).collect();
        let header: Vec<&str> = header.iter().map(|h| h.as_ref()).collect();
        doc.text(plain_table(&header, &texts));
        return doc;
    }
    let mut table = new_table(ui);
    let shown = match table.width() {
        Some(width) if ui.stdout_is_terminal() => {
            let mut widths: Vec<usize> = columns.iter().map(|c| c.header().width()).collect();
            for row in &texts {
                for (w, text) in widths.iter_mut().zip(row) {
                    *w = (*w).max(text.width());
                }
            }
            fit_columns(columns, &widths, usize::from(width))
        }
        _ => columns.to_vec(),
    };
    let mut header = Row::from(shown.iter().map(|c| {
        let cell = Cell::new(c.header().as_ref());
        if ui.color() {
            cell.add_attribute(comfy_table::Attribute::Bold)
        } else {
            cell
        }
    }));
    header.max_height(1);
    table.set_header(header);
    for ((listed, sla), row_texts) in tickets.iter().zip(&texts) {
        let cells = shown.iter().map(|column| {
            let index = columns
                .iter()
                .position(|c| c == column)
                .expect("a shown column is one of the columns");
            let text = &row_texts[index];
            match (ui.color(), column.color(listed, sla)) {
                (true, Some(color)) => Cell::new(text).fg(color),
                _ => Cell::new(text),
            }
        });
        let mut row = Row::from(cells);
        row.max_height(1);
        table.add_row(row);
    }
    // Whatever still does not fit is the title's to give: every other
    // column keeps its content width.
    for (index, column) in shown.iter().enumerate() {
        if *column != Column::Title {
            if let Some(c) = table.column_mut(index) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            }
        } else if let Some(c) = table.column_mut(index) {
            c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(10)));
        }
    }
    doc.table(&table);
    doc
}

/// Returns the rows as tsv, csv or ids lines (no header for ids).
pub fn ticket_lines(
    ui: &Ui,
    tickets: &[(Listed, Sla)],
    columns: &[Column],
    format: ListFormat,
    now: Timestamp,
) -> Doc {
    let mut out = String::new();
    let rows = tickets.iter().map(|(listed, sla)| {
        let state = StateRef::of(&listed.state);
        columns
            .iter()
            .map(|c| c.text(&state, listed.short_len, sla, now, true))
            .collect::<Vec<_>>()
    });
    let header: Vec<String> = columns.iter().map(|c| c.header().to_lowercase()).collect();
    match format {
        ListFormat::Ids => {
            for (listed, _) in tickets {
                out.push_str(listed.state.id.as_str());
                out.push('\n');
            }
        }
        ListFormat::Tsv => {
            for row in std::iter::once(header).chain(rows) {
                // A tab or newline inside a value would split it: tk's
                // texts are one line already, tabs become spaces.
                let cells: Vec<String> = row.iter().map(|v| v.replace('\t', " ")).collect();
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
        }
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in std::iter::once(header).chain(rows) {
                writer
                    .write_record(&row)
                    .expect("writing csv into memory cannot fail");
            }
            let bytes = writer
                .into_inner()
                .expect("flushing csv into memory cannot fail");
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        ListFormat::Table | ListFormat::Json => {}
    }
    let mut doc = ui.doc();
    doc.text(out);
    doc
}

/// Returns an empty borderless table that fits the terminal's width when
/// stdout is one, and is styled only when colour is on.
pub(super) fn new_table(ui: &Ui) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_truncation_indicator("…");
    if ui.color() {
        table.enforce_styling();
    }
    table
}

/// Lays out a table as comfy-table's `NOTHING` preset does when there is
/// no width to fit (stdout is not a terminal): every cell padded by a
/// space on each side, every column as wide as its widest cell, except
/// that no line ends in whitespace. Listing thousands of tickets into a
/// pipe is several times faster this way; the test below holds the two
/// layouts equal but for the trailing spaces.
fn plain_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(text.width());
        }
    }
    let mut out = String::new();
    plain_line(&mut out, header.iter().map(|h| (*h, h.width())), &widths);
    for row in rows {
        plain_line(
            &mut out,
            row.iter().map(|c| (c.as_str(), c.width())),
            &widths,
        );
    }
    out
}

/// Appends one line of the plain table layout to `out`, from each cell's
/// text and its width in terminal columns.
fn plain_line<'a>(
    out: &mut String,
    cells: impl Iterator<Item = (&'a str, usize)>,
    widths: &[usize],
) {
    let start = out.len();
    for ((text, text_width), width) in cells.zip(widths) {
        out.push(' ');
        out.push_str(text);
        push_spaces(out, width - text_width + 1);
    }
    let end = out[start..].trim_end().len() + start;
    out.truncate(end);
    out.push('\n');
}

/// Appends `n` spaces: a slice at a time, not a character at a time.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let step = n.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        n -= step;
    }
}

/// The texts of one ticket's columns, rendered once into one string: what
/// a big `tk list` into a pipe keeps of each row until it prints, in
/// place of the ticket's whole state.
#[derive(Debug)]
pub struct Cells {
    /// The cells' texts, one after another.
    text: Box<str>,
    /// Where each cell ends in `text`, and its width in terminal columns:
    /// measured once, on the thread that renders the row, rather than
    /// found and measured again each time the table is laid out.
    spans: Box<[Span]>,
}

/// The end and the width of one cell in [`Cells`].
#[derive(Clone, Copy, Debug)]
struct Span {
    end: u32,
    width: u32,
}

impl Cells {
    /// Renders `columns` of one ticket (the full id when `full_id`, for
    /// tsv, csv and ids lines; the short id for the table).
    pub fn new(
        s: &StateRef<'_>,
        short_len: usize,
        sla: &Sla,
        columns: &[Column],
        now: Timestamp,
        full_id: bool,
    ) -> Cells {
        let mut text = String::with_capacity(128);
        let mut spans = Vec::with_capacity(columns.len());
        for column in columns {
            let start = text.len();
            // The cells that are words of tk's own go in as they are;
            // the others are rendered (and sanitized) first.
            match column {
                Column::Id if full_id => text.push_str(s.id),
                Column::Id => text.push_str(s.id_prefix(short_len)),
                Column::Pri => text.push_str(s.priority.as_str()),
                Column::Status => text.push_str(s.status.as_str()),
                Column::Type => text.push_str(s.ticket_type),
                _ => text.push_str(&column.text(s, short_len, sla, now, full_id)),
            }
            let width = cell_width(&text[start..]);
            // A cell is a ticket's text of bounded size, far below 4 GiB.
            let span = |n: usize| u32::try_from(n).expect("a list cell is under 4 GiB");
            spans.push(Span {
                end: span(text.len()),
                width: span(width),
            });
        }
        Cells {
            text: text.into_boxed_str(),
            spans: spans.into_boxed_slice(),
        }
    }

    /// Returns the cells' texts with their widths, in column order.
    fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        let mut start = 0;
        self.spans.iter().map(move |span| {
            let end = span.end as usize;
            let text = &self.text[start..end];
            start = end;
            (text, span.width as usize)
        })
    }

    /// Returns the cells' texts, in column order.
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(text, _)| text)
    }
}

/// Returns the width of a cell in terminal columns.
fn cell_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Rows of the plain table laid out together: about 28 KiB of lines (a
/// line of the default columns is about 110 bytes).
const LINE_BATCH: usize = 256;

/// Output is written in pieces of about this size: one write each, with
/// no copy of the whole output in memory.
const CHUNK: usize = 64 << 10;

/// Writes rendered rows to stdout as the plain table (stdout not a
/// terminal and no colour), tsv, csv or ids lines, in pieces. The bytes
/// are those of [`ticket_table`] and [`ticket_lines`] for the same rows.
/// `measured` holds the same rows as `rows` in any order: the table's
/// columns are sized from it, and the order the rows are stored in reads
/// memory in sequence, where the sorted `rows` jump about.
pub fn write_lines<'a>(
    ui: &Ui,
    rows: &[&Cells],
    measured: impl Iterator<Item = &'a Cells>,
    columns: &[Column],
    format: ListFormat,
) -> std::io::Result<()> {
    let mut out = String::new();
    let flush = |out: &mut String, last: bool| -> std::io::Result<()> {
        if out.len() >= CHUNK || (last && !out.is_empty()) {
            let mut doc = ui.doc();
            doc.text(&*out);
            out.clear();
            ui.out(&doc)?;
        }
        Ok(())
    };
    match format {
        ListFormat::Table => {
            let mut widths: Vec<usize> = columns.iter().map(|c| c.header().width()).collect();
            for row in measured {
                for (width, span) in widths.iter_mut().zip(row.spans.iter()) {
                    *width = (*width).max(span.width as usize);
                }
            }
            let header: Vec<_> = columns.iter().map(|c| c.header()).collect();
            plain_line(
                &mut out,
                header.iter().map(|h| (h.as_ref(), h.width())),
                &widths,
            );
            let batches = rows.len().div_ceil(LINE_BATCH);
            if batches >= 2 {
                // Laid out on every core, a batch of lines at a time, and
                // written in order: after the scan, the layout was most
                // of what the main thread did alone.
                flush(&mut out, true)?;
                let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
                let render = |index: usize| {
                    let batch = &rows[index * LINE_BATCH..rows.len().min((index + 1) * LINE_BATCH)];
                    let mut lines = String::with_capacity(LINE_BATCH * 128);
                    for row in batch {
                        plain_line(&mut lines, row.iter(), &widths);
                    }
                    let mut doc = ui.doc();
                    doc.text(lines);
                    doc
                };
                return crate::cli::in_order::render_in_order(batches, threads, render, |next| {
                    while let Some(doc) = next() {
                        ui.out(&doc)?;
                    }
                    Ok(())
                });
            }
            for row in rows {
                plain_line(&mut out, row.iter(), &widths);
                flush(&mut out, false)?;
            }
        }
        ListFormat::Ids => {
            for row in rows {
                out.push_str(&row.text);
                out.push('\n');
                flush(&mut out, false)?;
            }
        }
        ListFormat::Tsv => {
            let header: Vec<String> = columns.iter().map(|c| c.header().to_lowercase()).collect();
            out.push_str(&header.join("\t"));
            out.push('\n');
            for row in rows {
                for (i, cell) in row.texts().enumerate() {
                    if i > 0 {
                        out.push('\t');
                    }
                    out.push_str(&cell.replace('\t', " "));
                }
                out.push('\n');
                flush(&mut out, false)?;
            }
        }
        ListFormat::Csv => {
            let header: Vec<String> = columns.iter().map(|c| c.header().to_lowercase()).collect();
            // One small writer a record: its bytes are taken each time, so
            // the whole output never sits in memory.
            let record = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
                let mut writer = csv::WriterBuilder::new()
                    .buffer_capacity(256)
                    .from_writer(Vec::new());
                writer
                    .write_record(cells)
                    .expect("writing csv into memory cannot fail");
                let bytes = writer
                    .into_inner()
                    .expect("flushing csv into memory cannot fail");
                out.push_str(&String::from_utf8_lossy(&bytes));
            };
            record(&mut out, &mut header.iter().map(String::as_str));
            for row in rows {
                record(&mut out, &mut row.texts());
                flush(&mut out, false)?;
            }
        }
        ListFormat::Json => {}
    }
    flush(&mut out, true)
}

/// Returns a compact span like `45m`, `3h` or `2d` for a number of seconds.
fn span_text(seconds: i64) -> String {
    duration(seconds, Precision::Largest)
}

/// Returns the DUE cell: time left or late on the next running SLA clock,
/// `paused` while waiting, `-` when no clock runs.
fn due_text(sla: &Sla, now: Timestamp) -> String {
    match sla.next_due() {
        Some(_) if sla.paused => "paused".to_string(),
        Some(due) if due >= now => format!("in {}", span_text(due.unix() - now.unix())),
        Some(due) => format!("{} late", span_text(now.unix() - due.unix())),
        None => "-".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_table_matches_comfy_table_without_a_terminal_but_trailing_spaces() {
        let rows: Vec<Vec<String>> = vec![
            vec![
                "abcdefg",
                "high",
                "new",
                "incident",
                "3h",
                "in 1h",
                "-",
                "Réseau: ça ne marche pas",
            ],
            vec![
                "hjkmnpq",
                "planning",
                "in-progress",
                "question",
                "12d",
                "2d late",
                "bo@example.com",
                "打印机坏了",
            ],
        ]
        .into_iter()
        .map(|r| r.into_iter().map(String::from).collect())
        .collect();
        let header = Column::DEFAULT.map(|c| c.header()).map(|h| h.into_owned());
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .force_no_tty();
        table.set_header(header.clone());
        for row in &rows {
            table.add_row(row.clone());
        }
        let comfy: String = format!("{table}\n")
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect();
        let plain = plain_table(&header, &rows);
        assert_eq!(plain, comfy);
        assert!(plain.lines().all(|l| l == l.trim_end()));
    }

    #[test]
    fn narrow_terminals_drop_columns_in_order_and_keep_the_title() {
        let columns = Column::DEFAULT;
        // ID PRI STATUS TYPE AGE DUE ASSIGNEE TITLE
        let widths = [7, 8, 11, 8, 3, 7, 14, 30];
        let all: usize = widths.iter().map(|w| w + 2).sum();
        assert_eq!(fit_columns(&columns, &widths, all), columns.to_vec());
        assert_eq!(
            fit_columns(&columns, &widths, all - 1),
            [
                Column::Id,
                Column::Pri,
                Column::Status,
                Column::Type,
                Column::Due,
                Column::Assignee,
                Column::Title
            ],
            "age goes first"
        );
        assert_eq!(
            fit_columns(&columns, &widths, 70),
            [Column::Id, Column::Pri, Column::Status, Column::Title]
        );
        assert_eq!(
            fit_columns(&columns, &widths, 20),
            [Column::Id, Column::Title],
            "the id and the title never drop"
        );
    }
}
