//! What `tk list` and `tk search` share: the filter and output arguments
//! (also parsed from a saved view by `tk view save`), selecting, sorting
//! and printing rows, and the cache-rebuild progress.
//!
//! A shared CLI module rather than a handler, so no handler imports
//! another; it must not import `commands`.

use crate::cli::args::keyword as parse;
use crate::cli::args::{when_end, when_start, When};
use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::json::TicketView;
use crate::cli::render::{self, Column, ListFormat};
use crate::cli::ui::Ui;
use crate::model::TicketId;
use crate::model::Timestamp;
use crate::model::{email_of, Priority, Span, State, Status, TicketType};
use crate::sla::Calendar;
use crate::sla::Sla;
use crate::store::Listed;
use std::borrow::Cow;

/// List tickets, most urgent first
///
/// Shows every status but closed unless --all or --status says otherwise.
/// Sorted by priority, then oldest first. Filters that take a list
/// (comma-separated) match any of its values; different filters must all
/// match, and so must every --tag given.
///
/// Dates are YYYY-MM-DD (UTC; --until includes that whole day), RFC 3339
/// times, or spans back from now like 4h, 1w or 30d.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct ListArgs {
    /// Only these statuses (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = parse::<Status>)]
    pub status: Vec<Status>,
    /// Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)
    #[arg(long, value_name = "WHO", value_delimiter = ',')]
    pub assignee: Vec<String>,
    /// Only these types (comma-separated)
    #[arg(long = "type", value_delimiter = ',', value_parser = parse::<TicketType>)]
    pub ticket_type: Vec<TicketType>,
    /// Only these priorities (comma-separated)
    #[arg(long, value_delimiter = ',', value_parser = parse::<Priority>)]
    pub priority: Vec<Priority>,
    /// Only these categories (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub category: Vec<String>,
    /// Only tickets of these groups (comma-separated; `none` for tickets without one)
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub group: Vec<String>,
    /// Only tickets with this tag; `a,b` means either (can be repeated: all must match)
    #[arg(long, value_name = "TAG[,TAG]")]
    pub tag: Vec<String>,
    /// Only tickets whose requester's name or email contains one of these texts (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub requester: Vec<String>,
    /// Only tickets you watch (`tk watch`)
    #[arg(long)]
    pub watching: bool,
    /// Only tickets created at or after WHEN
    #[arg(long, value_name = "WHEN", value_parser = when_start)]
    pub since: Option<When>,
    /// Only tickets created before WHEN (a date: up to its end)
    #[arg(long, value_name = "WHEN", value_parser = when_end)]
    pub until: Option<When>,
    /// Only tickets changed at or after WHEN
    #[arg(long, value_name = "WHEN", value_parser = when_start)]
    pub updated_since: Option<When>,
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
    /// Show at most N tickets (after sorting)
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    /// Output format (--json is the same as --format json)
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
    /// Columns to show, in order (comma-separated; table, tsv and csv)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub columns: Vec<Column>,
    /// Start from the saved view NAME (`tk view list`); flags given here add to it
    #[arg(long, value_name = "NAME")]
    pub view: Option<String>,
}

/// How `tk list` orders tickets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Most urgent priority first, then oldest
    #[default]
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

/// Returns `a` followed by `b`.
fn join<T: Clone>(mut a: Vec<T>, b: &[T]) -> Vec<T> {
    a.extend(b.iter().cloned());
    a
}

impl ListArgs {
    /// Returns these arguments on top of a saved view's: lists add up,
    /// single values given here win, switches turn on.
    pub fn over(&self, view: ListArgs) -> ListArgs {
        ListArgs {
            status: join(view.status, &self.status),
            assignee: join(view.assignee, &self.assignee),
            ticket_type: join(view.ticket_type, &self.ticket_type),
            priority: join(view.priority, &self.priority),
            category: join(view.category, &self.category),
            group: join(view.group, &self.group),
            tag: join(view.tag, &self.tag),
            requester: join(view.requester, &self.requester),
            watching: view.watching || self.watching,
            since: self.since.or(view.since),
            until: self.until.or(view.until),
            updated_since: self.updated_since.or(view.updated_since),
            all: view.all || self.all,
            overdue: view.overdue || self.overdue,
            breached: view.breached || self.breached,
            due_within: self.due_within.or(view.due_within),
            sort: self.sort.or(view.sort),
            limit: self.limit.or(view.limit),
            format: self.format.or(view.format),
            columns: if self.columns.is_empty() {
                view.columns
            } else {
                self.columns.clone()
            },
            view: None,
        }
    }
}

/// Parses the arguments of a saved view as `tk list` would.
#[derive(clap::Parser, Debug)]
#[command(name = "tk list", no_binary_name = true, disable_help_flag = true)]
struct ViewLine {
    #[command(flatten)]
    args: ListArgs,
}

/// Returns the list arguments a saved view's words stand for, or the
/// parser's complaint naming the view.
pub fn parse_view(name: &str, words: &[String]) -> Result<ListArgs, CliError> {
    use clap::Parser;
    let line = ViewLine::try_parse_from(words).map_err(|e| {
        let first = e.to_string();
        let first = first
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("error: ");
        CliError::usage(format!("view `{name}`: {first}"))
    })?;
    if line.args.view.is_some() {
        return Err(CliError::usage(format!(
            "view `{name}`: a view cannot name another view"
        )));
    }
    Ok(line.args)
}

/// Checks that `words` are `tk list` arguments a view can hold.
pub fn check_view_args(name: &str, words: &[String]) -> Result<(), CliError> {
    parse_view(name, words).map(|_| ())
}

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
            && any_or_all(&args.group, |g| match s.group.as_deref() {
                Some(sg) => sg.eq_ignore_ascii_case(g.trim()),
                None => g.trim().eq_ignore_ascii_case("none"),
            })
            && self.since.is_none_or(|t| s.created >= t)
            && self.until.is_none_or(|t| s.created < t)
            && self.updated_since.is_none_or(|t| s.updated >= t)
    }
}

/// Returns `args` on top of the saved view it names with --view, or
/// `None` when it names none.
pub(crate) fn with_view(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<Option<ListArgs>, CliError> {
    let Some(name) = &args.view else {
        return Ok(None);
    };
    let config = ctx.team_config_lenient(ui)?;
    let words = config.views.get(name.as_str()).ok_or_else(|| {
        CliError::new(
            Kind::NotFound,
            format!("no saved view `{name}`: `tk view list` shows the views"),
        )
    })?;
    Ok(Some(args.over(parse_view(name, words)?)))
}

/// Returns whether the status filter of `args` shows tickets in `status`.
pub(crate) fn wanted_status(args: &ListArgs, status: Status) -> bool {
    if args.status.is_empty() {
        args.all || status != Status::Closed
    } else {
        args.status.contains(&status)
    }
}

/// Returns the filters of `args`, resolved against the clock and the
/// user's identity.
fn filter<'a>(ctx: &Ctx, args: &'a ListArgs) -> Result<Filter<'a>, CliError> {
    let now = ctx.now();
    let mut assignees = Vec::new();
    for who in &args.assignee {
        assignees.push(if who.eq_ignore_ascii_case("none") {
            None
        } else {
            Some(ctx.person(who)?)
        });
    }
    Ok(Filter {
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
    })
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
    let now = ctx.now();
    let filter = filter(ctx, args)?;
    for broken in broken {
        ui.warn(format!("skipping {}: {}", broken.path, broken.message));
    }
    let config = ctx.team_config_lenient(ui)?;
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

/// What a row sorts by, under every [`SortKey`]: a few words instead of
/// the whole state.
#[derive(Debug)]
struct Order<'a> {
    priority: Priority,
    created: Timestamp,
    updated: Timestamp,
    due: Option<Timestamp>,
    id: Cow<'a, TicketId>,
}

impl<'a> Order<'a> {
    /// Returns the order of a row, borrowing its id.
    fn new(state: &'a State, sla: &Sla) -> Order<'a> {
        Order {
            priority: state.priority,
            created: state.created,
            updated: state.updated,
            due: sla.next_due(),
            id: Cow::Borrowed(&state.id),
        }
    }

    /// Returns the order of a row, with its own copy of the id.
    fn owned(state: &State, sla: &Sla) -> Order<'static> {
        Order {
            priority: state.priority,
            created: state.created,
            updated: state.updated,
            due: sla.next_due(),
            id: Cow::Owned(state.id.clone()),
        }
    }

    /// Compares two rows under `key`.
    fn cmp(&self, other: &Order<'_>, key: SortKey) -> std::cmp::Ordering {
        let (a, b) = (self, other);
        let by_priority = (a.priority, a.created, &a.id).cmp(&(b.priority, b.created, &b.id));
        match key {
            SortKey::Priority => by_priority,
            SortKey::Due => {
                let due = |o: &Order| o.due.map_or((1, 0), |d| (0, d.unix()));
                due(a).cmp(&due(b)).then(by_priority)
            }
            SortKey::Created => (a.created, &a.id).cmp(&(b.created, &b.id)),
            SortKey::Updated => (b.updated, &b.id).cmp(&(a.updated, &a.id)),
        }
    }
}

/// Sorts rows by `key`.
pub(crate) fn sort_rows(rows: &mut [(Listed, Sla)], key: SortKey) {
    rows.sort_by(|(a, sa), (b, sb)| Order::new(&a.state, sa).cmp(&Order::new(&b.state, sb), key));
}

/// What `tk list` keeps of a shown row until it prints it.
enum Shown {
    /// The rendered cells, for lines into a pipe.
    Cells(crate::cli::render::Cells),
    /// The row's bytes and its SLA clocks, decoded again to print it as
    /// JSON or in a terminal's table.
    Kept(crate::store::Kept, Sla),
}

/// Runs `tk list`: filters every row of the wanted statuses as it is
/// decoded from the cache (in parallel), keeps of each shown row only its
/// sort key and what its output needs, sorts, and prints in pieces. At
/// 100,000 tickets this holds no state longer than it takes to filter it.
pub(crate) fn list(ui: &Ui, ctx: &Ctx, args: &ListArgs) -> Result<(), CliError> {
    let now = ctx.now();
    let format = match args.format {
        Some(format) => format,
        None if ui.json() => ListFormat::Json,
        None => ListFormat::Table,
    };
    let columns = match format {
        ListFormat::Ids => vec![Column::Id],
        _ if args.columns.is_empty() => Column::DEFAULT.to_vec(),
        _ => args.columns.clone(),
    };
    // A terminal's table is fitted by comfy-table, which holds every row.
    let lines = match format {
        ListFormat::Json => false,
        ListFormat::Table => !ui.stdout_is_terminal() && !ui.color(),
        ListFormat::Tsv | ListFormat::Csv | ListFormat::Ids => true,
    };
    let full_id = format != ListFormat::Table;
    let filter = filter(ctx, args)?;
    let config = ctx.team_config_lenient(ui)?;
    let calendar = config.calendar();
    let progress = cache_progress(ui);
    let scanned = ctx.store()?.scan(
        &|status| wanted_status(args, status),
        progress.as_deref(),
        &|row| {
            let t = &row.listed;
            if !filter.matches(&t.state) {
                return None;
            }
            let sla = crate::sla::evaluate(&t.state, &t.clocks, calendar, now);
            if !filter.matches_sla(&t.state, &sla, now) {
                return None;
            }
            let order = Order::owned(&t.state, &sla);
            let shown = if lines {
                Shown::Cells(render::Cells::new(t, &sla, &columns, now, full_id))
            } else {
                Shown::Kept(row.keep(), sla)
            };
            Some((order, shown))
        },
    )?;
    for broken in &scanned.broken {
        ui.warn(format!("skipping {}: {}", broken.path, broken.message));
    }
    let mut rows = scanned.rows;
    let key = args.sort.unwrap_or_default();
    rows.sort_unstable_by(|(a, _), (b, _)| a.cmp(b, key));
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    if format == ListFormat::Json {
        return ui.out_json(&JsonRows(&rows));
    }
    if format == ListFormat::Table && rows.is_empty() {
        ui.status("No tickets match.");
    } else if lines {
        let cells: Vec<&render::Cells> = rows
            .iter()
            .filter_map(|(_, shown)| match shown {
                Shown::Cells(cells) => Some(cells),
                Shown::Kept(..) => None,
            })
            .collect();
        render::write_lines(ui, &cells, &columns, format)?;
    } else {
        let rows: Vec<(Listed, Sla)> = rows
            .iter()
            .filter_map(|(_, shown)| match shown {
                Shown::Kept(kept, sla) => Some((kept.load(), *sla)),
                Shown::Cells(_) => None,
            })
            .collect();
        ui.out(&render::ticket_table(ui, &rows, &columns, now))?;
    }
    if format == ListFormat::Table {
        hint_remote_ahead(ui, ctx);
    }
    Ok(())
}

/// The JSON array of `tk list --json`, serialized one row at a time: each
/// row is decoded, written and dropped, so the views of 40,000 tickets
/// never exist at once. The document is the one a `Vec<TicketView>` gives.
struct JsonRows<'a>(&'a [(Order<'static>, Shown)]);

impl serde::Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for (_, shown) in self.0 {
            if let Shown::Kept(kept, sla) = shown {
                let listed = kept.load();
                seq.serialize_element(&TicketView::new(&listed.state, listed.short_len, sla))?;
            }
        }
        seq.end()
    }
}

/// Prints rows in the format `args` asks for (the table by default, a
/// JSON array with `--json`), after cutting them to `--limit`.
pub(crate) fn print_rows(
    ui: &Ui,
    ctx: &Ctx,
    args: &ListArgs,
    mut rows: Vec<(Listed, Sla)>,
) -> Result<(), CliError> {
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    let now = ctx.now();
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
