//! `tk sync --json` that fails part-way still prints one JSON document.

use crate::common::TestEnv;

/// A `tk sync --json` whose push was refused printed nothing on stdout,
/// though it had fetched and merged.
#[test]
fn sync_json_failing_part_way_says_what_it_did() {
    let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    alice.new_ticket("Shared", &[]);
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice.new_ticket("Alice's", &[]);
    alice.tk(["sync"]).success();
    bob.new_ticket("Bob's", &[]);
    let hook = env.remote_dir().join("hooks").join("pre-receive");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'pushes are frozen today' >&2\nexit 1\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = bob.tk(["sync", "--json"]);
    assert_eq!(out.status, 6, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    assert_eq!(doc["remote"], "origin", "{doc}");
    assert_eq!(doc["outcome"], "failed");
    assert_eq!(doc["fetched"], true);
    assert_eq!(doc["merged"], true);
    assert_eq!(doc["pushed"], false);
    assert_eq!(doc["commit"].as_str(), Some(bob.tip().as_str()));
    assert!(
        doc["error"].as_str().unwrap().contains("refused the push"),
        "{doc}"
    );
    assert!(out.stderr.contains("error: "), "{out}");

    // Unreachable from the start: nothing fetched, nothing merged.
    bob.git(["remote", "set-url", "origin", "/nonexistent/remote.git"]);
    let out = bob.tk(["sync", "--json"]);
    assert_eq!(out.status, 6, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    assert_eq!(
        (doc["fetched"].as_bool(), doc["merged"].as_bool()),
        (Some(false), Some(false))
    );
}
