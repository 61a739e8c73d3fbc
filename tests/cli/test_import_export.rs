//! `tk export`: whole tickets as JSON (what `tk show --json` prints, in
//! list order) or CSV rows, selected by `tk list`'s filters.

use crate::common::TestEnv;
use serde_json::Value;

/// Two open tickets (one with a comment and an awkward title) and one closed.
fn desk(env: &TestEnv) -> [String; 3] {
    let printer = env.new_ticket(
        "Printer, \"jammed\" — café",
        &[
            "--category",
            "hardware",
            "--tag",
            "printer",
            "--tag",
            "floor-2",
        ],
    );
    env.tk(["comment", printer.as_str(), "-m", "Tray 2 is stuck"])
        .success();
    let vpn = env.new_ticket("VPN drops", &["--impact", "high"]);
    let old = env.new_ticket("Old laptop", &[]);
    env.tk(["close", old.as_str(), "--reason", "cancelled"])
        .success();
    [printer, vpn, old]
}

/// Returns `tk show ID --json` without what only `tk show` looks up.
fn shown(env: &TestEnv, id: &str) -> Value {
    let mut shown: Value = env.tk(["show", id, "--json"]).json();
    shown
        .as_object_mut()
        .expect("tk show --json prints an object")
        .remove("linked_from");
    shown
}

/// Returns the tickets of a JSON export, checking its format and version.
fn export_tickets(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut export: Value = env.tk(args).json();
    assert_eq!(export["format"], "tk-export");
    assert_eq!(export["version"], 1);
    serde_json::from_value(export["tickets"].take()).expect("tickets are an array")
}

#[test]
fn export_json_is_every_listed_ticket_in_full() {
    let env = TestEnv::new();
    let [printer, vpn, old] = desk(&env);
    let exported = export_tickets(&env, &["export"]);
    // Sorted like tk list: the high-impact VPN ticket first; closed left out.
    assert_eq!(exported, vec![shown(&env, &vpn), shown(&env, &printer)]);
    let comments = exported[1]["comments"]
        .as_array()
        .expect("comments are an array");
    assert_eq!(comments[0]["body"], "Tray 2 is stuck");
    assert!(exported[1]["events"]
        .as_array()
        .is_some_and(|e| e.len() >= 2));

    let all = export_tickets(&env, &["export", "--all", "--sort", "created"]);
    assert_eq!(
        all,
        vec![shown(&env, &printer), shown(&env, &vpn), shown(&env, &old)]
    );
    let filtered = export_tickets(&env, &["export", "--category", "hardware"]);
    assert_eq!(filtered, vec![shown(&env, &printer)]);
}

#[test]
fn export_csv_quotes_and_keeps_utf8() {
    let env = TestEnv::new();
    let [printer, vpn, _] = desk(&env);
    let out = env
        .tk(["export", "--format", "csv", "--sort", "created"])
        .success();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header line")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "title",
            "description",
            "type",
            "priority",
            "impact",
            "urgency",
            "category",
            "tags",
            "requester",
            "assignee",
            "status",
            "created",
            "group"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("every row parses");
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], printer.as_str());
    assert_eq!(&rows[0][1], "Printer, \"jammed\" — café");
    assert_eq!(&rows[0][7], "hardware");
    assert_eq!(&rows[0][8], "floor-2,printer");
    assert_eq!(&rows[0][11], "new");
    assert_eq!(&rows[1][0], vpn.as_str());
    assert_eq!(&rows[1][5], "high");
    assert!(out.stdout.contains("\"Printer, \"\"jammed\"\" — café\""));
}

#[test]
fn export_to_a_file_prints_a_summary_and_commits_nothing() {
    let env = TestEnv::new();
    desk(&env);
    let commits = env.commit_count();
    let path = env.root().join("desk.json");
    let path_text = path.to_str().expect("the test root is UTF-8");
    let summary: Value = env.tk(["export", "--json", "-o", path_text]).json();
    assert_eq!(summary["tickets"], 2);
    assert_eq!(summary["format"], "json");
    let written = std::fs::read_to_string(&path).expect("the export was written");
    assert_eq!(written, env.tk(["export"]).success().stdout);

    let out = env
        .tk(["export", "--format", "csv", "-o", path_text])
        .success();
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("Exported 2 tickets"), "{out}");
    assert_eq!(env.commit_count(), commits);
}

#[test]
fn regression_export_of_one_ticket_says_one_ticket() {
    let env = TestEnv::new();
    env.new_ticket("Only one", &[]);
    let path = env.root().join("one.csv");
    let path_text = path.to_str().expect("the test root is UTF-8");
    let out = env
        .tk(["export", "--format", "csv", "-o", path_text])
        .success();
    assert!(out.stderr.contains("Exported 1 ticket to"), "{out}");
}

#[test]
fn export_refuses_formats_it_does_not_write() {
    let env = TestEnv::new();
    desk(&env);
    let out = env.tk(["export", "--format", "table"]);
    assert_eq!(out.status, 2, "{out}");
    let out = env.tk(["export", "--json", "--format", "csv"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("needs -o FILE"), "{out}");
    let out = env.tk(["export", "--columns", "id"]);
    assert_eq!(out.status, 2, "{out}");
}

#[test]
fn export_csv_keeps_a_multiline_description_in_one_field() {
    let env = TestEnv::new();
    let id = env.new_ticket("Scanner", &["-m", "Line one\nline two, with a comma"]);
    let out = env.tk(["export", "--format", "csv"]).success();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let row = reader
        .records()
        .next()
        .expect("one row")
        .expect("the row parses");
    assert_eq!(&row[0], id.as_str());
    assert_eq!(&row[2], "Line one\nline two, with a comma");
}

#[test]
fn export_to_a_missing_directory_names_the_file() {
    let env = TestEnv::new();
    desk(&env);
    let out = env.tk(["export", "-o", "no/such/dir/desk.json"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(
        out.stderr.contains("cannot write no/such/dir/desk.json"),
        "{out}"
    );
}
