//! Assignment groups (queues): who works a group's tickets, which
//! categories it takes, and where its tickets escalate to.
//!
//! Pure like the rest of `team`. References between groups and to team
//! members are checked when a group is changed (`tk group add`), not when
//! `tk.toml` is read: a merge of two clones may leave a dangling one, and
//! a `tk.toml` that every command refuses would be worse than a group that
//! names someone who left.

use super::TeamConfig;

/// The longest group name, in bytes.
pub const MAX_GROUP_NAME: usize = 64;

/// An assignment group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    /// The members' emails, lower-case, in the order given.
    pub members: Vec<String>,
    /// The categories whose new tickets go to this group.
    pub categories: Vec<String>,
    /// Where its tickets escalate to: another group's name or a team
    /// member's email.
    pub escalate_to: Option<String>,
}

/// Where an escalation goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EscalationTarget {
    /// To a group: the ticket's group changes.
    Group(String),
    /// To a person: they become the assignee.
    Person(String),
}

/// Returns why `name` is not a valid group name, if it is not: 1 to 64 of
/// `a-z`, `0-9`, `-` and `_`, starting with a letter or digit (so it
/// never reads as an option, an email or a person's name).
pub fn group_name_problem(name: &str) -> Option<String> {
    // `none` stands for "no group" in `tk list --group none`.
    let ok = name != "none"
        && !name.is_empty()
        && name.len() <= MAX_GROUP_NAME
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    (!ok).then(|| {
        format!(
            "`{name}` is not a group name: use 1 to {MAX_GROUP_NAME} of a-z, 0-9, - and _ (not `none`)"
        )
    })
}

impl TeamConfig {
    /// Returns the group a new ticket of `category` goes to: the group
    /// whose categories contain it; when several do (after a merge of two
    /// clones), the one whose name sorts first.
    pub fn group_for_category(&self, category: &str) -> Option<&str> {
        let category = category.trim();
        if category.is_empty() {
            return None;
        }
        self.groups
            .iter()
            .find(|(_, g)| {
                g.categories
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(category))
            })
            .map(|(name, _)| name.as_str())
    }

    /// Checks that `group` names one of the team's groups (an empty name
    /// means no group and is fine); the error names the groups there are.
    pub fn check_group(&self, group: &str) -> Result<(), String> {
        let group = group.trim();
        if group.is_empty() || self.groups.contains_key(&group.to_lowercase()) {
            return Ok(());
        }
        if self.groups.is_empty() {
            return Err(format!(
                "unknown group `{group}`: this team has no groups yet (tk group add NAME)"
            ));
        }
        let names: Vec<&str> = self.groups.keys().map(String::as_str).collect();
        Err(format!(
            "unknown group `{group}`: use one of {}",
            names.join(", ")
        ))
    }

    /// Returns what `text` names as an escalation target: a group when a
    /// group has that name, otherwise a person.
    pub fn escalation_target(&self, text: &str) -> EscalationTarget {
        let name = text.trim().to_lowercase();
        if self.groups.contains_key(&name) {
            EscalationTarget::Group(name)
        } else {
            EscalationTarget::Person(text.trim().to_string())
        }
    }

    /// Removes a member from the team and from every group.
    pub fn remove_member(&mut self, email: &str) -> bool {
        for group in self.groups.values_mut() {
            group.members.retain(|m| m != email);
        }
        self.members.remove(email).is_some()
    }
}
