//! The load campaign: 8 parallel writers, each running a seeded mix of
//! `comment`, `new`, `assign`, `set title=`, `start` and `wait` on a few
//! shared tickets, against one repository. Afterwards every acknowledged
//! effect (exit 0) is on the ref, the ref has exactly one commit per
//! successful operation, and `git fsck --strict` is clean.
//!
//! The CI version runs 8 × 25 operations; `TK_CAMPAIGN=long` runs 8 × 200
//! (docs/reliability.md).

use crate::common::hostile::{
    assert_repository_sound, campaign_seed, long_campaign, start, Dice, Finished, HANG_LIMIT,
};
use crate::common::TestEnv;
use std::process::Command;

const WRITERS: u64 = 8;

/// One operation and the text that proves it happened: a unique marker
/// that must appear in the ticket's `tk show --json` (or, for `new`, the
/// id it printed).
struct Op {
    kind: &'static str,
    ticket: Option<String>,
    marker: Option<String>,
    cmd: Command,
}

/// Builds writer `w`'s operations up front: `TestEnv` hands out clocks and
/// id seeds and cannot cross threads, a prepared `Command` can.
fn plan(env: &TestEnv, shared: &[String], w: u64, ops: u64, dice: &mut Dice) -> Vec<Op> {
    (0..ops)
        .map(|i| {
            let id = shared[dice.below(shared.len() as u64) as usize].clone();
            let marker = format!("w{w}-op{i}");
            let (kind, args, marker): (&str, Vec<String>, Option<String>) = match dice.below(20) {
                0..=8 => (
                    "comment",
                    vec!["comment".into(), id.clone(), "-m".into(), marker.clone()],
                    Some(marker),
                ),
                9..=11 => ("new", vec!["new".into(), marker.clone()], None),
                12..=14 => {
                    let who = format!("{marker}@example.com");
                    (
                        "assign",
                        vec!["assign".into(), id.clone(), who.clone()],
                        Some(who),
                    )
                }
                15..=16 => (
                    "set",
                    vec!["set".into(), id.clone(), format!("title=title {marker}")],
                    Some(format!("title {marker}")),
                ),
                17..=18 => ("start", vec!["start".into(), id.clone()], None),
                _ => (
                    "wait",
                    vec!["wait".into(), id.clone(), "-m".into(), marker.clone()],
                    Some(marker),
                ),
            };
            Op {
                kind,
                ticket: (kind != "new").then_some(id),
                marker,
                cmd: env.tk_cmd(args),
            }
        })
        .collect()
}

#[test]
fn parallel_writers_lose_nothing_and_commit_once_per_success() {
    let per_writer = if long_campaign() { 200 } else { 25 };
    let seed = campaign_seed(11);
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let shared: Vec<String> = (0..4)
        .map(|n| env.new_ticket(&format!("shared {n}"), &[]))
        .collect();
    let commits_before = env.commit_count();
    let mut dice = Dice::new(seed);
    let plans: Vec<Vec<Op>> = (0..WRITERS)
        .map(|w| plan(&env, &shared, w, per_writer, &mut dice))
        .collect();

    let results: Vec<Vec<(Op, Finished)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = plans
            .into_iter()
            .map(|ops| {
                scope.spawn(move || {
                    ops.into_iter()
                        .map(|mut op| {
                            let cmd = std::mem::replace(&mut op.cmd, Command::new("true"));
                            let done = start(cmd).finish_within(HANG_LIMIT);
                            (op, done)
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a writer thread panicked"))
            .collect()
    });

    let mut succeeded = 0;
    let mut refused = 0;
    let mut contended = Vec::new();
    let mut created = Vec::new();
    let mut markers: Vec<(String, String)> = Vec::new();
    for (op, done) in results.iter().flatten() {
        assert!(!done.hung, "tk {} hung:\n{done}", op.kind);
        assert!(
            !matches!(done.code, Some(101) | Some(255) | None),
            "tk {} crashed:\n{done}",
            op.kind
        );
        match done.code {
            Some(0) => {
                succeeded += 1;
                if op.kind == "new" {
                    created.push(done.stdout_text().trim().to_string());
                }
                if let (Some(ticket), Some(marker)) = (&op.ticket, &op.marker) {
                    markers.push((ticket.clone(), marker.clone()));
                }
            }
            // The lifecycle refused start or wait: the ticket was already
            // there, which concurrent writers make likely.
            Some(5) => refused += 1,
            _ => contended.push(format!("tk {}: {}", op.kind, done.stderr.trim())),
        }
    }

    // One commit per acknowledged operation, no more, no fewer.
    assert_eq!(
        env.commit_count() - commits_before,
        succeeded,
        "commits on the ref differ from successful operations"
    );
    assert_repository_sound(&env, true);

    // Every acknowledged effect is there.
    let listed = env.tk(["list", "--all", "--json"]).success();
    for id in &created {
        assert!(
            listed.stdout.contains(id.as_str()),
            "created ticket {id} is missing"
        );
    }
    for id in &shared {
        let shown = env.tk(["show", id, "--json"]).success();
        for (_, marker) in markers.iter().filter(|(t, _)| t == id) {
            assert!(
                shown.stdout.contains(marker.as_str()),
                "the effect `{marker}` on {id} is missing"
            );
        }
    }
    let total = WRITERS * per_writer;
    eprintln!(
        "load campaign: seed {seed}: {WRITERS} writers × {per_writer} operations = {total}: \
         {succeeded} succeeded (= commits), {refused} refused by the lifecycle, {} gave up \
         under contention, 0 lost{}",
        contended.len(),
        contended
            .first()
            .map(|c| format!("; first: {c}"))
            .unwrap_or_default()
    );
    assert!(
        contended.len() * 10 <= total as usize,
        "over a tenth of the writes gave up under contention: {contended:#?}"
    );
}
