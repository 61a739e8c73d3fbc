//! The arguments of `tk list`, shared by `tk list` and `tk view save`
//! (which checks a view's arguments as `tk list` will parse them): a
//! shared CLI module, not a handler.

use crate::cli::args::keyword as parse;
use crate::cli::args::{when_end, when_start, When};
use crate::cli::error::CliError;
use crate::cli::render::{Column, ListFormat};
use crate::model::{Priority, Span, Status, TicketType};

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
    /// Only open tickets with an SLA due time within SPAN from now, e.g. 2h
    #[arg(long, value_name = "SPAN", value_parser = parse_span)]
    pub due_within: Option<Span>,
    /// Sort order
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
