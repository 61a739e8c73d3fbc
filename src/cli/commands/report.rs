//! `tk report`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::report_html;
use crate::cli::ui::{sanitize, Paint, Ui};
use crate::model::Timestamp;
use crate::report::{self, Compliance, Durations, Figures, GroupBy, Period, Report};
use chrono::{NaiveDate, NaiveTime};
use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use serde::Serialize;
use std::path::PathBuf;

/// Report on the service: volumes, times, SLA compliance, satisfaction
///
/// Covers the 30 days before --until (default now) unless --since is
/// given. Dates are YYYY-MM-DD (UTC; --until includes that whole day) or
/// RFC 3339 times. Times to respond and resolve are calendar time.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Start of the period
    #[arg(long, value_parser = parse_start)]
    pub since: Option<Timestamp>,
    /// End of the period (inclusive for a date)
    #[arg(long, value_parser = parse_end)]
    pub until: Option<Timestamp>,
    /// Break the figures down by this field
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of stdout
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Fields reports can group by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// The assignee
    Assignee,
    /// The category
    Category,
    /// The priority
    Priority,
    /// The ticket type
    Type,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and a bar chart for the terminal
    Text,
    /// One standalone HTML page with SVG charts
    Html,
}

fn parse_date(text: &str, days_after: i64) -> Result<Timestamp, String> {
    if let Ok(t) = Timestamp::parse_rfc3339(text) {
        return Ok(t);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date like 2026-11-01 or an RFC 3339 time"))?;
    let day = date
        .checked_add_signed(chrono::Duration::days(days_after))
        .ok_or_else(|| format!("`{text}` is out of range"))?;
    Timestamp::checked(day.and_time(NaiveTime::MIN).and_utc().timestamp())
        .map_err(|_| format!("`{text}` is outside the dates tk accepts (1970 to 9999)"))
}

fn parse_start(text: &str) -> Result<Timestamp, String> {
    parse_date(text, 0)
}

fn parse_end(text: &str) -> Result<Timestamp, String> {
    parse_date(text, 1)
}

/// Runs `tk report`.
pub fn cmd_report(ui: &Ui, ctx: &Ctx, args: &ReportArgs) -> Result<(), CliError> {
    // The period is half-open; by default it ends just after the current
    // second, so what happened this very second counts.
    let until = args
        .until
        .unwrap_or_else(|| Timestamp::from_unix(ctx.now().unix() + 1));
    let since = args
        .since
        .unwrap_or(Timestamp::from_unix(until.unix() - 30 * 86_400));
    if since >= until {
        return Err(CliError::usage("--since must be before --until"));
    }
    let store = ctx.store()?;
    let listing = store.list()?;
    for broken in &listing.broken {
        ui.warn(&format!("skipping {}: {}", broken.path, broken.message));
    }
    let config = ctx.team_config_lenient(ui)?;
    let rows: Vec<_> = listing
        .tickets
        .iter()
        .map(|t| (&t.state, &t.clocks))
        .collect();
    let group_by = args.by.map(|by| match by {
        By::Assignee => GroupBy::Assignee,
        By::Category => GroupBy::Category,
        By::Priority => GroupBy::Priority,
        By::Type => GroupBy::Type,
    });
    let report = report::build(&rows, Period { since, until }, config.calendar(), group_by);
    let text = if ui.json() {
        let mut text = serde_json::to_string_pretty(&ReportView::new(&report))?;
        text.push('\n');
        text
    } else {
        match args.format {
            Format::Text => text_report(ui, &report),
            Format::Html => report_html::page(&report),
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| {
                CliError::new(
                    super::super::Kind::Failure,
                    format!("cannot write {}: {e}", path.display()),
                )
            })?;
            ui.status(&format!("Wrote the report to {}.", path.display()));
        }
        None => ui.out(&text)?,
    }
    Ok(())
}

/// Returns a duration in seconds as `3d4h`, `2h5m` or `40m`.
pub fn duration(seconds: i64) -> String {
    let minutes = seconds / 60;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m}m"),
        (0, _) => format!("{h}h{m:02}m"),
        _ => format!("{d}d{h:02}h"),
    }
}

/// Returns `mean / median`, or `-` when there is nothing to average.
pub fn durations_text(d: &Durations) -> String {
    match (d.mean, d.median) {
        (Some(mean), Some(median)) => format!("{} / {}", duration(mean), duration(median)),
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

fn figures_row(name: &str, f: &Figures) -> Vec<String> {
    std::iter::once(sanitize(name, false))
        .chain(figure_cells(f))
        .collect()
}

fn text_report(ui: &Ui, report: &Report) -> String {
    let day = |t: Timestamp| t.to_utc().format("%Y-%m-%d %H:%M").to_string();
    let mut out = format!(
        "{} {} to {} (UTC)\n\n",
        ui.paint("Service report", Paint::Strong),
        day(report.period.since),
        day(report.period.until)
    );
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header([
            "",
            "OPENED",
            "RESOLVED",
            "CLOSED",
            "REOPENED",
            "BACKLOG",
            "RESPONSE mean/median",
            "RESOLUTION mean/median",
            "SLA RESPONSE",
            "SLA RESOLUTION",
            "RATING",
        ]);
    for (name, figures) in &report.groups {
        table.add_row(figures_row(name, figures));
    }
    table.add_row(figures_row("total", &report.total));
    for column in table.column_iter_mut().skip(1) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    out.push_str(&format!("{table}\n"));
    let sat = &report.total.satisfaction;
    if sat.count > 0 {
        out.push_str(&format!("\n{}\n", ui.paint("Satisfaction", Paint::Strong)));
        let max = sat.distribution.iter().copied().max().unwrap_or(1).max(1);
        for (score, count) in sat.distribution.iter().enumerate() {
            out.push_str(&format!(
                "  {} {:<30} {count}\n",
                score + 1,
                bar(*count, max, 30)
            ));
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        ui.paint("Opened vs resolved per week", Paint::Strong)
    ));
    let max = report
        .weeks
        .iter()
        .map(|w| w.opened.max(w.resolved))
        .max()
        .unwrap_or(1)
        .max(1);
    for week in &report.weeks {
        out.push_str(&format!(
            "  {}  opened   {:<40} {}\n",
            week.start,
            bar(week.opened, max, 40),
            week.opened
        ));
        out.push_str(&format!(
            "              resolved {:<40} {}\n",
            bar(week.resolved, max, 40),
            week.resolved
        ));
    }
    out
}

/// Returns a bar of `width * count / max` block characters.
fn bar(count: usize, max: usize, width: usize) -> String {
    "█".repeat((count * width).div_ceil(max).min(width))
}

#[derive(Serialize)]
struct ReportView {
    since: String,
    until: String,
    total: FiguresView,
    groups: Vec<GroupView>,
    weeks: Vec<WeekView>,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    #[serde(flatten)]
    figures: FiguresView,
}

#[derive(Serialize)]
struct WeekView {
    start: String,
    opened: usize,
    resolved: usize,
}

#[derive(Serialize)]
struct FiguresView {
    opened: usize,
    resolved: usize,
    closed: usize,
    reopened: usize,
    backlog: usize,
    first_response: DurationsView,
    resolution: DurationsView,
    sla_response: ComplianceView,
    sla_resolution: ComplianceView,
    satisfaction: SatisfactionView,
}

#[derive(Serialize)]
struct DurationsView {
    count: usize,
    mean_seconds: Option<i64>,
    median_seconds: Option<i64>,
}

#[derive(Serialize)]
struct ComplianceView {
    met: usize,
    breached: usize,
    percent: Option<f64>,
}

#[derive(Serialize)]
struct SatisfactionView {
    count: usize,
    average: Option<f64>,
    distribution: [usize; 5],
}

impl FiguresView {
    fn new(f: &Figures) -> Self {
        let durations = |d: &Durations| DurationsView {
            count: d.count,
            mean_seconds: d.mean,
            median_seconds: d.median,
        };
        let compliance = |c: &Compliance| ComplianceView {
            met: c.met,
            breached: c.breached,
            percent: c.percent(),
        };
        FiguresView {
            opened: f.opened,
            resolved: f.resolved,
            closed: f.closed,
            reopened: f.reopened,
            backlog: f.backlog,
            first_response: durations(&f.first_response),
            resolution: durations(&f.resolution),
            sla_response: compliance(&f.sla_response),
            sla_resolution: compliance(&f.sla_resolution),
            satisfaction: SatisfactionView {
                count: f.satisfaction.count,
                average: f.satisfaction.average,
                distribution: f.satisfaction.distribution,
            },
        }
    }
}

impl ReportView {
    fn new(report: &Report) -> Self {
        ReportView {
            since: report.period.since.to_string(),
            until: report.period.until.to_string(),
            total: FiguresView::new(&report.total),
            groups: report
                .groups
                .iter()
                .map(|(name, f)| GroupView {
                    name: name.clone(),
                    figures: FiguresView::new(f),
                })
                .collect(),
            weeks: report
                .weeks
                .iter()
                .map(|w| WeekView {
                    start: w.start.to_string(),
                    opened: w.opened,
                    resolved: w.resolved,
                })
                .collect(),
        }
    }
}
