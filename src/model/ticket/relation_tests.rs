//! Links, watchers and attachments: replay, refusals and edits.

use super::test_support::{event, ANA, BO};
use super::*;
use crate::model::LinkRelation;
use crate::model::{Changes, Status};

fn id(text: &str) -> TicketId {
    TicketId::parse(text).unwrap()
}

fn created() -> Ticket {
    let changes = Changes {
        title: Some("VPN drops".into()),
        ..Changes::default()
    };
    Ticket::create(
        id("abcd000000000000"),
        event("e1", 1, 100, ANA, Action::Create(changes)),
    )
    .unwrap()
}

fn record(ticket: &mut Ticket, id: &str, at: i64, action: Action) -> Result<(), Refusal> {
    ticket.record(event(id, 0, at, BO, action))
}

fn link(relation: LinkRelation, target: &str) -> Action {
    Action::Link {
        relation,
        target: id(target),
    }
}

fn unlink(relation: LinkRelation, target: &str) -> Action {
    Action::Unlink {
        relation,
        target: id(target),
    }
}

fn links(t: &Ticket) -> Vec<(LinkRelation, &str)> {
    t.state()
        .links
        .iter()
        .map(|l| (l.relation, l.target.as_str()))
        .collect()
}

#[test]
fn links_are_kept_sorted_and_unique() {
    let mut t = created();
    record(
        &mut t,
        "e2",
        110,
        link(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    record(
        &mut t,
        "e3",
        120,
        link(LinkRelation::CausedBy, "pppp000000000000"),
    )
    .unwrap();
    record(
        &mut t,
        "e4",
        130,
        link(LinkRelation::Relates, "hhhh000000000000"),
    )
    .unwrap();
    // Linking again is allowed (a merge may bring the same link twice) and
    // changes nothing.
    record(
        &mut t,
        "e5",
        140,
        link(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    assert_eq!(
        links(&t),
        [
            (LinkRelation::Relates, "hhhh000000000000"),
            (LinkRelation::Relates, "zzzz000000000000"),
            (LinkRelation::CausedBy, "pppp000000000000"),
        ]
    );
    // The same target under another relation is another link.
    record(
        &mut t,
        "e6",
        150,
        link(LinkRelation::Blocks, "zzzz000000000000"),
    )
    .unwrap();
    assert_eq!(t.state().links.len(), 4);
    record(
        &mut t,
        "e7",
        160,
        unlink(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    assert_eq!(
        links(&t),
        [
            (LinkRelation::Relates, "hhhh000000000000"),
            (LinkRelation::Blocks, "zzzz000000000000"),
            (LinkRelation::CausedBy, "pppp000000000000"),
        ]
    );
    assert_eq!(t.state().updated, Timestamp::from_unix(160));
    // Replay from scratch gives the same state.
    let replayed = Ticket::replay(t.id().clone(), t.events().to_vec()).unwrap();
    assert_eq!(replayed, t);
}

#[test]
fn links_and_watchers_are_allowed_in_every_status() {
    let mut t = created();
    record(
        &mut t,
        "e2",
        110,
        Action::Resolve {
            summary: "ok".into(),
        },
    )
    .unwrap();
    record(
        &mut t,
        "e3",
        120,
        Action::Close {
            reason: None,
            note: None,
        },
    )
    .unwrap();
    assert_eq!(t.state().status, Status::Closed);
    record(
        &mut t,
        "e4",
        130,
        link(LinkRelation::Blocks, "zzzz000000000000"),
    )
    .unwrap();
    record(
        &mut t,
        "e5",
        140,
        Action::Watch {
            who: "bo@example.com".into(),
        },
    )
    .unwrap();
    record(
        &mut t,
        "e6",
        150,
        Action::Attach {
            name: "log.txt".into(),
            size: 3,
        },
    )
    .unwrap();
    record(
        &mut t,
        "e7",
        160,
        unlink(LinkRelation::Blocks, "zzzz000000000000"),
    )
    .unwrap();
    record(
        &mut t,
        "e8",
        170,
        Action::Unwatch {
            who: "bo@example.com".into(),
        },
    )
    .unwrap();
    assert_eq!(t.state().status, Status::Closed);
    assert!(t.state().links.is_empty() && t.state().watchers.is_empty());
    assert_eq!(
        t.state().first_response,
        Some(Timestamp::from_unix(110)),
        "links, watchers and attachments are not a response to the requester"
    );
}

#[test]
fn refusals_explain_missing_links_watchers_and_self_links() {
    let mut t = created();
    let err = record(
        &mut t,
        "e2",
        110,
        unlink(LinkRelation::Blocks, "zzzz000000000000"),
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with(
            "cannot unlink a ticket that is new: it has no `blocks` link to zzzz000000000000;"
        ),
        "{err}"
    );
    let err = record(
        &mut t,
        "e2",
        110,
        link(LinkRelation::Relates, "abcd000000000000"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot link a ticket that is new (to itself)"),
        "{err}"
    );
    let err = record(
        &mut t,
        "e2",
        110,
        Action::Unwatch {
            who: "cy@example.com".into(),
        },
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains(": cy@example.com is not watching it"),
        "{err}"
    );
    assert!(record(&mut t, "e2", 110, Action::Watch { who: " ".into() }).is_err());
    let err = record(
        &mut t,
        "e2",
        110,
        Action::Attach {
            name: "../etc/passwd".into(),
            size: 1,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("starts with a dot"), "{err}");
    assert_eq!(t.events().len(), 1, "refused events are not recorded");
}

#[test]
fn concurrent_unlinks_supersede_the_second() {
    let mut base = created();
    record(
        &mut base,
        "e2",
        110,
        link(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    let mut a = base.clone();
    record(
        &mut a,
        "a1",
        200,
        unlink(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    let mut b = base.clone();
    record(
        &mut b,
        "b1",
        210,
        unlink(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    let mut union = a.events().to_vec();
    union.extend(b.events().iter().cloned());
    let merged = Ticket::replay(base.id().clone(), union).unwrap();
    assert!(merged.state().links.is_empty());
    let superseded: Vec<_> = merged
        .timeline()
        .filter(|e| e.superseded)
        .map(|e| e.event.id.as_str())
        .collect();
    assert_eq!(superseded, ["b1"]);
}

#[test]
fn watchers_are_sorted_unique_and_already_in_effect_is_detected() {
    let mut t = created();
    for (n, who) in ["cy@example.com", "ana@example.com", "cy@example.com"]
        .iter()
        .enumerate()
    {
        record(
            &mut t,
            &format!("w{n}"),
            110,
            Action::Watch {
                who: who.to_string(),
            },
        )
        .unwrap();
    }
    assert_eq!(t.state().watchers, ["ana@example.com", "cy@example.com"]);
    assert!(t.already_in_effect(&Action::Watch {
        who: "cy@example.com".into()
    }));
    assert!(!t.already_in_effect(&Action::Watch {
        who: "bo@example.com".into()
    }));
    record(
        &mut t,
        "e9",
        120,
        link(LinkRelation::Blocks, "zzzz000000000000"),
    )
    .unwrap();
    assert!(t.already_in_effect(&link(LinkRelation::Blocks, "zzzz000000000000")));
    assert!(!t.already_in_effect(&link(LinkRelation::Relates, "zzzz000000000000")));
    assert!(!t.already_in_effect(&unlink(LinkRelation::Blocks, "zzzz000000000000")));
    assert!(!t.already_in_effect(&Action::Start));
}

#[test]
fn attaching_a_name_again_replaces_its_entry() {
    let mut t = created();
    let attach = |name: &str, size| Action::Attach {
        name: name.into(),
        size,
    };
    record(&mut t, "e2", 110, attach("trace.log", 10)).unwrap();
    t.record(event("e3", 0, 120, ANA, attach("screen.png", 2048)))
        .unwrap();
    record(&mut t, "e4", 130, attach("trace.log", 99)).unwrap();
    let names: Vec<_> = t
        .state()
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.size, a.by.as_str(), a.at.unix()))
        .collect();
    assert_eq!(
        names,
        [("screen.png", 2048, ANA, 120), ("trace.log", 99, BO, 130)]
    );
}

#[test]
fn actions_towards_turns_edited_links_and_watchers_into_events() {
    let mut t = created();
    record(
        &mut t,
        "e2",
        110,
        link(LinkRelation::Relates, "zzzz000000000000"),
    )
    .unwrap();
    record(
        &mut t,
        "e3",
        110,
        Action::Watch {
            who: "ana@example.com".into(),
        },
    )
    .unwrap();
    let mut target = t.state().clone();
    target.links = vec![Link {
        relation: LinkRelation::Duplicates,
        target: id("pppp000000000000"),
    }];
    target.watchers = vec!["bo@example.com".into()];
    let actions = t.actions_towards(&target);
    assert_eq!(
        actions,
        [
            link(LinkRelation::Duplicates, "pppp000000000000"),
            unlink(LinkRelation::Relates, "zzzz000000000000"),
            Action::Watch {
                who: "bo@example.com".into()
            },
            Action::Unwatch {
                who: "ana@example.com".into()
            },
        ]
    );
    for (n, action) in actions.into_iter().enumerate() {
        record(&mut t, &format!("x{n}"), 200, action).unwrap();
    }
    target.updated = t.state().updated;
    assert_eq!(t.state(), &target);
}
