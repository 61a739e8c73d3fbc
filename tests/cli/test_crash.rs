//! The crash campaign: `tk new`, `tk comment`, `tk sync` and a cold
//! `tk list`, each killed with SIGKILL (the whole process group, git
//! children included) at a seeded random moment. After every kill the
//! repository must be sound: the ref names a commit, `git fsck` is clean
//! in the clone and in the remote, no write that exited 0 is lost, and
//! the list cache agrees with a list rebuilt without it.
//!
//! The CI version kills a few dozen times; `TK_CAMPAIGN=long` kills 400
//! times, and `TK_CAMPAIGN_SEED` picks another seed (docs/reliability.md).

use crate::common::hostile::{
    assert_repository_sound, campaign_seed, long_campaign, start, tk_bounded, Dice, HANG_LIMIT,
};
use crate::common::{TestEnv, TestWorkDir, TICKETS_REF};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    New,
    Comment,
    Sync,
    ColdList,
}

const OPS: [Op; 4] = [Op::New, Op::Comment, Op::Sync, Op::ColdList];

/// What the campaign knows was acknowledged (exit 0) and must survive.
#[derive(Default)]
struct Acked {
    /// Tickets `tk new` created.
    tickets: Vec<String>,
    /// Comment bodies per ticket.
    comments: BTreeMap<String, Vec<String>>,
    /// Alice's tips that a `tk sync` reported pushed.
    pushed: Vec<String>,
}

#[derive(Default)]
struct Tally {
    kills: BTreeMap<Op, usize>,
    interrupted: usize,
    completed: usize,
    stale_locks: Vec<String>,
}

/// Removes lock files a killed git or tk left under `dir`'s refs, as the
/// user would after being told about them, and returns their paths.
fn clear_stale_locks(git_dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![git_dir.join("refs")];
    for extra in ["packed-refs.lock", "index.lock", "config.lock", "HEAD.lock"] {
        let path = git_dir.join(extra);
        if path.exists() {
            std::fs::remove_file(&path).expect("can remove a stale lock");
            found.push(path.display().to_string());
        }
    }
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "lock") {
                std::fs::remove_file(&path).expect("can remove a stale lock");
                found.push(path.display().to_string());
            }
        }
    }
    found
}

/// Returns `tk list --all --json` in `dir` at a fixed clock (SLA fields
/// depend on the time), asserting it succeeds.
fn list_all(dir: &TestWorkDir) -> String {
    let mut cmd = dir.tk_cmd(["list", "--all", "--json"]);
    cmd.env("TK_NOW", "2026-06-01T00:00:00Z");
    let done = start(cmd).finish_within(HANG_LIMIT);
    assert_eq!(done.code, Some(0), "tk list --all failed:\n{done}");
    done.stdout_text()
}

fn listed_ids(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("tk list prints JSON");
    value
        .as_array()
        .expect("tk list --json prints an array")
        .iter()
        .map(|t| t["id"].as_str().expect("tickets have ids").to_string())
        .collect()
}

/// Checks everything a kill must not break.
fn check_after(
    env: &TestEnv,
    alice: &TestWorkDir,
    acked: &Acked,
    tally: &mut Tally,
    focus: &[&str],
) {
    let remote = env.remote_dir();
    // A lock a kill left is named at once by the next write (exit 1, as
    // docs/exit-codes.md says), before anyone removes it.
    if alice
        .path()
        .join(".git/refs/heads/tk/tickets.lock")
        .exists()
    {
        let blocked = tk_bounded(alice, ["new", "blocked by a stale lock"]);
        assert_eq!(
            blocked.code,
            Some(1),
            "a stale lock is not reported:\n{blocked}"
        );
        assert!(blocked.stderr.contains("tickets.lock"), "{blocked}");
    }
    tally
        .stale_locks
        .extend(clear_stale_locks(&alice.path().join(".git")));
    tally.stale_locks.extend(clear_stale_locks(&remote));
    assert_repository_sound(alice, false);
    assert_repository_sound(&env.remote(), false);

    let cached = list_all(alice);
    let cache = alice.path().join(".git/tk");
    if cache.exists() {
        std::fs::remove_dir_all(&cache).expect("can remove the cache");
    }
    let rebuilt = list_all(alice);
    assert_eq!(cached, rebuilt, "the cache disagrees with a fresh rebuild");

    let listed = listed_ids(&rebuilt);
    for id in &acked.tickets {
        assert!(listed.contains(id), "acknowledged ticket {id} was lost");
    }
    for id in focus {
        let Some(bodies) = acked.comments.get(*id) else {
            continue;
        };
        let shown = tk_bounded(alice, ["show", id, "--json"]);
        assert_eq!(shown.code, Some(0), "tk show {id} failed:\n{shown}");
        let value: serde_json::Value =
            serde_json::from_slice(&shown.stdout).expect("tk show prints JSON");
        let present: Vec<&str> = value["comments"]
            .as_array()
            .expect("tk show --json has comments")
            .iter()
            .filter_map(|c| c["body"].as_str())
            .collect();
        for body in bodies {
            assert!(
                present.contains(&body.as_str()),
                "acknowledged comment {body:?} on {id} was lost"
            );
        }
    }
    if let Some(remote_tip) = env.remote().ref_target(TICKETS_REF) {
        for tip in &acked.pushed {
            let (ok, _, _) = crate::common::hostile::git_status(
                &env.remote(),
                ["merge-base", "--is-ancestor", tip, &remote_tip],
            );
            assert!(ok, "pushed commit {tip} is no longer on the remote");
        }
    }
}

/// Bob changes a ticket and syncs, so Alice's next sync has a merge to do.
fn bob_moves(env: &TestEnv, bob: &TestWorkDir, acked: &Acked, n: u64) {
    let _ = clear_stale_locks(&env.remote_dir());
    let synced = tk_bounded(bob, ["sync"]);
    assert_eq!(synced.code, Some(0), "bob's sync failed:\n{synced}");
    if let Some(id) = acked.tickets.first() {
        // Bob may not have it yet if Alice never pushed it; then no change.
        let _ = tk_bounded(bob, ["comment", id, "-m", &format!("bob {n}")]);
    }
    let _ = tk_bounded(bob, ["new", &format!("bob's ticket {n}")]);
    let synced = tk_bounded(bob, ["sync"]);
    assert_eq!(synced.code, Some(0), "bob's sync failed:\n{synced}");
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_write() {
    let kills = if long_campaign() { 400 } else { 32 };
    let seed = campaign_seed(7);
    let mut dice = Dice::new(seed);
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    alice.tk(["init"]).success();
    let mut acked = Acked::default();
    let mut tally = Tally::default();

    // Calibrate: how long each operation takes here, uninterrupted, so the
    // kills land anywhere from before the start to just after the end.
    let mut takes: BTreeMap<Op, Duration> = BTreeMap::new();
    for (n, op) in OPS.iter().enumerate() {
        let target = acked.tickets.first().cloned().unwrap_or_default();
        let (done, took) = run(alice, *op, &target, n as u64, None);
        assert_eq!(done.code, Some(0), "{op:?} failed uninterrupted:\n{done}");
        acknowledge(alice, (*op, &target), &done, &mut acked, n as u64);
        takes.insert(*op, took);
    }
    bob_moves(&env, bob, &acked, 0);

    for n in 0..kills {
        let op = OPS[dice.below(OPS.len() as u64) as usize];
        if op == Op::Sync && n % 2 == 0 {
            bob_moves(&env, bob, &acked, n);
        }
        let window = takes[&op].mul_f64(1.2).as_micros() as u64;
        let delay = Duration::from_micros(dice.below(window.max(1)));
        let tag = 1000 + n;
        let target = match acked.tickets.len() as u64 {
            0 => String::new(),
            len => acked.tickets[dice.below(len) as usize].clone(),
        };
        let (done, _) = run(alice, op, &target, tag, Some(delay));
        *tally.kills.entry(op).or_default() += 1;
        match done.code {
            Some(0) => {
                tally.completed += 1;
                acknowledge(alice, (op, &target), &done, &mut acked, tag);
            }
            None => tally.interrupted += 1,
            // A run that got far enough to fail on its own (a lost race
            // with a lock a killed run left, say) acknowledged nothing.
            Some(_) => tally.completed += 1,
        }
        check_after(&env, alice, &acked, &mut tally, &[&target]);
    }

    // Nothing is lost after a final, uninterrupted sync either.
    let _ = clear_stale_locks(&env.remote_dir());
    let _ = clear_stale_locks(&alice.path().join(".git"));
    let synced = tk_bounded(alice, ["sync"]);
    assert_eq!(synced.code, Some(0), "the final sync failed:\n{synced}");
    let every: Vec<String> = acked.comments.keys().cloned().collect();
    let every: Vec<&str> = every.iter().map(String::as_str).collect();
    check_after(&env, alice, &acked, &mut tally, &every);
    eprintln!(
        "crash campaign: seed {seed}: {} kills ({}), {} interrupted, {} finished first, \
         {} acknowledged tickets and {} comments, 0 lost, {} stale locks cleared{}",
        kills,
        tally
            .kills
            .iter()
            .map(|(op, k)| format!("{op:?} {k}"))
            .collect::<Vec<_>>()
            .join(", "),
        tally.interrupted,
        tally.completed,
        acked.tickets.len(),
        acked.comments.values().map(Vec::len).sum::<usize>(),
        tally.stale_locks.len(),
        if tally.stale_locks.is_empty() {
            String::new()
        } else {
            let root = env.root().display().to_string();
            let mut paths: Vec<String> = tally
                .stale_locks
                .iter()
                .map(|p| p.replace(&root, "$TEST_ENV"))
                .collect();
            paths.dedup();
            format!(" ({})", paths.join(", "))
        }
    );
}

/// Runs `op` in `dir`, killing it after `kill_after` when given; returns
/// how it ended and how long it ran.
fn run(
    dir: &TestWorkDir,
    op: Op,
    target: &str,
    n: u64,
    kill_after: Option<Duration>,
) -> (crate::common::hostile::Finished, Duration) {
    let body = format!("comment {n}");
    let title = format!("ticket {n}");
    let args: Vec<&str> = match op {
        Op::New => vec!["new", &title],
        Op::Comment if !target.is_empty() => vec!["comment", target, "-m", &body],
        Op::Comment => vec!["new", &title],
        Op::Sync => vec!["sync"],
        Op::ColdList => {
            let cache = dir.path().join(".git/tk");
            if cache.exists() {
                std::fs::remove_dir_all(&cache).expect("can remove the cache");
            }
            vec!["list", "--all"]
        }
    };
    let running = start(dir.tk_cmd(&args));
    let done = match kill_after {
        Some(delay) => {
            std::thread::sleep(delay);
            running.kill_group()
        }
        None => running.finish_within(HANG_LIMIT),
    };
    let took = running.elapsed();
    assert!(!done.hung, "{op:?} hung:\n{done}");
    if let Some(code) = done.code {
        assert!(
            code != 101 && code != 255,
            "{op:?} panicked or hit an internal error:\n{done}"
        );
    }
    (done, took)
}

/// Records what an operation that exited 0 promised.
fn acknowledge(
    dir: &TestWorkDir,
    (op, target): (Op, &str),
    done: &crate::common::hostile::Finished,
    acked: &mut Acked,
    n: u64,
) {
    match op {
        Op::New => acked.tickets.push(done.stdout_text().trim().to_string()),
        Op::Comment if !target.is_empty() => acked
            .comments
            .entry(target.to_string())
            .or_default()
            .push(format!("comment {n}")),
        Op::Comment => acked.tickets.push(done.stdout_text().trim().to_string()),
        Op::Sync => acked.pushed.push(dir.tip()),
        Op::ColdList => {}
    }
}
