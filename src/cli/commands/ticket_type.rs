//! `tk type`: the ticket types the team uses, and what each does to
//! priority and SLA targets.

use crate::cli::args::keyword;
use crate::cli::config_table::{self, dash};
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::{one_line, Ui};
use crate::cli::written::report_config_change;
use crate::model::{Priority, Span, TicketType};
use crate::team::TypePolicy;

/// Manage the ticket types the team uses
///
/// A type can carry a minimum priority (a ticket of the type gets the
/// higher of the matrix result and the minimum; an explicit --priority
/// still wins) and its own SLA targets, replacing the priority's.
#[derive(clap::Args, Debug)]
pub struct TypeArgs {
    #[command(subcommand)]
    pub command: TypeCommand,
}

/// The `tk type` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum TypeCommand {
    /// Add a type, or replace the policy of one the team uses
    Add {
        /// The type's name: lower-case letters, digits and `-`
        #[arg(value_parser = keyword::<TicketType>)]
        name: TicketType,
        /// The lowest priority its tickets get
        #[arg(long, value_name = "P", value_parser = keyword::<Priority>)]
        min_priority: Option<Priority>,
        /// Its own response target, e.g. 30m (with --resolution)
        #[arg(long, value_name = "SPAN", requires = "resolution", value_parser = span)]
        response: Option<Span>,
        /// Its own resolution target, e.g. 1d (with --response)
        #[arg(long, value_name = "SPAN", requires = "response", value_parser = span)]
        resolution: Option<Span>,
    },
    /// Stop using a type; tickets that have it keep it
    Remove {
        /// The type's name
        #[arg(value_parser = keyword::<TicketType>)]
        name: TicketType,
    },
    /// List the types with their policies
    List,
}

fn span(text: &str) -> Result<Span, String> {
    text.parse()
        .map_err(|e: crate::model::ParseSpanError| e.to_string())
}

#[derive(serde::Serialize)]
struct TypeView<'a> {
    name: &'a str,
    min_priority: Option<String>,
    response: Option<String>,
    resolution: Option<String>,
}

/// Runs `tk type`.
pub fn cmd_type(ui: &Ui, ctx: &Ctx, args: &TypeArgs) -> Result<(), CliError> {
    match &args.command {
        TypeCommand::Add {
            name,
            min_priority,
            response,
            resolution,
        } => {
            let policy = TypePolicy {
                min_priority: *min_priority,
                response: *response,
                resolution: *resolution,
            };
            let commit = crate::ops::types::add(ctx, name, policy)?;
            report_config_change(ui, ctx, &format!("Added type {name}."), commit)
        }
        TypeCommand::Remove { name } => {
            let commit = crate::ops::types::remove(ctx, name)?;
            report_config_change(ui, ctx, &format!("Removed type {name}."), commit)
        }
        TypeCommand::List => {
            let config = ctx.store()?.team_config()?;
            let views: Vec<TypeView<'_>> = config
                .types
                .iter()
                .map(|t| {
                    let policy = config.type_policies.get(t).copied().unwrap_or_default();
                    TypeView {
                        name: t.as_str(),
                        min_priority: policy.min_priority.map(|p| p.to_string()),
                        response: policy.response.map(|s| s.to_string()),
                        resolution: policy.resolution.map(|s| s.to_string()),
                    }
                })
                .collect();
            config_table::print(
                ui,
                &views,
                None,
                &["TYPE", "MIN PRIORITY", "RESPONSE", "RESOLUTION"],
                |v| {
                    vec![
                        one_line(v.name),
                        dash(v.min_priority.as_deref()),
                        dash(v.response.as_deref()),
                        dash(v.resolution.as_deref()),
                    ]
                },
            )
        }
    }
}
