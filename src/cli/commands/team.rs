//! `tk team`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::{one_line, Ui};
use crate::team::{Member, TeamConfig};
use comfy_table::{presets, Table};

/// Manage the team members tickets are assigned to
#[derive(clap::Args, Debug)]
pub struct TeamArgs {
    #[command(subcommand)]
    pub command: TeamCommand,
}

/// The `tk team` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum TeamCommand {
    /// Add a member, or update their name and skills
    Add {
        /// Their email, as in their git identity
        email: String,
        /// Display name
        #[arg(long)]
        name: Option<String>,
        /// Skills, matched against ticket categories (comma-separated)
        #[arg(long, value_delimiter = ',')]
        skills: Option<Vec<String>>,
    },
    /// Remove a member
    Remove {
        /// Their email
        email: String,
    },
    /// List members with their skills and open tickets
    List,
}

#[derive(serde::Serialize)]
struct MemberView<'a> {
    email: &'a str,
    name: &'a str,
    skills: &'a [String],
    open: usize,
}

/// Runs `tk team`.
pub fn cmd_team(ui: &Ui, ctx: &Ctx, args: &TeamArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    match &args.command {
        TeamCommand::Add {
            email,
            name,
            skills,
        } => {
            let email = email.trim().to_lowercase();
            if !email.contains('@') {
                return Err(CliError::usage(format!(
                    "`{email}` is not an email address"
                )));
            }
            change(ui, ctx, &format!("Added {email} to the team."), |config| {
                let member = config
                    .members
                    .entry(email.clone())
                    .or_insert_with(Member::default);
                if let Some(name) = name {
                    member.name = name.trim().to_string();
                }
                if let Some(skills) = skills {
                    member.skills = skills
                        .iter()
                        .map(|s| s.trim().to_lowercase())
                        .filter(|s| !s.is_empty())
                        .collect();
                }
                Ok(())
            })
        }
        TeamCommand::Remove { email } => {
            let email = email.trim().to_lowercase();
            change(
                ui,
                ctx,
                &format!("Removed {email} from the team."),
                |config| {
                    config.members.remove(&email).map(|_| ()).ok_or_else(|| {
                        crate::ops::Error::NotFound(format!("{email} is not on the team"))
                    })
                },
            )
        }
        TeamCommand::List => {
            let config = store.team_config()?;
            let open = crate::ops::assign::open_counts(ctx)?;
            let views: Vec<MemberView<'_>> = config
                .members
                .iter()
                .map(|(email, m)| MemberView {
                    email,
                    name: &m.name,
                    skills: &m.skills,
                    open: open.get(email).copied().unwrap_or(0),
                })
                .collect();
            if ui.json() {
                return ui.out_json(&views);
            }
            if views.is_empty() {
                ui.status("No team members yet: add one with tk team add EMAIL --skills network.");
                return Ok(());
            }
            let mut table = Table::new();
            table
                .load_preset(presets::NOTHING)
                .set_header(["EMAIL", "NAME", "SKILLS", "OPEN"]);
            for v in &views {
                table.add_row([
                    one_line(v.email),
                    one_line(v.name),
                    one_line(&v.skills.join(", ")),
                    v.open.to_string(),
                ]);
            }
            let mut doc = ui.doc();
            doc.table(&table);
            ui.out(&doc)?;
            Ok(())
        }
    }
}

/// Applies a change to the parsed configuration and commits it.
fn change(
    ui: &Ui,
    ctx: &Ctx,
    done: &str,
    apply: impl FnMut(&mut TeamConfig) -> Result<(), crate::ops::Error>,
) -> Result<(), CliError> {
    let store = ctx.store()?;
    let commit = crate::ops::config::change_team(ctx, apply)?;
    if ui.json() {
        #[derive(serde::Serialize)]
        struct Done<'a> {
            config: toml::Table,
            commit: Option<&'a str>,
        }
        return ui.out_json(&Done {
            config: store.team_config()?.to_table(),
            commit: commit.as_deref(),
        });
    }
    ui.status(done);
    Ok(())
}
