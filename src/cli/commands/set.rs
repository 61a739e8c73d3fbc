//! `tk set`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ids::TicketIds;
use crate::cli::ui::Ui;
use crate::cli::written::{report_write, report_writes};
use crate::model::{Changes, ParseFieldError, SetField};
use crate::ops::set::SetOptions;

/// Change fields of a ticket
///
/// FIELD is one of title, type, impact, urgency, priority, category, group, tags
/// (comma-separated), description, requester ("Name <email>"),
/// requester.phone, requester.location, requester.department, assignee.
/// An empty VALUE clears an optional field. Status changes have their own
/// commands (start, wait, resolve, close, reopen).
#[derive(clap::Args, Debug)]
pub struct SetArgs {
    /// Ticket id or unique prefix; several separated by commas, or - to read them from stdin
    #[arg(value_name = "ID")]
    pub id: TicketIds,
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
        match parse_field(field.trim())? {
            SetField::Assignee if value.is_empty() || value == "none" => assignee = Some(None),
            SetField::Assignee => assignee = Some(Some(ctx.person(&value)?)),
            field => set_field(&mut changes, field, value)?,
        }
    }
    let targets = args.id.resolve()?;
    if !args.id.is_single() {
        let written = crate::ops::set::set_many(ctx, targets, changes, assignee)?;
        return report_writes(ui, ctx, &written, "Updated");
    }
    let options = SetOptions {
        target: targets[0].clone(),
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

/// Returns the field named exactly `name`, or a usage error listing them.
fn parse_field(name: &str) -> Result<SetField, CliError> {
    if name == "status" {
        return Err(CliError::usage(
            "status cannot be set: use tk start, wait, resolve, close or reopen",
        ));
    }
    SetField::from_word(name).ok_or_else(|| {
        CliError::usage(format!(
            "unknown field `{name}`: expected {}",
            SetField::choices()
        ))
    })
}

/// Sets one descriptive field from text, validating it.
fn set_field(changes: &mut Changes, field: SetField, value: String) -> Result<(), CliError> {
    let nonempty = |value: String| {
        if value.is_empty() {
            Err(CliError::usage(format!("{field} cannot be empty")))
        } else {
            Ok(value)
        }
    };
    match field {
        SetField::Title => changes.title = Some(nonempty(value)?),
        SetField::Type => changes.ticket_type = Some(keyword(field.as_str(), &value)?),
        SetField::Impact => changes.impact = Some(keyword(field.as_str(), &value)?),
        SetField::Urgency => changes.urgency = Some(keyword(field.as_str(), &value)?),
        SetField::Priority => changes.priority = Some(keyword(field.as_str(), &value)?),
        SetField::Category => changes.category = Some(value),
        SetField::Group => changes.group = Some(value),
        SetField::Tags => changes.tags = Some(value.split(',').map(str::to_string).collect()),
        SetField::Description => changes.description = Some(value),
        SetField::Requester => changes.requester = Some(value),
        SetField::RequesterPhone => changes.requester_phone = Some(value),
        SetField::RequesterLocation => changes.requester_location = Some(value),
        SetField::RequesterDepartment => changes.requester_department = Some(value),
        SetField::Assignee => unreachable!("cmd_set records the assignee as its own event"),
    }
    Ok(())
}
