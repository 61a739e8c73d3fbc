//! `tk search`: full-text search, with `tk list`'s filters.
//!
//! Parsing the query, matching and ranking live in the library
//! (`crate::search`, through `Store::search`); this handler only ties the
//! arguments to them and prints the rows the way `tk list` does.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::listing::{self as list, ListArgs};
use crate::cli::ui::{counted, Ui};
use crate::model::Status;
use crate::search::Query;
use std::collections::HashMap;

/// Search titles, descriptions, comments and resolutions
///
/// Every term must match: a word (`vpn`), a "phrase of words" or a prefix
/// (`print*`). Case and punctuation do not matter. Best matches first
/// (a match in the title counts more); takes every filter of tk list, and
/// like it leaves closed tickets out unless --all or --status says so.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// What to look for
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    #[command(flatten)]
    pub list: ListArgs,
}

/// Runs `tk search`.
pub fn cmd_search(ui: &Ui, ctx: &Ctx, args: &SearchArgs) -> Result<(), CliError> {
    let query = Query::parse(&args.text.join(" ")).map_err(|e| CliError::usage(e.to_string()))?;
    let viewed = list::with_view(ui, ctx, &args.list)?;
    let filters = viewed.as_ref().unwrap_or(&args.list);
    let progress = list::cache_progress(ui);
    let found = ctx.store()?.search(
        &query,
        &|status| list::wanted_status(filters, status),
        progress.as_deref(),
    )?;
    let scores: HashMap<String, f64> = found
        .tickets
        .iter()
        .map(|(t, score)| (t.state.id.to_string(), *score))
        .collect();
    let tickets = found.tickets.into_iter().map(|(t, _)| t).collect();
    let mut rows = list::select(ui, ctx, filters, tickets, &found.broken)?;
    match filters.sort {
        Some(key) => list::sort_rows(&mut rows, key),
        None => {
            list::sort_rows(&mut rows, list::SortKey::Priority);
            let score =
                |id: &crate::model::TicketId| scores.get(id.as_str()).copied().unwrap_or(0.0);
            // Stable: equal scores keep the list's order.
            rows.sort_by(|(a, _), (b, _)| score(&b.state.id).total_cmp(&score(&a.state.id)));
        }
    }
    let nothing = rows.is_empty();
    list::print_rows(ui, ctx, filters, rows)?;
    if nothing && filters.status.is_empty() && !filters.all {
        hint_closed_matches(ui, ctx, filters, &query)?;
    }
    Ok(())
}

/// After a search that found no open ticket, says how many closed tickets
/// match (the same filters otherwise), since closed ones are left out by
/// default.
fn hint_closed_matches(
    ui: &Ui,
    ctx: &Ctx,
    filters: &ListArgs,
    query: &Query,
) -> Result<(), CliError> {
    let closed = ctx
        .store()?
        .search(query, &|status| status == Status::Closed, None)?;
    let tickets = closed.tickets.into_iter().map(|(t, _)| t).collect();
    let with_closed = ListArgs {
        all: true,
        ..filters.clone()
    };
    let matching = list::select(ui, ctx, &with_closed, tickets, &[])?.len();
    if matching > 0 {
        let verb = if matching == 1 { "matches" } else { "match" };
        ui.status(format!(
            "{} {verb}: add --all to include closed tickets.",
            counted(matching, "closed ticket", "closed tickets")
        ));
    }
    Ok(())
}
