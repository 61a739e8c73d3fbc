//! Service reports: volumes, response and resolution times, SLA
//! compliance and satisfaction over a period, optionally per group.
//!
//! Pure: it reads ticket states and clocks (from the store's cached
//! listing) and the team's configuration (its calendar and its members'
//! names), and returns figures: the HTML page, the text report and
//! `--json` are renderings of a [`Report`]. Rendering lives in the CLI.

use crate::model::{short_len, Clocks, SlaTarget, State, TicketId, Timestamp};
use crate::sla::{self, Calendar};
use crate::team::{ReportTargets, TeamConfig};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// The half-open period `[since, until)` a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// First instant included.
    pub since: Timestamp,
    /// First instant excluded; also "now" for SLA clocks and the backlog.
    pub until: Timestamp,
}

impl Period {
    fn contains(&self, t: Timestamp) -> bool {
        self.since <= t && t < self.until
    }
}

/// What to break the figures down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// The assignee (`(unassigned)` when none).
    Assignee,
    /// The category (`(none)` when none).
    Category,
    /// The priority.
    Priority,
    /// The ticket type.
    Type,
    /// The requester, by email (`(none)` when none).
    Requester,
    /// The requester's department (`(none)` when none).
    Department,
    /// The requester's location (`(none)` when none).
    Location,
    /// The assignment group (`(none)` when none).
    Group,
}

/// Mean and median of a set of durations, in seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Durations {
    /// How many durations.
    pub count: usize,
    /// The mean, when there is any.
    pub mean: Option<i64>,
    /// The median (the lower middle for an even count), when there is any.
    pub median: Option<i64>,
}

impl Durations {
    fn of(mut seconds: Vec<i64>) -> Durations {
        seconds.sort_unstable();
        let count = seconds.len();
        Durations {
            count,
            mean: (count > 0).then(|| seconds.iter().sum::<i64>() / count as i64),
            median: (count > 0).then(|| seconds[(count - 1) / 2]),
        }
    }
}

/// How many SLA clocks were met and missed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compliance {
    /// Clocks met in time.
    pub met: usize,
    /// Clocks met late or overdue.
    pub breached: usize,
}

impl Compliance {
    /// Returns the share met in time, in percent, when any clock counted.
    pub fn percent(&self) -> Option<f64> {
        let total = self.met + self.breached;
        (total > 0).then(|| 100.0 * self.met as f64 / total as f64)
    }

    /// Returns whether the figure is below the team's target: the share
    /// met is under `report.sla_compliance` (`target`, in tenths of a
    /// percent; compared exactly, in whole numbers). With no such target
    /// every ticket is to meet its response and resolution time, so any
    /// breached clock puts the figure below target.
    pub fn below_target(&self, target: Option<u16>) -> bool {
        let total = self.met + self.breached;
        match target {
            Some(tenths) => total > 0 && self.met * 1000 < usize::from(tenths) * total,
            None => self.breached > 0,
        }
    }

    fn count(&mut self, breached: bool) {
        if breached {
            self.breached += 1;
        } else {
            self.met += 1;
        }
    }
}

/// Ratings given in the period, one per rated resolution (a ticket
/// resolved, rated, reopened and resolved and rated again counts twice).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Satisfaction {
    /// How many ratings.
    pub count: usize,
    /// Their average score.
    pub average: Option<f64>,
    /// How many of each score, 1 to 5.
    pub distribution: [usize; 5],
}

impl Satisfaction {
    /// Returns whether the average rating is below `report.satisfaction`
    /// (`target`, in tenths; compared exactly, in whole numbers); never
    /// without a target or without ratings.
    pub fn below_target(&self, target: Option<u8>) -> bool {
        let sum: usize = (1..=5).zip(self.distribution).map(|(s, n)| s * n).sum();
        target.is_some_and(|tenths| self.count > 0 && sum * 10 < usize::from(tenths) * self.count)
    }

    fn count(&mut self, score: u8) {
        self.count += 1;
        self.distribution[usize::from(score.clamp(1, 5)) - 1] += 1;
        let sum: usize = (1..=5).zip(self.distribution).map(|(s, n)| s * n).sum();
        self.average = Some(sum as f64 / self.count as f64);
    }
}

/// The figures for a set of tickets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Tickets created in the period.
    pub opened: usize,
    /// Tickets resolved in the period.
    pub resolved: usize,
    /// Tickets closed in the period.
    pub closed: usize,
    /// Reopenings in the period.
    pub reopened: usize,
    /// Escalations in the period (functional and on breach).
    pub escalated: usize,
    /// Tickets open at the end of the period.
    pub backlog: usize,
    /// Time to first response of tickets opened in the period.
    pub first_response: Durations,
    /// Time to resolution of tickets resolved in the period.
    pub resolution: Durations,
    /// Response clocks of tickets opened in the period, decided by its end.
    pub sla_response: Compliance,
    /// Resolution clocks of tickets resolved or closed in the period.
    pub sla_resolution: Compliance,
    /// Ratings the requesters gave in the period themselves (as
    /// themselves, or by mail).
    pub satisfaction: Satisfaction,
    /// Ratings team members entered on a requester's behalf in the
    /// period, kept apart from the requesters' own.
    pub satisfaction_on_behalf: Satisfaction,
}

/// Opened and resolved tickets in one week (Monday to Sunday, UTC), and
/// the backlog at its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Week {
    /// The Monday the week starts on.
    pub start: NaiveDate,
    /// Tickets created that week.
    pub opened: usize,
    /// Tickets resolved that week.
    pub resolved: usize,
    /// Tickets open at the end of the week, or at the end of the period
    /// for its last week: counted as [`Figures::backlog`] is.
    pub backlog: usize,
}

impl Week {
    /// Returns the week's year-qualified ISO label, like `2026-W48`.
    pub fn label(&self) -> String {
        iso_week(self.start)
    }
}

/// Returns the ISO 8601 week a day falls in, with its ISO year, like
/// `2026-W53` (which 2027-01-01 belongs to).
pub fn iso_week(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// One SLA clock that missed its target: met late in the period, or still
/// running past due at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// The ticket.
    pub id: TicketId,
    /// How many characters of the id tell it apart from every other
    /// ticket reported on (7 or more).
    pub short_len: usize,
    /// Its title.
    pub title: String,
    /// Which of its targets was missed.
    pub target: SlaTarget,
    /// When the clock fell due.
    pub due: Timestamp,
    /// When it was met, late; `None` when it was still running at the end
    /// of the period.
    pub met: Option<Timestamp>,
    /// How late: from due to met (or to the end of the period), counted
    /// on the SLA clock (business hours when the team has them).
    pub late_seconds: i64,
    /// The ticket's assignee, by email as the ticket has it.
    pub assignee: Option<String>,
}

/// A whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The period covered.
    pub period: Period,
    /// What the groups are, when grouped.
    pub group_by: Option<GroupBy>,
    /// Figures over all tickets.
    pub total: Figures,
    /// Figures per group, by group name, when grouped.
    pub groups: Vec<(String, Figures)>,
    /// Opened vs resolved per week of the period, and the backlog line.
    pub weeks: Vec<Week>,
    /// Every clock that missed its target, most late first.
    pub breached: Vec<Breach>,
    /// Display names of the people the report names by email: team
    /// members from `tk.toml`, and, when grouped by requester, requesters
    /// by the name on their most recent ticket.
    pub names: BTreeMap<String, String>,
    /// The team's targets for the figures (`[report]` in `tk.toml`).
    pub targets: ReportTargets,
}

impl Report {
    /// Returns the name to show for someone the report has by email (an
    /// assignee, a requester), or the text itself when no name is known.
    pub fn name_of<'a>(&'a self, who: &'a str) -> &'a str {
        self.names.get(who).map_or(who, String::as_str)
    }

    /// Returns the label to show for a group: the person's name when the
    /// groups are people, the group name otherwise.
    pub fn group_label<'a>(&'a self, group: &'a str) -> &'a str {
        match self.group_by {
            Some(GroupBy::Assignee | GroupBy::Requester) => self.name_of(group),
            _ => group,
        }
    }
}

/// Returns the report for `tickets` over `period`, with the SLA clocks on
/// the team's calendar and people named as `team` names them.
pub fn build(
    tickets: &[(&State, &Clocks)],
    period: Period,
    team: &TeamConfig,
    group_by: Option<GroupBy>,
) -> Report {
    let calendar = team.calendar();
    let mut total = Figures::default();
    let mut breached = Vec::new();
    let mut groups: BTreeMap<String, Figures> = BTreeMap::new();
    for (state, clocks) in tickets {
        add(&mut total, state, clocks, period, calendar);
        breaches(&mut breached, state, clocks, period, calendar);
        if let Some(by) = group_by {
            add(
                groups.entry(group_name(state, by)).or_default(),
                state,
                clocks,
                period,
                calendar,
            );
        }
    }
    finish(&mut total, tickets.iter().copied(), period);
    if let Some(by) = group_by {
        for (name, figures) in groups.iter_mut() {
            let members = tickets
                .iter()
                .copied()
                .filter(|(s, _)| group_name(s, by) == *name);
            finish(figures, members, period);
        }
    }
    if !breached.is_empty() {
        // Neighbours in sorted order share the longest prefixes with an id.
        let mut ids: Vec<&TicketId> = tickets.iter().map(|(s, _)| &s.id).collect();
        ids.sort_unstable();
        for b in &mut breached {
            let at = ids.partition_point(|id| *id < &b.id);
            let neighbours = [at.checked_sub(1), Some(at + 1)]
                .into_iter()
                .flatten()
                .filter_map(|i| ids.get(i).copied());
            b.short_len = short_len(&b.id, neighbours);
        }
    }
    breached.sort_by(|a: &Breach, b: &Breach| {
        (b.late_seconds, &a.id, a.target.as_str()).cmp(&(a.late_seconds, &b.id, b.target.as_str()))
    });
    Report {
        period,
        group_by,
        total,
        groups: groups.into_iter().collect(),
        weeks: weeks(tickets, period),
        breached,
        names: names(tickets, team, group_by == Some(GroupBy::Requester)),
        targets: team.report,
    }
}

/// Returns the display names by email: members, and requesters (when
/// `requesters`) by the name on their most recently created ticket; a
/// member's name in `tk.toml` wins over the name on a ticket.
fn names(
    tickets: &[(&State, &Clocks)],
    team: &TeamConfig,
    requesters: bool,
) -> BTreeMap<String, String> {
    let mut seen_requesters: BTreeMap<&str, (Timestamp, &str)> = BTreeMap::new();
    for (state, _) in tickets.iter().filter(|_| requesters) {
        let Some(r) = &state.requester else { continue };
        if r.email.is_empty() || r.name.trim().is_empty() {
            continue;
        }
        let seen = seen_requesters
            .entry(&r.email)
            .or_insert((state.created, &r.name));
        if (state.created, r.name.as_str()) > *seen {
            *seen = (state.created, &r.name);
        }
    }
    let mut names: BTreeMap<String, String> = seen_requesters
        .into_iter()
        .map(|(email, (_, name))| (email.to_string(), name.to_string()))
        .collect();
    for (email, member) in &team.members {
        if !member.name.trim().is_empty() {
            names.insert(email.clone(), member.name.clone());
        }
    }
    names
}

/// Adds the ticket's clocks that missed their targets: the response clock
/// when it counts as breached in `sla_response`, the resolution clock when
/// it counts as breached in `sla_resolution`, or is still running past due
/// at the end of the period.
fn breaches(
    out: &mut Vec<Breach>,
    s: &State,
    clocks: &Clocks,
    period: Period,
    calendar: Calendar<'_>,
) {
    let sla = sla::evaluate(s, clocks, calendar, period.until);
    let response = sla
        .response
        .filter(|c| c.breached && period.contains(s.created));
    let resolution = sla.resolution.filter(|c| {
        let met_in_period = c.met.is_some_and(|t| period.contains(t));
        let running_at_end = c.met.is_none_or(|t| t >= period.until);
        c.breached
            && (met_in_period
                || (running_at_end && s.created < period.until && c.due < period.until))
    });
    for (target, clock) in [
        (SlaTarget::Response, response),
        (SlaTarget::Resolution, resolution),
    ] {
        let Some(clock) = clock else { continue };
        let met = clock.met.filter(|t| *t < period.until);
        let end = met.unwrap_or(period.until);
        out.push(Breach {
            id: s.id.clone(),
            short_len: 7,
            title: s.title.clone(),
            target,
            due: clock.due,
            met,
            late_seconds: calendar.seconds_between(clock.due, end).max(0),
            assignee: s.assignee.clone(),
        });
    }
}

fn group_name(state: &State, by: GroupBy) -> String {
    match by {
        GroupBy::Assignee => state
            .assignee
            .clone()
            .unwrap_or_else(|| "(unassigned)".into()),
        GroupBy::Category => state.category.clone().unwrap_or_else(|| "(none)".into()),
        GroupBy::Group => state.group.clone().unwrap_or_else(|| "(none)".into()),
        GroupBy::Priority => state.priority.to_string(),
        GroupBy::Type => state.ticket_type.to_string(),
        GroupBy::Requester => state
            .requester
            .as_ref()
            .map(|r| {
                if r.email.is_empty() {
                    r.name.clone()
                } else {
                    r.email.clone()
                }
            })
            .unwrap_or_else(|| "(none)".into()),
        GroupBy::Department => state
            .requester
            .as_ref()
            .and_then(|r| r.department.clone())
            .unwrap_or_else(|| "(none)".into()),
        GroupBy::Location => state
            .requester
            .as_ref()
            .and_then(|r| r.location.clone())
            .unwrap_or_else(|| "(none)".into()),
    }
}

/// Counts one ticket into the figures, except the durations, which
/// `finish` computes over all the tickets at once.
fn add(f: &mut Figures, s: &State, clocks: &Clocks, period: Period, calendar: Calendar<'_>) {
    let sla = sla::evaluate(s, clocks, calendar, period.until);
    if period.contains(s.created) {
        f.opened += 1;
        if let Some(clock) = sla.response.filter(|c| c.met.is_some() || c.breached) {
            f.sla_response.count(clock.breached);
        }
    }
    if s.resolved.is_some_and(|t| period.contains(t)) {
        f.resolved += 1;
    }
    if s.closed.is_some_and(|t| period.contains(t)) {
        f.closed += 1;
    }
    f.reopened += clocks
        .reopened
        .iter()
        .filter(|t| period.contains(**t))
        .count();
    f.escalated += clocks
        .escalated
        .iter()
        .filter(|t| period.contains(**t))
        .count();
    let ended = s.resolved.or(s.closed);
    if s.created < period.until && ended.is_none_or(|t| t >= period.until) {
        f.backlog += 1;
    }
    if let Some(clock) = sla.resolution {
        if clock.met.is_some_and(|t| period.contains(t)) {
            f.sla_resolution.count(clock.breached);
        }
    }
    for rating in clocks.ratings.iter().filter(|r| period.contains(r.at)) {
        let sat = if rating.from_requester(s.requester.as_ref()) {
            &mut f.satisfaction
        } else {
            &mut f.satisfaction_on_behalf
        };
        sat.count(rating.score);
    }
}

fn finish<'a>(
    f: &mut Figures,
    tickets: impl Iterator<Item = (&'a State, &'a Clocks)>,
    period: Period,
) {
    let mut response = Vec::new();
    let mut resolution = Vec::new();
    for (s, _) in tickets {
        if period.contains(s.created) {
            if let Some(t) = s.first_response {
                response.push(t.unix() - s.created.unix());
            }
        }
        if let Some(t) = s.resolved.filter(|t| period.contains(*t)) {
            resolution.push(t.unix() - s.created.unix());
        }
    }
    f.first_response = Durations::of(response);
    f.resolution = Durations::of(resolution);
}

fn monday_of(t: Timestamp) -> NaiveDate {
    let date = t.to_utc().date_naive();
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn weeks(tickets: &[(&State, &Clocks)], period: Period) -> Vec<Week> {
    let last = monday_of(Timestamp::from_unix(period.until.unix() - 1).max(period.since));
    let mut weeks: Vec<Week> = Vec::new();
    let mut start = monday_of(period.since);
    while start <= last && weeks.len() < 530 {
        weeks.push(Week {
            start,
            opened: 0,
            resolved: 0,
            backlog: 0,
        });
        start += Duration::days(7);
    }
    let first = monday_of(period.since);
    let index = |t: Timestamp| usize::try_from((monday_of(t) - first).num_days() / 7).ok();
    for (s, _) in tickets {
        if period.contains(s.created) {
            if let Some(w) = index(s.created).and_then(|i| weeks.get_mut(i)) {
                w.opened += 1;
            }
        }
        if let Some(t) = s.resolved.filter(|t| period.contains(*t)) {
            if let Some(w) = index(t).and_then(|i| weeks.get_mut(i)) {
                w.resolved += 1;
            }
        }
    }
    backlog_line(&mut weeks, tickets, period);
    weeks
}

/// Fills in the backlog at the end of each week (the last one ends with
/// the period). A ticket is open at an instant when it was created before
/// it and not resolved or closed by then, as for [`Figures::backlog`]; each
/// ticket adds one over the range of week ends it was open at, found by
/// binary search, so a long span over many tickets stays linear.
fn backlog_line(weeks: &mut [Week], tickets: &[(&State, &Clocks)], period: Period) {
    let ends: Vec<Timestamp> = weeks
        .iter()
        .map(|w| {
            let next = (w.start + Duration::days(7))
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists on every day")
                .and_utc()
                .timestamp();
            Timestamp::from_unix(next).min(period.until)
        })
        .collect();
    let mut steps = vec![0_i64; ends.len() + 1];
    for (s, _) in tickets {
        let first = ends.partition_point(|end| *end <= s.created);
        let last = match s.resolved.or(s.closed) {
            Some(ended) => ends.partition_point(|end| *end <= ended),
            None => ends.len(),
        };
        if first < last {
            steps[first] += 1;
            steps[last] -= 1;
        }
    }
    let mut open = 0_i64;
    for (week, step) in weeks.iter_mut().zip(steps) {
        open += step;
        week.backlog = usize::try_from(open)
            .expect("a running count of opened minus ended tickets is never negative");
    }
}

#[cfg(test)]
mod tests;
