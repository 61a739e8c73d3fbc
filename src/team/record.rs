//! `tk.toml` as TOML sees it, and the conversions to and from
//! [`TeamConfig`] that name the offending key on every error.

use super::{Error, Member, Targets, TeamConfig};
use crate::model::{Level, Priority, Span, TicketType};
use crate::sla::BusinessHours;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const HEADER: &str = "\
# tk team configuration, shared through the tickets ref like the tickets.
# Change it with `tk config set KEY VALUE`, `tk config edit` or `tk team`.
";

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigRecord {
    #[serde(default)]
    schema: Option<u32>,
    #[serde(default)]
    types: Option<Vec<String>>,
    #[serde(default)]
    categories: Option<Vec<String>>,
    #[serde(default)]
    priority_matrix: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[serde(default)]
    sla: Option<BTreeMap<String, TargetsRecord>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    business_hours: Option<HoursRecord>,
    #[serde(default)]
    attachments: Option<AttachmentsRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team: Option<BTreeMap<String, MemberRecord>>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TargetsRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resolution: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HoursRecord {
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    days: Option<Vec<String>>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    holidays: Option<Vec<String>>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AttachmentsRecord {
    #[serde(default)]
    max_size: Option<toml::Value>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MemberRecord {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    skills: Option<Vec<String>>,
}

pub(super) fn parse(text: &str) -> Result<TeamConfig, Error> {
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

fn from_record(record: ConfigRecord) -> Result<TeamConfig, Error> {
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
            config.matrix[super::level_index(i)][super::level_index(u)] =
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
    for (email, member) in record.team.unwrap_or_default() {
        let key = format!("team.\"{email}\"");
        if !email.contains('@') || email.trim() != email {
            return Err(Error::new(key, "team members are keyed by email address"));
        }
        config.members.insert(
            email.to_lowercase(),
            Member {
                name: member.name.unwrap_or_default(),
                skills: lowercase_unique(member.skills.unwrap_or_default()),
            },
        );
    }
    Ok(config)
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
fn parse_size(value: &toml::Value) -> Result<u64, String> {
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

fn format_size(bytes: u64) -> String {
    for (factor, unit) in [(1u64 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] {
        if bytes % factor == 0 {
            return format!("{}{unit}", bytes / factor);
        }
    }
    format!("{bytes}B")
}

fn lowercase_unique(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = item.trim().to_lowercase();
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn to_record(config: &TeamConfig) -> ConfigRecord {
    let mut matrix = BTreeMap::new();
    for impact in Level::ALL {
        let row = Level::ALL
            .iter()
            .map(|u| (u.to_string(), config.priority(*impact, *u).to_string()))
            .collect();
        matrix.insert(impact.to_string(), row);
    }
    let sla = config
        .sla
        .iter()
        .map(|(p, t)| {
            (
                p.to_string(),
                TargetsRecord {
                    response: t.response.map(|s| s.to_string()),
                    resolution: t.resolution.map(|s| s.to_string()),
                },
            )
        })
        .collect();
    ConfigRecord {
        schema: Some(crate::codec::SCHEMA),
        types: Some(config.types.iter().map(|t| t.to_string()).collect()),
        categories: Some(config.categories.clone()),
        priority_matrix: Some(matrix),
        sla: Some(sla),
        business_hours: config.business_hours.as_ref().map(|h| HoursRecord {
            timezone: Some(h.timezone.name().to_string()),
            days: Some(
                h.days
                    .iter()
                    .map(|d| d.to_string().to_lowercase())
                    .collect(),
            ),
            start: Some(h.start.format("%H:%M").to_string()),
            end: Some(h.end.format("%H:%M").to_string()),
            holidays: Some(h.holidays.iter().map(|d| d.to_string()).collect()),
        }),
        attachments: Some(AttachmentsRecord {
            max_size: Some(toml::Value::String(format_size(config.attachment_limit))),
        }),
        team: (!config.members.is_empty()).then(|| {
            config
                .members
                .iter()
                .map(|(email, m)| {
                    (
                        email.clone(),
                        MemberRecord {
                            name: Some(m.name.clone()),
                            skills: Some(m.skills.clone()),
                        },
                    )
                })
                .collect()
        }),
    }
}

pub(super) fn encode(config: &TeamConfig) -> String {
    let body = toml::to_string(&to_record(config)).expect("the config record serializes");
    format!("{HEADER}{body}")
}

/// The keys `tk config set` accepts, as patterns for the error message.
const SETTABLE: &str = "types, categories, priority_matrix.IMPACT.URGENCY, sla.PRIORITY.response, sla.PRIORITY.resolution, business_hours (none), business_hours.timezone, business_hours.days, business_hours.start, business_hours.end, business_hours.holidays, attachments.max_size";

pub(super) fn set_key(text: Option<&str>, key: &str, value: &str) -> Result<String, Error> {
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
    let parts: Vec<&str> = key.split('.').collect();
    let unknown = || {
        Error::new(
            key,
            format!(
                "not a key tk config set knows; use one of {SETTABLE}; use `tk team` for members"
            ),
        )
    };
    match parts.as_slice() {
        ["types"] => record.types = Some(list()),
        ["categories"] => record.categories = Some(list()),
        ["priority_matrix", impact, urgency] => {
            record
                .priority_matrix
                .get_or_insert_with(BTreeMap::new)
                .entry(impact.to_string())
                .or_default()
                .insert(urgency.to_string(), value.to_string());
        }
        ["sla", priority, field @ ("response" | "resolution")] => {
            let sla = record.sla.get_or_insert_with(|| {
                to_record(&TeamConfig::default())
                    .sla
                    .expect("the default record has SLA targets")
            });
            let targets = sla.entry(priority.to_string()).or_default();
            let slot = if *field == "response" {
                &mut targets.response
            } else {
                &mut targets.resolution
            };
            *slot = (!removing).then(|| value.to_string());
        }
        ["business_hours"] if removing => record.business_hours = None,
        ["business_hours", field] => {
            let hours = record
                .business_hours
                .get_or_insert_with(HoursRecord::default);
            let value = value.to_string();
            match *field {
                "timezone" => hours.timezone = Some(value),
                "days" => hours.days = Some(list()),
                "start" => hours.start = Some(value),
                "end" => hours.end = Some(value),
                "holidays" => hours.holidays = Some(list()),
                _ => return Err(unknown()),
            }
        }
        ["attachments", "max_size"] => {
            record.attachments = Some(AttachmentsRecord {
                max_size: Some(toml::Value::String(value.to_string())),
            })
        }
        _ => return Err(unknown()),
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
