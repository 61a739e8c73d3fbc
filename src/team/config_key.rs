//! The keys `tk config set` edits: one table that the editor matches on
//! exhaustively, that its error message lists and that a test checks the
//! docs against.

use crate::model::{keyword_enum, ParseFieldError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

keyword_enum!(
    /// A key of `tk.toml` that `tk config set KEY VALUE` can change, as a
    /// pattern: an upper-case part (`IMPACT`, `PRIORITY`) stands for any
    /// word there, which the editor then validates.
    ConfigKey, "config key", {
        /// The ticket types the team uses (a list).
        Types => "types",
        /// The categories tickets may have (a list).
        Categories => "categories",
        /// The lowest priority tickets of a type get.
        TypeMinPriority => "type.TYPE.min_priority",
        /// A type's own response target.
        TypeResponse => "type.TYPE.response",
        /// A type's own resolution target.
        TypeResolution => "type.TYPE.resolution",
        /// One cell of the priority matrix.
        PriorityMatrix => "priority_matrix.IMPACT.URGENCY",
        /// The response target of a priority.
        SlaResponse => "sla.PRIORITY.response",
        /// The resolution target of a priority.
        SlaResolution => "sla.PRIORITY.resolution",
        /// The whole business hours table; can only be removed (`none`).
        BusinessHours => "business_hours",
        /// The team's time zone.
        BusinessHoursTimezone => "business_hours.timezone",
        /// The working days (a list).
        BusinessHoursDays => "business_hours.days",
        /// When the working day starts.
        BusinessHoursStart => "business_hours.start",
        /// When the working day ends.
        BusinessHoursEnd => "business_hours.end",
        /// Days off (a list).
        BusinessHoursHolidays => "business_hours.holidays",
        /// The attachment size limit.
        AttachmentsMaxSize => "attachments.max_size",
        /// The desk's mail address: From and Reply-To of what tk sends.
        MailAddress => "mail.address",
        /// The display name of the desk's address.
        MailName => "mail.name",
        /// The type of tickets opened by mail.
        MailType => "mail.type",
        /// The category of tickets opened by mail.
        MailCategory => "mail.category",
        /// The subject tag, with `SHORTID` where the short id goes.
        MailSubjectTag => "mail.subject_tag",
        /// Who may open tickets by mail: addresses or domains (a list).
        MailAllowedSenders => "mail.allowed_senders",
        /// The largest message `tk mail ingest` accepts.
        MailMaxSize => "mail.max_size",
        /// Whether a reply to a resolved ticket reopens it.
        MailReopenOnReply => "mail.reopen_on_reply",
        /// A saved `tk list` view: its arguments, separated by spaces.
        Views => "views.NAME",
        /// The members of a group, by email (a list).
        GroupMembers => "group.NAME.members",
        /// The categories routed to a group (a list).
        GroupCategories => "group.NAME.categories",
        /// Where a group's tickets escalate to: a group or a member.
        GroupEscalateTo => "group.NAME.escalate_to",
        /// The kind of a custom field: text, number, date or choice.
        FieldKind => "field.NAME.kind",
        /// The choices of a choice field (a list).
        FieldChoices => "field.NAME.choices",
        /// What a custom field is for.
        FieldDescription => "field.NAME.description",
        /// The share of SLA clocks the team aims to meet in time.
        ReportSlaCompliance => "report.sla_compliance",
        /// The requesters' mean rating the team aims for.
        ReportSatisfaction => "report.satisfaction",
    }
);

impl ConfigKey {
    /// Returns the key `key` matches and the words its upper-case parts
    /// stand for, or `None` for a key `tk config set` does not edit.
    pub fn find(key: &str) -> Option<(ConfigKey, Vec<&str>)> {
        let parts: Vec<&str> = key.split('.').collect();
        ConfigKey::ALL.iter().find_map(|candidate| {
            let pattern: Vec<&str> = candidate.as_str().split('.').collect();
            if pattern.len() != parts.len() {
                return None;
            }
            let mut words = Vec::new();
            for (want, got) in pattern.iter().zip(&parts) {
                if want.bytes().all(|b| b.is_ascii_uppercase()) {
                    words.push(*got);
                } else if want != got {
                    return None;
                }
            }
            Some((*candidate, words))
        })
    }

    /// Returns how the error message lists this key.
    fn usage(self) -> String {
        match self {
            ConfigKey::BusinessHours => format!("{self} (none)"),
            _ => self.to_string(),
        }
    }

    /// Returns every key as the error message lists them.
    pub fn usage_list() -> String {
        ConfigKey::ALL
            .iter()
            .map(|k| k.usage())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_with_their_parameters() {
        assert_eq!(
            ConfigKey::find("sla.high.resolution"),
            Some((ConfigKey::SlaResolution, vec!["high"]))
        );
        assert_eq!(
            ConfigKey::find("priority_matrix.low.high"),
            Some((ConfigKey::PriorityMatrix, vec!["low", "high"]))
        );
        assert_eq!(
            ConfigKey::find("business_hours"),
            Some((ConfigKey::BusinessHours, vec![]))
        );
        assert_eq!(ConfigKey::find("business_hours.lunch"), None);
        assert_eq!(ConfigKey::find("sla.high"), None);
    }

    #[test]
    fn the_usage_list_is_the_one_users_saw_before() {
        assert_eq!(
            ConfigKey::usage_list(),
            "types, categories, type.TYPE.min_priority, type.TYPE.response, type.TYPE.resolution, priority_matrix.IMPACT.URGENCY, sla.PRIORITY.response, sla.PRIORITY.resolution, business_hours (none), business_hours.timezone, business_hours.days, business_hours.start, business_hours.end, business_hours.holidays, attachments.max_size, mail.address, mail.name, mail.type, mail.category, mail.subject_tag, mail.allowed_senders, mail.max_size, mail.reopen_on_reply, views.NAME, group.NAME.members, group.NAME.categories, group.NAME.escalate_to, field.NAME.kind, field.NAME.choices, field.NAME.description, report.sla_compliance, report.satisfaction"
        );
    }
}

/// The configuration reference lists every key `tk config set` edits.
#[cfg(test)]
#[test]
fn docs_name_every_config_key() {
    let docs = include_str!("../../docs/service-desk.md");
    for key in ConfigKey::ALL {
        assert!(
            docs.contains(&format!("| `{key}` |")),
            "docs/service-desk.md has no row for the config key `{key}`"
        );
    }
}
