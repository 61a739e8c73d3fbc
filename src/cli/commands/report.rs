//! `tk report`.

use crate::cli::args::{when_end, when_start, When};
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::error::Kind;
use crate::cli::json::ReportView;
use crate::cli::render::{report_html, text_report};
use crate::cli::ui::{Doc, Ui};
use crate::model::Timestamp;
use crate::report::{self, GroupBy, Period};
use std::path::PathBuf;

/// Report on the service: volumes, times, SLA compliance, satisfaction
///
/// Covers the 30 days before --until (default now) unless --since is
/// given. Dates are YYYY-MM-DD (UTC; --until includes that whole day),
/// RFC 3339 times, or spans back from now like 1w or 30d. Times to respond and resolve are calendar time.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Start of the period: a date, an RFC 3339 time or a span back from now (1w, 30d)
    #[arg(long, value_name = "WHEN", value_parser = when_start)]
    pub since: Option<When>,
    /// End of the period (inclusive for a date)
    #[arg(long, value_name = "WHEN", value_parser = when_end)]
    pub until: Option<When>,
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
    /// The requester (by email)
    Requester,
    /// The requester's department
    Department,
    /// The requester's location
    Location,
    /// The assignment group
    Group,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables and a bar chart for the terminal
    Text,
    /// One standalone HTML page with SVG charts
    Html,
}

/// Runs `tk report`.
pub fn cmd_report(ui: &Ui, ctx: &Ctx, args: &ReportArgs) -> Result<(), CliError> {
    // The period is half-open; by default it ends just after the current
    // second, so what happened this very second counts.
    let now = ctx.now();
    let until = args
        .until
        .map_or_else(|| Timestamp::from_unix(now.unix() + 1), |w| w.resolve(now));
    let since = args.since.map_or_else(
        || Timestamp::from_unix(until.unix() - 30 * 86_400),
        |w| w.resolve(now),
    );
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
        By::Requester => GroupBy::Requester,
        By::Department => GroupBy::Department,
        By::Location => GroupBy::Location,
        By::Group => GroupBy::Group,
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
