//! `tk list`.

use super::new::parse;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::json::TicketView;
use crate::cli::render;
use crate::cli::ui::Ui;
use crate::model::{email_of, Priority, State, Status, TicketType};
use crate::store::Listed;

/// List tickets, most urgent first
///
/// Shows every status but closed unless --all or --status says otherwise.
/// Sorted by priority, then oldest first.
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only these statuses (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = parse::<Status>)]
    pub status: Vec<Status>,
    /// Only tickets assigned to WHO (`me`, or `none` for unassigned)
    #[arg(long, value_name = "WHO")]
    pub assignee: Option<String>,
    /// Only this type
    #[arg(long = "type", value_parser = parse::<TicketType>)]
    pub ticket_type: Option<TicketType>,
    /// Only this priority
    #[arg(long, value_parser = parse::<Priority>)]
    pub priority: Option<Priority>,
    /// Only this category
    #[arg(long)]
    pub category: Option<String>,
    /// Only tickets with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only tickets whose requester's name or email contains this text
    #[arg(long)]
    pub requester: Option<String>,
    /// Include closed tickets
    #[arg(long)]
    pub all: bool,
}

/// The filters, resolved (`me` replaced by an email).
struct Filter<'a> {
    args: &'a ListArgs,
    assignee: Option<String>,
}

impl Filter<'_> {
    fn matches(&self, s: &State) -> bool {
        let args = self.args;
        let status_ok = if args.status.is_empty() {
            args.all || s.status != Status::Closed
        } else {
            args.status.contains(&s.status)
        };
        let assignee_ok = match self.assignee.as_deref() {
            None => true,
            Some("none") => s.assignee.is_none(),
            Some(who) => s.assignee.as_deref().is_some_and(|a| {
                a.eq_ignore_ascii_case(who) || email_of(a).eq_ignore_ascii_case(who)
            }),
        };
        let requester_ok = args.requester.as_deref().is_none_or(|needle| {
            let needle = needle.to_lowercase();
            s.requester
                .as_ref()
                .is_some_and(|r| r.display().to_lowercase().contains(&needle))
        });
        status_ok
            && assignee_ok
            && requester_ok
            && args.ticket_type.is_none_or(|t| s.ticket_type == t)
            && args.priority.is_none_or(|p| s.priority == p)
            && args.category.as_deref().is_none_or(|c| {
                s.category
                    .as_deref()
                    .is_some_and(|sc| sc.eq_ignore_ascii_case(c))
            })
            && args
                .tag
                .as_deref()
                .is_none_or(|t| s.tags.iter().any(|st| st.eq_ignore_ascii_case(t)))
    }
}

/// Runs `tk list`.
pub fn cmd_list(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    let filter = Filter {
        args,
        assignee: match args.assignee.as_deref() {
            Some(who) if who.eq_ignore_ascii_case("none") => Some("none".to_string()),
            Some(who) => Some(ctx.person(who)?),
            None => None,
        },
    };
    let listing = ctx.store()?.list()?;
    for broken in &listing.broken {
        ui.warn(&format!("skipping {}: {}", broken.path, broken.message));
    }
    let mut tickets: Vec<Listed> = listing
        .tickets
        .into_iter()
        .filter(|t| filter.matches(&t.state))
        .collect();
    tickets.sort_by(|a, b| {
        let key = |t: &Listed| (t.state.priority, t.state.created, t.state.id.clone());
        key(a).cmp(&key(b))
    });
    if ui.json() {
        let views: Vec<TicketView<'_>> = tickets
            .iter()
            .map(|t| TicketView::new(&t.state, t.short_len))
            .collect();
        return ui.out_json(&views);
    }
    if tickets.is_empty() {
        ui.status("No tickets match.");
        return Ok(());
    }
    ui.out(&render::ticket_table(ui, &tickets, ctx.now()))?;
    Ok(())
}
