//! The lifecycle commands: assign, unassign, comment, start, wait,
//! resolve, close, reopen and rate.
//!
//! Each is a few lines that turn arguments into one timeline event, so they
//! share this module instead of a file each (a deliberate departure from
//! the one-file-per-command rule, explained in docs/architecture.md).

use crate::cli::args::keyword;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ids::TicketIds;
use crate::cli::input::BodyArgs;
use crate::cli::ui::Ui;
use crate::cli::written::{named, report_line};
use crate::cli::written::{report_write, report_writes};
use crate::model::{Action, CloseReason, TicketPrefix};
use crate::ops::assign::{AssignOptions, Assignee};
use crate::ops::link::CloseDuplicateOptions;
use crate::ops::rate::RateOptions;
use crate::ops::record::RecordOptions;

// Documented for rustdoc only: the subcommands' arguments are deferred
// (`commands::Command`), so clap would apply a doc comment here after the
// variant's and show it as the help of every command that shares it.
#[cfg_attr(doc, doc = "The arguments of a command that takes only a ticket.")]
#[derive(clap::Args, Debug)]
pub struct IdArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
}

/// Assign a ticket to someone
///
/// WHO is an email or name; `me` is your git email. With --auto-assign,
/// picks among the team members who are not away and under their cap the
/// one with the ticket's category as a skill and the fewest open tickets;
/// when the ticket has a group, only among the group's members.
/// --group NAME moves the ticket to that group (with or without WHO). A
/// new ticket becomes assigned; a ticket in progress or waiting keeps its
/// status.
#[derive(clap::Args, Debug)]
pub struct AssignArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    /// The new assignee (`me` for yourself)
    #[arg(
        required_unless_present_any = ["auto_assign", "group"],
        conflicts_with = "auto_assign"
    )]
    pub who: Option<String>,
    /// Move the ticket to this group (`tk group list`); with
    /// --auto-assign, the pick is made among its members
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// Pick the assignee by skill, availability and workload (as on tk new)
    #[arg(long = "auto-assign", alias = "auto")]
    pub auto_assign: bool,
}

/// Add a comment to a ticket
///
/// Without -m or --file, opens $VISUAL/$EDITOR on a terminal.
#[derive(clap::Args, Debug)]
pub struct CommentArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Mark the comment as internal to the team
    #[arg(long)]
    pub internal: bool,
}

// Documented for rustdoc only: the subcommands' arguments are deferred
// (`commands::Command`), so clap would apply a doc comment here after the
// variant's and show it as the help of every command that shares it.
#[cfg_attr(doc, doc = "The arguments of a status change with an optional reason.")]
#[derive(clap::Args, Debug)]
pub struct ReasonArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    #[command(flatten)]
    pub body: BodyArgs,
}

/// Resolve a ticket, writing down the solution
///
/// Without -m or --file, opens $VISUAL/$EDITOR on a terminal. A parent with
/// open children is refused (exit 5, naming them) unless --cascade, which
/// resolves the open children with the same summary in the same commit.
#[derive(clap::Args, Debug)]
pub struct ResolveArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Also resolve its open children
    #[arg(long)]
    pub cascade: bool,
}

/// Close a ticket
///
/// A resolved ticket closes as it is; an open one needs --reason.
/// --duplicate-of OTHER links the ticket as a duplicate of OTHER and closes
/// it with reason duplicate, in one commit. A parent with open children is
/// refused (exit 5, naming them) unless --cascade, which closes them too.
#[derive(clap::Args, Debug)]
pub struct CloseArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    /// Why an unresolved ticket is closed
    #[arg(long, value_parser = keyword::<CloseReason>)]
    pub reason: Option<CloseReason>,
    /// Close as a duplicate of OTHER, linking to it (implies --reason duplicate)
    #[arg(long, value_name = "OTHER")]
    pub duplicate_of: Option<TicketPrefix>,
    /// Also close its open children (with the same reason, or resolved
    /// with it first)
    #[arg(long, conflicts_with = "duplicate_of")]
    pub cascade: bool,
    #[command(flatten)]
    pub body: BodyArgs,
}

/// Rate the service on a resolved or closed ticket
///
/// The requester rates as themselves. A team member entering the rating a
/// requester gave them (by phone, in person) passes --on-behalf; reports
/// keep those ratings apart from the requesters' own.
#[derive(clap::Args, Debug)]
pub struct RateArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
    /// 1 (poor) to 5 (excellent)
    #[arg(value_parser = clap::value_parser!(u8).range(1..=5))]
    pub score: u8,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Enter the rating the requester gave you, on their behalf
    #[arg(long)]
    pub on_behalf: bool,
}

/// Records one action with `ops::record` on every ticket `ids` names, in
/// one commit, and reports it with `verb`.
fn record(ui: &Ui, ctx: &Ctx, ids: &TicketIds, action: Action, verb: &str) -> Result<(), CliError> {
    let targets = ids.resolve()?;
    if ids.is_single() {
        let options = RecordOptions {
            target: targets[0].clone(),
            actions: vec![action],
        };
        let written = crate::ops::record::record(ctx, options)?;
        return report_write(ui, ctx, &written, verb);
    }
    let written = crate::ops::record::record_many(ctx, targets, vec![action])?;
    report_writes(ui, ctx, &written, verb)
}

/// Refuses to read both the ids and a text from stdin.
fn one_stdin(ids: &TicketIds, body: &BodyArgs) -> Result<(), CliError> {
    if ids.is_stdin() && body.message.as_deref() == Some("-") {
        return Err(CliError::usage(
            "the ids and the text cannot both come from stdin: give the text with -m TEXT or --file FILE",
        ));
    }
    Ok(())
}

/// Runs `tk assign`.
pub fn cmd_assign(ui: &Ui, ctx: &Ctx, args: &AssignArgs) -> Result<(), CliError> {
    let to = match &args.who {
        Some(who) => Some(Assignee::Person(ctx.person(who)?)),
        None if args.auto_assign => Some(Assignee::Auto),
        None => None,
    };
    let group = args.group.as_deref().map(|g| g.trim().to_lowercase());
    if !args.id.is_single() {
        let assignee = match to {
            Some(Assignee::Auto) => {
                return Err(CliError::usage(
                    "tk assign --auto takes one ticket: each pick depends on the one before",
                ))
            }
            Some(Assignee::Person(assignee)) => Some(assignee),
            None => None,
        };
        let verb = assigned_verb(assignee.as_deref(), group.as_deref());
        let actions = crate::ops::assign::actions(group, assignee);
        let targets = args.id.resolve()?;
        let written = crate::ops::record::record_many(ctx, targets, actions)?;
        return report_writes(ui, ctx, &written, &verb);
    }
    let options = AssignOptions {
        target: args.id.one("tk assign")?,
        to,
        group: group.clone(),
    };
    let assigned = crate::ops::assign::assign(ctx, options)?;
    if let Some(pick) = &assigned.pick {
        ui.status(format_args!(
            "Auto-assigning to {}: {}.",
            pick.email, pick.reason
        ));
    }
    let verb = assigned_verb(assigned.assignee.as_deref(), group.as_deref());
    report_write(ui, ctx, &assigned.written, &verb)
}

/// Returns how an assignment is reported: to whom, and in which group.
fn assigned_verb(assignee: Option<&str>, group: Option<&str>) -> String {
    match (assignee, group) {
        (Some(who), Some("")) => format!("Assigned to {who}, out of its group:"),
        (None, Some("")) => "Taken out of its group:".to_string(),
        (Some(who), Some(group)) => format!("Assigned to {who} in group {group}:"),
        (Some(who), None) => format!("Assigned to {who}:"),
        (None, Some(group)) => format!("Moved to group {group}:"),
        (None, None) => "Assigned".to_string(),
    }
}

/// Runs `tk unassign`.
pub fn cmd_unassign(ui: &Ui, ctx: &Ctx, args: &IdArgs) -> Result<(), CliError> {
    record(ui, ctx, &args.id, Action::Unassign, "Unassigned")
}

/// Runs `tk comment`.
pub fn cmd_comment(ui: &Ui, ctx: &Ctx, args: &CommentArgs) -> Result<(), CliError> {
    one_stdin(&args.id, &args.body)?;
    let body = args.body.required(ui, "comment")?;
    let action = Action::Comment {
        body,
        internal: args.internal,
    };
    record(ui, ctx, &args.id, action, "Commented on")
}

/// Runs `tk start`.
pub fn cmd_start(ui: &Ui, ctx: &Ctx, args: &IdArgs) -> Result<(), CliError> {
    record(ui, ctx, &args.id, Action::Start, "Started")
}

/// Runs `tk wait`.
pub fn cmd_wait(ui: &Ui, ctx: &Ctx, args: &ReasonArgs) -> Result<(), CliError> {
    one_stdin(&args.id, &args.body)?;
    let reason = args.body.given()?;
    record(ui, ctx, &args.id, Action::Wait { reason }, "Waiting on")
}

/// Runs `tk resolve`.
pub fn cmd_resolve(ui: &Ui, ctx: &Ctx, args: &ResolveArgs) -> Result<(), CliError> {
    one_stdin(&args.id, &args.body)?;
    let summary = args.body.required(ui, "resolution summary")?;
    finish(
        ui,
        ctx,
        &args.id,
        Action::Resolve { summary },
        args.cascade,
        "Resolved",
    )
}

/// Resolves or closes a ticket under the open-children rule, and reports
/// the parent (and, on stderr, each child the change cascaded to).
///
/// Several ids are one commit without children to finish: each must have
/// no open children, and --cascade takes one ticket.
fn finish(
    ui: &Ui,
    ctx: &Ctx,
    ids: &TicketIds,
    action: Action,
    cascade: bool,
    verb: &str,
) -> Result<(), CliError> {
    let targets = ids.resolve()?;
    if !ids.is_single() {
        if cascade {
            return Err(CliError::usage("--cascade takes one ticket"));
        }
        for target in &targets {
            crate::ops::children::refuse_open_children(ctx, target, action.name())?;
        }
        let written = crate::ops::record::record_many(ctx, targets, vec![action])?;
        return report_writes(ui, ctx, &written, verb);
    }
    let written = crate::ops::children::finish(ctx, &targets[0], action, cascade)?;
    let mut written = written.into_iter();
    let parent = written.next().ok_or_else(|| {
        CliError::new(
            crate::cli::error::Kind::Internal,
            "a resolve or close wrote no ticket",
        )
    })?;
    if !ui.json() {
        for child in written.filter(|w| w.commit.is_some()) {
            ui.status(format_args!(
                "{verb} child {}.",
                named(child.short_id(), &child.ticket.state().title)
            ));
        }
    }
    report_write(ui, ctx, &parent, verb)
}

/// Runs `tk close`, and `tk close --duplicate-of OTHER`, which links the
/// ticket as a duplicate of OTHER and closes it, in one commit.
pub fn cmd_close(ui: &Ui, ctx: &Ctx, args: &CloseArgs) -> Result<(), CliError> {
    one_stdin(&args.id, &args.body)?;
    if let Some(other) = &args.duplicate_of {
        let options = CloseDuplicateOptions {
            target: args.id.one("tk close --duplicate-of")?,
            of: other.clone(),
            reason: args.reason,
            note: args.body.given()?,
        };
        let linked = crate::ops::link::close_duplicate(ctx, options)?;
        let line = format!(
            "Closed {} as a duplicate of {}.",
            named(
                linked.written.short_id(),
                &linked.written.ticket.state().title
            ),
            named(linked.other.short_id(), &linked.other.ticket.state().title)
        );
        return report_line(ui, ctx, &linked.written, &line);
    }
    let action = Action::Close {
        reason: args.reason,
        note: args.body.given()?,
    };
    finish(ui, ctx, &args.id, action, args.cascade, "Closed")
}

/// Runs `tk reopen`.
pub fn cmd_reopen(ui: &Ui, ctx: &Ctx, args: &ReasonArgs) -> Result<(), CliError> {
    one_stdin(&args.id, &args.body)?;
    let reason = args.body.given()?;
    record(ui, ctx, &args.id, Action::Reopen { reason }, "Reopened")
}

/// Runs `tk rate`.
pub fn cmd_rate(ui: &Ui, ctx: &Ctx, args: &RateArgs) -> Result<(), CliError> {
    one_stdin(&args.id, &args.body)?;
    if !args.id.is_single() {
        // Several tickets at once can only be a team member entering
        // ratings they were given.
        if !args.on_behalf {
            return Err(CliError::usage(
                "rating several tickets at once needs --on-behalf: only their requesters rate as themselves",
            ));
        }
        let action = Action::Rate {
            score: args.score,
            comment: args.body.given()?,
            on_behalf: true,
        };
        let verb = format!("Rated {}/5 for the requester:", args.score);
        let written = crate::ops::record::record_many(ctx, args.id.resolve()?, vec![action])?;
        return report_writes(ui, ctx, &written, &verb);
    }
    let options = RateOptions {
        target: args.id.one("tk rate")?,
        score: args.score,
        comment: args.body.given()?,
        on_behalf: args.on_behalf,
    };
    let written = crate::ops::rate::rate(ctx, options)?;
    let verb = if written
        .ticket
        .state()
        .rating
        .as_ref()
        .is_some_and(|r| r.on_behalf)
    {
        format!("Rated {}/5 for the requester:", args.score)
    } else {
        format!("Rated {}/5:", args.score)
    };
    report_write(ui, ctx, &written, &verb)
}
