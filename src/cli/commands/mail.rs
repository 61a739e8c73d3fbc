//! `tk mail`: the desk's mail. `tk mail ingest` takes messages in from an
//! MTA pipe, message files, mboxes and Maildirs.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::ui::Ui;
use crate::cli::written::named;
use crate::mail::source::{self, Item};
use crate::ops::mail::{IngestError, Ingested, Outcome};
use crate::ops::Written;
use serde::Serialize;
use std::path::PathBuf;

/// Take in mail from requesters, and answer them
///
/// See docs/mail.md for setting up a Postfix alias, a Maildir or IMAP.
#[derive(clap::Args, Debug)]
pub struct MailArgs {
    #[command(subcommand)]
    command: MailCommand,
}

#[derive(clap::Subcommand, Debug)]
enum MailCommand {
    Ingest(IngestArgs),
}

/// Take in mail: one message on stdin, message files, mboxes or Maildirs
///
/// A new thread opens a ticket (requester from From, title from the
/// subject, text and attachments from the message); a reply in a known
/// thread (In-Reply-To/References, or the subject tag) is a comment by its
/// sender; a first-line digit 1-5 replied to a resolved ticket is the
/// requester's rating; other replies reopen a resolved ticket
/// (mail.reopen_on_reply), and a reply to a closed ticket opens a new one
/// linked to it. Auto-replies, mail from the desk's own address and
/// messages already taken in are ignored with a line on stderr.
///
/// Each message is one commit; a Maildir message moves from new/ to cur/
/// only after its commit. Exit codes follow sysexits for MTA pipes: 0
/// handled or ignored, 65 refused for good (too large, not a message, a
/// sender mail.allowed_senders does not allow), 75 try again later.
#[derive(clap::Args, Debug)]
struct IngestArgs {
    /// Message files, mbox files or Maildir directories (default: one
    /// message on stdin) (can be repeated)
    paths: Vec<PathBuf>,
}

/// One message's result in `--json`.
#[derive(Serialize)]
struct IngestView {
    source: String,
    message_id: Option<String>,
    outcome: &'static str,
    ticket: Option<String>,
    short_id: Option<String>,
    commit: Option<String>,
    /// For `follow-up`: the closed ticket the new one follows.
    previous: Option<String>,
    /// For `rated`: the score.
    score: Option<u8>,
    /// Why a message was ignored, refused or left for later.
    reason: Option<String>,
    /// Attachments not kept because of attachments.max_size.
    dropped: Vec<String>,
}

/// Runs `tk mail`.
pub fn cmd_mail(ui: &Ui, ctx: &Ctx, args: &MailArgs) -> Result<(), CliError> {
    match &args.command {
        MailCommand::Ingest(args) => cmd_ingest(ui, ctx, args),
    }
}

fn cmd_ingest(ui: &Ui, ctx: &Ctx, args: &IngestArgs) -> Result<(), CliError> {
    // The size limit comes from tk.toml; without a readable one nothing
    // can be taken in now, but the MTA may try again.
    let limit = ctx
        .team_config()
        .map_err(|e| CliError::new(Kind::MailLater, e.to_string()))?
        .mail
        .max_size;
    let later = |e: source::Error| CliError::new(Kind::MailLater, e.to_string());
    let items: Vec<Item> = if args.paths.is_empty() {
        vec![source::stdin(limit).map_err(later)?]
    } else {
        let mut items = Vec::new();
        for path in &args.paths {
            items.extend(source::read(path, limit).map_err(later)?);
        }
        items
    };
    let single = items.len() == 1;
    let mut views = Vec::new();
    let (mut refused, mut deferred) = (0usize, 0usize);
    let mut last_error = None;
    for item in &items {
        let result = crate::ops::mail::ingest(ctx, &item.raw);
        // A refused message will never be taken in: it is acknowledged
        // like a handled one so a Maildir does not offer it again.
        let acknowledged = match &result {
            Ok(_) | Err(IngestError::Refused(_)) => item.acknowledge().map_err(later),
            Err(IngestError::Later(_)) => Ok(()),
        };
        let view = match result {
            Ok(ingested) => {
                report(ui, &item.origin, &ingested);
                view_of(&item.origin, ingested)
            }
            Err(error) => {
                let kind = match error {
                    IngestError::Refused(_) => {
                        refused += 1;
                        Kind::MailRefused
                    }
                    IngestError::Later(_) => {
                        deferred += 1;
                        Kind::MailLater
                    }
                };
                let message = format!("{}: {error}", item.origin);
                if !single {
                    ui.warn(&message);
                }
                let outcome = if kind == Kind::MailRefused {
                    "refused"
                } else {
                    "later"
                };
                last_error = Some(CliError::new(kind, message));
                failed_view(&item.origin, outcome, error.to_string())
            }
        };
        views.push(view);
        acknowledged?;
    }
    if ui.json() {
        ui.out_json(&views)?;
    }
    let total = items.len();
    if single {
        return last_error.map_or(Ok(()), Err);
    }
    if deferred > 0 {
        return Err(CliError::new(
            Kind::MailLater,
            format!("{deferred} of {total} messages could not be taken in now"),
        )
        .hint("they stay where they are; run the command again later"));
    }
    if refused > 0 {
        return Err(CliError::new(
            Kind::MailRefused,
            format!("{refused} of {total} messages were refused"),
        ));
    }
    Ok(())
}

/// Prints one status line for a message.
fn report(ui: &Ui, origin: &str, ingested: &Ingested) {
    let name = |w: &Written| named(w.short_id(), &w.ticket.state().title);
    match &ingested.outcome {
        Outcome::Created(w) => ui.status(format_args!("Created {} from {origin}.", name(w))),
        Outcome::FollowUp(w, previous) => ui.status(format_args!(
            "Created {} from {origin}, following up closed ticket {}.",
            name(w),
            previous.prefix(7)
        )),
        Outcome::Commented(w) => ui.status(format_args!("Commented on {} from {origin}.", name(w))),
        Outcome::Reopened(w) => ui.status(format_args!(
            "Commented on and reopened {} from {origin}.",
            name(w)
        )),
        Outcome::Rated(w, score) => {
            ui.status(format_args!("Rated {} {score}/5 from {origin}.", name(w)))
        }
        Outcome::Bounced(w) => {
            ui.status(format_args!("Noted a bounce on {} from {origin}.", name(w)))
        }
        // Not a status: an MTA pipe's stderr is where a postmaster looks
        // for why a message made no ticket, even with --quiet.
        Outcome::Ignored(reason) => ui.warn(format_args!("ignored {origin}: {reason}")),
    }
    if !ingested.dropped.is_empty() {
        ui.warn(format_args!(
            "{origin}: not attached, over attachments.max_size: {}",
            ingested.dropped.join(", ")
        ));
    }
}

fn view_of(origin: &str, ingested: Ingested) -> IngestView {
    let mut view = failed_view(origin, "", String::new());
    view.reason = None;
    view.message_id = Some(ingested.message_id);
    view.dropped = ingested.dropped;
    let written = match ingested.outcome {
        Outcome::Created(w) => Some(("created", w)),
        Outcome::FollowUp(w, previous) => {
            view.previous = Some(previous.to_string());
            Some(("follow-up", w))
        }
        Outcome::Commented(w) => Some(("commented", w)),
        Outcome::Reopened(w) => Some(("reopened", w)),
        Outcome::Rated(w, score) => {
            view.score = Some(score);
            Some(("rated", w))
        }
        Outcome::Bounced(w) => Some(("bounce", w)),
        Outcome::Ignored(reason) => {
            view.outcome = "ignored";
            view.reason = Some(reason);
            None
        }
    };
    if let Some((outcome, w)) = written {
        view.outcome = outcome;
        view.ticket = Some(w.ticket.id().to_string());
        view.short_id = Some(w.short_id().to_string());
        view.commit = w.commit;
    }
    view
}

fn failed_view(origin: &str, outcome: &'static str, reason: String) -> IngestView {
    IngestView {
        source: origin.to_string(),
        message_id: None,
        outcome,
        ticket: None,
        short_id: None,
        commit: None,
        previous: None,
        score: None,
        reason: Some(reason),
        dropped: Vec::new(),
    }
}
