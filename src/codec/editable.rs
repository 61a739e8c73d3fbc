//! The form `tk edit` opens: a ticket's editable fields as TOML.

use super::file_record::word;
use super::DecodeError;
use crate::model::FieldValue;
use crate::model::{Requester, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const HEADER: &str = "\
# Edit the fields below, save and quit. Status changes use their own
# commands (tk start, tk resolve, ...); comments use tk comment.
# Leave the file unchanged to cancel.
";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditableRecord {
    title: String,
    #[serde(rename = "type")]
    ticket_type: String,
    impact: String,
    urgency: String,
    priority: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    requester: EditableRequester,
    /// Custom fields by name, each as its text; empty means no value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EditableRequester {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    department: String,
}

/// Returns the editable fields of `state` as commented TOML. Its custom
/// fields are listed with the team's `custom_fields` (those it has no value
/// for shown empty, to be filled in).
pub fn encode_editable(state: &State, custom_fields: &[&str]) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let requester = state.requester.clone().unwrap_or_default();
    let record = EditableRecord {
        title: state.title.clone(),
        ticket_type: state.ticket_type.to_string(),
        impact: state.impact.to_string(),
        urgency: state.urgency.to_string(),
        priority: state.priority.to_string(),
        category: text(&state.category),
        group: text(&state.group),
        tags: state.tags.clone(),
        assignee: text(&state.assignee),
        description: text(&state.description),
        requester: EditableRequester {
            name: requester.name,
            email: requester.email,
            phone: text(&requester.phone),
            location: text(&requester.location),
            department: text(&requester.department),
        },
        fields: custom_fields
            .iter()
            .map(|name| (name.to_string(), String::new()))
            .chain(
                state
                    .fields
                    .iter()
                    .map(|(name, value)| (name.clone(), value.text().to_string())),
            )
            .collect(),
    };
    let body = toml::to_string(&record).expect("editable fields serialize as TOML values");
    format!("{HEADER}{body}")
}

/// Parses an edited form and returns `base` with the edited fields applied.
///
/// Empty text fields mean "none"; values are checked against their
/// vocabularies, and an empty title is refused. Custom field values are
/// taken as text (a value left as it was keeps its stored form); the write
/// checks them against the team's definitions.
pub fn decode_editable(text: &str, base: &State) -> Result<State, DecodeError> {
    let record: EditableRecord = super::parse_toml(text)?;
    let some = |v: String| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    if record.title.trim().is_empty() {
        return Err(DecodeError::Field("title: must not be empty".into()));
    }
    let r = record.requester;
    let requester = Requester {
        name: r.name.trim().to_string(),
        email: r.email.trim().to_string(),
        phone: some(r.phone),
        location: some(r.location),
        department: some(r.department),
    };
    Ok(State {
        title: record.title.trim().to_string(),
        ticket_type: word(&record.ticket_type)?,
        impact: word(&record.impact)?,
        urgency: word(&record.urgency)?,
        priority: word(&record.priority)?,
        category: some(record.category).map(|c| c.to_lowercase()),
        tags: crate::model::normalize_tags(&record.tags),
        assignee: some(record.assignee),
        description: some(record.description.trim_end().to_string()),
        requester: (requester != Requester::default()).then_some(requester),
        group: some(record.group).map(|g| g.to_lowercase()),
        fields: edited_fields(record.fields, base),
        ..base.clone()
    })
}

/// Returns the custom fields of an edited form: empty values dropped, and
/// a value whose text is unchanged kept as `base` stores it (a number stays
/// a number, so an untouched field is no change).
fn edited_fields(edited: BTreeMap<String, String>, base: &State) -> BTreeMap<String, FieldValue> {
    edited
        .into_iter()
        .filter_map(|(name, text)| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let value = match base.fields.get(&name) {
                Some(stored) if stored.text() == text => stored.clone(),
                _ => FieldValue::Text(text.to_string()),
            };
            Some((name, value))
        })
        .collect()
}
