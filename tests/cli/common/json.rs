//! The JSON documents tk prints, as test-local structs that refuse unknown
//! fields: a key added, renamed or dropped fails a test.
//!
//! serde cannot combine `flatten` with `deny_unknown_fields`, so the
//! ticket fields are spelled out once in a macro and repeated per document.
// Fields exist to be checked by deny_unknown_fields, not all to be read.
#![allow(dead_code)]

use serde::Deserialize;

macro_rules! ticket_document {
    ($(#[$meta:meta])* $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            pub id: String,
            pub short_id: String,
            pub title: String,
            #[serde(rename = "type")]
            pub ticket_type: String,
            pub status: String,
            pub priority: String,
            pub impact: String,
            pub urgency: String,
            pub response_target: Option<String>,
            pub resolution_target: Option<String>,
            pub sla: Option<Sla>,
            pub category: Option<String>,
            pub group: Option<String>,
            pub tags: Vec<String>,
            pub requester: Option<Requester>,
            pub assignee: Option<String>,
            pub created: String,
            pub updated: String,
            pub description: Option<String>,
            pub first_response: Option<String>,
            pub resolved: Option<String>,
            pub closed: Option<String>,
            pub close_reason: Option<String>,
            pub resolution: Option<Resolution>,
            pub rating: Option<Rating>,
            pub links: Vec<Link>,
            pub watchers: Vec<String>,
            pub attachments: Vec<Attachment>,
            $($extra)*
        }
    };
}

ticket_document!(
    /// One element of `tk list --json`.
    Listed {}
);

ticket_document!(
    /// `tk show --json`.
    Shown {
        pub comments: Vec<Comment>,
        pub events: Vec<Event>,
        pub linked_from: Vec<LinkedFrom>,
    }
);

ticket_document!(
    /// The result of a write with `--json`: the ticket and the commit.
    Written {
        pub comments: Vec<Comment>,
        pub events: Vec<Event>,
        pub commit: Option<String>,
    }
);

/// A link from the ticket to another one.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub relation: String,
    pub target: String,
}

/// A link from another ticket to the shown one.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LinkedFrom {
    pub relation: String,
    pub source: String,
}

/// An attachment, in the ticket and in `tk attachments --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub name: String,
    pub size: u64,
    pub by: String,
    pub at: String,
}

/// `tk attachment get ID NAME -o FILE --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedAttachment {
    pub ticket: String,
    pub name: String,
    pub size: u64,
    pub by: String,
    pub at: String,
    pub output: String,
}

/// The SLA clocks of a ticket.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    pub response: Option<SlaClock>,
    pub resolution: Option<SlaClock>,
    pub paused: bool,
}

/// One SLA clock.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaClock {
    pub due: String,
    pub met: Option<String>,
    pub breached: bool,
}

/// The requester of a ticket.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub department: Option<String>,
}

/// A resolution.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    pub summary: String,
    pub by: String,
    pub at: String,
}

/// A rating.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub score: u8,
    pub comment: Option<String>,
    pub by: String,
    pub at: String,
    pub on_behalf: bool,
}

/// A comment in `tk show --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: String,
    pub by: String,
    pub at: String,
    pub body: String,
    pub internal: bool,
}

/// A timeline event: the keys of the file's `[[events]]` entry plus
/// `superseded`. Keys an action does not use are absent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub clock: u64,
    pub at: String,
    pub by: String,
    pub action: String,
    pub superseded: bool,
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    pub impact: Option<String>,
    pub urgency: Option<String>,
    pub priority: Option<String>,
    pub response_target: Option<String>,
    pub resolution_target: Option<String>,
    pub category: Option<String>,
    pub group: Option<String>,
    pub tags: Option<Vec<String>>,
    pub description: Option<String>,
    pub requester: Option<String>,
    pub requester_phone: Option<String>,
    pub requester_location: Option<String>,
    pub requester_department: Option<String>,
    pub assignee: Option<String>,
    pub internal: Option<bool>,
    pub body: Option<String>,
    pub score: Option<u8>,
    pub on_behalf: Option<bool>,
    pub breach: Option<String>,
    pub comment: Option<String>,
    pub reason: Option<String>,
    pub summary: Option<String>,
    pub note: Option<String>,
    pub relation: Option<String>,
    pub target: Option<String>,
    pub who: Option<String>,
    pub name: Option<String>,
    pub size: Option<u64>,
    pub message_id: Option<String>,
    pub date: Option<String>,
    pub to: Option<String>,
    pub about: Option<String>,
}

/// One commit in `tk log --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    pub commit: String,
    pub author: String,
    pub at: String,
    pub action: Option<String>,
    pub tickets: Vec<String>,
    pub subject: String,
}

/// `tk init --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Init {
    #[serde(rename = "ref")]
    pub refname: String,
    pub created: bool,
    pub commit: Option<String>,
}

/// `tk completions SHELL --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completions {
    pub shell: String,
    pub script: String,
}

/// `tk config show --json`, and the result of a `tk config` or `tk team`
/// write.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigResult {
    pub config: Config,
    pub commit: Option<String>,
}

/// The team configuration in effect, defaults included.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub schema: u32,
    pub types: Vec<String>,
    pub categories: Vec<String>,
    /// Impact, then urgency, to priority.
    pub priority_matrix:
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// Priority to targets; a priority without targets is absent.
    pub sla: std::collections::BTreeMap<String, SlaTargets>,
    pub business_hours: Option<BusinessHours>,
    pub attachments: Attachments,
    /// Type to its policy; absent without policies.
    #[serde(rename = "type")]
    pub type_policies: Option<std::collections::BTreeMap<String, TypePolicy>>,
    /// Email to member; absent without members.
    pub team: Option<std::collections::BTreeMap<String, TeamMember>>,
}

/// The SLA targets of one priority in the configuration.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SlaTargets {
    pub response: Option<String>,
    pub resolution: Option<String>,
}

/// Business hours in the configuration.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    pub timezone: String,
    pub days: Vec<String>,
    pub start: String,
    pub end: String,
    pub holidays: Vec<String>,
}

/// Attachment settings in the configuration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachments {
    pub max_size: String,
}

/// A member in the configuration's `team` table.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    pub name: String,
    pub skills: Vec<String>,
    pub away: Option<serde_json::Value>,
    pub max_open: Option<u64>,
}

/// What a ticket type does, in the configuration.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TypePolicy {
    pub min_priority: Option<String>,
    pub response: Option<String>,
    pub resolution: Option<String>,
}

/// One element of `tk team list --json`.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub email: String,
    pub name: String,
    pub skills: Vec<String>,
    pub open: usize,
    pub away: Option<serde_json::Value>,
    pub away_now: bool,
    pub max_open: Option<usize>,
}

/// `tk sync --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sync {
    pub remote: String,
    pub outcome: String,
    pub pushed: bool,
    pub commit: Option<String>,
    pub incoming: SyncChanges,
    pub outgoing: SyncChanges,
    pub notes: Vec<String>,
}

/// The tickets a sync brought in or sent out, by full id.
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SyncChanges {
    pub new: Vec<String>,
    pub updated: Vec<String>,
}

/// `tk sync --check --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncCheck {
    pub remote: String,
    pub tracking_ref: String,
    pub ahead: usize,
    pub behind: usize,
}
