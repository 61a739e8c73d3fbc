//! Taking in one mail (`tk mail ingest`): a new thread opens a ticket, a
//! reply comments, rates or reopens, a reply to a closed ticket opens a
//! new one linked to it, a bounce becomes an internal note, and
//! auto-replies, loops and duplicates are ignored.
//!
//! Everything goes through the one write path, with the events' author
//! the sender and their ids derived from the `Message-ID`, so the same
//! mail taken in twice, or on two clones, is one ticket and one comment.

use super::write::{write_one_in, Mode, Origin, TicketChange};
use super::{Error, Session, Written};
use crate::codec;
use crate::mail::{self, Incoming, Part};
use crate::model::{Action, Changes, LinkRelation, Status, TicketId, TicketPrefix, Timestamp};
use crate::store::Loaded;
use crate::team::TeamConfig;

/// How far in the past a message's `Date` may be and still be the time of
/// its events; older (or future) dates give way to now.
const DATE_WINDOW: i64 = 7 * 24 * 3600;

/// The lines of a bounce kept in the internal note.
const BOUNCE_LINES: usize = 12;

/// What one mail did.
#[derive(Debug)]
pub enum Outcome {
    /// A new ticket.
    Created(Written),
    /// A new ticket, because the thread's ticket (the id) is closed.
    FollowUp(Written, TicketId),
    /// A comment on the thread's ticket.
    Commented(Written),
    /// A comment that reopened the resolved ticket.
    Reopened(Written),
    /// The requester's rating.
    Rated(Written, u8),
    /// An internal note about a bounce of the desk's mail.
    Bounced(Written),
    /// Nothing: the reason.
    Ignored(String),
}

/// The result of taking in one mail.
#[derive(Debug)]
pub struct Ingested {
    /// Its Message-ID (or the hash standing for it).
    pub message_id: String,
    /// What it did.
    pub outcome: Outcome,
    /// Attachments not kept (over the size limit), by name.
    pub dropped: Vec<String>,
}

/// Why a mail was not taken in: for good, or for now.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The mail will never be taken in (exit 65: the MTA bounces it).
    #[error("{0}")]
    Refused(String),
    /// Something on this side failed; try again later (exit 75).
    #[error(transparent)]
    Later(#[from] Error),
}

impl From<crate::store::Error> for IngestError {
    fn from(e: crate::store::Error) -> Self {
        IngestError::Later(e.into())
    }
}

/// Takes in one raw message; with [`Mode::DryRun`], says what it would do
/// and commits nothing.
pub fn ingest(session: &Session, raw: &[u8], mode: Mode) -> Result<Ingested, IngestError> {
    let config = session.team_config()?;
    let mail =
        mail::parse(raw, config.mail.max_size).map_err(|e| IngestError::Refused(e.to_string()))?;
    let ignored = |reason: String| Ingested {
        message_id: mail.message_id.clone(),
        outcome: Outcome::Ignored(reason),
        dropped: Vec::new(),
    };
    if config.mail.is_own_address(&mail.from_email) {
        return Ok(ignored("it comes from the desk's own address".to_string()));
    }
    if let Some(mail::Skip::AutoReply(why)) = &mail.skip {
        return Ok(ignored(format!("it is an automatic reply ({why})")));
    }
    let thread = if mail.bounce {
        bounced_thread(session, raw)?
    } else {
        find_thread(session, config, &mail)?
    };
    if let Some(loaded) = &thread {
        if has_received(loaded, &mail.message_id) {
            return Ok(ignored("its Message-ID is already recorded".to_string()));
        }
    }
    let origin = origin(session, config, &mail);
    if mail.bounce {
        let Some(loaded) = thread else {
            return Ok(ignored("it is a bounce of no ticket's mail".to_string()));
        };
        let note = bounce_note(&mail);
        let actions = vec![
            Action::Comment {
                body: note,
                internal: true,
            },
            received(&mail),
        ];
        let change = TicketChange::record(loaded.ticket.id().into(), actions).from_origin(origin);
        let written = write_one_in(session, mode, "mail", Vec::new(), change)?;
        return Ok(Ingested {
            message_id: mail.message_id.clone(),
            outcome: Outcome::Bounced(written),
            dropped: Vec::new(),
        });
    }
    let member = config.members.contains_key(&mail.from_email);
    match thread {
        None => new_ticket(session, mode, config, &mail, origin, None),
        Some(loaded) if loaded.ticket.state().status == Status::Closed && !member => {
            match rating(&mail.reply) {
                Some(_) if loaded.ticket.state().rating.is_none() => {
                    reply(session, mode, config, &mail, origin, &loaded, member)
                }
                _ => {
                    let previous = loaded.ticket.id().clone();
                    new_ticket(session, mode, config, &mail, origin, Some(previous))
                }
            }
        }
        Some(loaded) => reply(session, mode, config, &mail, origin, &loaded, member),
    }
}

/// Opens a ticket from the mail; `previous` is the closed ticket it
/// follows up.
fn new_ticket(
    session: &Session,
    mode: Mode,
    config: &TeamConfig,
    mail: &Incoming,
    origin: Origin,
    previous: Option<TicketId>,
) -> Result<Ingested, IngestError> {
    if !config.mail.allows(&mail.from_email) {
        return Err(IngestError::Refused(format!(
            "{} may not open tickets by mail (mail.allowed_senders)",
            mail.from_email
        )));
    }
    let id = TicketId::derived_from(format!("mail:{}", mail.message_id).as_bytes());
    if exists(session, &id)? {
        return Ok(Ingested {
            message_id: mail.message_id.clone(),
            outcome: Outcome::Ignored("its Message-ID is already recorded".to_string()),
            dropped: Vec::new(),
        });
    }
    let Attached {
        actions: mut then,
        files,
        dropped,
    } = attachments(config, &id, &mail.parts);
    if let Some(previous) = &previous {
        then.push(Action::Link {
            relation: LinkRelation::Relates,
            target: previous.clone(),
        });
    }
    then.push(received(mail));
    let mut description = mail.text.clone();
    append_dropped(&mut description, &dropped);
    let changes = Changes {
        title: Some(mail.title.clone()),
        ticket_type: config.mail.ticket_type.clone(),
        category: config.mail.category.clone(),
        description: Some(description).filter(|d| !d.trim().is_empty()),
        requester: Some(origin.by.clone()),
        ..Changes::default()
    };
    let change = TicketChange::create_foreign(id, changes, then, origin);
    let written = write_one_in(session, mode, "new", files, change).map_err(|e| match e {
        // A clone that took the same mail in at the same moment won.
        Error::Store(crate::store::Error::IdTaken(_)) => IngestError::Later(e),
        e => refuse_invalid(e),
    })?;
    let outcome = match previous {
        Some(previous) => Outcome::FollowUp(written, previous),
        None => Outcome::Created(written),
    };
    Ok(Ingested {
        message_id: mail.message_id.clone(),
        outcome,
        dropped,
    })
}

/// Records a reply on the thread's ticket: a rating, a comment, or a
/// comment that reopens it.
fn reply(
    session: &Session,
    mode: Mode,
    config: &TeamConfig,
    mail: &Incoming,
    origin: Origin,
    loaded: &Loaded,
    member: bool,
) -> Result<Ingested, IngestError> {
    let state = loaded.ticket.state();
    let id = loaded.ticket.id().clone();
    let Attached {
        actions: attach,
        files,
        dropped,
    } = attachments(config, &id, &mail.parts);
    let mut body = mail.reply.clone();
    append_dropped(&mut body, &dropped);
    let comment = Action::Comment {
        body: if body.trim().is_empty() {
            "(empty reply)".to_string()
        } else {
            body
        },
        internal: false,
    };
    let mut actions = Vec::new();
    let kind;
    let rated = (!member && !state.status.is_open())
        .then(|| rating(&mail.reply))
        .flatten();
    if let Some((score, remark)) = rated {
        // A digit replied by the requester is their own rating.
        actions.push(Action::Rate {
            score,
            comment: remark,
            on_behalf: false,
        });
        kind = Kind::Rated(score);
    } else if !member && state.status == Status::Resolved && config.mail.reopen_on_reply {
        actions.push(comment);
        actions.push(Action::Reopen {
            reason: Some("the requester replied by mail".to_string()),
        });
        kind = Kind::Reopened;
    } else {
        actions.push(comment);
        kind = Kind::Commented;
    }
    actions.extend(attach);
    actions.push(received(mail));
    let change = TicketChange::record((&id).into(), actions).from_origin(origin);
    let written = write_one_in(session, mode, "mail", files, change).map_err(refuse_invalid)?;
    let outcome = match kind {
        Kind::Rated(score) => Outcome::Rated(written, score),
        Kind::Reopened => Outcome::Reopened(written),
        Kind::Commented => Outcome::Commented(written),
    };
    Ok(Ingested {
        message_id: mail.message_id.clone(),
        outcome,
        dropped,
    })
}

enum Kind {
    Rated(u8),
    Reopened,
    Commented,
}

/// Returns an operation error as a refusal when it is about the mail's
/// content (a value the team's policy refuses), or to try later.
fn refuse_invalid(e: Error) -> IngestError {
    match e {
        Error::Invalid(message) => IngestError::Refused(message),
        e => IngestError::Later(e),
    }
}

/// Returns who the events are by, when, and the seed of their ids.
fn origin(session: &Session, config: &TeamConfig, mail: &Incoming) -> Origin {
    let name = config
        .members
        .get(&mail.from_email)
        .map(|m| m.name.clone())
        .filter(|n| !n.trim().is_empty())
        .or_else(|| mail.from_name.clone());
    let by = match name {
        Some(name) => format!("{name} <{}>", mail.from_email),
        None => mail.from_email.clone(),
    };
    Origin {
        by,
        at: event_time(mail.date, session.now()),
        seed: format!("mail:{}", mail.message_id),
    }
}

/// Returns the `received` event of a mail.
fn received(mail: &Incoming) -> Action {
    Action::Received {
        message_id: mail.message_id.clone(),
        date: mail.date,
    }
}

/// Returns whether the ticket already recorded the Message-ID.
fn has_received(loaded: &Loaded, message_id: &str) -> bool {
    loaded
        .ticket
        .events()
        .iter()
        .any(|e| matches!(&e.action, Action::Received { message_id: m, .. } if m == message_id))
}

/// Returns the ticket a reply belongs to: one its references name (a mail
/// tk sent for it, or the mail that opened it), else its subject tag.
fn find_thread(
    session: &Session,
    config: &TeamConfig,
    mail: &Incoming,
) -> Result<Option<Loaded>, IngestError> {
    for reference in &mail.references {
        let id = match mail::ticket_of_message_id(reference) {
            Some(id) => id,
            None => TicketId::derived_from(format!("mail:{reference}").as_bytes()).to_string(),
        };
        if let Some(loaded) = lookup(session, &id)? {
            return Ok(Some(loaded));
        }
    }
    if let Some(prefix) = config.mail.tagged_prefix(&mail.subject) {
        return lookup(session, &prefix);
    }
    Ok(None)
}

/// Returns the ticket whose mail a bounce returns: the first tk
/// Message-ID anywhere in the report (its returned headers).
fn bounced_thread(session: &Session, raw: &[u8]) -> Result<Option<Loaded>, IngestError> {
    let text = String::from_utf8_lossy(raw);
    for (at, _) in text.match_indices("<tk.") {
        let candidate: String = text[at..].chars().take_while(|c| *c != '>').collect();
        if let Some(id) = mail::ticket_of_message_id(&format!("{candidate}>")) {
            if let Some(loaded) = lookup(session, &id)? {
                return Ok(Some(loaded));
            }
        }
    }
    Ok(None)
}

/// Returns the ticket with the id or unique prefix `text`, if any.
fn lookup(session: &Session, text: &str) -> Result<Option<Loaded>, IngestError> {
    let Ok(prefix) = TicketPrefix::parse(text) else {
        return Ok(None);
    };
    match session.find(prefix.as_str()) {
        Ok(loaded) => Ok(Some(loaded)),
        Err(crate::store::Error::NotFound(_) | crate::store::Error::Ambiguous { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Returns whether a ticket with this id exists.
fn exists(session: &Session, id: &TicketId) -> Result<bool, IngestError> {
    Ok(lookup(session, id.as_str())?.is_some_and(|l| l.ticket.id() == id))
}

/// A message's attachments, as a write takes them.
struct Attached {
    /// One `attach` action per kept part.
    actions: Vec<Action>,
    /// Their bytes, by path on the ref.
    files: Vec<(String, Vec<u8>)>,
    /// The parts not kept for size, named with their size.
    dropped: Vec<String>,
}

/// Returns the attach actions, the files and the names dropped for size.
fn attachments(config: &TeamConfig, id: &TicketId, parts: &[Part]) -> Attached {
    let mut actions = Vec::new();
    let mut files = Vec::new();
    let mut dropped = Vec::new();
    for part in parts {
        let size = part.bytes.len() as u64;
        if size > config.attachment_limit {
            dropped.push(format!(
                "{} ({})",
                part.name,
                crate::model::human_size(size)
            ));
            continue;
        }
        actions.push(Action::Attach {
            name: part.name.clone(),
            size,
        });
        files.push((codec::attachment_path(id, &part.name), part.bytes.clone()));
    }
    Attached {
        actions,
        files,
        dropped,
    }
}

/// Adds a line naming the attachments that were not kept.
fn append_dropped(text: &mut String, dropped: &[String]) {
    if dropped.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!(
        "[not attached, over attachments.max_size: {}]",
        dropped.join(", ")
    ));
}

/// Returns the rating a reply gives: its first line is a digit 1–5, and
/// the rest of its first paragraph is the comment.
pub fn rating(reply: &str) -> Option<(u8, Option<String>)> {
    let mut lines = reply.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next()?.trim();
    let mut chars = first.chars();
    let digit = chars.next()?;
    let score = u8::try_from(digit.to_digit(10)?).ok()?;
    if !(1..=5).contains(&score) || chars.next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut comment: Vec<String> = Vec::new();
    let mut rest = first[digit.len_utf8()..].trim_start();
    for scale in ["/5", "/ 5", "of 5", "out of 5"] {
        if let Some(after) = rest.strip_prefix(scale) {
            rest = after;
        }
    }
    let rest = rest
        .trim_start_matches(|c: char| c.is_whitespace() || "-–:.,!".contains(c))
        .trim();
    if !rest.is_empty() {
        comment.push(rest.to_string());
    }
    comment.extend(
        lines
            .take_while(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_string()),
    );
    let comment = comment.join(" ");
    Some((score, Some(comment).filter(|c| !c.is_empty())))
}

/// Returns the internal note for a bounce: its first lines of text.
fn bounce_note(mail: &Incoming) -> String {
    let lines: Vec<&str> = mail
        .text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(BOUNCE_LINES)
        .collect();
    format!(
        "Mail to the requester could not be delivered ({}):\n\n{}",
        mail.from_email,
        lines.join("\n")
    )
}

/// Returns the time a mail's events carry: its `Date` when that lies in
/// the past week (so clones that take it in later agree), else now.
fn event_time(date: Option<Timestamp>, now: Timestamp) -> Timestamp {
    date.filter(|d| d.unix() <= now.unix() && d.unix() >= now.unix() - DATE_WINDOW)
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_a_first_line_digit() {
        assert_eq!(rating("5"), Some((5, None)));
        assert_eq!(
            rating("4 - quick, thanks\nreally\n\n> quoted"),
            Some((4, Some("quick, thanks really".to_string())))
        );
        assert_eq!(rating("\n3/5\n"), Some((3, None)));
        assert_eq!(
            rating("5 of 5: great"),
            Some((5, Some("great".to_string())))
        );
        assert_eq!(rating("6"), None);
        assert_eq!(rating("0"), None);
        assert_eq!(rating("42 is the answer"), None);
        assert_eq!(rating("5th floor printer again"), None);
        assert_eq!(rating("Thanks!"), None);
    }

    #[test]
    fn event_times_are_the_date_within_a_week() {
        let now = Timestamp::from_unix(1_000_000_000);
        let hour_ago = Timestamp::from_unix(1_000_000_000 - 3600);
        assert_eq!(event_time(Some(hour_ago), now), hour_ago);
        assert_eq!(
            event_time(Some(Timestamp::from_unix(2_000_000_000)), now),
            now
        );
        assert_eq!(event_time(Some(Timestamp::from_unix(0)), now), now);
        assert_eq!(event_time(None, now), now);
    }
}
