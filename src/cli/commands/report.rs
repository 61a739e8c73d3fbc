//! `tk report`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::error::Kind;
use crate::cli::json::ReportView;
use crate::cli::render::{report_html, text_report};
use crate::cli::ui::{Doc, Ui};
use crate::model::Timestamp;
use crate::report::{self, GroupBy, Period};
use chrono::{NaiveDate, NaiveTime};
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
        ui.warn(format_args!("skipping {}: {}", broken.path, broken.message));
    }
    let config = ctx.team_config_lenient(ui)?;
    let rows: Vec<_> = listing
        .tickets
        .iter()
        .map(|t| (&*t.state, &t.clocks))
        .collect();
    let group_by = args.by.map(|by| match by {
        By::Assignee => GroupBy::Assignee,
        By::Category => GroupBy::Category,
        By::Priority => GroupBy::Priority,
        By::Type => GroupBy::Type,
    });
    let report = report::build(&rows, Period { since, until }, config.calendar(), group_by);
    let (doc, text) = if ui.json() {
        let mut text = serde_json::to_string_pretty(&ReportView::new(&report))?;
        text.push('\n');
        (None, text)
    } else {
        match args.format {
            Format::Text => (Some(text_report(ui, &report)), String::new()),
            Format::Html => (None, report_html::page(&report)),
        }
    };
    let Some(path) = &args.output else {
        return match doc {
            Some(doc) => Ok(ui.out(&doc)?),
            None if ui.json() => ui.out_json(&ReportView::new(&report)),
            None => Ok(ui.print(text)?),
        };
    };
    let text = doc.map_or(text, Doc::into_text);
    std::fs::write(path, text).map_err(|e| {
        CliError::new(
            Kind::Failure,
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    ui.status(format_args!("Wrote the report to {}.", path.display()));
    Ok(())
}
