//! `tk group`: assignment groups (queues), the categories routed to them
//! and where their tickets escalate to.

use crate::cli::config_table::{self, dash, joined};
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::{one_line, Ui};
use crate::cli::written::report_config_change;
use crate::ops::group::{GroupChange, GroupOptions};

/// Manage assignment groups: who works which tickets
///
/// A new ticket goes to the group whose categories contain its category
/// (tk new --group overrides). Auto-assignment picks among the ticket's
/// group's members; tk escalate without --to sends a ticket to its group's
/// escalation target.
#[derive(clap::Args, Debug)]
pub struct GroupArgs {
    #[command(subcommand)]
    pub command: GroupCommand,
}

/// The `tk group` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum GroupCommand {
    /// Add a group, or update one: the options given replace its values
    ///
    /// Options left out keep the group's current values. An empty value
    /// (--members "") empties a list; --escalate-to none removes the target.
    Add {
        /// The group's name: 1 to 64 of a-z, 0-9, - and _
        name: String,
        /// Its members, by email; each must be on the team (comma-separated)
        #[arg(long, value_name = "EMAIL", value_delimiter = ',')]
        members: Option<Vec<String>>,
        /// Categories whose new tickets go to it (comma-separated)
        #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
        categories: Option<Vec<String>>,
        /// Where its tickets escalate to: another group or a team member (`none` to remove)
        #[arg(long, value_name = "GROUP|WHO")]
        escalate_to: Option<String>,
    },
    /// Remove a group; refused while open tickets are in it
    Remove {
        /// The group's name
        name: String,
    },
    /// List the groups with their members, categories and open tickets
    List,
}

#[derive(serde::Serialize)]
struct GroupView<'a> {
    name: &'a str,
    members: &'a [String],
    categories: &'a [String],
    escalate_to: Option<&'a str>,
    open: usize,
}

/// Runs `tk group`.
pub fn cmd_group(ui: &Ui, ctx: &Ctx, args: &GroupArgs) -> Result<(), CliError> {
    match &args.command {
        GroupCommand::Add {
            name,
            members,
            categories,
            escalate_to,
        } => {
            let person = |t: &str| -> Result<String, CliError> {
                Ok(if t.trim() == "me" {
                    ctx.person(t)?
                } else {
                    t.to_string()
                })
            };
            let members = members
                .as_ref()
                .map(|list| {
                    list.iter()
                        .map(|m| person(m))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?;
            let escalate_to = match escalate_to.as_deref().map(str::trim) {
                None => None,
                Some("" | "none") => Some(None),
                Some(target) => Some(Some(person(target)?)),
            };
            let options = GroupOptions {
                name: name.clone(),
                members,
                categories: categories.clone(),
                escalate_to,
            };
            let (outcome, commit) = crate::ops::group::add(ctx, options)?;
            let name = name.trim().to_lowercase();
            let line = match (outcome, &commit) {
                (GroupChange::Added, _) => format!("Added group {name}."),
                (GroupChange::Updated, Some(_)) => format!("Updated group {name}."),
                (GroupChange::Updated, None) => format!("Group {name} is unchanged."),
            };
            report_config_change(ui, ctx, &line, commit)
        }
        GroupCommand::Remove { name } => {
            let commit = crate::ops::group::remove(ctx, name)?;
            report_config_change(
                ui,
                ctx,
                &format!("Removed group {}.", name.trim().to_lowercase()),
                commit,
            )
        }
        GroupCommand::List => {
            let config = ctx.store()?.team_config()?;
            let open = crate::ops::group::open_counts(ctx)?;
            let views: Vec<GroupView<'_>> = config
                .groups
                .iter()
                .map(|(name, g)| GroupView {
                    name,
                    members: &g.members,
                    categories: &g.categories,
                    escalate_to: g.escalate_to.as_deref(),
                    open: open.get(name).copied().unwrap_or(0),
                })
                .collect();
            config_table::print(
                ui,
                &views,
                Some("No groups yet: add one with tk group add NAME --members EMAIL --categories CATEGORY."),
                &["GROUP", "MEMBERS", "CATEGORIES", "ESCALATE TO", "OPEN"],
                |v| {
                    vec![
                        one_line(v.name),
                        joined(v.members, ", "),
                        joined(v.categories, ", "),
                        dash(v.escalate_to),
                        v.open.to_string(),
                    ]
                },
            )
        }
    }
}
