//! `tk escalate`.

use crate::cli::args::keyword;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::BodyArgs;
use crate::cli::json::WriteView;
use crate::cli::ui::Ui;
use crate::cli::written::{named, report_write};
use crate::model::{Priority, TicketPrefix};
use crate::ops::escalate::{BreachedOptions, EscalateOptions};

/// Escalate a ticket, or every open ticket that missed an SLA target
///
/// With ID, records an escalate event with the reason (-m, required): --to
/// GROUP moves the ticket to that group (an assignee who is not in it is
/// removed; --auto-assign picks a member), --to WHO hands it to WHO (the
/// new assignee), --priority raises it (the SLA targets follow). Without
/// --to, the ticket goes where its group escalates to (tk group add
/// --escalate-to), if anywhere. With --breached, escalates every open
/// ticket that missed a response or resolution target it was not
/// escalated for yet, in one commit: run it from cron, it escalates each
/// breach once.
#[derive(clap::Args, Debug)]
pub struct EscalateArgs {
    /// Ticket id or unique prefix
    #[arg(required_unless_present = "breached", conflicts_with = "breached")]
    pub id: Option<TicketPrefix>,
    /// The group it goes to, or who takes it over (`me` for yourself)
    #[arg(long, value_name = "GROUP|WHO")]
    pub to: Option<String>,
    /// The new priority
    #[arg(long, value_parser = keyword::<Priority>, conflicts_with = "breached")]
    pub priority: Option<Priority>,
    /// Escalate every open ticket that missed a target, once per breach
    #[arg(long)]
    pub breached: bool,
    /// Assign it to a member of the group it goes to, picked by skill,
    /// availability and workload (as on tk assign)
    #[arg(long, conflicts_with = "breached")]
    pub auto_assign: bool,
    #[command(flatten)]
    pub body: BodyArgs,
}

/// Runs `tk escalate`.
pub fn cmd_escalate(ui: &Ui, ctx: &Ctx, args: &EscalateArgs) -> Result<(), CliError> {
    let to = args.to.as_deref().map(|w| ctx.person(w)).transpose()?;
    let Some(id) = &args.id else {
        if args.body.given()?.is_some() {
            return Err(CliError::usage(
                "tk escalate --breached writes its own reason (the target missed); drop -m",
            ));
        }
        let escalated = crate::ops::escalate::escalate_breached(ctx, BreachedOptions { to })?;
        if ui.json() {
            let config = ctx.team_config_lenient(ui)?;
            let views: Vec<WriteView<'_>> = escalated
                .iter()
                .map(|w| {
                    let sla = ctx.sla(&config, &w.ticket);
                    WriteView::new(&w.ticket, w.short_len, &sla, w.commit.as_deref())
                })
                .collect();
            return ui.out_json(&views);
        }
        for w in &escalated {
            ui.status(format_args!(
                "Escalated {}.",
                named(w.short_id(), &w.ticket.state().title)
            ));
        }
        match escalated.len() {
            0 => ui.status("No open ticket missed a target it was not escalated for."),
            1 => ui.status("Escalated 1 ticket."),
            n => ui.status(format_args!("Escalated {n} tickets.")),
        }
        return Ok(());
    };
    let reason = args.body.required(ui, "escalation reason")?;
    let options = EscalateOptions {
        target: id.clone(),
        to: to.clone(),
        priority: args.priority,
        reason,
        auto_assign: args.auto_assign,
    };
    let escalated = crate::ops::escalate::escalate(ctx, options)?;
    if let Some(pick) = &escalated.pick {
        ui.status(format_args!(
            "Auto-assigning to {}: {}.",
            pick.email, pick.reason
        ));
    }
    let verb = match (&escalated.group, &escalated.to) {
        (Some(group), Some(to)) => format!("Escalated to group {group}, {to}:"),
        (Some(group), None) => format!("Escalated to group {group}:"),
        (None, Some(to)) => format!("Escalated to {to}:"),
        (None, None) => "Escalated".to_string(),
    };
    report_write(ui, ctx, &escalated.written, &verb)
}
