//! `tk watch` and `tk unwatch`.

use super::{named, record_unless_in_effect, report_line};
use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::ui::{sanitize, Ui};
use crate::model::{Action, TicketId};

/// Follow a ticket, or stop following it
///
/// WHO is an email or name and defaults to `me` (your git email). Watchers
/// are listed by `tk show`. Watching twice changes nothing; unwatching
/// someone who does not watch is refused (exit 5). Allowed in every status.
#[derive(clap::Args, Debug)]
pub struct WatchArgs {
    /// Ticket id or unique prefix
    pub id: String,
    /// Who watches (`me` for yourself)
    #[arg(default_value = "me")]
    pub who: String,
}

/// Runs `tk watch`.
pub fn cmd_watch(ui: &Ui, ctx: &Ctx, args: &WatchArgs) -> Result<(), CliError> {
    let action = Action::Watch {
        who: ctx.person(&args.who)?,
    };
    change(ui, ctx, args, action, "is watching")
}

/// Runs `tk unwatch`.
pub fn cmd_unwatch(ui: &Ui, ctx: &Ctx, args: &WatchArgs) -> Result<(), CliError> {
    let action = Action::Unwatch {
        who: ctx.person(&args.who)?,
    };
    change(ui, ctx, args, action, "stopped watching")
}

fn change(
    ui: &Ui,
    ctx: &Ctx,
    args: &WatchArgs,
    action: Action,
    verb: &str,
) -> Result<(), CliError> {
    let (Action::Watch { who } | Action::Unwatch { who }) = &action else {
        unreachable!("only watch actions come here");
    };
    let who = sanitize(who, false);
    let loaded = ctx.store()?.find(&TicketId::parse_prefix(&args.id)?)?;
    if let Action::Unwatch { who: name } = &action {
        if !loaded.ticket.state().watchers.contains(name) {
            return Err(CliError::new(
                Kind::Transition,
                format!("{who} is not watching ticket {}", loaded.short_id()),
            ));
        }
    }
    let written = record_unless_in_effect(ctx, loaded.ticket.id(), action.name(), &action)?;
    let line = format!(
        "{who} {verb} {}.",
        named(written.short_id(), &written.ticket.state().title)
    );
    report_line(ui, ctx, &written, &line)
}
