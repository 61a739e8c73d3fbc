//! Choosing an assignee by skill, availability and workload.

use super::{Member, TeamConfig};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The member chosen and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The member's email.
    pub email: String,
    /// One sentence explaining the choice.
    pub reason: String,
}

/// Why auto-assignment found nobody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoPick {
    /// The team has no members.
    NoMembers,
    /// Every member is away or at their open-ticket cap.
    NobodyAvailable {
        /// How many members the team (or the group) has.
        members: usize,
        /// The group picked within, if any.
        group: Option<String>,
    },
    /// The ticket's group has no team members.
    EmptyGroup {
        /// The group.
        group: String,
    },
    /// The ticket's group is not one of the team's groups (any more).
    UnknownGroup {
        /// The group.
        group: String,
    },
}

/// Picks an assignee for a ticket of `category` in `group` on `today`.
///
/// The rule: with a group, only the group's members who are on the team
/// take part (a group without any is a failure, not a fall-back to the
/// whole team). Of those, members who are away, or who already have `max_open` open
/// tickets, are skipped. Among the others, the ones with `category` as a
/// skill are the candidates; when none of them has it (or the ticket has no
/// category), every available member is. The candidate with the fewest
/// open tickets (`open_counts`, by email) wins, which spreads the load;
/// ties go to the email that sorts first, so every clone picks the same
/// person.
pub fn pick_assignee(
    config: &TeamConfig,
    category: Option<&str>,
    group: Option<&str>,
    open_counts: &HashMap<String, usize>,
    today: NaiveDate,
) -> Result<Pick, NoPick> {
    if config.members.is_empty() {
        return Err(NoPick::NoMembers);
    }
    let group = group.map(str::trim).filter(|g| !g.is_empty());
    let pool: Vec<(&String, &Member)> =
        match group {
            None => config.members.iter().collect(),
            Some(name) => {
                let found = config.groups.get(&name.to_lowercase()).ok_or_else(|| {
                    NoPick::UnknownGroup {
                        group: name.to_string(),
                    }
                })?;
                let pool: Vec<(&String, &Member)> = config
                    .members
                    .iter()
                    .filter(|(email, _)| found.members.contains(email))
                    .collect();
                if pool.is_empty() {
                    return Err(NoPick::EmptyGroup {
                        group: name.to_string(),
                    });
                }
                pool
            }
        };
    let size = pool.len();
    let load = |email: &String| open_counts.get(email).copied().unwrap_or(0);
    let available: Vec<(&String, &Member)> = pool
        .into_iter()
        .filter(|(email, m)| !m.is_away(today) && m.max_open.is_none_or(|cap| load(email) < cap))
        .collect();
    if available.is_empty() {
        return Err(NoPick::NobodyAvailable {
            members: size,
            group: group.map(str::to_string),
        });
    }
    // The category as the ticket will store it: `--category " Network "`
    // must find the network people, not fall back to everyone.
    let category = category
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty());
    let category = category.as_deref();
    let skilled: Vec<&String> = match category {
        Some(category) => available
            .iter()
            .filter(|(_, m)| m.skills.iter().any(|s| s.eq_ignore_ascii_case(category)))
            .map(|(email, _)| *email)
            .collect(),
        None => Vec::new(),
    };
    let whose = match group {
        Some(g) => format!("group {g}'s"),
        None => "the team's".to_string(),
    };
    let of = match group {
        Some(g) => format!(" of group {g}"),
        None => String::new(),
    };
    let all = match available.len() {
        1 if size == 1 => format!("{whose} only member"),
        1 => format!("the only member{of} available"),
        n if n == size => format!("among all {n} members{of}"),
        n => format!("among the {n} members{of} available"),
    };
    let (candidates, pool) = if skilled.is_empty() {
        let why = match category {
            Some(c) if available.len() == size => {
                format!("nobody has the skill {c}, so {all}")
            }
            Some(c) => format!("nobody available has the skill {c}, so {all}"),
            None => format!("no category, so {all}"),
        };
        (available.iter().map(|(e, _)| *e).collect::<Vec<_>>(), why)
    } else {
        let verb = if skilled.len() == 1 { "has" } else { "have" };
        let why = format!(
            "{} of {} members{of} {verb} the skill {}",
            skilled.len(),
            size,
            category.unwrap_or_default()
        );
        (skilled, why)
    };
    let skipped = size - available.len();
    let pool = match skipped {
        0 => pool,
        n => format!("{pool}; {n} away or at their cap skipped"),
    };
    let email = candidates
        .into_iter()
        .min_by(|a, b| load(a).cmp(&load(b)).then(a.cmp(b)))
        .expect("the candidates are not empty because some member is available");
    let open = match load(email) {
        1 => "1 open ticket".to_string(),
        n => format!("{n} open tickets"),
    };
    Ok(Pick {
        email: email.clone(),
        reason: format!("{open}, the fewest ({pool})"),
    })
}
