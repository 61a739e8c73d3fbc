//! `tk edit`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::{edit_in_editor, require_editor};
use crate::cli::ui::Ui;
use crate::cli::written::{report_unchanged, report_write};
use crate::codec;
use crate::model::TicketPrefix;
use crate::ops::edit::{EditOptions, Edited};

/// Edit a ticket's fields in $VISUAL or $EDITOR
///
/// Opens the editable fields as TOML; the changes become timeline events in
/// one commit. An unchanged or invalid edit commits nothing. Works off a
/// terminal when $VISUAL or $EDITOR is set (so scripts can pass a
/// non-interactive editor); --no-input refuses.
#[derive(clap::Args, Debug)]
pub struct EditArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
}

/// Runs `tk edit`.
pub fn cmd_edit(ui: &Ui, ctx: &Ctx, args: &EditArgs) -> Result<(), CliError> {
    require_editor(ui, "tk edit")
        .map_err(|e| e.hint("use tk set ID FIELD=VALUE to change fields without an editor"))?;
    let loaded = crate::ops::find(ctx, &args.id)?;
    let form = codec::encode_editable(loaded.ticket.state());
    let edited = edit_in_editor(&form, ".toml")?;
    let outcome = if edited == form {
        Edited::Unchanged
    } else {
        let options = EditOptions {
            loaded: &loaded,
            edited: &edited,
        };
        crate::ops::edit::edit(ctx, options)?
    };
    match outcome {
        Edited::Unchanged => {
            ui.status("No changes.");
            report_unchanged(ui, ctx, &loaded)
        }
        Edited::Written(written) => report_write(ui, ctx, &written, "Edited"),
    }
}
