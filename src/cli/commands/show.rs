//! `tk show`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::json::ShowView;
use crate::cli::render;
use crate::cli::ui::Ui;
use crate::model::TicketId;

/// Show a ticket with its comments
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Ticket id or unique prefix (at least 4 characters)
    pub id: String,
    /// Also show the full timeline of events, superseded ones included
    #[arg(long)]
    pub timeline: bool,
}

/// Runs `tk show`.
pub fn cmd_show(ui: &Ui, ctx: &Ctx, args: &ShowArgs) -> Result<(), CliError> {
    let prefix = TicketId::parse_prefix(&args.id)?;
    let loaded = ctx.store()?.find(&prefix)?;
    let sla = ctx.sla(&ctx.team_config_lenient(ui)?, &loaded.ticket);
    if ui.json() {
        return ui.out_json(&ShowView::new(&loaded.ticket, loaded.short_len, &sla));
    }
    let page = render::ticket_page(
        ui,
        &loaded.ticket,
        loaded.short_len,
        &sla,
        args.timeline,
        ctx.now(),
    );
    ui.out(&page)?;
    Ok(())
}
