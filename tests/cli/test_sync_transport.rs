//! How `tk sync` has git build its packs: no delta search when the remote
//! is on this machine (both ends are this machine, there are no bytes to
//! save), git's usual deltas when it is across a network, and the user's
//! own upload program kept.

use crate::common::{json, Pair, TestEnv, TestWorkDir, TICKETS_REF};
use crate::test_sync::{git_daemon, start_daemon};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Runs `tk sync --json` in `dir` and returns the report.
#[track_caller]
fn sync(dir: &TestWorkDir) -> json::Sync {
    dir.tk(["sync", "--json"]).json()
}

/// Returns the pack indexes of the repository at `git_dir`.
fn packs(git_dir: &std::path::Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(git_dir.join("objects/pack"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .collect()
}

/// What one pack holds: how many objects, and how many of them are
/// stored as deltas.
#[derive(Debug, PartialEq, Eq)]
struct PackStats {
    objects: usize,
    deltas: usize,
}

/// Returns what the packs of `git_dir` that are not in `before` hold, as
/// `git verify-pack -v` lists them (a delta has a depth and a base).
#[track_caller]
fn new_pack(dir: &TestWorkDir, git_dir: &std::path::Path, before: &BTreeSet<PathBuf>) -> PackStats {
    let new: Vec<PathBuf> = packs(git_dir).difference(before).cloned().collect();
    assert_eq!(
        new.len(),
        1,
        "one new pack in {}: {new:?}",
        git_dir.display()
    );
    let listing = dir.git(["verify-pack", "-v", new[0].to_str().unwrap()]);
    let rows: Vec<usize> = listing
        .lines()
        .filter(|l| l.len() > 40 && l.as_bytes()[..40].iter().all(u8::is_ascii_hexdigit))
        .map(|l| l.split_whitespace().count())
        .collect();
    PackStats {
        objects: rows.len(),
        deltas: rows.iter().filter(|&&fields| fields == 7).count(),
    }
}

/// Returns Alice and Bob sharing 150 tickets (pushed to the remote with
/// plain git), and their ids. Changing most of them makes a pack: git
/// stores fewer than 100 objects received as loose files.
fn shared_tickets() -> (Pair, Vec<String>) {
    let pair = TestEnv::alice_and_bob();
    let env = &pair.env;
    env.init_repo(&env.repo(), false);
    let ids = env.import_tickets(150, "Printer");
    let remote = env.remote_dir();
    env.work_dir(env.repo()).git([
        "push",
        "-q",
        remote.to_str().expect("the temp dir path is UTF-8"),
        &format!("{TICKETS_REF}:{TICKETS_REF}"),
    ]);
    sync(&pair.alice);
    sync(&pair.bob);
    (pair, ids)
}

/// Returns how many objects `to` has that `from` does not, in `dir`.
fn objects_between(dir: &TestWorkDir, from: &str, to: &str) -> usize {
    dir.git(["rev-list", "--objects", to, &format!("^{from}")])
        .lines()
        .count()
}

#[test]
fn a_sync_with_a_remote_on_this_machine_sends_and_fetches_packs_without_deltas() {
    let (Pair { env, alice, bob }, ids) = shared_tickets();
    let base = bob.tip();
    bob.tk(["comment", &ids[..120].join(","), "-m", "Toner replaced."])
        .success();
    let remote = env.remote_dir();
    let before = packs(&remote);
    let report = sync(&bob);
    assert_eq!(report.outcome, "pushed", "{report:?}");
    let sent = objects_between(&bob, &base, &bob.tip());
    assert_eq!(
        new_pack(&bob, &remote, &before),
        PackStats {
            objects: sent,
            deltas: 0
        },
        "the push searched no deltas, and sent no thin ones"
    );

    let alice_git = alice.path().join(".git");
    let before = packs(&alice_git);
    let report = sync(&alice);
    assert_eq!(report.outcome, "fast-forward", "{report:?}");
    assert_eq!(report.incoming.updated.len(), 120);
    assert_eq!(
        new_pack(&alice, &alice_git, &before),
        PackStats {
            objects: sent,
            deltas: 0
        },
        "the fetch got exactly the new objects: no deltas, no thin bases appended"
    );
    assert_eq!(alice.tree(), bob.tree());
    crate::common::hostile::assert_repository_sound(&alice, true);
}

#[test]
fn a_remote_across_the_network_gets_gits_usual_deltas_even_behind_an_insteadof_rule() {
    let (Pair { env, alice, bob }, ids) = shared_tickets();
    let binary = match git_daemon(&env) {
        Ok(binary) => binary,
        Err(why) => {
            eprintln!("skipped: `git daemon` is not available on this machine ({why})");
            return;
        }
    };
    let daemon = start_daemon(&env, &binary, env.root());
    // The configured URL looks like a path; git rewrites it to the daemon.
    let rule = format!("url.git://127.0.0.1:{}/.insteadOf", daemon.port);
    for dir in [&alice, &bob] {
        dir.git(["remote", "set-url", "origin", "/nowhere/remote.git"]);
        dir.git(["config", &rule, "/nowhere/"]);
    }
    bob.tk(["comment", &ids[..120].join(","), "-m", "Toner replaced."])
        .success();
    let remote = env.remote_dir();
    let before = packs(&remote);
    assert_eq!(sync(&bob).outcome, "pushed");
    let stats = new_pack(&bob, &remote, &before);
    assert!(
        stats.deltas > 0,
        "a thin pack of deltas went over the wire, fixed on arrival: {stats:?}"
    );
    assert_eq!(sync(&alice).outcome, "fast-forward");
    assert_eq!(alice.tree(), bob.tree());
    drop(daemon);
}

#[test]
fn a_sync_runs_the_upload_program_the_user_configured_for_the_remote() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let marker = env.root().join("tmp/upload-pack-ran");
    let program = env.write_script(
        "my-upload-pack",
        &format!("touch '{}'\nexec git upload-pack \"$@\"", marker.display()),
    );
    bob.git([
        "config",
        "remote.origin.uploadpack",
        program.to_str().unwrap(),
    ]);
    let first = alice.new_ticket("VPN drops", &[]);
    sync(alice);
    let report = sync(bob);
    assert_eq!(report.outcome, "fast-forward", "{report:?}");
    assert_eq!(report.incoming.new, [first]);
    assert!(marker.exists(), "bob's own upload-pack ran");
}
