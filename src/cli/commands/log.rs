//! `tk log`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::json::LogView;
use crate::cli::render::local_time;
use crate::cli::ui::{one_line, Paint, Ui};
use crate::model::TicketPrefix;

/// Show the history of the tickets ref, or of one ticket
///
/// Read from `git log` of the ref through the Tk-Action and Tk-Ticket
/// trailers, so it includes changes made with plain git.
#[derive(clap::Args, Debug)]
pub struct LogArgs {
    /// Only commits that changed this ticket
    pub id: Option<TicketPrefix>,
    /// Show at most N commits
    #[arg(short = 'n', long = "max-count", value_name = "N")]
    pub limit: Option<usize>,
}

/// Runs `tk log`.
pub fn cmd_log(ui: &Ui, ctx: &Ctx, args: &LogArgs) -> Result<(), CliError> {
    let id = match &args.id {
        Some(id) => Some(crate::ops::find(ctx, id)?.ticket.id().clone()),
        None => None,
    };
    let store = ctx.store()?;
    let entries = store.history(id.as_ref(), args.limit)?;
    if ui.json() {
        let views: Vec<LogView<'_>> = entries.iter().map(LogView::new).collect();
        return ui.out_json(&views);
    }
    let mut out = ui.doc();
    for entry in &entries {
        out.paint(Paint::Hint, entry.commit.get(..10).unwrap_or(&entry.commit))
            .text(" ")
            .paint(Paint::Dim, local_time(entry.at))
            .text(format_args!(
                " {}  {}\n",
                one_line(&entry.author),
                one_line(&entry.subject)
            ));
    }
    ui.out(&out)?;
    Ok(())
}
