//! One test per fixed bug, named for it (ripgrep's `tests/regression.rs`).
//! Each says how the bug was found and what it did.

use crate::common::TestEnv;

/// Found by the fuzzer: when both sides of a sync held a `tk.toml` that
/// does not parse, the merge kept "ours", so the result depended on which
/// clone merged and clones that synced in different orders diverged. The
/// later side is kept now, whoever merges.
#[test]
fn config_merge_of_two_broken_sides_does_not_depend_on_who_merges() {
    let merged_tk_toml = |alice_first: bool| {
        let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
        let (alice, bob) = (&clones[0], &clones[1]);
        env.tk_in(alice, ["init"]).success();
        env.tk_in(alice, ["sync"]).success();
        env.tk_in(bob, ["sync"]).success();
        env.commit_with_git_in(
            alice,
            "tk.toml",
            "schema = \"one",
            ("Alice", "alice@example.com"),
        );
        env.advance(60);
        env.commit_with_git_in(bob, "tk.toml", "schema = = 2", ("Bob", "bob@example.com"));
        let order = if alice_first {
            [alice, bob]
        } else {
            [bob, alice]
        };
        for dir in order.into_iter().chain(order) {
            let out = env.tk_in(dir, ["sync"]);
            assert!(out.status == 0 || out.status == 6, "{out}");
        }
        env.git_in(&env.remote_dir(), ["show", "refs/heads/tk/tickets:tk.toml"])
    };
    let (one, other) = (merged_tk_toml(true), merged_tk_toml(false));
    assert_eq!(one, other);
    assert_eq!(one, "schema = = 2", "the later edit is kept whole");
}
