//! `tk list` options for daily use: several values per filter, dates and
//! spans, --watching, --limit, --format, --columns, and saved views.

use crate::common::{json, TestEnv};

/// Returns the titles `tk list ARGS --json` prints, in order.
fn titles(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let listed: Vec<json::Listed> = env.tk(all).json();
    listed.into_iter().map(|t| t.title).collect()
}

/// Three tickets of different types, priorities, categories and tags.
fn desk(env: &TestEnv) -> [String; 3] {
    let vpn = env.new_ticket(
        "VPN drops",
        &[
            "--category",
            "network",
            "--tag",
            "vpn",
            "--tag",
            "remote",
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
            "--tag",
            "printer",
        ],
    );
    let laptop = env.new_ticket(
        "Laptop slow",
        &[
            "--type",
            "problem",
            "--tag",
            "laptop",
            "--tag",
            "remote",
            "--assignee",
            "bo@example.com",
        ],
    );
    [vpn, printer, laptop]
}

#[test]
fn every_filter_takes_several_values() {
    let env = TestEnv::new();
    desk(&env);
    assert_eq!(
        titles(&env, &["--type", "request,problem"]),
        ["Printer jams", "Laptop slow"]
    );
    assert_eq!(
        titles(&env, &["--priority", "high,medium"]),
        ["VPN drops", "Printer jams", "Laptop slow"]
    );
    assert_eq!(titles(&env, &["--priority", "high"]), ["VPN drops"]);
    assert_eq!(
        titles(&env, &["--category", "network,hardware"]),
        ["VPN drops", "Printer jams"]
    );
    assert_eq!(
        titles(&env, &["--assignee", "none,bo@example.com"]),
        ["VPN drops", "Printer jams", "Laptop slow"]
    );
    assert_eq!(
        titles(&env, &["--assignee", "bo@example.com"]),
        ["Laptop slow"]
    );
    assert_eq!(
        titles(&env, &["--requester", "nobody,test.user"]).len(),
        3,
        "any of the texts"
    );
}

#[test]
fn repeated_tags_must_all_match_and_a_comma_means_either() {
    let env = TestEnv::new();
    desk(&env);
    assert_eq!(
        titles(&env, &["--tag", "remote"]),
        ["VPN drops", "Laptop slow"]
    );
    assert_eq!(
        titles(&env, &["--tag", "remote", "--tag", "vpn"]),
        ["VPN drops"]
    );
    assert_eq!(
        titles(&env, &["--tag", "vpn,printer"]),
        ["VPN drops", "Printer jams"]
    );
    assert_eq!(
        titles(&env, &["--tag", "vpn,laptop", "--tag", "remote"]),
        ["VPN drops", "Laptop slow"]
    );
    assert!(titles(&env, &["--tag", "vpn", "--tag", "printer"]).is_empty());
}

#[test]
fn since_until_and_updated_since_take_dates_and_spans() {
    let env = TestEnv::new();
    env.set_time("2026-03-01T09:00:00Z");
    env.new_ticket("March", &[]);
    env.set_time("2026-03-10T09:00:00Z");
    let later = env.new_ticket("Ten days later", &[]);
    env.set_time("2026-03-20T09:00:00Z");
    env.tk(["comment", &later, "-m", "still there"]).success();
    // The clock now stands at 2026-03-20.
    assert_eq!(titles(&env, &["--since", "2026-03-05"]), ["Ten days later"]);
    assert_eq!(titles(&env, &["--until", "2026-03-01"]), ["March"]);
    assert_eq!(titles(&env, &["--since", "2w"]), ["Ten days later"]);
    assert_eq!(titles(&env, &["--since", "30d"]).len(), 2);
    assert_eq!(titles(&env, &["--until", "15d"]), ["March"]);
    assert_eq!(titles(&env, &["--updated-since", "1d"]), ["Ten days later"]);
    assert_eq!(
        titles(&env, &["--since", "2026-03-01T10:00:00Z"]),
        ["Ten days later"]
    );
    let bad = env.tk(["list", "--since", "last tuesday"]);
    assert_eq!(bad.status, 2, "{bad}");
    assert!(
        bad.stderr
            .contains("is not a date like 2026-11-01, an RFC 3339 time or a span like 1w or 30d"),
        "{bad}"
    );
}

#[test]
fn watching_lists_the_tickets_i_watch() {
    let env = TestEnv::new();
    let [vpn, _, laptop] = desk(&env);
    env.tk(["watch", &vpn]).success();
    env.tk(["watch", &laptop, "carl@example.com"]).success();
    assert_eq!(titles(&env, &["--watching"]), ["VPN drops"]);
}

#[test]
fn limit_keeps_the_first_rows_after_sorting() {
    let env = TestEnv::new();
    desk(&env);
    assert_eq!(
        titles(&env, &["--limit", "2"]),
        ["VPN drops", "Printer jams"]
    );
    assert_eq!(
        titles(&env, &["-n", "1", "--sort", "created"]),
        ["VPN drops"]
    );
    assert_eq!(titles(&env, &["--limit", "0"]), Vec::<String>::new());
}

#[test]
fn formats_for_scripts() {
    let env = TestEnv::new();
    let [vpn, printer, laptop] = desk(&env);
    let ids = env.tk(["list", "--format", "ids"]).success();
    assert_eq!(ids.stdout, format!("{vpn}\n{printer}\n{laptop}\n"));
    let tsv = env
        .tk(["list", "--format", "tsv", "--columns", "id,pri,tags,title"])
        .success();
    assert_eq!(
        tsv.stdout,
        format!(
            "id\tpri\ttags\ttitle\n{vpn}\thigh\tremote,vpn\tVPN drops\n{printer}\tmedium\tprinter\tPrinter jams\n{laptop}\tmedium\tlaptop,remote\tLaptop slow\n"
        )
    );
    env.tk(["set", &printer, "title=Printer \"B2\", jams"])
        .success();
    let csv = env
        .tk(["list", "--format", "csv", "--columns", "title,category"])
        .success();
    assert_eq!(
        csv.stdout,
        "title,category\nVPN drops,network\n\"Printer \"\"B2\"\", jams\",hardware\nLaptop slow,-\n"
    );
    let listed: Vec<json::Listed> = env.tk(["list", "--format", "json"]).json();
    assert_eq!(listed.len(), 3);
}

#[test]
fn columns_pick_and_order_the_table() {
    let env = TestEnv::new();
    desk(&env);
    insta::assert_snapshot!(env.tk(["list", "--columns", "title,priority,requester"]), @r"
     TITLE         PRI     REQUESTER
     VPN drops     high    Test User <test.user@example.com>
     Printer jams  medium  Test User <test.user@example.com>
     Laptop slow   medium  Test User <test.user@example.com>
    [exit status: 0]
    ");
    let bad = env.tk(["list", "--columns", "id,colour"]);
    assert_eq!(bad.status, 2, "{bad}");
}

/// In a pipe, rows carried the spaces that pad the last column.
#[test]
fn list_in_a_pipe_has_no_trailing_whitespace() {
    let env = TestEnv::new();
    env.new_ticket("A long title that is the widest cell", &[]);
    env.new_ticket("Short", &[]);
    let out = env.tk(["list"]).success();
    assert!(!out.stdout.is_empty());
    for line in out.stdout.lines() {
        assert_eq!(line, line.trim_end(), "trailing whitespace in {line:?}");
    }
}

#[test]
fn saved_views_are_shared_in_tk_toml() {
    let env = TestEnv::new();
    desk(&env);
    let saved = env.tk([
        "view",
        "save",
        "remote-work",
        "--",
        "--tag",
        "remote",
        "--sort",
        "created",
    ]);
    insta::assert_snapshot!(saved, @r"
    ------- stderr -------
    Saved view remote-work: tk list --view remote-work.
    [exit status: 0]
    ");
    assert_eq!(
        titles(&env, &["--view", "remote-work"]),
        ["VPN drops", "Laptop slow"]
    );
    // Flags given with --view add to the view's.
    assert_eq!(
        titles(&env, &["--view", "remote-work", "--type", "problem"]),
        ["Laptop slow"]
    );
    let toml = env.tk(["config", "show"]).success().stdout;
    assert!(
        toml.contains("[views]\nremote-work = [\"--tag\", \"remote\", \"--sort\", \"created\"]"),
        "{toml}"
    );
    insta::assert_snapshot!(env.tk(["view", "list"]), @r"
    remote-work	--tag remote --sort created
    [exit status: 0]
    ");
    let listed: serde_json::Value = env.tk(["view", "list", "--json"]).json();
    assert_eq!(
        listed,
        serde_json::json!([{"name": "remote-work", "args": ["--tag", "remote", "--sort", "created"]}])
    );
    env.tk(["view", "remove", "remote-work"]).success();
    let gone = env.tk(["list", "--view", "remote-work"]);
    assert_eq!(gone.status, 3, "{gone}");
    assert!(
        gone.stderr.contains("no saved view `remote-work`"),
        "{gone}"
    );
}

#[test]
fn a_view_is_checked_before_it_is_saved() {
    let env = TestEnv::new();
    desk(&env);
    let commits = env.commit_count();
    let bad = env.tk(["view", "save", "mine", "--", "--colour", "red"]);
    assert_eq!(bad.status, 2, "{bad}");
    assert!(bad.stderr.contains("view `mine`"), "{bad}");
    let bad_name = env.tk(["view", "save", "My View", "--", "--all"]);
    assert_eq!(bad_name.status, 2, "{bad_name}");
    assert_eq!(env.commit_count(), commits, "nothing was committed");
    let missing = env.tk(["view", "remove", "nothing"]);
    assert_eq!(missing.status, 3, "{missing}");
}

#[test]
fn views_merge_per_name_through_sync() {
    let (_env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    alice.tk(["new", "Shared"]).success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice
        .tk(["view", "save", "mine", "--", "--assignee", "me"])
        .success();
    bob.tk([
        "view",
        "save",
        "urgent",
        "--",
        "--priority",
        "critical,high",
    ])
    .success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice.tk(["sync"]).success();
    for dir in [alice, bob] {
        let listed: serde_json::Value = dir.tk(["view", "list", "--json"]).json();
        let names: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["mine", "urgent"]);
    }
}
