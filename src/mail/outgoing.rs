//! What the desk tells requesters and watchers by mail, and the messages
//! that carry it (built with lettre, which encodes every header, so no
//! ticket text can add one).
//!
//! Pure: a ticket in, the mails it still owes out. What was delivered is
//! read back from the ticket's `mailed` events.

use crate::model::{Action, Event, EventId, Ticket};
use crate::team::MailSettings;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;

/// Why the desk writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A new ticket: its id, priority and response target.
    Acknowledged,
    /// A public comment by the team.
    Comment,
    /// The ticket waits for the requester (with the reason).
    Waiting,
    /// Resolved, with the solution and how to rate by reply.
    Resolved,
    /// Closed.
    Closed,
    /// Reopened.
    Reopened,
    /// Handed on to another person or tier, with the reason (a functional
    /// escalation; one for a missed SLA target is the team's business).
    Escalated,
}

impl Notice {
    /// Returns the word for this notice in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Notice::Acknowledged => "acknowledged",
            Notice::Comment => "comment",
            Notice::Waiting => "waiting",
            Notice::Resolved => "resolved",
            Notice::Closed => "closed",
            Notice::Reopened => "reopened",
            Notice::Escalated => "escalated",
        }
    }
}

/// A mail the desk owes: about which event, to whom, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// The event it tells about.
    pub about: EventId,
    /// The recipient's address.
    pub to: String,
    /// Why.
    pub notice: Notice,
    /// Its Message-ID, derived from the ticket and event.
    pub message_id: String,
    /// The subject, with the tag.
    pub subject: String,
    /// The text.
    pub body: String,
    /// The requester's messages it answers (the thread), nearest last.
    pub references: Vec<String>,
}

/// Returns the mails `ticket` still owes, oldest event first. Only tickets
/// that came in by mail (with a `received` event) get mail, and only about
/// what happened from their first received mail on; nobody gets mail
/// about their own change.
pub fn pending(ticket: &Ticket, short_id: &str, settings: &MailSettings) -> Vec<Pending> {
    let events = ticket.events();
    let Some(start) = events
        .iter()
        .position(|e| matches!(e.action, Action::Received { .. }))
    else {
        return Vec::new();
    };
    let state = ticket.state();
    let mut recipients: Vec<String> = Vec::new();
    if let Some(r) = &state.requester {
        if r.email.contains('@') {
            recipients.push(r.email.to_lowercase());
        }
    }
    for watcher in &state.watchers {
        let watcher = watcher.trim().to_lowercase();
        if watcher.contains('@') && !recipients.contains(&watcher) {
            recipients.push(watcher);
        }
    }
    recipients.retain(|r| !settings.is_own_address(r));
    let references: Vec<String> = events
        .iter()
        .filter_map(|e| match &e.action {
            Action::Received { message_id, .. } => Some(message_id.clone()),
            _ => None,
        })
        .collect();
    let sent: Vec<(&EventId, &str)> = events
        .iter()
        .filter_map(|e| match &e.action {
            Action::Mailed { about, to, .. } => Some((about, to.as_str())),
            _ => None,
        })
        .collect();
    let superseded: Vec<&EventId> = ticket
        .timeline()
        .filter(|t| t.superseded)
        .map(|t| &t.event.id)
        .collect();
    // The create event comes before the first received one; the
    // acknowledgement is about it.
    let create = &events[0];
    let mut out = Vec::new();
    let candidates = std::iter::once(create).chain(events[start..].iter());
    for event in candidates {
        if superseded.contains(&&event.id) {
            continue;
        }
        let Some((notice, text)) = notice_of(ticket, event, short_id, settings) else {
            continue;
        };
        let author = crate::model::email_of(&event.by).to_lowercase();
        for to in &recipients {
            let own = *to == author && notice != Notice::Acknowledged;
            if own || sent.contains(&(&event.id, to.as_str())) {
                continue;
            }
            out.push(Pending {
                about: event.id.clone(),
                to: to.clone(),
                notice,
                message_id: super::outgoing_message_id(
                    ticket.id().as_str(),
                    event.id.as_str(),
                    settings.address.as_deref(),
                ),
                subject: format!("{} {}", settings.tag(short_id), subject_of(notice, ticket)),
                body: text.clone(),
                references: references.clone(),
            });
        }
    }
    out
}

fn subject_of(notice: Notice, ticket: &Ticket) -> String {
    let title = &ticket.state().title;
    match notice {
        Notice::Acknowledged => format!("Received: {title}"),
        Notice::Comment => format!("Re: {title}"),
        Notice::Waiting => format!("Waiting for you: {title}"),
        Notice::Resolved => format!("Resolved: {title}"),
        Notice::Closed => format!("Closed: {title}"),
        Notice::Reopened => format!("Reopened: {title}"),
        Notice::Escalated => format!("Escalated: {title}"),
    }
}

/// Returns what an event tells the requester, if anything: never an
/// internal comment, and never the requester's own comment.
fn notice_of(
    ticket: &Ticket,
    event: &Event,
    short_id: &str,
    settings: &MailSettings,
) -> Option<(Notice, String)> {
    let state = ticket.state();
    let footer = format!(
        "\n\n-- \nTicket {short_id}. Reply to this mail to add to it; keep {} in the subject.",
        settings.tag(short_id)
    );
    let requester = state.requester.as_ref().map(|r| r.email.to_lowercase());
    let by_requester =
        requester.as_deref() == Some(&crate::model::email_of(&event.by).to_lowercase());
    let (notice, text) = match &event.action {
        Action::Create(_) => {
            let response = state
                .response_target
                .map(|s| format!("\nWe aim to respond within {s}."))
                .unwrap_or_default();
            (
                Notice::Acknowledged,
                format!(
                    "We received your request and opened ticket {short_id}.\n\nTitle: {}\nPriority: {}{response}",
                    state.title, state.priority
                ),
            )
        }
        Action::Comment {
            body,
            internal: false,
        } if !by_requester => (Notice::Comment, format!("{}:\n\n{body}", event.by)),
        Action::Wait { reason } => (
            Notice::Waiting,
            match reason {
                Some(reason) => format!("Your ticket waits for: {reason}"),
                None => "Your ticket waits for an answer from you.".to_string(),
            },
        ),
        Action::Resolve { summary } => (
            Notice::Resolved,
            format!(
                "Your ticket was resolved:\n\n{summary}\n\nHow did we do? Reply with a digit from 1 (poor) to 5 (excellent) on the first line, and a comment below it if you like. Reply with anything else to reopen it."
            ),
        ),
        Action::Close { note, .. } => (
            Notice::Closed,
            match note {
                Some(note) => format!("Your ticket was closed: {note}"),
                None => "Your ticket was closed.".to_string(),
            },
        ),
        Action::Reopen { reason } => (
            Notice::Reopened,
            match reason {
                Some(reason) => format!("Your ticket was reopened: {reason}"),
                None => "Your ticket was reopened.".to_string(),
            },
        ),
        // The reason of a functional escalation is public, like an
        // assignment; who took it over (a person's address) is not said.
        Action::Escalate {
            reason,
            breach: None,
            ..
        } => (
            Notice::Escalated,
            format!("Your ticket was handed on to the people who can solve it: {reason}"),
        ),
        _ => return None,
    };
    Some((notice, format!("{text}{footer}")))
}

/// Returns the bytes of the mail for `pending`: From and Reply-To the desk,
/// threaded to the requester's messages, `Auto-Submitted:
/// auto-generated`, UTF-8 text.
pub fn render(
    pending: &Pending,
    settings: &MailSettings,
    date: std::time::SystemTime,
) -> Result<Vec<u8>, String> {
    let address = settings
        .address
        .as_deref()
        .ok_or("mail.address is not set: tk config set mail.address helpdesk@example.com")?;
    let desk = Mailbox::new(
        settings.name.clone(),
        address
            .parse()
            .map_err(|e| format!("mail.address `{address}`: {e}"))?,
    );
    let to: Mailbox = pending
        .to
        .parse()
        .map_err(|e| format!("recipient `{}`: {e}", pending.to))?;
    let mut builder = lettre::Message::builder()
        .from(desk.clone())
        .reply_to(desk)
        .to(to)
        .date(date)
        .subject(pending.subject.replace(['\r', '\n'], " "))
        .message_id(Some(format!("<{}>", pending.message_id)))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".to_string(),
        ));
    if let Some(last) = pending.references.last() {
        builder = builder.in_reply_to(format!("<{last}>"));
    }
    for reference in &pending.references {
        builder = builder.references(format!("<{reference}>"));
    }
    let message = builder
        .header(ContentType::TEXT_PLAIN)
        .body(pending.body.clone())
        .map_err(|e| format!("cannot build the mail: {e}"))?;
    Ok(message.formatted())
}
