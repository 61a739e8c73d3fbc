use crate::common::{json, TestEnv};
use std::collections::HashMap;
use tk::model::IdGenerator;

#[test]
fn show_accepts_any_unique_prefix_of_four_or_more() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    for prefix in [&id[..4], &id[..7], &id.to_uppercase()[..6], id.as_str()] {
        let shown: json::Shown = env.tk(["show", prefix, "--json"]).json();
        assert_eq!(shown.id, id, "prefix {prefix}");
    }
    insta::assert_snapshot!(env.tk(["show", &id[..3]]), @r"
        ------- stderr -------
        error: ticket id prefix `tzs` is too short: give at least 4 characters
        [exit status: 2]
        ");
}

#[test]
fn show_unknown_id_exits_3() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["show", "zzzz"]), @r"
        ------- stderr -------
        error: no ticket matches `zzzz`
        hint: `tk list --all` shows every ticket
        [exit status: 3]
        ");
    env.new_ticket("Something", &[]);
    insta::assert_snapshot!(env.tk(["show", "zzzz"]), @r"
        ------- stderr -------
        error: no ticket matches `zzzz`
        hint: `tk list --all` shows every ticket
        [exit status: 3]
        ");
    insta::assert_snapshot!(env.tk(["show", "vpn-1"]), @r"
        ------- stderr -------
        error: invalid ticket id `vpn-1`: ids use only 0-9 and a-z without i, l, o, u
        [exit status: 3]
        ");
}

/// Returns two seeds whose first ticket ids share their first 4
/// characters, found by brute force.
pub(crate) fn colliding_seeds() -> (u64, u64) {
    let mut seen: HashMap<String, u64> = HashMap::new();
    for seed in 1_000.. {
        let id = IdGenerator::from_seed(seed).ticket_id();
        if let Some(other) = seen.insert(id.as_str()[..4].to_string(), seed) {
            return (other, seed);
        }
    }
    unreachable!()
}

#[test]
fn an_ambiguous_prefix_exits_4_and_lists_the_candidates() {
    let env = TestEnv::new();
    let (a, b) = colliding_seeds();
    let mut ids = Vec::new();
    for (seed, title) in [(a, "First"), (b, "Second")] {
        let mut cmd = env.tk_cmd(["new", title]);
        cmd.env("TK_ID_SEED", seed.to_string());
        let out = env.run(cmd).success();
        ids.push(out.stdout.trim_end().to_string());
    }
    assert_eq!(ids[0][..4], ids[1][..4]);
    let tip = env.tip();
    let out = env.tk(["show", &ids[0][..4]]);
    assert_eq!(out.status, 4, "{out}");
    for id in &ids {
        assert!(out.stderr.contains(&id[..7]), "{out}");
    }
    insta::assert_snapshot!(out, @r#"
        ------- stderr -------
        error: ticket id `803w` is ambiguous: it matches 803w67d "Second", 803wch5 "First"
        hint: give more characters of the id
        [exit status: 4]
        "#);
    let out = env.tk(["comment", &ids[1][..4], "-m", "which one?"]);
    assert_eq!(out.status, 4, "{out}");
    assert_eq!(env.tip(), tip, "a failed write changes nothing");
    // A longer prefix picks one.
    let common = ids[0]
        .chars()
        .zip(ids[1].chars())
        .take_while(|(x, y)| x == y)
        .count();
    let shown: json::Shown = env.tk(["show", &ids[1][..=common], "--json"]).json();
    assert_eq!(shown.id, ids[1]);
}

#[test]
fn show_names_an_assignee_the_team_names_and_json_keeps_the_email() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    env.tk(["team", "add", "bo@example.com", "--name", "Bo Chen"])
        .success();
    env.tk(["assign", &id, "bo@example.com"]).success();
    let out = env.tk(["show", &id]).success();
    assert!(
        out.stdout
            .contains("Assignee:   Bo Chen <bo@example.com>\n"),
        "{out}"
    );
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.assignee.as_deref(), Some("bo@example.com"));
    // Someone the team does not name is shown as tk has them.
    env.tk(["assign", &id, "cy@example.com"]).success();
    let out = env.tk(["show", &id]).success();
    assert!(out.stdout.contains("Assignee:   cy@example.com\n"), "{out}");
}
