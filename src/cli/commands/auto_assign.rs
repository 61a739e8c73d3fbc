//! Auto-assignment shared by `tk new --auto-assign` and `tk assign --auto`.

use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::model::email_of;
use crate::team::{pick_assignee, Pick, TeamConfig};
use std::collections::HashMap;

/// Picks an assignee for a ticket of `category` by skill and open tickets.
pub fn pick(ctx: &Ctx, config: &TeamConfig, category: Option<&str>) -> Result<Pick, CliError> {
    let listing = ctx.store()?.list_where(|status| status.is_open())?;
    let mut open: HashMap<String, usize> = HashMap::new();
    for listed in listing.tickets.iter().filter(|t| t.state.status.is_open()) {
        if let Some(assignee) = &listed.state.assignee {
            *open.entry(email_of(assignee).to_lowercase()).or_default() += 1;
        }
    }
    pick_assignee(config, category, &open).ok_or_else(|| {
        CliError::usage("no team members to assign to")
            .hint("add one with `tk team add EMAIL --skills network,access`")
    })
}
