//! `tk view`: saved `tk list` views, kept in `tk.toml` (`[views]`) so the
//! whole team shares them and they merge per view through sync.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::Ui;

/// Save, list or remove saved `tk list` views
///
/// A view is a name for a set of `tk list` arguments, shared by the team
/// through tk.toml: `tk view save mine -- --assignee me --status
/// in-progress,waiting`, then `tk list --view mine`.
#[derive(clap::Args, Debug)]
pub struct ViewArgs {
    #[command(subcommand)]
    pub command: ViewCommand,
}

/// The `tk view` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum ViewCommand {
    /// Save (or replace) a view: the `tk list` arguments after `--`
    ///
    /// The arguments are checked as `tk list` would parse them before
    /// anything is saved.
    Save {
        /// The view's name (a-z, 0-9, - and _)
        name: String,
        /// The `tk list` arguments, after `--`
        #[arg(last = true, required = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// List the saved views
    List,
    /// Remove a saved view
    Remove {
        /// The view's name
        name: String,
    },
}

#[derive(serde::Serialize)]
struct ViewJson<'a> {
    name: &'a str,
    args: &'a [String],
}

#[derive(serde::Serialize)]
struct WrittenJson<'a> {
    name: &'a str,
    args: Option<&'a [String]>,
    commit: Option<&'a str>,
}

/// Runs `tk view`.
pub fn cmd_view(ui: &Ui, ctx: &Ctx, args: &ViewArgs) -> Result<(), CliError> {
    match &args.command {
        ViewCommand::Save { name, args } => {
            crate::cli::listing::check_view_args(name, args)?;
            let commit = crate::ops::config::set_view(ctx, name, Some(args))?;
            if ui.json() {
                return ui.out_json(&WrittenJson {
                    name,
                    args: Some(args),
                    commit: commit.as_deref(),
                });
            }
            ui.status(format!("Saved view {name}: tk list --view {name}."));
        }
        ViewCommand::Remove { name } => {
            let commit = crate::ops::config::set_view(ctx, name, None)?;
            if ui.json() {
                return ui.out_json(&WrittenJson {
                    name,
                    args: None,
                    commit: commit.as_deref(),
                });
            }
            ui.status(format!("Removed view {name}."));
        }
        ViewCommand::List => {
            let config = ctx.team_config_lenient(ui)?;
            if ui.json() {
                let views: Vec<ViewJson<'_>> = config
                    .views
                    .iter()
                    .map(|(name, args)| ViewJson { name, args })
                    .collect();
                return ui.out_json(&views);
            }
            if config.views.is_empty() {
                ui.status("No saved views: save one with `tk view save NAME -- LIST-ARGS`.");
            }
            let mut doc = ui.doc();
            for (name, args) in &config.views {
                doc.text(format!("{name}\t{}\n", args.join(" ")));
            }
            ui.out(&doc)?;
        }
    }
    Ok(())
}
