//! SLA clocks: when a response and a resolution are due, whether they were
//! met, and how much time is left.
//!
//! Targets come from the ticket (recorded from the team's policy when the
//! priority was set); the calendar comes from the team configuration. With
//! business hours, only working time counts: weekends, holidays and the
//! hours outside the working day are skipped, in the team's IANA time zone
//! so daylight-saving changes fall where they should. The clocks pause
//! while the ticket is waiting. Pure: no git, no terminal.

use crate::model::{Clocks, Span, State, Status, Timestamp};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// Working hours in a time zone, with holidays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    /// The team's time zone.
    pub timezone: Tz,
    /// Working days, Monday first.
    pub days: Vec<Weekday>,
    /// When the working day starts, local time.
    pub start: NaiveTime,
    /// When it ends, local time.
    pub end: NaiveTime,
    /// Days off, local dates.
    pub holidays: BTreeSet<NaiveDate>,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            timezone: Tz::UTC,
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("09:00 is a time"),
            end: NaiveTime::from_hms_opt(17, 0, 0).expect("17:00 is a time"),
            holidays: BTreeSet::new(),
        }
    }
}

/// How far ahead the calendar looks before giving up: no team works less
/// than one day in ten years.
const MAX_DAYS: i64 = 3660;

/// What counts as time for SLA clocks.
#[derive(Clone, Copy, Debug)]
pub enum Calendar<'a> {
    /// Every minute counts.
    Always,
    /// Only working time counts.
    Business(&'a BusinessHours),
}

impl BusinessHours {
    fn is_working_day(&self, date: NaiveDate) -> bool {
        self.days.contains(&date.weekday()) && !self.holidays.contains(&date)
    }

    /// Returns the UTC instant of a local date and time; a time skipped by
    /// a daylight-saving change maps to the first instant after the gap.
    fn instant(&self, date: NaiveDate, time: NaiveTime) -> i64 {
        let local = date.and_time(time);
        (0..=180)
            .find_map(|minutes| {
                self.timezone
                    .from_local_datetime(&(local + Duration::minutes(minutes)))
                    .earliest()
            })
            .map_or_else(|| local.and_utc().timestamp(), |t| t.timestamp())
    }

    /// Returns the working window (UTC seconds) of a local date.
    fn window(&self, date: NaiveDate) -> (i64, i64) {
        (self.instant(date, self.start), self.instant(date, self.end))
    }

    fn local_date(&self, t: i64) -> NaiveDate {
        self.timezone
            .timestamp_opt(t, 0)
            .single()
            .map_or_else(|| NaiveDate::MIN, |d| d.date_naive())
    }

    /// Returns the windows from the one containing or following `t`.
    fn windows_from(&self, t: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let first = self.local_date(t) - Duration::days(1);
        (0..MAX_DAYS)
            .map(move |n| first + Duration::days(n))
            .filter(|d| self.is_working_day(*d))
            .map(|d| self.window(d))
            .filter(move |(_, end)| *end > t)
    }

    /// Moves `t` forward by `seconds` of working time.
    fn add_seconds(&self, t: i64, mut seconds: i64) -> i64 {
        let mut last = t;
        for (start, end) in self.windows_from(t) {
            let from = start.max(t);
            if from + seconds <= end {
                return from + seconds;
            }
            seconds -= end - from;
            last = end;
        }
        last
    }

    /// Moves `t` forward by whole working days, keeping the time of day
    /// (from the next working moment when `t` is outside working hours).
    fn add_days(&self, t: i64, days: i64) -> i64 {
        if days == 0 {
            return t;
        }
        let Some((start, _)) = self.windows_from(t).next() else {
            return t;
        };
        let at = start.max(t);
        let offset = at - start;
        let date = self.local_date(start);
        let target = (1..MAX_DAYS)
            .map(|n| date + Duration::days(n))
            .filter(|d| self.is_working_day(*d))
            .nth(usize::try_from(days - 1).unwrap_or(0));
        match target {
            Some(day) => {
                let (start, end) = self.window(day);
                (start + offset).min(end)
            }
            None => at,
        }
    }

    /// Returns the working seconds between `a` and `b`.
    fn seconds_between(&self, a: i64, b: i64) -> i64 {
        let mut total = 0;
        for (start, end) in self.windows_from(a) {
            if start >= b {
                break;
            }
            total += end.min(b) - start.max(a);
        }
        total
    }
}

impl Calendar<'_> {
    /// Returns `from` plus `span` of counted time.
    pub fn add(&self, from: Timestamp, span: Span) -> Timestamp {
        let t = from.unix();
        let moved = match self {
            Calendar::Always => t + span.calendar_minutes() * 60,
            Calendar::Business(hours) => {
                let days = i64::from(span.weeks) * hours.days.len() as i64 + i64::from(span.days);
                let t = hours.add_days(t, days);
                hours.add_seconds(t, i64::from(span.minutes) * 60)
            }
        };
        Timestamp::from_unix(moved)
    }

    /// Returns the counted seconds between two instants.
    pub fn seconds_between(&self, a: Timestamp, b: Timestamp) -> i64 {
        if b <= a {
            return 0;
        }
        match self {
            Calendar::Always => b.unix() - a.unix(),
            Calendar::Business(hours) => hours.seconds_between(a.unix(), b.unix()),
        }
    }

    fn add_seconds(&self, from: Timestamp, seconds: i64) -> Timestamp {
        match self {
            Calendar::Always => Timestamp::from_unix(from.unix() + seconds),
            Calendar::Business(hours) => {
                Timestamp::from_unix(hours.add_seconds(from.unix(), seconds))
            }
        }
    }
}

/// One SLA clock of a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// When it is due, pauses included (as of now while waiting).
    pub due: Timestamp,
    /// When it was met: the first response, or the resolution.
    pub met: Option<Timestamp>,
    /// Whether it was missed, or is overdue now.
    pub breached: bool,
}

impl Clock {
    /// Returns whether the clock still runs (not met) and is past due.
    pub fn overdue(&self) -> bool {
        self.met.is_none() && self.breached
    }
}

/// Both SLA clocks of a ticket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sla {
    /// Time to first response.
    pub response: Option<Clock>,
    /// Time to resolution.
    pub resolution: Option<Clock>,
    /// Whether the clocks are paused because the ticket is waiting.
    pub paused: bool,
}

impl Sla {
    /// Returns the due time of the first clock still running, if any.
    pub fn next_due(&self) -> Option<Timestamp> {
        [self.response, self.resolution]
            .into_iter()
            .flatten()
            .filter(|c| c.met.is_none())
            .map(|c| c.due)
            .min()
    }

    /// Returns whether a clock still running falls due at or before
    /// `limit`, overdue clocks included: what `--due-within` lists.
    pub fn due_by(&self, limit: Timestamp) -> bool {
        [self.response, self.resolution]
            .into_iter()
            .flatten()
            .any(|c| c.met.is_none() && c.due <= limit)
    }

    /// Returns whether any clock was missed or is overdue.
    pub fn breached(&self) -> bool {
        [self.response, self.resolution]
            .into_iter()
            .flatten()
            .any(|c| c.breached)
    }

    /// Returns whether a running clock is past due.
    pub fn overdue(&self) -> bool {
        [self.response, self.resolution]
            .into_iter()
            .flatten()
            .any(|c| c.overdue())
    }
}

/// Evaluates a ticket's SLA clocks at `now`.
pub fn evaluate(state: &State, clocks: &Clocks, calendar: Calendar<'_>, now: Timestamp) -> Sla {
    evaluate_timing(&Timing::of(state), clocks, calendar, now)
}

/// The fields of a state that its SLA clocks are worked out from: what
/// a list that reads states borrowed from the cache gives [`evaluate_timing`].
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// Lifecycle status.
    pub status: Status,
    /// When it was reported.
    pub created: Timestamp,
    /// How soon the team must first respond.
    pub response_target: Option<Span>,
    /// How soon the ticket must be resolved.
    pub resolution_target: Option<Span>,
    /// When someone other than the requester first responded.
    pub first_response: Option<Timestamp>,
    /// When it was resolved.
    pub resolved: Option<Timestamp>,
    /// When it was closed.
    pub closed: Option<Timestamp>,
}

impl Timing {
    /// Returns the timing fields of `state`.
    pub fn of(state: &State) -> Timing {
        Timing {
            status: state.status,
            created: state.created,
            response_target: state.response_target,
            resolution_target: state.resolution_target,
            first_response: state.first_response,
            resolved: state.resolved,
            closed: state.closed,
        }
    }
}

/// Like [`evaluate`], from a state's [`Timing`] alone.
pub fn evaluate_timing(
    state: &Timing,
    clocks: &Clocks,
    calendar: Calendar<'_>,
    now: Timestamp,
) -> Sla {
    let ended = state.resolved.or(if state.status == Status::Closed {
        state.closed
    } else {
        None
    });
    let clock = |target: Option<Span>, met: Option<Timestamp>| {
        let target = target?;
        let mut due = calendar.add(state.created, target);
        for pause in &clocks.paused {
            // A met clock has stopped: waiting after that moves nothing.
            if pause.from >= due || met.is_some_and(|met| pause.from >= met) {
                break;
            }
            let until = pause.to.unwrap_or(now);
            let until = met.map_or(until, |met| until.min(met));
            due = calendar.add_seconds(due, calendar.seconds_between(pause.from, until));
        }
        let breached = match met {
            Some(met) => met > due,
            None => now > due,
        };
        Some(Clock { due, met, breached })
    };
    Sla {
        response: clock(state.response_target, state.first_response.or(ended)),
        resolution: clock(state.resolution_target, ended),
        paused: state.status == Status::Waiting,
    }
}

#[cfg(test)]
mod tests;
