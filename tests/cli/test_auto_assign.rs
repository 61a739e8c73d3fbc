use crate::common::{json, TestEnv};

/// Adds Ana (network, access), Bo (network) and Cy (hardware).
fn team(env: &TestEnv) {
    for (email, name, skills) in [
        ("ana@example.com", "Ana Lima", "network,access"),
        ("bo@example.com", "Bo Chen", "network"),
        ("cy@example.com", "Cy Diaz", "hardware"),
    ] {
        env.tk(["team", "add", email, "--name", name, "--skills", skills])
            .success();
    }
}

fn assignee(env: &TestEnv, id: &str) -> Option<String> {
    let shown: json::Shown = env.tk(["show", id, "--json"]).json();
    shown.assignee
}

#[test]
fn new_auto_assign_picks_the_skilled_member_with_fewest_open_tickets() {
    let env = TestEnv::new();
    team(&env);
    // Ana and Bo have the skill and no tickets: the tie goes to the email
    // that sorts first.
    insta::assert_snapshot!(
        env.tk(["new", "VPN drops", "--category", "network", "--auto-assign"]),
        @r#"
    ph2nnjej1k6zcn0a
    ------- stderr -------
    Auto-assigning to ana@example.com: 0 open tickets, the fewest (2 of 3 members have the skill network).
    Created ph2nnje "VPN drops".
    [exit status: 0]
    "#);
    // Now Bo has fewer.
    let second = env.tk([
        "new",
        "Wi-Fi slow",
        "--category",
        " Network ",
        "--auto-assign",
    ]);
    assert_eq!(
        second.stderr.lines().next(),
        Some("Auto-assigning to bo@example.com: 0 open tickets, the fewest (2 of 3 members have the skill network).")
    );
    let second = second.stdout.trim();
    let shown: json::Shown = env.tk(["show", second, "--json"]).json();
    assert_eq!(
        (shown.assignee.as_deref(), shown.status.as_str()),
        (Some("bo@example.com"), "assigned")
    );
    // One each: Ana again. Cy, who has no tickets but not the skill, is
    // not a candidate.
    let third = env.new_ticket("DNS", &["--category", "network", "--auto-assign"]);
    assert_eq!(assignee(&env, &third).as_deref(), Some("ana@example.com"));
    // Resolved tickets are not open: once Ana's are resolved she has the
    // fewest again.
    env.tk(["resolve", &third, "-m", "Flushed."]).success();
    let out = env.tk(["new", "Proxy", "--category", "network", "--auto-assign"]);
    assert!(
        out.stderr.starts_with("Auto-assigning to ana@example.com: 1 open ticket, the fewest (2 of 3 members have the skill network)."),
        "{out}"
    );
}

#[test]
fn without_a_skilled_member_anyone_is_picked_and_the_reason_says_so() {
    let env = TestEnv::new();
    team(&env);
    env.new_ticket("A", &["--assignee", "ana@example.com"]);
    env.new_ticket("B", &["--assignee", "bo@example.com"]);
    let out = env.tk([
        "new",
        "Phishing mail",
        "--category",
        "security",
        "--auto-assign",
    ]);
    assert_eq!(out.status, 0, "{out}");
    insta::assert_snapshot!(out.stderr, @r#"
    Auto-assigning to cy@example.com: 0 open tickets, the fewest (nobody has the skill security, so among all 3 members).
    Created 3aqnwsa "Phishing mail".
    "#);
    let out = env.tk(["new", "Something", "--auto-assign"]);
    assert_eq!(out.status, 0, "{out}");
    assert_eq!(
        out.stderr.lines().next(),
        Some("Auto-assigning to ana@example.com: 1 open ticket, the fewest (no category, so among all 3 members).")
    );
}

#[test]
fn assign_auto_uses_the_ticket_category() {
    let env = TestEnv::new();
    team(&env);
    env.new_ticket("Laptop", &["--assignee", "cy@example.com"]);
    let id = env.new_ticket("Broken keyboard", &["--category", "hardware"]);
    let before = env.commit_count();
    insta::assert_snapshot!(env.tk(["assign", &id, "--auto-assign"]), @r#"
    ------- stderr -------
    Auto-assigning to cy@example.com: 1 open ticket, the fewest (1 of 3 members has the skill hardware).
    Assigned to cy@example.com: 5a50get "Broken keyboard".
    [exit status: 0]
    "#);
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(assignee(&env, &id).as_deref(), Some("cy@example.com"));
}

#[test]
fn auto_assignment_without_members_is_a_usage_error() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &["--category", "network"]);
    let tip = env.tip();
    insta::assert_snapshot!(
        env.tk(["new", "Printer", "--category", "hardware", "--auto-assign"]),
        @r"
    ------- stderr -------
    error: no team members to assign to
    hint: add one with `tk team add EMAIL --skills network,access`
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["assign", &id, "--auto-assign"]), @r"
    ------- stderr -------
    error: no team members to assign to
    hint: add one with `tk team add EMAIL --skills network,access`
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip, "nothing was committed");
}

#[test]
fn assign_needs_who_or_auto_but_not_both() {
    let env = TestEnv::new();
    team(&env);
    let id = env.new_ticket("VPN drops", &[]);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["assign", &id]), @"
    ------- stderr -------
    error: the following required arguments were not provided:
      <WHO>

    Usage: tk assign <ID> <WHO>

    For more information, try '--help'.
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["assign", &id, "bo@example.com", "--auto-assign"]), @"
    ------- stderr -------
    error: the argument '[WHO]' cannot be used with '--auto-assign'

    Usage: tk assign <ID> <WHO>

    For more information, try '--help'.
    [exit status: 2]
    ");
    insta::assert_snapshot!(
        env.tk(["new", "X", "--assignee", "bo@example.com", "--auto-assign"]),
        @"
    ------- stderr -------
    error: the argument '--assignee <ASSIGNEE>' cannot be used with '--auto-assign'

    Usage: tk new --assignee <ASSIGNEE> <TITLE>

    For more information, try '--help'.
    [exit status: 2]
    "
    );
    assert_eq!(env.tip(), tip);
}
