//! `tk group`: assignment groups, routing by category, `--group` on
//! new/assign/list/set, auto-assignment within a group, escalation to a
//! group, `tk report --by group`, and groups merging through sync.

use crate::common::{json, Pair, TestEnv, TestWorkDir};
use serde_json::Value;

const ME: &str = "test.user@example.com";

fn shown(env: &TestWorkDir, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

/// A desk of three: Ana and Bo work the network group, the test user
/// (`me`) works the service desk, which escalates to network.
fn desk() -> TestEnv {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    env.tk(["team", "add", "ana@corp.example", "--skills", "network"])
        .success();
    env.tk(["team", "add", "bo@corp.example"]).success();
    env.tk(["team", "add", ME]).success();
    env.tk([
        "group",
        "add",
        "network",
        "--members",
        "ana@corp.example,bo@corp.example",
        "--categories",
        "network",
    ])
    .success();
    env.tk([
        "group",
        "add",
        "service-desk",
        "--members",
        "me",
        "--categories",
        "access,other",
        "--escalate-to",
        "network",
    ])
    .success();
    env
}

#[test]
fn groups_are_added_updated_listed_and_removed() {
    let env = desk();
    let out = env.tk(["group", "list"]).success();
    assert_eq!(
        out.stdout,
        " GROUP         MEMBERS                            CATEGORIES     ESCALATE TO  OPEN\n \
         network       ana@corp.example, bo@corp.example  network        -            0\n \
         service-desk  test.user@example.com              access, other  network      0\n"
    );
    // Updating replaces only the values given.
    let out = env.tk([
        "group",
        "add",
        "network",
        "--categories",
        "network,hardware",
    ]);
    assert_eq!(out.status, 0, "{out}");
    assert_eq!(out.stderr, "Updated group network.\n");
    let groups: Vec<Value> = env.tk(["group", "list", "--json"]).json();
    assert_eq!(groups[0]["name"], "network");
    assert_eq!(
        groups[0]["members"],
        serde_json::json!(["ana@corp.example", "bo@corp.example"])
    );
    assert_eq!(
        groups[0]["categories"],
        serde_json::json!(["network", "hardware"])
    );
    assert_eq!(groups[1]["escalate_to"], "network");
    assert_eq!(groups[1]["open"], 0);
    let unchanged = env.tk(["group", "add", "network"]);
    assert_eq!(unchanged.stderr, "Group network is unchanged.\n");
    // The file holds one table per group.
    let toml = env.tk(["config", "show"]).success().stdout;
    assert!(toml.contains("[group.network]\n"), "{toml}");
    assert!(toml.contains("escalate_to = \"network\""), "{toml}");
    // A group another escalates to cannot go; once nothing points at it
    // and no open ticket is in it, it can.
    let out = env.tk(["group", "remove", "network"]);
    assert_eq!(out.status, 5, "{out}");
    assert!(
        out.stderr
            .contains("group service-desk escalates to group network"),
        "{out}"
    );
    env.tk(["group", "add", "service-desk", "--escalate-to", "none"])
        .success();
    let out = env.tk(["group", "remove", "network", "--json"]);
    assert_eq!(out.status, 0, "{out}");
    let done: Value = out.json();
    assert!(done["commit"].is_string());
    assert!(done["config"]["group"].get("network").is_none());
    let out = env.tk(["group", "remove", "network"]);
    assert_eq!(out.status, 3, "{out}");
}

#[test]
fn bad_group_commands_commit_nothing() {
    let env = desk();
    let tip = env.tip();
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["group", "add", "Bad Name"],
            2,
            "error: `bad name` is not a group name",
        ),
        (&["group", "add", "none"], 2, "not `none`"),
        (
            &["group", "add", "x", "--members", "nobody@corp.example"],
            2,
            "error: group x: nobody@corp.example is not on the team (tk team add nobody@corp.example)",
        ),
        (
            &["group", "add", "x", "--categories", "storage"],
            2,
            "error: group x: unknown category `storage`",
        ),
        (
            &["group", "add", "x", "--categories", "network"],
            2,
            "error: group x: category network already goes to group network",
        ),
        (
            &["group", "add", "x", "--escalate-to", "tier9"],
            2,
            "error: group x: --escalate-to tier9 is neither a group nor a team member",
        ),
    ];
    for (args, code, message) in cases {
        let out = env.tk(args);
        assert_eq!(out.status, code, "{args:?}: {out}");
        assert!(out.stderr.contains(message), "{args:?}: {out}");
    }
    assert_eq!(env.tip(), tip);
}

#[test]
fn a_new_ticket_is_routed_by_its_category_and_group_overrides() {
    let env = desk();
    let routed = env.new_ticket("VPN drops", &["--category", "network"]);
    assert_eq!(shown(&env, &routed).group.as_deref(), Some("network"));
    let access = env.new_ticket("Locked out", &["--category", "access"]);
    assert_eq!(shown(&env, &access).group.as_deref(), Some("service-desk"));
    let chosen = env.new_ticket(
        "VPN for the desk",
        &["--category", "network", "--group", "service-desk"],
    );
    assert_eq!(shown(&env, &chosen).group.as_deref(), Some("service-desk"));
    let none = env.new_ticket("No queue", &["--category", "network", "--group", ""]);
    assert_eq!(shown(&env, &none).group, None);
    let unrouted = env.new_ticket("Printer", &["--category", "hardware"]);
    assert_eq!(shown(&env, &unrouted).group, None);
    let tip = env.tip();
    let out = env.tk(["new", "Typo", "--group", "netwrok"]);
    assert_eq!(out.status, 2, "{out}");
    assert_eq!(
        out.stderr,
        "error: unknown group `netwrok`: use one of network, service-desk\n"
    );
    assert_eq!(env.tip(), tip);
    // Shown, listed, filtered and exported.
    let page = env.tk(["show", &routed]).success().stdout;
    assert!(page.contains("Group:      network\n"), "{page}");
    let ids = |args: &[&str]| {
        let mut all = vec!["list", "--format", "ids"];
        all.extend_from_slice(args);
        let out = env.tk(all).success().stdout;
        let mut ids: Vec<String> = out.lines().map(str::to_string).collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    assert_eq!(ids(&["--group", "network"]), vec![routed.clone()]);
    assert_eq!(
        ids(&["--group", "network,service-desk"]),
        sorted(vec![&routed, &access, &chosen])
    );
    assert_eq!(ids(&["--group", "none"]), sorted(vec![&none, &unrouted]));
    let table = env
        .tk(["list", "--group", "network", "--columns", "group,title"])
        .success()
        .stdout;
    assert_eq!(table, " GROUP    TITLE\n network  VPN drops\n");
    let csv = env
        .tk(["export", "--format", "csv", "--group", "network"])
        .success()
        .stdout;
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with(",created,group"), "{header}");
    assert!(lines.next().unwrap().ends_with(",network"), "{csv}");
    let exported: Vec<Value> = env
        .tk(["export", "--group", "service-desk"])
        .success()
        .json();
    assert_eq!(exported.len(), 2);
    assert!(exported.iter().all(|t| t["group"] == "service-desk"));
    // A saved view keeps the group filter.
    env.tk(["view", "save", "net", "--", "--group", "network"])
        .success();
    assert_eq!(ids(&["--view", "net"]), vec![routed]);
}

#[test]
fn mailed_tickets_are_routed_like_any_other() {
    let env = desk();
    env.tk(["config", "set", "mail.category", "access"])
        .success();
    let mail = "From: Kim <kim@corp.example>\r\nTo: help@corp.example\r\nSubject: Cannot log in\r\nMessage-ID: <m1@corp.example>\r\n\r\nPlease help.\r\n";
    let out = env.tk_with_stdin(["mail", "ingest"], mail);
    assert_eq!(out.status, 0, "{out}");
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].group.as_deref(), Some("service-desk"));
}

#[test]
fn assign_and_set_move_a_ticket_between_groups_as_events() {
    let env = desk();
    let id = env.new_ticket("VPN drops", &["--category", "network"]);
    let out = env.tk(["assign", &id, "--group", "service-desk"]);
    assert_eq!(out.status, 0, "{out}");
    assert!(
        out.stderr.starts_with("Moved to group service-desk: "),
        "{out}"
    );
    let t = shown(&env, &id);
    assert_eq!(t.group.as_deref(), Some("service-desk"));
    assert_eq!(t.assignee, None);
    let set = t.events.last().unwrap();
    assert_eq!(
        (set.action.as_str(), set.group.as_deref()),
        ("set", Some("service-desk"))
    );
    let out = env.tk(["assign", &id, "me", "--group", "network"]);
    assert!(
        out.stderr
            .starts_with(&format!("Assigned to {ME} in group network: ")),
        "{out}"
    );
    env.tk(["set", &id, "group=service-desk"]).success();
    assert_eq!(shown(&env, &id).group.as_deref(), Some("service-desk"));
    let timeline = env.tk(["show", &id, "--timeline"]).success().stdout;
    assert!(timeline.contains("set group=network"), "{timeline}");
    assert!(timeline.contains("set group=service-desk"), "{timeline}");
    // Several tickets at once, one commit; an unknown group changes none.
    let other = env.new_ticket("Second", &[]);
    let both = format!("{id},{other}");
    let tip = env.tip();
    let out = env.tk(["assign", &both, "--group", "nope"]);
    assert_eq!(out.status, 2, "{out}");
    assert_eq!(env.tip(), tip);
    env.tk(["assign", &both, "--group", "network"]).success();
    assert_eq!(
        env.git(["rev-list", "--count", &format!("{tip}..{}", env.tip())])
            .trim(),
        "1"
    );
    assert_eq!(shown(&env, &other).group.as_deref(), Some("network"));
    env.tk(["set", &other, "group="]).success();
    assert_eq!(shown(&env, &other).group, None);
    let out = env.tk(["assign", &id, "--group", ""]);
    assert!(out.stderr.starts_with("Taken out of its group: "), "{out}");
    assert_eq!(shown(&env, &id).group, None);
}

#[test]
fn config_set_edits_a_group_key_by_key() {
    let env = desk();
    env.tk(["config", "set", "group.ops.members", "ana@corp.example"])
        .success();
    env.tk(["config", "set", "group.ops.escalate_to", "network"])
        .success();
    let groups: Vec<Value> = env.tk(["group", "list", "--json"]).json();
    let ops = groups.iter().find(|g| g["name"] == "ops").unwrap();
    assert_eq!(ops["members"], serde_json::json!(["ana@corp.example"]));
    assert_eq!(ops["escalate_to"], "network");
    let tip = env.tip();
    let out = env.tk(["config", "set", "group.ops.members", "ana"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("`group.ops.members`"), "{out}");
    assert_eq!(env.tip(), tip);
}

#[test]
fn auto_assignment_picks_within_the_tickets_group() {
    let env = desk();
    // The desk's only member is the test user, though Ana has the skill.
    let id = env.new_ticket(
        "Network login",
        &[
            "--category",
            "network",
            "--group",
            "service-desk",
            "--auto-assign",
        ],
    );
    assert_eq!(shown(&env, &id).assignee.as_deref(), Some(ME));
    // Within network: Ana has the skill, then the load spreads.
    let first = env.tk(["new", "VPN", "--category", "network", "--auto-assign"]);
    assert!(
        first.stderr.contains(
            "Auto-assigning to ana@corp.example: 0 open tickets, the fewest (1 of 2 members of group network has the skill network)."
        ),
        "{first}"
    );
    // Moving a ticket and auto-assigning picks in the new group.
    let moved = env.new_ticket("Wi-Fi", &["--category", "access"]);
    let out = env.tk(["assign", &moved, "--group", "network", "--auto-assign"]);
    assert_eq!(out.status, 0, "{out}");
    let t = shown(&env, &moved);
    assert_eq!(t.group.as_deref(), Some("network"));
    assert!(
        ["ana@corp.example", "bo@corp.example"].contains(&t.assignee.as_deref().unwrap()),
        "{t:?}"
    );
    // Nobody available in the group is the documented failure.
    env.tk(["team", "away", ME]).success();
    let tip = env.tip();
    let out = env.tk(["new", "Password", "--category", "access", "--auto-assign"]);
    assert_eq!(out.status, 2, "{out}");
    assert_eq!(
        out.stderr,
        "error: nobody to assign to: all 1 members of group service-desk are away or at their open-ticket cap\n"
    );
    env.tk(["group", "add", "service-desk", "--members", ""])
        .success();
    let out = env.tk(["new", "Password", "--category", "access", "--auto-assign"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr
            .contains("group service-desk has no team members"),
        "{out}"
    );
    assert_ne!(env.tip(), tip, "only the group change was committed");
}

#[test]
fn removing_a_member_takes_them_out_of_their_groups() {
    let env = desk();
    env.tk(["team", "remove", "bo@corp.example"]).success();
    let groups: Vec<Value> = env.tk(["group", "list", "--json"]).json();
    assert_eq!(
        groups[0]["members"],
        serde_json::json!(["ana@corp.example"])
    );
}

#[test]
fn a_group_with_open_tickets_cannot_be_removed() {
    let env = desk();
    let id = env.new_ticket("VPN drops", &["--category", "network"]);
    env.tk(["group", "add", "service-desk", "--escalate-to", "none"])
        .success();
    let tip = env.tip();
    let out = env.tk(["group", "remove", "network"]);
    assert_eq!(out.status, 5, "{out}");
    assert_eq!(
        out.stderr,
        "error: group network still has 1 open ticket: move them first (tk list --group network, then tk assign ID --group OTHER)\n"
    );
    assert_eq!(env.tip(), tip);
    // Once resolved, the ticket keeps the name as history.
    env.tk(["resolve", &id, "-m", "fixed"]).success();
    env.tk(["group", "remove", "network"]).success();
    assert_eq!(shown(&env, &id).group.as_deref(), Some("network"));
}

#[test]
fn escalation_goes_to_a_group_or_the_groups_target() {
    let env = desk();
    let id = env.new_ticket("Cannot reach the file server", &["--category", "access"]);
    env.tk(["assign", &id, "me"]).success();
    // Without --to, the desk's target: network. The desk's assignee is
    // not in network, so the ticket waits in its queue.
    let out = env.tk(["escalate", &id, "-m", "needs the network team"]);
    assert_eq!(out.status, 0, "{out}");
    assert!(
        out.stderr.starts_with("Escalated to group network: "),
        "{out}"
    );
    let t = shown(&env, &id);
    assert_eq!(t.group.as_deref(), Some("network"));
    assert_eq!(t.assignee, None);
    let timeline = env.tk(["show", &id, "--timeline"]).success().stdout;
    assert!(
        timeline.contains("escalated to group network: needs the network team"),
        "{timeline}"
    );
    let escalate = t.events.iter().find(|e| e.action == "escalate").unwrap();
    assert_eq!(escalate.group.as_deref(), Some("network"));
    // --to GROUP with --auto-assign picks a member there.
    let out = env.tk([
        "escalate",
        &id,
        "--to",
        "service-desk",
        "--auto-assign",
        "-m",
        "back to the desk",
    ]);
    assert_eq!(out.status, 0, "{out}");
    assert!(
        out.stderr
            .contains(&format!("Escalated to group service-desk, {ME}: ")),
        "{out}"
    );
    let t = shown(&env, &id);
    assert_eq!(
        (t.group.as_deref(), t.assignee.as_deref()),
        (Some("service-desk"), Some(ME))
    );
    // --to WHO still hands it to a person; --auto-assign with them is refused.
    let out = env.tk([
        "escalate",
        &id,
        "--to",
        "bo@corp.example",
        "--auto-assign",
        "-m",
        "x",
    ]);
    assert_eq!(out.status, 2, "{out}");
    env.tk(["escalate", &id, "--to", "bo@corp.example", "-m", "Bo knows"])
        .success();
    assert_eq!(
        shown(&env, &id).assignee.as_deref(),
        Some("bo@corp.example")
    );
}

#[test]
fn breached_tickets_escalate_to_their_groups_target() {
    let env = desk();
    let desk_ticket = env.new_ticket("Locked out", &["--category", "access"]);
    let net_ticket = env.new_ticket("VPN drops", &["--category", "network"]);
    // A medium ticket's response target is 4h; a day later both missed it.
    env.advance(24 * 3600);
    let out = env.tk(["escalate", "--breached", "--json"]);
    assert_eq!(out.status, 0, "{out}");
    let escalated: Vec<Value> = out.json();
    assert_eq!(escalated.len(), 2);
    let t = shown(&env, &desk_ticket);
    assert_eq!(
        t.group.as_deref(),
        Some("network"),
        "the desk escalates to network"
    );
    // Network has no target: escalated, but it stays.
    let t = shown(&env, &net_ticket);
    assert_eq!(t.group.as_deref(), Some("network"));
    assert!(t.events.iter().any(|e| e.action == "escalate"));
}

#[test]
fn the_report_breaks_down_by_group() {
    let env = desk();
    env.new_ticket("VPN drops", &["--category", "network"]);
    env.new_ticket("Printer", &["--category", "hardware"]);
    let report: Value = env.tk(["report", "--by", "group", "--json"]).json();
    let text = report.to_string();
    assert!(text.contains("\"network\""), "{text}");
    assert!(text.contains("\"(none)\""), "{text}");
    let out = env.tk(["report", "--by", "group"]).success().stdout;
    assert!(out.contains(" network "), "{out}");
    assert!(out.contains(" (none) "), "{out}");
    let html = env
        .tk(["report", "--by", "group", "--format", "html"])
        .success()
        .stdout;
    assert!(html.contains("<th>network</th>"), "{html}");
}

#[test]
fn two_clones_adding_different_groups_merge() {
    let Pair { alice, bob, .. } = &TestEnv::alice_and_bob();
    alice.tk(["init"]).success();
    alice.tk(["team", "add", "alice@example.com"]).success();
    alice.tk(["team", "add", "bob@example.com"]).success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice
        .tk([
            "group",
            "add",
            "network",
            "--members",
            "me",
            "--categories",
            "network",
        ])
        .success();
    bob.tk([
        "group",
        "add",
        "desk",
        "--members",
        "me",
        "--categories",
        "access",
    ])
    .success();
    alice.tk(["sync"]).success();
    let report: json::Sync = bob.tk(["sync", "--json"]).json();
    assert_eq!(report.outcome, "merged");
    assert!(report.notes.is_empty(), "{report:?}");
    alice.tk(["sync"]).success();
    for clone in [alice, bob] {
        let groups: Vec<Value> = clone.tk(["group", "list", "--json"]).json();
        let names: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["desk", "network"]);
    }
    let id = bob.new_ticket("VPN", &["--category", "network"]);
    assert_eq!(
        shown(bob, &id).group.as_deref(),
        Some("network"),
        "Alice's group routes on Bob's clone"
    );
}
