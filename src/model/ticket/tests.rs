use super::test_support::{event, ANA, BO};
use super::*;
use crate::model::{Changes, Level, Priority, Status, TicketType};

fn created() -> Ticket {
    let changes = Changes {
        title: Some("VPN drops".into()),
        requester: Some(ANA.into()),
        ..Changes::default()
    };
    let id = TicketId::parse("abcd000000000000").unwrap();
    Ticket::create(id, event("e1", 1, 100, ANA, Action::Create(changes))).unwrap()
}

fn record(ticket: &mut Ticket, id: &str, at: i64, by: &str, action: Action) -> Result<(), Refusal> {
    ticket.record(event(id, 0, at, by, action))
}

#[test]
fn create_uses_defaults_and_the_matrix() {
    let t = created();
    assert_eq!(t.state().status, Status::New);
    assert_eq!(t.state().priority, Priority::Medium);
    assert_eq!(t.state().ticket_type, TicketType::INCIDENT);
    assert_eq!(
        t.state().requester.as_ref().unwrap().email,
        "ana@example.com"
    );
}

#[test]
fn full_lifecycle() {
    let mut t = created();
    record(
        &mut t,
        "e2",
        110,
        BO,
        Action::Assign {
            assignee: "bo@example.com".into(),
        },
    )
    .unwrap();
    assert_eq!(t.state().status, Status::Assigned);
    assert_eq!(t.state().first_response, Some(Timestamp::from_unix(110)));
    record(&mut t, "e3", 120, BO, Action::Start).unwrap();
    record(&mut t, "e4", 130, BO, Action::Wait { reason: None }).unwrap();
    record(
        &mut t,
        "e5",
        140,
        BO,
        Action::Resolve {
            summary: "Replaced cable".into(),
        },
    )
    .unwrap();
    assert_eq!(
        t.state().resolution.as_ref().unwrap().summary,
        "Replaced cable"
    );
    record(
        &mut t,
        "e6",
        150,
        ANA,
        Action::Rate {
            score: 5,
            comment: None,
            on_behalf: false,
        },
    )
    .unwrap();
    record(
        &mut t,
        "e7",
        160,
        BO,
        Action::Close {
            reason: None,
            note: None,
        },
    )
    .unwrap();
    assert_eq!(t.state().status, Status::Closed);
    assert_eq!(t.state().closed, Some(Timestamp::from_unix(160)));
    assert_eq!(
        t.events().iter().map(|e| e.clock).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    record(&mut t, "e8", 170, ANA, Action::Reopen { reason: None }).unwrap();
    assert_eq!(t.state().status, Status::Assigned);
    assert!(
        t.state().resolution.is_none() && t.state().rating.is_none() && t.state().closed.is_none()
    );
}

#[test]
fn refusals_name_the_allowed_actions() {
    let mut t = created();
    let err = record(
        &mut t,
        "e2",
        110,
        BO,
        Action::Rate {
            score: 3,
            comment: None,
            on_behalf: false,
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot rate a ticket that is new; allowed: assign, start, wait, resolve, close --reason, comment, set"
    );
    let err = record(
        &mut t,
        "e2",
        110,
        BO,
        Action::Close {
            reason: None,
            note: None,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("without a reason"), "{err}");
    assert!(record(&mut t, "e2", 110, BO, Action::Unassign).is_err());
    assert_eq!(t.events().len(), 1, "refused events are not recorded");
}

#[test]
fn start_takes_an_unassigned_ticket() {
    let mut t = created();
    record(&mut t, "e2", 110, BO, Action::Start).unwrap();
    assert_eq!(t.state().assignee.as_deref(), Some("bo@example.com"));
}

#[test]
fn requester_activity_is_not_a_first_response() {
    let mut t = created();
    let comment = |internal| Action::Comment {
        body: "x".into(),
        internal,
    };
    record(&mut t, "e2", 110, ANA, comment(false)).unwrap();
    record(&mut t, "e3", 120, BO, comment(true)).unwrap();
    assert_eq!(t.state().first_response, None);
    record(&mut t, "e4", 130, BO, comment(false)).unwrap();
    assert_eq!(t.state().first_response, Some(Timestamp::from_unix(130)));
}

#[test]
fn merged_order_supersedes_events_the_lifecycle_no_longer_allows() {
    let base = created();
    let mut ours = base.clone();
    record(
        &mut ours,
        "e2",
        110,
        BO,
        Action::Resolve {
            summary: "done".into(),
        },
    )
    .unwrap();
    let mut theirs = base.clone();
    record(&mut theirs, "e3", 105, ANA, Action::Wait { reason: None }).unwrap();
    // Both have clock 2; theirs is earlier, so wait applies and resolve follows.
    let mut union = ours.events().to_vec();
    union.extend(theirs.events().iter().cloned());
    let merged = Ticket::replay(base.id().clone(), union.clone()).unwrap();
    assert_eq!(merged.state().status, Status::Resolved);
    // Now a rating on one side and a reopen on the other, at the same clock.
    let mut a = merged.clone();
    record(&mut a, "r1", 200, ANA, Action::Reopen { reason: None }).unwrap();
    let mut b = merged.clone();
    record(
        &mut b,
        "r2",
        210,
        ANA,
        Action::Rate {
            score: 1,
            comment: None,
            on_behalf: false,
        },
    )
    .unwrap();
    let mut both = a.events().to_vec();
    both.extend(b.events().iter().cloned());
    let result = Ticket::replay(base.id().clone(), both).unwrap();
    assert_eq!(result.state().status, Status::New);
    assert!(result.state().rating.is_none());
    let superseded: Vec<_> = result
        .timeline()
        .filter(|e| e.superseded)
        .map(|e| e.event.id.as_str())
        .collect();
    assert_eq!(superseded, ["r2"]);
}

#[test]
fn replay_needs_a_create_and_consistent_duplicates() {
    let id = TicketId::parse("abcd000000000000").unwrap();
    let start = event("e2", 2, 1, BO, Action::Start);
    assert_eq!(
        Ticket::replay(id.clone(), vec![start.clone()]),
        Err(ReplayError::NoCreate)
    );
    let t = created();
    let mut events = t.events().to_vec();
    events.push(t.events()[0].clone());
    assert_eq!(Ticket::replay(id.clone(), events).unwrap(), t);
    let mut clash = t.events()[0].clone();
    clash.by = BO.into();
    let mut events = t.events().to_vec();
    events.push(clash);
    assert!(matches!(
        Ticket::replay(id, events),
        Err(ReplayError::ConflictingEvent(_))
    ));
}

#[test]
fn actions_towards_reaches_the_target() {
    let mut t = created();
    let mut target = t.state().clone();
    target.title = "VPN drops every 10 minutes".into();
    target.impact = Level::High;
    target.priority = Priority::High;
    target.tags = vec!["vpn".into()];
    target.assignee = Some("bo@example.com".into());
    target.requester.as_mut().unwrap().phone = Some("555".into());
    let actions = t.actions_towards(&target);
    assert_eq!(actions.len(), 2, "{actions:?}");
    for (n, action) in actions.into_iter().enumerate() {
        record(&mut t, &format!("x{n}"), 200, BO, action).unwrap();
    }
    target.status = Status::Assigned;
    target.updated = t.state().updated;
    target.first_response = t.state().first_response;
    assert_eq!(t.state(), &target);
}

#[test]
fn explicit_priority_overrides_the_matrix_until_impact_changes() {
    let mut t = created();
    let set = |changes| Action::Set(changes);
    record(
        &mut t,
        "e2",
        110,
        BO,
        set(Changes {
            priority: Some(Priority::Critical),
            ..Changes::default()
        }),
    )
    .unwrap();
    assert_eq!(t.state().priority, Priority::Critical);
    record(
        &mut t,
        "e3",
        120,
        BO,
        set(Changes {
            urgency: Some(Level::Low),
            ..Changes::default()
        }),
    )
    .unwrap();
    assert_eq!(t.state().priority, Priority::Low);
}

#[test]
fn record_keeps_event_ids_unique() {
    let mut t = created();
    record(&mut t, "e2", 110, BO, Action::Start).unwrap();
    let comment = Action::Comment {
        body: "same id".into(),
        internal: false,
    };
    record(&mut t, "e2", 120, BO, comment).unwrap();
    let ids: std::collections::BTreeSet<&EventId> = t.events().iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), 3);
    let replayed = Ticket::replay(t.id().clone(), t.events().to_vec()).unwrap();
    assert_eq!(replayed, t);
}

#[test]
fn custom_fields_are_set_replaced_and_cleared_by_set_events_in_replay_order() {
    use crate::model::FieldValue;
    let text = |t: &str| FieldValue::Text(t.into());
    let set = |name: &str, value: FieldValue| {
        Action::Set(Changes {
            fields: [(name.to_string(), value)].into(),
            ..Changes::default()
        })
    };
    let mut t = created();
    record(&mut t, "e2", 110, BO, set("os", text("Linux"))).unwrap();
    record(&mut t, "e3", 120, BO, set("room", text("B2"))).unwrap();
    assert_eq!(
        t.state().fields,
        [
            ("os".to_string(), text("Linux")),
            ("room".to_string(), text("B2"))
        ]
        .into()
    );
    record(&mut t, "e4", 130, ANA, set("os", text(""))).unwrap();
    assert_eq!(t.state().fields, [("room".to_string(), text("B2"))].into());
    // Two concurrent sets (same clock): the later one in replay order wins,
    // whichever order the timeline lists them in.
    let id = t.id().clone();
    let mut events = t.events().to_vec();
    events.push(event("zz1", 9, 500, ANA, set("room", text("C3"))));
    events.push(event("zz2", 9, 400, BO, set("room", text("A1"))));
    let one = Ticket::replay(id.clone(), events.clone()).unwrap();
    events.reverse();
    let other = Ticket::replay(id, events).unwrap();
    assert_eq!(one.state().fields["room"], text("C3"));
    assert_eq!(one.state(), other.state());
}
