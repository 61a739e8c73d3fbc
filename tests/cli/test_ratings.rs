//! `tk rate`: who gave a rating, and reports that keep the requesters' own
//! ratings apart from those the team entered for them.

use crate::common::{json, TestEnv};
use serde_json::Value;

const ANA: &str = "Ana Lima <ana@example.com>";

/// Runs `tk` as Ana, the requester.
fn as_ana(env: &TestEnv, args: &[&str]) -> crate::common::CommandOutput {
    let mut cmd = env.tk_cmd(args);
    cmd.env("GIT_AUTHOR_NAME", "Ana Lima")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com");
    env.run(cmd)
}

fn satisfaction(env: &TestEnv) -> (Value, Value) {
    let report: Value = env.tk(["report", "--json"]).json();
    (
        report["total"]["satisfaction"].clone(),
        report["total"]["satisfaction_on_behalf"].clone(),
    )
}

#[test]
fn a_technician_rates_only_on_the_requesters_behalf() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &["--requester", ANA]);
    env.tk(["resolve", &id, "-m", "New drum"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["rate", &id, "5"]), @"
    ------- stderr -------
    error: ticket tzsp6d6: test.user@example.com is not its requester (Ana Lima <ana@example.com>); pass --on-behalf to enter the rating they gave you
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip, "a refused rating commits nothing");
    insta::assert_snapshot!(env.tk(["rate", &id, "4", "--on-behalf", "-m", "said on the phone"]), @r#"
    ------- stderr -------
    Rated 4/5 for the requester: tzsp6d6 "Printer jams".
    [exit status: 0]
    "#);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let rating = shown.rating.unwrap();
    assert_eq!(
        (rating.score, rating.by.as_str(), rating.on_behalf),
        (4, "Test User <test.user@example.com>", true)
    );
    let (own, entered) = satisfaction(&env);
    assert_eq!(own["count"], 0);
    assert_eq!(
        (entered["count"].clone(), entered["average"].clone()),
        (1.into(), 4.0.into())
    );
}

#[test]
fn the_requester_rates_as_themselves() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &["--requester", ANA]);
    env.tk(["resolve", &id, "-m", "New drum"]).success();
    // --on-behalf from the requester is their own rating all the same.
    as_ana(&env, &["rate", &id, "5", "--on-behalf"]).success();
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let rating = shown.rating.unwrap();
    assert_eq!(
        (rating.by.as_str(), rating.on_behalf),
        ("Ana Lima <ana@example.com>", false)
    );
    let (own, entered) = satisfaction(&env);
    assert_eq!(
        (own["count"].clone(), own["average"].clone()),
        (1.into(), 5.0.into())
    );
    assert_eq!(entered["count"], 0);
}

#[test]
fn regression_reopen_erased_the_rating_so_a_report_counted_3_of_4() {
    let env = TestEnv::new();
    let mut ids = Vec::new();
    for title in ["VPN", "Printer", "Laptop"] {
        let id = env.new_ticket(title, &["--requester", ANA]);
        env.tk(["resolve", &id, "-m", "Fixed"]).success();
        as_ana(&env, &["rate", &id, "4"]).success();
        ids.push(id);
    }
    // The VPN drops again: reopened, resolved and rated a second time.
    as_ana(&env, &["reopen", &ids[0], "-m", "Drops again"]).success();
    let shown: json::Shown = env.tk(["show", &ids[0], "--json"]).json();
    assert!(
        shown.rating.is_none(),
        "the new resolution is not rated yet"
    );
    let (own, _) = satisfaction(&env);
    assert_eq!(own["count"], 3, "the first resolution keeps its rating");
    env.tk(["resolve", &ids[0], "-m", "Replaced the router"])
        .success();
    as_ana(&env, &["rate", &ids[0], "2"]).success();
    let (own, _) = satisfaction(&env);
    assert_eq!(
        (own["count"].clone(), own["average"].clone()),
        (4.into(), 3.5.into())
    );
    assert_eq!(own["distribution"], serde_json::json!([0, 1, 0, 3, 0]));
}
