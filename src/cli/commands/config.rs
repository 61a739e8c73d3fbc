//! `tk config`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::{edit_in_editor, require_editor};
use crate::cli::json::ConfigView;
use crate::cli::ui::Ui;
use crate::team::TeamConfig;

/// Show or change the team configuration (tk.toml on the tickets ref)
///
/// It syncs like tickets. An invalid value is refused before anything is
/// committed, naming the key. See docs/service-desk.md for every key.
#[derive(clap::Args, Debug)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

/// The `tk config` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the configuration in effect, defaults included
    Show,
    /// Set one key, e.g. `tk config set sla.high.response 30m`
    ///
    /// Lists (types, categories, business_hours.days,
    /// business_hours.holidays) take comma-separated values; `none` removes
    /// an SLA target or the business hours. Rewrites tk.toml canonically.
    Set {
        /// The dotted key
        key: String,
        /// The new value
        value: String,
    },
    /// Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing
    Edit,
}

/// Runs `tk config`.
pub fn cmd_config(ui: &Ui, ctx: &Ctx, args: &ConfigArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let commit = match &args.command {
        ConfigCommand::Show => {
            let config = store.team_config()?;
            if ui.json() {
                return ui.out_json(&ConfigView {
                    config: config.to_table(),
                    commit: None,
                });
            }
            ui.print(config.to_toml())?;
            return Ok(());
        }
        ConfigCommand::Set { key, value } => {
            let commit = crate::ops::config::set_key(ctx, key, value)?;
            ui.status(format_args!("Set {key} = {value}."));
            commit
        }
        ConfigCommand::Edit => edit(ui, ctx)?,
    };
    if ui.json() {
        return ui.out_json(&ConfigView {
            config: store.team_config()?.to_table(),
            commit: commit.as_deref(),
        });
    }
    Ok(())
}

fn edit(ui: &Ui, ctx: &Ctx) -> Result<Option<String>, CliError> {
    require_editor(ui, "tk config edit")?;
    let current = match ctx.store()?.config_text()? {
        Some(text) => text,
        None => TeamConfig::default().to_toml(),
    };
    let edited = edit_in_editor(&current, ".toml")?;
    if edited == current {
        ui.status("No changes.");
        return Ok(None);
    }
    let commit = crate::ops::config::replace(ctx, &edited)?;
    ui.status("Saved tk.toml.");
    Ok(commit)
}
