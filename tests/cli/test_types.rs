//! `tk type`: the team's own types, minimum priorities and type targets.

use crate::common::{json, TestEnv};
use serde_json::Value;

fn shown(env: &TestEnv, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

#[test]
fn regression_an_emergency_got_priority_medium() {
    let env = TestEnv::new();
    let id = env.new_ticket("Data centre on fire", &["--type", "emergency"]);
    let t = shown(&env, &id);
    assert_eq!(t.priority, "critical");
    assert_eq!(t.response_target.as_deref(), Some("15m"));
    // An explicit priority still wins.
    let id = env.new_ticket("Drill", &["--type", "emergency", "--priority", "low"]);
    assert_eq!(shown(&env, &id).priority, "low");
    // Changing the type recomputes the priority.
    let id = env.new_ticket("Printer smokes", &[]);
    env.tk(["set", &id, "type=emergency"]).success();
    assert_eq!(shown(&env, &id).priority, "critical");
}

#[test]
fn a_team_adds_its_own_type_with_a_minimum_and_targets() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    insta::assert_snapshot!(env.tk(["type", "add", "change", "--min-priority", "high", "--response", "30m", "--resolution", "2d"]), @"
    ------- stderr -------
    Added type change.
    [exit status: 0]
    ");
    let id = env.new_ticket(
        "Swap the core switch",
        &["--type", "change", "--impact", "low"],
    );
    let t = shown(&env, &id);
    assert_eq!(
        (t.ticket_type.as_str(), t.priority.as_str()),
        ("change", "high")
    );
    assert_eq!(t.response_target.as_deref(), Some("30m"));
    assert_eq!(t.resolution_target.as_deref(), Some("2d"));
    let listed: Vec<json::Listed> = env.tk(["list", "--type", "change", "--json"]).json();
    assert_eq!(listed.len(), 1);
    let types: Vec<Value> = env.tk(["type", "list", "--json"]).json();
    let change = types.iter().find(|t| t["name"] == "change").unwrap();
    assert_eq!(change["min_priority"], "high");
    insta::assert_snapshot!(env.tk(["type", "list"]), @"
     TYPE         MIN PRIORITY  RESPONSE  RESOLUTION
     incident     -             -         -
     request      -             -         -
     problem      -             -         -
     question     -             -         -
     improvement  -             -         -
     training     -             -         -
     emergency    critical      -         -
     change       high          30m       2d
    [exit status: 0]
    ");
    // Removed: the ticket keeps its type, new ones cannot have it.
    env.tk(["type", "remove", "change"]).success();
    assert_eq!(shown(&env, &id).ticket_type, "change");
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "Another", "--type", "change"]), @"
    ------- stderr -------
    error: this team does not use type `change`: use one of incident, request, problem, question, improvement, training, emergency
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn bad_type_commands_commit_nothing() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["type", "add", "Bad Name"]), @"
    ------- stderr -------
    error: invalid value 'Bad Name' for '<NAME>': invalid type `Bad Name`: expected one of a built-in type, a name of lower-case letters, digits and `-` (at most 32)

    For more information, try '--help'.
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["type", "add", "change", "--response", "1h"]), @"
    ------- stderr -------
    error: the following required arguments were not provided:
      --resolution <SPAN>

    Usage: tk type add --response <SPAN> --resolution <SPAN> <NAME>

    For more information, try '--help'.
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["type", "remove", "nonsense"]), @"
    ------- stderr -------
    error: this team does not use type `nonsense`
    [exit status: 3]
    ");
    assert_eq!(env.tip(), tip);
}
