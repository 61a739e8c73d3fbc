//! Properties of the tree merge on generated histories: two clones change
//! the same base with tk's own writes (comments, new tickets, the same new
//! id on both sides, `tk.toml` keys) and with plain git (a ticket file
//! deleted, or replaced by text tk cannot read), and the merge must not
//! depend on which clone runs it, must keep every event and every blob of
//! both sides, and must change nothing when merged again.

use super::{merge, Side};
use crate::codec;
use crate::model::{Action, Changes, Event, EventId, Ticket, TicketId, Timestamp};
use crate::store::{Identities, Identity, Store, DEFAULT_REF};
use crate::team::TeamConfig;
use git2::{Commit, ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// One change a clone makes.
#[derive(Clone, Debug)]
enum Op {
    /// A comment on base ticket `n` (modulo their count).
    Comment(usize),
    /// A new ticket; `shared` gives it the same id on both sides.
    New { shared: bool },
    /// A category added to `tk.toml`.
    Category(u8),
    /// Base ticket `n`'s file removed with plain git.
    Delete(usize),
    /// Base ticket `n`'s file replaced with plain git by text tk refuses.
    Garble(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..8usize).prop_map(Op::Comment),
        2 => any::<bool>().prop_map(|shared| Op::New { shared }),
        1 => (0..4u8).prop_map(Op::Category),
        1 => (0..8usize).prop_map(Op::Delete),
        1 => (0..8usize).prop_map(Op::Garble),
    ]
}

struct Clone {
    _dir: tempfile::TempDir,
    store: Store,
    who: Identities,
}

fn clone() -> Clone {
    let dir = tempfile::tempdir().expect("a temp dir");
    Repository::init(dir.path()).expect("git init");
    let store = Store::discover(dir.path()).expect("a store");
    let person = Identity {
        name: "Ana".into(),
        email: "ana@example.com".into(),
    };
    Clone {
        _dir: dir,
        store,
        who: Identities {
            author: person.clone(),
            committer: person,
        },
    }
}

fn event(id: String, at: i64, action: Action) -> Event {
    Event {
        id: EventId::parse(&id).expect("a valid event id"),
        clock: 0,
        at: Timestamp::from_unix(at),
        by: "Ana <ana@example.com>".into(),
        action,
    }
}

fn ticket(id: &TicketId, event_id: String, title: &str, at: i64) -> Ticket {
    let create = event(
        event_id,
        at,
        Action::Create(Changes {
            title: Some(title.into()),
            ..Changes::default()
        }),
    );
    Ticket::create(id.clone(), create).expect("a create replays")
}

fn tip(c: &Clone) -> Oid {
    c.store.repo.refname_to_id(DEFAULT_REF).expect("the ref")
}

fn set_tip(c: &Clone, id: Oid) {
    c.store
        .repo
        .reference(DEFAULT_REF, id, true, "test")
        .expect("the ref moves");
}

/// Commits the tip's tree with `path` removed, or replaced by `bytes`, as
/// someone using plain git would.
fn hand_edit(c: &Clone, path: &str, bytes: Option<&[u8]>) {
    let repo = &c.store.repo;
    let parent = repo.find_commit(tip(c)).expect("the tip");
    let tree = parent.tree().expect("its tree");
    if tree.get_path(std::path::Path::new(path)).is_err() {
        return;
    }
    let mut update = git2::build::TreeUpdateBuilder::new();
    match bytes {
        Some(bytes) => {
            let blob = repo.blob(bytes).expect("a blob");
            update.upsert(path, blob, git2::FileMode::Blob);
        }
        None => {
            update.remove(path);
        }
    }
    let new = update.create_updated(repo, &tree).expect("a tree");
    let new = repo.find_tree(new).expect("the tree");
    let who = git2::Signature::new("Bo", "bo@example.com", &git2::Time::new(1_000, 0))
        .expect("a signature");
    let commit = repo
        .commit(None, &who, &who, "hand edit", &new, &[&parent])
        .expect("a commit");
    set_tip(c, commit);
}

/// Applies `ops` as clone `side` (`a` or `b`) from the current tip.
fn apply(c: &Clone, side: char, base: &[TicketId], ops: &[Op]) {
    for (n, op) in ops.iter().enumerate() {
        let at = 2_000 + n as i64;
        let now = Timestamp::from_unix(at);
        match op {
            Op::Comment(i) => {
                let id = &base[i % base.len()];
                let comment = event(
                    format!("{side}c{n}"),
                    at,
                    Action::Comment {
                        body: format!("from {side}, step {n}"),
                        internal: false,
                    },
                );
                // A ticket deleted or garbled on this side takes no comment.
                let _ = c.store.update(id.as_str(), &c.who, now, "comment", |t| {
                    t.record(comment.clone())?;
                    Ok(true)
                });
            }
            Op::New { shared } => {
                let seed = if *shared {
                    format!("shared{n}")
                } else {
                    format!("{side}{n}")
                };
                let id = TicketId::derived_from(seed.as_bytes());
                let made = ticket(&id, format!("{side}n{n}"), &format!("new on {side}"), at);
                let _ = c.store.create(&c.who, now, made);
            }
            Op::Category(k) => {
                c.store
                    .write_config(&c.who, now, "config", |text| {
                        let mut config = TeamConfig::parse(text).expect("tk.toml parses");
                        let name = format!("{side}-category-{k}");
                        if !config.categories.contains(&name) {
                            config.categories.push(name);
                        }
                        Ok::<_, crate::store::Error>(Some(config.to_toml()))
                    })
                    .expect("tk.toml changes");
            }
            Op::Delete(i) => hand_edit(c, &codec::ticket_path(&base[i % base.len()]), None),
            Op::Garble(i) => hand_edit(
                c,
                &codec::ticket_path(&base[i % base.len()]),
                Some(format!("garbled by {side} at {n}\n[[[").as_bytes()),
            ),
        }
    }
}

/// Returns every blob id in the tree of `commit`, and every event id of the
/// tickets in it that decode.
fn contents(repo: &Repository, tree: Oid) -> (BTreeSet<Oid>, BTreeSet<String>) {
    let tree = repo.find_tree(tree).expect("the tree");
    let mut blobs = BTreeSet::new();
    let mut events = BTreeSet::new();
    tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
        if entry.kind() == Some(ObjectType::Blob) {
            blobs.insert(entry.id());
            if dir.starts_with("tickets/") {
                let blob = repo.find_blob(entry.id()).expect("the blob");
                if let Ok(file) = std::str::from_utf8(blob.content())
                    .map_err(|_| ())
                    .and_then(|text| codec::decode(text).map_err(|_| ()))
                {
                    events.extend(file.ticket.events().iter().map(|e| e.id.to_string()));
                }
            }
        }
        TreeWalkResult::Ok
    })
    .expect("the walk");
    (blobs, events)
}

fn merged(c: &Clone, base: Oid, ours: Oid, theirs: Oid) -> Oid {
    let repo = &c.store.repo;
    let base = repo.find_commit(base).expect("base").tree().expect("tree");
    let (o, t): (Commit<'_>, Commit<'_>) = (
        repo.find_commit(ours).expect("ours"),
        repo.find_commit(theirs).expect("theirs"),
    );
    let merged = merge(&c.store, Some(&base), Side { tip: &o }, Side { tip: &t })
        .expect("the merge succeeds");
    merged
        .fresh
        .store_all(repo)
        .expect("can store the merged objects");
    merged.tree
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn a_merge_keeps_everything_and_does_not_depend_on_who_merges(
        count in 1..5usize,
        ours_ops in proptest::collection::vec(op(), 0..6),
        theirs_ops in proptest::collection::vec(op(), 0..6),
    ) {
        let c = clone();
        let base_ids: Vec<TicketId> = (0..count)
            .map(|n| TicketId::derived_from(format!("base{n}").as_bytes()))
            .collect();
        for (n, id) in base_ids.iter().enumerate() {
            let t = ticket(id, format!("base{n}"), &format!("base ticket {n}"), 1_000);
            c.store.create(&c.who, Timestamp::from_unix(1_000), t).expect("created");
        }
        let base = tip(&c);
        apply(&c, 'a', &base_ids, &ours_ops);
        let ours = tip(&c);
        set_tip(&c, base);
        apply(&c, 'b', &base_ids, &theirs_ops);
        let theirs = tip(&c);

        let one = merged(&c, base, ours, theirs);
        let two = merged(&c, base, theirs, ours);
        prop_assert_eq!(one, two, "the merged tree depends on who merges");

        let repo = &c.store.repo;
        let tree_of = |commit: Oid| repo.find_commit(commit).expect("commit").tree_id();
        let (blobs, events) = contents(repo, one);
        for side in [ours, theirs] {
            let (side_blobs, side_events) = contents(repo, tree_of(side));
            for event in &side_events {
                prop_assert!(events.contains(event), "the merge lost event {}", event);
            }
            // Every file of either side that is not a ticket tk reads (a
            // garbled file, tk.toml aside, which merges per key) is kept
            // byte for byte.
            let config = repo
                .find_commit(side)
                .expect("commit")
                .tree()
                .expect("tree")
                .get_name(crate::store::CONFIG_FILE)
                .map(|e| e.id());
            for blob in side_blobs {
                let text = repo.find_blob(blob).expect("blob").content().to_vec();
                let readable = std::str::from_utf8(&text)
                    .ok()
                    .is_some_and(|t| codec::decode(t).is_ok());
                if !readable && Some(blob) != config {
                    prop_assert!(blobs.contains(&blob), "the merge lost a file of one side");
                }
            }
        }

        // Merging the result with either side again changes nothing.
        let who = git2::Signature::new("Cy", "cy@example.com", &git2::Time::new(3_000, 0))
            .expect("a signature");
        let result = repo
            .commit(
                None,
                &who,
                &who,
                "merge",
                &repo.find_tree(one).expect("tree"),
                &[
                    &repo.find_commit(ours).expect("ours"),
                    &repo.find_commit(theirs).expect("theirs"),
                ],
            )
            .expect("a commit");
        for side in [ours, theirs] {
            prop_assert_eq!(merged(&c, side, result, side), one, "merging again changed the tree");
        }
    }
}
