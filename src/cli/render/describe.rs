//! One-line descriptions of timeline events, for `tk show --timeline`.

use crate::model::{human_size, Action, Changes, SetField};

/// Returns a one-line description of an action for the timeline.
pub fn describe(action: &Action) -> String {
    let with = |verb: &str, text: &Option<String>| match text {
        Some(text) => format!("{verb}: {}", first_line(text)),
        None => verb.to_string(),
    };
    match action {
        Action::Create(changes) => format!("created {}", describe_changes(changes)),
        Action::Set(changes) => format!("set {}", describe_changes(changes)),
        Action::Assign { assignee } => format!("assigned to {assignee}"),
        Action::Unassign => "unassigned".to_string(),
        Action::Comment { body, internal } => {
            let kind = if *internal {
                "internal comment"
            } else {
                "commented"
            };
            format!("{kind}: {}", first_line(body))
        }
        Action::Start => "started work".to_string(),
        Action::Wait { reason } => with("waiting", reason),
        Action::Resolve { summary } => format!("resolved: {}", first_line(summary)),
        Action::Close { reason, note } => {
            let verb = match reason {
                Some(reason) => format!("closed as {reason}"),
                None => "closed".to_string(),
            };
            with(&verb, note)
        }
        Action::Reopen { reason } => with("reopened", reason),
        Action::Rate {
            score,
            comment,
            on_behalf,
        } => {
            let verb = if *on_behalf {
                format!("rated {score}/5 for the requester")
            } else {
                format!("rated {score}/5")
            };
            with(&verb, comment)
        }
        Action::Link { relation, target } => format!("linked: {relation} {target}"),
        Action::Unlink { relation, target } => format!("unlinked: {relation} {target}"),
        Action::Watch { who } => format!("{who} watches"),
        Action::Unwatch { who } => format!("{who} stopped watching"),
        Action::Attach { name, size } => format!("attached {name} ({})", human_size(*size)),
        Action::Escalate {
            reason,
            to,
            group,
            breach,
        } => {
            let mut verb = "escalated".to_string();
            if let Some(group) = group {
                verb.push_str(&format!(" to group {group}"));
            }
            if let Some(to) = to {
                verb.push_str(&format!(" to {to}"));
            }
            if let Some(breach) = breach {
                verb.push_str(&format!(" ({breach} target missed)"));
            }
            format!("{verb}: {}", first_line(reason))
        }
        Action::Received { message_id, .. } => format!("mail received: <{message_id}>"),
        Action::Mailed { to, about, .. } => format!("mailed {to} about {about}"),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}

fn describe_changes(c: &Changes) -> String {
    let mut parts = Vec::new();
    let mut add = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            parts.push(format!("{name}={}", first_line(&value)));
        }
    };
    // The description is long, so it comes last and by name only.
    for field in SetField::ALL {
        if *field != SetField::Description {
            add(field.as_str(), c.text(*field));
        }
    }
    if c.description.is_some() {
        parts.push("description".to_string());
    }
    parts.join(" ")
}
