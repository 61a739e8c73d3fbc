//! `tk team`.

use crate::cli::config_table;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::{one_line, Ui};
use crate::cli::written::report_config_change;
use crate::team::{Away, Member, TeamConfig};

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
        /// Auto-assign them at most N open tickets (`none` for no cap)
        #[arg(long, value_name = "N", value_parser = parse_cap)]
        max_open: Option<Cap>,
    },
    /// Mark a member away: auto-assignment skips them
    ///
    /// Without --until, they stay away until `tk team back`. With --until
    /// DATE they are away through that day (in the team's time zone) and
    /// available again the day after.
    Away {
        /// Their email
        email: String,
        /// The last day away, as YYYY-MM-DD
        #[arg(long, value_name = "DATE")]
        until: Option<chrono::NaiveDate>,
    },
    /// Mark a member back from being away
    Back {
        /// Their email
        email: String,
    },
    /// Remove a member
    Remove {
        /// Their email
        email: String,
    },
    /// List members with their skills and open tickets
    List,
}

/// A `--max-open` value: a cap, or none.
#[derive(Clone, Copy, Debug)]
pub struct Cap(Option<usize>);

fn parse_cap(text: &str) -> Result<Cap, String> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(Cap(None));
    }
    match text.parse::<usize>() {
        Ok(n) if (1..=10_000).contains(&n) => Ok(Cap(Some(n))),
        _ => Err(format!("`{text}` is not a number from 1 to 10000, or none")),
    }
}

#[derive(serde::Serialize)]
struct MemberView<'a> {
    email: &'a str,
    name: &'a str,
    skills: &'a [String],
    open: usize,
    /// `null`, `true` (until back) or the last day away.
    away: Option<serde_json::Value>,
    /// Whether they are away today.
    away_now: bool,
    max_open: Option<usize>,
}

/// Runs `tk team`.
pub fn cmd_team(ui: &Ui, ctx: &Ctx, args: &TeamArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    match &args.command {
        TeamCommand::Add {
            email,
            name,
            skills,
            max_open,
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
                if let Some(Cap(cap)) = max_open {
                    member.max_open = *cap;
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
                    // Groups drop them too, so no group names someone who left.
                    if config.remove_member(&email) {
                        Ok(())
                    } else {
                        Err(crate::ops::Error::NotFound(format!(
                            "{email} is not on the team"
                        )))
                    }
                },
            )
        }
        TeamCommand::Away { email, until } => {
            let commit = crate::ops::team::away(ctx, email, *until)?;
            let done = match until {
                Some(day) => format!("{} is away through {day}.", email.trim().to_lowercase()),
                None => format!("{} is away until back.", email.trim().to_lowercase()),
            };
            report_config_change(ui, ctx, &done, commit)
        }
        TeamCommand::Back { email } => {
            let commit = crate::ops::team::back(ctx, email)?;
            let done = format!("{} is back.", email.trim().to_lowercase());
            report_config_change(ui, ctx, &done, commit)
        }
        TeamCommand::List => {
            let config = store.team_config()?;
            let open = crate::ops::assign::open_counts(ctx)?;
            let today = config.day_of(ctx.now());
            let views: Vec<MemberView<'_>> = config
                .members
                .iter()
                .map(|(email, m)| MemberView {
                    email,
                    name: &m.name,
                    skills: &m.skills,
                    open: open.get(email).copied().unwrap_or(0),
                    away: m.away.map(|a| match a {
                        Away::UntilBack => serde_json::Value::Bool(true),
                        Away::Through(day) => serde_json::Value::String(day.to_string()),
                    }),
                    away_now: m.is_away(today),
                    max_open: m.max_open,
                })
                .collect();
            config_table::print(
                ui,
                &views,
                Some("No team members yet: add one with tk team add EMAIL --skills network."),
                &["EMAIL", "NAME", "SKILLS", "OPEN", "AWAY"],
                |v| {
                    let open = match v.max_open {
                        Some(cap) => format!("{}/{cap}", v.open),
                        None => v.open.to_string(),
                    };
                    let away = match &v.away {
                        None => "-".to_string(),
                        Some(_) if !v.away_now => "-".to_string(),
                        Some(serde_json::Value::String(day)) => format!("through {day}"),
                        Some(_) => "until back".to_string(),
                    };
                    vec![
                        one_line(v.email),
                        one_line(v.name),
                        one_line(&v.skills.join(", ")),
                        open,
                        away,
                    ]
                },
            )
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
    let commit = crate::ops::config::change_team(ctx, apply)?;
    report_config_change(ui, ctx, done, commit)
}
