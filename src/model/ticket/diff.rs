//! The difference between two states as actions: what `tk edit` and a
//! file edited outside tk turn into events.

use crate::model::event::{Action, Changes};
use crate::model::fields::{Priority, Status};
use crate::model::person::Requester;
use crate::model::state::State;

/// Returns the `set` changes that turn `from`'s descriptive fields into
/// `to`'s.
pub(super) fn descriptive_changes(from: &State, to: &State) -> Changes {
    fn differ<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
        (a != b).then(|| b.clone())
    }
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut changes = Changes {
        title: differ(&from.title, &to.title),
        ticket_type: differ(&from.ticket_type, &to.ticket_type),
        impact: differ(&from.impact, &to.impact),
        urgency: differ(&from.urgency, &to.urgency),
        category: differ(&text(&from.category), &text(&to.category)),
        group: differ(&text(&from.group), &text(&to.group)),
        tags: differ(&from.tags, &to.tags),
        description: differ(&text(&from.description), &text(&to.description)),
        ..Changes::default()
    };
    let predicted = if changes.impact.is_some() || changes.urgency.is_some() {
        Priority::from_matrix(to.impact, to.urgency)
    } else {
        from.priority
    };
    changes.priority = differ(&predicted, &to.priority);
    let empty = Requester::default();
    let old = from.requester.as_ref().unwrap_or(&empty);
    let new = to.requester.as_ref().unwrap_or(&empty);
    changes.requester = differ(&old.display(), &new.display());
    let detail = |value: &Option<String>| value.clone().unwrap_or_default();
    changes.requester_phone = differ(&detail(&old.phone), &detail(&new.phone));
    changes.requester_location = differ(&detail(&old.location), &detail(&new.location));
    changes.requester_department = differ(&detail(&old.department), &detail(&new.department));
    changes
}

/// Returns the lifecycle actions that move `from`'s status (and rating)
/// to `to`'s, where an action can express it.
pub(super) fn lifecycle_actions(from: &State, to: &State) -> Vec<Action> {
    let mut actions = Vec::new();
    let reopen = !from.status.is_open() && to.status.is_open();
    if reopen {
        actions.push(Action::Reopen { reason: None });
    }
    let resolve_summary = to.resolution.as_ref().map(|r| r.summary.clone());
    match to.status {
        _ if to.status == from.status && !reopen => {}
        Status::InProgress => actions.push(Action::Start),
        Status::Waiting => actions.push(Action::Wait { reason: None }),
        Status::Resolved => {
            if let Some(summary) = resolve_summary {
                actions.push(Action::Resolve { summary });
            }
        }
        Status::Closed => {
            if from.status.is_open() && to.close_reason.is_none() {
                if let Some(summary) = resolve_summary {
                    actions.push(Action::Resolve { summary });
                }
            }
            actions.push(Action::Close {
                reason: to.close_reason,
                note: None,
            });
        }
        Status::New | Status::Assigned => {}
    }
    let rating = |s: &State| {
        s.rating
            .as_ref()
            .map(|r| (r.score, r.comment.clone(), r.on_behalf))
    };
    if let (Some((score, comment, on_behalf)), true) = (rating(to), rating(from) != rating(to)) {
        actions.push(Action::Rate {
            score,
            comment,
            on_behalf,
        });
    }
    actions
}

/// Returns the link and watch actions that turn `from`'s links and
/// watchers into `to`'s. Attachments are not expressible: an edit cannot
/// add the file's bytes.
pub(super) fn relation_actions(from: &State, to: &State) -> Vec<Action> {
    let mut actions = Vec::new();
    for link in to.links.iter().filter(|l| !from.links.contains(l)) {
        actions.push(Action::Link {
            relation: link.relation,
            target: link.target.clone(),
        });
    }
    for link in from.links.iter().filter(|l| !to.links.contains(l)) {
        actions.push(Action::Unlink {
            relation: link.relation,
            target: link.target.clone(),
        });
    }
    for who in to.watchers.iter().filter(|w| !from.watchers.contains(w)) {
        actions.push(Action::Watch { who: who.clone() });
    }
    for who in from.watchers.iter().filter(|w| !to.watchers.contains(w)) {
        actions.push(Action::Unwatch { who: who.clone() });
    }
    actions
}
