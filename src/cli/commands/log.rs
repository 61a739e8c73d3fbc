//! `tk log`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::json::LogView;
use crate::cli::render::local_time;
use crate::cli::ui::{sanitize, Paint, Ui};
use crate::model::TicketId;

/// Show the history of the tickets ref, or of one ticket
///
/// Read from `git log` of the ref through the Tk-Action and Tk-Ticket
/// trailers, so it includes changes made with plain git.
#[derive(clap::Args, Debug)]
pub struct LogArgs {
    /// Only commits that changed this ticket
    pub id: Option<String>,
    /// Show at most N commits
    #[arg(short = 'n', long = "max-count", value_name = "N")]
    pub limit: Option<usize>,
}

/// Runs `tk log`.
pub fn cmd_log(ui: &Ui, ctx: &Ctx, args: &LogArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let id = match &args.id {
        Some(id) => Some(
            store
                .find(&TicketId::parse_prefix(id)?)?
                .ticket
                .id()
                .clone(),
        ),
        None => None,
    };
    let entries = store.history(id.as_ref(), args.limit)?;
    if ui.json() {
        let views: Vec<LogView<'_>> = entries.iter().map(LogView::new).collect();
        return ui.out_json(&views);
    }
    let mut out = String::new();
    for entry in &entries {
        out.push_str(&format!(
            "{} {} {}  {}\n",
            ui.paint(&entry.commit[..10], Paint::Hint),
            ui.paint(&local_time(entry.at), Paint::Dim),
            sanitize(&entry.author, false),
            sanitize(&entry.subject, false),
        ));
    }
    ui.out(&out)?;
    Ok(())
}
