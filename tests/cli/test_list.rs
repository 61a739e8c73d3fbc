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

/// Imports 600 tickets, "Ticket FIRST" onwards, of every priority in turn
/// and created over October 2026.
fn import_600(env: &TestEnv, first: usize) {
    let mut csv = String::from("Title,priority,created\n");
    let priorities = ["critical", "high", "medium", "low"];
    for i in 0..600 {
        let day = 1 + i % 28;
        let priority = priorities[i % 4];
        csv.push_str(&format!(
            "Ticket {},{priority},2026-10-{day:02}\n",
            first + i
        ));
    }
    let path = env.root().join("desk.csv");
    std::fs::write(&path, csv).expect("can write the csv");
    let path = path.to_str().expect("temp paths are UTF-8");
    env.tk(["import", path]).success();
}

/// A JSON list filtered by status alone sorts by the rows' heads and
/// decodes each shown row once (`scan_heads`); any other filter reads
/// every row whole. Both must print the same document, byte for byte.
#[test]
fn a_json_list_by_status_alone_prints_what_the_whole_rows_print() {
    let env = TestEnv::new();
    import_600(&env, 0);
    let every_priority = ["--priority", "critical,high,medium,low"];
    for extra in [
        &[][..],
        &["--sort", "updated"],
        &["--sort", "created"],
        &["--all", "-n", "70"],
        &["--status", "new"],
    ] {
        let heads = env
            .tk(["list", "--json"].iter().chain(extra))
            .success()
            .stdout;
        let whole = env
            .tk(["list", "--json"]
                .iter()
                .chain(extra)
                .chain(&every_priority))
            .success()
            .stdout;
        assert_eq!(heads, whole, "tk list --json {extra:?}");
        assert!(heads.starts_with("[\n  {"), "{extra:?}: rows are listed");
    }
}

/// A table of more than one batch of rows is laid out on every core
/// (`cli/in_order.rs`): its lines must be the ones a short table lays out
/// on one thread, in the list's order.
#[test]
fn a_long_table_laid_out_on_every_core_keeps_its_order() {
    let env = TestEnv::new();
    // Titles of one width and every priority among the first rows, so that
    // a short table's columns are as wide as the long one's.
    import_600(&env, 100);

    // 600 rows are three batches of lines, laid out on every core; 256
    // are one, laid out on the calling thread.
    let table = env.tk(["list"]).success().stdout;
    let short = env.tk(["list", "-n", "256"]).success().stdout;
    assert_eq!(table.lines().count(), 601, "a header and every row");
    assert!(table.starts_with(&short), "the same first lines");
    let ids = env.tk(["list", "--format", "ids"]).success().stdout;
    for (line, id) in table.lines().skip(1).zip(ids.lines()) {
        let short_id = line.split_whitespace().next().expect("an id cell");
        assert!(id.starts_with(short_id), "{line} is not {id}");
    }
}

/// A list of more than a few batches of rows is rendered as JSON on every
/// core (`cli/in_order.rs`): the document must be the one a short list
/// renders on one thread, row for row, in the list's order.
#[test]
fn a_long_json_list_rendered_on_every_core_keeps_its_order() {
    let env = TestEnv::new();
    import_600(&env, 0);

    let all: Vec<serde_json::Value> = env.tk(["list", "--json"]).json();
    let ids = env.tk(["list", "--format", "ids"]).success().stdout;
    let listed: Vec<&str> = all
        .iter()
        .map(|t| t["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(listed, ids.lines().collect::<Vec<_>>());
    assert_eq!(all.len(), 600);
    // 192 rows are three batches, rendered on the calling thread.
    let short: Vec<serde_json::Value> = env.tk(["list", "--json", "-n", "192"]).json();
    assert_eq!(short, all[..192]);
    // The text, not only the values: the short document's rows are the
    // long one's first rows, byte for byte.
    let text = env.tk(["list", "--json"]).success().stdout;
    let short = env.tk(["list", "--json", "-n", "192"]).success().stdout;
    let rows = short
        .strip_suffix("\n]\n")
        .expect("a JSON array, newline-ended");
    assert!(
        text.starts_with(&format!("{rows},\n  {{")),
        "the same first rows"
    );
    assert!(text.ends_with("\n  }\n]\n"), "one array, newline-ended");
}
