//! `tk sync`: a bare remote and clones of it inside one `TestEnv`, each
//! clone its own repository with its own identity.

use crate::common::{json, TestEnv, TICKETS_REF};
use std::path::{Path, PathBuf};

const TRACKING_REF: &str = "refs/remotes/origin/tk/tickets";

/// Runs `tk sync --json` in `dir` and returns the report.
#[track_caller]
fn sync(env: &TestEnv, dir: &Path) -> json::Sync {
    env.tk_in(dir, ["sync", "--json"]).json()
}

/// Returns the tickets a sync reports, as `SyncChanges`.
fn changes(new: &[&str], updated: &[&str]) -> json::SyncChanges {
    let owned = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect();
    json::SyncChanges {
        new: owned(new),
        updated: owned(updated),
    }
}

/// Returns the parents of the tickets tip in `dir`.
fn parents(env: &TestEnv, dir: &Path) -> Vec<String> {
    let line = env.git_in(dir, ["rev-list", "--parents", "-n1", TICKETS_REF]);
    line.split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// Asserts that every clone and the bare remote hold the same tickets tree.
#[track_caller]
fn assert_converged(env: &TestEnv, clones: &[PathBuf]) {
    let remote = env.tree_in(&env.remote_dir());
    for dir in clones {
        assert_eq!(
            env.tree_in(dir),
            remote,
            "{} differs from the remote",
            dir.display()
        );
    }
}

#[test]
fn the_first_sync_pushes_and_another_clone_fast_forwards() {
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    let id = env.new_ticket_in(alice, "VPN drops", &[]);

    let report = sync(&env, alice);
    assert_eq!(report.remote, "origin");
    assert_eq!(report.outcome, "pushed");
    assert!(report.pushed);
    assert_eq!(report.commit.as_deref(), Some(env.tip_in(alice).as_str()));
    assert_eq!(report.incoming, changes(&[], &[]));
    assert_eq!(report.outgoing, changes(&[&id], &[]));
    assert!(report.notes.is_empty(), "{report:?}");
    assert_eq!(env.tip_in(&env.remote_dir()), env.tip_in(alice));
    // The push also moved the remote-tracking ref, as `git push` would.
    assert_eq!(
        env.ref_target_in(alice, TRACKING_REF),
        Some(env.tip_in(alice))
    );

    let report = sync(&env, bob);
    assert_eq!(report.outcome, "fast-forward");
    assert!(!report.pushed);
    assert_eq!(report.commit.as_deref(), Some(env.tip_in(alice).as_str()));
    assert_eq!(report.incoming, changes(&[&id], &[]));
    assert_eq!(report.outgoing, changes(&[], &[]));
    assert!(report.notes.is_empty(), "{report:?}");
    assert_eq!(env.tip_in(bob), env.tip_in(alice));
    let shown: json::Shown = env.tk_in(bob, ["show", &id, "--json"]).json();
    assert_eq!(shown.title, "VPN drops");
    assert_eq!(shown.requester.unwrap().email, "alice@example.com");
}

#[test]
fn the_human_report_says_what_moved() {
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    env.new_ticket_in(alice, "VPN drops", &[]);
    env.new_ticket_in(alice, "Printer jams", &[]);
    insta::assert_snapshot!(env.tk_in(alice, ["sync"]), @"
    ------- stderr -------
    Synced with origin: tickets in: nothing; out: 2 new.
    [exit status: 0]
    ");
    insta::assert_snapshot!(env.tk_in(bob, ["sync"]), @"
    ------- stderr -------
    Synced with origin: tickets in: 2 new; out: nothing.
    [exit status: 0]
    ");
    insta::assert_snapshot!(env.tk_in(bob, ["sync"]), @"
    ------- stderr -------
    Synced with origin: already up to date.
    [exit status: 0]
    ");
}

#[test]
fn a_sync_with_nothing_to_do_makes_no_commit() {
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    env.new_ticket_in(alice, "VPN drops", &[]);
    sync(&env, alice);
    sync(&env, bob);
    for dir in [alice, bob] {
        let tip = env.tip_in(dir);
        let count = env.git_in(dir, ["rev-list", "--count", TICKETS_REF]);
        let report = sync(&env, dir);
        assert_eq!(report.outcome, "up-to-date");
        assert!(!report.pushed);
        assert_eq!(report.commit.as_deref(), Some(tip.as_str()));
        assert_eq!(report.incoming, changes(&[], &[]));
        assert_eq!(report.outgoing, changes(&[], &[]));
        assert_eq!(env.tip_in(dir), tip, "the ref did not move");
        assert_eq!(env.git_in(dir, ["rev-list", "--count", TICKETS_REF]), count);
        assert_eq!(env.tip_in(&env.remote_dir()), tip);
    }
}

#[test]
fn when_both_sides_moved_sync_makes_a_merge_commit_with_two_parents() {
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    let shared = env.new_ticket_in(alice, "VPN drops", &[]);
    sync(&env, alice);
    sync(&env, bob);

    env.tk_in(alice, ["comment", &shared, "-m", "Rebooted the router."])
        .success();
    let mine = env.new_ticket_in(bob, "Printer jams", &[]);
    let report = sync(&env, alice);
    assert_eq!(report.outcome, "pushed");
    assert_eq!(report.outgoing, changes(&[], &[&shared]));
    let alice_tip = env.tip_in(alice);
    let bob_before = env.tip_in(bob);

    let report = sync(&env, bob);
    assert_eq!(report.outcome, "merged");
    assert!(report.pushed);
    assert_eq!(report.incoming, changes(&[], &[&shared]));
    assert_eq!(report.outgoing, changes(&[&mine], &[]));
    assert!(report.notes.is_empty(), "{report:?}");
    let merge = env.tip_in(bob);
    assert_eq!(report.commit.as_deref(), Some(merge.as_str()));
    // Ours first, then theirs, as `git merge` orders them.
    assert_eq!(parents(&env, bob), [bob_before, alice_tip]);
    assert_eq!(env.tip_in(&env.remote_dir()), merge);
    insta::assert_snapshot!(
        env.git_in(bob, ["log", "-1", "--format=%an <%ae>%n%B", TICKETS_REF]),
        @"
    Bob <bob@example.com>
    tk: sync with origin

    Tk-Action: sync
    ");

    let report = sync(&env, alice);
    assert_eq!(report.outcome, "fast-forward");
    assert_eq!(report.incoming, changes(&[&mine], &[]));
    assert_eq!(env.tip_in(alice), merge);
    assert_converged(&env, &clones);
}

#[test]
fn concurrent_edits_of_one_ticket_merge_and_the_loser_is_superseded() {
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    let id = env.new_ticket_in(alice, "VPN drops", &[]);
    sync(&env, alice);
    sync(&env, bob);

    // Both offline. Alice resolves first (earlier time, same logical
    // clock), so Bob's later `wait` lands on a resolved ticket in the
    // merged order and is superseded.
    env.tk_in(alice, ["comment", &id, "-m", "Rebooted the router."])
        .success();
    env.tk_in(bob, ["comment", &id, "-m", "Same on floor 2."])
        .success();
    env.tk_in(alice, ["resolve", &id, "-m", "Replaced the router."])
        .success();
    env.tk_in(bob, ["wait", &id, "-m", "Asked the user for logs."])
        .success();

    assert_eq!(sync(&env, alice).outcome, "pushed");
    let report = sync(&env, bob);
    assert_eq!(report.outcome, "merged");
    assert_eq!(report.incoming, changes(&[], &[&id]));
    assert_eq!(report.outgoing, changes(&[], &[&id]));
    assert_eq!(sync(&env, alice).outcome, "fast-forward");
    assert_converged(&env, &clones);

    for dir in [alice, bob] {
        let shown: json::Shown = env.tk_in(dir, ["show", &id, "--json"]).json();
        assert_eq!(shown.status, "resolved");
        assert_eq!(shown.resolution.unwrap().summary, "Replaced the router.");
        let bodies: Vec<&str> = shown.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["Rebooted the router.", "Same on floor 2."]);
        let flags: Vec<(&str, bool)> = shown
            .events
            .iter()
            .map(|e| (e.action.as_str(), e.superseded))
            .collect();
        assert_eq!(
            flags,
            [
                ("create", false),
                ("comment", false),
                ("comment", false),
                ("resolve", false),
                ("wait", true),
            ]
        );
    }
    insta::assert_snapshot!(env.tk_in(bob, ["show", &id, "--timeline"]), @"
    tzsp6d6  VPN drops
    Id:         tzsp6d65r8gysczp
    Status:     resolved
    Priority:   medium (impact medium, urgency medium)
    Type:       incident
    Requester:  Alice <alice@example.com>
    Assignee:   -
    Created:    2026-03-02 09:01 (12m ago)
    Updated:    2026-03-02 09:07
    Responded:  2026-03-02 09:05
    Response:   due 2026-03-02 13:01 (met 2026-03-02 09:05)
    Resolution: due 2026-03-05 09:01 (met 2026-03-02 09:06)

    Resolution by Alice <alice@example.com>, 2026-03-02 09:06:
        Replaced the router.

    Comments (2)

      Alice <alice@example.com> 2026-03-02 09:04
        Rebooted the router.

      Bob <bob@example.com> 2026-03-02 09:05
        Same on floor 2.

    Timeline
        1  2026-03-02 09:01  Alice <alice@example.com>  created title=VPN drops priority=medium requester=Alice <alice@example.com>
        2  2026-03-02 09:04  Alice <alice@example.com>  commented: Rebooted the router.
        2  2026-03-02 09:05  Bob <bob@example.com>  commented: Same on floor 2.
        3  2026-03-02 09:06  Alice <alice@example.com>  resolved: Replaced the router.
        3  2026-03-02 09:07  Bob <bob@example.com>  waiting: Asked the user for logs.  (superseded)
    [exit status: 0]
    ");
}
