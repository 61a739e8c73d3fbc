//! `tk import`: reads the file (or stdin), hands its bytes to
//! `ops::import`, and reports what it did, every bad record by its line or
//! index, or what a dry run would do.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::ui::{counted, one_line, Paint, Ui};
use crate::ops::import::{self, Format, ImportOptions, Imported, Place, RowError};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// Bring tickets in from a tk export, a CSV file or GitHub issues
///
/// FILE is tk's own JSON export (--format json, the default for a .json
/// file), CSV whose header line names the columns (--format csv, the
/// default for a .csv file), or the output of `gh issue list --json
/// number,title,body,state,author,createdAt,closedAt,labels,comments`
/// (--format github). Every record's ticket id derives from its source id,
/// so importing the same file again adds nothing. A bad record fails the
/// whole import: each is named by its line (CSV) or index (JSON), and
/// nothing is committed. The tickets are one commit.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The file to read; `-` reads stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What the file is: json (a tk export), csv or github
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// The repository GitHub issues come from, as OWNER/REPO (needed when
    /// gh's JSON has no `url` field)
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Check every record and print what would be imported; commit nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The formats `tk import` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// tk's own export (`tk export --format json`)
    Json,
    /// CSV with a header line naming the columns
    Csv,
    /// `gh issue list --json number,title,body,state,author,createdAt,closedAt,labels,comments`
    Github,
}

/// What `tk import --json` prints.
#[derive(serde::Serialize)]
struct ImportView<'a> {
    dry_run: bool,
    imported: usize,
    present: usize,
    commit: Option<&'a str>,
    created: Vec<CreatedView<'a>>,
    already_present: Vec<PresentView<'a>>,
    warnings: &'a [String],
    errors: Vec<ErrorView<'a>>,
}

#[derive(serde::Serialize)]
struct CreatedView<'a> {
    id: &'a str,
    title: &'a str,
    source: &'a str,
    #[serde(flatten)]
    place: PlaceView,
}

#[derive(serde::Serialize)]
struct PresentView<'a> {
    id: &'a str,
    #[serde(flatten)]
    place: PlaceView,
}

#[derive(serde::Serialize)]
struct ErrorView<'a> {
    #[serde(flatten)]
    place: PlaceView,
    message: &'a str,
}

/// A record's place: `line` for CSV, `index` for JSON.
#[derive(serde::Serialize)]
struct PlaceView {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

impl From<Place> for PlaceView {
    fn from(place: Place) -> Self {
        match place {
            Place::Line(line) => PlaceView {
                line: Some(line),
                index: None,
            },
            Place::Index(index) => PlaceView {
                line: None,
                index: Some(index),
            },
        }
    }
}

/// Runs `tk import`.
pub fn cmd_import(ui: &Ui, ctx: &Ctx, args: &ImportArgs) -> Result<(), CliError> {
    let format = match args.format.or_else(|| by_extension(&args.file)) {
        Some(format) => format,
        None => {
            return Err(CliError::usage(format!(
                "cannot tell the format of {}: give --format json, csv or github",
                shown(&args.file)
            )))
        }
    };
    if args.source.is_some() && format != ImportFormat::Github {
        return Err(CliError::usage(
            "--source names a GitHub repository: it goes with --format github",
        ));
    }
    let input = read(&args.file)?;
    let options = ImportOptions {
        format: match format {
            ImportFormat::Json => Format::Json,
            ImportFormat::Csv => Format::Csv,
            ImportFormat::Github => Format::Github,
        },
        input: &input,
        source: args.source.as_deref(),
        dry_run: args.dry_run,
    };
    let name = shown(&args.file);
    match import::import(ctx, options) {
        Ok(imported) => report(ui, &imported, args.dry_run),
        Err(import::Error::Records(errors)) => Err(refuse(ui, &name, &errors, args.dry_run)),
        Err(import::Error::Input(message)) => Err(CliError::usage(format!("{name}: {message}"))),
        Err(import::Error::Op(e)) => Err(e.into()),
    }
}

/// Returns the format a file's extension says.
fn by_extension(path: &Path) -> Option<ImportFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(ImportFormat::Json),
        "csv" => Some(ImportFormat::Csv),
        _ => None,
    }
}

/// Returns how messages name the input.
fn shown(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// Reads the input, refusing more than the import limit without reading
/// it all, and a terminal on stdin (there is no file to wait for).
fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    let limit = import::MAX_INPUT_BYTES as u64;
    let name = shown(path);
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return Err(CliError::usage(
                "tk import - reads stdin, which is a terminal: pipe a file in or name it",
            ));
        }
        stdin.lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        if path.is_dir() {
            return Err(CliError::usage(format!(
                "cannot read {name}: it is a directory, not a file"
            )));
        }
        std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = result {
        let message = format!("cannot read {name}: {e}");
        return Err(match e.kind() {
            std::io::ErrorKind::NotFound => CliError::usage(message),
            _ => CliError::new(Kind::Failure, message),
        });
    }
    if bytes.len() as u64 > limit {
        return Err(CliError::usage(format!(
            "{name} is over the import limit of {limit} bytes"
        )));
    }
    Ok(bytes)
}

/// Prints every bad record and returns the error that ends the import.
fn refuse(ui: &Ui, name: &str, errors: &[RowError], dry_run: bool) -> CliError {
    if ui.json() {
        let view = ImportView {
            dry_run,
            imported: 0,
            present: 0,
            commit: None,
            created: Vec::new(),
            already_present: Vec::new(),
            warnings: &[],
            errors: errors
                .iter()
                .map(|e| ErrorView {
                    place: e.place.into(),
                    message: &e.message,
                })
                .collect(),
        };
        if let Err(e) = ui.out_json(&view) {
            return e;
        }
    }
    let mut doc = ui.doc_stderr();
    for error in errors {
        doc.paint(Paint::Error, "error")
            .text(format_args!(": {name}: {error}\n"));
    }
    ui.err(&doc);
    let count = counted(errors.len(), "bad record", "bad records");
    CliError::usage(format!("nothing imported: {count} in {name}"))
        .hint("fix them and import the file again; records already imported are skipped")
}

/// Prints what the import did (or would do).
fn report(ui: &Ui, imported: &Imported, dry_run: bool) -> Result<(), CliError> {
    for warning in &imported.warnings {
        ui.warn(warning);
    }
    if ui.json() {
        return ui.out_json(&ImportView {
            dry_run,
            imported: imported.created.len(),
            present: imported.present.len(),
            commit: imported.commit.as_deref(),
            created: imported
                .created
                .iter()
                .map(|t| CreatedView {
                    id: t.ticket.id().as_str(),
                    title: &t.ticket.state().title,
                    source: &t.source,
                    place: t.place.into(),
                })
                .collect(),
            already_present: imported
                .present
                .iter()
                .map(|p| PresentView {
                    id: p.id.as_str(),
                    place: p.place.into(),
                })
                .collect(),
            warnings: &imported.warnings,
            errors: Vec::new(),
        });
    }
    let mut doc = ui.doc();
    for t in &imported.created {
        doc.text(format_args!(
            "{}\t{}\t{}\n",
            t.ticket.id(),
            t.place,
            one_line(&t.ticket.state().title)
        ));
    }
    ui.out(&doc)?;
    let (created, present) = (imported.created.len(), imported.present.len());
    if dry_run {
        ui.status(format_args!(
            "{created} would be imported, {present} already present; nothing committed (--dry-run)."
        ));
    } else {
        ui.status(format_args!(
            "{created} imported, {present} already present."
        ));
    }
    Ok(())
}
