//! Timeline events: what happened to a ticket, by whom, and when.

use super::fields::{
    keyword_enum, CloseReason, Level, LinkRelation, ParseFieldError, Priority, SlaTarget,
    TicketType,
};
use super::id::{EventId, TicketId};
use super::span::Span;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// The highest logical clock a ticket file may hold. A clock grows by one
/// per change made after seeing the others, so no real ticket comes near
/// it; a file with a higher clock is refused when read, which keeps
/// `clock + 1` from ever wrapping.
pub const MAX_CLOCK: u64 = u32::MAX as u64;

/// One entry of a ticket's append-only timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Unique within the ticket; merges deduplicate on it.
    pub id: EventId,
    /// Logical clock: one more than the highest clock the author had seen.
    pub clock: u64,
    /// Wall-clock time of the change, in UTC.
    pub at: Timestamp,
    /// The author, as `Name <email>`.
    pub by: String,
    /// What the event does.
    pub action: Action,
}

impl Event {
    /// Orders events for replay: logical clock, then time, then id.
    ///
    /// A change made after seeing another has a higher clock and sorts
    /// after it; concurrent changes fall back to time and then to the id,
    /// so every clone sorts the same set of events the same way.
    pub fn replay_order(&self, other: &Event) -> Ordering {
        (self.clock, self.at, &self.id).cmp(&(other.clock, other.at, &other.id))
    }
}

/// The change an event makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The ticket was reported; carries its first field values.
    Create(Changes),
    /// Descriptive fields changed (`tk set`, `tk edit`, a hand edit).
    Set(Changes),
    /// Someone took or was given the ticket.
    Assign {
        /// The new assignee.
        assignee: String,
    },
    /// The assignee was removed.
    Unassign,
    /// A comment; internal ones are for the team only.
    Comment {
        /// The text.
        body: String,
        /// Whether the requester should not see it.
        internal: bool,
    },
    /// Work started.
    Start,
    /// Work is blocked on someone else.
    Wait {
        /// What the ticket waits for.
        reason: Option<String>,
    },
    /// A solution was delivered.
    Resolve {
        /// What was done.
        summary: String,
    },
    /// The ticket was closed, after resolution or with a reason.
    Close {
        /// Why it closed without a resolution.
        reason: Option<CloseReason>,
        /// A closing note.
        note: Option<String>,
    },
    /// A resolved or closed ticket went back to work.
    Reopen {
        /// Why it was reopened.
        reason: Option<String>,
    },
    /// The service was rated: by the requester (the event's author is the
    /// requester, say by mail), or by a team member entering the rating
    /// the requester gave them.
    Rate {
        /// 1 (poor) to 5 (excellent).
        score: u8,
        /// What they said.
        comment: Option<String>,
        /// Whether the author entered it on the requester's behalf.
        on_behalf: bool,
    },
    /// A link from this ticket to another one was added.
    Link {
        /// How this ticket relates to the target.
        relation: LinkRelation,
        /// The full id of the other ticket.
        target: TicketId,
    },
    /// A link from this ticket to another one was removed.
    Unlink {
        /// The relation of the link.
        relation: LinkRelation,
        /// The full id of the other ticket.
        target: TicketId,
    },
    /// Someone asked to follow the ticket.
    Watch {
        /// The watcher (an email or name).
        who: String,
    },
    /// Someone stopped following the ticket.
    Unwatch {
        /// The watcher.
        who: String,
    },
    /// The ticket was escalated: handed to someone else or a higher tier
    /// (functional), or because it missed an SLA target.
    Escalate {
        /// Why.
        reason: String,
        /// Who takes it over; they become the assignee.
        to: Option<String>,
        /// The group it goes to; it becomes the ticket's group.
        group: Option<String>,
        /// The target it missed, for an escalation on breach; a ticket is
        /// escalated at most once per missed target.
        breach: Option<SlaTarget>,
    },
    /// A file was attached; its bytes are at `attachments/<id>/<name>`
    /// on the tickets ref, committed together with this event.
    Attach {
        /// The file name, without directories.
        name: String,
        /// Its size in bytes.
        size: u64,
    },
    /// A mail was taken in (`tk mail ingest`, `tk mail fetch`): recorded
    /// in the same commit as what it did (the create, the comment), so a
    /// message is recognised when it comes again and replies find their
    /// thread. Changes nothing in the state.
    Received {
        /// The message's `Message-ID`, without angle brackets (a stable
        /// hash of the message when it has none).
        message_id: String,
        /// The message's `Date`, when it had a valid one.
        date: Option<Timestamp>,
    },
    /// A mail about event `about` was delivered to `to` (`tk mail send`),
    /// recorded after the server or sendmail command accepted it, so it is
    /// never sent twice. Changes nothing in the state.
    Mailed {
        /// The Message-ID of the mail sent, without angle brackets.
        message_id: String,
        /// The recipient's address.
        to: String,
        /// The event the mail told about.
        about: EventId,
    },
}

keyword_enum!(
    /// The vocabulary of timeline actions: the word each [`Action`] has in
    /// files, commit trailers, `--json` and human output.
    ///
    /// This is the one list of action names. The codec reads and writes
    /// through it, the lifecycle rules match on it exhaustively, and a test
    /// checks that the docs name every entry, so adding an action is a
    /// series of edits the compiler points out. The order is the order in
    /// which refusals list the allowed actions.
    ActionKind, "action", {
        /// See [`Action::Assign`].
        Assign => "assign",
        /// See [`Action::Unassign`].
        Unassign => "unassign",
        /// See [`Action::Start`].
        Start => "start",
        /// See [`Action::Wait`].
        Wait => "wait",
        /// See [`Action::Resolve`].
        Resolve => "resolve",
        /// See [`Action::Close`].
        Close => "close",
        /// See [`Action::Reopen`].
        Reopen => "reopen",
        /// See [`Action::Rate`].
        Rate => "rate",
        /// See [`Action::Comment`].
        Comment => "comment",
        /// See [`Action::Set`].
        Set => "set",
        /// See [`Action::Create`].
        Create => "create",
        /// See [`Action::Link`].
        Link => "link",
        /// See [`Action::Unlink`].
        Unlink => "unlink",
        /// See [`Action::Watch`].
        Watch => "watch",
        /// See [`Action::Unwatch`].
        Unwatch => "unwatch",
        /// See [`Action::Attach`].
        Attach => "attach",
        /// See [`Action::Escalate`].
        Escalate => "escalate",
        /// See [`Action::Received`].
        Received => "received",
        /// See [`Action::Mailed`].
        Mailed => "mailed",
    }
);

impl Action {
    /// Returns which kind of action this is.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Create(_) => ActionKind::Create,
            Action::Set(_) => ActionKind::Set,
            Action::Assign { .. } => ActionKind::Assign,
            Action::Unassign => ActionKind::Unassign,
            Action::Comment { .. } => ActionKind::Comment,
            Action::Start => ActionKind::Start,
            Action::Wait { .. } => ActionKind::Wait,
            Action::Resolve { .. } => ActionKind::Resolve,
            Action::Close { .. } => ActionKind::Close,
            Action::Reopen { .. } => ActionKind::Reopen,
            Action::Rate { .. } => ActionKind::Rate,
            Action::Link { .. } => ActionKind::Link,
            Action::Unlink { .. } => ActionKind::Unlink,
            Action::Watch { .. } => ActionKind::Watch,
            Action::Unwatch { .. } => ActionKind::Unwatch,
            Action::Attach { .. } => ActionKind::Attach,
            Action::Escalate { .. } => ActionKind::Escalate,
            Action::Received { .. } => ActionKind::Received,
            Action::Mailed { .. } => ActionKind::Mailed,
        }
    }

    /// Returns the word used for this action in files, trailers and output.
    pub fn name(&self) -> &'static str {
        self.kind().as_str()
    }
}

/// Values for the descriptive fields; `None` leaves a field as it is.
///
/// For optional text fields, an empty string clears the field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// One-line summary.
    pub title: Option<String>,
    /// Ticket type.
    pub ticket_type: Option<TicketType>,
    /// Impact; priority follows the matrix unless `priority` is also set.
    pub impact: Option<Level>,
    /// Urgency; priority follows the matrix unless `priority` is also set.
    pub urgency: Option<Level>,
    /// An explicit priority, overriding the matrix.
    pub priority: Option<Priority>,
    /// Category, free text.
    pub category: Option<String>,
    /// The assignment group; an empty string removes it.
    pub group: Option<String>,
    /// The full set of tags.
    pub tags: Option<Vec<String>>,
    /// Long description.
    pub description: Option<String>,
    /// Requester as `Name <email>`.
    pub requester: Option<String>,
    /// Requester's phone.
    pub requester_phone: Option<String>,
    /// Requester's location.
    pub requester_location: Option<String>,
    /// Requester's department.
    pub requester_department: Option<String>,
    /// The assignee at creation.
    pub assignee: Option<String>,
    /// The response target in force from now on (`Some(None)`: none).
    /// Writers copy it from the team's SLA policy when the priority is
    /// set, so replay never needs the team configuration.
    pub response_target: Option<Option<Span>>,
    /// The resolution target in force from now on (`Some(None)`: none).
    pub resolution_target: Option<Option<Span>>,
}

impl Changes {
    /// Returns whether no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}
