//! One `[[events]]` entry: a flat record whose keys depend on the action.

use super::file_record::{time, word};
use super::{field_error, DecodeError};
use crate::model::{Action, ActionKind, Changes, Event, EventId, TicketId, MAX_CLOCK};
use serde::{Deserialize, Serialize};

/// Declares [`EventRecord`] from one list of its action-specific keys, so
/// the struct, its key names and the leftover check cannot disagree.
/// The order of the list is the order of the keys in a file.
macro_rules! event_record {
    ($($field:ident => $key:literal: $ty:ty),+ $(,)?) => {
        /// A timeline event in a file. Every action uses the keys it needs
        /// and no others; `Create` and `Set` carry the descriptive fields
        /// they change.
        #[derive(Serialize, Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub(super) struct EventRecord {
            pub(super) id: String,
            pub(super) clock: u64,
            pub(super) at: String,
            pub(super) by: String,
            pub(super) action: String,
            $(
                #[serde(default, rename = $key, skip_serializing_if = "Option::is_none")]
                pub(super) $field: Option<$ty>,
            )+
        }

        impl EventRecord {
            /// The keys an event may have besides `id`, `clock`, `at`, `by`
            /// and `action`, in file order.
            #[cfg(test)]
            pub(super) const KEYS: &'static [&'static str] = &[$($key),+];

            /// Sets one of those keys for the fast reader: `None` for a key
            /// it does not have, a key given twice or a value of the wrong
            /// type, so that the reader declines the file.
            pub(super) fn set_key(&mut self, key: &str, value: super::fast::Value) -> Option<()> {
                match key {
                    $($key => super::fast::set_once(&mut self.$field, value),)+
                    _ => None,
                }
            }

            /// Returns the first key still set, in file order.
            fn first_leftover(&self) -> Option<&'static str> {
                $(
                    if self.$field.is_some() {
                        return Some($key);
                    }
                )+
                None
            }
        }
    };
}

event_record! {
    title => "title": String,
    ticket_type => "type": String,
    impact => "impact": String,
    urgency => "urgency": String,
    priority => "priority": String,
    response_target => "response_target": String,
    resolution_target => "resolution_target": String,
    category => "category": String,
    group => "group": String,
    tags => "tags": Vec<String>,
    requester => "requester": String,
    requester_phone => "requester_phone": String,
    requester_location => "requester_location": String,
    requester_department => "requester_department": String,
    assignee => "assignee": String,
    internal => "internal": bool,
    score => "score": u8,
    on_behalf => "on_behalf": bool,
    reason => "reason": String,
    summary => "summary": String,
    note => "note": String,
    comment => "comment": String,
    description => "description": String,
    body => "body": String,
    relation => "relation": String,
    target => "target": String,
    who => "who": String,
    name => "name": String,
    size => "size": u64,
    message_id => "message_id": String,
    date => "date": String,
    to => "to": String,
    about => "about": String,
    breach => "breach": String,
    fields => "fields": std::collections::BTreeMap<String, toml::Value>,
}

/// The name of an event in its errors: `event <id>`.
struct EventContext<'a>(&'a str);

impl std::fmt::Display for EventContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event {}", self.0)
    }
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
            Action::Rate {
                score,
                comment,
                on_behalf,
            } => {
                record.score = Some(*score);
                record.comment = comment.clone();
                record.on_behalf = on_behalf.then_some(true);
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
            Action::Escalate {
                reason,
                to,
                group,
                breach,
            } => {
                record.reason = Some(reason.clone());
                record.to = to.clone();
                record.group = group.clone();
                record.breach = breach.map(|b| b.to_string());
            }
            Action::Received { message_id, date } => {
                record.message_id = Some(message_id.clone());
                record.date = date.map(|d| d.to_string());
            }
            Action::Mailed {
                message_id,
                to,
                about,
            } => {
                record.message_id = Some(message_id.clone());
                record.to = Some(to.clone());
                record.about = Some(about.to_string());
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
        self.group = c.group.clone();
        self.tags = c.tags.clone();
        self.description = c.description.clone();
        self.requester = c.requester.clone();
        self.requester_phone = c.requester_phone.clone();
        self.requester_location = c.requester_location.clone();
        self.requester_department = c.requester_department.clone();
        self.assignee = c.assignee.clone();
        self.fields = (!c.fields.is_empty()).then(|| super::fields::to_toml(&c.fields));
    }

    fn take_changes(&mut self, context: &EventContext<'_>) -> Result<Changes, DecodeError> {
        let fields = match self.fields.take() {
            Some(fields) => super::fields::from_toml(&format!("{context}: fields"), fields)?,
            None => Default::default(),
        };
        Ok(Changes {
            fields,
            title: self.title.take(),
            ticket_type: self.ticket_type.take().as_deref().map(word).transpose()?,
            impact: self.impact.take().as_deref().map(word).transpose()?,
            urgency: self.urgency.take().as_deref().map(word).transpose()?,
            priority: self.priority.take().as_deref().map(word).transpose()?,
            category: self.category.take(),
            group: self.group.take(),
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
        // Named only in an error: formatting it up front cost an
        // allocation per event of every file a cold list reads.
        let id = std::mem::take(&mut self.id);
        let context = EventContext(&id);
        let name = std::mem::take(&mut self.action);
        let missing = |key: &str| field_error(&context, format!("{name} needs `{key}`"));
        let Some(kind) = ActionKind::from_word(&name) else {
            return Err(field_error(&context, format!("unknown action `{name}`")));
        };
        let action = match kind {
            ActionKind::Create | ActionKind::Set => {
                // Assignment after creation is its own event; leave the key
                // in a set event for the leftover check to refuse.
                let assignee = if kind == ActionKind::Set {
                    self.assignee.take()
                } else {
                    None
                };
                let changes = self.take_changes(&context)?;
                self.assignee = assignee;
                if kind == ActionKind::Create {
                    if changes.title.is_none() {
                        return Err(missing("title"));
                    }
                    Action::Create(changes)
                } else {
                    Action::Set(changes)
                }
            }
            ActionKind::Assign => Action::Assign {
                assignee: self.assignee.take().ok_or_else(|| missing("assignee"))?,
            },
            ActionKind::Unassign => Action::Unassign,
            ActionKind::Comment => Action::Comment {
                body: self.body.take().ok_or_else(|| missing("body"))?,
                internal: self.internal.take().unwrap_or(false),
            },
            ActionKind::Start => Action::Start,
            ActionKind::Wait => Action::Wait {
                reason: self.reason.take(),
            },
            ActionKind::Reopen => Action::Reopen {
                reason: self.reason.take(),
            },
            ActionKind::Resolve => Action::Resolve {
                summary: self.summary.take().ok_or_else(|| missing("summary"))?,
            },
            ActionKind::Close => Action::Close {
                reason: self.reason.take().as_deref().map(word).transpose()?,
                note: self.note.take(),
            },
            ActionKind::Rate => {
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
                    on_behalf: self.on_behalf.take().unwrap_or(false),
                }
            }
            ActionKind::Link | ActionKind::Unlink => {
                let relation = self.relation.take().ok_or_else(|| missing("relation"))?;
                let relation = word(&relation)?;
                let target = self.target.take().ok_or_else(|| missing("target"))?;
                let target = TicketId::parse(&target)
                    .map_err(|e| field_error(&context, format!("target: {e}")))?;
                if kind == ActionKind::Link {
                    Action::Link { relation, target }
                } else {
                    Action::Unlink { relation, target }
                }
            }
            ActionKind::Watch => Action::Watch {
                who: self.who.take().ok_or_else(|| missing("who"))?,
            },
            ActionKind::Unwatch => Action::Unwatch {
                who: self.who.take().ok_or_else(|| missing("who"))?,
            },
            ActionKind::Escalate => Action::Escalate {
                reason: self.reason.take().ok_or_else(|| missing("reason"))?,
                to: self.to.take(),
                group: self.group.take(),
                breach: self.breach.take().as_deref().map(word).transpose()?,
            },
            ActionKind::Attach => Action::Attach {
                name: self.name.take().ok_or_else(|| missing("name"))?,
                size: self.size.take().ok_or_else(|| missing("size"))?,
            },
            ActionKind::Received => Action::Received {
                message_id: self
                    .message_id
                    .take()
                    .ok_or_else(|| missing("message_id"))?,
                date: self.date.take().map(|d| time(&context, &d)).transpose()?,
            },
            ActionKind::Mailed => Action::Mailed {
                message_id: self
                    .message_id
                    .take()
                    .ok_or_else(|| missing("message_id"))?,
                to: self.to.take().ok_or_else(|| missing("to"))?,
                about: EventId::parse(&self.about.take().ok_or_else(|| missing("about"))?)
                    .map_err(|e| field_error(&context, format!("about: {e}")))?,
            },
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
            id: EventId::parse(&id).map_err(|e| field_error(&context, e))?,
            clock: self.clock,
            at: time(&context, &self.at)?,
            by: self.by,
            action,
        })
    }

    /// Returns whether the event sets custom fields.
    pub(super) fn has_fields(&self) -> bool {
        self.fields.is_some()
    }

    /// Refuses keys the action does not use: reading them would drop them
    /// on the next write, and tk never loses what a file says.
    fn ensure_no_leftover_keys(
        &self,
        context: &EventContext<'_>,
        action: &str,
    ) -> Result<(), DecodeError> {
        match self.first_leftover() {
            Some(key) => Err(field_error(
                context,
                format!("`{key}` does not belong to a {action} event"),
            )),
            None => Ok(()),
        }
    }
}
