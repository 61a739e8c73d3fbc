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
use crate::cli::ui::{counted, Ui};
use crate::model::State;
use std::path::PathBuf;

/// Write tickets out in full, as JSON or CSV
///
/// Takes every filter of tk list and, like it, leaves closed tickets out
/// unless --all or --status says so. JSON (the default) is one object,
/// {"format": "tk-export", "version": 1, "tickets": [...]}, whose tickets
/// are whole, as `tk show --json` prints them: comments and the full
/// timeline included; tk import reads it back. CSV is one row a ticket
/// with the columns id, title, description, type, priority, impact,
/// urgency, category, tags (comma-separated), requester, assignee, status,
/// created and group (so the columns before it keep their places), then
/// one column per custom field the team defines, named field.NAME.
#[derive(clap::Args, Debug)]
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

/// A JSON export: tk's format name and version, then the tickets, so an
/// import can tell a tk export from other JSON and from a newer one.
#[derive(serde::Serialize)]
struct ExportView<'a> {
    format: &'static str,
    version: u32,
    tickets: Vec<ShowView<'a>>,
}

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

/// Returns the CSV of `states`: [`CSV_COLUMNS`], then a `field.NAME`
/// column for each of `fields` (empty where a ticket has no value).
fn csv_bytes(states: &[&State], fields: &[&str]) -> Result<Vec<u8>, CliError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| CliError::new(Kind::Failure, format!("cannot write csv: {e}"));
    let header = CSV_COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(fields.iter().map(|f| format!("field.{f}")));
    writer.write_record(header).map_err(failed)?;
    for state in states {
        let values = fields.iter().map(|f| {
            state
                .fields
                .get(*f)
                .map(|v| v.to_string())
                .unwrap_or_default()
        });
        writer
            .write_record(csv_row(state).into_iter().chain(values))
            .map_err(failed)?;
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
            let config = ctx.team_config_lenient(ui)?;
            let fields: Vec<&str> = config.fields.keys().map(String::as_str).collect();
            csv_bytes(&states, &fields)?
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
            let export = ExportView {
                format: crate::ops::export::FORMAT,
                version: crate::ops::export::VERSION,
                tickets: views,
            };
            if args.output.is_none() {
                return ui.out_json(&export);
            }
            let mut bytes = serde_json::to_vec_pretty(&export)?;
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
        "Exported {} to {}.",
        counted(rows.len(), "ticket", "tickets"),
        path.display()
    ));
    Ok(())
}
