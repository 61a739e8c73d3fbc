//! Attachments through git: written with their events in one commit, and
//! kept from both sides by a sync merge.

use super::super::{Identities, Identity, Integration, Remote, Store, DEFAULT_REF};
use crate::codec;
use crate::model::{Action, Changes, Event, EventId, Ticket, TicketId, Timestamp};
use git2::{Oid, Repository};

struct Repo {
    _dir: tempfile::TempDir,
    store: Store,
    who: Identities,
}

fn repo() -> Repo {
    let dir = tempfile::tempdir().unwrap();
    Repository::init(dir.path()).unwrap();
    let store = Store::discover(dir.path()).unwrap();
    let person = Identity {
        name: "Ana".into(),
        email: "ana@example.com".into(),
    };
    let who = Identities {
        author: person.clone(),
        committer: person,
    };
    Repo {
        _dir: dir,
        store,
        who,
    }
}

fn event(id: &str, at: i64, action: Action) -> Event {
    Event {
        id: EventId::parse(id).unwrap(),
        clock: 0,
        at: Timestamp::from_unix(at),
        by: "Ana <ana@example.com>".into(),
        action,
    }
}

const ID: &str = "abcd000000000000";

fn with_ticket() -> Repo {
    let r = repo();
    let create = event(
        "e0",
        100,
        Action::Create(Changes {
            title: Some("Printer".into()),
            ..Changes::default()
        }),
    );
    let ticket = Ticket::create(TicketId::parse(ID).unwrap(), create).unwrap();
    r.store
        .create(&r.who, Timestamp::from_unix(100), ticket)
        .unwrap();
    r
}

/// Attaches `name` with `bytes` as event `event_id` at time `at`.
fn attach(r: &Repo, event_id: &str, at: i64, name: &str, bytes: &[u8]) -> Option<String> {
    let id = TicketId::parse(ID).unwrap();
    let files = vec![(codec::attachment_path(&id, name), bytes.to_vec())];
    let action = Action::Attach {
        name: name.into(),
        size: bytes.len() as u64,
    };
    let written = r
        .store
        .update_with_files(
            "abcd",
            &r.who,
            Timestamp::from_unix(at),
            "attach",
            &files,
            |ticket| {
                ticket.record(event(event_id, at, action.clone()))?;
                Ok(true)
            },
        )
        .unwrap();
    written.commit
}

fn tip(r: &Repo) -> Oid {
    r.store.repo.refname_to_id(DEFAULT_REF).unwrap()
}

fn set_ref(r: &Repo, name: &str, id: Oid) {
    r.store.repo.reference(name, id, true, "test").unwrap();
}

#[test]
fn attach_commits_bytes_and_event_together() {
    let r = with_ticket();
    let before = tip(&r);
    let bytes = b"\x00\x01binary\xff\n".to_vec();
    let commit = attach(&r, "a1", 200, "dump.bin", &bytes).unwrap();
    assert_eq!(tip(&r).to_string(), commit);
    let commit = r.store.repo.find_commit(tip(&r)).unwrap();
    assert_eq!(commit.parent_id(0).unwrap(), before, "exactly one commit");
    let id = TicketId::parse(ID).unwrap();
    assert_eq!(r.store.attachment(&id, "dump.bin").unwrap(), Some(bytes));
    assert_eq!(r.store.attachment(&id, "other").unwrap(), None);
    let loaded = r.store.find("abcd").unwrap();
    let info = &loaded.ticket.state().attachments;
    assert_eq!(info.len(), 1);
    assert_eq!((info[0].name.as_str(), info[0].size), ("dump.bin", 10));
}

#[test]
fn refused_change_writes_nothing_and_paths_stay_under_attachments() {
    let r = with_ticket();
    let before = tip(&r);
    let files = vec![("tickets/ab/evil.toml".to_string(), b"x".to_vec())];
    let err = r
        .store
        .update_with_files(
            "abcd",
            &r.who,
            Timestamp::from_unix(1),
            "attach",
            &files,
            |_| Ok(true),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "tk does not write tickets/ab/evil.toml (only files under attachments/)"
    );
    for bad in ["attachments/../tk.toml", "attachments//x", "attachments"] {
        let files = vec![(bad.to_string(), b"x".to_vec())];
        assert!(r
            .store
            .update_with_files(
                "abcd",
                &r.who,
                Timestamp::from_unix(1),
                "x",
                &files,
                |_| Ok(true)
            )
            .is_err());
    }
    let files = vec![("attachments/abcd000000000000/x".to_string(), b"x".to_vec())];
    let err = r
        .store
        .update_with_files("abcd", &r.who, Timestamp::from_unix(1), "x", &files, |t| {
            t.record(event("x1", 1, Action::Unassign))?;
            Ok(true)
        })
        .unwrap_err();
    assert!(err.to_string().contains("cannot unassign"), "{err}");
    assert_eq!(tip(&r), before, "nothing committed");
}

#[test]
fn config_text_reads_tk_toml_at_the_tip() {
    let r = repo();
    assert_eq!(r.store.config_text().unwrap(), None);
    r.store.init(&r.who, Timestamp::from_unix(1)).unwrap();
    assert!(r
        .store
        .config_text()
        .unwrap()
        .unwrap()
        .contains("schema = 1"));
}

/// Two clones attach to the same ticket offline: a sync merge keeps every
/// file, and one name attached on both sides keeps the later bytes, the
/// ones the merged state describes.
#[test]
fn merge_keeps_both_sides_attachments() {
    let r = with_ticket();
    let base = tip(&r);
    attach(&r, "a1", 200, "ours.txt", b"ours");
    attach(&r, "a2", 210, "same.txt", b"ours, earlier");
    let theirs_tip = {
        let ours_tip = tip(&r);
        set_ref(&r, DEFAULT_REF, base);
        attach(&r, "b1", 205, "theirs.log", b"theirs");
        attach(&r, "b2", 300, "same.txt", b"theirs wins");
        let theirs = tip(&r);
        set_ref(&r, DEFAULT_REF, ours_tip);
        theirs
    };
    let tracking = "refs/remotes/origin/tk/tickets";
    set_ref(&r, tracking, theirs_tip);
    let remote = Remote {
        name: "origin".into(),
        tracking_ref: tracking.into(),
    };
    let outcome = r
        .store
        .integrate(&remote, &r.who, Timestamp::from_unix(400))
        .unwrap();
    let Integration::Merged { notes } = outcome else {
        panic!("expected a merge, got {outcome:?}");
    };
    assert_eq!(
        notes,
        ["attachments/abcd000000000000/same.txt was attached on both sides; kept the later attachment"]
    );
    let id = TicketId::parse(ID).unwrap();
    let get = |name| r.store.attachment(&id, name).unwrap();
    assert_eq!(get("ours.txt").as_deref(), Some(&b"ours"[..]));
    assert_eq!(get("theirs.log").as_deref(), Some(&b"theirs"[..]));
    assert_eq!(get("same.txt").as_deref(), Some(&b"theirs wins"[..]));
    let state = r.store.find("abcd").unwrap().ticket.state().clone();
    let listed: Vec<_> = state
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.size))
        .collect();
    assert_eq!(
        listed,
        [("ours.txt", 4), ("same.txt", 11), ("theirs.log", 6)]
    );
}

/// The merged tree does not depend on which clone merges: both keep the
/// bytes of the attachment that replays last.
#[test]
fn merged_attachments_are_the_same_from_either_side() {
    use super::super::tree_merge::{merge, Side};
    let r = with_ticket();
    let base = tip(&r);
    attach(&r, "a1", 500, "same.txt", b"ours is later");
    let ours = tip(&r);
    set_ref(&r, DEFAULT_REF, base);
    attach(&r, "b1", 300, "same.txt", b"theirs");
    attach(&r, "b2", 310, "extra.txt", b"extra");
    let theirs = tip(&r);
    let repo = &r.store.repo;
    let (o, t) = (
        repo.find_commit(ours).unwrap(),
        repo.find_commit(theirs).unwrap(),
    );
    let base_tree = repo.find_commit(base).unwrap().tree().unwrap();
    let one = merge(
        &r.store,
        Some(&base_tree),
        Side { tip: &o },
        Side { tip: &t },
    )
    .unwrap();
    let two = merge(
        &r.store,
        Some(&base_tree),
        Side { tip: &t },
        Side { tip: &o },
    )
    .unwrap();
    assert_eq!(one.tree, two.tree);
    one.fresh.store_all(repo).unwrap();
    let tree = repo.find_tree(one.tree).unwrap();
    let entry = tree
        .get_path(std::path::Path::new(
            "attachments/abcd000000000000/same.txt",
        ))
        .unwrap();
    let blob = repo.find_blob(entry.id()).unwrap();
    assert_eq!(blob.content(), b"ours is later");
    assert!(tree
        .get_path(std::path::Path::new(
            "attachments/abcd000000000000/extra.txt"
        ))
        .is_ok());
}
