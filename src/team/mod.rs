//! The team configuration in `tk.toml`: ticket types, categories, the
//! priority matrix, SLA targets, business hours, attachments, members and
//! assignment groups.
//!
//! It lives on the tickets ref and syncs like tickets. This module parses,
//! validates and writes it canonically; it is pure (no git, no terminal).

mod assign;
mod config_key;
mod group;
mod mail;
mod record;
mod targets;
mod template;

pub use assign::{pick_assignee, NoPick, Pick};
pub use config_key::ConfigKey;
pub use group::{group_name_problem, EscalationTarget, Group, MAX_GROUP_NAME};
pub use mail::{MailSettings, DEFAULT_MAIL_LIMIT, DEFAULT_SUBJECT_TAG};
pub use targets::ReportTargets;
pub use template::{
    check_template_name, Expansion, Template, MAX_TEMPLATE_CHILDREN,
    MAX_TEMPLATE_DESCRIPTION_CHARS, MAX_TEMPLATE_TAGS, TITLE_PLACEHOLDER,
};

use crate::model::{
    Changes, FieldDef, FieldValue, Level, Priority, SetField, Span, State, TicketType,
};
use crate::sla::BusinessHours;
use std::collections::BTreeMap;

/// The default categories of a new team.
pub const DEFAULT_CATEGORIES: &[&str] = &[
    "network", "hardware", "software", "access", "security", "other",
];

/// The default attachment size limit: 10 MiB.
pub const DEFAULT_ATTACHMENT_LIMIT: u64 = 10 * 1024 * 1024;

/// A value in `tk.toml` that is not valid, with the key named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid tk.toml key `{key}`: {message}")]
pub struct Error {
    /// The dotted key, e.g. `sla.high.response`.
    pub key: String,
    /// What is wrong with it.
    pub message: String,
}

impl Error {
    pub(crate) fn new(key: impl Into<String>, message: impl std::fmt::Display) -> Error {
        Error {
            key: key.into(),
            message: message.to_string(),
        }
    }
}

/// Response and resolution targets for one priority.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Targets {
    /// Time to first response.
    pub response: Option<Span>,
    /// Time to resolution.
    pub resolution: Option<Span>,
}

/// What a ticket type does to the tickets that have it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypePolicy {
    /// The lowest priority such a ticket gets from the matrix: the
    /// priority is the higher of the two (an explicit priority wins).
    pub min_priority: Option<Priority>,
    /// A response target replacing the priority's.
    pub response: Option<Span>,
    /// A resolution target replacing the priority's.
    pub resolution: Option<Span>,
}

/// A team member who can be assigned tickets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Member {
    /// Display name.
    pub name: String,
    /// Skills, matched against ticket categories.
    pub skills: Vec<String>,
    /// Whether they are away: auto-assignment skips them.
    pub away: Option<Away>,
    /// At most this many open tickets from auto-assignment.
    pub max_open: Option<usize>,
}

/// How long a member is away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Away {
    /// Until they say they are back (`tk team back`).
    UntilBack,
    /// Through this day (in the team's time zone); back the day after.
    Through(chrono::NaiveDate),
}

impl TeamConfig {
    /// Returns the day `at` falls on in the team's time zone (UTC without
    /// business hours): the day `away` dates are compared with.
    pub fn day_of(&self, at: crate::model::Timestamp) -> chrono::NaiveDate {
        let utc = at.to_utc();
        match &self.business_hours {
            Some(hours) => utc.with_timezone(&hours.timezone).date_naive(),
            None => utc.date_naive(),
        }
    }
}

impl Member {
    /// Returns whether the member is away on `today`.
    pub fn is_away(&self, today: chrono::NaiveDate) -> bool {
        match self.away {
            None => false,
            Some(Away::UntilBack) => true,
            Some(Away::Through(last)) => today <= last,
        }
    }
}

/// The whole team configuration, with defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamConfig {
    /// The ticket types the team uses.
    pub types: Vec<TicketType>,
    /// What a type does to priority and targets, for the types that have
    /// a policy (the built-in `emergency` has minimum priority critical).
    pub type_policies: BTreeMap<TicketType, TypePolicy>,
    /// The categories tickets may have.
    pub categories: Vec<String>,
    /// Priority by impact (row) and urgency (column), low to high.
    pub matrix: [[Priority; 3]; 3],
    /// SLA targets per priority; a priority without an entry has none.
    pub sla: BTreeMap<Priority, Targets>,
    /// Working hours; without them SLA clocks count calendar time.
    pub business_hours: Option<BusinessHours>,
    /// The largest attachment accepted, in bytes.
    pub attachment_limit: u64,
    /// Team members by email.
    pub members: BTreeMap<String, Member>,
    /// How the desk takes and sends mail (`[mail]`).
    pub mail: MailSettings,
    /// Saved `tk list` views: name to the list arguments, word by word.
    pub views: BTreeMap<String, Vec<String>>,
    /// Assignment groups by name (`[group.NAME]`).
    pub groups: BTreeMap<String, Group>,
    /// Ticket templates by name (`[template.NAME]`, `tk template`).
    pub templates: BTreeMap<String, Template>,
    /// The team's custom fields by name (`[field.NAME]`).
    pub fields: BTreeMap<String, FieldDef>,
    /// What `tk report` compares its figures with (`[report]`).
    pub report: ReportTargets,
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Low => 0,
        Level::Medium => 1,
        Level::High => 2,
    }
}

impl Default for TeamConfig {
    fn default() -> Self {
        let mut matrix = [[Priority::Medium; 3]; 3];
        for impact in Level::ALL {
            for urgency in Level::ALL {
                matrix[level_index(*impact)][level_index(*urgency)] =
                    Priority::from_matrix(*impact, *urgency);
            }
        }
        let span = |text: &str| Some(text.parse::<Span>().expect("default spans parse"));
        let sla = [
            (Priority::Critical, "15m", "4h"),
            (Priority::High, "1h", "1d"),
            (Priority::Medium, "4h", "3d"),
            (Priority::Low, "1d", "1w"),
        ]
        .into_iter()
        .map(|(p, response, resolution)| {
            (
                p,
                Targets {
                    response: span(response),
                    resolution: span(resolution),
                },
            )
        })
        .collect();
        TeamConfig {
            types: TicketType::ALL.to_vec(),
            type_policies: [(
                TicketType::EMERGENCY,
                TypePolicy {
                    min_priority: Some(Priority::Critical),
                    ..TypePolicy::default()
                },
            )]
            .into(),
            categories: DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect(),
            matrix,
            sla,
            business_hours: None,
            attachment_limit: DEFAULT_ATTACHMENT_LIMIT,
            members: BTreeMap::new(),
            mail: MailSettings::default(),
            views: BTreeMap::new(),
            groups: BTreeMap::new(),
            templates: BTreeMap::new(),
            fields: BTreeMap::new(),
            report: ReportTargets::default(),
        }
    }
}

impl TeamConfig {
    /// Parses and validates `tk.toml`; a missing file or key takes the
    /// default.
    pub fn parse(text: Option<&str>) -> Result<TeamConfig, Error> {
        match text {
            None => Ok(TeamConfig::default()),
            Some(text) => record::parse(text),
        }
    }

    /// Returns the canonical `tk.toml` text of this configuration.
    pub fn to_toml(&self) -> String {
        record::encode(self)
    }

    /// Returns the configuration as a TOML table, for JSON output.
    pub fn to_table(&self) -> toml::Table {
        self.to_toml().parse().expect("the canonical config parses")
    }

    /// Returns the calendar SLA clocks count in.
    pub fn calendar(&self) -> crate::sla::Calendar<'_> {
        match &self.business_hours {
            Some(hours) => crate::sla::Calendar::Business(hours),
            None => crate::sla::Calendar::Always,
        }
    }

    /// Returns how to show someone tk has by email: `Name <email>` for a
    /// team member `tk.toml` names, the text itself otherwise.
    pub fn person(&self, who: &str) -> String {
        match self.members.get(who) {
            Some(member) if !member.name.trim().is_empty() => format!("{} <{who}>", member.name),
            _ => who.to_string(),
        }
    }

    /// Returns the priority the matrix gives.
    pub fn priority(&self, impact: Level, urgency: Level) -> Priority {
        self.matrix[level_index(impact)][level_index(urgency)]
    }

    /// Returns the SLA targets for a priority.
    pub fn targets(&self, priority: Priority) -> Targets {
        self.sla.get(&priority).copied().unwrap_or_default()
    }

    /// Completes a create or set change with the team's policy: the
    /// priority from the matrix when impact, urgency or the type change
    /// without an explicit priority, raised to the type's minimum, and the
    /// SLA targets of the resulting priority, replaced by the type's own
    /// where it has them.
    ///
    /// A new ticket without a group is routed to the group that takes its
    /// category ([`TeamConfig::group_for_category`]).
    ///
    /// `current` is the ticket before the change (`None` when creating).
    /// Recording these in the event keeps replay independent of config.
    pub fn apply_policy(&self, changes: &mut Changes, current: Option<&State>) {
        if current.is_none() && changes.group.is_none() {
            changes.group = self.routed_group(changes.category.as_deref());
        }
        let ticket_type = changes
            .ticket_type
            .clone()
            .or_else(|| current.map(|s| s.ticket_type.clone()))
            .unwrap_or(TicketType::INCIDENT);
        let policy = self
            .type_policies
            .get(&ticket_type)
            .copied()
            .unwrap_or_default();
        let impact = changes
            .impact
            .or(current.map(|s| s.impact))
            .unwrap_or(Level::Medium);
        let urgency = changes
            .urgency
            .or(current.map(|s| s.urgency))
            .unwrap_or(Level::Medium);
        let recompute = changes.impact.is_some()
            || changes.urgency.is_some()
            || changes
                .ticket_type
                .as_ref()
                .is_some_and(|t| current.is_some_and(|s| s.ticket_type != *t));
        if changes.priority.is_none() && (current.is_none() || recompute) {
            let matrix = self.priority(impact, urgency);
            // Priorities sort most urgent first, so the higher is the min.
            changes.priority = Some(policy.min_priority.map_or(matrix, |m| matrix.min(m)));
        }
        if let Some(priority) = changes.priority {
            let targets = self.targets(priority);
            changes.response_target = Some(policy.response.or(targets.response));
            changes.resolution_target = Some(policy.resolution.or(targets.resolution));
        }
    }

    /// Returns the group a new ticket of `category` is routed to, if any.
    pub fn routed_group(&self, category: Option<&str>) -> Option<String> {
        category
            .and_then(|c| self.group_for_category(c))
            .map(str::to_string)
    }

    /// Checks a type and a category against the team's lists; the error
    /// names the allowed values.
    pub fn check_fields(
        &self,
        ticket_type: Option<&TicketType>,
        category: Option<&str>,
    ) -> Result<(), String> {
        if let Some(t) = ticket_type {
            if !self.types.contains(t) {
                let allowed: Vec<&str> = self.types.iter().map(|t| t.as_str()).collect();
                return Err(format!(
                    "this team does not use type `{t}`: use one of {}",
                    allowed.join(", ")
                ));
            }
        }
        if let Some(c) = category.map(str::trim).filter(|c| !c.is_empty()) {
            if !self
                .categories
                .iter()
                .any(|known| known.eq_ignore_ascii_case(c))
            {
                return Err(format!(
                    "unknown category `{c}`: use one of {}",
                    self.categories.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// Returns `text` (the current `tk.toml`, if any) with `key` set to
    /// `value`, validated and written canonically.
    ///
    /// Lists (`types`, `categories`, `business_hours.days`,
    /// `business_hours.holidays`) take comma-separated values; `none` or an
    /// empty value removes an optional key (an SLA target, business hours).
    pub fn set_key(text: Option<&str>, key: &str, value: &str) -> Result<String, Error> {
        record::set_key(text, key, value)
    }

    /// Checks and normalizes the custom field values of a change against
    /// the team's definitions (see [`FieldDef::value`]). A name the team
    /// does not define is refused, naming it, except that an empty value
    /// clears a field `current` (the ticket before the change) still has
    /// from before the field was removed.
    pub fn check_custom_fields(
        &self,
        fields: &mut BTreeMap<String, FieldValue>,
        current: Option<&State>,
    ) -> Result<(), String> {
        for (name, value) in fields.iter_mut() {
            match self.fields.get(name) {
                Some(def) => *value = def.value(name, value)?,
                None if value.is_clear()
                    && current.is_some_and(|s| s.fields.contains_key(name)) =>
                {
                    *value = FieldValue::Text(String::new());
                }
                None => return Err(self.unknown_field(name)),
            }
        }
        Ok(())
    }

    /// Returns the message for a field name that is neither built in nor
    /// one of the team's custom fields.
    pub fn unknown_field(&self, name: &str) -> String {
        let custom = if self.fields.is_empty() {
            "no custom fields are defined (tk field add)".to_string()
        } else {
            let names: Vec<&str> = self.fields.keys().map(String::as_str).collect();
            format!("custom fields: {}", names.join(", "))
        };
        format!(
            "unknown field `{}`: expected {}; {custom}",
            name.escape_debug(),
            SetField::choices()
        )
    }

    /// Refuses a view name other than 1 to 64 of `a-z`, `0-9`, `-`, `_`.
    pub fn check_view_name(name: &str) -> Result<(), Error> {
        record::check_view_name(name)
    }
}

#[cfg(test)]
mod tests;
