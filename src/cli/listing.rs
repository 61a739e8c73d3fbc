//! What `tk list` and `tk search` share: the filter arguments, selecting
//! and sorting rows, printing them, and the cache-rebuild progress.
//!
//! A shared CLI module rather than a handler, so neither handler imports
//! the other; it must not import `commands`.

use crate::cli::args::keyword as parse;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::json::TicketView;
use crate::cli::render;
use crate::cli::ui::Ui;
use crate::model::Timestamp;
use crate::model::{email_of, Priority, Span, State, Status, TicketType};
use crate::sla::Calendar;
use crate::sla::Sla;
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
    /// Only open tickets past an SLA due time
    #[arg(long)]
    pub overdue: bool,
    /// Only tickets that missed an SLA target (met late or overdue)
    #[arg(long)]
    pub breached: bool,
    /// Only open tickets with an unmet SLA target due within SPAN from now
    /// (overdue ones included), e.g. 2h
    #[arg(long, value_name = "SPAN", value_parser = parse_span)]
    pub due_within: Option<Span>,
    /// Sort order [default: priority; for tk search, best match first]
    #[arg(long, value_enum)]
    pub sort: Option<SortKey>,
}

/// How `tk list` orders tickets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Most urgent priority first, then oldest
    Priority,
    /// Soonest SLA due time first; tickets without one last
    Due,
    /// Oldest first
    Created,
    /// Most recently changed first
    Updated,
}

fn parse_span(text: &str) -> Result<Span, String> {
    text.parse()
        .map_err(|e: crate::model::ParseSpanError| e.to_string())
}

/// The filters, resolved (`me` replaced by an email).
struct Filter<'a> {
    args: &'a ListArgs,
    assignee: Option<String>,
}

impl Filter<'_> {
    fn matches_sla(&self, state: &State, sla: &Sla, now: Timestamp) -> bool {
        let args = self.args;
        // Every unmet target counts, overdue ones included: a ticket whose
        // response is late still has its resolution due.
        let due_ok = args.due_within.is_none_or(|span| {
            state.status.is_open() && sla.due_by(Calendar::Always.add(now, span))
        });
        (!args.overdue || sla.overdue()) && (!args.breached || sla.breached()) && due_ok
    }

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
            && args
                .ticket_type
                .as_ref()
                .is_none_or(|t| s.ticket_type == *t)
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

/// Returns whether the status filter of `args` shows tickets in `status`.
pub(crate) fn wanted_status(args: &ListArgs, status: Status) -> bool {
    if args.status.is_empty() {
        args.all || status != Status::Closed
    } else {
        args.status.contains(&status)
    }
}

/// Keeps the tickets that the filters of `args` accept, with their SLA
/// clocks; warns about the files that cannot be read.
pub(crate) fn select(
    ui: &Ui,
    ctx: &Ctx,
    args: &ListArgs,
    tickets: Vec<Listed>,
    broken: &[crate::store::Broken],
) -> Result<Vec<(Listed, Sla)>, CliError> {
    let filter = Filter {
        args,
        assignee: match args.assignee.as_deref() {
            Some(who) if who.eq_ignore_ascii_case("none") => Some("none".to_string()),
            Some(who) => Some(ctx.person(who)?),
            None => None,
        },
    };
    for broken in broken {
        ui.warn(format!("skipping {}: {}", broken.path, broken.message));
    }
    let config = ctx.team_config_lenient(ui)?;
    let now = ctx.now();
    Ok(tickets
        .into_iter()
        .filter(|t| filter.matches(&t.state))
        .map(|t| {
            let sla = crate::sla::evaluate(&t.state, &t.clocks, config.calendar(), now);
            (t, sla)
        })
        .filter(|(t, sla)| filter.matches_sla(&t.state, sla, now))
        .collect())
}

/// Sorts rows by `key`.
pub(crate) fn sort_rows(rows: &mut [(Listed, Sla)], key: SortKey) {
    rows.sort_by(|(a, sa), (b, sb)| {
        let by_priority = (a.state.priority, a.state.created, &a.state.id).cmp(&(
            b.state.priority,
            b.state.created,
            &b.state.id,
        ));
        match key {
            SortKey::Priority => by_priority,
            SortKey::Due => {
                let due = |sla: &Sla| sla.next_due().map_or((1, 0), |d| (0, d.unix()));
                due(sa).cmp(&due(sb)).then(by_priority)
            }
            SortKey::Created => (a.state.created, &a.state.id).cmp(&(b.state.created, &b.state.id)),
            SortKey::Updated => (b.state.updated, &b.state.id).cmp(&(a.state.updated, &a.state.id)),
        }
    });
}

/// Prints rows as the list table, or as a JSON array with `--json`.
pub(crate) fn print_rows(ui: &Ui, ctx: &Ctx, rows: &[(Listed, Sla)]) -> Result<(), CliError> {
    if ui.json() {
        let views: Vec<TicketView<'_>> = rows
            .iter()
            .map(|(t, sla)| TicketView::new(&t.state, t.short_len, sla))
            .collect();
        return ui.out_json(&views);
    }
    if rows.is_empty() {
        ui.status("No tickets match.");
    } else {
        ui.out(&render::ticket_table(ui, rows, ctx.now()))?;
    }
    hint_remote_ahead(ui, ctx);
    Ok(())
}

/// Returns a progress reporter for a cache rebuild: a status line on
/// stderr at most once a second, once the rebuild has taken half a second,
/// and only on a terminal.
pub(crate) fn cache_progress(ui: &Ui) -> Option<Box<dyn Fn(usize, usize) + Sync + '_>> {
    use std::io::IsTerminal;
    use std::time::{Duration, Instant};
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let start = Instant::now();
    let last = std::sync::Mutex::new(None::<Instant>);
    Some(Box::new(move |done, total| {
        if start.elapsed() < Duration::from_millis(500) || done >= total {
            return;
        }
        let Ok(mut last) = last.lock() else { return };
        if last.is_some_and(|t| t.elapsed() < Duration::from_secs(1)) {
            return;
        }
        *last = Some(Instant::now());
        ui.status(format!(
            "Reading tickets into the cache: {done} of {total} parts done."
        ));
    }))
}

/// Says so on stderr when the last fetch brought ticket changes that are
/// not merged yet: no network, just the remote-tracking ref.
fn hint_remote_ahead(ui: &Ui, ctx: &Ctx) {
    let Ok(store) = ctx.store() else { return };
    let Ok(Some(remote)) = store.resolve_remote(None) else {
        return;
    };
    if let Ok((_, behind)) = store.ahead_behind(&remote.tracking_ref) {
        if behind > 0 {
            ui.status(format!(
                "{} has {behind} ticket commits you have not merged: run tk sync.",
                remote.name
            ));
        }
    }
}
