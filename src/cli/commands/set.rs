//! `tk set`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::Ui;
use crate::cli::written::report_write;
use crate::model::{Changes, ParseFieldError, TicketPrefix};
use crate::ops::set::SetOptions;

/// Change fields of a ticket
///
/// FIELD is one of title, type, impact, urgency, priority, category, tags
/// (comma-separated), description, requester ("Name <email>"),
/// requester.phone, requester.location, requester.department, assignee.
/// An empty VALUE clears an optional field. Status changes have their own
/// commands (start, wait, resolve, close, reopen).
#[derive(clap::Args, Debug)]
pub struct SetArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
    /// FIELD=VALUE pairs (at least one)
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub assignments: Vec<String>,
}

/// Runs `tk set`.
pub fn cmd_set(ui: &Ui, ctx: &Ctx, args: &SetArgs) -> Result<(), CliError> {
    let mut changes = Changes::default();
    let mut assignee = None;
    for pair in &args.assignments {
        let (field, value) = pair
            .split_once('=')
            .ok_or_else(|| CliError::usage(format!("`{pair}` is not FIELD=VALUE")))?;
        let value = value.trim().to_string();
        match field.trim() {
            "assignee" if value.is_empty() || value == "none" => assignee = Some(None),
            "assignee" => assignee = Some(Some(ctx.person(&value)?)),
            field => set_field(&mut changes, field, value)?,
        }
    }
    let options = SetOptions {
        target: args.id.clone(),
        changes,
        assignee,
    };
    let written = crate::ops::set::set(ctx, options)?;
    report_write(ui, ctx, &written, "Updated")
}

/// Parses a keyword value, naming `field` in the error: impact and urgency
/// share the `level` vocabulary, and the user typed the field's name.
fn keyword<T>(field: &'static str, value: &str) -> Result<T, CliError>
where
    T: std::str::FromStr<Err = ParseFieldError>,
{
    value
        .parse()
        .map_err(|e: ParseFieldError| ParseFieldError { field, ..e }.into())
}

/// Sets one descriptive field from text, validating it.
fn set_field(changes: &mut Changes, field: &str, value: String) -> Result<(), CliError> {
    let nonempty = |value: String| {
        if value.is_empty() {
            Err(CliError::usage(format!("{field} cannot be empty")))
        } else {
            Ok(value)
        }
    };
    match field {
        "title" => changes.title = Some(nonempty(value)?),
        "type" => changes.ticket_type = Some(keyword("type", &value)?),
        "impact" => changes.impact = Some(keyword("impact", &value)?),
        "urgency" => changes.urgency = Some(keyword("urgency", &value)?),
        "priority" => changes.priority = Some(keyword("priority", &value)?),
        "category" => changes.category = Some(value),
        "tags" => changes.tags = Some(value.split(',').map(str::to_string).collect()),
        "description" => changes.description = Some(value),
        "requester" => changes.requester = Some(value),
        "requester.phone" => changes.requester_phone = Some(value),
        "requester.location" => changes.requester_location = Some(value),
        "requester.department" => changes.requester_department = Some(value),
        "status" => {
            return Err(CliError::usage(
                "status cannot be set: use tk start, wait, resolve, close or reopen",
            ))
        }
        other => {
            return Err(CliError::usage(format!(
                "unknown field `{other}`: expected title, type, impact, urgency, priority, category, tags, description, requester, requester.phone, requester.location, requester.department or assignee"
            )))
        }
    }
    Ok(())
}
