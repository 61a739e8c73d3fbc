//! `tk mail`: the desk's mail. `tk mail ingest` takes messages in from an
//! MTA pipe, message files, mboxes and Maildirs, `tk mail fetch` from an
//! IMAP mailbox; `tk mail outbox` lists what requesters are owed and
//! `tk mail send` delivers it.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::ui::{counted, one_line, Ui};
use crate::cli::written::named;
use crate::mail::source::{self, Item};
use crate::ops::mail::{IngestError, Ingested, Outcome};
use crate::ops::write::Mode;
use crate::ops::Written;
use serde::Serialize;
use std::io::IsTerminal;
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
    Fetch(FetchArgs),
    Outbox(OutboxArgs),
    Send(SendArgs),
}

/// List the mails requesters and watchers are owed
///
/// For tickets that came in by mail: the acknowledgement of a new ticket,
/// each public comment by the team, waiting (with the reason), resolved
/// (with the solution and how to rate by reply), closed, reopened, and
/// escalated by a person (with the reason; not for a missed SLA target).
/// Internal comments never go out. `tk mail send` delivers them.
#[derive(clap::Args, Debug)]
struct OutboxArgs {}

/// Deliver the mails the outbox lists
///
/// Each mail goes to the command in `git config tk.mail.sendmail` (like
/// `/usr/sbin/sendmail -t -i`), which reads one message on stdin, or to
/// the SMTP server in `tk.mail.smtp.url` (smtp:// with STARTTLS, smtps://,
/// plain only to loopback; login with tk.mail.smtp.user and
/// tk.mail.smtp.password-command or TK_MAIL_SMTP_PASSWORD, an OAuth 2
/// access token with tk.mail.smtp.auth xoauth2; a company CA in
/// tk.mail.cafile). Each is
/// recorded on its ticket once accepted: sending again sends nothing, and
/// a failure leaves the rest pending. Run it on one machine only, the one
/// that runs the cron job.
#[derive(clap::Args, Debug)]
struct SendArgs {
    /// Print the mails that would be sent instead of sending them
    #[arg(long)]
    dry_run: bool,
}

/// One owed or delivered mail in `--json`.
#[derive(Serialize)]
struct MailView {
    ticket: String,
    short_id: String,
    to: String,
    notice: &'static str,
    about: String,
    message_id: String,
    subject: String,
}

impl MailView {
    fn new(owed: &crate::ops::mail_send::Owed) -> MailView {
        MailView {
            ticket: owed.ticket.to_string(),
            short_id: owed.short_id.clone(),
            to: owed.mail.to.clone(),
            notice: owed.mail.notice.as_str(),
            about: owed.mail.about.to_string(),
            message_id: owed.mail.message_id.clone(),
            subject: owed.mail.subject.clone(),
        }
    }
}

/// `tk mail send --json`.
#[derive(Serialize)]
struct SendView {
    sent: Vec<MailView>,
    commits: Vec<String>,
    dry_run: bool,
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
    /// Say what each message would do and take none in: nothing is
    /// committed and no Maildir message moves
    #[arg(long)]
    dry_run: bool,
}

/// Take in the unseen messages of the desk's IMAP mailbox
///
/// The mailbox is `git config tk.mail.imap.url` (imaps://USER@host/INBOX;
/// imap:// with STARTTLS, required, plain only to loopback), the user the
/// URL's or tk.mail.imap.user, the password from
/// tk.mail.imap.password-command or TK_MAIL_IMAP_PASSWORD (never stored;
/// an OAuth 2 access token with tk.mail.imap.auth xoauth2); TLS trusts the
/// web PKI roots and a company CA in tk.mail.cafile.
/// Each message, oldest first, goes through the same ingest as `tk mail
/// ingest` and is flagged \Seen on the server only after its change is on
/// the ref; a message refused for good is flagged too. The first message
/// that cannot be taken in now stops the run, and it and the rest stay
/// unseen. Exit codes: 0 all handled or ignored, 65 some refused, 75 try
/// again later (server unreachable or silent for tk.mail.imap.timeout
/// seconds, 30 by default, or a local failure), 1 the server refused the
/// login or the mailbox or its certificate is not trusted, 2 settings
/// missing. See docs/mail.md.
#[derive(clap::Args, Debug)]
struct FetchArgs {
    /// Take at most N unseen messages (the oldest)
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Say what each message would do and take none in: nothing is
    /// committed and every message stays unseen
    #[arg(long)]
    dry_run: bool,
}

/// `tk mail fetch --json`.
#[derive(Serialize)]
struct FetchView {
    mailbox: String,
    unseen: usize,
    messages: Vec<FetchedView>,
    /// Why the run stopped early, if it did.
    stopped: Option<String>,
}

/// One fetched message in `tk mail fetch --json`.
#[derive(Serialize)]
struct FetchedView {
    uid: u32,
    seen: bool,
    #[serde(flatten)]
    message: IngestView,
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
    /// Whether this was `--dry-run`: nothing was taken in.
    dry_run: bool,
}

/// Runs `tk mail`.
pub fn cmd_mail(ui: &Ui, ctx: &Ctx, args: &MailArgs) -> Result<(), CliError> {
    match &args.command {
        MailCommand::Ingest(args) => cmd_ingest(ui, ctx, args),
        MailCommand::Fetch(args) => cmd_fetch(ui, ctx, args),
        MailCommand::Outbox(_) => cmd_outbox(ui, ctx),
        MailCommand::Send(args) => cmd_send(ui, ctx, args),
    }
}

fn cmd_outbox(ui: &Ui, ctx: &Ctx) -> Result<(), CliError> {
    let owed = crate::ops::mail_send::outbox(ctx)?;
    if ui.json() {
        return ui.out_json(&owed.iter().map(MailView::new).collect::<Vec<_>>());
    }
    if owed.is_empty() {
        ui.status("The outbox is empty.");
        return Ok(());
    }
    let mut doc = ui.doc();
    for o in &owed {
        doc.text(format_args!(
            "{}  {:<12}  {}  {}\n",
            o.short_id,
            o.mail.notice.as_str(),
            o.mail.to,
            one_line(&o.mail.subject)
        ));
    }
    ui.out(&doc)?;
    Ok(())
}

fn cmd_send(ui: &Ui, ctx: &Ctx, args: &SendArgs) -> Result<(), CliError> {
    if args.dry_run {
        let owed = crate::ops::mail_send::outbox(ctx)?;
        if ui.json() {
            return ui.out_json(&SendView {
                sent: owed.iter().map(MailView::new).collect(),
                commits: Vec::new(),
                dry_run: true,
            });
        }
        let settings = &ctx.team_config()?.mail;
        let date = std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(u64::try_from(ctx.now().unix()).unwrap_or(0));
        let mut doc = ui.doc();
        for o in &owed {
            let bytes =
                crate::mail::outgoing::render(&o.mail, settings, date).map_err(CliError::usage)?;
            doc.text(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
                .text("\n");
        }
        ui.out(&doc)?;
        ui.status(format_args!("Would send {}.", mails(owed.len())));
        return Ok(());
    }
    let (sent, failure) = match crate::ops::mail_send::send(ctx) {
        Ok(sent) => (sent, None),
        Err(crate::ops::mail_send::SendError::Transport { message, sent }) => (sent, Some(message)),
        Err(crate::ops::mail_send::SendError::Op(e)) => return Err(e.into()),
    };
    if ui.json() && failure.is_none() {
        ui.out_json(&SendView {
            sent: sent.delivered.iter().map(MailView::new).collect(),
            commits: sent.commits.clone(),
            dry_run: false,
        })?;
    }
    for o in &sent.delivered {
        ui.status(format_args!(
            "Sent {} to {} about {}.",
            o.mail.notice.as_str(),
            o.mail.to,
            o.short_id
        ));
    }
    match failure {
        Some(message) => Err(CliError::new(Kind::Failure, message).hint(format!(
            "{} sent and recorded; the rest stay in `tk mail outbox`",
            match sent.delivered.len() {
                1 => "1 mail was".to_string(),
                n => format!("{n} mails were"),
            }
        ))),
        None => {
            if sent.delivered.is_empty() {
                ui.status("Nothing to send.");
            }
            Ok(())
        }
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
        // A person who typed `tk mail ingest` gets told what it wants
        // instead of a silent wait for a message on the terminal.
        if std::io::stdin().is_terminal() {
            return Err(CliError::usage(
                "tk mail ingest reads one message on stdin, which is a terminal",
            )
            .hint("pipe a message in (`tk mail ingest < message.eml`) or give a file, mbox or Maildir"));
        }
        vec![source::stdin(limit).map_err(later)?]
    } else {
        let mut items = Vec::new();
        for path in &args.paths {
            items.extend(source::read(path, limit).map_err(later)?);
        }
        items
    };
    let mode = mode_of(args.dry_run);
    let single = items.len() == 1;
    let mut views = Vec::new();
    let (mut refused, mut deferred) = (0usize, 0usize);
    let mut last_error = None;
    for item in &items {
        let result = crate::ops::mail::ingest(ctx, &item.raw, mode);
        // A refused message will never be taken in: it is acknowledged
        // like a handled one so a Maildir does not offer it again.
        let acknowledged = match (&result, mode) {
            (_, Mode::DryRun) | (Err(IngestError::Later(_)), _) => Ok(()),
            (Ok(_) | Err(IngestError::Refused(_)), Mode::Commit) => {
                item.acknowledge().map_err(later)
            }
        };
        let view = match result {
            Ok(ingested) => {
                report(ui, &item.origin, &ingested, mode);
                view_of(&item.origin, ingested, mode)
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
                failed_view(&item.origin, outcome, error.to_string(), mode)
            }
        };
        views.push(view);
        acknowledged?;
    }
    if ui.json() {
        ui.out_json(&views)?;
    }
    if mode == Mode::DryRun {
        ui.status("Nothing committed (--dry-run); the messages stay where they are.");
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

fn cmd_fetch(ui: &Ui, ctx: &Ctx, args: &FetchArgs) -> Result<(), CliError> {
    use crate::ops::mail_fetch::{fetch, FetchError, FetchOptions};
    let fail = |e: FetchError| match e {
        FetchError::Settings(m) => CliError::usage(m),
        FetchError::Setup(m) => CliError::new(Kind::Failure, m)
            .hint("check git config tk.mail.imap.url, tk.mail.imap.user and the password"),
        FetchError::Later(m) => CliError::new(Kind::MailLater, m),
    };
    let mode = mode_of(args.dry_run);
    let options = FetchOptions {
        limit: args.limit,
        mode,
    };
    let fetched = fetch(ctx, &options).map_err(fail)?;
    let mut refused = 0usize;
    let mut views = Vec::new();
    for message in fetched.messages {
        let view = match message.result {
            Ok(ingested) => {
                report(ui, &message.origin, &ingested, mode);
                view_of(&message.origin, ingested, mode)
            }
            Err(error) => {
                let outcome = match error {
                    IngestError::Refused(_) => {
                        refused += 1;
                        "refused"
                    }
                    IngestError::Later(_) => "later",
                };
                ui.warn(format_args!("{}: {error}", message.origin));
                failed_view(&message.origin, outcome, error.to_string(), mode)
            }
        };
        views.push(FetchedView {
            uid: message.uid,
            seen: message.seen,
            message: view,
        });
    }
    let taken = views.len();
    if ui.json() {
        ui.out_json(&FetchView {
            mailbox: fetched.mailbox.clone(),
            unseen: fetched.unseen,
            messages: views,
            stopped: fetched.stopped.as_ref().map(ToString::to_string),
        })?;
    }
    if mode == Mode::DryRun && taken > 0 {
        ui.status(format_args!(
            "Nothing committed (--dry-run); every message stays unseen in {}.",
            fetched.mailbox
        ));
    }
    if let Some(stopped) = fetched.stopped {
        let left = fetched.unseen.saturating_sub(taken);
        return Err(CliError::new(
            Kind::MailLater,
            format!("stopped fetching {}: {stopped}", fetched.mailbox),
        )
        .hint(format!(
            "the message that failed and the {left} after it stay unseen; run the command again later"
        )));
    }
    if refused > 0 {
        return Err(CliError::new(
            Kind::MailRefused,
            match mode {
                Mode::Commit => format!(
                    "{refused} of {taken} messages were refused; they are flagged seen and stay in {}",
                    fetched.mailbox
                ),
                Mode::DryRun => format!("{refused} of {taken} messages would be refused"),
            },
        ));
    }
    if taken == 0 {
        ui.status(format_args!("No unseen mail in {}.", fetched.mailbox));
    }
    Ok(())
}

/// Returns "1 mail" or "N mails".
fn mails(n: usize) -> String {
    counted(n, "mail", "mails")
}

/// Returns the write mode `--dry-run` asks for.
fn mode_of(dry_run: bool) -> Mode {
    match dry_run {
        true => Mode::DryRun,
        false => Mode::Commit,
    }
}

/// Prints one status line for a message: what it did, or with
/// `--dry-run` what it would do.
fn report(ui: &Ui, origin: &str, ingested: &Ingested, mode: Mode) {
    let name = |w: &Written| named(w.short_id(), &w.ticket.state().title);
    let said = |done: &'static str, would: &'static str| match mode {
        Mode::Commit => done,
        Mode::DryRun => would,
    };
    match &ingested.outcome {
        Outcome::Created(w) => ui.status(format_args!(
            "{} {} from {origin}.",
            said("Created", "Would create"),
            name(w)
        )),
        Outcome::FollowUp(w, previous) => ui.status(format_args!(
            "{} {} from {origin}, following up closed ticket {}.",
            said("Created", "Would create"),
            name(w),
            previous.prefix(7)
        )),
        Outcome::Commented(w) => ui.status(format_args!(
            "{} {} from {origin}.",
            said("Commented on", "Would comment on"),
            name(w)
        )),
        Outcome::Reopened(w) => ui.status(format_args!(
            "{} {} from {origin}.",
            said("Commented on and reopened", "Would comment on and reopen"),
            name(w)
        )),
        Outcome::Rated(w, score) => ui.status(format_args!(
            "{} {} {score}/5 from {origin}.",
            said("Rated", "Would rate"),
            name(w)
        )),
        Outcome::Bounced(w) => ui.status(format_args!(
            "{} {} from {origin}.",
            said("Noted a bounce on", "Would note a bounce on"),
            name(w)
        )),
        // Not a status: an MTA pipe's stderr is where a postmaster looks
        // for why a message made no ticket, even with --quiet.
        Outcome::Ignored(reason) => ui.warn(format_args!(
            "{} {origin}: {reason}",
            said("ignored", "would ignore")
        )),
    }
    if !ingested.dropped.is_empty() {
        ui.warn(format_args!(
            "{origin}: not attached, over attachments.max_size: {}",
            ingested.dropped.join(", ")
        ));
    }
}

fn view_of(origin: &str, ingested: Ingested, mode: Mode) -> IngestView {
    let mut view = failed_view(origin, "", String::new(), mode);
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

fn failed_view(origin: &str, outcome: &'static str, reason: String, mode: Mode) -> IngestView {
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
        dry_run: mode == Mode::DryRun,
    }
}
