//! One `[[events]]` entry: a flat record whose keys depend on the action.

use super::file_record::{time, word};
use super::{field_error, DecodeError};
use crate::model::{Action, Changes, Event, EventId, TicketId, MAX_CLOCK};
use serde::{Deserialize, Serialize};

/// A timeline event in a file. Every action uses the keys it needs and no
/// others; `Create` and `Set` carry the descriptive fields they change.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct EventRecord {
    id: String,
    clock: u64,
    at: String,
    by: String,
    action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    ticket_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    urgency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response_target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resolution_target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    requester: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    requester_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    requester_location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    requester_department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assignee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    internal: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    who: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    size: Option<u64>,
}

/// Parses a target key: empty text means "no target".
fn target(text: Option<String>) -> Result<Option<Option<crate::model::Span>>, DecodeError> {
    text.map(|t| {
        if t.is_empty() {
            Ok(None)
        } else {
            word(&t).map(Some)
        }
    })
    .transpose()
}

impl From<&Event> for EventRecord {
    fn from(event: &Event) -> Self {
        let mut record = EventRecord {
            id: event.id.to_string(),
            clock: event.clock,
            at: event.at.to_string(),
            by: event.by.clone(),
            action: event.action.name().to_string(),
            ..EventRecord::default()
        };
        match &event.action {
            Action::Create(changes) | Action::Set(changes) => record.set_changes(changes),
            Action::Assign { assignee } => record.assignee = Some(assignee.clone()),
            Action::Unassign | Action::Start => {}
            Action::Comment { body, internal } => {
                record.body = Some(body.clone());
                record.internal = internal.then_some(true);
            }
            Action::Wait { reason } | Action::Reopen { reason } => record.reason = reason.clone(),
            Action::Resolve { summary } => record.summary = Some(summary.clone()),
            Action::Close { reason, note } => {
                record.reason = reason.map(|r| r.to_string());
                record.note = note.clone();
            }
            Action::Rate { score, comment } => {
                record.score = Some(*score);
                record.comment = comment.clone();
            }
            Action::Link { relation, target } | Action::Unlink { relation, target } => {
                record.relation = Some(relation.to_string());
                record.target = Some(target.to_string());
            }
            Action::Watch { who } | Action::Unwatch { who } => record.who = Some(who.clone()),
            Action::Attach { name, size } => {
                record.name = Some(name.clone());
                record.size = Some(*size);
            }
        }
        record
    }
}

impl EventRecord {
    fn set_changes(&mut self, c: &Changes) {
        let text = |v: Option<&dyn ToString>| v.map(|v| v.to_string());
        self.title = c.title.clone();
        self.ticket_type = text(c.ticket_type.as_ref().map(|v| v as _));
        self.impact = text(c.impact.as_ref().map(|v| v as _));
        self.urgency = text(c.urgency.as_ref().map(|v| v as _));
        self.priority = text(c.priority.as_ref().map(|v| v as _));
        let target = |t: Option<Option<crate::model::Span>>| {
            t.map(|t| t.map(|s| s.to_string()).unwrap_or_default())
        };
        self.response_target = target(c.response_target);
        self.resolution_target = target(c.resolution_target);
        self.category = c.category.clone();
        self.tags = c.tags.clone();
        self.description = c.description.clone();
        self.requester = c.requester.clone();
        self.requester_phone = c.requester_phone.clone();
        self.requester_location = c.requester_location.clone();
        self.requester_department = c.requester_department.clone();
        self.assignee = c.assignee.clone();
    }

    fn take_changes(&mut self) -> Result<Changes, DecodeError> {
        Ok(Changes {
            title: self.title.take(),
            ticket_type: self.ticket_type.take().as_deref().map(word).transpose()?,
            impact: self.impact.take().as_deref().map(word).transpose()?,
            urgency: self.urgency.take().as_deref().map(word).transpose()?,
            priority: self.priority.take().as_deref().map(word).transpose()?,
            category: self.category.take(),
            tags: self.tags.take(),
            description: self.description.take(),
            requester: self.requester.take(),
            requester_phone: self.requester_phone.take(),
            requester_location: self.requester_location.take(),
            requester_department: self.requester_department.take(),
            assignee: self.assignee.take(),
            response_target: target(self.response_target.take())?,
            resolution_target: target(self.resolution_target.take())?,
        })
    }

    /// Converts the record into an event, checking that the action has the
    /// keys it needs and no keys it does not use.
    pub(super) fn into_event(mut self) -> Result<Event, DecodeError> {
        let context = format!("event {}", self.id);
        let name = std::mem::take(&mut self.action);
        let missing = |key: &str| field_error(&context, format!("{name} needs `{key}`"));
        let action = match name.as_str() {
            "create" | "set" => {
                // Assignment after creation is its own event; leave the key
                // in a set event for the leftover check to refuse.
                let assignee = if name == "set" {
                    self.assignee.take()
                } else {
                    None
                };
                let changes = self.take_changes()?;
                self.assignee = assignee;
                if name == "create" {
                    if changes.title.is_none() {
                        return Err(missing("title"));
                    }
                    Action::Create(changes)
                } else {
                    Action::Set(changes)
                }
            }
            "assign" => Action::Assign {
                assignee: self.assignee.take().ok_or_else(|| missing("assignee"))?,
            },
            "unassign" => Action::Unassign,
            "comment" => Action::Comment {
                body: self.body.take().ok_or_else(|| missing("body"))?,
                internal: self.internal.take().unwrap_or(false),
            },
            "start" => Action::Start,
            "wait" => Action::Wait {
                reason: self.reason.take(),
            },
            "reopen" => Action::Reopen {
                reason: self.reason.take(),
            },
            "resolve" => Action::Resolve {
                summary: self.summary.take().ok_or_else(|| missing("summary"))?,
            },
            "close" => Action::Close {
                reason: self.reason.take().as_deref().map(word).transpose()?,
                note: self.note.take(),
            },
            "rate" => {
                let score = self.score.take().ok_or_else(|| missing("score"))?;
                if !(1..=5).contains(&score) {
                    return Err(field_error(
                        &context,
                        format!("score {score} is not 1 to 5"),
                    ));
                }
                Action::Rate {
                    score,
                    comment: self.comment.take(),
                }
            }
            "link" | "unlink" => {
                let relation = self.relation.take().ok_or_else(|| missing("relation"))?;
                let relation = word(&relation)?;
                let target = self.target.take().ok_or_else(|| missing("target"))?;
                let target = TicketId::parse(&target)
                    .map_err(|e| field_error(&context, format!("target: {e}")))?;
                if name == "link" {
                    Action::Link { relation, target }
                } else {
                    Action::Unlink { relation, target }
                }
            }
            "watch" => Action::Watch {
                who: self.who.take().ok_or_else(|| missing("who"))?,
            },
            "unwatch" => Action::Unwatch {
                who: self.who.take().ok_or_else(|| missing("who"))?,
            },
            "attach" => Action::Attach {
                name: self.name.take().ok_or_else(|| missing("name"))?,
                size: self.size.take().ok_or_else(|| missing("size"))?,
            },
            other => return Err(field_error(&context, format!("unknown action `{other}`"))),
        };
        self.ensure_no_leftover_keys(&context, &name)?;
        if self.clock > MAX_CLOCK {
            return Err(field_error(
                &context,
                format!(
                    "clock {} is above the highest clock tk accepts ({MAX_CLOCK})",
                    self.clock
                ),
            ));
        }
        if let Action::Attach { size, .. } = &action {
            if i64::try_from(*size).is_err() {
                return Err(field_error(
                    &context,
                    format!("size {size} is out of range"),
                ));
            }
        }
        Ok(Event {
            id: EventId::parse(&self.id).map_err(|e| field_error(&context, e))?,
            clock: self.clock,
            at: time(&context, &self.at)?,
            by: self.by,
            action,
        })
    }

    /// Refuses keys the action does not use: reading them would drop them
    /// on the next write, and tk never loses what a file says.
    fn ensure_no_leftover_keys(&self, context: &str, action: &str) -> Result<(), DecodeError> {
        let leftovers = [
            ("title", self.title.is_some()),
            ("type", self.ticket_type.is_some()),
            ("impact", self.impact.is_some()),
            ("urgency", self.urgency.is_some()),
            ("priority", self.priority.is_some()),
            ("response_target", self.response_target.is_some()),
            ("resolution_target", self.resolution_target.is_some()),
            ("category", self.category.is_some()),
            ("tags", self.tags.is_some()),
            ("description", self.description.is_some()),
            ("requester", self.requester.is_some()),
            ("requester_phone", self.requester_phone.is_some()),
            ("requester_location", self.requester_location.is_some()),
            ("requester_department", self.requester_department.is_some()),
            ("assignee", self.assignee.is_some()),
            ("internal", self.internal.is_some()),
            ("score", self.score.is_some()),
            ("reason", self.reason.is_some()),
            ("summary", self.summary.is_some()),
            ("note", self.note.is_some()),
            ("comment", self.comment.is_some()),
            ("body", self.body.is_some()),
            ("relation", self.relation.is_some()),
            ("target", self.target.is_some()),
            ("who", self.who.is_some()),
            ("name", self.name.is_some()),
            ("size", self.size.is_some()),
        ];
        match leftovers.iter().find(|(_, present)| *present) {
            Some((key, _)) => Err(field_error(
                context,
                format!("`{key}` does not belong to a {action} event"),
            )),
            None => Ok(()),
        }
    }
}
