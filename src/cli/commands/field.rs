//! `tk field`: the team's custom fields (an asset tag, an operating
//! system, a room) that `tk set ID NAME=VALUE` fills in.

use crate::cli::args::keyword;
use crate::cli::config_table::{self, dash, joined};
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::{one_line, Ui};
use crate::cli::written::report_config_change;
use crate::model::{FieldDef, FieldKind};

/// Manage the team's custom fields
///
/// A custom field is set with `tk set ID NAME=VALUE` (an empty VALUE
/// clears it), shown by tk show, filtered with `tk list --field
/// NAME=VALUE`, listed with `tk list --columns field.NAME` and exported.
/// Definitions live in tk.toml and sync like the rest of it.
#[derive(clap::Args, Debug)]
pub struct FieldArgs {
    #[command(subcommand)]
    pub command: FieldCommand,
}

/// The `tk field` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum FieldCommand {
    /// Define a custom field, or replace the definition of one
    ///
    /// Values already on tickets stay as they are; the definition checks
    /// the values set from then on.
    Add {
        /// The field's name: up to 32 of a-z, 0-9, _ and -, starting with a
        /// letter, and not a built-in field (title, type, …)
        name: String,
        /// What values it takes: text (up to 1000 characters), number (a
        /// decimal like 12 or -3.75), date (YYYY-MM-DD) or choice (one of
        /// --choices)
        #[arg(long, value_parser = keyword::<FieldKind>)]
        kind: FieldKind,
        /// The values of a choice field (comma-separated)
        #[arg(long, value_name = "A,B", value_delimiter = ',')]
        choices: Vec<String>,
        /// What the field is for, shown by tk field list
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,
    },
    /// Remove a custom field's definition
    ///
    /// Tickets keep their values, in their files and timelines: tk show
    /// lists them as a removed field and --json still has them, but tk set
    /// takes no new values (an empty one still clears it), and --field and
    /// --columns no longer know the name.
    Remove {
        /// The field's name
        name: String,
    },
    /// List the custom fields with their kinds and choices
    List,
}

#[derive(serde::Serialize)]
struct FieldView<'a> {
    name: &'a str,
    kind: &'static str,
    choices: &'a [String],
    description: Option<&'a str>,
}

/// Runs `tk field`.
pub fn cmd_field(ui: &Ui, ctx: &Ctx, args: &FieldArgs) -> Result<(), CliError> {
    match &args.command {
        FieldCommand::Add {
            name,
            kind,
            choices,
            description,
        } => {
            let def = FieldDef::new(*kind, choices.clone(), description.clone())
                .map_err(|e| CliError::usage(format!("field `{}`: {e}", name.escape_debug())))?;
            let commit = crate::ops::field::add(ctx, name, def)?;
            done(ui, ctx, &format!("Added field {name} ({kind})."), commit)
        }
        FieldCommand::Remove { name } => {
            let commit = crate::ops::field::remove(ctx, name)?;
            done(ui, ctx, &format!("Removed field {name}."), commit)
        }
        FieldCommand::List => {
            let config = ctx.store()?.team_config()?;
            let views: Vec<FieldView<'_>> = config
                .fields
                .iter()
                .map(|(name, def)| FieldView {
                    name,
                    kind: def.kind.as_str(),
                    choices: &def.choices,
                    description: def.description.as_deref(),
                })
                .collect();
            config_table::print(
                ui,
                &views,
                Some("No custom fields: add one with tk field add NAME --kind KIND."),
                &["FIELD", "KIND", "CHOICES", "DESCRIPTION"],
                |v| {
                    vec![
                        one_line(v.name),
                        v.kind.to_string(),
                        joined(v.choices, ","),
                        dash(v.description),
                    ]
                },
            )
        }
    }
}

/// Reports a change of `tk.toml`, or that nothing changed.
fn done(ui: &Ui, ctx: &Ctx, line: &str, commit: Option<String>) -> Result<(), CliError> {
    if commit.is_none() && !ui.json() {
        ui.status("Nothing changed.");
        return Ok(());
    }
    report_config_change(ui, ctx, line, commit)
}
