//! Applying one allowed event to a ticket's state: what each action does.

use crate::model::event::{Action, Changes, Event};
use crate::model::fields::{Priority, Status};
use crate::model::person::{email_of, Requester};
use crate::model::state::{AttachmentInfo, Link, Rating, Resolution, State};
use std::collections::BTreeSet;

/// Applies an allowed event to the state.
pub(super) fn apply(state: &mut State, event: &Event) {
    if state.first_response.is_none() && is_response(state, event) {
        state.first_response = Some(event.at);
    }
    match &event.action {
        Action::Create(_) => {}
        Action::Set(changes) => apply_changes(state, changes),
        Action::Assign { assignee } => {
            state.assignee = Some(assignee.clone());
            if state.status == Status::New {
                state.status = Status::Assigned;
            }
        }
        Action::Unassign => {
            state.assignee = None;
            if state.status == Status::Assigned {
                state.status = Status::New;
            }
        }
        Action::Comment { .. } | Action::Received { .. } | Action::Mailed { .. } => {}
        Action::Escalate { to, group, .. } => {
            if let Some(group) = group {
                state.group = non_empty(Some(group)).map(|g| g.to_lowercase());
            }
            if let Some(to) = to {
                state.assignee = Some(to.clone());
                if state.status == Status::New {
                    state.status = Status::Assigned;
                }
            }
        }
        Action::Start => {
            if state.assignee.is_none() {
                state.assignee = Some(email_of(&event.by).to_string());
            }
            state.status = Status::InProgress;
        }
        Action::Wait { .. } => state.status = Status::Waiting,
        Action::Resolve { summary } => {
            state.status = Status::Resolved;
            state.resolved = Some(event.at);
            state.resolution = Some(Resolution {
                summary: summary.clone(),
                by: event.by.clone(),
                at: event.at,
            });
        }
        Action::Close { reason, .. } => {
            state.status = Status::Closed;
            state.closed = Some(event.at);
            state.close_reason = *reason;
        }
        Action::Reopen { .. } => {
            state.status = if state.assignee.is_some() {
                Status::Assigned
            } else {
                Status::New
            };
            state.resolved = None;
            state.closed = None;
            state.close_reason = None;
            state.resolution = None;
            state.rating = None;
        }
        Action::Rate {
            score,
            comment,
            on_behalf,
        } => {
            state.rating = Some(Rating {
                score: *score,
                comment: comment.clone(),
                by: event.by.clone(),
                at: event.at,
                on_behalf: *on_behalf,
            });
        }
        Action::Link { .. }
        | Action::Unlink { .. }
        | Action::Watch { .. }
        | Action::Unwatch { .. }
        | Action::Attach { .. } => apply_relation(state, event),
    }
}

/// Applies the actions that describe a ticket without moving it: links,
/// watchers and attachments. Each list stays sorted and unique, so the
/// state does not depend on how often an action was repeated.
fn apply_relation(state: &mut State, event: &Event) {
    fn insert<T: Ord>(list: &mut Vec<T>, item: T) {
        if let Err(at) = list.binary_search(&item) {
            list.insert(at, item);
        }
    }
    fn remove<T: Ord>(list: &mut Vec<T>, item: &T) {
        if let Ok(at) = list.binary_search(item) {
            list.remove(at);
        }
    }
    match &event.action {
        Action::Link { relation, target } => insert(
            &mut state.links,
            Link {
                relation: *relation,
                target: target.clone(),
            },
        ),
        Action::Unlink { relation, target } => remove(
            &mut state.links,
            &Link {
                relation: *relation,
                target: target.clone(),
            },
        ),
        Action::Watch { who } => insert(&mut state.watchers, who.clone()),
        Action::Unwatch { who } => remove(&mut state.watchers, who),
        Action::Attach { name, size } => {
            let info = AttachmentInfo {
                name: name.clone(),
                size: *size,
                by: event.by.clone(),
                at: event.at,
            };
            match state
                .attachments
                .binary_search_by(|a| a.name.as_str().cmp(name))
            {
                Ok(at) => state.attachments[at] = info,
                Err(at) => state.attachments.insert(at, info),
            }
        }
        _ => {}
    }
}

/// Returns whether the event counts as the team's first response: a public
/// comment or a status change by someone other than the requester.
fn is_response(state: &State, event: &Event) -> bool {
    let by_requester = state
        .requester
        .as_ref()
        .is_some_and(|r| !r.email.is_empty() && r.email.eq_ignore_ascii_case(email_of(&event.by)));
    let counts = matches!(
        event.action,
        Action::Comment {
            internal: false,
            ..
        } | Action::Assign { .. }
            | Action::Start
            | Action::Wait { .. }
            | Action::Resolve { .. }
            | Action::Close { .. }
    );
    counts && !by_requester
}

/// Returns the trimmed text, or `None` when nothing is left.
pub(super) fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Returns tags trimmed, lower-cased, sorted and without repeats.
pub fn normalize_tags(tags: &[String]) -> Vec<String> {
    let set: BTreeSet<String> = tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    set.into_iter().collect()
}

/// Applies the descriptive fields of a `create` or `set`.
pub(super) fn apply_changes(state: &mut State, changes: &Changes) {
    if let Some(title) = &changes.title {
        state.title = title.trim().to_string();
    }
    if let Some(ticket_type) = &changes.ticket_type {
        state.ticket_type = ticket_type.clone();
    }
    if changes.impact.is_some() || changes.urgency.is_some() {
        state.impact = changes.impact.unwrap_or(state.impact);
        state.urgency = changes.urgency.unwrap_or(state.urgency);
        state.priority = Priority::from_matrix(state.impact, state.urgency);
    }
    if let Some(priority) = changes.priority {
        state.priority = priority;
    }
    if let Some(target) = changes.response_target {
        state.response_target = target;
    }
    if let Some(target) = changes.resolution_target {
        state.resolution_target = target;
    }
    if let Some(category) = &changes.category {
        state.category = non_empty(Some(category)).map(|c| c.to_lowercase());
    }
    if let Some(group) = &changes.group {
        state.group = non_empty(Some(group)).map(|g| g.to_lowercase());
    }
    if let Some(tags) = &changes.tags {
        state.tags = normalize_tags(tags);
    }
    if let Some(description) = &changes.description {
        state.description = Some(description.trim_end().to_string()).filter(|d| !d.is_empty());
    }
    apply_requester_changes(state, changes);
}

fn apply_requester_changes(state: &mut State, changes: &Changes) {
    if let Some(text) = &changes.requester {
        state.requester = match (Requester::parse(text), state.requester.take()) {
            (Some(parsed), Some(old)) => Some(Requester {
                name: parsed.name,
                email: parsed.email,
                ..old
            }),
            (parsed, _) => parsed,
        };
    }
    let details = [
        &changes.requester_phone,
        &changes.requester_location,
        &changes.requester_department,
    ];
    if details.iter().all(|d| d.is_none()) {
        return;
    }
    let requester = state.requester.get_or_insert_with(Requester::default);
    let slots = [
        &mut requester.phone,
        &mut requester.location,
        &mut requester.department,
    ];
    for (slot, value) in slots.into_iter().zip(details) {
        if let Some(value) = value {
            *slot = non_empty(Some(value));
        }
    }
}
