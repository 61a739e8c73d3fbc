//! Bulk ids: every command that changes a ticket takes several ids
//! (comma-separated) or `-` for ids on stdin; the batch is one commit, all
//! or nothing.

use crate::common::{json, TestEnv};

fn statuses(env: &TestEnv) -> Vec<(String, String)> {
    let listed: Vec<json::Listed> = env
        .tk(["list", "--all", "--json", "--sort", "created"])
        .json();
    listed.into_iter().map(|t| (t.title, t.status)).collect()
}

fn three(env: &TestEnv) -> [String; 3] {
    [
        env.new_ticket("One", &[]),
        env.new_ticket("Two", &[]),
        env.new_ticket("Three", &[]),
    ]
}

#[test]
fn several_ids_change_in_one_commit() {
    let env = TestEnv::new();
    let [one, two, three] = three(&env);
    let before = env.commit_count();
    let ids = format!("{},{},{}", &one[..6], &two[..6], &three[..6]);
    let out = env.tk(["start", &ids]).success();
    assert_eq!(out.stderr.lines().count(), 3, "{out}");
    assert!(out.stderr.contains("Started "), "{out}");
    assert_eq!(env.commit_count(), before + 1);
    assert!(statuses(&env).iter().all(|(_, s)| s == "in-progress"));
    let message = env.git(["log", "-1", "--format=%B", crate::common::TICKETS_REF]);
    for id in [&one, &two, &three] {
        assert!(message.contains(&format!("Tk-Ticket: {id}")), "{message}");
    }
}

#[test]
fn ids_from_stdin_with_json_print_an_array() {
    let env = TestEnv::new();
    let [one, two, _] = three(&env);
    let before = env.commit_count();
    let out = env.tk_with_stdin(
        ["close", "-", "--reason", "wontfix", "--json"],
        &format!("{one}\n{two}\n"),
    );
    let closed: Vec<serde_json::Value> = out.json();
    assert_eq!(closed.len(), 2);
    assert_eq!(closed[0]["id"], one.as_str());
    assert_eq!(closed[1]["status"], "closed");
    assert_eq!(closed[0]["commit"], closed[1]["commit"]);
    assert_eq!(env.commit_count(), before + 1);
    // A pipe from tk list works the same way.
    let ids = env.tk(["list", "--format", "ids"]).success().stdout;
    env.tk_with_stdin(["comment", "-", "-m", "Checked."], &ids)
        .success();
}

#[test]
fn one_unknown_id_changes_nothing() {
    let env = TestEnv::new();
    let [one, two, _] = three(&env);
    let before = env.commit_count();
    let out = env.tk(["start", &format!("{one},zzzz9999,{two}")]);
    assert_eq!(out.status, 3, "{out}");
    assert_eq!(env.commit_count(), before);
    assert!(statuses(&env).iter().all(|(_, s)| s == "new"));
}

#[test]
fn one_refused_transition_changes_nothing() {
    let env = TestEnv::new();
    let [one, two, _] = three(&env);
    env.tk(["close", &two, "--reason", "duplicate"]).success();
    let before = env.commit_count();
    let out = env.tk(["resolve", &format!("{one},{two}"), "-m", "Done."]);
    assert_eq!(out.status, 5, "{out}");
    assert_eq!(env.commit_count(), before);
    assert_eq!(statuses(&env)[0].1, "new");
}

#[test]
fn set_assign_and_watch_take_several_ids() {
    let env = TestEnv::new();
    let [one, two, three] = three(&env);
    let ids = format!("{one},{two}");
    env.tk(["set", &ids, "priority=high", "tags=printer"])
        .success();
    env.tk(["assign", &ids, "bo@example.com"]).success();
    env.tk(["watch", &format!("{two},{three}")]).success();
    let listed: Vec<json::Listed> = env.tk(["list", "--json", "--sort", "created"]).json();
    assert_eq!(listed[0].priority, "high");
    assert_eq!(listed[1].assignee.as_deref(), Some("bo@example.com"));
    assert_eq!(listed[2].priority, "medium");
    let watching: Vec<json::Listed> = env.tk(["list", "--watching", "--json"]).json();
    assert_eq!(watching.len(), 2);
    let auto = env.tk(["assign", &ids, "--auto"]);
    assert_eq!(auto.status, 2, "{auto}");
    // Unwatching someone who does not watch one of them refuses them all.
    let before = env.commit_count();
    let out = env.tk(["unwatch", &format!("{one},{two}")]);
    assert_eq!(out.status, 5, "{out}");
    assert_eq!(env.commit_count(), before);
}

#[test]
fn ids_and_text_cannot_both_come_from_stdin() {
    let env = TestEnv::new();
    let [one, ..] = three(&env);
    let out = env.tk_with_stdin(["comment", "-", "-m", "-"], &one);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("cannot both come from stdin"), "{out}");
}
