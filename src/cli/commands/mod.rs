//! One module per subcommand, dispatched by one exhaustive `match`.

mod attach;
mod auto_assign;
mod completions;
mod config;
mod edit;
mod init;
mod lifecycle;
mod link;
mod list;
mod log;
mod man;
mod new;
pub(super) mod report;
mod search;
mod set;
mod show;
mod sync;
mod team;
mod watch;

use super::context::Ctx;
use super::error::CliError;
use super::json::WriteView;
use super::ui::{sanitize, Ui};
use crate::model::{Action, TicketId};
use crate::store::Written;
use crate::team::TeamConfig;

/// The subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    Init(init::InitArgs),
    New(new::NewArgs),
    #[command(visible_alias = "ls")]
    List(list::ListArgs),
    Show(show::ShowArgs),
    Assign(lifecycle::AssignArgs),
    /// Remove a ticket's assignee
    ///
    /// An assigned ticket goes back to new; one in progress or waiting keeps
    /// its status.
    Unassign(lifecycle::IdArgs),
    Comment(lifecycle::CommentArgs),
    /// Start work on a ticket (in progress)
    ///
    /// An unassigned ticket is assigned to you.
    Start(lifecycle::IdArgs),
    /// Put a ticket on hold, waiting for the requester or a third party
    ///
    /// SLA clocks pause while a ticket waits. -m says what it waits for.
    Wait(lifecycle::ReasonArgs),
    Resolve(lifecycle::ResolveArgs),
    Close(lifecycle::CloseArgs),
    /// Reopen a resolved or closed ticket
    ///
    /// It goes back to assigned (or new without an assignee); the resolution
    /// and rating are cleared and stay in the timeline. -m says why.
    Reopen(lifecycle::ReasonArgs),
    Rate(lifecycle::RateArgs),
    Search(search::SearchArgs),
    Set(set::SetArgs),
    Edit(edit::EditArgs),
    Log(log::LogArgs),
    Sync(sync::SyncArgs),
    Config(config::ConfigArgs),
    Report(report::ReportArgs),
    Team(team::TeamArgs),
    Completions(completions::CompletionsArgs),
    Link(link::LinkArgs),
    Unlink(link::UnlinkArgs),
    /// Follow a ticket
    ///
    /// WHO is an email or name and defaults to `me` (your git email).
    /// Watchers are listed by `tk show`; watching twice changes nothing.
    /// Allowed in every status.
    Watch(watch::WatchArgs),
    /// Stop following a ticket
    ///
    /// WHO defaults to `me` (your git email). Unwatching someone who does
    /// not watch the ticket is refused (exit 5).
    Unwatch(watch::WatchArgs),
    Attach(attach::AttachArgs),
    Attachments(attach::AttachmentsArgs),
    /// Work with one attachment of a ticket
    #[command(subcommand)]
    Attachment(attach::AttachmentCommand),
    Man(man::ManArgs),
}

/// Runs the handler for `command`.
pub fn dispatch(ui: &Ui, ctx: &Ctx, command: &Command) -> Result<(), CliError> {
    match command {
        Command::Init(args) => init::cmd_init(ui, ctx, args),
        Command::New(args) => new::cmd_new(ui, ctx, args),
        Command::List(args) => list::cmd_list(ui, ctx, args),
        Command::Show(args) => show::cmd_show(ui, ctx, args),
        Command::Assign(args) => lifecycle::cmd_assign(ui, ctx, args),
        Command::Unassign(args) => lifecycle::cmd_unassign(ui, ctx, args),
        Command::Comment(args) => lifecycle::cmd_comment(ui, ctx, args),
        Command::Start(args) => lifecycle::cmd_start(ui, ctx, args),
        Command::Wait(args) => lifecycle::cmd_wait(ui, ctx, args),
        Command::Resolve(args) => lifecycle::cmd_resolve(ui, ctx, args),
        Command::Close(args) => lifecycle::cmd_close(ui, ctx, args),
        Command::Reopen(args) => lifecycle::cmd_reopen(ui, ctx, args),
        Command::Rate(args) => lifecycle::cmd_rate(ui, ctx, args),
        Command::Search(args) => search::cmd_search(ui, ctx, args),
        Command::Set(args) => set::cmd_set(ui, ctx, args),
        Command::Edit(args) => edit::cmd_edit(ui, ctx, args),
        Command::Log(args) => log::cmd_log(ui, ctx, args),
        Command::Sync(args) => sync::cmd_sync(ui, ctx, args),
        Command::Config(args) => config::cmd_config(ui, ctx, args),
        Command::Report(args) => report::cmd_report(ui, ctx, args),
        Command::Team(args) => team::cmd_team(ui, ctx, args),
        Command::Completions(args) => completions::cmd_completions(ui, args),
        Command::Link(args) => link::cmd_link(ui, ctx, args),
        Command::Unlink(args) => link::cmd_unlink(ui, ctx, args),
        Command::Watch(args) => watch::cmd_watch(ui, ctx, args),
        Command::Unwatch(args) => watch::cmd_unwatch(ui, ctx, args),
        Command::Attach(args) => attach::cmd_attach(ui, ctx, args),
        Command::Attachments(args) => attach::cmd_attachments(ui, ctx, args),
        Command::Attachment(command) => attach::cmd_attachment(ui, ctx, command),
        Command::Man(args) => man::cmd_man(ui, args),
    }
}

/// Records the actions on the ticket matching `id` in one commit, then
/// reports the result with `verb` ("Resolved").
///
/// `policy`, when given, completes `set` actions with the team's priority
/// matrix and SLA targets against the ticket as it is at the tip.
fn record(
    ui: &Ui,
    ctx: &Ctx,
    id: &str,
    actions: Vec<Action>,
    verb: &str,
    policy: Option<&TeamConfig>,
) -> Result<(), CliError> {
    let prefix = TicketId::parse_prefix(id)?;
    let label = actions.first().map_or("edit", |a| a.name());
    let label = if actions.len() > 1 { "edit" } else { label };
    let events = actions
        .into_iter()
        .map(|action| ctx.event(action))
        .collect::<Result<Vec<_>, _>>()?;
    let store = ctx.store()?;
    let written = store.update(&prefix, ctx.who()?, ctx.now(), label, |ticket| {
        for event in &events {
            let mut event = event.clone();
            if let (Action::Set(changes), Some(policy)) = (&mut event.action, policy) {
                policy.apply_policy(changes, Some(ticket.state()));
            }
            ticket.record(event)?;
        }
        Ok(!events.is_empty())
    })?;
    report_write(ui, ctx, &written, verb)
}

/// Prints the JSON result of a write: the ticket with its SLA clocks and
/// the commit (`None` when nothing changed).
fn write_json(
    ui: &Ui,
    ctx: &Ctx,
    ticket: &crate::model::Ticket,
    short_len: usize,
    commit: Option<&str>,
) -> Result<(), CliError> {
    let sla = ctx.sla(&*ctx.team_config_lenient(ui)?, ticket);
    ui.out_json(&WriteView::new(ticket, short_len, &sla, commit))
}

/// Records on the ticket with full id `id` the actions that `plan` picks
/// from its current state, with `files` (attachment bytes) in the same
/// commit named `label`. `plan` runs again on the new tip when another
/// writer moved the ref, so it sees what it changes; an empty plan commits
/// nothing.
fn record_planned(
    ctx: &Ctx,
    id: &TicketId,
    label: &str,
    files: &[(String, Vec<u8>)],
    mut plan: impl FnMut(&crate::model::Ticket) -> Result<Vec<Action>, crate::model::Refusal>,
) -> Result<Written, CliError> {
    let who = ctx.who()?;
    let (by, at) = (who.author.display(), ctx.now());
    let written = ctx
        .store()?
        .update_with_files(id.as_str(), who, at, label, files, |ticket| {
            let actions = plan(ticket)?;
            let changed = !actions.is_empty();
            for action in actions {
                ticket.record(crate::model::Event {
                    id: ctx.ids().event_id(),
                    clock: 0,
                    at,
                    by: by.clone(),
                    action,
                })?;
            }
            Ok(changed)
        })?;
    Ok(written)
}

/// Records `action` on ticket `id` unless it is already in effect (a link
/// that exists, a watcher who watches), in which case nothing is committed.
fn record_unless_in_effect(
    ctx: &Ctx,
    id: &TicketId,
    label: &str,
    action: &Action,
) -> Result<Written, CliError> {
    record_planned(ctx, id, label, &[], |ticket| {
        Ok(if ticket.already_in_effect(action) {
            Vec::new()
        } else {
            vec![action.clone()]
        })
    })
}

/// Prints a write's result like [`report_write`], with `line` as the
/// status line when it committed.
fn report_line(ui: &Ui, ctx: &Ctx, written: &Written, line: &str) -> Result<(), CliError> {
    if ui.json() || written.commit.is_none() {
        return report_write(ui, ctx, written, "");
    }
    ui.status(line);
    Ok(())
}

/// Returns `short-id "title"` for status lines, the title neutralized.
fn named(short_id: &str, title: &str) -> String {
    format!("{short_id} \"{}\"", sanitize(title, false))
}

/// Prints the result of a write that found nothing to change.
fn report_unchanged(ui: &Ui, ctx: &Ctx, loaded: &crate::store::Loaded) -> Result<(), CliError> {
    if ui.json() {
        return write_json(ui, ctx, &loaded.ticket, loaded.short_len, None);
    }
    Ok(())
}

/// Prints a write's result: the JSON document, or a status line.
fn report_write(ui: &Ui, ctx: &Ctx, written: &Written, verb: &str) -> Result<(), CliError> {
    if ui.json() {
        return write_json(
            ui,
            ctx,
            &written.ticket,
            written.short_len,
            written.commit.as_deref(),
        );
    }
    let title = sanitize(&written.ticket.state().title, false);
    match written.commit {
        Some(_) => ui.status(&format!("{verb} {} \"{title}\".", written.short_id())),
        None => ui.status(&format!(
            "Nothing changed on {} \"{title}\".",
            written.short_id()
        )),
    }
    Ok(())
}
