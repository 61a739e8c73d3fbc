//! Writing `tk.toml`: a [`TeamConfig`](super::super::TeamConfig) to its
//! canonical text, every key spelled out.

use super::super::targets::{compliance_value, satisfaction_value};
use super::super::{Away, ReportTargets, TeamConfig, Template};
use super::{
    AttachmentsRecord, ConfigRecord, FieldRecord, GroupRecord, HoursRecord, MailRecord,
    MemberRecord, ReportRecord, TargetsRecord, TemplateRecord, TypeRecord,
};
use crate::model::Level;
use std::collections::BTreeMap;

const HEADER: &str = "\
# tk team configuration, shared through the tickets ref like the tickets.
# Change it with `tk config set KEY VALUE`, `tk config edit` or `tk team`.
";

pub(super) fn to_record(config: &TeamConfig) -> ConfigRecord {
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
        // Custom fields need a tk that knows them; without, older ones read it.
        schema: Some(if config.fields.is_empty() {
            crate::codec::BASE_SCHEMA
        } else {
            crate::codec::SCHEMA
        }),
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
        type_policies: (!config.type_policies.is_empty()).then(|| {
            config
                .type_policies
                .iter()
                .map(|(t, p)| {
                    (
                        t.to_string(),
                        TypeRecord {
                            min_priority: p.min_priority.map(|m| m.to_string()),
                            response: p.response.map(|s| s.to_string()),
                            resolution: p.resolution.map(|s| s.to_string()),
                        },
                    )
                })
                .collect()
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
                            away: m.away.map(|a| match a {
                                Away::UntilBack => toml::Value::Boolean(true),
                                Away::Through(day) => toml::Value::String(day.to_string()),
                            }),
                            max_open: m.max_open.and_then(|n| i64::try_from(n).ok()),
                        },
                    )
                })
                .collect()
        }),
        views: (!config.views.is_empty()).then(|| config.views.clone()),
        groups: (!config.groups.is_empty()).then(|| {
            config
                .groups
                .iter()
                .map(|(name, g)| {
                    (
                        name.clone(),
                        GroupRecord {
                            members: Some(g.members.clone()),
                            categories: Some(g.categories.clone()),
                            escalate_to: g.escalate_to.clone(),
                        },
                    )
                })
                .collect()
        }),
        templates: (!config.templates.is_empty()).then(|| {
            config
                .templates
                .iter()
                .map(|(name, t)| (name.clone(), template_record(t)))
                .collect()
        }),
        fields: (!config.fields.is_empty()).then(|| {
            config
                .fields
                .iter()
                .map(|(name, def)| {
                    (
                        name.clone(),
                        FieldRecord {
                            kind: Some(def.kind.to_string()),
                            choices: (!def.choices.is_empty()).then(|| def.choices.clone()),
                            description: def.description.clone(),
                        },
                    )
                })
                .collect()
        }),
        mail: (config.mail != crate::team::MailSettings::default()).then(|| mail_record(config)),
        report: (config.report != ReportTargets::default()).then(|| ReportRecord {
            sla_compliance: config.report.sla_compliance.map(compliance_value),
            satisfaction: config.report.satisfaction.map(satisfaction_value),
        }),
    }
}

/// Returns one `[template.NAME]`, only the keys it sets.
fn template_record(template: &Template) -> TemplateRecord {
    TemplateRecord {
        title: template.title.clone(),
        ticket_type: template.ticket_type.as_ref().map(|t| t.to_string()),
        category: template.category.clone(),
        impact: template.impact.map(|l| l.to_string()),
        urgency: template.urgency.map(|l| l.to_string()),
        priority: template.priority.map(|p| p.to_string()),
        tags: template.tags.clone(),
        children: template.children.clone(),
        description: template.description.clone(),
    }
}

/// Returns `[mail]` with every key spelled out, once any differs from the
/// default (a desk without mail keeps a `tk.toml` without the table).
fn mail_record(config: &TeamConfig) -> MailRecord {
    let mail = &config.mail;
    MailRecord {
        address: mail.address.clone(),
        name: mail.name.clone(),
        ticket_type: mail.ticket_type.as_ref().map(|t| t.to_string()),
        category: mail.category.clone(),
        subject_tag: Some(mail.subject_tag.clone()),
        allowed_senders: Some(mail.allowed_senders.clone()),
        max_size: Some(toml::Value::String(format_size(mail.max_size))),
        reopen_on_reply: Some(mail.reopen_on_reply),
    }
}

/// Returns the canonical text of `config`, with the header comment.
pub(in crate::team) fn encode(config: &TeamConfig) -> String {
    let body = toml::to_string(&to_record(config)).expect("the config record serializes");
    format!("{HEADER}{body}")
}

fn format_size(bytes: u64) -> String {
    for (factor, unit) in [(1u64 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] {
        if bytes % factor == 0 {
            return format!("{}{unit}", bytes / factor);
        }
    }
    format!("{bytes}B")
}
