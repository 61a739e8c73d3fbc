//! `tk edit`.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::input::{edit_in_editor, require_editor};
use crate::cli::ui::Ui;
use crate::cli::written::{report_unchanged, report_write};
use crate::codec;
use crate::model::TicketPrefix;
use crate::ops::edit::{EditOptions, Edited};
use std::path::PathBuf;

/// Edit a ticket's fields in $VISUAL or $EDITOR
///
/// Opens the editable fields as TOML; the changes become timeline events in
/// one commit. An unchanged or invalid edit commits nothing. An invalid
/// edit keeps your text, as `git commit` keeps a message: on a terminal tk
/// offers to edit it again; off one it saves the text under .git/tk/ and
/// names the file, which --from FILE starts from next time. Works off a
/// terminal when $VISUAL or $EDITOR is set (so scripts can pass a
/// non-interactive editor); --no-input refuses.
#[derive(clap::Args, Debug)]
pub struct EditArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
    /// Start from the text in FILE (a kept edit) instead of the ticket's fields
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

/// Runs `tk edit`.
pub fn cmd_edit(ui: &Ui, ctx: &Ctx, args: &EditArgs) -> Result<(), CliError> {
    require_editor(ui, "tk edit")
        .map_err(|e| e.hint("use tk set ID FIELD=VALUE to change fields without an editor"))?;
    let loaded = crate::ops::find(ctx, &args.id)?;
    let config = ctx.team_config_lenient(ui)?;
    let custom: Vec<&str> = config.fields.keys().map(String::as_str).collect();
    let form = codec::encode_editable(loaded.ticket.state(), &custom);
    let mut text = match &args.from {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("cannot read {}: {e}", path.display())))?,
        None => form.clone(),
    };
    let outcome = loop {
        let edited = edit_in_editor(&text, ".toml")?;
        if edited == form {
            break Edited::Unchanged;
        }
        let options = EditOptions {
            loaded: &loaded,
            edited: &edited,
        };
        match crate::ops::edit::edit(ctx, options) {
            Ok(outcome) => break outcome,
            Err(crate::ops::Error::Invalid(message)) => {
                if ui.interactive() {
                    ui.warn(&message);
                    let again = dialoguer::Confirm::new()
                        .with_prompt("Edit again?")
                        .default(true)
                        .interact()?;
                    if again {
                        text = edited;
                        continue;
                    }
                }
                let kept = keep_text(ctx, loaded.ticket.id().as_str(), &edited)?;
                return Err(CliError::usage(message).hint(format!(
                    "your text is kept in {} (tk edit {} --from FILE starts from it)",
                    kept.display(),
                    loaded.short_id()
                )));
            }
            Err(e) => return Err(e.into()),
        }
    };
    match outcome {
        Edited::Unchanged => {
            ui.status("No changes.");
            report_unchanged(ui, ctx, &loaded)
        }
        Edited::Written(written) => report_write(ui, ctx, &written, "Edited"),
    }
}

/// Saves a refused edit under tk's local directory and returns its path.
fn keep_text(ctx: &Ctx, id: &str, text: &str) -> Result<PathBuf, CliError> {
    let dir = ctx.store()?.local_dir();
    let path = dir.join(format!("edit-{id}.toml"));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|e| {
            CliError::new(
                Kind::Failure,
                format!("cannot keep the edit in {}: {e}", path.display()),
            )
        })?;
    Ok(path)
}
