//! `tk edit`.

use super::record;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::{chosen_editor, edit_in_editor};
use crate::cli::ui::Ui;
use crate::codec;
use crate::model::TicketId;

/// Edit a ticket's fields in $VISUAL or $EDITOR
///
/// Opens the editable fields as TOML; the changes become timeline events in
/// one commit. An unchanged or invalid edit commits nothing. Works off a
/// terminal when $VISUAL or $EDITOR is set (so scripts can pass a
/// non-interactive editor); --no-input refuses.
#[derive(clap::Args, Debug)]
pub struct EditArgs {
    /// Ticket id or unique prefix
    pub id: String,
}

/// Fails unless an editor may be opened: on a terminal, or off one when
/// `$VISUAL`/`$EDITOR` is set (a script's non-interactive editor), and
/// never with `--no-input`.
pub fn require_editor(ui: &Ui, command: &str) -> Result<(), CliError> {
    let editor_set = chosen_editor().is_some();
    let refusal = if ui.no_input() {
        Some(format!(
            "{command} opens an editor, which --no-input forbids"
        ))
    } else if !(ui.interactive() || editor_set) {
        Some(format!(
            "{command} needs an editor: run it on a terminal, or set $EDITOR"
        ))
    } else {
        None
    };
    if let Some(message) = refusal {
        return Err(CliError::usage(message));
    }
    Ok(())
}

/// Runs `tk edit`.
pub fn cmd_edit(ui: &Ui, ctx: &Ctx, args: &EditArgs) -> Result<(), CliError> {
    require_editor(ui, "tk edit")
        .map_err(|e| e.hint("use tk set ID FIELD=VALUE to change fields without an editor"))?;
    let prefix = TicketId::parse_prefix(&args.id)?;
    let loaded = ctx.store()?.find(&prefix)?;
    let state = loaded.ticket.state();
    let form = codec::encode_editable(state);
    let edited = edit_in_editor(&form, ".toml")?;
    if edited == form {
        ui.status("No changes.");
        return super::report_unchanged(ui, ctx, &loaded);
    }
    let mut target = codec::decode_editable(&edited, state)
        .map_err(|e| CliError::usage(format!("invalid edit, nothing saved: {e}")))?;
    let config = ctx.team_config()?;
    // The form always shows a priority; left as it was while impact or
    // urgency changed, it follows the matrix, as with tk set.
    let levels_changed = (target.impact, target.urgency) != (state.impact, state.urgency);
    if levels_changed && target.priority == state.priority {
        target.priority = config.priority(target.impact, target.urgency);
    }
    let actions = loaded.ticket.actions_towards(&target);
    if actions.is_empty() {
        ui.status("No changes.");
        return super::report_unchanged(ui, ctx, &loaded);
    }
    config
        .check_fields(Some(target.ticket_type), target.category.as_deref())
        .map_err(CliError::usage)?;
    record(
        ui,
        ctx,
        loaded.ticket.id().as_str(),
        actions,
        "Edited",
        Some(config),
    )
}
