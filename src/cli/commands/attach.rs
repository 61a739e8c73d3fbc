//! `tk attach`, `tk attachments` and `tk attachment get`.
//!
//! Attached bytes are committed on the tickets ref at
//! `attachments/<id>/<name>` together with one `attach` event per file.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::json::{AttachmentView, SavedAttachmentView};
use crate::cli::render;
use crate::cli::ui::{one_line, Ui};
use crate::cli::written::{named, report_line};
use crate::model::{check_attachment_name, human_size, TicketPrefix};
use crate::ops::attach::{AttachOptions, Fetched, GetOptions};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Attach files to a ticket
///
/// Each file is stored under its file name (without directories) on the
/// tickets ref, in the same commit as the ticket's `attach` event, and
/// travels with `tk sync`. Attaching a name again replaces it. Names that
/// start with a dot or contain control characters are refused. Files over
/// the limit (`attachments.max_size` in tk.toml, default 10 MiB) are
/// refused and nothing is committed.
#[derive(clap::Args, Debug)]
pub struct AttachArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
    /// The files to attach (at least one)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// List a ticket's attachments
///
/// Shows each attachment's name, size, who attached it and when.
#[derive(clap::Args, Debug)]
pub struct AttachmentsArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
}

/// Work with one attachment of a ticket
#[derive(clap::Subcommand, Debug)]
pub enum AttachmentCommand {
    Get(GetArgs),
}

/// Write an attachment's bytes to a file or stdout
///
/// Without -o, the exact bytes go to stdout (refused on a terminal when
/// they look binary). With --json, -o is required and the attachment's
/// details are printed.
#[derive(clap::Args, Debug)]
pub struct GetArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
    /// The attachment's name, as `tk attachments` lists it
    pub name: String,
    /// Write to FILE instead of stdout (`-` is stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Returns a path for messages, control characters escaped (`\n`), so a
/// hostile file name cannot drive the terminal.
fn shown(path: &Path) -> String {
    path.display()
        .to_string()
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Returns the name a file is attached under: its last path component,
/// checked to be safe as one path component on every clone.
fn attachment_name(path: &Path) -> Result<String, CliError> {
    let last = path
        .components()
        .next_back()
        .map(|c| c.as_os_str())
        .unwrap_or_default();
    let name = last.to_str().ok_or_else(|| {
        CliError::usage(format!(
            "cannot attach {}: the file name is not UTF-8",
            shown(path)
        ))
    })?;
    check_attachment_name(name).map_err(|e| {
        CliError::usage(format!("cannot attach {}: {e}", shown(path)))
            .hint("copy or rename the file to a plain name first")
    })?;
    Ok(name.to_string())
}

/// Reads a file to attach, refusing it past `limit` bytes.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, CliError> {
    let unreadable =
        |e: std::io::Error| CliError::usage(format!("cannot read {}: {e}", shown(path)));
    let too_big = |size: u64| {
        CliError::usage(format!(
            "{} is {} ({size} bytes), over the attachment limit of {} ({limit} bytes)",
            shown(path),
            human_size(size),
            human_size(limit)
        ))
        .hint("the team sets the limit: tk config set attachments.max_size SIZE")
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(CliError::usage(format!(
            "cannot attach {}: not a regular file",
            shown(path)
        )));
    }
    if metadata.len() > limit {
        return Err(too_big(metadata.len()));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Runs `tk attach`.
pub fn cmd_attach(ui: &Ui, ctx: &Ctx, args: &AttachArgs) -> Result<(), CliError> {
    let limit = ctx.team_config()?.attachment_limit;
    let files = args
        .files
        .iter()
        .map(|path| Ok((attachment_name(path)?, read_limited(path, limit)?)))
        .collect::<Result<Vec<_>, CliError>>()?;
    let what: Vec<String> = files
        .iter()
        .map(|(name, bytes)| format!("{} ({})", one_line(name), human_size(bytes.len() as u64)))
        .collect();
    let options = AttachOptions {
        target: args.id.clone(),
        files,
    };
    let written = crate::ops::attach::attach(ctx, options)?;
    let line = format!(
        "Attached {} to {}.",
        what.join(", "),
        named(written.short_id(), &written.ticket.state().title)
    );
    report_line(ui, ctx, &written, &line)
}

/// Runs `tk attachments`.
pub fn cmd_attachments(ui: &Ui, ctx: &Ctx, args: &AttachmentsArgs) -> Result<(), CliError> {
    let loaded = crate::ops::find(ctx, &args.id)?;
    let attachments = &loaded.ticket.state().attachments;
    if ui.json() {
        let views: Vec<_> = attachments.iter().map(AttachmentView::new).collect();
        return ui.out_json(&views);
    }
    if attachments.is_empty() {
        ui.status(format_args!(
            "No attachments on {}.",
            named(loaded.short_id(), &loaded.ticket.state().title)
        ));
        return Ok(());
    }
    ui.out(&render::attachment_table(ui, attachments))?;
    Ok(())
}

/// Runs `tk attachment …`.
pub fn cmd_attachment(ui: &Ui, ctx: &Ctx, command: &AttachmentCommand) -> Result<(), CliError> {
    match command {
        AttachmentCommand::Get(args) => cmd_attachment_get(ui, ctx, args),
    }
}

fn cmd_attachment_get(ui: &Ui, ctx: &Ctx, args: &GetArgs) -> Result<(), CliError> {
    let output = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    if ui.json() && output.is_none() {
        return Err(CliError::usage(
            "--json prints the attachment's details, so the bytes need -o FILE",
        ));
    }
    let options = GetOptions {
        target: &args.id,
        name: &args.name,
    };
    let Fetched {
        loaded,
        info,
        bytes,
    } = crate::ops::attach::get(ctx, options)?;
    let state = loaded.ticket.state();
    let info = &info;
    let Some(path) = output else {
        if std::io::stdout().is_terminal() && looks_binary(&bytes) {
            return Err(CliError::usage(format!(
                "`{}` looks binary; not writing it to the terminal",
                one_line(&info.name)
            ))
            .hint("write it to a file with -o FILE, or pipe it"));
        }
        ui.out_bytes(&bytes)?;
        return Ok(());
    };
    std::fs::write(path, &bytes)
        .map_err(|e| CliError::new(Kind::Failure, format!("cannot write {}: {e}", shown(path))))?;
    if ui.json() {
        return ui.out_json(&SavedAttachmentView::new(&state.id, info, path));
    }
    ui.status(format_args!(
        "Wrote {} ({}) to {}.",
        one_line(&info.name),
        human_size(bytes.len() as u64),
        shown(path)
    ));
    Ok(())
}

/// Returns whether bytes would garble a terminal: NUL or other control
/// characters besides whitespace, or invalid UTF-8.
fn looks_binary(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(text) => text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_last_component_and_checked() {
        let name = |p: &str| attachment_name(Path::new(p)).map_err(|e| e.to_string());
        assert_eq!(name("log.txt"), Ok("log.txt".into()));
        assert_eq!(name("/var/log/../log/syslog"), Ok("syslog".into()));
        assert_eq!(name("../x"), Ok("x".into()));
        assert_eq!(
            name(".."),
            Err("cannot attach ..: attachment name `..` starts with a dot".into())
        );
        assert!(name(".").is_err());
        assert!(name("dir/.env").is_err());
        assert!(name("a\\b").is_err());
        assert!(name("bad\nname").is_err());
        assert!(name("").is_err());
        assert!(name("/").is_err());
    }

    #[test]
    fn binary_detection() {
        assert!(!looks_binary(b"plain text\n\twith tabs\r\n"));
        assert!(looks_binary(b"nul\0byte"));
        assert!(looks_binary(b"\x1b[2J"));
        assert!(looks_binary(&[0xff, 0xfe]));
    }
}
