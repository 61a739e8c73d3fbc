use crate::common::{json, TestEnv, TICKETS_REF};

fn member(email: &str, name: &str, skills: &[&str], open: usize) -> json::Member {
    json::Member {
        email: email.to_string(),
        name: name.to_string(),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        open,
        away: None,
        away_now: false,
        max_open: None,
    }
}

#[test]
fn team_add_list_and_remove() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    insta::assert_snapshot!(env.tk(["team", "list"]), @r"
    ------- stderr -------
    No team members yet: add one with tk team add EMAIL --skills network.
    [exit status: 0]
    ");
    let members: Vec<json::Member> = env.tk(["team", "list", "--json"]).json();
    assert!(members.is_empty());

    let before = env.commit_count();
    insta::assert_snapshot!(
        env.tk(["team", "add", "Ana@Example.com", "--name", "Ana Lima", "--skills", "Network, access"]),
        @r"
    ------- stderr -------
    Added ana@example.com to the team.
    [exit status: 0]
    ");
    assert_eq!(env.commit_count(), before + 1);
    insta::assert_snapshot!(env.git(["log", "-1", "--format=%B", TICKETS_REF]), @r"
    tk: team

    Tk-Action: team
    ");
    env.tk([
        "team",
        "add",
        "bo@example.com",
        "--name",
        "Bo Chen",
        "--skills",
        "hardware",
    ])
    .success();
    // Adding again updates only what is given.
    env.tk([
        "team",
        "add",
        "bo@example.com",
        "--skills",
        "hardware,software",
    ])
    .success();
    // The members live in tk.toml, keyed by email.
    let shown: json::ConfigResult = env.tk(["config", "show", "--json"]).json();
    let team = shown.config.team.expect("the team table exists");
    assert_eq!(
        team["bo@example.com"],
        json::TeamMember {
            name: "Bo Chen".to_string(),
            skills: vec!["hardware".to_string(), "software".to_string()],
            away: None,
            max_open: None,
        }
    );

    // Open counts: tickets assigned to the member that are not resolved or
    // closed.
    env.new_ticket("VPN drops", &["--assignee", "ana@example.com"]);
    env.new_ticket("Badge reader", &["--assignee", "ana@example.com"]);
    let done = env.new_ticket("Old laptop", &["--assignee", "bo@example.com"]);
    env.tk(["resolve", &done, "-m", "Replaced."]).success();
    env.new_ticket("Monitor", &["--assignee", "bo@example.com"]);
    insta::assert_snapshot!(env.tk(["team", "list"]), @"
     EMAIL            NAME      SKILLS              OPEN  AWAY
     ana@example.com  Ana Lima  network, access     2     -
     bo@example.com   Bo Chen   hardware, software  1     -
    [exit status: 0]
    ");
    let members: Vec<json::Member> = env.tk(["team", "list", "--json"]).json();
    assert_eq!(
        members,
        [
            member("ana@example.com", "Ana Lima", &["network", "access"], 2),
            member("bo@example.com", "Bo Chen", &["hardware", "software"], 1),
        ]
    );

    let before = env.commit_count();
    insta::assert_snapshot!(env.tk(["team", "remove", "ANA@example.com"]), @r"
    ------- stderr -------
    Removed ana@example.com from the team.
    [exit status: 0]
    ");
    assert_eq!(env.commit_count(), before + 1);
    let members: Vec<json::Member> = env.tk(["team", "list", "--json"]).json();
    assert_eq!(
        members,
        [member(
            "bo@example.com",
            "Bo Chen",
            &["hardware", "software"],
            1
        )]
    );
}

#[test]
fn team_remove_of_an_unknown_member_exits_3() {
    let env = TestEnv::new();
    env.tk(["team", "add", "bo@example.com", "--name", "Bo Chen"])
        .success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["team", "remove", "nobody@example.com"]), @r"
    ------- stderr -------
    error: nobody@example.com is not on the team
    [exit status: 3]
    ");
    assert_eq!(env.tip(), tip);
    insta::assert_snapshot!(env.tk(["team", "add", "bo"]), @r"
    ------- stderr -------
    error: `bo` is not an email address
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn team_writes_print_the_configuration_with_json() {
    let env = TestEnv::new();
    let out: json::ConfigResult = env
        .tk([
            "team",
            "add",
            "bo@example.com",
            "--skills",
            "network",
            "--json",
        ])
        .json();
    assert_eq!(out.commit.as_deref(), Some(env.tip().as_str()));
    let team = out.config.team.expect("the team table exists");
    assert_eq!(team["bo@example.com"].skills, ["network"]);
    assert_eq!(team["bo@example.com"].name, "");
}
