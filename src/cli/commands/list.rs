//! `tk list`: filters, sort, limit and the output formats over the
//! store's list API; `--view` starts from a saved view of `tk.toml`.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::json::TicketView;
use crate::cli::list_args::parse_view;
pub use crate::cli::list_args::ListArgs;
use crate::cli::list_args::SortKey;
use crate::cli::render::{self, Column, ListFormat};
use crate::cli::ui::Ui;
use crate::model::Timestamp;
use crate::model::{email_of, State, Status};
use crate::sla::Calendar;
use crate::sla::Sla;
use crate::store::Listed;

/// The filters, resolved (`me` replaced by an email, spans by times).
struct Filter<'a> {
    args: &'a ListArgs,
    assignees: Vec<Option<String>>,
    watcher: Option<String>,
    since: Option<Timestamp>,
    until: Option<Timestamp>,
    updated_since: Option<Timestamp>,
}

fn any_or_all<T>(wanted: &[T], matches: impl Fn(&T) -> bool) -> bool {
    wanted.is_empty() || wanted.iter().any(matches)
}

impl Filter<'_> {
    fn matches_sla(&self, sla: &Sla, now: Timestamp) -> bool {
        let args = self.args;
        let due_ok = args.due_within.is_none_or(|span| {
            let limit = Calendar::Always.add(now, span);
            sla.next_due().is_some_and(|due| due >= now && due <= limit)
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
        let assignee_ok = any_or_all(&self.assignees, |who| match who {
            None => s.assignee.is_none(),
            Some(who) => s.assignee.as_deref().is_some_and(|a| {
                a.eq_ignore_ascii_case(who) || email_of(a).eq_ignore_ascii_case(who)
            }),
        });
        let requester_ok = any_or_all(&args.requester, |needle| {
            let needle = needle.to_lowercase();
            s.requester
                .as_ref()
                .is_some_and(|r| r.display().to_lowercase().contains(&needle))
        });
        let tags_ok = args.tag.iter().all(|group| {
            group
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .any(|t| s.tags.iter().any(|st| st.eq_ignore_ascii_case(t)))
        });
        let watching_ok = self.watcher.as_deref().is_none_or(|me| {
            s.watchers
                .iter()
                .any(|w| w.eq_ignore_ascii_case(me) || email_of(w).eq_ignore_ascii_case(me))
        });
        status_ok
            && assignee_ok
            && requester_ok
            && tags_ok
            && watching_ok
            && any_or_all(&args.ticket_type, |t| s.ticket_type == *t)
            && any_or_all(&args.priority, |p| s.priority == *p)
            && any_or_all(&args.category, |c| {
                s.category
                    .as_deref()
                    .is_some_and(|sc| sc.eq_ignore_ascii_case(c))
            })
            && self.since.is_none_or(|t| s.created >= t)
            && self.until.is_none_or(|t| s.created < t)
            && self.updated_since.is_none_or(|t| s.updated >= t)
    }
}

/// Runs `tk list`.
pub fn cmd_list(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    let merged;
    let args = match &args.view {
        Some(name) => {
            let config = ctx.team_config_lenient(ui)?;
            let words = config.views.get(name.as_str()).ok_or_else(|| {
                CliError::new(
                    Kind::NotFound,
                    format!("no saved view `{name}`: `tk view list` shows the views"),
                )
            })?;
            merged = args.over(parse_view(name, words)?);
            &merged
        }
        None => args,
    };
    let now = ctx.now();
    let mut assignees = Vec::new();
    for who in &args.assignee {
        assignees.push(if who.eq_ignore_ascii_case("none") {
            None
        } else {
            Some(ctx.person(who)?)
        });
    }
    let filter = Filter {
        args,
        assignees,
        watcher: if args.watching {
            Some(ctx.person("me")?)
        } else {
            None
        },
        since: args.since.map(|w| w.resolve(now)),
        until: args.until.map(|w| w.resolve(now)),
        updated_since: args.updated_since.map(|w| w.resolve(now)),
    };
    // Decode only the statuses asked for: most tickets of a desk are closed.
    let listing = ctx.store()?.list_where(|status| {
        if args.status.is_empty() {
            args.all || status != Status::Closed
        } else {
            args.status.contains(&status)
        }
    })?;
    for broken in &listing.broken {
        ui.warn(format!("skipping {}: {}", broken.path, broken.message));
    }
    let config = ctx.team_config_lenient(ui)?;
    let mut rows: Vec<(Listed, Sla)> = listing
        .tickets
        .into_iter()
        .filter(|t| filter.matches(&t.state))
        .map(|t| {
            let sla = crate::sla::evaluate(&t.state, &t.clocks, config.calendar(), now);
            (t, sla)
        })
        .filter(|(_, sla)| filter.matches_sla(sla, now))
        .collect();
    rows.sort_by(|(a, sa), (b, sb)| {
        let by_priority = (a.state.priority, a.state.created, &a.state.id).cmp(&(
            b.state.priority,
            b.state.created,
            &b.state.id,
        ));
        match args.sort.unwrap_or_default() {
            SortKey::Priority => by_priority,
            SortKey::Due => {
                let due = |sla: &Sla| sla.next_due().map_or((1, 0), |d| (0, d.unix()));
                due(sa).cmp(&due(sb)).then(by_priority)
            }
            SortKey::Created => (a.state.created, &a.state.id).cmp(&(b.state.created, &b.state.id)),
            SortKey::Updated => (b.state.updated, &b.state.id).cmp(&(a.state.updated, &a.state.id)),
        }
    });
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    let format = match args.format {
        Some(format) => format,
        None if ui.json() => ListFormat::Json,
        None => ListFormat::Table,
    };
    if format == ListFormat::Json {
        let views: Vec<TicketView<'_>> = rows
            .iter()
            .map(|(t, sla)| TicketView::new(&t.state, t.short_len, sla))
            .collect();
        return ui.out_json(&views);
    }
    let columns = if args.columns.is_empty() {
        Column::DEFAULT.to_vec()
    } else {
        args.columns.clone()
    };
    if format != ListFormat::Table {
        return Ok(ui.out(&render::ticket_lines(ui, &rows, &columns, format, now))?);
    }
    if rows.is_empty() {
        ui.status("No tickets match.");
    } else {
        ui.out(&render::ticket_table(ui, &rows, &columns, now))?;
    }
    hint_remote_ahead(ui, ctx);
    Ok(())
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
