//! Follow-up work: `tk new --parent`, children in `tk show`, and parents
//! that cannot be finished while a child is open.

use crate::common::{json, TestEnv};

fn status(env: &TestEnv, id: &str) -> String {
    let shown: json::Shown = env.tk(["show", id, "--json"]).json();
    shown.status
}

#[test]
fn a_child_is_created_with_its_link_in_one_commit_and_shown_both_ways() {
    let env = TestEnv::new();
    let parent = env.new_ticket("Onboard Fay", &[]);
    let before = env.commit_count();
    let child = env.new_ticket("Laptop for Fay", &["--parent", &parent]);
    assert_eq!(
        env.commit_count(),
        before + 1,
        "the child and its link are one commit"
    );
    let out = env.tk(["show", &parent]);
    assert!(out.stdout.contains("Children"), "{out}");
    assert!(out.stdout.contains("Laptop for Fay"), "{out}");
    let out = env.tk(["show", &child]);
    assert!(out.stdout.contains("Parent"), "{out}");
    assert!(out.stdout.contains("Onboard Fay"), "{out}");
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "Orphan", "--parent", "zzzz"]), @"
    ------- stderr -------
    error: no ticket matches `zzzz`
    hint: `tk list --all` shows every ticket
    [exit status: 3]
    ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn a_parent_with_open_children_is_finished_only_with_cascade() {
    let env = TestEnv::new();
    let parent = env.new_ticket("Onboard Fay", &[]);
    let laptop = env.new_ticket("Laptop for Fay", &["--parent", &parent]);
    let badge = env.new_ticket("Badge for Fay", &["--parent", &parent]);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["resolve", &parent, "-m", "Done"]), @r#"
    ------- stderr -------
    error: ticket tzsp6d6: cannot resolve it while its children are open: 29x08eh "Laptop for Fay", m3zb45p "Badge for Fay"; finish them first, or pass --cascade
    [exit status: 5]
    "#);
    insta::assert_snapshot!(env.tk(["close", &parent, "--reason", "cancelled"]), @r#"
    ------- stderr -------
    error: ticket tzsp6d6: cannot close it while its children are open: 29x08eh "Laptop for Fay", m3zb45p "Badge for Fay"; finish them first, or pass --cascade
    [exit status: 5]
    "#);
    assert_eq!(env.tip(), tip, "nothing was committed");
    env.tk(["resolve", &laptop, "-m", "Handed over"]).success();
    let before = env.commit_count();
    insta::assert_snapshot!(env.tk(["resolve", &parent, "--cascade", "-m", "Fay is set up"]), @r#"
    ------- stderr -------
    Resolved child m3zb45p "Badge for Fay".
    Resolved tzsp6d6 "Onboard Fay".
    [exit status: 0]
    "#);
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(status(&env, &badge), "resolved");
    assert_eq!(status(&env, &parent), "resolved");
    // Closing after the resolution: no open children left, no cascade needed.
    env.tk(["close", &parent]).success();
}
