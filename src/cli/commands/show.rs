//! `tk show`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::json::{LinkedFromView, ShowView};
use crate::cli::render;
use crate::cli::ui::Ui;
use crate::model::TicketPrefix;

/// Show a ticket with its comments
///
/// Also lists its links in both directions: the links it has, and the
/// tickets that link to it ("Linked from"), its watchers and attachments.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Ticket id or unique prefix (at least 4 characters)
    pub id: TicketPrefix,
    /// Also show the full timeline of events, superseded ones included
    #[arg(long)]
    pub timeline: bool,
}

/// Runs `tk show`.
pub fn cmd_show(ui: &Ui, ctx: &Ctx, args: &ShowArgs) -> Result<(), CliError> {
    let loaded = crate::ops::find(ctx, &args.id)?;
    let config = ctx.team_config_lenient(ui)?;
    let sla = ctx.sla(&config, &loaded.ticket);
    let related = crate::ops::link::related(ctx, &loaded.ticket)?;
    if ui.json() {
        let linked_from = related
            .incoming
            .iter()
            .map(|end| LinkedFromView::new(end.relation, &end.id))
            .collect();
        let view =
            ShowView::new(&loaded.ticket, loaded.short_len, &sla).with_linked_from(linked_from);
        return ui.out_json(&view);
    }
    let page = render::TicketPage {
        ticket: &loaded.ticket,
        short_len: loaded.short_len,
        sla: &sla,
        related: &related,
        now: ctx.now(),
        timeline: args.timeline,
        team: &config,
    };
    ui.out(&page.render(ui))?;
    Ok(())
}
