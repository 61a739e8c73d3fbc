//! Reading `tk.toml`: TOML text to a validated
//! [`TeamConfig`](super::super::TeamConfig), naming the key on every error.

use super::super::targets::{parse_compliance, parse_satisfaction};
use super::super::{
    group_name_problem, Away, Error, Group, MailSettings, Member, ReportTargets, Targets,
    TeamConfig, Template, TypePolicy,
};
use super::{ConfigRecord, HoursRecord, MailRecord, TemplateRecord};
use crate::model::{Level, Priority, Span, TicketType};
use crate::sla::BusinessHours;
use std::collections::BTreeMap;

/// Parses and validates `tk.toml` text.
pub(in crate::team) fn parse(text: &str) -> Result<TeamConfig, Error> {
    let record: ConfigRecord = toml::from_str(text).map_err(|e| {
        // Count the newlines before the error: `lines()` on the text before
        // it misses the line the error starts, when it starts a line.
        let line = e.span().map_or(1, |s| {
            text.get(..s.start).unwrap_or(text).matches('\n').count() + 1
        });
        Error::new(
            format!("line {line}"),
            e.message().trim().replace('\n', " "),
        )
    })?;
    from_record(record)
}

pub(super) fn from_record(record: ConfigRecord) -> Result<TeamConfig, Error> {
    let mut config = TeamConfig::default();
    if let Some(schema) = record.schema {
        if schema > crate::codec::SCHEMA {
            return Err(Error::new(
                "schema",
                format!("{schema} is newer than this tk understands; upgrade tk"),
            ));
        }
    }
    if let Some(types) = record.types {
        config.types = types
            .iter()
            .map(|t| t.parse::<TicketType>().map_err(|e| Error::new("types", e)))
            .collect::<Result<_, _>>()?;
        if config.types.is_empty() {
            return Err(Error::new("types", "list at least one ticket type"));
        }
    }
    if let Some(policies) = record.type_policies {
        // The file's entries replace the defaults for their types; an
        // empty `[type.emergency]` drops emergency's minimum priority.
        for (name, policy) in policies {
            let key = format!("type.{name}");
            let t: TicketType = name.parse().map_err(|e| Error::new(&key, e))?;
            if !config.types.contains(&t) {
                return Err(Error::new(
                    &key,
                    format!("`{t}` is not in `types`; add it there (tk type add {t})"),
                ));
            }
            let span = |field: &str, text: Option<String>| -> Result<Option<Span>, Error> {
                text.map(|s| {
                    s.parse::<Span>()
                        .map_err(|e| Error::new(format!("{key}.{field}"), e))
                })
                .transpose()
            };
            let min_priority = policy
                .min_priority
                .map(|p| {
                    p.parse::<Priority>()
                        .map_err(|e| Error::new(format!("{key}.min_priority"), e))
                })
                .transpose()?;
            config.type_policies.insert(
                t,
                TypePolicy {
                    min_priority,
                    response: span("response", policy.response)?,
                    resolution: span("resolution", policy.resolution)?,
                },
            );
        }
    }
    config.type_policies.retain(|t, _| config.types.contains(t));
    if let Some(categories) = record.categories {
        config.categories = lowercase_unique(categories);
        if config.categories.is_empty() {
            return Err(Error::new("categories", "list at least one category"));
        }
    }
    for (impact, row) in record.priority_matrix.unwrap_or_default() {
        let key = format!("priority_matrix.{impact}");
        let i: Level = impact.parse().map_err(|e| Error::new(&key, e))?;
        for (urgency, priority) in row {
            let key = format!("{key}.{urgency}");
            let u: Level = urgency.parse().map_err(|e| Error::new(&key, e))?;
            config.matrix[super::super::level_index(i)][super::super::level_index(u)] =
                priority.parse().map_err(|e| Error::new(&key, e))?;
        }
    }
    if let Some(sla) = record.sla {
        config.sla = BTreeMap::new();
        for (priority, targets) in sla {
            let key = format!("sla.{priority}");
            let p: Priority = priority.parse().map_err(|e| Error::new(&key, e))?;
            let span = |field: &str, text: Option<String>| -> Result<Option<Span>, Error> {
                text.map(|t| {
                    t.parse::<Span>()
                        .map_err(|e| Error::new(format!("{key}.{field}"), e))
                })
                .transpose()
            };
            config.sla.insert(
                p,
                Targets {
                    response: span("response", targets.response)?,
                    resolution: span("resolution", targets.resolution)?,
                },
            );
        }
    }
    if let Some(hours) = record.business_hours {
        config.business_hours = Some(business_hours(hours)?);
    }
    if let Some(limit) = record.attachments.and_then(|a| a.max_size) {
        config.attachment_limit =
            parse_size(&limit).map_err(|e| Error::new("attachments.max_size", e))?;
    }
    if let Some(mail) = record.mail {
        config.mail = mail_settings(mail)?;
        let mail = &config.mail;
        config
            .check_fields(mail.ticket_type.as_ref(), None)
            .map_err(|e| Error::new("mail.type", e))?;
        config
            .check_fields(None, mail.category.as_deref())
            .map_err(|e| Error::new("mail.category", e))?;
    }
    for (email, member) in record.team.unwrap_or_default() {
        let key = format!("team.\"{email}\"");
        if !email.contains('@') || email.trim() != email {
            return Err(Error::new(key, "team members are keyed by email address"));
        }
        let away = match member.away {
            None | Some(toml::Value::Boolean(false)) => None,
            Some(toml::Value::Boolean(true)) => Some(Away::UntilBack),
            Some(toml::Value::String(day)) => Some(Away::Through(day.parse().map_err(|_| {
                Error::new(
                    format!("{key}.away"),
                    format!("`{day}` is not a date like 2026-12-24"),
                )
            })?)),
            Some(other) => {
                return Err(Error::new(
                    format!("{key}.away"),
                    format!("`{other}` is neither true nor a date like 2026-12-24"),
                ))
            }
        };
        let max_open = member
            .max_open
            .map(|n| {
                usize::try_from(n)
                    .ok()
                    .filter(|n| (1..=10_000).contains(n))
                    .ok_or_else(|| {
                        Error::new(format!("{key}.max_open"), format!("{n} is not 1 to 10000"))
                    })
            })
            .transpose()?;
        config.members.insert(
            email.to_lowercase(),
            Member {
                name: member.name.unwrap_or_default(),
                skills: lowercase_unique(member.skills.unwrap_or_default()),
                away,
                max_open,
            },
        );
    }
    if let Some(report) = record.report {
        let key = |k: &str| format!("report.{k}");
        config.report = ReportTargets {
            sla_compliance: report
                .sla_compliance
                .map(|v| parse_compliance(&v).map_err(|e| Error::new(key("sla_compliance"), e)))
                .transpose()?,
            satisfaction: report
                .satisfaction
                .map(|v| parse_satisfaction(&v).map_err(|e| Error::new(key("satisfaction"), e)))
                .transpose()?,
        };
    }
    let fields = record.fields.unwrap_or_default();
    if fields.len() > crate::model::MAX_FIELDS {
        return Err(Error::new(
            "field",
            format!("more than {} custom fields", crate::model::MAX_FIELDS),
        ));
    }
    for (name, field) in fields {
        let key = format!("field.{name}");
        crate::model::check_field_name(&name).map_err(|e| Error::new(&key, e))?;
        let kind: crate::model::FieldKind = field
            .kind
            .as_deref()
            .ok_or_else(|| {
                Error::new(
                    format!("{key}.kind"),
                    "missing: text, number, date or choice",
                )
            })?
            .parse()
            .map_err(|e| Error::new(format!("{key}.kind"), e))?;
        // Choices of a field that is no longer a choice field (two clones
        // that defined it differently, merged key by key) are dropped
        // rather than making the whole file unreadable.
        let choices = match kind {
            crate::model::FieldKind::Choice => field.choices.unwrap_or_default(),
            _ => Vec::new(),
        };
        let def = crate::model::FieldDef::new(kind, choices, field.description)
            .map_err(|e| Error::new(&key, e))?;
        config.fields.insert(name, def);
    }
    for (name, words) in record.views.unwrap_or_default() {
        check_view_name(&name)?;
        config.views.insert(name, words);
    }
    for (name, group) in record.groups.unwrap_or_default() {
        let key = format!("group.{name}");
        if let Some(problem) = group_name_problem(&name) {
            return Err(Error::new(key, problem));
        }
        let members = lowercase_unique(group.members.unwrap_or_default());
        if let Some(bad) = members.iter().find(|m| !m.contains('@')) {
            return Err(Error::new(
                format!("{key}.members"),
                format!("`{bad}` is not an email address; members are listed by email"),
            ));
        }
        let escalate_to = group
            .escalate_to
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        if escalate_to.as_deref() == Some(name.as_str()) {
            return Err(Error::new(
                format!("{key}.escalate_to"),
                "a group cannot escalate to itself",
            ));
        }
        config.groups.insert(
            name,
            Group {
                members,
                categories: lowercase_unique(group.categories.unwrap_or_default()),
                escalate_to,
            },
        );
    }
    for (name, template) in record.templates.unwrap_or_default() {
        let parsed = template_of(&name, template)?;
        config.templates.insert(name, parsed);
    }
    Ok(config)
}

/// Reads one `[template.NAME]`: its words parsed and its values within
/// their limits. Whether its type and category are the team's is checked
/// when it is added and when it is used, not here: a sync that brings a
/// template and, from another clone, a shorter list of categories must
/// not make `tk.toml` unreadable.
fn template_of(name: &str, record: TemplateRecord) -> Result<Template, Error> {
    let key = |field: &str| format!("template.{name}.{field}");
    let word = |field: &str, text: Option<String>| -> Option<(String, String)> {
        text.map(|t| (key(field), t.trim().to_string()))
    };
    let ticket_type = word("type", record.ticket_type)
        .map(|(k, t)| t.parse::<TicketType>().map_err(|e| Error::new(k, e)))
        .transpose()?;
    let level = |field: &str, text: Option<String>| -> Result<Option<Level>, Error> {
        word(field, text)
            .map(|(k, t)| t.parse::<Level>().map_err(|e| Error::new(k, e)))
            .transpose()
    };
    let priority = word("priority", record.priority)
        .map(|(k, t)| t.parse::<Priority>().map_err(|e| Error::new(k, e)))
        .transpose()?;
    Template {
        title: record.title,
        ticket_type,
        category: record.category,
        description: record.description,
        tags: record.tags,
        impact: level("impact", record.impact)?,
        urgency: level("urgency", record.urgency)?,
        priority,
        children: record.children,
    }
    .checked(name)
}

/// Refuses a view name that would not make a plain `tk list --view NAME`.
pub(in crate::team) fn check_view_name(name: &str) -> Result<(), Error> {
    check_plain_name(name, format!("views.{name}"), "view")
}

/// Refuses a name other than 1 to 64 of `a-z`, `0-9`, `-` and `_`: the rule
/// for the names of views and templates, which are `tk.toml` keys (`key`,
/// named in the error) and plain words on the command line.
pub(in crate::team) fn check_plain_name(name: &str, key: String, what: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            key,
            format!("{what} names are 1 to 64 of a-z, 0-9, - and _"),
        ))
    }
}

fn mail_settings(mail: MailRecord) -> Result<MailSettings, Error> {
    let mut parsed = MailSettings::default();
    let text = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if let Some(address) = text(mail.address) {
        if !is_address(&address) {
            return Err(Error::new(
                "mail.address",
                format!("`{address}` is not a mail address like helpdesk@corp.example"),
            ));
        }
        parsed.address = Some(address.to_lowercase());
    }
    if let Some(name) = text(mail.name) {
        if name.chars().any(char::is_control) {
            return Err(Error::new("mail.name", "cannot contain control characters"));
        }
        parsed.name = Some(name);
    }
    if let Some(t) = text(mail.ticket_type) {
        parsed.ticket_type = Some(t.parse().map_err(|e| Error::new("mail.type", e))?);
    }
    parsed.category = text(mail.category).map(|c| c.to_lowercase());
    if let Some(tag) = mail.subject_tag {
        super::super::mail::check_tag(&tag).map_err(|e| Error::new("mail.subject_tag", e))?;
        parsed.subject_tag = tag;
    }
    if let Some(senders) = mail.allowed_senders {
        parsed.allowed_senders = lowercase_unique(senders);
        for sender in &parsed.allowed_senders {
            let domain = sender.trim_start_matches('@');
            if domain.contains(char::is_whitespace) || !domain.contains('.') {
                return Err(Error::new(
                    "mail.allowed_senders",
                    format!("`{sender}` is not an address or a domain like corp.example"),
                ));
            }
        }
    }
    if let Some(limit) = mail.max_size {
        parsed.max_size = parse_size(&limit).map_err(|e| Error::new("mail.max_size", e))?;
    }
    if let Some(reopen) = mail.reopen_on_reply {
        parsed.reopen_on_reply = reopen;
    }
    Ok(parsed)
}

/// Returns whether `text` looks like a bare address: one `@`, text on
/// both sides, no spaces, brackets or control characters.
fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.contains('@')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"()[]".contains(c))
}

fn business_hours(hours: HoursRecord) -> Result<BusinessHours, Error> {
    let mut parsed = BusinessHours::default();
    if let Some(zone) = hours.timezone {
        parsed.timezone = zone.parse().map_err(|_| {
            Error::new(
                "business_hours.timezone",
                format!("`{zone}` is not an IANA time zone like Europe/Berlin"),
            )
        })?;
    }
    if let Some(days) = hours.days {
        parsed.days = days
            .iter()
            .map(|d| {
                d.parse::<chrono::Weekday>().map_err(|_| {
                    Error::new(
                        "business_hours.days",
                        format!("`{d}` is not a weekday like mon"),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        parsed.days.sort_by_key(|d| d.num_days_from_monday());
        parsed.days.dedup();
        if parsed.days.is_empty() {
            return Err(Error::new(
                "business_hours.days",
                "list at least one working day",
            ));
        }
    }
    let time = |key: &str, text: Option<String>, default| -> Result<chrono::NaiveTime, Error> {
        match text {
            None => Ok(default),
            Some(t) => chrono::NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| {
                Error::new(
                    format!("business_hours.{key}"),
                    format!("`{t}` is not a time like 09:00"),
                )
            }),
        }
    };
    parsed.start = time("start", hours.start, parsed.start)?;
    parsed.end = time("end", hours.end, parsed.end)?;
    if parsed.start >= parsed.end {
        return Err(Error::new(
            "business_hours.end",
            "must be later than business_hours.start",
        ));
    }
    for day in hours.holidays.unwrap_or_default() {
        let date = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| {
            Error::new(
                "business_hours.holidays",
                format!("`{day}` is not a date like 2026-12-25"),
            )
        })?;
        parsed.holidays.insert(date);
    }
    Ok(parsed)
}

/// Parses a size: bytes as an integer, or text like `10MiB`, `500KiB`, `2MB`.
pub(super) fn parse_size(value: &toml::Value) -> Result<u64, String> {
    let text = match value {
        toml::Value::Integer(n) if *n > 0 => return Ok(*n as u64),
        toml::Value::String(s) => s.trim().to_string(),
        other => return Err(format!("`{other}` is not a size like 10MiB")),
    };
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size like 10MiB"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "kib" | "k" => 1 << 10,
        "mb" => 1_000_000,
        "mib" | "m" => 1 << 20,
        "gb" => 1_000_000_000,
        "gib" | "g" => 1 << 30,
        _ => {
            return Err(format!(
                "`{text}` has an unknown unit; use B, KiB, MiB, GiB, KB, MB or GB"
            ))
        }
    };
    number
        .checked_mul(factor)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{text}` is not a positive size"))
}

pub(super) fn lowercase_unique(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = item.trim().to_lowercase();
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
