//! The JSON documents tk prints with `--json`. Field names match the
//! ticket file; times are RFC 3339 UTC; absent values are `null`.

use crate::codec;
use crate::codec::StateRef;
use crate::codec::{AttachmentRef, FieldRef, LinkRef, RatingRef, RequesterRef, ResolutionRef};
use crate::model::{AttachmentInfo, LinkRelation, TicketId};
use crate::model::{Comment, State, Ticket, TimelineEntry};
use crate::sla::{Clock, Sla};
use crate::store::LogEntry;
use serde::Serialize;

mod pretty;
mod report;

pub use report::ReportView;

/// The team configuration in effect, and the commit that changed it
/// (`tk config` and `tk team` writes, `tk config show`).
#[derive(Serialize)]
pub struct ConfigView<'a> {
    /// The configuration, defaults included.
    pub config: toml::Table,
    /// The commit, or `None` when nothing was committed.
    pub commit: Option<&'a str>,
}

/// A ticket's state, as `tk list` prints each element.
#[derive(Serialize)]
pub struct TicketView<'a> {
    id: &'a str,
    short_id: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    ticket_type: &'a str,
    status: &'static str,
    priority: &'static str,
    impact: &'static str,
    urgency: &'static str,
    response_target: Option<String>,
    resolution_target: Option<String>,
    sla: Option<SlaView>,
    category: Option<&'a str>,
    group: Option<&'a str>,
    tags: Vec<&'a str>,
    requester: Option<RequesterView<'a>>,
    assignee: Option<&'a str>,
    created: Time,
    updated: Time,
    description: Option<&'a str>,
    first_response: Option<Time>,
    resolved: Option<Time>,
    closed: Option<Time>,
    close_reason: Option<&'static str>,
    resolution: Option<ResolutionView<'a>>,
    rating: Option<RatingView<'a>>,
    links: Vec<LinkView<'a>>,
    watchers: Vec<&'a str>,
    attachments: Vec<AttachmentView<'a>>,
    fields: std::collections::BTreeMap<&'a str, serde_json::Value>,
}

/// Returns a custom field's value as JSON: a number field's as a number
/// (from its canonical decimal text, as [`crate::model::Decimal`] holds
/// it), the others' as a string.
fn field_ref_json(value: FieldRef<'_>) -> serde_json::Value {
    match value {
        FieldRef::Text(text) => serde_json::Value::String(text.to_string()),
        FieldRef::Number(n) => match (!n.contains('.')).then(|| n.parse::<i64>().ok()) {
            Some(Some(i)) => serde_json::Value::from(i),
            _ => n
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(|| serde_json::Value::String(n.to_string()), Into::into),
        },
    }
}

/// A link from the ticket: `{relation, target}` as in the file.
#[derive(Serialize)]
struct LinkView<'a> {
    relation: &'static str,
    target: &'a str,
}

/// A link to the ticket from another one, in `tk show --json`.
#[derive(Serialize)]
pub struct LinkedFromView<'a> {
    relation: &'static str,
    source: &'a str,
}

impl<'a> LinkedFromView<'a> {
    /// Returns the view of a link from `source` to the shown ticket.
    pub fn new(relation: LinkRelation, source: &'a TicketId) -> Self {
        LinkedFromView {
            relation: relation.as_str(),
            source: source.as_str(),
        }
    }
}

/// An attachment, as in the file and in `tk attachments --json`.
#[derive(Serialize)]
pub struct AttachmentView<'a> {
    name: &'a str,
    size: u64,
    by: &'a str,
    at: Time,
}

impl<'a> AttachmentView<'a> {
    /// Returns the view of an attachment.
    pub fn new(a: &'a AttachmentInfo) -> Self {
        AttachmentView {
            name: &a.name,
            size: a.size,
            by: &a.by,
            at: time(a.at),
        }
    }
}

/// What `tk attachment get -o FILE --json` wrote.
#[derive(Serialize)]
pub struct SavedAttachmentView<'a> {
    ticket: &'a str,
    #[serde(flatten)]
    attachment: AttachmentView<'a>,
    output: String,
}

impl<'a> SavedAttachmentView<'a> {
    /// Returns the view of an attachment written to `output`.
    pub fn new(ticket: &'a TicketId, a: &'a AttachmentInfo, output: &std::path::Path) -> Self {
        SavedAttachmentView {
            ticket: ticket.as_str(),
            attachment: AttachmentView::new(a),
            output: output.display().to_string(),
        }
    }
}

/// SLA clocks as of now.
#[derive(Serialize)]
struct SlaView {
    response: Option<ClockView>,
    resolution: Option<ClockView>,
    paused: bool,
}

#[derive(Serialize)]
struct ClockView {
    due: Time,
    met: Option<Time>,
    breached: bool,
}

impl SlaView {
    fn new(sla: &Sla) -> Option<SlaView> {
        let clock = |c: &Clock| ClockView {
            due: time(c.due),
            met: c.met.map(time),
            breached: c.breached,
        };
        (sla.response.is_some() || sla.resolution.is_some()).then(|| SlaView {
            response: sla.response.as_ref().map(clock),
            resolution: sla.resolution.as_ref().map(clock),
            paused: sla.paused,
        })
    }
}

#[derive(Serialize)]
struct RequesterView<'a> {
    name: &'a str,
    email: &'a str,
    phone: Option<&'a str>,
    location: Option<&'a str>,
    department: Option<&'a str>,
}

#[derive(Serialize)]
struct ResolutionView<'a> {
    summary: &'a str,
    by: &'a str,
    at: Time,
}

#[derive(Serialize)]
struct RatingView<'a> {
    score: u8,
    comment: Option<&'a str>,
    by: &'a str,
    at: Time,
    on_behalf: bool,
}

/// A comment in `tk show --json`.
#[derive(Serialize)]
struct CommentView<'a> {
    id: &'a str,
    by: &'a str,
    at: Time,
    body: &'a str,
    internal: bool,
}

/// A timeline event: the file's keys plus whether replay superseded it.
#[derive(Serialize)]
struct EventView {
    #[serde(flatten)]
    fields: toml::Table,
    superseded: bool,
}

/// A whole ticket, as `tk show --json` prints it.
#[derive(Serialize)]
pub struct ShowView<'a> {
    #[serde(flatten)]
    ticket: TicketView<'a>,
    comments: Vec<CommentView<'a>>,
    events: Vec<EventView>,
    /// Links from other tickets; only `tk show` looks them up.
    #[serde(skip_serializing_if = "Option::is_none")]
    linked_from: Option<Vec<LinkedFromView<'a>>>,
}

/// The result of a write: the ticket after the change and the commit
/// (`null` when nothing changed).
#[derive(Serialize)]
pub struct WriteView<'a> {
    #[serde(flatten)]
    ticket: ShowView<'a>,
    commit: Option<&'a str>,
}

/// A commit in `tk log --json`.
#[derive(Serialize)]
pub struct LogView<'a> {
    commit: &'a str,
    author: &'a str,
    at: Time,
    action: Option<&'a str>,
    tickets: &'a [String],
    subject: &'a str,
}

/// A time in a view: serialized as its RFC 3339 text, and written by
/// `tk list --json`'s own writer without making that text a string first.
#[derive(Clone, Copy, Debug)]
struct Time(crate::model::Timestamp);

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

fn time(t: crate::model::Timestamp) -> Time {
    Time(t)
}

impl<'a> TicketView<'a> {
    /// Returns the view of a state with its short id length and SLA.
    pub fn new(state: &'a State, short_len: usize, sla: &Sla) -> Self {
        TicketView::of_ref(StateRef::of(state), short_len, sla)
    }

    /// Returns the view of a borrowed state (as `tk list` decodes it from
    /// the cache) with its short id length and SLA.
    pub fn of_ref(state: StateRef<'a>, short_len: usize, sla: &Sla) -> Self {
        let requester = |r: RequesterRef<'a>| RequesterView {
            name: r.name,
            email: r.email,
            phone: r.phone,
            location: r.location,
            department: r.department,
        };
        let resolution = |r: ResolutionRef<'a>| ResolutionView {
            summary: r.summary,
            by: r.by,
            at: time(r.at),
        };
        let rating = |r: RatingRef<'a>| RatingView {
            score: r.score,
            comment: r.comment,
            by: r.by,
            at: time(r.at),
            on_behalf: r.on_behalf,
        };
        let link = |l: &LinkRef<'a>| LinkView {
            relation: l.relation.as_str(),
            target: l.target,
        };
        let attachment = |a: &AttachmentRef<'a>| AttachmentView {
            name: a.name,
            size: a.size,
            by: a.by,
            at: time(a.at),
        };
        TicketView {
            id: state.id,
            short_id: state.id_prefix(short_len),
            title: state.title,
            ticket_type: state.ticket_type,
            status: state.status.as_str(),
            priority: state.priority.as_str(),
            impact: state.impact.as_str(),
            urgency: state.urgency.as_str(),
            response_target: state.response_target.map(|t| t.to_string()),
            resolution_target: state.resolution_target.map(|t| t.to_string()),
            sla: SlaView::new(sla),
            category: state.category,
            group: state.group,
            links: state.links.iter().map(link).collect(),
            attachments: state.attachments.iter().map(attachment).collect(),
            fields: state
                .fields
                .iter()
                .map(|(name, value)| (*name, field_ref_json(*value)))
                .collect(),
            tags: state.tags,
            requester: state.requester.map(requester),
            assignee: state.assignee,
            created: time(state.created),
            updated: time(state.updated),
            description: state.description,
            first_response: state.first_response.map(time),
            resolved: state.resolved.map(time),
            closed: state.closed.map(time),
            close_reason: state.close_reason.map(|r| r.as_str()),
            resolution: state.resolution.map(resolution),
            rating: state.rating.map(rating),
            watchers: state.watchers,
        }
    }
}

impl<'a> ShowView<'a> {
    /// Returns the full view of a ticket.
    pub fn new(ticket: &'a Ticket, short_len: usize, sla: &Sla) -> Self {
        let comment = |c: Comment<'a>| CommentView {
            id: c.id.as_str(),
            by: c.by,
            at: time(c.at),
            body: c.body,
            internal: c.internal,
        };
        let event = |e: TimelineEntry<'_>| EventView {
            fields: codec::event_table(e.event),
            superseded: e.superseded,
        };
        ShowView {
            ticket: TicketView::new(ticket.state(), short_len, sla),
            comments: ticket.comments().map(comment).collect(),
            events: ticket.timeline().map(event).collect(),
            linked_from: None,
        }
    }

    /// Adds the links that other tickets have to this one.
    pub fn with_linked_from(mut self, linked_from: Vec<LinkedFromView<'a>>) -> Self {
        self.linked_from = Some(linked_from);
        self
    }
}

impl<'a> WriteView<'a> {
    /// Returns the view of a write's result.
    pub fn new(ticket: &'a Ticket, short_len: usize, sla: &Sla, commit: Option<&'a str>) -> Self {
        WriteView {
            ticket: ShowView::new(ticket, short_len, sla),
            commit,
        }
    }
}

impl<'a> LogView<'a> {
    /// Returns the view of a log entry.
    pub fn new(entry: &'a LogEntry) -> Self {
        LogView {
            commit: &entry.commit,
            author: &entry.author,
            at: time(entry.at),
            action: entry.action.as_deref(),
            tickets: &entry.tickets,
            subject: &entry.subject,
        }
    }
}
