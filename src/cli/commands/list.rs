//! `tk list`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::listing::{cache_progress, print_rows, select, sort_rows, wanted_status, SortKey};
use crate::cli::ui::Ui;

pub use crate::cli::listing::ListArgs;

/// Runs `tk list`.
pub fn cmd_list(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    // Decode only the statuses asked for: most tickets of a desk are closed.
    let progress = cache_progress(ui);
    let listing = ctx
        .store()?
        .list_with(&|status| wanted_status(args, status), progress.as_deref())?;
    let mut rows = select(ui, ctx, args, listing.tickets, &listing.broken)?;
    sort_rows(&mut rows, args.sort.unwrap_or(SortKey::Priority));
    print_rows(ui, ctx, &rows)
}
