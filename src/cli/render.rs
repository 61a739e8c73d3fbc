//! Human output: the ticket table, the ticket page and times.

use super::ui::{sanitize, Paint, Ui};
use crate::model::{human_size, Action, Changes, Priority, State, Status, Ticket, Timestamp};
use crate::model::{AttachmentInfo, LinkRelation, SetField, TicketId};
use crate::sla::{Clock, Sla};
use crate::store::Listed;
use chrono::Local;
use comfy_table::{presets, Cell, Color, ColumnConstraint, ContentArrangement, Row, Table, Width};
use unicode_width::UnicodeWidthStr;

/// Returns a time in the local zone, to the minute.
pub fn local_time(t: Timestamp) -> String {
    t.to_utc()
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Returns a compact age like `5m`, `3h`, `2d`, `6w` or `1y`.
pub fn age(since: Timestamp, now: Timestamp) -> String {
    let seconds = (now.unix() - since.unix()).max(0);
    let (unit, size) = [
        ("y", 365 * 86_400),
        ("w", 7 * 86_400),
        ("d", 86_400),
        ("h", 3_600),
        ("m", 60),
    ]
    .into_iter()
    .find(|(_, size)| seconds >= *size)
    .unwrap_or(("m", 60));
    format!("{}{unit}", seconds / size)
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

/// Returns the ticket table for `tk list`: one line per ticket, fitted to
/// the terminal's width when stdout is a terminal.
pub fn ticket_table(ui: &Ui, tickets: &[(Listed, Sla)], now: Timestamp) -> String {
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
                Cell::new(sanitize(s.assignee.as_deref().unwrap_or("-"), false)),
                Cell::new(sanitize(&s.title, false)),
            ]
        })
        .collect();
    if !ui.stdout_is_terminal() && !ui.color() {
        return plain_table(&TICKET_HEADER, &rows);
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
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// Returns an empty borderless table that fits the terminal's width when
/// stdout is one, and is styled only when colour is on.
fn new_table(ui: &Ui) -> Table {
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

/// One end of a link, as `tk show` lists it.
#[derive(Clone, Debug)]
pub struct LinkEnd {
    /// The link's relation (from the linking ticket's point of view).
    pub relation: LinkRelation,
    /// The other ticket.
    pub id: TicketId,
    /// Its short id, or the full id when this clone does not have it.
    pub short_id: String,
    /// Its title and status, when this clone has it.
    pub found: Option<(String, Status)>,
}

/// A ticket's links: to other tickets, and from them.
#[derive(Clone, Debug, Default)]
pub struct Related {
    /// The ticket's own links.
    pub outgoing: Vec<LinkEnd>,
    /// Links of other tickets to this one.
    pub incoming: Vec<LinkEnd>,
}

/// Returns the label of a link seen from the ticket that has it.
fn outgoing_label(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Relates => "Relates to",
        LinkRelation::Duplicates => "Duplicates",
        LinkRelation::Blocks => "Blocks",
        LinkRelation::CausedBy => "Caused by",
    }
}

/// Returns the label of a link seen from the ticket it points at.
fn incoming_label(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Relates => "Related from",
        LinkRelation::Duplicates => "Duplicated by",
        LinkRelation::Blocks => "Blocked by",
        LinkRelation::CausedBy => "Caused incidents",
    }
}

/// Returns the "Links" and "Linked from" sections of the ticket page.
fn links_section(ui: &Ui, related: &Related) -> String {
    let mut out = String::new();
    let groups = [
        ("Links", &related.outgoing, outgoing_label as fn(_) -> _),
        ("Linked from", &related.incoming, incoming_label),
    ];
    for (heading, ends, label) in groups {
        if ends.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", ui.paint(heading, Paint::Strong)));
        for end in ends {
            let other = match &end.found {
                Some((title, status)) => {
                    format!("{:<12}{}", status.as_str(), sanitize(title, false))
                }
                None => ui.paint("(not in this clone)", Paint::Dim),
            };
            out.push_str(&format!(
                "  {:<18}{}  {other}\n",
                label(end.relation),
                end.short_id
            ));
        }
    }
    out
}

/// Returns the table `tk attachments` prints.
pub fn attachment_table(ui: &Ui, attachments: &[AttachmentInfo]) -> String {
    let mut table = new_table(ui);
    table.set_header(["NAME", "SIZE", "BY", "ATTACHED"].map(|h| {
        let cell = Cell::new(h);
        if ui.color() {
            cell.add_attribute(comfy_table::Attribute::Bold)
        } else {
            cell
        }
    }));
    for a in attachments {
        let mut row = Row::from(vec![
            Cell::new(sanitize(&a.name, false)),
            Cell::new(human_size(a.size)),
            Cell::new(sanitize(&a.by, false)),
            Cell::new(local_time(a.at)),
        ]);
        row.max_height(1);
        table.add_row(row);
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// Returns the "Attachments" section of the ticket page.
fn attachments_section(ui: &Ui, attachments: &[AttachmentInfo]) -> String {
    if attachments.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n{}\n",
        ui.paint(
            &format!("Attachments ({})", attachments.len()),
            Paint::Strong
        )
    );
    for a in attachments {
        out.push_str(&format!(
            "  {}  {}  {}, {}\n",
            sanitize(&a.name, false),
            human_size(a.size),
            sanitize(&a.by, false),
            ui.paint(&local_time(a.at), Paint::Dim)
        ));
    }
    out
}

/// Returns a compact span like `45m`, `3h` or `2d` for a number of seconds.
fn span_text(seconds: i64) -> String {
    age(Timestamp::from_unix(0), Timestamp::from_unix(seconds.abs()))
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

/// Returns one SLA clock's line for `tk show`.
fn clock_text(clock: &Clock, now: Timestamp) -> String {
    let state = match clock.met {
        Some(met) if clock.breached => format!("met {}, late", local_time(met)),
        Some(met) => format!("met {}", local_time(met)),
        None if clock.breached => format!(
            "BREACHED, {} late",
            span_text(now.unix() - clock.due.unix())
        ),
        None => format!("{} left", span_text(clock.due.unix() - now.unix())),
    };
    format!("due {} ({state})", local_time(clock.due))
}

/// Returns the ticket page for `tk show`.
pub fn ticket_page(
    ui: &Ui,
    ticket: &Ticket,
    short_len: usize,
    sla: &Sla,
    timeline: bool,
    now: Timestamp,
    related: &Related,
) -> String {
    let s = ticket.state();
    let clean = |t: &str| sanitize(t, false);
    let mut out = format!(
        "{}  {}\n",
        ui.paint(s.id.prefix(short_len), Paint::Strong),
        ui.paint(&clean(&s.title), Paint::Strong)
    );
    let mut field =
        |name: &str, value: String| out.push_str(&format!("{:<12}{}\n", format!("{name}:"), value));
    field("Id", s.id.to_string());
    field("Status", status_line(s));
    field(
        "Priority",
        format!(
            "{} (impact {}, urgency {})",
            s.priority, s.impact, s.urgency
        ),
    );
    field("Type", s.ticket_type.to_string());
    if let Some(category) = &s.category {
        field("Category", clean(category));
    }
    if !s.tags.is_empty() {
        field("Tags", clean(&s.tags.join(", ")));
    }
    if let Some(r) = &s.requester {
        let extras: Vec<&str> = [&r.phone, &r.location, &r.department]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .collect();
        let extra = if extras.is_empty() {
            String::new()
        } else {
            format!(" ({})", extras.join(", "))
        };
        field("Requester", clean(&format!("{}{extra}", r.display())));
    }
    field("Assignee", clean(s.assignee.as_deref().unwrap_or("-")));
    if !s.watchers.is_empty() {
        field("Watchers", clean(&s.watchers.join(", ")));
    }
    field(
        "Created",
        format!("{} ({} ago)", local_time(s.created), age(s.created, now)),
    );
    field("Updated", local_time(s.updated));
    if let Some(t) = s.first_response {
        field("Responded", local_time(t));
    }
    if let Some(clock) = &sla.response {
        field("Response", clock_text(clock, now));
    }
    if let Some(clock) = &sla.resolution {
        let paused = if sla.paused {
            " (paused while waiting)"
        } else {
            ""
        };
        field("Resolution", format!("{}{paused}", clock_text(clock, now)));
    }
    if let Some(description) = &s.description {
        out.push_str(&format!("\n{}\n", indent(description)));
    }
    if let Some(r) = &s.resolution {
        out.push_str(&format!(
            "\n{} by {}, {}:\n{}\n",
            ui.paint("Resolution", Paint::Strong),
            clean(&r.by),
            local_time(r.at),
            indent(&r.summary)
        ));
    }
    if let Some(r) = &s.rating {
        let comment = r
            .comment
            .as_deref()
            .map(|c| format!(": {}", clean(c)))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{} {}/5 by {}{comment}\n",
            ui.paint("Rating", Paint::Strong),
            r.score,
            clean(&r.by)
        ));
    }
    out.push_str(&links_section(ui, related));
    out.push_str(&attachments_section(ui, &s.attachments));
    let comments: Vec<_> = ticket.comments().collect();
    if !comments.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            ui.paint(&format!("Comments ({})", comments.len()), Paint::Strong)
        ));
        for c in comments {
            let internal = if c.internal { " [internal]" } else { "" };
            out.push_str(&format!(
                "\n  {} {}{internal}\n{}\n",
                clean(c.by),
                ui.paint(&local_time(c.at), Paint::Dim),
                indent(c.body)
            ));
        }
    }
    if timeline {
        out.push_str(&format!("\n{}\n", ui.paint("Timeline", Paint::Strong)));
        for entry in ticket.timeline() {
            let e = entry.event;
            let line = format!(
                "  {:>3}  {}  {}  {}{}",
                e.clock,
                local_time(e.at),
                clean(&e.by),
                clean(&describe(&e.action)),
                if entry.superseded {
                    "  (superseded)"
                } else {
                    ""
                }
            );
            let line = if entry.superseded {
                ui.paint(&line, Paint::Dim)
            } else {
                line
            };
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

fn status_line(s: &State) -> String {
    match (s.status, s.close_reason) {
        (Status::Closed, Some(reason)) => format!("closed ({reason})"),
        (status, _) => status.to_string(),
    }
}

fn indent(text: &str) -> String {
    sanitize(text, true)
        .lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Returns a one-line description of an action for the timeline.
pub fn describe(action: &Action) -> String {
    let with = |verb: &str, text: &Option<String>| match text {
        Some(text) => format!("{verb}: {}", first_line(text)),
        None => verb.to_string(),
    };
    match action {
        Action::Create(changes) => format!("created {}", describe_changes(changes)),
        Action::Set(changes) => format!("set {}", describe_changes(changes)),
        Action::Assign { assignee } => format!("assigned to {assignee}"),
        Action::Unassign => "unassigned".to_string(),
        Action::Comment { body, internal } => {
            let kind = if *internal {
                "internal comment"
            } else {
                "commented"
            };
            format!("{kind}: {}", first_line(body))
        }
        Action::Start => "started work".to_string(),
        Action::Wait { reason } => with("waiting", reason),
        Action::Resolve { summary } => format!("resolved: {}", first_line(summary)),
        Action::Close { reason, note } => {
            let verb = match reason {
                Some(reason) => format!("closed as {reason}"),
                None => "closed".to_string(),
            };
            with(&verb, note)
        }
        Action::Reopen { reason } => with("reopened", reason),
        Action::Rate { score, comment } => with(&format!("rated {score}/5"), comment),
        Action::Link { relation, target } => format!("linked: {relation} {target}"),
        Action::Unlink { relation, target } => format!("unlinked: {relation} {target}"),
        Action::Watch { who } => format!("{who} watches"),
        Action::Unwatch { who } => format!("{who} stopped watching"),
        Action::Attach { name, size } => format!("attached {name} ({})", human_size(*size)),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}

fn describe_changes(c: &Changes) -> String {
    let mut parts = Vec::new();
    let mut add = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            parts.push(format!("{name}={}", first_line(&value)));
        }
    };
    // The description is long, so it comes last and by name only.
    for field in SetField::ALL {
        if *field != SetField::Description {
            add(field.as_str(), c.text(*field));
        }
    }
    if c.description.is_some() {
        parts.push("description".to_string());
    }
    parts.join(" ")
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

    #[test]
    fn ages_pick_the_largest_unit() {
        let t = Timestamp::from_unix(0);
        assert_eq!(age(t, Timestamp::from_unix(30)), "0m");
        assert_eq!(age(t, Timestamp::from_unix(3 * 3600 + 5)), "3h");
        assert_eq!(age(t, Timestamp::from_unix(15 * 86_400)), "2w");
    }
}
