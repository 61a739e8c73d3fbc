//! A whole ticket file, as TOML sees it: schema, state, timeline.

use super::event_record::EventRecord;
use super::{field_error, DecodeError, BASE_SCHEMA, SCHEMA};
use crate::model::{
    AttachmentInfo, Link, Rating, Requester, Resolution, State, TicketId, Timestamp,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A ticket file. Plain keys come first, then the tables, then the
/// `[[events]]` array, as TOML requires; absent optional values are omitted.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRecord {
    pub(super) schema: u32,
    pub(super) id: String,
    pub(super) title: String,
    #[serde(rename = "type")]
    pub(super) ticket_type: String,
    pub(super) status: String,
    pub(super) priority: String,
    pub(super) impact: String,
    pub(super) urgency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) response_target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) resolution_target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) group: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) assignee: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) watchers: Vec<String>,
    pub(super) created: String,
    pub(super) updated: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) first_response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) resolved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) closed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) close_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) requester: Option<RequesterRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) resolution: Option<ResolutionRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) rating: Option<RatingRecord>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) fields: BTreeMap<String, toml::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) links: Vec<LinkRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) attachments: Vec<AttachmentRecord>,
    #[serde(default)]
    pub(super) events: Vec<EventRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkRecord {
    pub(super) relation: String,
    pub(super) target: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentRecord {
    pub(super) name: String,
    pub(super) size: u64,
    pub(super) by: String,
    pub(super) at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RequesterRecord {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(super) email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) department: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ResolutionRecord {
    pub(super) summary: String,
    pub(super) by: String,
    pub(super) at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RatingRecord {
    pub(super) score: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) comment: Option<String>,
    pub(super) by: String,
    pub(super) at: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(super) on_behalf: bool,
}

pub(super) fn time(field: impl std::fmt::Display, text: &str) -> Result<Timestamp, DecodeError> {
    Timestamp::parse_rfc3339(text).map_err(|e| field_error(field, format!("`{text}`: {e}")))
}

fn optional_time(field: &str, text: Option<String>) -> Result<Option<Timestamp>, DecodeError> {
    text.map(|t| time(field, &t)).transpose()
}

pub(super) fn word<T: std::str::FromStr>(text: &str) -> Result<T, DecodeError>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| DecodeError::Field(e.to_string()))
}

impl From<&Requester> for RequesterRecord {
    fn from(r: &Requester) -> Self {
        RequesterRecord {
            name: r.name.clone(),
            email: r.email.clone(),
            phone: r.phone.clone(),
            location: r.location.clone(),
            department: r.department.clone(),
        }
    }
}

impl From<RequesterRecord> for Requester {
    fn from(r: RequesterRecord) -> Self {
        Requester {
            name: r.name,
            email: r.email,
            phone: r.phone,
            location: r.location,
            department: r.department,
        }
    }
}

impl FileRecord {
    /// Returns the record of a state and its events.
    pub(super) fn new(s: &State, events: Vec<EventRecord>) -> Self {
        let text = |t: Option<Timestamp>| t.map(|t| t.to_string());
        // Only a file that uses custom fields needs a tk that knows them:
        // every other file keeps the schema older versions read.
        let uses_fields = !s.fields.is_empty() || events.iter().any(EventRecord::has_fields);
        FileRecord {
            schema: if uses_fields { SCHEMA } else { BASE_SCHEMA },
            fields: super::fields::to_toml(&s.fields),
            events,
            id: s.id.to_string(),
            title: s.title.clone(),
            ticket_type: s.ticket_type.to_string(),
            status: s.status.to_string(),
            priority: s.priority.to_string(),
            impact: s.impact.to_string(),
            urgency: s.urgency.to_string(),
            response_target: s.response_target.map(|t| t.to_string()),
            resolution_target: s.resolution_target.map(|t| t.to_string()),
            category: s.category.clone(),
            group: s.group.clone(),
            tags: s.tags.clone(),
            assignee: s.assignee.clone(),
            created: s.created.to_string(),
            updated: s.updated.to_string(),
            first_response: text(s.first_response),
            resolved: text(s.resolved),
            closed: text(s.closed),
            close_reason: s.close_reason.map(|r| r.to_string()),
            description: s.description.clone(),
            requester: s.requester.as_ref().map(RequesterRecord::from),
            resolution: s.resolution.as_ref().map(|r| ResolutionRecord {
                summary: r.summary.clone(),
                by: r.by.clone(),
                at: r.at.to_string(),
            }),
            rating: s.rating.as_ref().map(|r| RatingRecord {
                score: r.score,
                comment: r.comment.clone(),
                by: r.by.clone(),
                at: r.at.to_string(),
                on_behalf: r.on_behalf,
            }),
            watchers: s.watchers.clone(),
            links: s
                .links
                .iter()
                .map(|l| LinkRecord {
                    relation: l.relation.to_string(),
                    target: l.target.to_string(),
                })
                .collect(),
            attachments: s
                .attachments
                .iter()
                .map(|a| AttachmentRecord {
                    name: a.name.clone(),
                    size: a.size,
                    by: a.by.clone(),
                    at: a.at.to_string(),
                })
                .collect(),
        }
    }

    /// Splits the record into the state as written and the event records.
    pub(super) fn into_parts(self) -> Result<(State, Vec<EventRecord>), DecodeError> {
        let state = State {
            fields: super::fields::from_toml("fields", self.fields)?,
            id: TicketId::parse(&self.id).map_err(|e| field_error("id", e))?,
            title: self.title,
            ticket_type: word(&self.ticket_type)?,
            status: word(&self.status)?,
            priority: word(&self.priority)?,
            impact: word(&self.impact)?,
            urgency: word(&self.urgency)?,
            response_target: self.response_target.as_deref().map(word).transpose()?,
            resolution_target: self.resolution_target.as_deref().map(word).transpose()?,
            category: self.category,
            group: self.group,
            tags: self.tags,
            requester: self.requester.map(Requester::from),
            assignee: self.assignee,
            created: time("created", &self.created)?,
            updated: time("updated", &self.updated)?,
            description: self.description,
            first_response: optional_time("first_response", self.first_response)?,
            resolved: optional_time("resolved", self.resolved)?,
            closed: optional_time("closed", self.closed)?,
            close_reason: self.close_reason.as_deref().map(word).transpose()?,
            resolution: self
                .resolution
                .map(|r| -> Result<_, DecodeError> {
                    Ok(Resolution {
                        at: time("resolution.at", &r.at)?,
                        summary: r.summary,
                        by: r.by,
                    })
                })
                .transpose()?,
            rating: self
                .rating
                .map(|r| -> Result<_, DecodeError> {
                    Ok(Rating {
                        at: time("rating.at", &r.at)?,
                        score: r.score,
                        comment: r.comment,
                        by: r.by,
                        on_behalf: r.on_behalf,
                    })
                })
                .transpose()?,
            watchers: self.watchers,
            links: self
                .links
                .into_iter()
                .map(|l| -> Result<_, DecodeError> {
                    Ok(Link {
                        relation: word(&l.relation)?,
                        target: TicketId::parse(&l.target)
                            .map_err(|e| field_error("links.target", e))?,
                    })
                })
                .collect::<Result<_, _>>()?,
            attachments: self
                .attachments
                .into_iter()
                .map(|a| -> Result<_, DecodeError> {
                    Ok(AttachmentInfo {
                        at: time("attachments.at", &a.at)?,
                        name: a.name,
                        size: a.size,
                        by: a.by,
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok((state, self.events))
    }
}
