//! Service reports: volumes, response and resolution times, SLA
//! compliance and satisfaction over a period, optionally per group.
//!
//! Pure: it reads ticket states and clocks (from the store's cached
//! listing) and the team's calendar, and returns figures. Rendering lives
//! in the CLI.

use crate::model::{Clocks, State, Timestamp};
use crate::sla::{self, Calendar};
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

/// Opened and resolved tickets in one week (Monday to Sunday, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Week {
    /// The Monday the week starts on.
    pub start: NaiveDate,
    /// Tickets created that week.
    pub opened: usize,
    /// Tickets resolved that week.
    pub resolved: usize,
}

/// A whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The period covered.
    pub period: Period,
    /// Figures over all tickets.
    pub total: Figures,
    /// Figures per group, by group name, when grouped.
    pub groups: Vec<(String, Figures)>,
    /// Opened vs resolved per week of the period.
    pub weeks: Vec<Week>,
}

/// Returns the report for `tickets` over `period`.
pub fn build(
    tickets: &[(&State, &Clocks)],
    period: Period,
    calendar: Calendar<'_>,
    group_by: Option<GroupBy>,
) -> Report {
    let mut total = Figures::default();
    let mut groups: BTreeMap<String, Figures> = BTreeMap::new();
    for (state, clocks) in tickets {
        add(&mut total, state, clocks, period, calendar);
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
    Report {
        period,
        total,
        groups: groups.into_iter().collect(),
        weeks: weeks(tickets, period),
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
    weeks
}

#[cfg(test)]
mod tests;
