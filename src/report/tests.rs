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
    let report = build(&rows, period(), Calendar::Always, None);
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
    let report = build(&rows, period(), Calendar::Always, Some(GroupBy::Priority));
    let names: Vec<_> = report
        .groups
        .iter()
        .map(|(n, f)| (n.as_str(), f.opened))
        .collect();
    assert_eq!(names, [("high", 1), ("medium", 3)]);
    let opened: usize = report.groups.iter().map(|(_, f)| f.opened).sum();
    assert_eq!(opened, report.total.opened);
    let by_assignee = build(&rows, period(), Calendar::Always, Some(GroupBy::Assignee));
    let names: Vec<_> = by_assignee.groups.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["(unassigned)", "bo@x.org"]);
}

#[test]
fn an_empty_period_has_no_averages() {
    let report = build(&[], period(), Calendar::Always, None);
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
    let report = build(&tickets, period(), Calendar::Always, None);
    let own = report.total.satisfaction;
    assert_eq!((own.count, own.average), (2, Some(4.0)));
    assert_eq!(own.distribution, [0, 0, 1, 0, 1]);
    let entered = report.total.satisfaction_on_behalf;
    assert_eq!((entered.count, entered.average), (2, Some(2.5)));
    assert_eq!(entered.distribution, [1, 0, 0, 1, 0]);
}
