//! The ticket table of `tk list`.

use super::duration::{age, duration, Precision};
use crate::cli::ui::{one_line, Doc, Ui};
use crate::model::{Priority, Status, Timestamp};
use crate::sla::Sla;
use crate::store::Listed;
use comfy_table::{presets, Cell, Color, ColumnConstraint, ContentArrangement, Row, Table, Width};
use unicode_width::UnicodeWidthStr;

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

/// Returns the ticket table for `tk list`: one line per ticket, fitted to
/// the terminal's width when stdout is a terminal.
pub fn ticket_table(ui: &Ui, tickets: &[(Listed, Sla)], now: Timestamp) -> Doc {
    let rows: Vec<[Cell; 8]> = tickets
        .iter()
        .map(|(listed, sla)| {
            let s = &listed.state;
            let colored = |text: &str, color: Option<Color>| match (ui.color(), color) {
                (true, Some(color)) => Cell::new(text).fg(color),
                _ => Cell::new(text),
            };
            [
                Cell::new(s.id.prefix(listed.short_len)),
                colored(s.priority.as_str(), priority_color(s.priority)),
                colored(s.status.as_str(), status_color(s.status)),
                Cell::new(s.ticket_type.as_str()),
                Cell::new(age(s.created, now)),
                colored(&due_text(sla, now), sla.overdue().then_some(Color::Red)),
                Cell::new(one_line(s.assignee.as_deref().unwrap_or("-"))),
                Cell::new(one_line(&s.title)),
            ]
        })
        .collect();
    let mut doc = ui.doc();
    if !ui.stdout_is_terminal() && !ui.color() {
        doc.text(plain_table(&TICKET_HEADER, &rows));
        return doc;
    }
    let mut table = new_table(ui);
    let mut header = Row::from(TICKET_HEADER.map(|h| {
        let cell = Cell::new(h);
        if ui.color() {
            cell.add_attribute(comfy_table::Attribute::Bold)
        } else {
            cell
        }
    }));
    header.max_height(1);
    table.set_header(header);
    for cells in rows {
        let mut row = Row::from(cells);
        row.max_height(1);
        table.add_row(row);
    }
    // On a narrow terminal the title and assignee give way; the id and the
    // short columns never do, since an id cut short is useless.
    for index in 0..6 {
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if let Some(column) = table.column_mut(6) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(8)));
    }
    doc.table(&table);
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

const TICKET_HEADER: [&str; 8] = [
    "ID", "PRI", "STATUS", "TYPE", "AGE", "DUE", "ASSIGNEE", "TITLE",
];

/// Lays out a table exactly as comfy-table's `NOTHING` preset does when
/// there is no width to fit (stdout is not a terminal): every cell padded
/// by a space on each side, every column as wide as its widest cell.
/// Listing thousands of tickets into a pipe is several times faster this
/// way; the test below holds the two layouts equal.
fn plain_table(header: &[&str], rows: &[[Cell; 8]]) -> String {
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| cell.content()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &texts {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(text.width());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(&texts) {
        for (text, width) in row.iter().zip(&widths) {
            out.push(' ');
            out.push_str(text);
            out.extend(std::iter::repeat_n(' ', width - text.width() + 1));
        }
        out.push('\n');
    }
    out
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
    fn plain_table_matches_comfy_table_without_a_terminal() {
        let rows = vec![
            [
                "abcdefg",
                "high",
                "new",
                "incident",
                "3h",
                "in 1h",
                "-",
                "Réseau: ça ne marche pas",
            ]
            .map(Cell::new),
            [
                "hjkmnpq",
                "planning",
                "in-progress",
                "question",
                "12d",
                "2d late",
                "bo@example.com",
                "打印机坏了",
            ]
            .map(Cell::new),
        ];
        let mut table = Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .force_no_tty();
        table.set_header(TICKET_HEADER);
        for row in &rows {
            table.add_row(row.clone());
        }
        assert_eq!(plain_table(&TICKET_HEADER, &rows), format!("{table}\n"));
    }
}
