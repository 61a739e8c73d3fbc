//! `tk.toml` as TOML sees it, and the conversions to and from
//! [`TeamConfig`](super::TeamConfig) that name the offending key on every
//! error: [`parse`](parse.rs) reads it, [`encode`](encode.rs) writes it
//! canonically, [`edit`](edit.rs) is the `tk config set` editor.
//!
//! Pure like the rest of `team`: no files, no git, no terminal.

mod edit;
mod encode;
mod parse;

pub(super) use edit::set_key;
pub(super) use encode::encode;
pub(super) use parse::{check_plain_name, check_view_name, parse};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigRecord {
    #[serde(default)]
    pub(super) schema: Option<u32>,
    #[serde(default)]
    pub(super) types: Option<Vec<String>>,
    #[serde(default)]
    pub(super) categories: Option<Vec<String>>,
    #[serde(default)]
    pub(super) priority_matrix: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[serde(default)]
    pub(super) sla: Option<BTreeMap<String, TargetsRecord>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) business_hours: Option<HoursRecord>,
    #[serde(default)]
    pub(super) attachments: Option<AttachmentsRecord>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub(super) type_policies: Option<BTreeMap<String, TypeRecord>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) team: Option<BTreeMap<String, MemberRecord>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) mail: Option<MailRecord>,
    pub(super) views: Option<BTreeMap<String, Vec<String>>>,
    #[serde(default, rename = "group", skip_serializing_if = "Option::is_none")]
    pub(super) groups: Option<BTreeMap<String, GroupRecord>>,
    #[serde(default, rename = "template", skip_serializing_if = "Option::is_none")]
    pub(super) templates: Option<BTreeMap<String, TemplateRecord>>,
    #[serde(default, rename = "field", skip_serializing_if = "Option::is_none")]
    pub(super) fields: Option<BTreeMap<String, FieldRecord>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) report: Option<ReportRecord>,
}

/// `[report]`: the team's targets for `tk report`, each optional.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ReportRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) sla_compliance: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) satisfaction: Option<toml::Value>,
}

/// `[group.NAME]`: one table per group, so two clones that add different
/// groups merge key by key.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupRecord {
    #[serde(default)]
    pub(super) members: Option<Vec<String>>,
    #[serde(default)]
    pub(super) categories: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) escalate_to: Option<String>,
}

/// `[template.NAME]`: a ticket template; only `title` is required.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct TemplateRecord {
    pub(super) title: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub(super) ticket_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) urgency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) priority: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) children: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<String>,
}

/// `[field.NAME]`: one custom field. Each key merges on its own in sync.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FieldRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) choices: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct TypeRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) min_priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) resolution: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct TargetsRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) resolution: Option<String>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct HoursRecord {
    #[serde(default)]
    pub(super) timezone: Option<String>,
    #[serde(default)]
    pub(super) days: Option<Vec<String>>,
    #[serde(default)]
    pub(super) start: Option<String>,
    #[serde(default)]
    pub(super) end: Option<String>,
    #[serde(default)]
    pub(super) holidays: Option<Vec<String>>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct AttachmentsRecord {
    #[serde(default)]
    pub(super) max_size: Option<toml::Value>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct MemberRecord {
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) skills: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) away: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) max_open: Option<i64>,
}

/// `[mail]`: every key optional, so a desk sets only what it needs.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct MailRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) name: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub(super) ticket_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) subject_tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) allowed_senders: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) max_size: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) reopen_on_reply: Option<bool>,
}
