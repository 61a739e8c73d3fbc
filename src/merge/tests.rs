use super::*;
use crate::codec;
use crate::model::{Action, Changes, EventId, Level, LinkRelation};
use proptest::prelude::*;

fn create(id: &str, at: i64) -> Ticket {
    let event = Event {
        id: EventId::parse(id).unwrap(),
        clock: 1,
        at: Timestamp::from_unix(at),
        by: "A <a@x.org>".into(),
        action: Action::Create(Changes {
            title: Some("t".into()),
            ..Changes::default()
        }),
    };
    Ticket::create(TicketId::parse("abcdabcdabcdabcd").unwrap(), event).unwrap()
}

fn merged(a: &Ticket, b: &Ticket) -> Ticket {
    match merge_tickets(a, b) {
        TicketMerge::Merged { ticket, notes } => {
            // tk's own writes never reuse an event id; the only notes are
            // the changes the merge superseded.
            assert!(
                notes.iter().all(|n| n.contains("did not take effect")),
                "{notes:?}"
            );
            *ticket
        }
        TicketMerge::Split { .. } => panic!("unexpected split"),
    }
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        prop::sample::select(Level::ALL).prop_map(|impact| Action::Set(Changes {
            impact: Some(impact),
            ..Changes::default()
        })),
        "[a-z]{1,6}".prop_map(|title| Action::Set(Changes {
            title: Some(title),
            ..Changes::default()
        })),
        "[a-c]".prop_map(|who| Action::Assign {
            assignee: format!("{who}@x.org")
        }),
        Just(Action::Unassign),
        ("[a-z ]{0,10}", any::<bool>())
            .prop_map(|(body, internal)| Action::Comment { body, internal }),
        Just(Action::Start),
        Just(Action::Wait { reason: None }),
        "[a-z]{1,6}".prop_map(|summary| Action::Resolve { summary }),
        Just(Action::Close {
            reason: None,
            note: None
        }),
        Just(Action::Close {
            reason: Some(crate::model::CloseReason::Duplicate),
            note: None
        }),
        Just(Action::Reopen { reason: None }),
        (1u8..=5, any::<bool>()).prop_map(|(score, on_behalf)| Action::Rate {
            score,
            comment: None,
            on_behalf
        }),
        (prop::sample::select(LinkRelation::ALL), "[yz]").prop_map(|(relation, t)| {
            Action::Link {
                relation,
                target: TicketId::parse(&t.repeat(16)).unwrap(),
            }
        }),
        (prop::sample::select(LinkRelation::ALL), "[yz]").prop_map(|(relation, t)| {
            Action::Unlink {
                relation,
                target: TicketId::parse(&t.repeat(16)).unwrap(),
            }
        }),
        "[a-c]".prop_map(|who| Action::Watch { who }),
        "[a-c]".prop_map(|who| Action::Unwatch { who }),
        ("[ab]\\.txt", 0u64..100).prop_map(|(name, size)| Action::Attach { name, size }),
        // Custom fields: two names, text or a number, or cleared.
        (
            "[pq]",
            prop_oneof![
                "[a-c]{0,2}".prop_map(crate::model::FieldValue::Text),
                (-50i64..50).prop_map(|n| crate::model::FieldValue::Number(
                    crate::model::Decimal::parse(&format!("{n}.5")).unwrap()
                )),
            ]
        )
            .prop_map(|(name, value)| Action::Set(Changes {
                fields: [(name, value)].into(),
                ..Changes::default()
            })),
    ]
}

/// A clone's offline work: actions recorded one after another, each only
/// if the lifecycle allows it at that point (as tk would).
fn work(base: &Ticket, clone: &str, actions: Vec<(Action, i64)>) -> Ticket {
    let mut ticket = base.clone();
    for (n, (action, at)) in actions.into_iter().enumerate() {
        let event = Event {
            id: EventId::parse(&format!("{clone}{n:04}")).unwrap(),
            clock: 0,
            at: Timestamp::from_unix(1_000 + at),
            by: format!("{clone} <{clone}@x.org>"),
            action,
        };
        let _ = ticket.record(event);
    }
    ticket
}

fn clone_work() -> impl Strategy<Value = Vec<(Action, i64)>> {
    prop::collection::vec((action(), 0i64..500), 0..12)
}

proptest! {
    #[test]
    fn merge_is_commutative_associative_idempotent_and_lossless(
        shared in clone_work(), a in clone_work(), b in clone_work(), c in clone_work()
    ) {
        let base = work(&create("e0", 0), "s", shared);
        let (ta, tb, tc) = (work(&base, "a", a), work(&base, "b", b), work(&base, "c", c));
        let ab = merged(&ta, &tb);
        // Commutative, byte for byte.
        prop_assert_eq!(codec::encode(&ab), codec::encode(&merged(&tb, &ta)));
        // Idempotent.
        prop_assert_eq!(codec::encode(&merged(&ab, &ab)), codec::encode(&ab));
        prop_assert_eq!(codec::encode(&merged(&ab, &ta)), codec::encode(&ab));
        // Associative.
        let left = merged(&ab, &tc);
        let right = merged(&ta, &merged(&tb, &tc));
        prop_assert_eq!(codec::encode(&left), codec::encode(&right));
        // Nothing lost: every event of every side is in the result.
        for side in [&ta, &tb, &tc] {
            for event in side.events() {
                prop_assert!(left.events().contains(event), "lost {:?}", event.id);
            }
        }
        // The state is the replay of the merged timeline.
        let replayed = Ticket::replay(left.id().clone(), left.events().to_vec()).unwrap();
        prop_assert_eq!(replayed.state(), left.state());
        let decoded = codec::decode(&codec::encode(&left)).unwrap();
        prop_assert!(decoded.is_consistent());
    }
}

#[test]
fn concurrent_resolve_and_wait_keep_both_events_and_a_legal_state() {
    let base = create("e0", 0);
    let ours = work(
        &base,
        "a",
        vec![(
            Action::Resolve {
                summary: "fixed".into(),
            },
            10,
        )],
    );
    let theirs = work(&base, "b", vec![(Action::Wait { reason: None }, 20)]);
    let TicketMerge::Merged { ticket: m, notes } = merge_tickets(&ours, &theirs) else {
        panic!("one ticket");
    };
    // The change that lost is told: who, what, when, why.
    assert_eq!(
        notes,
        [
            "b <b@x.org>'s wait of 1970-01-01T00:17:00Z (event b0000) did not take effect: \
          cannot wait a ticket that is resolved; allowed: close, reopen, rate, comment, set"
        ]
    );
    assert_eq!(m.events().len(), 3);
    // Resolve (earlier) applies; the later wait is no longer allowed.
    assert_eq!(m.state().status, crate::model::Status::Resolved);
    assert!(m
        .timeline()
        .any(|e| e.superseded && e.event.action == Action::Wait { reason: None }));
}

#[test]
fn same_id_created_twice_is_split_deterministically() {
    let one = create("e1", 10);
    let two = create("e2", 20);
    let TicketMerge::Split { kept, moved } = merge_tickets(&two, &one) else {
        panic!("expected a split");
    };
    assert_eq!(*kept, one);
    assert_ne!(moved.id(), one.id());
    assert_eq!(moved.events(), two.events());
    let TicketMerge::Split { moved: again, .. } = merge_tickets(&one, &two) else {
        panic!("expected a split");
    };
    assert_eq!(again, moved);
}

#[test]
fn config_merges_per_key_and_the_later_side_wins_a_conflict() {
    let base = "schema = 1\nname = \"desk\"\n[sla]\nhigh = \"1h\"\n";
    let a = ConfigSide {
        text: Some("schema = 1\nname = \"ops\"\n[sla]\nhigh = \"2h\"\n"),
        time: Timestamp::from_unix(10),
    };
    let b = ConfigSide {
        text: Some("schema = 1\nname = \"desk\"\nzone = \"UTC\"\n[sla]\nhigh = \"3h\"\n"),
        time: Timestamp::from_unix(20),
    };
    let (text, notes) = merge_config(Some(base), a, b);
    let table: toml::Table = text.parse().unwrap();
    assert_eq!(table["name"].as_str(), Some("ops"));
    assert_eq!(table["zone"].as_str(), Some("UTC"));
    assert_eq!(table["sla"]["high"].as_str(), Some("3h"));
    assert_eq!(
        notes,
        ["tk.toml key `sla.high` changed on both sides; the later change wins"]
    );
    assert_eq!(merge_config(Some(base), b, a).0, text);
}

#[test]
fn a_members_availability_and_skills_merge_per_key() {
    let base = "[team.\"ana@x.org\"]\nskills = [\"network\"]\n";
    let away = ConfigSide {
        text: Some("[team.\"ana@x.org\"]\nskills = [\"network\"]\naway = \"2026-12-24\"\n"),
        time: Timestamp::from_unix(10),
    };
    let skills = ConfigSide {
        text: Some("[team.\"ana@x.org\"]\nskills = [\"network\", \"access\"]\nmax_open = 5\n"),
        time: Timestamp::from_unix(20),
    };
    let (text, notes) = merge_config(Some(base), away, skills);
    let table: toml::Table = text.parse().unwrap();
    let ana = &table["team"]["ana@x.org"];
    assert_eq!(ana["skills"].as_array().map(Vec::len), Some(2));
    assert_eq!(ana["max_open"].as_integer(), Some(5));
    assert_eq!(ana["away"].as_str(), Some("2026-12-24"));
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn config_merge_of_two_unparsable_sides_does_not_depend_on_the_order() {
    let a = ConfigSide {
        text: Some("schema = \"one"),
        time: Timestamp::from_unix(10),
    };
    let b = ConfigSide {
        text: Some("schema = = 2"),
        time: Timestamp::from_unix(20),
    };
    let (ab, notes) = merge_config(Some("schema = 1\n"), a, b);
    assert_eq!(ab, "schema = = 2", "the later side is kept whole");
    assert_eq!(notes.len(), 2, "both sides are reported: {notes:?}");
    assert_eq!(merge_config(Some("schema = 1\n"), b, a).0, ab);
}

/// A version of the ticket as a hostile clone or a hand edit could hold
/// it: event ids from a small pool, so both sides reuse ids with other
/// contents (the create's included), and clocks and times that tk would
/// never write next to each other.
fn hostile_version() -> impl Strategy<Value = Ticket> {
    let event = (0usize..5, 0u64..4, 0i64..4, action()).prop_map(|(id, clock, at, action)| Event {
        id: EventId::parse(&format!("e{id}")).unwrap(),
        clock,
        at: Timestamp::from_unix(at),
        by: "H <h@x.org>".into(),
        action,
    });
    (0u64..3, 0i64..4, "[ab]", prop::collection::vec(event, 0..8)).prop_map(
        |(clock, at, title, rest)| {
            let create = Event {
                id: EventId::parse("e0").unwrap(),
                clock,
                at: Timestamp::from_unix(at),
                by: "A <a@x.org>".into(),
                action: Action::Create(Changes {
                    title: Some(title),
                    ..Changes::default()
                }),
            };
            // One version never holds two events with one id: replay
            // refuses such a file, so the first one written wins here.
            let mut events = vec![create];
            for event in rest {
                if events.iter().all(|e| e.id != event.id) {
                    events.push(event);
                }
            }
            Ticket::replay(TicketId::parse("abcdabcdabcdabcd").unwrap(), events)
                .expect("a timeline with a create replays")
        },
    )
}

fn merged_any(a: &Ticket, b: &Ticket) -> Ticket {
    match merge_tickets(a, b) {
        TicketMerge::Merged { ticket, .. } => *ticket,
        TicketMerge::Split { .. } => panic!("same create id never splits"),
    }
}

/// Returns the canonical texts of a ticket's events without their ids.
fn contents(ticket: &Ticket) -> std::collections::BTreeSet<String> {
    ticket
        .events()
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.id = EventId::parse("e0").unwrap();
            content(&e)
        })
        .collect()
}

proptest! {
    #[test]
    fn merge_of_hostile_versions_is_total_commutative_associative_and_idempotent(
        a in hostile_version(), b in hostile_version(), c in hostile_version()
    ) {
        let ab = merged_any(&a, &b);
        prop_assert_eq!(codec::encode(&ab), codec::encode(&merged_any(&b, &a)));
        prop_assert_eq!(codec::encode(&merged_any(&a, &a)), codec::encode(&a));
        prop_assert_eq!(codec::encode(&merged_any(&ab, &ab)), codec::encode(&ab));
        let left = merged_any(&ab, &c);
        let right = merged_any(&a, &merged_any(&b, &c));
        prop_assert_eq!(codec::encode(&left), codec::encode(&right));
        // Nothing lost: every side's every event is there, maybe moved to
        // a derived id.
        let all = contents(&left);
        for side in [&a, &b, &c] {
            prop_assert!(contents(side).is_subset(&all));
        }
        // The merged file is one tk reads back as it is.
        let decoded = codec::decode(&codec::encode(&left)).unwrap();
        prop_assert!(decoded.is_consistent());
        prop_assert_eq!(codec::encode(&decoded.ticket), codec::encode(&left));
    }
}

#[test]
fn regression_sync_panics_on_duplicate_create_with_a_comment_at_its_clock() {
    // Issue 7, defect 4: the same create id with two different times, and
    // one side holding a comment whose clock equals the create's. The
    // union used to keep the later create (its Debug text sorted first)
    // and replay failed with NoCreate: `tk sync` panicked for good.
    let ours = create("e0", 100);
    let comment = Event {
        id: EventId::parse("e1").unwrap(),
        clock: 1,
        at: Timestamp::from_unix(97),
        by: "B <b@x.org>".into(),
        action: Action::Comment {
            body: "early".into(),
            internal: false,
        },
    };
    let mut theirs_events = create("e0", 95).events().to_vec();
    theirs_events.push(comment);
    let theirs = Ticket::replay(ours.id().clone(), theirs_events).unwrap();
    let m = merged_any(&ours, &theirs);
    assert_eq!(
        codec::encode(&m),
        codec::encode(&merged_any(&theirs, &ours))
    );
    assert!(matches!(m.events()[0].action, Action::Create(_)));
    assert_eq!(m.events().len(), 3, "both creates and the comment are kept");
    codec::decode(&codec::encode(&m)).unwrap();
}
