//! `tk watch` and `tk unwatch`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ids::TicketIds;
use crate::cli::ui::{one_line, Ui};
use crate::cli::written::{named, report_line, report_writes};
use crate::ops::watch::WatchOptions;

// Documented for rustdoc only: the subcommands' arguments are deferred
// (`commands::Command`), so clap would apply a doc comment here after the
// variant's and show it as the help of every command that shares it.
#[cfg_attr(doc, doc = "The arguments of tk watch and tk unwatch.")]
#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    /// Who watches (`me` for yourself)
    #[arg(default_value = "me")]
    pub who: String,
}

/// Runs `tk watch`.
pub fn cmd_watch(ui: &Ui, ctx: &Ctx, args: &WatchArgs) -> Result<(), CliError> {
    change(ui, ctx, args, true, "is watching")
}

/// Runs `tk unwatch`.
pub fn cmd_unwatch(ui: &Ui, ctx: &Ctx, args: &WatchArgs) -> Result<(), CliError> {
    change(ui, ctx, args, false, "stopped watching")
}

fn change(ui: &Ui, ctx: &Ctx, args: &WatchArgs, watch: bool, verb: &str) -> Result<(), CliError> {
    let who = ctx.person(&args.who)?;
    let targets = args.id.resolve()?;
    if !args.id.is_single() {
        let written = crate::ops::watch::watch_many(ctx, &targets, &who, watch)?;
        if ui.json() {
            return report_writes(ui, ctx, &written, verb);
        }
        for one in &written {
            let line = format!(
                "{} {verb} {}.",
                one_line(&who),
                named(one.short_id(), &one.ticket.state().title)
            );
            report_line(ui, ctx, one, &line)?;
        }
        return Ok(());
    }
    let options = WatchOptions {
        target: targets[0].clone(),
        who: who.clone(),
        watch,
    };
    let written = crate::ops::watch::watch(ctx, options)?;
    let line = format!(
        "{} {verb} {}.",
        one_line(&who),
        named(written.short_id(), &written.ticket.state().title)
    );
    report_line(ui, ctx, &written, &line)
}
