//! `tk team away` / `back` and the open-ticket cap: auto-assignment skips
//! members who are away or full, on `tk new` and `tk assign` alike.

use crate::common::{json, TestEnv};
use serde_json::Value;

/// Adds Ana and Bo, both with the skill network.
fn team(env: &TestEnv) {
    for email in ["ana@example.com", "bo@example.com"] {
        env.tk(["team", "add", email, "--skills", "network"])
            .success();
    }
}

fn assignee(env: &TestEnv, id: &str) -> Option<String> {
    let shown: json::Shown = env.tk(["show", id, "--json"]).json();
    shown.assignee
}

fn auto_new(env: &TestEnv, title: &str) -> String {
    env.new_ticket(title, &["--category", "network", "--auto-assign"])
}

#[test]
fn a_member_away_gets_no_tickets_until_back() {
    let env = TestEnv::new();
    env.set_time("2026-12-01T09:00:00Z");
    team(&env);
    insta::assert_snapshot!(env.tk(["team", "away", "ana@example.com", "--until", "2026-12-02"]), @"
    ------- stderr -------
    ana@example.com is away through 2026-12-02.
    [exit status: 0]
    ");
    let first = auto_new(&env, "VPN drops");
    let second = auto_new(&env, "Wi-Fi slow");
    assert_eq!(assignee(&env, &first).as_deref(), Some("bo@example.com"));
    assert_eq!(
        assignee(&env, &second).as_deref(),
        Some("bo@example.com"),
        "Ana is away, so Bo gets both"
    );
    let list: Vec<Value> = env.tk(["team", "list", "--json"]).json();
    assert_eq!(list[0]["away"], "2026-12-02");
    assert_eq!(list[0]["away_now"], true);
    // On the 3rd Ana is available again and has the fewest tickets.
    env.set_time("2026-12-03T09:00:00Z");
    let third = auto_new(&env, "Printer offline");
    assert_eq!(assignee(&env, &third).as_deref(), Some("ana@example.com"));
    // Away until back: skipped whatever the date.
    env.tk(["team", "away", "bo@example.com"]).success();
    env.set_time("2027-06-01T09:00:00Z");
    let fourth = auto_new(&env, "Switch down");
    let fifth = auto_new(&env, "Router down");
    assert_eq!(assignee(&env, &fourth).as_deref(), Some("ana@example.com"));
    assert_eq!(assignee(&env, &fifth).as_deref(), Some("ana@example.com"));
    env.tk(["team", "back", "bo@example.com"]).success();
    let sixth = env.new_ticket("DNS", &["--category", "network"]);
    env.tk(["assign", &sixth, "--auto-assign"]).success();
    assert_eq!(assignee(&env, &sixth).as_deref(), Some("bo@example.com"));
}

#[test]
fn the_cap_and_everyone_away_leave_nobody_to_assign() {
    let env = TestEnv::new();
    env.set_time("2026-12-01T09:00:00Z");
    team(&env);
    env.tk(["team", "add", "bo@example.com", "--max-open", "1"])
        .success();
    let first = auto_new(&env, "VPN drops");
    let second = auto_new(&env, "Wi-Fi slow");
    let third = auto_new(&env, "Printer offline");
    assert_eq!(assignee(&env, &first).as_deref(), Some("ana@example.com"));
    assert_eq!(assignee(&env, &second).as_deref(), Some("bo@example.com"));
    assert_eq!(
        assignee(&env, &third).as_deref(),
        Some("ana@example.com"),
        "Bo is at his cap of 1"
    );
    insta::assert_snapshot!(env.tk(["team", "list"]), @"
     EMAIL            NAME  SKILLS   OPEN  AWAY
     ana@example.com        network  2     -
     bo@example.com         network  1/1   -
    [exit status: 0]
    ");
    env.tk(["team", "away", "ana@example.com"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "DNS", "--category", "network", "--auto-assign"]), @"
    ------- stderr -------
    error: nobody to assign to: all 2 team members are away or at their open-ticket cap
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip, "nothing was committed");
}

#[test]
fn away_and_back_name_unknown_members_and_past_days() {
    let env = TestEnv::new();
    env.set_time("2026-12-01T09:00:00Z");
    team(&env);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["team", "away", "cy@example.com"]), @"
    ------- stderr -------
    error: cy@example.com is not on the team
    [exit status: 3]
    ");
    insta::assert_snapshot!(env.tk(["team", "away", "ana@example.com", "--until", "2026-11-30"]), @"
    ------- stderr -------
    error: --until 2026-11-30 is in the past (today is 2026-12-01)
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["team", "add", "ana@example.com", "--max-open", "0"]), @"
    ------- stderr -------
    error: invalid value '0' for '--max-open <N>': `0` is not a number from 1 to 10000, or none

    For more information, try '--help'.
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn regression_assign_auto_announced_a_pick_then_failed_with_exit_5() {
    let env = TestEnv::new();
    team(&env);
    let id = env.new_ticket("VPN drops", &["--category", "network"]);
    env.tk(["resolve", &id, "-m", "Rebooted"]).success();
    let tip = env.tip();
    // The refusal comes alone: no "Auto-assigning to …" line before it.
    insta::assert_snapshot!(env.tk(["assign", &id, "--auto-assign"]), @"
    ------- stderr -------
    error: ticket m3zb45p: cannot assign a ticket that is resolved; allowed: close, reopen, rate, comment, set
    [exit status: 5]
    ");
    // The old flag name still works, as an alias.
    assert_eq!(env.tk(["assign", &id, "--auto"]).status, 5);
    assert_eq!(env.tip(), tip);
}
