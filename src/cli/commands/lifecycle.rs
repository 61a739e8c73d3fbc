//! The lifecycle commands: assign, unassign, comment, start, wait,
//! resolve, close, reopen and rate.
//!
//! Each is a few lines that turn arguments into one timeline event, so they
//! share this module instead of a file each (a deliberate departure from
//! STYLE.md §2, explained in docs/architecture.md).

use super::record;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::BodyArgs;
use crate::cli::ui::Ui;
use crate::model::{Action, CloseReason};

/// The arguments of a command that takes only a ticket
#[derive(clap::Args, Debug)]
pub struct IdArgs {
    /// Ticket id or unique prefix (at least 4 characters)
    pub id: String,
}

/// Assign a ticket to someone
///
/// WHO is an email or name; `me` is your git email. With --auto, picks the
/// team member with the ticket's category as a skill and the fewest open
/// tickets. A new ticket becomes assigned; a ticket in progress or waiting
/// keeps its status.
#[derive(clap::Args, Debug)]
pub struct AssignArgs {
    /// Ticket id or unique prefix
    pub id: String,
    /// The new assignee (`me` for yourself)
    #[arg(required_unless_present = "auto", conflicts_with = "auto")]
    pub who: Option<String>,
    /// Pick the assignee by skill and workload
    #[arg(long)]
    pub auto: bool,
}

/// Add a comment to a ticket
///
/// Without -m or --file, opens $VISUAL/$EDITOR on a terminal.
#[derive(clap::Args, Debug)]
pub struct CommentArgs {
    /// Ticket id or unique prefix
    pub id: String,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Mark the comment as internal to the team
    #[arg(long)]
    pub internal: bool,
}

/// The arguments of a status change with an optional reason
#[derive(clap::Args, Debug)]
pub struct ReasonArgs {
    /// Ticket id or unique prefix
    pub id: String,
    #[command(flatten)]
    pub body: BodyArgs,
}

/// Resolve a ticket, writing down the solution
///
/// Without -m or --file, opens $VISUAL/$EDITOR on a terminal.
#[derive(clap::Args, Debug)]
pub struct ResolveArgs {
    /// Ticket id or unique prefix
    pub id: String,
    #[command(flatten)]
    pub body: BodyArgs,
}

/// Close a ticket
///
/// A resolved ticket closes as it is; an open one needs --reason.
/// --duplicate-of OTHER links the ticket as a duplicate of OTHER and closes
/// it with reason duplicate, in one commit.
#[derive(clap::Args, Debug)]
pub struct CloseArgs {
    /// Ticket id or unique prefix
    pub id: String,
    /// Why an unresolved ticket is closed
    #[arg(long, value_parser = parse_reason)]
    pub reason: Option<CloseReason>,
    /// Close as a duplicate of OTHER, linking to it (implies --reason duplicate)
    #[arg(long, value_name = "OTHER")]
    pub duplicate_of: Option<String>,
    #[command(flatten)]
    pub body: BodyArgs,
}

/// Rate the service on a resolved or closed ticket
#[derive(clap::Args, Debug)]
pub struct RateArgs {
    /// Ticket id or unique prefix
    pub id: String,
    /// 1 (poor) to 5 (excellent)
    #[arg(value_parser = clap::value_parser!(u8).range(1..=5))]
    pub score: u8,
    #[command(flatten)]
    pub body: BodyArgs,
}

fn parse_reason(text: &str) -> Result<CloseReason, String> {
    text.parse()
        .map_err(|e: crate::model::ParseFieldError| e.to_string())
}

/// Runs `tk assign`.
pub fn cmd_assign(ui: &Ui, ctx: &Ctx, args: &AssignArgs) -> Result<(), CliError> {
    let assignee = match &args.who {
        Some(who) => ctx.person(who)?,
        None => {
            let store = ctx.store()?;
            let ticket = store.find(&crate::model::TicketId::parse_prefix(&args.id)?)?;
            let config = store.team_config()?;
            let pick =
                super::auto_assign::pick(ctx, &config, ticket.ticket.state().category.as_deref())?;
            ui.status(&format!(
                "Auto-assigning to {}: {}.",
                pick.email, pick.reason
            ));
            pick.email
        }
    };
    let verb = format!("Assigned to {assignee}:");
    record(
        ui,
        ctx,
        &args.id,
        vec![Action::Assign { assignee }],
        &verb,
        None,
    )
}

/// Runs `tk unassign`.
pub fn cmd_unassign(ui: &Ui, ctx: &Ctx, args: &IdArgs) -> Result<(), CliError> {
    record(
        ui,
        ctx,
        &args.id,
        vec![Action::Unassign],
        "Unassigned",
        None,
    )
}

/// Runs `tk comment`.
pub fn cmd_comment(ui: &Ui, ctx: &Ctx, args: &CommentArgs) -> Result<(), CliError> {
    let body = args.body.required(ui, "comment")?;
    let action = Action::Comment {
        body,
        internal: args.internal,
    };
    record(ui, ctx, &args.id, vec![action], "Commented on", None)
}

/// Runs `tk start`.
pub fn cmd_start(ui: &Ui, ctx: &Ctx, args: &IdArgs) -> Result<(), CliError> {
    record(ui, ctx, &args.id, vec![Action::Start], "Started", None)
}

/// Runs `tk wait`.
pub fn cmd_wait(ui: &Ui, ctx: &Ctx, args: &ReasonArgs) -> Result<(), CliError> {
    let reason = args.body.given()?;
    record(
        ui,
        ctx,
        &args.id,
        vec![Action::Wait { reason }],
        "Waiting on",
        None,
    )
}

/// Runs `tk resolve`.
pub fn cmd_resolve(ui: &Ui, ctx: &Ctx, args: &ResolveArgs) -> Result<(), CliError> {
    let summary = args.body.required(ui, "resolution summary")?;
    record(
        ui,
        ctx,
        &args.id,
        vec![Action::Resolve { summary }],
        "Resolved",
        None,
    )
}

/// Runs `tk close`.
pub fn cmd_close(ui: &Ui, ctx: &Ctx, args: &CloseArgs) -> Result<(), CliError> {
    if let Some(other) = &args.duplicate_of {
        let note = args.body.given()?;
        return super::link::cmd_close_duplicate(ui, ctx, &args.id, other, args.reason, note);
    }
    let action = Action::Close {
        reason: args.reason,
        note: args.body.given()?,
    };
    record(ui, ctx, &args.id, vec![action], "Closed", None)
}

/// Runs `tk reopen`.
pub fn cmd_reopen(ui: &Ui, ctx: &Ctx, args: &ReasonArgs) -> Result<(), CliError> {
    let reason = args.body.given()?;
    record(
        ui,
        ctx,
        &args.id,
        vec![Action::Reopen { reason }],
        "Reopened",
        None,
    )
}

/// Runs `tk rate`.
pub fn cmd_rate(ui: &Ui, ctx: &Ctx, args: &RateArgs) -> Result<(), CliError> {
    let action = Action::Rate {
        score: args.score,
        comment: args.body.given()?,
    };
    let verb = format!("Rated {}/5:", args.score);
    record(ui, ctx, &args.id, vec![action], &verb, None)
}
