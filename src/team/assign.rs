//! Choosing an assignee by skill and workload.

use super::TeamConfig;
use std::collections::HashMap;

/// The member chosen and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The member's email.
    pub email: String,
    /// One sentence explaining the choice.
    pub reason: String,
}

/// Picks the member whose skills include `category` and who has the fewest
/// open tickets (`open_counts`, by email); ties go to the email that sorts
/// first, so every clone picks the same person. When nobody has the skill
/// (or the ticket has no category), every member is a candidate.
///
/// Returns `None` when the team has no members.
pub fn pick_assignee(
    config: &TeamConfig,
    category: Option<&str>,
    open_counts: &HashMap<String, usize>,
) -> Option<Pick> {
    // The category as the ticket will store it: `--category " Network "`
    // must find the network people, not fall back to everyone.
    let category = category
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty());
    let category = category.as_deref();
    let skilled: Vec<&String> = match category {
        Some(category) => config
            .members
            .iter()
            .filter(|(_, m)| m.skills.iter().any(|s| s.eq_ignore_ascii_case(category)))
            .map(|(email, _)| email)
            .collect(),
        None => Vec::new(),
    };
    let all = match config.members.len() {
        1 => "the team's only member".to_string(),
        n => format!("among all {n} members"),
    };
    let (candidates, pool) = if skilled.is_empty() {
        let why = match category {
            Some(c) => format!("nobody has the skill {c}, so {all}"),
            None => format!("no category, so {all}"),
        };
        (config.members.keys().collect::<Vec<_>>(), why)
    } else {
        let verb = if skilled.len() == 1 { "has" } else { "have" };
        let why = format!(
            "{} of {} members {verb} the skill {}",
            skilled.len(),
            config.members.len(),
            category.unwrap_or_default()
        );
        (skilled, why)
    };
    let load = |email: &String| open_counts.get(email).copied().unwrap_or(0);
    let email = candidates
        .into_iter()
        .min_by(|a, b| load(a).cmp(&load(b)).then(a.cmp(b)))?;
    let open = match load(email) {
        1 => "1 open ticket".to_string(),
        n => format!("{n} open tickets"),
    };
    Some(Pick {
        email: email.clone(),
        reason: format!("{open}, the fewest ({pool})"),
    })
}
