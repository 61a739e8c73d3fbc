//! `tk import`: tk's own JSON export, CSV with named columns and gh's issue
//! JSON, each idempotent, all or nothing, in one commit.

use crate::common::{Pair, TestEnv, TestWorkDir};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Writes `text` to `name` under the environment's root and returns its path.
fn file(env: &TestEnv, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = env.root().join(name);
    std::fs::write(&path, text).expect("can write a fixture");
    path
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// Returns the tickets of `tk export --all --sort created`, without the SLA
/// clocks (computed at the time of each export).
fn exported(dir: &TestWorkDir) -> Vec<Value> {
    let mut export: Value = dir.tk(["export", "--all", "--sort", "created"]).json();
    assert_eq!(export["format"], "tk-export");
    let mut tickets: Vec<Value> =
        serde_json::from_value(export["tickets"].take()).expect("tickets are an array");
    for ticket in &mut tickets {
        ticket
            .as_object_mut()
            .expect("a ticket is an object")
            .remove("sla");
    }
    tickets
}

/// A desk with every kind of event: comments, assignment, a resolution
/// and rating, a link, a watcher, a closed duplicate.
fn busy_desk(env: &TestEnv) {
    let printer = env.new_ticket(
        "Printer jams — café",
        &["--category", "hardware", "--tag", "printer", "-m", "Tray 2"],
    );
    env.tk(["comment", &printer, "-m", "Still stuck", "--internal"])
        .success();
    env.tk(["assign", &printer, "me"]).success();
    env.tk(["start", &printer]).success();
    env.tk(["resolve", &printer, "-m", "Replaced the roller"])
        .success();
    env.tk(["rate", &printer, "5", "-m", "fast"]).success();
    let vpn = env.new_ticket("VPN drops", &["--impact", "high"]);
    env.tk(["watch", &vpn, "bob@example.com"]).success();
    let again = env.new_ticket("VPN drops again", &[]);
    env.tk(["close", &again, "--reason", "duplicate", "-m", "same"])
        .success();
    env.tk(["link", &again, &vpn, "--as", "relates"]).success();
}

#[test]
fn json_export_imported_into_an_empty_desk_exports_the_same() {
    let source = TestEnv::new();
    busy_desk(&source);
    let before = exported(&source);
    let path = source.root().join("desk.json");
    source.tk(["export", "--all", "-o", arg(&path)]).success();

    let target = TestEnv::new();
    let out = target.tk(["import", arg(&path), "--json"]);
    let result: Value = out.json();
    assert_eq!(result["imported"], 3);
    assert_eq!(result["present"], 0);
    assert_eq!(result["dry_run"], false);
    assert_eq!(result["commit"], target.tip().as_str());
    assert_eq!(target.commit_count(), 1, "one commit for the import");
    assert_eq!(exported(&target), before);
}

#[test]
fn reimporting_the_same_file_adds_nothing() {
    let source = TestEnv::new();
    busy_desk(&source);
    let path = source.root().join("desk.json");
    source.tk(["export", "--all", "-o", arg(&path)]).success();
    let target = TestEnv::new();
    target.tk(["import", arg(&path)]).success();
    let tip = target.tip();
    insta::assert_snapshot!(target.tk(["import", arg(&path)]), @"
    ------- stderr -------
    0 imported, 3 already present.
    [exit status: 0]
    ");
    assert_eq!(target.tip(), tip);
    // Importing into the desk it came from finds every ticket there.
    let out = source.tk(["import", arg(&path), "--json"]);
    let result: Value = out.json();
    assert_eq!(result["imported"], 0);
    assert_eq!(result["present"], 3);
    assert_eq!(result["commit"], Value::Null);
}

#[test]
fn dry_run_lists_the_tickets_and_writes_nothing() {
    let env = TestEnv::new();
    let csv = file(
        &env,
        "desk.csv",
        "title,category\nMouse broken,hardware\nDisk full,software\n",
    );
    let before = env.ref_target("refs/heads/tk/tickets");
    let out = env.tk(["import", arg(&csv), "--dry-run"]).success();
    assert_eq!(out.stdout.lines().count(), 2, "{out}");
    assert!(out.stdout.contains("\tline 2\tMouse broken"), "{out}");
    assert!(out.stdout.contains("\tline 3\tDisk full"), "{out}");
    assert!(
        out.stderr
            .contains("2 would be imported, 0 already present; nothing committed (--dry-run)."),
        "{out}"
    );
    assert_eq!(env.ref_target("refs/heads/tk/tickets"), before);
    let result: Value = env.tk(["import", arg(&csv), "--dry-run", "--json"]).json();
    assert_eq!(result["dry_run"], true);
    assert_eq!(result["imported"], 2);
    assert_eq!(result["commit"], Value::Null);
    assert_eq!(result["created"][0]["line"], 2);
    assert_eq!(env.ref_target("refs/heads/tk/tickets"), before);
    // The ids a dry run shows are the ones the import gives.
    let done: Value = env.tk(["import", arg(&csv), "--json"]).json();
    assert_eq!(done["created"], result["created"]);
}

#[test]
fn csv_rows_become_tickets_with_their_status() {
    let env = TestEnv::new();
    let csv = file(
        &env,
        "desk.csv",
        "Status,Title,Resolution,Requester,Assignee,created,tags,priority,type,id\n\
         resolved,Mouse broken,Replaced it,Carl <carl@example.com>,,2026-11-20,\"hw, Mouse\",high,request,INC-1\n\
         in-progress,Laptop slow,,,ann@example.com,2026-11-21 10:00,,,,INC-2\n\
         ,Disk full,,,,,,,,\n",
    );
    let result: Value = env.tk(["import", arg(&csv), "--json"]).json();
    assert_eq!(result["imported"], 3);
    let ids: Vec<String> = (0..3)
        .map(|n| {
            result["created"][n]["id"]
                .as_str()
                .expect("an id")
                .to_string()
        })
        .collect();
    assert_eq!(result["created"][0]["source"], "csv:INC-1");
    let mouse: Value = env.tk(["show", &ids[0], "--json"]).json();
    assert_eq!(mouse["status"], "resolved");
    assert_eq!(mouse["priority"], "high");
    assert_eq!(mouse["type"], "request");
    assert_eq!(mouse["tags"], serde_json::json!(["hw", "mouse"]));
    assert_eq!(mouse["requester"]["email"], "carl@example.com");
    assert_eq!(mouse["created"], "2026-11-20T00:00:00Z");
    assert_eq!(mouse["resolution"]["summary"], "Replaced it");
    assert_eq!(mouse["resolution"]["by"], "tk import <import@tk.invalid>");
    assert_eq!(mouse["events"][0]["by"], "Carl <carl@example.com>");
    let laptop: Value = env.tk(["show", &ids[1], "--json"]).json();
    assert_eq!(laptop["status"], "in-progress");
    assert_eq!(laptop["assignee"], "ann@example.com");
    assert_eq!(laptop["created"], "2026-11-21T10:00:00Z");
    let disk: Value = env.tk(["show", &ids[2], "--json"]).json();
    assert_eq!(disk["status"], "new");
    assert_eq!(disk["requester"], Value::Null);
    // The same rows again, in another order: nothing new.
    let shuffled = file(
        &env,
        "again.csv",
        "id,title,status,resolution,requester,assignee,created,tags,priority,type\n\
         INC-2,Laptop slow,in-progress,,,ann@example.com,2026-11-21 10:00,,,\n",
    );
    let again: Value = env.tk(["import", arg(&shuffled), "--json"]).json();
    assert_eq!(again["imported"], 0);
    assert_eq!(again["already_present"][0]["id"], ids[1].as_str());
}

#[test]
fn bad_csv_rows_are_all_reported_by_line_and_nothing_is_committed() {
    let env = TestEnv::new();
    env.new_ticket("Already here", &[]);
    let tip = env.tip();
    let csv = file(
        &env,
        "bad.csv",
        "title,category,status,priority\n\
         Fine,hardware,,\n\
         Disk full,storage,,\n\
         \"Two\nlines\",,resolved,\n\
         ,,,\n\
         Loud fan,,,urgent\n\
         Short row\n",
    );
    insta::assert_snapshot!(env.tk(["import", arg(&csv)]), @r"
    ------- stderr -------
    error: $TEST_ENV/bad.csv: line 3: unknown category `storage`: use one of network, hardware, software, access, security, other
    error: $TEST_ENV/bad.csv: line 4: status resolved needs a resolution: add a `resolution` column
    error: $TEST_ENV/bad.csv: line 6: the title is empty
    error: $TEST_ENV/bad.csv: line 7: invalid priority `urgent`: expected one of critical, high, medium, low, planning
    error: $TEST_ENV/bad.csv: line 8: 1 field, but the header names 4 columns
    error: nothing imported: 5 bad records in $TEST_ENV/bad.csv
    hint: fix them and import the file again; records already imported are skipped
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);
    let out = env.tk(["import", arg(&csv), "--json"]);
    assert_eq!(out.status, 2);
    let result: Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    assert_eq!(result["imported"], 0);
    let lines: Vec<&Value> = result["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| &e["line"])
        .collect();
    assert_eq!(lines, [3, 4, 6, 7, 8]);
    assert_eq!(env.tip(), tip);
}

#[test]
fn an_import_of_one_ticket_is_named_import_in_its_commit() {
    let env = TestEnv::new();
    let csv = file(&env, "one.csv", "title\nMouse broken\n");
    env.tk(["import", arg(&csv)]).success();
    let message = env.git(["log", "-1", "--format=%B", "refs/heads/tk/tickets"]);
    assert!(message.starts_with("tk: import "), "{message}");
    assert!(message.contains("Tk-Action: import"), "{message}");
}

#[test]
fn csv_groups_are_checked_against_the_team() {
    let env = TestEnv::new();
    env.tk(["group", "add", "field-service"]).success();
    let csv = file(
        &env,
        "groups.csv",
        "title,group\nPrinter on fire,field-service\nVPN drops,nosuch\n",
    );
    let out = env.tk(["import", arg(&csv)]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("groups.csv: line 3: "), "{out}");
    assert!(!out.stderr.contains("line 2"), "{out}");
    let csv = file(
        &env,
        "group.csv",
        "title,group\nPrinter on fire,field-service\n",
    );
    let result: Value = env.tk(["import", arg(&csv), "--json"]).json();
    let id = result["created"][0]["id"].as_str().expect("an id");
    let shown: Value = env.tk(["show", id, "--json"]).json();
    assert_eq!(shown["group"], "field-service");
}

#[test]
fn unknown_csv_columns_are_refused() {
    let env = TestEnv::new();
    let csv = file(&env, "typo.csv", "title,catgory\nMouse,hardware\n");
    let out = env.tk(["import", arg(&csv)]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("line 1: unknown column `catgory`; the columns are id,"),
        "{out}"
    );
    let csv = file(&env, "twice.csv", "title,Title\nMouse,Mouse\n");
    let out = env.tk(["import", arg(&csv)]);
    assert!(out.stderr.contains("column `title` is repeated"), "{out}");
    let csv = file(&env, "none.csv", "category\nhardware\n");
    let out = env.tk(["import", arg(&csv)]);
    assert!(out.stderr.contains("there is no `title` column"), "{out}");
}

/// Issues as `gh issue list --json number,title,body,state,author,createdAt,closedAt,labels,comments` prints them.
const GH_ISSUES: &str = r#"[
  {
    "author": {"id": "MDQ6VXNlcjE=", "is_bot": false, "login": "octocat", "name": "The Octocat"},
    "body": "The build fails on main.",
    "closedAt": "2026-11-10T12:00:00Z",
    "comments": [
      {"id": "IC_2", "author": {"login": "octocat"}, "authorAssociation": "OWNER", "body": "Thanks!", "createdAt": "2026-11-10T11:30:00Z", "includesCreatedEdit": false, "isMinimized": false, "minimizedReason": "", "reactionGroups": [], "url": "https://github.com/acme/desk/issues/12#issuecomment-2", "viewerDidAuthor": false},
      {"id": "IC_1", "author": {"login": "hubot"}, "authorAssociation": "MEMBER", "body": "Fixed in #13.", "createdAt": "2026-11-10T11:00:00Z", "includesCreatedEdit": false, "isMinimized": false, "minimizedReason": "", "reactionGroups": [], "url": "https://github.com/acme/desk/issues/12#issuecomment-1", "viewerDidAuthor": false}
    ],
    "createdAt": "2026-11-09T08:00:00Z",
    "labels": [{"id": "LA_1", "name": "bug", "description": "Something isn't working", "color": "d73a4a"}, {"id": "LA_2", "name": "CI", "description": "", "color": "ededed"}],
    "number": 12,
    "state": "CLOSED",
    "title": "Build fails on main"
  },
  {
    "author": {"login": "monalisa"},
    "body": "",
    "closedAt": null,
    "comments": [],
    "createdAt": "2026-11-20T08:00:00Z",
    "labels": [],
    "number": 14,
    "state": "OPEN",
    "title": "Add dark mode"
  }
]"#;

#[test]
fn github_issues_keep_labels_comments_and_their_closing() {
    let env = TestEnv::new();
    let gh = file(&env, "issues.json", GH_ISSUES);
    let out = env.tk(["import", arg(&gh), "--format", "github"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("give --source OWNER/REPO"), "{out}");
    let result: Value = env
        .tk([
            "import",
            arg(&gh),
            "--format",
            "github",
            "--source",
            "acme/desk",
            "--json",
        ])
        .json();
    assert_eq!(result["imported"], 2);
    assert_eq!(result["created"][0]["source"], "github:acme/desk#12");
    let id = result["created"][0]["id"].as_str().expect("an id");
    let build: Value = env.tk(["show", id, "--json"]).json();
    assert_eq!(build["title"], "Build fails on main");
    assert_eq!(build["description"], "The build fails on main.");
    assert_eq!(build["tags"], serde_json::json!(["bug", "ci"]));
    assert_eq!(
        build["requester"]["email"],
        "octocat@users.noreply.github.com"
    );
    assert_eq!(build["created"], "2026-11-09T08:00:00Z");
    assert_eq!(build["status"], "closed");
    assert_eq!(build["resolution"]["summary"], "closed on GitHub");
    assert_eq!(build["closed"], "2026-11-10T12:00:00Z");
    let comments = build["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["by"], "hubot <hubot@users.noreply.github.com>");
    assert_eq!(comments[0]["at"], "2026-11-10T11:00:00Z");
    assert_eq!(comments[1]["body"], "Thanks!");
    let mode: Value = env
        .tk([
            "show",
            result["created"][1]["id"].as_str().expect("an id"),
            "--json",
        ])
        .json();
    assert_eq!(mode["status"], "new");
    assert_eq!(mode["description"], Value::Null);
}

#[test]
fn github_issues_imported_on_two_clones_are_one_ticket_each_after_sync() {
    let Pair { env, alice, bob } = &TestEnv::alice_and_bob();
    let gh = file(env, "issues.json", GH_ISSUES);
    for clone in [alice, bob] {
        clone
            .tk([
                "import",
                arg(&gh),
                "--format",
                "github",
                "--source",
                "acme/desk",
            ])
            .success();
    }
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice.tk(["sync"]).success();
    let listed: Vec<Value> = bob.tk(["list", "--all", "--json"]).json();
    assert_eq!(listed.len(), 2);
    assert_eq!(exported(alice), exported(bob));
    let shown: Value = bob
        .tk(["show", "--json", listed[0]["id"].as_str().expect("id")])
        .json();
    assert!(shown["events"]
        .as_array()
        .expect("events")
        .iter()
        .all(|e| e["superseded"] == false));
}

#[test]
fn exports_of_other_versions_and_shapes_are_refused() {
    let env = TestEnv::new();
    let newer = file(
        &env,
        "newer.json",
        r#"{"format": "tk-export", "version": 2, "tickets": []}"#,
    );
    let out = env.tk(["import", arg(&newer)]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr
            .contains("export version 2 is newer than this tk reads (1); upgrade tk"),
        "{out}"
    );
    let gh = file(&env, "gh.json", GH_ISSUES);
    let out = env.tk(["import", arg(&gh)]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("is --format github"), "{out}");
    let out = env.tk(["import", arg(&gh), "--format", "csv", "--source", "a/b"]);
    assert_eq!(out.status, 2);
    let unnamed = file(&env, "desk.txt", "title\nMouse\n");
    let out = env.tk(["import", arg(&unnamed)]);
    assert!(
        out.stderr.contains("give --format json, csv or github"),
        "{out}"
    );
    let out = env.tk(["import", "no-such-file.csv"]);
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("cannot read no-such-file.csv"), "{out}");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let env = TestEnv::new();
    let out = env.tk_with_stdin(["import", "-", "--format", "csv"], "title\nFrom a pipe\n");
    let out = out.success();
    assert!(out.stdout.contains("\tline 2\tFrom a pipe"), "{out}");
    let out = env.tk_with_stdin(["import", "-"], "title\nx\n");
    assert!(
        out.stderr.contains("cannot tell the format of stdin"),
        "{out}"
    );
}

#[test]
fn hostile_imports_fail_cleanly() {
    let env = TestEnv::new();
    let deep = file(&env, "deep.json", "[".repeat(100_000));
    let out = env.tk(["import", arg(&deep), "--format", "github"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("not JSON"), "{out}");
    let binary = file(&env, "bin.csv", b"title\n\xff\xfe\x00\n".as_slice());
    let out = env.tk(["import", arg(&binary)]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr.contains("line 2: title: not UTF-8 at byte 0"),
        "{out}"
    );
    let nul = file(&env, "nul.csv", "title\nA\u{0}B\n");
    let out = env.tk(["import", arg(&nul), "--json"]).success();
    assert!(out.stdout.contains("A\\u0000B"), "{out}");
    let huge = file(&env, "huge.csv", vec![b'x'; 16 * 1024 * 1024 + 1]);
    let out = env.tk(["import", arg(&huge)]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("over the import limit"), "{out}");
    let events = file(
        &env,
        "events.json",
        r#"{"format": "tk-export", "version": 1, "tickets": [{"id": "zzzz000000000000", "events": [{"id": "x", "clock": 1, "at": "2026-11-01T00:00:00Z", "by": "a", "action": "explode"}]}, 7]}"#,
    );
    let out = env.tk(["import", arg(&events)]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr
            .contains("item 0: ticket zzzz000000000000, event 0:"),
        "{out}"
    );
    assert!(
        out.stderr
            .contains("item 1: a ticket must be a JSON object"),
        "{out}"
    );
}

/// Returns `git count-objects -v`'s loose (`count`) and packed
/// (`in-pack`) object counts.
fn object_counts(env: &TestEnv) -> (usize, usize) {
    let out = env.git(["count-objects", "-v"]);
    let field = |name: &str| -> usize {
        out.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {out}"))
    };
    (field("count:"), field("in-pack:"))
}

#[test]
fn a_big_import_is_one_pack_not_a_loose_file_per_ticket() {
    let env = TestEnv::new();
    let first = env.new_ticket("Before the import", &[]);
    let mut csv = String::from("Title,priority\n");
    for i in 0..300 {
        csv.push_str(&format!("Imported ticket {i},low\n"));
    }
    let path = file(&env, "desk.csv", &csv);
    let (loose, packed) = object_counts(&env);
    let out = env.tk(["import", arg(&path), "--json"]);
    let result: Value = out.json();
    assert_eq!(result["imported"], 300, "{out}");
    assert_eq!(result["commit"].as_str(), Some(env.tip().as_str()));
    // The 300 files, their shard trees, the root and the commit: all in
    // the pack; not one more loose file.
    let (loose_after, packed_after) = object_counts(&env);
    assert_eq!(loose_after, loose);
    assert!(packed_after >= packed + 302, "{packed} -> {packed_after}");
    env.git(["fsck", "--no-dangling"]);
    let listed: Vec<Value> = env.tk(["list", "--json"]).json();
    assert_eq!(listed.len(), 301);
    // The packed tickets read, change and import again like any others.
    let id = listed
        .iter()
        .find(|t| t["title"] == "Imported ticket 7")
        .and_then(|t| t["short_id"].as_str())
        .expect("an imported ticket is listed")
        .to_string();
    env.tk(["comment", &id, "-m", "Seen"]).success();
    env.tk(["comment", &first, "-m", "Still here"]).success();
    // A bulk change of as many tickets is one pack too.
    let ids = env.tk(["list", "--format", "ids"]).success().stdout;
    let (loose, _) = object_counts(&env);
    env.tk_with_stdin(["set", "-", "priority=high"], &ids)
        .success();
    assert_eq!(object_counts(&env).0, loose);
    let high: Vec<Value> = env.tk(["list", "--priority", "high", "--json"]).json();
    assert_eq!(high.len(), 301);
    let again: Value = env.tk(["import", arg(&path), "--json"]).json();
    assert_eq!(
        (again["imported"].as_u64(), again["present"].as_u64()),
        (Some(0), Some(300))
    );
    env.git(["fsck", "--no-dangling"]);
}
