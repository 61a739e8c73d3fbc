//! The `tk config set` editor: one key of `tk.toml` changed in its record,
//! then validated and written canonically.

use super::super::config_key::ConfigKey;
use super::super::{Error, TeamConfig};
use super::encode::{encode, to_record};
use super::parse::{from_record, parse};
use super::{AttachmentsRecord, ConfigRecord, HoursRecord, MailRecord, ReportRecord};
use std::collections::BTreeMap;

/// Returns `text` with `key` set to `value`; see [`TeamConfig::set_key`].
pub(in crate::team) fn set_key(
    text: Option<&str>,
    key: &str,
    value: &str,
) -> Result<String, Error> {
    let mut record: ConfigRecord = match text {
        Some(text) => {
            parse(text)?;
            toml::from_str(text).expect("the text parsed a moment ago")
        }
        None => ConfigRecord::default(),
    };
    let value = value.trim();
    let removing = value.is_empty() || value.eq_ignore_ascii_case("none");
    let list = || {
        value
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    let optional = || (!removing).then(|| value.to_string());
    let unknown = || {
        Error::new(
            key,
            format!(
                "not a key tk config set knows; use one of {}; use `tk team` for members",
                ConfigKey::usage_list()
            ),
        )
    };
    let (found, words) = ConfigKey::find(key).ok_or_else(unknown)?;
    let word = |i: usize| -> String {
        words
            .get(i)
            .expect("the pattern has this many upper-case parts")
            .to_string()
    };
    match found {
        ConfigKey::Types => {
            let types = list();
            // A type taken out of the list takes its policy with it.
            if let Some(policies) = &mut record.type_policies {
                policies.retain(|name, _| types.iter().any(|t| t.eq_ignore_ascii_case(name)));
            }
            record.types = Some(types);
        }
        ConfigKey::Categories => record.categories = Some(list()),
        ConfigKey::TypeMinPriority | ConfigKey::TypeResponse | ConfigKey::TypeResolution => {
            let policies = record.type_policies.get_or_insert_with(|| {
                to_record(&TeamConfig::default())
                    .type_policies
                    .expect("the default record has type policies")
            });
            let policy = policies.entry(word(0)).or_default();
            let slot = match found {
                ConfigKey::TypeMinPriority => &mut policy.min_priority,
                ConfigKey::TypeResponse => &mut policy.response,
                _ => &mut policy.resolution,
            };
            *slot = (!removing).then(|| value.to_string());
        }
        ConfigKey::PriorityMatrix => {
            record
                .priority_matrix
                .get_or_insert_with(BTreeMap::new)
                .entry(word(0))
                .or_default()
                .insert(word(1), value.to_string());
        }
        ConfigKey::SlaResponse | ConfigKey::SlaResolution => {
            let sla = record.sla.get_or_insert_with(|| {
                to_record(&TeamConfig::default())
                    .sla
                    .expect("the default record has SLA targets")
            });
            let targets = sla.entry(word(0)).or_default();
            let slot = if found == ConfigKey::SlaResponse {
                &mut targets.response
            } else {
                &mut targets.resolution
            };
            *slot = (!removing).then(|| value.to_string());
        }
        ConfigKey::BusinessHours if removing => record.business_hours = None,
        ConfigKey::BusinessHours => return Err(unknown()),
        ConfigKey::BusinessHoursTimezone => hours(&mut record).timezone = Some(value.into()),
        ConfigKey::BusinessHoursDays => hours(&mut record).days = Some(list()),
        ConfigKey::BusinessHoursStart => hours(&mut record).start = Some(value.into()),
        ConfigKey::BusinessHoursEnd => hours(&mut record).end = Some(value.into()),
        ConfigKey::BusinessHoursHolidays => hours(&mut record).holidays = Some(list()),
        ConfigKey::AttachmentsMaxSize => {
            record.attachments = Some(AttachmentsRecord {
                max_size: Some(toml::Value::String(value.to_string())),
            })
        }
        ConfigKey::Views => {
            let views = record.views.get_or_insert_with(BTreeMap::new);
            if removing {
                if views.remove(&word(0)).is_none() {
                    return Err(Error::new(key, "no such view"));
                }
            } else {
                let words = value.split_whitespace().map(String::from).collect();
                views.insert(word(0), words);
            }
        }
        ConfigKey::GroupMembers | ConfigKey::GroupCategories | ConfigKey::GroupEscalateTo => {
            let group = record
                .groups
                .get_or_insert_with(BTreeMap::new)
                .entry(word(0))
                .or_default();
            match found {
                ConfigKey::GroupMembers => group.members = Some(list()),
                ConfigKey::GroupCategories => group.categories = Some(list()),
                _ => group.escalate_to = optional(),
            }
        }
        ConfigKey::FieldKind | ConfigKey::FieldChoices | ConfigKey::FieldDescription => {
            let fields = record.fields.get_or_insert_with(BTreeMap::new);
            let field = fields.entry(word(0)).or_default();
            match found {
                ConfigKey::FieldKind => field.kind = optional(),
                ConfigKey::FieldChoices => field.choices = (!removing).then(list),
                _ => field.description = optional(),
            }
            if field.kind.is_none() {
                return Err(Error::new(
                    key,
                    format!("no custom field `{}`: add it with tk field add", word(0)),
                ));
            }
        }
        ConfigKey::MailAddress => mail(&mut record).address = optional(),
        ConfigKey::MailName => mail(&mut record).name = optional(),
        ConfigKey::MailType => mail(&mut record).ticket_type = optional(),
        ConfigKey::MailCategory => mail(&mut record).category = optional(),
        ConfigKey::MailSubjectTag => mail(&mut record).subject_tag = optional(),
        ConfigKey::MailAllowedSenders => {
            mail(&mut record).allowed_senders = Some(if removing { Vec::new() } else { list() });
        }
        ConfigKey::MailMaxSize => {
            mail(&mut record).max_size = optional().map(toml::Value::String);
        }
        ConfigKey::ReportSlaCompliance => {
            report(&mut record).sla_compliance = optional().map(toml::Value::String);
        }
        ConfigKey::ReportSatisfaction => {
            report(&mut record).satisfaction = optional().map(toml::Value::String);
        }
        ConfigKey::MailReopenOnReply => {
            mail(&mut record).reopen_on_reply = match value.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" => Some(true),
                "false" | "no" | "off" => Some(false),
                _ => return Err(Error::new(key, format!("`{value}` is not true or false"))),
            }
        }
    }
    let config = from_record(record).map_err(|e| {
        if e.key.starts_with("line ") {
            Error::new(key, e.message)
        } else {
            e
        }
    })?;
    Ok(encode(&config))
}

/// Returns the mail table, starting an empty one.
fn mail(record: &mut ConfigRecord) -> &mut MailRecord {
    record.mail.get_or_insert_with(MailRecord::default)
}

/// Returns the report table, starting an empty one.
fn report(record: &mut ConfigRecord) -> &mut ReportRecord {
    record.report.get_or_insert_with(ReportRecord::default)
}

/// Returns the business hours table, starting an empty one.
fn hours(record: &mut ConfigRecord) -> &mut HoursRecord {
    record
        .business_hours
        .get_or_insert_with(HoursRecord::default)
}
