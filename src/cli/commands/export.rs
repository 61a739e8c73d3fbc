//! `tk export`: every ticket `tk list`'s filters select, written out in
//! full as JSON (state, comments and the whole timeline) or as CSV (one
//! row a ticket, the columns a spreadsheet import names).
//!
//! Selecting goes through the shared listing (`cli/listing.rs`), loading
//! through `ops::export`; this handler only renders.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::json::ShowView;
use crate::cli::listing::{self as list, ListArgs};
use crate::cli::render::ListFormat;
use crate::cli::ui::Ui;
use crate::model::State;
use std::path::PathBuf;

/// Write tickets out in full, as JSON or CSV
///
/// Takes every filter of tk list and, like it, leaves closed tickets out
/// unless --all or --status says so. JSON (the default) is one array of
/// whole tickets, as `tk show --json` prints them: comments and the full
/// timeline included. CSV is one row a ticket with the columns id, title,
/// description, type, priority, impact, urgency, category, tags
/// (comma-separated), requester, assignee, status, created and group (last,
/// so the columns before it keep their places).
#[derive(clap::Args, Debug)]
// On the struct, not the subcommand: the subcommands' arguments are
// defined only when one runs (`defer`), after the variant's attributes.
#[command(mut_arg("format", |a| a
    .value_parser(clap::builder::TypedValueParser::map(clap::builder::PossibleValuesParser::new(["json", "csv"]), |v: String| {
        <crate::cli::render::ListFormat as clap::ValueEnum>::from_str(&v, false)
            .expect("json and csv are list formats")
    }))
    .help("Output format [default: json]")))]
#[command(mut_arg("columns", |a| a.hide(true)))]
pub struct ExportArgs {
    /// Write to FILE instead of stdout (with --json, stdout gets a summary)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub list: ListArgs,
}

/// The CSV columns, in order: the names a CSV import reads.
pub const CSV_COLUMNS: [&str; 14] = [
    "id",
    "title",
    "description",
    "type",
    "priority",
    "impact",
    "urgency",
    "category",
    "tags",
    "requester",
    "assignee",
    "status",
    "created",
    "group",
];

/// What `tk export --json -o FILE` prints.
#[derive(serde::Serialize)]
struct ExportedJson<'a> {
    path: String,
    format: &'a str,
    tickets: usize,
}

fn csv_row(state: &State) -> [String; 14] {
    [
        state.id.to_string(),
        state.title.clone(),
        state.description.clone().unwrap_or_default(),
        state.ticket_type.as_str().to_string(),
        state.priority.as_str().to_string(),
        state.impact.as_str().to_string(),
        state.urgency.as_str().to_string(),
        state.category.clone().unwrap_or_default(),
        state.tags.join(","),
        state
            .requester
            .as_ref()
            .map(|r| r.display())
            .unwrap_or_default(),
        state.assignee.clone().unwrap_or_default(),
        state.status.as_str().to_string(),
        state.created.to_string(),
        state.group.clone().unwrap_or_default(),
    ]
}

fn csv_bytes(states: &[&State]) -> Result<Vec<u8>, CliError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| CliError::new(Kind::Failure, format!("cannot write csv: {e}"));
    writer.write_record(CSV_COLUMNS).map_err(failed)?;
    for state in states {
        writer.write_record(csv_row(state)).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| CliError::new(Kind::Failure, format!("cannot write csv: {}", e.error())))
}

/// Runs `tk export`.
pub fn cmd_export(ui: &Ui, ctx: &Ctx, args: &ExportArgs) -> Result<(), CliError> {
    let viewed = list::with_view(ui, ctx, &args.list)?;
    let filters = viewed.as_ref().unwrap_or(&args.list);
    let format = filters.format.unwrap_or(ListFormat::Json);
    if !matches!(format, ListFormat::Json | ListFormat::Csv) {
        return Err(CliError::usage(
            "tk export writes --format json or csv".to_string(),
        ));
    }
    if !filters.columns.is_empty() {
        return Err(CliError::usage(
            "tk export writes every column: --columns is for tk list".to_string(),
        ));
    }
    if ui.json() && args.output.is_none() && format == ListFormat::Csv {
        return Err(CliError::usage(
            "--json with --format csv needs -o FILE: stdout gets the summary".to_string(),
        ));
    }
    let progress = list::cache_progress(ui);
    let listing = ctx.store()?.list_with(
        &|status| list::wanted_status(filters, status),
        progress.as_deref(),
    )?;
    let mut rows = list::select(ui, ctx, filters, listing.tickets, &listing.broken)?;
    list::sort_rows(&mut rows, filters.sort.unwrap_or_default());
    if let Some(limit) = filters.limit {
        rows.truncate(limit);
    }
    let bytes = match format {
        // A row needs only the listed state: no ticket is loaded whole.
        ListFormat::Csv => {
            let states: Vec<&State> = rows.iter().map(|(t, _)| &*t.state).collect();
            csv_bytes(&states)?
        }
        _ => {
            let ids: Vec<_> = rows.iter().map(|(t, _)| &t.state.id).collect();
            let tickets = crate::ops::export::load(ctx, &ids)?;
            let config = ctx.team_config_lenient(ui)?;
            let slas: Vec<_> = tickets
                .iter()
                .map(|l| ctx.sla(&config, &l.ticket))
                .collect();
            let views: Vec<ShowView<'_>> = tickets
                .iter()
                .zip(&slas)
                .map(|(l, sla)| ShowView::new(&l.ticket, l.short_len, sla))
                .collect();
            if args.output.is_none() {
                return ui.out_json(&views);
            }
            let mut bytes = serde_json::to_vec_pretty(&views)?;
            bytes.push(b'\n');
            bytes
        }
    };
    let Some(path) = &args.output else {
        ui.print(String::from_utf8_lossy(&bytes))?;
        return Ok(());
    };
    let name = if format == ListFormat::Csv {
        "csv"
    } else {
        "json"
    };
    std::fs::write(path, bytes).map_err(|e| {
        CliError::new(
            Kind::Failure,
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    if ui.json() {
        return ui.out_json(&ExportedJson {
            path: path.display().to_string(),
            format: name,
            tickets: rows.len(),
        });
    }
    ui.status(format!(
        "Exported {} tickets to {}.",
        rows.len(),
        path.display()
    ));
    Ok(())
}
