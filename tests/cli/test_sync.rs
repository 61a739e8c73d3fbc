//! `tk sync`: a bare remote and clones of it inside one `TestEnv`, each
//! clone its own repository with its own identity.

use crate::common::{json, Pair, TestEnv, TestWorkDir, TICKETS_REF};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const TRACKING_REF: &str = "refs/remotes/origin/tk/tickets";

/// Runs `tk sync --json` in `dir` and returns the report.
#[track_caller]
fn sync(dir: &TestWorkDir) -> json::Sync {
    dir.tk(["sync", "--json"]).json()
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
fn parents(dir: &TestWorkDir) -> Vec<String> {
    let line = dir.git(["rev-list", "--parents", "-n1", TICKETS_REF]);
    line.split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// Asserts that every clone and the bare remote hold the same tickets tree.
#[track_caller]
fn assert_converged<'a>(env: &TestEnv, clones: impl IntoIterator<Item = &'a TestWorkDir>) {
    let remote = env.remote().tree();
    for dir in clones {
        assert_eq!(
            dir.tree(),
            remote,
            "{} differs from the remote",
            dir.path().display()
        );
    }
}

#[test]
fn the_first_sync_pushes_and_another_clone_fast_forwards() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);

    let report = sync(alice);
    assert_eq!(report.remote, "origin");
    assert_eq!(report.outcome, "pushed");
    assert!(report.pushed);
    assert_eq!(report.commit.as_deref(), Some(alice.tip().as_str()));
    assert_eq!(report.incoming, changes(&[], &[]));
    assert_eq!(report.outgoing, changes(&[&id], &[]));
    assert!(report.notes.is_empty(), "{report:?}");
    assert_eq!(env.remote().tip(), alice.tip());
    // The push also moved the remote-tracking ref, as `git push` would.
    assert_eq!(alice.ref_target(TRACKING_REF), Some(alice.tip()));

    let report = sync(bob);
    assert_eq!(report.outcome, "fast-forward");
    assert!(!report.pushed);
    assert_eq!(report.commit.as_deref(), Some(alice.tip().as_str()));
    assert_eq!(report.incoming, changes(&[&id], &[]));
    assert_eq!(report.outgoing, changes(&[], &[]));
    assert!(report.notes.is_empty(), "{report:?}");
    assert_eq!(bob.tip(), alice.tip());
    let shown: json::Shown = bob.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.title, "VPN drops");
    assert_eq!(shown.requester.unwrap().email, "alice@example.com");
}

#[test]
fn the_human_report_says_what_moved() {
    let Pair { alice, bob, .. } = &TestEnv::alice_and_bob();
    alice.new_ticket("VPN drops", &[]);
    alice.new_ticket("Printer jams", &[]);
    insta::assert_snapshot!(alice.tk(["sync"]), @"
    ------- stderr -------
    Synced with origin: tickets in: nothing; out: 2 new.
    [exit status: 0]
    ");
    insta::assert_snapshot!(bob.tk(["sync"]), @"
    ------- stderr -------
    Synced with origin: tickets in: 2 new; out: nothing.
    [exit status: 0]
    ");
    insta::assert_snapshot!(bob.tk(["sync"]), @"
    ------- stderr -------
    Synced with origin: already up to date.
    [exit status: 0]
    ");
}

#[test]
fn a_sync_with_nothing_to_do_makes_no_commit() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    for dir in [alice, bob] {
        let tip = dir.tip();
        let count = dir.git(["rev-list", "--count", TICKETS_REF]);
        let report = sync(dir);
        assert_eq!(report.outcome, "up-to-date");
        assert!(!report.pushed);
        assert_eq!(report.commit.as_deref(), Some(tip.as_str()));
        assert_eq!(report.incoming, changes(&[], &[]));
        assert_eq!(report.outgoing, changes(&[], &[]));
        assert_eq!(dir.tip(), tip, "the ref did not move");
        assert_eq!(dir.git(["rev-list", "--count", TICKETS_REF]), count);
        assert_eq!(env.remote().tip(), tip);
    }
}

#[test]
fn when_both_sides_moved_sync_makes_a_merge_commit_with_two_parents() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let shared = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);

    alice
        .tk(["comment", &shared, "-m", "Rebooted the router."])
        .success();
    let mine = bob.new_ticket("Printer jams", &[]);
    let report = sync(alice);
    assert_eq!(report.outcome, "pushed");
    assert_eq!(report.outgoing, changes(&[], &[&shared]));
    let alice_tip = alice.tip();
    let bob_before = bob.tip();

    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert!(report.pushed);
    assert_eq!(report.incoming, changes(&[], &[&shared]));
    assert_eq!(report.outgoing, changes(&[&mine], &[]));
    assert!(report.notes.is_empty(), "{report:?}");
    let merge = bob.tip();
    assert_eq!(report.commit.as_deref(), Some(merge.as_str()));
    // Ours first, then theirs, as `git merge` orders them.
    assert_eq!(parents(bob), [bob_before, alice_tip]);
    assert_eq!(env.remote().tip(), merge);
    insta::assert_snapshot!(
        bob.git(["log", "-1", "--format=%an <%ae>%n%B", TICKETS_REF]),
        @"
    Bob <bob@example.com>
    tk: sync with origin

    Tk-Action: sync
    ");

    let report = sync(alice);
    assert_eq!(report.outcome, "fast-forward");
    assert_eq!(report.incoming, changes(&[&mine], &[]));
    assert_eq!(alice.tip(), merge);
    assert_converged(env, [alice, bob]);
}

#[test]
fn concurrent_edits_of_one_ticket_merge_and_the_loser_is_superseded() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);

    // Both offline. Alice resolves first (earlier time, same logical
    // clock), so Bob's later `wait` lands on a resolved ticket in the
    // merged order and is superseded.
    alice
        .tk(["comment", &id, "-m", "Rebooted the router."])
        .success();
    bob.tk(["comment", &id, "-m", "Same on floor 2."]).success();
    alice
        .tk(["resolve", &id, "-m", "Replaced the router."])
        .success();
    bob.tk(["wait", &id, "-m", "Asked the user for logs."])
        .success();

    assert_eq!(sync(alice).outcome, "pushed");
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert_eq!(report.incoming, changes(&[], &[&id]));
    assert_eq!(report.outgoing, changes(&[], &[&id]));
    assert_eq!(sync(alice).outcome, "fast-forward");
    assert_converged(env, [alice, bob]);

    for dir in [alice, bob] {
        let shown: json::Shown = dir.tk(["show", &id, "--json"]).json();
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
    insta::assert_snapshot!(bob.tk(["show", &id, "--timeline"]), @"
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

#[test]
fn a_plain_git_push_is_picked_up_and_check_counts_without_network() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let first = alice.new_ticket("VPN drops", &[]);
    alice.git(["push", "-q", "origin", "tk/tickets"]);
    let report = sync(bob);
    assert_eq!(report.outcome, "fast-forward");
    assert_eq!(report.incoming, changes(&[&first], &[]));
    assert_eq!(bob.tip(), alice.tip());

    alice.new_ticket("Printer jams", &[]);
    alice.tk(["comment", &first, "-m", "Rebooted."]).success();
    alice.git(["push", "-q", "origin", "tk/tickets"]);
    // A plain fetch fills the remote-tracking ref tk compares with.
    bob.git(["fetch", "-q", "origin"]);
    assert_eq!(bob.ref_target(TRACKING_REF), Some(alice.tip()));
    // --check never talks to the remote: it works with the remote gone.
    let remote = env.remote_dir();
    let away = env.root().join("remote-away.git");
    std::fs::rename(&remote, &away).unwrap();
    insta::assert_snapshot!(bob.tk(["sync", "--check"]), @"
    origin has 2 commits you do not have: run tk sync.
    [exit status: 0]
    ");
    let check: json::SyncCheck = bob.tk(["sync", "--check", "--json"]).json();
    assert_eq!(check.remote, "origin");
    assert_eq!(check.tracking_ref, TRACKING_REF);
    assert_eq!((check.ahead, check.behind), (0, 2));
    std::fs::rename(&away, &remote).unwrap();

    // And the other way round: local commits not yet pushed.
    let report = sync(bob);
    assert_eq!(report.outcome, "fast-forward");
    bob.tk(["comment", &first, "-m", "Works again."]).success();
    let check: json::SyncCheck = bob.tk(["sync", "--check", "--json"]).json();
    assert_eq!((check.ahead, check.behind), (1, 0));
    insta::assert_snapshot!(bob.tk(["sync", "--check"]), @"
    1 local commit not yet on origin: run tk sync.
    [exit status: 0]
    ");
    // Both moved: counted both ways.
    alice
        .tk(["comment", &first, "-m", "Still down here."])
        .success();
    alice.git(["push", "-q", "origin", "tk/tickets"]);
    bob.git(["fetch", "-q", "origin"]);
    let check: json::SyncCheck = bob.tk(["sync", "--check", "--json"]).json();
    assert_eq!((check.ahead, check.behind), (1, 1));
    insta::assert_snapshot!(bob.tk(["sync", "--check"]), @"
    1 local commit not on origin, and 1 there not here: run tk sync.
    [exit status: 0]
    ");
}

#[test]
fn an_unreachable_remote_fails_with_exit_6_and_changes_nothing() {
    let (env, alice) = &TestEnv::with_clone();
    alice.new_ticket("VPN drops", &[]);
    let missing = env.root().join("missing.git");
    alice.git(["remote", "set-url", "origin", missing.to_str().unwrap()]);
    let tip = alice.tip();
    let out = alice.tk(["sync"]);
    assert_eq!(out.status, 6, "{out}");
    assert!(out.stderr.contains("fatal:"), "git's own line: {out}");
    insta::assert_snapshot!(out, @"
    ------- stderr -------
    error: cannot reach origin: fatal: '$TEST_ENV/missing.git' does not appear to be a git repository; fatal: Could not read from remote repository.
    [exit status: 6]
    ");
    assert_eq!(alice.tip(), tip, "the local ref did not move");
    assert_eq!(alice.ref_target(TRACKING_REF), None);
}

#[test]
fn an_unknown_remote_name_fails_with_exit_6() {
    let (_env, alice) = &TestEnv::with_clone();
    alice.new_ticket("VPN drops", &[]);
    let tip = alice.tip();
    insta::assert_snapshot!(alice.tk(["sync", "upstream"]), @"
    ------- stderr -------
    error: no remote named `upstream` (see `git remote -v`)
    [exit status: 6]
    ");
    insta::assert_snapshot!(alice.tk(["sync", "upstream", "--check"]), @"
    ------- stderr -------
    error: no remote named `upstream` (see `git remote -v`)
    [exit status: 6]
    ");
    assert_eq!(alice.tip(), tip);
}

#[test]
fn no_remote_at_all_fails_with_exit_6_and_says_how_to_add_one() {
    let env = TestEnv::new();
    env.new_ticket("VPN drops", &[]);
    let tip = env.tip();
    let out = env.tk(["sync"]);
    assert_eq!(out.status, 6, "{out}");
    assert!(out.stderr.contains("git remote add origin URL"), "{out}");
    insta::assert_snapshot!(out, @"
    ------- stderr -------
    error: no remote to sync with: add one with `git remote add origin URL`, or name it: tk sync REMOTE
    [exit status: 6]
    ");
    assert_eq!(env.tk(["sync", "--check"]).status, 6);
    assert_eq!(env.tip(), tip);
}

#[test]
fn a_push_refused_by_the_host_keeps_the_local_merge_and_the_next_sync_pushes() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    alice.tk(["comment", &id, "-m", "Rebooted."]).success();
    sync(alice);
    bob.tk(["comment", &id, "-m", "Same here."]).success();
    let bob_before = bob.tip();
    let remote_tip = env.remote().tip();

    let hook = env.remote_dir().join("hooks").join("pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'tickets are frozen during the audit' >&2\nexit 1\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = bob.tk(["sync"]);
    assert_eq!(out.status, 6, "{out}");
    assert!(
        out.stderr.contains("tickets are frozen during the audit"),
        "the host's message: {out}"
    );
    insta::assert_snapshot!(out, @"
    ------- stderr -------
    error: origin refused the push: [remote rejected] (pre-receive hook declined); remote: tickets are frozen during the audit; error: failed to push some refs to '$TEST_ENV/remote.git'
    hint: your tickets are merged locally; the next `tk sync` pushes them
    [exit status: 6]
    ");
    let merge = bob.tip();
    assert_ne!(merge, bob_before, "the merge commit is kept locally");
    assert_eq!(parents(bob), [bob_before, remote_tip.clone()]);
    assert_eq!(env.remote().tip(), remote_tip, "the remote is unchanged");

    std::fs::remove_file(&hook).unwrap();
    let report = sync(bob);
    assert_eq!(report.outcome, "pushed");
    assert!(report.pushed);
    assert_eq!(bob.tip(), merge, "no second merge commit");
    assert_eq!(env.remote().tip(), merge);
    assert_eq!(sync(alice).outcome, "fast-forward");
    assert_converged(env, [alice, bob]);
}

#[test]
fn a_malformed_file_on_one_side_loses_to_the_good_version_and_is_named() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    alice.commit_with_git(
        &path,
        "schema = 1\ntitle = \"VPN drops\nstatus = \"new\"\n",
        ("Web Editor", "web@example.com"),
    );
    bob.tk(["comment", &id, "-m", "Rebooted the router."])
        .success();
    let good = bob.git(["show", &format!("{TICKETS_REF}:{path}")]);
    // Alice's push would take the readable ticket off the remote's tip:
    // her sync puts the readable version back and keeps hers beside it.
    let report = sync(alice);
    assert_eq!(report.outcome, "merged", "{report:?}");
    assert!(report.pushed);
    assert!(
        report.notes[0].starts_with(&format!("{path}: one side's new version cannot be read")),
        "the note names the file: {report:?}"
    );
    let beside = "tickets/tz/tzsp6d65r8gysczp.broken-1fa3c1e875e5.toml";
    assert!(report.notes[0].ends_with(&format!("{beside} until someone repairs it")));

    let out = bob.tk(["sync"]);
    assert_eq!(out.status, 0, "{out}");
    assert_eq!(
        bob.git(["show", &format!("{TICKETS_REF}:{path}")]),
        good,
        "the good version is kept as it is"
    );
    assert!(bob
        .git(["show", &format!("{TICKETS_REF}:{beside}")])
        .contains("title = \"VPN drops"));
    let report = sync(alice);
    assert_eq!(report.outcome, "fast-forward");
    assert_converged(env, [alice, bob]);
    let shown: json::Shown = alice.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.comments[0].body, "Rebooted the router.");
}

#[test]
fn a_malformed_file_is_named_in_the_json_notes() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    // This time the broken file is local and the good change comes in.
    alice
        .tk(["comment", &id, "-m", "Rebooted the router."])
        .success();
    sync(alice);
    bob.commit_with_git(&path, "not = [toml\n", ("Web Editor", "web@example.com"));
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert!(report.pushed);
    assert_eq!(report.notes.len(), 1, "{report:?}");
    assert!(
        report.notes[0].starts_with(&format!("{path}: ")),
        "{report:?}"
    );
    assert_eq!(
        bob.git(["show", &format!("{TICKETS_REF}:{path}")]),
        alice.git(["show", &format!("{TICKETS_REF}:{path}")]),
    );
    // The broken version stays beside the ticket; alice gets it too.
    sync(alice);
    assert_converged(env, [alice, bob]);
}

/// xorshift64: a tiny deterministic PRNG, so a failing run replays.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the random clones wrote, to check nothing was lost.
#[derive(Default)]
struct Written {
    tickets: usize,
    comments: Vec<String>,
    refused: usize,
}

/// Runs one random operation in clone `who` (at `dir`), on a ticket it
/// knows of; exit 5 (not allowed now) is fine, anything else fails.
fn random_op(
    env: &TestEnv,
    dir: &TestWorkDir,
    who: &str,
    rng: &mut XorShift,
    known: &mut Vec<String>,
    written: &mut Written,
) {
    let n = env.next_seed();
    let op = if known.is_empty() { 0 } else { rng.below(11) };
    if op == 0 {
        known.push(dir.new_ticket(&format!("Ticket {n} by {who}"), &[]));
        written.tickets += 1;
        return;
    }
    let id = rng.pick(known).clone();
    let body = format!("{who} comment {n}");
    let args: Vec<String> = match op {
        1 | 2 => vec!["comment".into(), id, "-m".into(), body.clone()],
        3 => {
            let to = rng.pick(&["me", "alice@example.com", "bob@example.com"]);
            vec!["assign".into(), id, to.to_string()]
        }
        4 => vec!["start".into(), id],
        5 => vec!["wait".into(), id, "-m".into(), format!("{who} waits {n}")],
        6 => vec![
            "resolve".into(),
            id,
            "-m".into(),
            format!("{who} fixed {n}"),
        ],
        7 => {
            let reason = rng.pick(&["duplicate", "cancelled", "wontfix"]);
            vec!["close".into(), id, "--reason".into(), reason.to_string()]
        }
        8 => vec![
            "reopen".into(),
            id,
            "-m".into(),
            format!("{who} reopens {n}"),
        ],
        9 => {
            let priority = rng.pick(&["low", "medium", "high", "critical"]);
            vec!["set".into(), id, format!("priority={priority}")]
        }
        _ => {
            let score = (1 + rng.below(5)).to_string();
            vec![
                "rate".into(),
                id,
                score,
                "--on-behalf".into(),
                "-m".into(),
                format!("{who} rates {n}"),
            ]
        }
    };
    let out = dir.tk(&args);
    match out.status {
        0 if args[0] == "comment" => written.comments.push(body),
        0 => {}
        5 => written.refused += 1,
        _ => panic!("tk {args:?} in {who} failed:\n{out}"),
    }
}

#[test]
fn three_clones_doing_random_work_offline_converge_and_lose_nothing() {
    let names = ["alice", "bob", "carol"];
    let (env, clones) = TestEnv::with_clones(&names);
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut known: Vec<Vec<String>> = vec![Vec::new(); clones.len()];
    let mut written = Written::default();
    let mut merges = 0;
    for _round in 0..3 {
        for _ in 0..5 {
            for (c, dir) in clones.iter().enumerate() {
                random_op(&env, dir, names[c], &mut rng, &mut known[c], &mut written);
            }
        }
        let mut order: Vec<usize> = (0..clones.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for c in order {
            let report = sync(&clones[c]);
            merges += usize::from(report.outcome == "merged");
            known[c].extend(report.incoming.new);
        }
    }
    // Everyone syncs until a whole pass changes nothing anywhere.
    let mut passes = 0;
    loop {
        passes += 1;
        assert!(passes <= 3, "still not quiescent after {passes} passes");
        let moved: Vec<bool> = clones
            .iter()
            .map(|dir| sync(dir).outcome != "up-to-date")
            .collect();
        if !moved.contains(&true) {
            break;
        }
    }
    assert_converged(&env, &clones);
    assert!(merges > 0, "the scenario merged concurrent work");

    let listed: Vec<json::Listed> = clones[0].tk(["list", "--all", "--json"]).json();
    assert_eq!(listed.len(), written.tickets);
    let mut found = Vec::new();
    for ticket in &listed {
        let shown: json::Shown = clones[2].tk(["show", &ticket.id, "--json"]).json();
        found.extend(shown.comments.into_iter().map(|c| c.body));
    }
    found.sort();
    written.comments.sort();
    assert!(!written.comments.is_empty());
    assert_eq!(found, written.comments, "every comment, once");
    eprintln!(
        "{} tickets, {} comments, {} refused, {merges} merges, {passes} final passes",
        written.tickets,
        written.comments.len(),
        written.refused
    );
}

/// A `git daemon` serving the env's root on a loopback port, killed when
/// dropped so a failing test leaves no server behind.
pub(crate) struct Daemon {
    child: std::process::Child,
    pub(crate) port: u16,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Returns the `git-daemon` binary, or why there is none.
///
/// The test runs the binary itself rather than `git daemon`: `git` runs
/// it as a child, so killing `git` would leave the server running. And
/// `git daemon --help` only shows the manual, which a machine without man
/// pages lacks even when the daemon is there.
pub(crate) fn git_daemon(env: &TestEnv) -> Result<PathBuf, String> {
    let exec_path = env.work_dir(env.root()).git(["--exec-path"]);
    let daemon = Path::new(exec_path.trim()).join("git-daemon");
    if daemon.is_file() {
        Ok(daemon)
    } else {
        Err(format!("no git-daemon in {}", exec_path.trim()))
    }
}

/// Starts `git daemon` on a free loopback port serving `base`, and waits
/// (bounded) until it accepts connections.
pub(crate) fn start_daemon(env: &TestEnv, binary: &Path, base: &Path) -> Daemon {
    use std::net::{TcpListener, TcpStream};
    use std::time::{Duration, Instant};
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("can bind a loopback port")
        .port();
    let base = base.to_str().expect("the temp dir path is UTF-8");
    let mut cmd = env.work_dir(env.root()).isolated_cmd(binary);
    cmd.args([
        "--reuseaddr",
        &format!("--base-path={base}"),
        "--export-all",
        "--enable=receive-pack",
        "--listen=127.0.0.1",
        &format!("--port={port}"),
        base,
    ]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let mut daemon = Daemon {
        child: cmd.spawn().expect("can start git daemon"),
        port,
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = daemon.child.try_wait().unwrap() {
            panic!("git daemon exited before listening on port {port}: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "git daemon did not accept connections on port {port} within 15 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    daemon
}

#[test]
fn clones_sync_through_git_daemon_on_loopback() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let binary = match git_daemon(env) {
        Ok(binary) => binary,
        Err(why) => {
            eprintln!("skipped: `git daemon` is not available on this machine ({why})");
            return;
        }
    };
    let daemon = start_daemon(env, &binary, env.root());
    let url = format!("git://127.0.0.1:{}/remote.git", daemon.port);
    for dir in [alice, bob] {
        dir.git(["remote", "set-url", "origin", &url]);
    }

    let first = alice.new_ticket("VPN drops", &[]);
    let report = sync(alice);
    assert_eq!(report.outcome, "pushed");
    assert_eq!(report.outgoing, changes(&[&first], &[]));
    // Bob worked offline too: his sync merges and pushes over the network.
    let second = bob.new_ticket("Printer jams", &[]);
    bob.tk(["comment", &second, "-m", "Tray 2."]).success();
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert!(report.pushed);
    assert_eq!(report.incoming, changes(&[&first], &[]));
    assert_eq!(report.outgoing, changes(&[&second], &[]));
    let report = sync(alice);
    assert_eq!(report.outcome, "fast-forward");
    assert_eq!(report.incoming, changes(&[&second], &[]));
    assert_converged(env, [alice, bob]);
    assert_eq!(sync(bob).outcome, "up-to-date");
    drop(daemon);
}

/// Returns the first `git` on `PATH`.
fn real_git() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("git"))
        .find(|git| git.is_file())
        .expect("git is on PATH")
}

/// Returns a `tk sync --json` command in `dir` whose `git` pushes the
/// next commit listed in `races` (one id per line, consumed) to the
/// remote just before each of tk's pushes: a teammate who keeps winning
/// the race.
fn racing_sync(
    env: &TestEnv,
    dir: &TestWorkDir,
    racer: &TestWorkDir,
    races: &[String],
) -> std::process::Command {
    let bin = env.root().join("racing-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let list = env.root().join("tmp").join("races");
    std::fs::write(
        &list,
        races.iter().map(|c| format!("{c}\n")).collect::<String>(),
    )
    .unwrap();
    let script = format!(
        r#"#!/bin/sh
real='{git}'
case " $* " in
*" push "*)
    next=$(head -n 1 '{list}')
    if [ -n "$next" ]; then
        tail -n +2 '{list}' > '{list}.rest' && mv '{list}.rest' '{list}'
        "$real" -C '{racer}' push -q origin "$next:refs/heads/tk/tickets" || exit 99
    fi
    ;;
esac
exec "$real" "$@"
"#,
        git = real_git().display(),
        list = list.display(),
        racer = racer.path().display(),
    );
    let wrapper = bin.join("git");
    std::fs::write(&wrapper, script).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = dir.tk_cmd(["sync", "--json"]);
    cmd.env("PATH", path);
    cmd
}

#[test]
fn a_push_that_loses_a_race_fetches_merges_and_pushes_again() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let shared = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    // Alice's next two commits reach the remote while Bob syncs.
    let hers = alice.new_ticket("Printer jams", &[]);
    let first = alice.tip();
    alice.tk(["comment", &shared, "-m", "Rebooted."]).success();
    let second = alice.tip();
    let mine = bob.new_ticket("Badge reader", &[]);

    let out = env.run(racing_sync(env, bob, alice, &[first, second.clone()]));
    let report: json::Sync = out.json();
    assert_eq!(report.outcome, "merged");
    assert!(report.pushed);
    assert_eq!(report.incoming, changes(&[&hers], &[&shared]));
    assert_eq!(
        report.outgoing,
        changes(&[&mine], &[]),
        "only what Bob sent goes out, not what Alice pushed meanwhile"
    );
    let tip = bob.tip();
    assert_eq!(env.remote().tip(), tip);
    assert_eq!(parents(bob)[1], second, "the last merge took her last push");
    assert_eq!(sync(alice).outcome, "fast-forward");
    assert_converged(env, [alice, bob]);
}

#[test]
fn a_remote_that_keeps_moving_gives_up_with_exit_6() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let shared = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    let mut races = Vec::new();
    for n in 0..5 {
        alice
            .tk(["comment", &shared, "-m", &format!("Try {n}.")])
            .success();
        races.push(alice.tip());
    }
    bob.tk(["comment", &shared, "-m", "Same here."]).success();
    let out = env.run(racing_sync(env, bob, alice, &races));
    assert_eq!(out.status, 6, "{out}");
    // Failing part-way, --json still says how far it got (issue 12).
    let failed: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("one JSON document on failure");
    assert_eq!(failed["outcome"], "failed");
    assert_eq!(failed["pushed"], false);
    assert_eq!(failed["merged"], true, "bob merged each round locally");
    assert_eq!(
        out.stderr,
        "error: origin kept changing while syncing (5 rounds)\n"
    );
    assert_eq!(env.remote().tip(), races[4]);
    // The remote calmed down: the next sync just works.
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert!(report.pushed);
    assert_eq!(sync(alice).outcome, "fast-forward");
    assert_converged(env, [alice, bob]);
}

#[test]
fn the_default_remote_is_the_upstream_then_origin_then_the_only_one() {
    let (env, alice) = &TestEnv::with_clone();
    alice.new_ticket("VPN drops", &[]);
    let backup = env.root().join("backup.git");
    env.init_repo(&backup, true);
    alice.git(["remote", "add", "backup", backup.to_str().unwrap()]);
    assert_eq!(sync(alice).remote, "origin");
    alice.git(["config", "branch.tk/tickets.remote", "backup"]);
    assert_eq!(sync(alice).remote, "backup");
    assert_eq!(env.work_dir(&backup).tip(), alice.tip());
    let check: json::SyncCheck = alice.tk(["sync", "--check", "--json"]).json();
    assert_eq!(check.tracking_ref, "refs/remotes/backup/tk/tickets");
    // An upstream that names no remote is ignored.
    alice.git(["config", "branch.tk/tickets.remote", "gone"]);
    assert_eq!(sync(alice).remote, "origin");
    alice.git(["config", "--unset", "branch.tk/tickets.remote"]);
    alice.git(["remote", "rename", "origin", "upstream"]);
    let out = alice.tk(["sync"]);
    assert_eq!(out.status, 6, "two remotes, neither origin: {out}");
    alice.git(["remote", "remove", "backup"]);
    assert_eq!(sync(alice).remote, "upstream", "the only remote");
}

#[test]
fn a_hidden_tickets_ref_syncs_and_plain_git_fetches_it_with_a_refspec() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    const HIDDEN: &str = "refs/tk/tickets";
    const HIDDEN_TRACKING: &str = "refs/tk-remotes/origin/tk/tickets";
    for dir in [alice, bob] {
        dir.git(["config", "tk.ref", HIDDEN]);
    }
    let id = alice.new_ticket("VPN drops", &[]);
    assert_eq!(alice.ref_target(TICKETS_REF), None);
    assert_eq!(sync(alice).outcome, "pushed");
    let remote = env.remote_dir();
    assert_eq!(
        env.work_dir(&remote).ref_target(HIDDEN),
        alice.ref_target(HIDDEN)
    );
    assert_eq!(env.work_dir(&remote).ref_target(TICKETS_REF), None);
    let report = sync(bob);
    assert_eq!(report.outcome, "fast-forward");
    assert_eq!(report.incoming, changes(&[&id], &[]));
    assert_eq!(bob.ref_target(HIDDEN_TRACKING), alice.ref_target(HIDDEN));

    // A plain `git fetch` brings the hidden ref only with a refspec for it.
    alice.tk(["comment", &id, "-m", "Rebooted."]).success();
    sync(alice);
    bob.git([
        "config",
        "--add",
        "remote.origin.fetch",
        &format!("+{HIDDEN}:{HIDDEN_TRACKING}"),
    ]);
    bob.git(["fetch", "-q", "origin"]);
    let check: json::SyncCheck = bob.tk(["sync", "--check", "--json"]).json();
    assert_eq!(check.tracking_ref, HIDDEN_TRACKING);
    assert_eq!((check.ahead, check.behind), (0, 1));
    assert_eq!(sync(bob).outcome, "fast-forward");
    assert_eq!(bob.ref_target(HIDDEN), alice.ref_target(HIDDEN));
}

#[test]
fn team_config_merges_per_key_and_the_later_commit_wins_a_clash() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    alice.tk(["init"]).success();
    sync(alice);
    sync(bob);
    alice
        .tk(["config", "set", "sla.high.response", "20m"])
        .success();
    bob.tk(["config", "set", "sla.low.response", "3d"])
        .success();
    sync(alice);
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert!(report.notes.is_empty(), "{report:?}");
    sync(alice);
    assert_converged(env, [alice, bob]);
    let get = |dir: &TestWorkDir, key: &str| {
        let shown: serde_json::Value = dir.tk(["config", "show", "--json"]).json();
        let mut value = &shown["config"];
        for part in key.split('.') {
            value = &value[part];
        }
        value.as_str().unwrap_or_default().to_string()
    };
    assert_eq!(get(alice, "sla.high.response"), "20m");
    assert_eq!(get(alice, "sla.low.response"), "3d");

    // Both change one key offline; Bob's commit is later, so his wins on
    // both clones whoever merges.
    alice
        .tk(["config", "set", "sla.high.response", "45m"])
        .success();
    bob.tk(["config", "set", "sla.high.response", "10m"])
        .success();
    sync(bob);
    let report = sync(alice);
    assert_eq!(report.outcome, "merged");
    assert_eq!(
        report.notes,
        ["tk.toml key `sla.high.response` changed on both sides; the later change wins"]
    );
    sync(bob);
    assert_converged(env, [alice, bob]);
    assert_eq!(get(bob, "sla.high.response"), "10m");
    assert_eq!(get(alice, "sla.high.response"), "10m");
    // The merge writes tk.toml the way `tk config set` does.
    let file = alice.git(["show", &format!("{TICKETS_REF}:tk.toml")]);
    assert!(file.starts_with("# tk team configuration"), "{file}");
    assert_eq!(file, alice.tk(["config", "show"]).success().stdout);
}

#[test]
fn a_team_config_merge_that_would_not_be_valid_keeps_the_later_file() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    alice
        .tk(["config", "set", "business_hours.start", "09:00"])
        .success();
    alice
        .tk(["config", "set", "business_hours.end", "17:00"])
        .success();
    sync(alice);
    sync(bob);
    // Each change is valid on its own; together the day ends before it
    // starts.
    alice
        .tk(["config", "set", "business_hours.start", "12:00"])
        .success();
    bob.tk(["config", "set", "business_hours.end", "11:00"])
        .success();
    sync(alice);
    let out = bob.tk(["sync"]);
    insta::assert_snapshot!(out, @"
    ------- stderr -------
    warning: tk.toml merged per key is not valid (invalid tk.toml key `business_hours.end`: must be later than business_hours.start); kept the later side's file whole
    Synced with origin: tickets in: nothing; out: nothing.
    [exit status: 0]
    ");
    sync(alice);
    assert_converged(env, [alice, bob]);
    // Bob's change is the later one, so his file is kept: the day ends at
    // 11:00 and starts at 09:00 again.
    let shown: serde_json::Value = alice.tk(["config", "show", "--json"]).json();
    let hours = &shown["config"]["business_hours"];
    assert_eq!(
        (hours["start"].as_str(), hours["end"].as_str()),
        (Some("09:00"), Some("11:00"))
    );
    for dir in [alice, bob] {
        dir.tk(["new", "Still works"]).success();
    }
}

#[test]
fn attachments_and_other_files_are_kept_by_name() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    sync(bob);
    let dir = format!("attachments/{id}");
    let web = ("Web Editor", "web@example.com");
    alice.commit_with_git(&format!("{dir}/alice.log"), "from alice\n", web);
    alice.commit_with_git(&format!("{dir}/both.log"), "alice's\n", web);
    bob.commit_with_git(&format!("{dir}/bob.log"), "from bob\n", web);
    bob.commit_with_git(&format!("{dir}/both.log"), "bob's\n", web);
    sync(alice);
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert_eq!(report.notes.len(), 1, "{report:?}");
    assert!(
        report.notes[0].starts_with(&format!(
            "{dir}/both.log differs on both sides; kept the version "
        )),
        "{report:?}"
    );
    sync(alice);
    assert_converged(env, [alice, bob]);
    let files = alice.git(["ls-tree", "-r", "--name-only", TICKETS_REF, &dir]);
    let files: Vec<&str> = files.lines().collect();
    assert_eq!(files.len(), 4, "{files:?}");
    assert_eq!(
        files[..3],
        [
            format!("{dir}/alice.log"),
            format!("{dir}/bob.log"),
            format!("{dir}/both.log")
        ]
    );
    assert!(
        files[3].starts_with(&format!("{dir}/both.log.broken-")),
        "{files:?}"
    );
    // Both versions stay: one at the name, the other beside it.
    let kept = alice.git(["show", &format!("{TICKETS_REF}:{dir}/both.log")]);
    let other = alice.git(["show", &format!("{TICKETS_REF}:{}", files[3])]);
    let mut both = [kept, other];
    both.sort();
    assert_eq!(both, ["alice's\n", "bob's\n"]);
}

#[test]
fn two_tickets_created_with_one_id_are_both_kept() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let id = alice.new_ticket("VPN drops", &[]);
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    // Bob's clone gets a different ticket under the same id (which random
    // ids make practically impossible): another title, another create
    // event id.
    let text = alice.git(["show", &format!("{TICKETS_REF}:{path}")]);
    let event_line = text
        .lines()
        .find(|l| l.starts_with("id = ") && !l.contains(&id))
        .unwrap()
        .to_string();
    let other = text
        .replace("VPN drops", "Printer jams")
        .replace(&event_line, "id = \"zzzzzzzzzzzz\"");
    bob.tk(["init"]).success();
    bob.commit_with_git(&path, &other, ("Bob", "bob@example.com"));
    assert_eq!(
        bob.tk(["show", &id, "--json"]).json::<json::Shown>().title,
        "Printer jams"
    );
    sync(alice);
    let report = sync(bob);
    assert_eq!(report.outcome, "merged");
    assert_eq!(report.notes.len(), 1, "{report:?}");
    sync(alice);
    assert_converged(env, [alice, bob]);
    let mut titles: Vec<(String, String)> = alice
        .tk(["list", "--json"])
        .json::<Vec<json::Listed>>()
        .into_iter()
        .map(|t| (t.title, t.id))
        .collect();
    titles.sort();
    assert_eq!(titles.len(), 2, "{titles:?}");
    // Same create time: the create event id decides who was first.
    assert_eq!(titles[1], ("VPN drops".to_string(), id.clone()));
    assert_eq!(titles[0].0, "Printer jams");
    assert!(report.notes[0].ends_with(&titles[0].1), "{report:?}");
    insta::assert_snapshot!(report.notes[0].replace(&id, "ID"), @"tickets/tz/ID.toml: two different tickets were created with id ID; kept both, the later one as gfttqprwq42x501h");
}

#[test]
fn a_merge_of_many_tickets_is_written_as_one_pack_and_loses_nothing() {
    // Enough tickets changed on both clones that the merge decodes them
    // on several threads, and writes its objects as one pack.
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    env.init_repo(&env.repo(), false);
    let ids = env.import_tickets(90, "Printer");
    let seed = env.work_dir(env.repo());
    let remote = env.remote_dir();
    seed.git([
        "push",
        "-q",
        remote.to_str().expect("the temp dir path is UTF-8"),
        &format!("{TICKETS_REF}:{TICKETS_REF}"),
    ]);
    sync(alice);
    sync(bob);
    // Alice comments on 0..60, Bob on 30..90: 30 one-sided changes on
    // each side, 30 tickets changed on both.
    alice
        .tk(["comment", &ids[..60].join(","), "-m", "Alice had a look."])
        .success();
    bob.tk(["comment", &ids[30..].join(","), "-m", "Bob had a look."])
        .success();
    sync(alice);
    let loose_before = loose_objects(bob);
    let report = sync(bob);
    assert_eq!(report.outcome, "merged", "{report:?}");
    assert!(report.pushed);
    assert!(report.notes.is_empty(), "{report:?}");
    assert_eq!(report.incoming.updated.len(), 60);
    assert_eq!(
        loose_objects(bob),
        loose_before,
        "the merge wrote no loose object"
    );
    crate::common::hostile::assert_repository_sound(bob, true);
    for n in [0, 29, 30, 59, 60, 89] {
        let id = &ids[n];
        let shown: json::Shown = bob.tk(["show", id, "--json"]).json();
        let bodies: Vec<&str> = shown.comments.iter().map(|c| c.body.as_str()).collect();
        let want: &[&str] = match n {
            0..30 => &["Alice had a look."],
            30..60 => &["Alice had a look.", "Bob had a look."],
            _ => &["Bob had a look."],
        };
        let mut sorted = bodies.clone();
        sorted.sort();
        assert_eq!(sorted, want, "ticket {n} ({id})");
    }
    let report = sync(alice);
    assert_eq!(report.outcome, "fast-forward");
    assert_converged(env, [alice, bob]);
}

/// Counts the loose objects in a clone.
fn loose_objects(dir: &TestWorkDir) -> usize {
    let objects = dir.path().join(".git/objects");
    std::fs::read_dir(objects)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().len() == 2)
        .map(|e| std::fs::read_dir(e.path()).unwrap().count())
        .sum()
}
