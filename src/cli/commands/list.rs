//! `tk list`: the shared listing (`cli/listing.rs`) over the store's list
//! API, starting from a saved view with --view.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::listing::{
    cache_progress, print_rows, select, sort_rows, wanted_status, with_view,
};
use crate::cli::ui::Ui;

pub use crate::cli::listing::ListArgs;

/// Runs `tk list`.
pub fn cmd_list(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    let viewed = with_view(ui, ctx, args)?;
    let args = viewed.as_ref().unwrap_or(args);
    // Decode only the statuses asked for: most tickets of a desk are closed.
    let progress = cache_progress(ui);
    let listing = ctx
        .store()?
        .list_with(&|status| wanted_status(args, status), progress.as_deref())?;
    let mut rows = select(ui, ctx, args, listing.tickets, &listing.broken)?;
    sort_rows(&mut rows, args.sort.unwrap_or_default());
    print_rows(ui, ctx, args, rows)
}
