//! A ticket's current state: the result of replaying its timeline.

use super::fields::{CloseReason, Level, LinkRelation, Priority, Status, TicketType};
use super::id::TicketId;
use super::person::Requester;
use super::span::Span;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The current values of a ticket, as replay derives them.
///
/// This is what lists, filters and the read cache work with; it never
/// holds anything that replay would not reproduce.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Full id.
    pub id: TicketId,
    /// One-line summary.
    pub title: String,
    /// Ticket type.
    pub ticket_type: TicketType,
    /// Lifecycle status.
    pub status: Status,
    /// Priority, from the matrix or set explicitly.
    pub priority: Priority,
    /// Impact.
    pub impact: Level,
    /// Urgency.
    pub urgency: Level,
    /// How soon the team must first respond, from the SLA policy.
    pub response_target: Option<Span>,
    /// How soon the ticket must be resolved, from the SLA policy.
    pub resolution_target: Option<Span>,
    /// Category.
    pub category: Option<String>,
    /// The assignment group working it.
    pub group: Option<String>,
    /// Tags, sorted and unique.
    pub tags: Vec<String>,
    /// Who reported it.
    pub requester: Option<Requester>,
    /// Who owns it.
    pub assignee: Option<String>,
    /// When it was reported.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// Long description.
    pub description: Option<String>,
    /// When someone other than the requester first responded.
    pub first_response: Option<Timestamp>,
    /// When it was resolved; cleared by reopen.
    pub resolved: Option<Timestamp>,
    /// When it was closed; cleared by reopen.
    pub closed: Option<Timestamp>,
    /// Why it closed without a resolution.
    pub close_reason: Option<CloseReason>,
    /// The solution, once resolved.
    pub resolution: Option<Resolution>,
    /// The rating of the current resolution, once given; cleared by a
    /// reopen (the clocks keep each resolution's rating).
    pub rating: Option<Rating>,
    /// Links to other tickets, sorted and unique.
    pub links: Vec<Link>,
    /// Who follows the ticket, sorted and unique.
    pub watchers: Vec<String>,
    /// Attached files, sorted by name; one entry per name.
    pub attachments: Vec<AttachmentInfo>,
    /// Custom fields that have a value, by name.
    pub fields: std::collections::BTreeMap<String, super::custom_field::FieldValue>,
}

/// The written-down solution of a resolved ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// What was done.
    pub summary: String,
    /// Who resolved it.
    pub by: String,
    /// When.
    pub at: Timestamp,
}

/// A satisfaction rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// 1 to 5.
    pub score: u8,
    /// Free-text feedback.
    pub comment: Option<String>,
    /// Who entered it.
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// Whether a team member entered it on the requester's behalf.
    pub on_behalf: bool,
}

impl State {
    /// Returns the state a ticket starts in when it is created at `at`
    /// with `impact` and `urgency`: a new incident, its priority from the
    /// matrix, an empty title and nothing optional set. Replay applies the
    /// create event's changes to it.
    pub fn new(id: TicketId, at: Timestamp, impact: Level, urgency: Level) -> State {
        State {
            id,
            title: String::new(),
            ticket_type: TicketType::INCIDENT,
            status: Status::New,
            priority: Priority::from_matrix(impact, urgency),
            impact,
            urgency,
            response_target: None,
            resolution_target: None,
            category: None,
            group: None,
            tags: Vec::new(),
            requester: None,
            assignee: None,
            created: at,
            updated: at,
            description: None,
            first_response: None,
            resolved: None,
            closed: None,
            close_reason: None,
            resolution: None,
            rating: None,
            links: Vec::new(),
            watchers: Vec::new(),
            attachments: Vec::new(),
            fields: Default::default(),
        }
    }
}

impl Rating {
    /// Returns whether the requester gave this rating themselves: not on
    /// their behalf, and entered under the requester's own email. A rating
    /// recorded before provenance existed counts as the requester's only
    /// when its author is the requester.
    pub fn from_requester(&self, requester: Option<&Requester>) -> bool {
        !self.on_behalf
            && requester.is_some_and(|r| {
                !r.email.is_empty()
                    && r.email
                        .eq_ignore_ascii_case(crate::model::person::email_of(&self.by))
            })
    }
}

/// A link from a ticket to another one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Link {
    /// How the ticket relates to the target.
    pub relation: LinkRelation,
    /// The other ticket's full id.
    pub target: TicketId,
}

/// An attached file, as the timeline describes it. The bytes live on the
/// tickets ref at `attachments/<ticket id>/<name>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    /// The file name, without directories.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Who attached it (the latest version).
    pub by: String,
    /// When.
    pub at: Timestamp,
}
