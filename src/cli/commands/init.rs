//! `tk init`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::Ui;

/// Create the tickets ref in this repository
///
/// Optional: the first write creates it too. Running it again changes
/// nothing.
#[derive(clap::Args, Debug)]
pub struct InitArgs {}

#[derive(serde::Serialize)]
struct InitView<'a> {
    #[serde(rename = "ref")]
    refname: &'a str,
    created: bool,
    commit: Option<&'a str>,
}

/// Runs `tk init`.
pub fn cmd_init(ui: &Ui, ctx: &Ctx, _args: &InitArgs) -> Result<(), CliError> {
    let commit = crate::ops::init::init(ctx)?;
    let store = ctx.store()?;
    if ui.json() {
        return ui.out_json(&InitView {
            refname: store.refname(),
            created: commit.is_some(),
            commit: commit.as_deref(),
        });
    }
    match commit {
        Some(_) => ui.status(format_args!("Initialized tickets on {}.", store.refname())),
        None => ui.status(format_args!(
            "Tickets already live on {}; nothing to do.",
            store.refname()
        )),
    }
    Ok(())
}
