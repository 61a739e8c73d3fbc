use super::*;
use crate::model::{Level, Period, TicketId};

fn berlin() -> BusinessHours {
    BusinessHours {
        timezone: chrono_tz::Europe::Berlin,
        holidays: [NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()].into(),
        ..BusinessHours::default()
    }
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap()
}

fn span(text: &str) -> Span {
    text.parse().unwrap()
}

#[test]
fn business_time_skips_the_weekend() {
    let hours = berlin();
    let cal = Calendar::Business(&hours);
    // Friday 16:00 in Berlin (CET) + 4h: one hour on Friday, three on Monday.
    assert_eq!(
        cal.add(at("2026-11-20T15:00:00Z"), span("4h")),
        at("2026-11-23T11:00:00Z")
    );
    // Created on Saturday: the clock starts on Monday at 09:00.
    assert_eq!(
        cal.add(at("2026-11-21T09:00:00Z"), span("15m")),
        at("2026-11-23T08:15:00Z")
    );
    // A business day keeps the time of day.
    assert_eq!(
        cal.add(at("2026-11-20T09:00:00Z"), span("1d")),
        at("2026-11-23T09:00:00Z")
    );
    // A week is the team's five working days.
    assert_eq!(
        cal.add(at("2026-11-18T09:00:00Z"), span("1w")),
        at("2026-11-25T09:00:00Z")
    );
}

#[test]
fn holidays_do_not_count() {
    let hours = berlin();
    let cal = Calendar::Business(&hours);
    // Thursday 24 Dec 16:00 + 4h: Friday 25 is a holiday, then the weekend.
    assert_eq!(
        cal.add(at("2026-12-24T15:00:00Z"), span("4h")),
        at("2026-12-28T11:00:00Z")
    );
}

#[test]
fn daylight_saving_change_keeps_local_working_hours() {
    let hours = berlin();
    let cal = Calendar::Business(&hours);
    // Berlin leaves summer time on Sunday 25 October 2026. Friday 16:00
    // CEST is 14:00 UTC; Monday 12:00 CET is 11:00 UTC.
    assert_eq!(
        cal.add(at("2026-10-23T14:00:00Z"), span("4h")),
        at("2026-10-26T11:00:00Z")
    );
    // One working day from Friday 10:00 CEST is Monday 10:00 CET: 73 hours.
    assert_eq!(
        cal.add(at("2026-10-23T08:00:00Z"), span("1d")),
        at("2026-10-26T09:00:00Z")
    );
    // Working seconds across the change: Friday 16-17 and Monday 9-10.
    let seconds = cal.seconds_between(at("2026-10-23T14:00:00Z"), at("2026-10-26T09:00:00Z"));
    assert_eq!(seconds, 2 * 3600);
}

#[test]
fn calendar_time_counts_every_minute() {
    assert_eq!(
        Calendar::Always.add(at("2026-11-20T15:00:00Z"), span("1d4h")),
        at("2026-11-21T19:00:00Z")
    );
}

fn state(response: &str, resolution: &str) -> State {
    let id = TicketId::parse("abcdabcdabcdabcd").unwrap();
    State {
        title: "t".into(),
        status: Status::InProgress,
        response_target: Some(span(response)),
        resolution_target: Some(span(resolution)),
        ..State::new(id, at("2026-11-23T09:00:00Z"), Level::Medium, Level::Medium)
    }
}

#[test]
fn waiting_pauses_and_resumes_the_clock() {
    let mut s = state("1h", "4h");
    s.first_response = Some(at("2026-11-23T09:30:00Z"));
    let mut clocks = Clocks::default();
    clocks.paused.push(Period {
        from: at("2026-11-23T10:00:00Z"),
        to: Some(at("2026-11-23T11:00:00Z")),
    });
    let sla = evaluate(&s, &clocks, Calendar::Always, at("2026-11-23T12:00:00Z"));
    assert_eq!(sla.resolution.unwrap().due, at("2026-11-23T14:00:00Z"));
    assert!(!sla.response.unwrap().breached);
    // Still waiting since 10:00: at 12:00 two hours of pause so far.
    s.status = Status::Waiting;
    clocks.paused[0].to = None;
    let sla = evaluate(&s, &clocks, Calendar::Always, at("2026-11-23T12:00:00Z"));
    assert_eq!(sla.resolution.unwrap().due, at("2026-11-23T15:00:00Z"));
    assert!(sla.paused && !sla.overdue());
}

#[test]
fn waiting_after_a_clock_is_met_does_not_move_its_due_time() {
    let mut s = state("4h", "1d");
    s.first_response = Some(at("2026-11-23T09:30:00Z"));
    s.status = Status::Waiting;
    let clocks = Clocks {
        paused: vec![Period {
            from: at("2026-11-23T10:00:00Z"),
            to: None,
        }],
        ..Clocks::default()
    };
    let sla = evaluate(&s, &clocks, Calendar::Always, at("2026-11-23T12:00:00Z"));
    // The response was met at 09:30, before the wait: still due at 13:00.
    assert_eq!(sla.response.unwrap().due, at("2026-11-23T13:00:00Z"));
    // The running resolution clock moves by the two hours waited so far.
    assert_eq!(sla.resolution.unwrap().due, at("2026-11-24T11:00:00Z"));
}

#[test]
fn breaches_are_met_late_or_overdue_now() {
    let mut s = state("15m", "1h");
    s.first_response = Some(at("2026-11-23T09:20:00Z"));
    let sla = evaluate(
        &s,
        &Clocks::default(),
        Calendar::Always,
        at("2026-11-23T09:50:00Z"),
    );
    assert!(sla.response.unwrap().breached && !sla.response.unwrap().overdue());
    assert!(!sla.resolution.unwrap().breached);
    assert_eq!(sla.next_due(), Some(at("2026-11-23T10:00:00Z")));
    let later = evaluate(
        &s,
        &Clocks::default(),
        Calendar::Always,
        at("2026-11-23T10:01:00Z"),
    );
    assert!(later.overdue() && later.breached());
    s.resolved = Some(at("2026-11-23T09:55:00Z"));
    let done = evaluate(
        &s,
        &Clocks::default(),
        Calendar::Always,
        at("2026-11-24T00:00:00Z"),
    );
    assert!(!done.overdue() && done.next_due().is_none());
}

#[test]
fn time_spent_resolved_before_a_reopen_does_not_count() {
    let mut s = state("1h", "4h");
    s.first_response = Some(at("2026-11-23T09:30:00Z"));
    let mut clocks = Clocks::default();
    // Resolved at 10:00, reopened at 12:00: the 4h target runs 09-10 and
    // from 12:00 on, so it is due at 15:00.
    clocks.paused.push(Period {
        from: at("2026-11-23T10:00:00Z"),
        to: Some(at("2026-11-23T12:00:00Z")),
    });
    let sla = evaluate(&s, &clocks, Calendar::Always, at("2026-11-23T12:30:00Z"));
    assert_eq!(sla.resolution.unwrap().due, at("2026-11-23T15:00:00Z"));
    assert!(!sla.paused, "only waiting shows as paused");
}

#[test]
fn due_by_counts_every_running_clock_overdue_included() {
    let clock = |due: &str, met: Option<&str>| Clock {
        due: at(due),
        met: met.map(at),
        breached: false,
    };
    let sla = Sla {
        response: Some(clock("2026-03-02T09:15:00Z", None)),
        resolution: Some(clock("2026-03-02T13:00:00Z", None)),
        paused: false,
    };
    // Past the response (overdue) and before the resolution: due by.
    assert!(!sla.due_by(at("2026-03-02T09:00:00Z")));
    assert!(sla.due_by(at("2026-03-02T09:15:00Z")));
    assert!(sla.due_by(at("2026-03-02T14:00:00Z")));
    let met = Sla {
        response: Some(clock("2026-03-02T09:15:00Z", Some("2026-03-02T09:10:00Z"))),
        ..sla
    };
    assert!(!met.due_by(at("2026-03-02T12:00:00Z")));
    assert!(met.due_by(at("2026-03-02T13:00:00Z")));
}
