//! One module per subcommand, dispatched by one exhaustive `match`.
//!
//! A handler parses its arguments, calls one operation of [`crate::ops`]
//! and renders the result. Handlers never import each other: what two of
//! them share lives in `ops` or in a shared CLI module (`args`, `input`,
//! `written`, `render`, `json`).

mod attach;
mod completions;
mod config;
mod edit;
mod escalate;
mod export;
mod field;
mod group;
mod import;
mod init;
mod lifecycle;
mod link;
mod list;
mod log;
mod mail;
mod man;
mod new;
pub(super) mod report;
mod search;
mod set;
mod show;
mod sync;
mod team;
mod template;
mod ticket_type;
mod view;
mod watch;

use super::context::Ctx;
use super::error::CliError;
use super::ui::Ui;

/// Defines the subcommands twice from one list: [`Command`], whose
/// arguments clap defines all at once (the full tree that help,
/// completions and man pages print), and [`LazyCommand`], the same with
/// each subcommand's arguments defined only when it is the one that runs
/// (`defer`). Defining all of them took a large part of every command's
/// start-up (docs/performance.md); a command that names its subcommand
/// parses with `LazyCommand` and runs as the [`Command`] it converts to.
macro_rules! subcommands {
    ($($(#[$meta:meta])* $variant:ident($args:ty),)*) => {
        /// The subcommands.
        #[derive(clap::Subcommand, Debug)]
        pub enum Command {
            $($(#[$meta])* $variant($args),)*
        }

        /// The subcommands, each defined only when it runs.
        #[derive(clap::Subcommand, Debug)]
        #[command(defer = true)]
        pub enum LazyCommand {
            $($(#[$meta])* $variant($args),)*
        }

        impl From<LazyCommand> for Command {
            fn from(command: LazyCommand) -> Command {
                match command {
                    $(LazyCommand::$variant(args) => Command::$variant(args),)*
                }
            }
        }

        /// Each subcommand alone, as the one variant of its own deferred
        /// enum, so that one subcommand can be defined without the others.
        mod alone {
            $(
                #[allow(non_snake_case)]
                pub(super) mod $variant {
                    use super::super::*;

                    /// The subcommand alone.
                    #[derive(clap::Subcommand)]
                    #[command(defer = true)]
                    pub(in super::super) enum Alone {
                        $(#[$meta])* $variant($args),
                    }
                }
            )*
        }

        /// Returns the definition of the subcommand that `name` (or an
        /// alias) names, with its arguments deferred as in
        /// [`LazyCommand`], defining no other subcommand; `None` when
        /// there is none. A name is found without defining anything; an
        /// alias by defining the subcommands one at a time.
        pub fn one_subcommand(name: &str) -> Option<clap::Command> {
            use clap::Subcommand;
            $(
                if alone::$variant::Alone::has_subcommand(name) {
                    let root = alone::$variant::Alone::augment_subcommands(clap::Command::new("tk"));
                    return root.get_subcommands().next().cloned();
                }
            )*
            $(
                let root = alone::$variant::Alone::augment_subcommands(clap::Command::new("tk"));
                if let Some(found) = root.find_subcommand(name) {
                    return Some(found.clone());
                }
            )*
            None
        }
    };
}

subcommands! {
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
    Escalate(escalate::EscalateArgs),
    Team(team::TeamArgs),
    Type(ticket_type::TypeArgs),
    Group(group::GroupArgs),
    Field(field::FieldArgs),
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
    Mail(mail::MailArgs),
    View(view::ViewArgs),
    Template(template::TemplateArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
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
        Command::Escalate(args) => escalate::cmd_escalate(ui, ctx, args),
        Command::Team(args) => team::cmd_team(ui, ctx, args),
        Command::Type(args) => ticket_type::cmd_type(ui, ctx, args),
        Command::Group(args) => group::cmd_group(ui, ctx, args),
        Command::Field(args) => field::cmd_field(ui, ctx, args),
        Command::Completions(args) => completions::cmd_completions(ui, args),
        Command::Link(args) => link::cmd_link(ui, ctx, args),
        Command::Unlink(args) => link::cmd_unlink(ui, ctx, args),
        Command::Watch(args) => watch::cmd_watch(ui, ctx, args),
        Command::Unwatch(args) => watch::cmd_unwatch(ui, ctx, args),
        Command::Attach(args) => attach::cmd_attach(ui, ctx, args),
        Command::Attachments(args) => attach::cmd_attachments(ui, ctx, args),
        Command::Attachment(command) => attach::cmd_attachment(ui, ctx, command),
        Command::Man(args) => man::cmd_man(ui, args),
        Command::Mail(args) => mail::cmd_mail(ui, ctx, args),
        Command::View(args) => view::cmd_view(ui, ctx, args),
        Command::Template(args) => template::cmd_template(ui, ctx, args),
        Command::Export(args) => export::cmd_export(ui, ctx, args),
        Command::Import(args) => import::cmd_import(ui, ctx, args),
    }
}
