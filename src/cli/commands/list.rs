//! `tk list`: the shared listing (`cli/listing.rs`) over the store's list
//! API, starting from a saved view with --view.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::listing::{list, with_view};
use crate::cli::ui::Ui;

pub use crate::cli::listing::ListArgs;

/// Runs `tk list`.
pub fn cmd_list(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    let viewed = with_view(ui, ctx, args)?;
    list(ui, ctx, viewed.as_ref().unwrap_or(args))
}
