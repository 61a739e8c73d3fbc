//! The text report of `tk report`, and the figure cells it shares with the
//! HTML page.

use super::duration::{duration, Precision};
use crate::cli::ui::{one_line, Doc, Paint, Ui};
use crate::model::Timestamp;
use crate::report::{Compliance, Durations, Figures, Report};
use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Returns `mean / median`, or `-` when there is nothing to average.
pub fn durations_text(d: &Durations) -> String {
    match (d.mean, d.median) {
        (Some(mean), Some(median)) => format!(
            "{} / {}",
            duration(mean, Precision::Two),
            duration(median, Precision::Two)
        ),
        _ => "-".to_string(),
    }
}

/// Returns `95.0% (19/20)`, or `-` when no clock counted.
pub fn compliance_text(c: &Compliance) -> String {
    match c.percent() {
        Some(p) => format!("{p:.1}% ({}/{})", c.met, c.met + c.breached),
        None => "-".to_string(),
    }
}

/// Returns the requesters' own average rating and count; the ones the
/// team entered for them are in `--json` (`satisfaction_on_behalf`).
fn rating_text(f: &Figures) -> String {
    match f.satisfaction.average {
        Some(avg) => format!("{avg:.1} ({})", f.satisfaction.count),
        None => "-".to_string(),
    }
}

/// Returns the figure columns of one report row, as text: the same cells
/// for the terminal table and the HTML page.
pub fn figure_cells(f: &Figures) -> [String; 10] {
    [
        f.opened.to_string(),
        f.resolved.to_string(),
        f.closed.to_string(),
        f.reopened.to_string(),
        f.backlog.to_string(),
        durations_text(&f.first_response),
        durations_text(&f.resolution),
        compliance_text(&f.sla_response),
        compliance_text(&f.sla_resolution),
        rating_text(f),
    ]
}

/// Returns the report as tables and bar charts.
pub fn text_report(ui: &Ui, report: &Report) -> Doc {
    let day = |t: Timestamp| t.to_utc().format("%Y-%m-%d %H:%M").to_string();
    let mut out = ui.doc();
    out.paint(Paint::Strong, "Service report")
        .text(format_args!(
            " {} to {} (UTC)\n\n",
            day(report.period.since),
            day(report.period.until)
        ));
    // Three narrow tables rather than one of eleven columns: each fits 80
    // columns with group names up to about 30 characters, so the report
    // reads on a standard terminal and in a mail without wrapping.
    let cells: Vec<(String, [String; 10])> = report
        .groups
        .iter()
        .map(|(name, f)| (one_line(report.group_label(name)), figure_cells(f)))
        .chain(std::iter::once((
            "total".to_string(),
            figure_cells(&report.total),
        )))
        .collect();
    let sections: [(&str, &[&str], &[usize]); 3] = [
        (
            "Volume",
            &["OPENED", "RESOLVED", "CLOSED", "REOPENED", "BACKLOG"],
            &[0, 1, 2, 3, 4],
        ),
        (
            "Times (mean / median)",
            &["FIRST RESPONSE", "RESOLUTION"],
            &[5, 6],
        ),
        (
            "Service levels and satisfaction",
            &["SLA RESPONSE", "SLA RESOLUTION", "RATING"],
            &[7, 8, 9],
        ),
    ];
    for (index, (title, header, columns)) in sections.iter().enumerate() {
        if index > 0 {
            out.text("\n");
        }
        out.paint(Paint::Strong, title).text("\n");
        let mut table = Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(std::iter::once("").chain(header.iter().copied()));
        for (name, row) in &cells {
            table.add_row(
                std::iter::once(name.clone()).chain(columns.iter().map(|c| row[*c].clone())),
            );
        }
        for column in table.column_iter_mut().skip(1) {
            column.set_cell_alignment(CellAlignment::Right);
        }
        out.table(&table);
    }
    targets_lines(&mut out, report);
    let sat = &report.total.satisfaction;
    if sat.count > 0 {
        out.text("\n")
            .paint(Paint::Strong, "Satisfaction")
            .text("\n");
        let max = sat.distribution.iter().copied().max().unwrap_or(1).max(1);
        for (score, count) in sat.distribution.iter().enumerate() {
            out.text(format_args!(
                "  {} {:<30} {count}\n",
                score + 1,
                bar(*count, max, 30)
            ));
        }
    }
    breached_section(&mut out, report);
    out.text("\n")
        .paint(Paint::Strong, "Opened vs resolved per week")
        .text(" (and the backlog at its end)\n");
    let max = report
        .weeks
        .iter()
        .map(|w| w.opened.max(w.resolved))
        .max()
        .unwrap_or(1)
        .max(1);
    for week in &report.weeks {
        out.text(format_args!(
            "  {}  opened   {:<40} {}\n",
            week.label(),
            bar(week.opened, max, 40),
            week.opened
        ));
        out.text(format_args!(
            "            resolved {:<40} {}\n",
            bar(week.resolved, max, 40),
            week.resolved
        ));
        out.text(format_args!("            backlog  {}\n", week.backlog));
    }
    out
}

/// Writes how the totals compare with the team's targets, when it set
/// any (`[report]` in `tk.toml`).
fn targets_lines(out: &mut Doc, report: &Report) {
    let verdict = |counted: bool, below: bool| match (counted, below) {
        (false, _) => "nothing counted",
        (true, true) => "below",
        (true, false) => "met",
    };
    let total = &report.total;
    if let Some(percent) = report.targets.sla_compliance_percent() {
        let target = report.targets.sla_compliance;
        let (response, resolution) = (&total.sla_response, &total.sla_resolution);
        out.text(format_args!(
            "SLA target {percent}% met in time: response {} ({}), resolution {} ({})\n",
            verdict(response.percent().is_some(), response.below_target(target)),
            compliance_text(response),
            verdict(
                resolution.percent().is_some(),
                resolution.below_target(target)
            ),
            compliance_text(resolution),
        ));
    }
    if let Some(score) = report.targets.satisfaction_score() {
        let sat = &total.satisfaction;
        out.text(format_args!(
            "Rating target {score:.1}: {} ({})\n",
            verdict(sat.count > 0, sat.below_target(report.targets.satisfaction)),
            rating_text(total)
        ));
    }
}

/// At most this many breached clocks in the text report; the page and
/// `--json` list them all.
const BREACHED_SHOWN: usize = 20;

/// Writes the clocks that missed their targets, most late first.
fn breached_section(out: &mut Doc, report: &Report) {
    if report.breached.is_empty() {
        return;
    }
    out.text("\n")
        .paint(Paint::Strong, "Breached SLA targets")
        .text("\n");
    let header = ["ID", "TARGET", "LATE BY", "ASSIGNEE", "TITLE"];
    let rows: Vec<[String; 5]> = report
        .breached
        .iter()
        .take(BREACHED_SHOWN)
        .map(|b| {
            let target = match b.met {
                Some(_) => b.target.to_string(),
                None => format!("{} (open)", b.target),
            };
            let assignee = b
                .assignee
                .as_deref()
                .map_or("(unassigned)", |a| report.name_of(a));
            [
                b.id.prefix(b.short_len).to_string(),
                target,
                duration(b.late_seconds, Precision::Two),
                // Long names are cut too, so the title keeps some room.
                cut(&one_line(assignee), 20),
                one_line(&b.title),
            ]
        })
        .collect();
    // Titles are cut to what is left of 80 columns (each column is padded
    // by one space a side), so the section fits like the tables above.
    let used: usize = (0..4)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].width())
                .chain(std::iter::once(header[c].width()))
                .max()
                .unwrap_or(0)
                + 2
        })
        .sum();
    let room = 80_usize.saturating_sub(used + 2);
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    for mut row in rows {
        row[4] = cut(&row[4], room);
        table.add_row(row);
    }
    out.table(&table);
    let more = report.breached.len().saturating_sub(BREACHED_SHOWN);
    if more > 0 {
        out.text(format_args!(
            " … and {more} more, least late (every one in --format html and --json)\n"
        ));
    }
}

/// Returns `text` cut to `room` terminal columns, ending in `…` when cut.
fn cut(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Returns a bar of `width * count / max` block characters.
fn bar(count: usize, max: usize, width: usize) -> String {
    "█".repeat((count * width).div_ceil(max).min(width))
}
