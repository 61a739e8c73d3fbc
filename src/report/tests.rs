//! A fixture history with figures worked out by hand.

use super::*;
use crate::model::{Action, Changes, CloseReason, Event, EventId, Level, Ticket, TicketId};
use crate::team::TeamConfig;

const ANA: &str = "Ana <ana@x.org>";
const BO: &str = "Bo <bo@x.org>";

fn at(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).unwrap()
}

struct Fixture {
    tickets: Vec<Ticket>,
    events: usize,
}

impl Fixture {
    fn ticket(&mut self, id: &str, created: &str, urgency: Level, steps: &[(&str, &str, Action)]) {
        let mut changes = Changes {
            title: Some(id.into()),
            urgency: Some(urgency),
            requester: Some(ANA.into()),
            ..Changes::default()
        };
        TeamConfig::default().apply_policy(&mut changes, None);
        let mut ticket = Ticket::create(
            TicketId::parse(&format!("{id:0<16}")).unwrap(),
            self.event(created, ANA, Action::Create(changes)),
        )
        .unwrap();
        for (when, by, action) in steps {
            let event = self.event(when, by, action.clone());
            ticket.record(event).unwrap();
        }
        self.tickets.push(ticket);
    }

    fn event(&mut self, when: &str, by: &str, action: Action) -> Event {
        self.events += 1;
        Event {
            id: EventId::parse(&format!("e{}", self.events)).unwrap(),
            clock: 0,
            at: at(when),
            by: by.into(),
            action,
        }
    }
}

fn fixture() -> Vec<Ticket> {
    let mut f = Fixture {
        tickets: Vec::new(),
        events: 0,
    };
    let assign = || Action::Assign {
        assignee: "bo@x.org".into(),
    };
    let resolve = || Action::Resolve {
        summary: "done".into(),
    };
    // Medium (4h / 3d): answered in 30m, resolved in 4h, rated 5.
    f.ticket(
        "t1",
        "2026-11-02T09:00:00Z",
        Level::Medium,
        &[
            ("2026-11-02T09:30:00Z", BO, assign()),
            ("2026-11-02T13:00:00Z", BO, resolve()),
            (
                "2026-11-03T09:00:00Z",
                ANA,
                Action::Rate {
                    score: 5,
                    comment: None,
                    on_behalf: false,
                },
            ),
        ],
    );
    // High (1h / 1d): answered late, resolved late, reopened, resolved again, rated 2.
    f.ticket(
        "t2",
        "2026-11-03T10:00:00Z",
        Level::High,
        &[
            ("2026-11-03T12:00:00Z", BO, assign()),
            ("2026-11-05T10:00:00Z", BO, resolve()),
            ("2026-11-06T09:00:00Z", ANA, Action::Reopen { reason: None }),
            ("2026-11-06T12:00:00Z", BO, resolve()),
            (
                "2026-11-07T09:00:00Z",
                ANA,
                Action::Rate {
                    score: 2,
                    comment: None,
                    on_behalf: false,
                },
            ),
        ],
    );
    // Medium, never answered: overdue at the end of the period, in the backlog.
    f.ticket("t3", "2026-11-10T09:00:00Z", Level::Medium, &[]);
    // Opened before the period, resolved in it, 22 days after creation.
    f.ticket(
        "t4",
        "2026-10-20T09:00:00Z",
        Level::Medium,
        &[("2026-11-11T09:00:00Z", BO, resolve())],
    );
    // Closed as a duplicate an hour after creation.
    f.ticket(
        "t5",
        "2026-11-12T09:00:00Z",
        Level::Medium,
        &[(
            "2026-11-12T10:00:00Z",
            BO,
            Action::Close {
                reason: Some(CloseReason::Duplicate),
                note: None,
            },
        )],
    );
    f.tickets
}

fn period() -> Period {
    Period {
        since: at("2026-11-02T00:00:00Z"),
        until: at("2026-11-16T00:00:00Z"),
    }
}

#[test]
fn figures_match_the_hand_computed_answers() {
    let tickets = fixture();
    let rows: Vec<_> = tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let report = build(&rows, period(), &TeamConfig::default(), None);
    let f = &report.total;
    assert_eq!(
        (f.opened, f.resolved, f.closed, f.reopened, f.backlog),
        (4, 3, 1, 1, 1)
    );
    assert_eq!(
        f.first_response,
        Durations {
            count: 3,
            mean: Some(4200),
            median: Some(3600)
        }
    );
    assert_eq!(
        f.resolution,
        Durations {
            count: 3,
            mean: Some(727_200),
            median: Some(266_400)
        }
    );
    assert_eq!(
        f.sla_response,
        Compliance {
            met: 2,
            breached: 2
        }
    );
    assert_eq!(f.sla_response.percent(), Some(50.0));
    assert_eq!(
        f.sla_resolution,
        Compliance {
            met: 2,
            breached: 2
        }
    );
    assert_eq!(f.satisfaction.count, 2);
    assert_eq!(f.satisfaction.average, Some(3.5));
    assert_eq!(f.satisfaction.distribution, [0, 1, 0, 0, 1]);
    let weeks: Vec<_> = report
        .weeks
        .iter()
        .map(|w| (w.start.to_string(), w.opened, w.resolved))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-11-02".to_string(), 2, 2),
            ("2026-11-09".to_string(), 2, 1)
        ]
    );
}

#[test]
fn groups_split_the_same_figures() {
    let tickets = fixture();
    let rows: Vec<_> = tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let report = build(
        &rows,
        period(),
        &TeamConfig::default(),
        Some(GroupBy::Priority),
    );
    let names: Vec<_> = report
        .groups
        .iter()
        .map(|(n, f)| (n.as_str(), f.opened))
        .collect();
    assert_eq!(names, [("high", 1), ("medium", 3)]);
    let opened: usize = report.groups.iter().map(|(_, f)| f.opened).sum();
    assert_eq!(opened, report.total.opened);
    let by_assignee = build(
        &rows,
        period(),
        &TeamConfig::default(),
        Some(GroupBy::Assignee),
    );
    let names: Vec<_> = by_assignee.groups.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["(unassigned)", "bo@x.org"]);
}

#[test]
fn an_empty_period_has_no_averages() {
    let report = build(&[], period(), &TeamConfig::default(), None);
    assert_eq!(report.total, Figures::default());
    assert_eq!(report.total.sla_response.percent(), None);
    assert_eq!(report.weeks.len(), 2);
}

#[test]
fn each_resolution_counts_its_own_rating_and_team_entries_stay_apart() {
    let mut f = Fixture {
        tickets: Vec::new(),
        events: 0,
    };
    let resolve = || Action::Resolve {
        summary: "done".into(),
    };
    let rate = |score, on_behalf| Action::Rate {
        score,
        comment: None,
        on_behalf,
    };
    // Rated 2, then re-rated 3 (replacing it), reopened, resolved again
    // and rated 5: two resolutions, two ratings, the requester's own.
    f.ticket(
        "t1",
        "2026-11-02T09:00:00Z",
        Level::Medium,
        &[
            ("2026-11-02T10:00:00Z", BO, resolve()),
            ("2026-11-02T11:00:00Z", ANA, rate(2, false)),
            ("2026-11-02T11:30:00Z", ANA, rate(3, false)),
            ("2026-11-03T09:00:00Z", ANA, Action::Reopen { reason: None }),
            ("2026-11-03T10:00:00Z", BO, resolve()),
            ("2026-11-03T11:00:00Z", ANA, rate(5, false)),
        ],
    );
    // Bo typed in the rating Ana gave on the phone.
    f.ticket(
        "t2",
        "2026-11-04T09:00:00Z",
        Level::Medium,
        &[
            ("2026-11-04T10:00:00Z", BO, resolve()),
            ("2026-11-04T11:00:00Z", BO, rate(1, true)),
        ],
    );
    // Before provenance was recorded: a rating Bo entered as himself.
    f.ticket(
        "t3",
        "2026-11-05T09:00:00Z",
        Level::Medium,
        &[
            ("2026-11-05T10:00:00Z", BO, resolve()),
            ("2026-11-05T11:00:00Z", BO, rate(4, false)),
        ],
    );
    let tickets: Vec<_> = f.tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let report = build(&tickets, period(), &TeamConfig::default(), None);
    let own = report.total.satisfaction;
    assert_eq!((own.count, own.average), (2, Some(4.0)));
    assert_eq!(own.distribution, [0, 0, 1, 0, 1]);
    let entered = report.total.satisfaction_on_behalf;
    assert_eq!((entered.count, entered.average), (2, Some(2.5)));
    assert_eq!(entered.distribution, [1, 0, 0, 1, 0]);
}

#[test]
fn iso_week_labels_carry_the_iso_year() {
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    assert_eq!(iso_week(day("2026-11-23")), "2026-W48");
    // 2026 starts on a Thursday, so it has 53 ISO weeks, and the days of
    // 2027 before its first Monday belong to the last of them.
    assert_eq!(iso_week(day("2026-12-31")), "2026-W53");
    assert_eq!(iso_week(day("2027-01-01")), "2026-W53");
    assert_eq!(iso_week(day("2027-01-03")), "2026-W53");
    assert_eq!(iso_week(day("2027-01-04")), "2027-W01");
    // And the other way round: 2024-12-30 is in 2025's first week.
    assert_eq!(iso_week(day("2024-12-30")), "2025-W01");
    let week = Week {
        start: day("2026-12-28"),
        opened: 0,
        resolved: 0,
        backlog: 0,
    };
    assert_eq!(week.label(), "2026-W53");
}

#[test]
fn the_backlog_line_counts_open_tickets_at_each_week_end() {
    let tickets = fixture();
    let rows: Vec<_> = tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let report = build(&rows, period(), &TeamConfig::default(), None);
    // At 2026-11-09: t4 (resolved on the 11th). At the end of the period:
    // t3, never answered.
    let line: Vec<_> = report.weeks.iter().map(|w| w.backlog).collect();
    assert_eq!(line, [1, 1]);
    assert_eq!(
        report.weeks.last().map(|w| w.backlog),
        Some(report.total.backlog)
    );
}

#[test]
fn the_backlog_line_ends_with_the_period_and_spans_the_new_year() {
    let mut f = Fixture {
        tickets: Vec::new(),
        events: 0,
    };
    let resolve = || Action::Resolve {
        summary: "done".into(),
    };
    f.ticket("t1", "2026-12-21T09:00:00Z", Level::Low, &[]);
    f.ticket(
        "t2",
        "2026-12-22T09:00:00Z",
        Level::Low,
        &[("2027-01-05T09:00:00Z", BO, resolve())],
    );
    f.ticket(
        "t3",
        "2026-12-30T09:00:00Z",
        Level::Low,
        &[("2026-12-31T09:00:00Z", BO, resolve())],
    );
    // Created after the end of the period: never in it.
    f.ticket("t4", "2027-01-07T09:00:00Z", Level::Low, &[]);
    let rows: Vec<_> = f.tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let period = Period {
        since: at("2026-12-21T00:00:00Z"),
        until: at("2027-01-06T12:00:00Z"),
    };
    let report = build(&rows, period, &TeamConfig::default(), None);
    let line: Vec<_> = report
        .weeks
        .iter()
        .map(|w| (w.label(), w.backlog))
        .collect();
    assert_eq!(
        line,
        [
            ("2026-W52".to_string(), 2),
            ("2026-W53".to_string(), 2),
            ("2027-W01".to_string(), 1),
        ]
    );
    assert_eq!(report.total.backlog, 1);
}

#[test]
fn breached_lists_each_missed_clock_most_late_first() {
    let tickets = fixture();
    let rows: Vec<_> = tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let report = build(&rows, period(), &TeamConfig::default(), None);
    let list: Vec<_> = report
        .breached
        .iter()
        .map(|b| {
            (
                &b.id.as_str()[..2],
                b.target.as_str(),
                b.met.is_some(),
                b.late_seconds,
            )
        })
        .collect();
    assert_eq!(
        list,
        [
            // Due 2026-10-23 09:00, resolved 2026-11-11 09:00: 19 days.
            ("t4", "resolution", true, 19 * 86_400),
            // Due 2026-11-10 13:00, unanswered at the end of the period.
            ("t3", "response", false, 5 * 86_400 + 11 * 3_600),
            // Due 2026-11-13 09:00, still open at the end.
            ("t3", "resolution", false, 2 * 86_400 + 15 * 3_600),
            // Due 2026-11-04 10:00; resolved 11-05, reopened, resolved 11-06 12:00.
            ("t2", "resolution", true, 50 * 3_600),
            // Due 11:00, answered at 12:00.
            ("t2", "response", true, 3_600),
        ]
    );
    // The clocks counted as breached in the compliance figures are all
    // listed; the open resolution clock is listed beside them.
    let met_late = |target: SlaTarget| {
        report
            .breached
            .iter()
            .filter(|b| b.target == target && (b.met.is_some() || target == SlaTarget::Response))
            .count()
    };
    assert_eq!(
        met_late(SlaTarget::Response),
        report.total.sla_response.breached
    );
    assert_eq!(
        met_late(SlaTarget::Resolution),
        report.total.sla_resolution.breached
    );
    assert!(report.total.sla_response.below_target(None));
    assert!(!Compliance {
        met: 3,
        breached: 0
    }
    .below_target(None));
    assert_eq!(report.breached[0].assignee, None);
    assert_eq!(report.breached[1].short_len, 7);
}

#[test]
fn compliance_and_ratings_compare_with_the_targets_exactly() {
    let c = |met, breached| Compliance { met, breached };
    // 19 of 20 is exactly 95%: met; 18 of 20 is below.
    assert!(!c(19, 1).below_target(Some(950)));
    assert!(c(18, 2).below_target(Some(950)));
    // 57 of 60 is 95% although 100 * 57 / 60 is not 95.0 in floating point.
    assert!(!c(57, 3).below_target(Some(950)));
    // With a target, a breach within it is fine; with none, any breach
    // is below; nothing counted is never below a target.
    assert!(!c(99, 1).below_target(Some(950)));
    assert!(c(99, 1).below_target(None));
    assert!(!c(0, 0).below_target(Some(950)));
    let rated = |scores: &[u8]| {
        let mut s = Satisfaction::default();
        for score in scores {
            s.count(*score);
        }
        s
    };
    assert!(!rated(&[4, 5, 4, 4, 4]).below_target(Some(42)));
    assert!(rated(&[4, 4, 4, 4, 5]).below_target(Some(43)));
    assert!(!rated(&[]).below_target(Some(40)));
    assert!(!rated(&[1]).below_target(None));
    let text = "[report]\nsla_compliance = \"95%\"\nsatisfaction = 4.2\n";
    let config = TeamConfig::parse(Some(text)).unwrap();
    let report = build(&[], period(), &config, None);
    assert_eq!(report.targets.sla_compliance, Some(950));
    assert_eq!(report.targets.satisfaction_score(), Some(4.2));
}

#[test]
fn people_are_named_by_the_team_and_by_their_tickets() {
    let tickets = fixture();
    let rows: Vec<_> = tickets.iter().map(|t| (t.state(), t.clocks())).collect();
    let mut team = TeamConfig::default();
    team.members.insert(
        "bo@x.org".into(),
        crate::team::Member {
            name: "Bo Berg".into(),
            ..Default::default()
        },
    );
    let report = build(&rows, period(), &team, Some(GroupBy::Assignee));
    let labels: Vec<_> = report
        .groups
        .iter()
        .map(|(key, _)| (key.as_str(), report.group_label(key)))
        .collect();
    assert_eq!(
        labels,
        [("(unassigned)", "(unassigned)"), ("bo@x.org", "Bo Berg")]
    );
    assert_eq!(report.name_of("nobody@x.org"), "nobody@x.org");
    // Requesters are looked up only for the groups that are requesters.
    assert_eq!(report.name_of("ana@x.org"), "ana@x.org");
    let by_requester = build(&rows, period(), &team, Some(GroupBy::Requester));
    assert_eq!(by_requester.group_label("ana@x.org"), "Ana");
    assert_eq!(by_requester.name_of("bo@x.org"), "Bo Berg");
    // A category that happens to look like an email is not a person.
    let by_category = build(&rows, period(), &team, Some(GroupBy::Category));
    assert_eq!(by_category.group_label("bo@x.org"), "bo@x.org");
}
