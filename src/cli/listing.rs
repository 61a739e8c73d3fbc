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
use crate::codec::{FieldRef, StateRef};
use crate::model::Timestamp;
use crate::model::{email_of, FieldKind, FieldValue, Priority, Span, Status, TicketType};
use crate::sla::Calendar;
use crate::sla::Sla;
use crate::store::Listed;

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
    /// Only tickets whose custom field NAME is VALUE (text ignores case; an
    /// empty VALUE: the field is unset) (can be repeated: all must match)
    #[arg(long = "field", value_name = "NAME=VALUE", value_parser = field_pair)]
    pub field: Vec<(String, String)>,
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
    /// Columns to show, in order (comma-separated; table, tsv and csv);
    /// field.NAME shows a custom field
    #[arg(long, value_delimiter = ',', value_parser = render::ColumnParser)]
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

fn field_pair(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    Ok((name.trim().to_string(), value.trim().to_string()))
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
            field: join(view.field, &self.field),
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
    /// The --field filters, checked and normalized by kind; `None`: unset.
    fields: Vec<(String, FieldKind, Option<FieldValue>)>,
}

fn any_or_all<T>(wanted: &[T], matches: impl Fn(&T) -> bool) -> bool {
    wanted.is_empty() || wanted.iter().any(matches)
}

impl Filter<'_> {
    fn matches_sla(&self, status: Status, sla: &Sla, now: Timestamp) -> bool {
        let args = self.args;
        // Every unmet target counts, overdue ones included: a ticket whose
        // response is late still has its resolution due.
        let due_ok = args
            .due_within
            .is_none_or(|span| status.is_open() && sla.due_by(Calendar::Always.add(now, span)));
        (!args.overdue || sla.overdue()) && (!args.breached || sla.breached()) && due_ok
    }

    /// Returns whether the statuses are all these filters ask about
    /// (with the status filter itself, --all and the output options): a
    /// row's head then answers them.
    fn by_status_only(&self) -> bool {
        // No `..`: a filter added to the arguments must be answered here.
        let ListArgs {
            status: _,
            all: _,
            sort: _,
            limit: _,
            format: _,
            columns: _,
            view: _,
            assignee,
            ticket_type,
            priority,
            category,
            group,
            tag,
            requester,
            field,
            watching,
            since,
            until,
            updated_since,
            overdue,
            breached,
            due_within,
        } = self.args;
        assignee.is_empty()
            && ticket_type.is_empty()
            && priority.is_empty()
            && category.is_empty()
            && group.is_empty()
            && tag.is_empty()
            && requester.is_empty()
            && field.is_empty()
            && !watching
            && since.is_none()
            && until.is_none()
            && updated_since.is_none()
            && !overdue
            && !breached
            && due_within.is_none()
    }

    fn matches(&self, s: &StateRef<'_>) -> bool {
        let args = self.args;
        let status_ok = if args.status.is_empty() {
            args.all || s.status != Status::Closed
        } else {
            args.status.contains(&s.status)
        };
        let assignee_ok = any_or_all(&self.assignees, |who| match who {
            None => s.assignee.is_none(),
            Some(who) => s.assignee.is_some_and(|a| {
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
        let fields_ok =
            self.fields
                .iter()
                .all(|(name, kind, wanted)| match (s.field(name), wanted) {
                    (None, None) => true,
                    (Some(have), Some(want)) if *kind == FieldKind::Text => {
                        have.text().to_lowercase() == want.text().to_lowercase()
                    }
                    (Some(have), Some(want)) => have == FieldRef::of(want),
                    _ => false,
                });
        status_ok
            && fields_ok
            && assignee_ok
            && requester_ok
            && tags_ok
            && watching_ok
            && any_or_all(&args.ticket_type, |t| s.ticket_type == t.as_str())
            && any_or_all(&args.priority, |p| s.priority == *p)
            && any_or_all(&args.category, |c| {
                s.category.is_some_and(|sc| sc.eq_ignore_ascii_case(c))
            })
            && any_or_all(&args.group, |g| match s.group {
                Some(sg) => sg.eq_ignore_ascii_case(g.trim()),
                None => g.trim().eq_ignore_ascii_case("none"),
            })
            && self.since.is_none_or(|t| s.created >= t)
            && self.until.is_none_or(|t| s.created < t)
            && self.updated_since.is_none_or(|t| s.updated >= t)
    }
}

/// Returns the message for a name that is not one of the team's custom
/// fields, listing them.
pub(crate) fn unknown_custom(config: &crate::team::TeamConfig, name: &str) -> String {
    if config.fields.is_empty() {
        return format!(
            "unknown field `{}`: no custom fields are defined (tk field add)",
            name.escape_debug()
        );
    }
    let names: Vec<&str> = config.fields.keys().map(String::as_str).collect();
    format!(
        "unknown field `{}`: custom fields are {}",
        name.escape_debug(),
        names.join(", ")
    )
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
fn filter<'a>(ui: &Ui, ctx: &Ctx, args: &'a ListArgs) -> Result<Filter<'a>, CliError> {
    let now = ctx.now();
    let mut assignees = Vec::new();
    for who in &args.assignee {
        assignees.push(if who.eq_ignore_ascii_case("none") {
            None
        } else {
            Some(ctx.person(who)?)
        });
    }
    let mut fields = Vec::new();
    // Read only when needed: a broken tk.toml warns once per command.
    let config = match args.field.is_empty() {
        true => None,
        false => Some(ctx.team_config_lenient(ui)?),
    };
    for (name, value) in &args.field {
        let config = config
            .as_ref()
            .expect("the configuration is read when there are --field filters");
        let def = config
            .fields
            .get(name)
            .ok_or_else(|| CliError::usage(format!("--field: {}", unknown_custom(config, name))))?;
        let value = def
            .value(name, &FieldValue::Text(value.clone()))
            .map_err(|e| CliError::usage(format!("--field: {e}")))?;
        fields.push((name.clone(), def.kind, (!value.is_clear()).then_some(value)));
    }
    Ok(Filter {
        fields,
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
    let filter = filter(ui, ctx, args)?;
    for broken in broken {
        ui.warn(format!("skipping {}: {}", broken.path, broken.message));
    }
    let config = ctx.team_config_lenient(ui)?;
    Ok(tickets
        .into_iter()
        .filter(|t| filter.matches(&StateRef::of(&t.state)))
        .map(|t| {
            let sla = crate::sla::evaluate(&t.state, &t.clocks, config.calendar(), now);
            (t, sla)
        })
        .filter(|(t, sla)| filter.matches_sla(t.state.status, sla, now))
        .collect())
}

/// Returns the fields of a borrowed state that its SLA clocks are worked
/// out from.
fn timing(s: &StateRef<'_>) -> crate::sla::Timing {
    crate::sla::Timing {
        status: s.status,
        created: s.created,
        response_target: s.response_target,
        resolution_target: s.resolution_target,
        first_response: s.first_response,
        resolved: s.resolved,
        closed: s.closed,
    }
}

/// What a row sorts by, under every [`SortKey`]: a few words instead of
/// the whole state.
#[derive(Debug)]
struct Order {
    priority: Priority,
    created: Timestamp,
    updated: Timestamp,
    due: Option<Timestamp>,
    id: IdKey,
}

/// A ticket id held inline, so that keeping a row's sort key allocates
/// nothing; it orders as the id's text does.
#[derive(Debug, PartialEq, Eq)]
struct IdKey {
    bytes: [u8; ID_KEY_LEN],
    len: u8,
}

/// Room for a ticket id (16 characters) with some to spare.
const ID_KEY_LEN: usize = 32;

impl IdKey {
    fn new(id: &str) -> IdKey {
        let id = id.as_bytes();
        assert!(
            id.len() <= ID_KEY_LEN,
            "ticket ids are 16 characters, and cached ids were parsed as ids"
        );
        let mut bytes = [0; ID_KEY_LEN];
        bytes[..id.len()].copy_from_slice(id);
        IdKey {
            bytes,
            len: u8::try_from(id.len()).expect("ID_KEY_LEN is below 256"),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl PartialOrd for IdKey {
    fn partial_cmp(&self, other: &IdKey) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IdKey {
    fn cmp(&self, other: &IdKey) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl Order {
    fn new(state: &StateRef<'_>, sla: &Sla) -> Order {
        Order {
            priority: state.priority,
            created: state.created,
            updated: state.updated,
            due: sla.next_due(),
            id: IdKey::new(state.id),
        }
    }

    /// Returns words that order rows as [`Order::cmp`] does under `key`,
    /// but for the ids: rows whose words differ compare as their words.
    fn words(&self, key: SortKey) -> [u64; 4] {
        // A time as a word that sorts as the time does.
        let time = |t: Timestamp| (t.unix() as u64) ^ (1 << 63);
        let priority = self.priority as u64;
        match key {
            SortKey::Priority => [priority, time(self.created), 0, 0],
            SortKey::Due => match self.due {
                Some(due) => [0, time(due), priority, time(self.created)],
                None => [1, 0, priority, time(self.created)],
            },
            SortKey::Created => [time(self.created), 0, 0, 0],
            SortKey::Updated => [!time(self.updated), 0, 0, 0],
        }
    }

    /// Compares two rows under `key`.
    fn cmp(&self, other: &Order, key: SortKey) -> std::cmp::Ordering {
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

/// Sorts rows by `key` (stable: equal rows keep their order).
pub(crate) fn sort_rows(rows: &mut Vec<(Listed, Sla)>, key: SortKey) {
    let mut keyed: Vec<(Order, (Listed, Sla))> = rows
        .drain(..)
        .map(|row| (Order::new(&StateRef::of(&row.0.state), &row.1), row))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0, key));
    rows.extend(keyed.into_iter().map(|(_, row)| row));
}

/// Returns the rendered cells of a shown row, when it kept them.
fn cells_of(shown: &Shown) -> Option<&crate::cli::render::Cells> {
    match shown {
        Shown::Cells(cells) => Some(cells),
        Shown::Kept(_) => None,
    }
}

/// What `tk list` keeps of a shown row until it prints it.
enum Shown {
    /// The rendered cells, for lines into a pipe.
    Cells(crate::cli::render::Cells),
    /// The row's bytes, decoded again (and its SLA clocks worked out
    /// again) to print it as JSON or in a terminal's table.
    Kept(crate::store::Kept),
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
    check_columns(ui, ctx, &columns)?;
    let filter = filter(ui, ctx, args)?;
    let config = ctx.team_config_lenient(ui)?;
    let calendar = config.calendar();
    let progress = cache_progress(ui);
    let key = args.sort.unwrap_or_default();
    let wanted = |status| wanted_status(args, status);
    let store = ctx.store()?;
    // Rows printed from their kept bytes, filtered by status alone and
    // sorted by what a row's head holds: the scan reads only the heads, and
    // each shown row is decoded whole once, to print it (not twice).
    let scanned = if !lines && filter.by_status_only() && key != SortKey::Due {
        store.scan_heads(&wanted, progress.as_deref(), &|row| {
            let head = &row.head;
            let order = Order {
                priority: head.priority,
                created: head.created,
                updated: head.updated,
                // Read only by --sort due.
                due: None,
                id: IdKey::new(head.id),
            };
            wanted_status(args, head.status).then(|| (order, Shown::Kept(row.keep())))
        })?
    } else {
        store.scan(&wanted, progress.as_deref(), &|row| {
            let state = &row.state;
            if !filter.matches(state) {
                return None;
            }
            let sla = crate::sla::evaluate_timing(&timing(state), &row.clocks, calendar, now);
            if !filter.matches_sla(state.status, &sla, now) {
                return None;
            }
            let order = Order::new(state, &sla);
            let shown = if lines {
                let short_len = row.short_len;
                Shown::Cells(render::Cells::new(
                    state, short_len, &sla, &columns, now, full_id,
                ))
            } else {
                Shown::Kept(row.keep())
            };
            Some((order, shown))
        })?
    };
    for broken in &scanned.broken {
        ui.warn(format!("skipping {}: {}", broken.path, broken.message));
    }
    // Sorted by words held beside each reference, not behind it: comparing
    // through the references was a cache miss per row and most of the
    // main thread's sort. Equal words fall back to the whole order.
    let mut keyed: Vec<([u64; 4], &(Order, Shown))> = Vec::with_capacity(scanned.len());
    keyed.extend(scanned.rows().map(|row| (row.0.words(key), row)));
    keyed.sort_unstable_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| ra.0.cmp(&rb.0, key)));
    let mut rows: Vec<&(Order, Shown)> = Vec::with_capacity(keyed.len());
    rows.extend(keyed.into_iter().map(|(_, row)| row));
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    let load = |kept: &crate::store::Kept| {
        let listed = kept.load();
        let sla = crate::sla::evaluate(&listed.state, &listed.clocks, calendar, now);
        (listed, sla)
    };
    if format == ListFormat::Json {
        let render = |kept: &crate::store::Kept, out: &mut Vec<u8>| {
            let Some((state, clocks, short_len)) = kept.view() else {
                return false;
            };
            let sla = crate::sla::evaluate_timing(&timing(&state), &clocks, calendar, now);
            TicketView::of_ref(state, short_len, &sla).write_pretty(out);
            true
        };
        return write_json_rows(ui, &rows, &render);
    }
    if format == ListFormat::Table && rows.is_empty() {
        ui.status("No tickets match.");
    } else if lines {
        let cells: Vec<&render::Cells> = rows.iter().filter_map(|(_, s)| cells_of(s)).collect();
        // Not cut by --limit: every stored row is shown, and is measured
        // in the order it is stored.
        if rows.len() == scanned.len() {
            let stored = scanned.rows().filter_map(|(_, shown)| cells_of(shown));
            render::write_lines(ui, &cells, stored, &columns, format)?;
        } else {
            let shown = cells.iter().copied();
            render::write_lines(ui, &cells, shown, &columns, format)?;
        }
    } else {
        let rows: Vec<(Listed, Sla)> = rows
            .iter()
            .filter_map(|(_, shown)| match shown {
                Shown::Kept(kept) => Some(load(kept)),
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

/// Writes the JSON array of `tk list --json` in chunks of about 64 KiB:
/// each row is decoded, written and dropped, so the views of 40,000
/// tickets never exist at once. The rows of a long list are rendered on
/// every core, a batch at a time, and written in order as each batch is
/// done (`in_order`): rendering is most of a big `--json`, and it ran on
/// one thread after the scan's parallel part. The document is byte for byte
/// the one serde_json's pretty writer gives for a `Vec<TicketView>`
/// (`TicketView::write_pretty`). `write_row` returns false for a row whose
/// kept bytes do not decode, which is left out and fails the command once
/// the rest is written.
fn write_json_rows(
    ui: &Ui,
    rows: &[&(Order, Shown)],
    write_row: &(dyn Fn(&crate::store::Kept, &mut Vec<u8>) -> bool + Sync),
) -> Result<(), CliError> {
    let kept: Vec<&crate::store::Kept> = rows
        .iter()
        .filter_map(|(_, shown)| match shown {
            Shown::Kept(kept) => Some(kept),
            Shown::Cells(_) => None,
        })
        .collect();
    let batches = kept.len().div_ceil(JSON_BATCH);
    let undecoded = std::sync::atomic::AtomicBool::new(false);
    let render = |index: usize| {
        let batch = &kept[index * JSON_BATCH..kept.len().min((index + 1) * JSON_BATCH)];
        let mut out = Vec::with_capacity(JSON_BATCH << 10);
        if index == 0 {
            out.extend_from_slice(b"[\n");
        }
        // Each batch ends with a line break, so that stdout (line
        // buffered) writes it in one system call, not two.
        for row in batch {
            let start = out.len();
            out.extend_from_slice(b"  ");
            if write_row(row, &mut out) {
                out.extend_from_slice(b",\n");
            } else {
                out.truncate(start);
                undecoded.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        if index + 1 == batches && out.ends_with(b",\n") {
            // No comma after the last row.
            out.truncate(out.len() - 2);
            out.push(b'\n');
        }
        out
    };
    // A short list is rendered on this thread: starting threads would
    // cost more than they save.
    let threads = match batches {
        0..4 => 1,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
    };
    let write = |next: &mut dyn FnMut() -> Option<Vec<u8>>| {
        ui.out_json_chunks(&mut |out| match next() {
            Some(batch) => {
                *out = batch;
                true
            }
            None => {
                out.extend_from_slice(match batches {
                    0 => b"[]",
                    _ => b"]",
                });
                false
            }
        })
    };
    if threads == 1 {
        let mut index = 0;
        write(&mut || {
            let batch = (index < batches).then(|| render(index));
            index += 1;
            batch
        })?;
    } else {
        crate::cli::in_order::render_in_order(batches, threads, render, write)?;
    }
    match undecoded.into_inner() {
        false => Ok(()),
        true => Err(CliError::new(
            Kind::Failure,
            "a row of the list cache does not decode, and was left out",
        )
        .hint("delete .git/tk/cache (tk rebuilds it) and run the command again")),
    }
}

/// Rows of `tk list --json` rendered together, about 64 KiB of JSON.
const JSON_BATCH: usize = 64;

/// Prints rows in the format `args` asks for (the table by default, a
/// JSON array with `--json`), after cutting them to `--limit`.
/// Refuses a `field.NAME` column for a name the team does not define.
fn check_columns(ui: &Ui, ctx: &Ctx, columns: &[Column]) -> Result<(), CliError> {
    if !columns.iter().any(|c| matches!(c, Column::Field(_))) {
        return Ok(());
    }
    let config = ctx.team_config_lenient(ui)?;
    for column in columns {
        if let Column::Field(name) = column {
            if !config.fields.contains_key(name) {
                return Err(CliError::usage(format!(
                    "--columns: {}",
                    unknown_custom(&config, name)
                )));
            }
        }
    }
    Ok(())
}

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
    check_columns(ui, ctx, &columns)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The words a row sorts by never disagree with the whole order.
    #[test]
    fn sort_words_order_rows_as_the_order_does() {
        let times = [-5, 0, 1, 1_700_000_000];
        let ids = ["aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaab", "zzzzzzzzzzzzzzzz"];
        let mut orders = Vec::new();
        for priority in Priority::ALL {
            for created in times {
                for updated in times {
                    for due in [None, Some(-7), Some(3), Some(1_700_000_000)] {
                        for id in ids {
                            orders.push(Order {
                                priority: *priority,
                                created: Timestamp::from_unix(created),
                                updated: Timestamp::from_unix(updated),
                                due: due.map(Timestamp::from_unix),
                                id: IdKey::new(id),
                            });
                        }
                    }
                }
            }
        }
        for key in [
            SortKey::Priority,
            SortKey::Due,
            SortKey::Created,
            SortKey::Updated,
        ] {
            for a in &orders {
                for b in &orders {
                    let words = a.words(key).cmp(&b.words(key));
                    if words.is_ne() {
                        assert_eq!(words, a.cmp(b, key), "{key:?}: {a:?} against {b:?}");
                    }
                }
            }
        }
    }
}
