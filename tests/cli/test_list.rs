use crate::common::{json, TestEnv};

/// Returns the titles `tk list ARGS --json` prints, in order.
fn titles(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let listed: Vec<json::Listed> = env.tk(all).json();
    listed.into_iter().map(|t| t.title).collect()
}

#[test]
fn list_sorts_by_priority_then_oldest_first() {
    let env = TestEnv::new();
    env.new_ticket("old low", &["--impact", "low"]);
    env.new_ticket("old critical", &["--impact", "high", "--urgency", "high"]);
    env.new_ticket("new low", &["--impact", "low"]);
    env.new_ticket("new critical", &["--priority", "critical"]);
    env.new_ticket("medium", &[]);
    insta::assert_snapshot!(env.tk(["list"]), @"
     ID       PRI       STATUS  TYPE      AGE  DUE     ASSIGNEE  TITLE
     29x08eh  critical  new     incident  4m   in 11m  -         old critical
     ph2nnje  critical  new     incident  2m   in 13m  -         new critical
     5a50get  medium    new     incident  1m   in 3h   -         medium
     tzsp6d6  low       new     incident  5m   in 23h  -         old low
     m3zb45p  low       new     incident  3m   in 23h  -         new low
    [exit status: 0]
    ");
    // `ls` is the same command.
    let ls: Vec<json::Listed> = env.tk(["ls", "--json"]).json();
    let titles: Vec<&str> = ls.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "old critical",
            "new critical",
            "medium",
            "old low",
            "new low"
        ]
    );
}

#[test]
fn list_filters() {
    let env = TestEnv::new();
    let vpn = env.new_ticket(
        "VPN drops",
        &[
            "--category",
            "Network",
            "--tag",
            "vpn",
            "--requester",
            "Ana Lima <ana@example.com>",
            "--impact",
            "high",
        ],
    );
    let printer = env.new_ticket(
        "Printer jams",
        &[
            "--type",
            "request",
            "--category",
            "hardware",
            "--assignee",
            "me",
        ],
    );
    let laptop = env.new_ticket(
        "Laptop slow",
        &[
            "--tag",
            "laptop",
            "--assignee",
            "Bo <bo@example.com>",
            "--requester",
            "carl@example.com",
        ],
    );
    let done = env.new_ticket("Password reset", &["--type", "request", "--tag", "vpn"]);
    env.tk(["start", &laptop]).success();
    env.tk(["close", &done, "--reason", "duplicate"]).success();
    let _ = (vpn, printer);

    // Closed tickets are hidden unless asked for.
    assert_eq!(
        titles(&env, &[]),
        ["VPN drops", "Printer jams", "Laptop slow"]
    );
    assert_eq!(
        titles(&env, &["--all"]),
        ["VPN drops", "Printer jams", "Laptop slow", "Password reset"]
    );
    assert_eq!(titles(&env, &["--status", "closed"]), ["Password reset"]);
    assert_eq!(
        titles(&env, &["--status", "in-progress,assigned"]),
        ["Printer jams", "Laptop slow"]
    );
    assert_eq!(titles(&env, &["--assignee", "me"]), ["Printer jams"]);
    assert_eq!(
        titles(&env, &["--assignee", "bo@example.com"]),
        ["Laptop slow"]
    );
    assert_eq!(titles(&env, &["--assignee", "none"]), ["VPN drops"]);
    assert_eq!(titles(&env, &["--type", "request"]), ["Printer jams"]);
    assert_eq!(
        titles(&env, &["--type", "request", "--all"]),
        ["Printer jams", "Password reset"]
    );
    assert_eq!(titles(&env, &["--priority", "high"]), ["VPN drops"]);
    assert_eq!(titles(&env, &["--category", "NETWORK"]), ["VPN drops"]);
    assert_eq!(titles(&env, &["--tag", "vpn"]), ["VPN drops"]);
    assert_eq!(titles(&env, &["--requester", "ana"]), ["VPN drops"]);
    assert_eq!(titles(&env, &["--requester", "carl@"]), ["Laptop slow"]);
    assert_eq!(
        titles(&env, &["--requester", "test.user"]),
        ["Printer jams"]
    );
    assert_eq!(titles(&env, &["--tag", "nothing"]), Vec::<String>::new());
}

#[test]
fn list_with_no_match_says_so_on_stderr() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["list"]), @r"
        ------- stderr -------
        No tickets match.
        [exit status: 0]
        ");
    env.new_ticket("One", &[]);
    insta::assert_snapshot!(env.tk(["list", "--status", "waiting"]), @r"
        ------- stderr -------
        No tickets match.
        [exit status: 0]
        ");
    insta::assert_snapshot!(env.tk(["list", "--status", "done"]), @r"
        ------- stderr -------
        error: invalid value 'done' for '--status <STATUS>': invalid status `done`: expected one of new, assigned, in-progress, waiting, resolved, closed

        For more information, try '--help'.
        [exit status: 2]
        ");
}
