//! Custom fields: `tk field`, `tk set ID NAME=VALUE`, and the fields in
//! show, list, export and sync.

use crate::common::{json, Pair, TestEnv, TestWorkDir};
use serde_json::{json as j, Value};

fn shown(dir: &TestWorkDir, id: &str) -> json::Shown {
    dir.tk(["show", id, "--json"]).json()
}

/// Defines the fields the tests use: a text, a number, a date, a choice.
fn define(dir: &TestWorkDir) {
    dir.tk([
        "field",
        "add",
        "asset_tag",
        "--kind",
        "text",
        "--description",
        "Inventory sticker",
    ])
    .success();
    dir.tk(["field", "add", "cost", "--kind", "number"])
        .success();
    dir.tk(["field", "add", "bought", "--kind", "date"])
        .success();
    dir.tk([
        "field",
        "add",
        "os",
        "--kind",
        "choice",
        "--choices",
        "Windows,macOS,Linux",
    ])
    .success();
}

#[test]
fn field_add_list_and_remove_change_tk_toml() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let before = env.commit_count();
    insta::assert_snapshot!(
        env.tk(["field", "add", "os", "--kind", "choice", "--choices", "Windows, macOS,windows"]),
        @r"
    ------- stderr -------
    Added field os (choice).
    [exit status: 0]
    "
    );
    assert_eq!(env.commit_count(), before + 1);
    env.tk([
        "field",
        "add",
        "asset_tag",
        "--kind",
        "text",
        "--description",
        "Inventory sticker",
    ])
    .success();
    insta::assert_snapshot!(env.tk(["field", "list"]), @r"
     FIELD      KIND    CHOICES        DESCRIPTION
     asset_tag  text    -              Inventory sticker
     os         choice  Windows,macOS  -
    [exit status: 0]
    ");
    let fields: Vec<json::Field> = env.tk(["field", "list", "--json"]).json();
    assert_eq!(
        fields,
        [
            json::Field {
                name: "asset_tag".into(),
                kind: "text".into(),
                choices: vec![],
                description: Some("Inventory sticker".into()),
            },
            json::Field {
                name: "os".into(),
                kind: "choice".into(),
                choices: vec!["Windows".into(), "macOS".into()],
                description: None,
            },
        ]
    );
    let config = env.file_on_ref("tk.toml");
    assert!(config.starts_with("# tk team"), "{config}");
    assert!(config.contains("schema = 2"), "{config}");
    assert!(
        config.contains("[field.os]\nkind = \"choice\"\nchoices = [\"Windows\", \"macOS\"]"),
        "{config}"
    );
    // --json prints the configuration and the commit.
    let done: Value = env.tk(["field", "remove", "os", "--json"]).json();
    assert!(done["commit"].is_string(), "{done}");
    assert!(done["config"]["field"].get("os").is_none(), "{done}");
    insta::assert_snapshot!(env.tk(["field", "remove", "os"]), @r"
    ------- stderr -------
    error: no custom field `os`: `tk field list` shows the fields
    [exit status: 3]
    ");
    env.tk(["field", "remove", "asset_tag"]).success();
    // Without custom fields, tk.toml is schema 1 again: older tk reads it.
    assert!(env.file_on_ref("tk.toml").contains("schema = 1"));
    insta::assert_snapshot!(env.tk(["field", "list"]), @r"
    ------- stderr -------
    No custom fields: add one with tk field add NAME --kind KIND.
    [exit status: 0]
    ");
}

#[test]
fn field_add_refuses_bad_names_and_definitions() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let tip = env.tip();
    for (args, error) in [
        (
            vec!["title", "--kind", "text"],
            "error: `title` is a built-in field of tickets; choose another name",
        ),
        (
            vec!["Asset Tag", "--kind", "text"],
            "error: field name `Asset Tag` is not 1 to 32 of a-z, 0-9, _ and -, starting with a letter",
        ),
        (
            vec!["os", "--kind", "choice"],
            "error: field `os`: a choice field needs its choices (--choices a,b)",
        ),
        (
            vec!["room", "--kind", "text", "--choices", "a"],
            "error: field `room`: only a choice field has choices, not a text field",
        ),
    ] {
        let out = env.tk([&["field", "add"][..], &args].concat());
        assert_eq!(out.status, 2, "{out}");
        assert_eq!(out.stderr.trim(), error, "{out}");
    }
    let out = env.tk(["field", "add", "room", "--kind", "colour"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("text, number, date, choice"), "{out}");
    assert_eq!(env.tip(), tip, "nothing was committed");
}

#[test]
fn set_checks_each_value_by_kind_and_commits_nothing_on_error() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    define(&env);
    let id = env.new_ticket("Laptop screen flickers", &[]);
    let before = env.commit_count();
    env.tk([
        "set",
        &id,
        "asset_tag= LT-0412 ",
        "cost=0249.90",
        "bought=2026-03-02",
        "os=MACOS",
        "urgency=high",
    ])
    .success();
    assert_eq!(env.commit_count(), before + 1, "one commit for every pair");
    let t = shown(&env, &id);
    assert_eq!(
        Value::from(serde_json::Map::from_iter(t.fields.clone())),
        j!({"asset_tag": "LT-0412", "bought": "2026-03-02", "cost": 249.9, "os": "macOS"})
    );
    assert_eq!(t.urgency, "high");
    let tip = env.tip();
    for (pair, error) in [
        ("cost=cheap", "error: field `cost`: `cheap` is not a number like 12 or -3.75"),
        ("bought=2026-02-30", "error: field `bought`: `2026-02-30` is not a date like 2026-12-24"),
        ("os=BeOS", "error: field `os`: `BeOS` is not one of Windows, macOS, Linux"),
        (
            "colour=red",
            "error: unknown field `colour`: expected title, type, impact, urgency, priority, category, group, tags, description, requester, requester.phone, requester.location, requester.department or assignee; custom fields: asset_tag, bought, cost, os",
        ),
    ] {
        // The valid first pair is not committed either.
        let out = env.tk(["set", &id, "title=Changed", pair]);
        assert_eq!((out.status, out.stderr.trim()), (2, error), "{out}");
    }
    let long = format!("asset_tag={}", "x".repeat(1001));
    let out = env.tk(["set", &id, &long]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("over the limit of 1000"), "{out}");
    assert_eq!(env.tip(), tip);
    // An empty value clears; the event records the change in the timeline.
    env.tk(["set", &id, "cost="]).success();
    let t = shown(&env, &id);
    assert!(!t.fields.contains_key("cost"));
    let last = t.events.last().expect("events");
    assert_eq!(last.action, "set");
    insta::assert_snapshot!(env.tk(["show", &id, "--timeline"]).stdout.lines().last().unwrap_or(""), @"    3  2026-03-02 09:14  Test User <test.user@example.com>  set cost=");
}

#[test]
fn set_takes_custom_fields_on_several_tickets_in_one_commit() {
    let env = TestEnv::new();
    define(&env);
    let a = env.new_ticket("Laptop A", &[]);
    let b = env.new_ticket("Laptop B", &[]);
    let before = env.commit_count();
    env.tk(["set", &format!("{a},{b}"), "os=linux", "cost=12"])
        .success();
    assert_eq!(env.commit_count(), before + 1);
    for id in [&a, &b] {
        let t = shown(&env, id);
        assert_eq!(t.fields["os"], "Linux");
        assert_eq!(t.fields["cost"], j!(12));
    }
}

#[test]
fn new_takes_custom_fields_and_show_lists_them() {
    let env = TestEnv::new();
    define(&env);
    let out = env.tk(["new", "Printer", "--field", "room=B2"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("unknown field `room`"), "{out}");
    let id = env.new_ticket(
        "Laptop screen flickers",
        &["--field", "os=windows", "--field", "asset_tag=LT-0412"],
    );
    let page = env.tk(["show", &id]).stdout;
    let fields = page
        .split("\nFields\n")
        .nth(1)
        .expect("a Fields section")
        .split("\n\n")
        .next()
        .unwrap_or("");
    insta::assert_snapshot!(fields, @r"
      asset_tag: LT-0412
      os:        Windows
    ");
    // A removed field keeps its value, marked as such.
    env.tk(["field", "remove", "os"]).success();
    let page = env.tk(["show", &id]).stdout;
    assert!(
        page.contains("  os:        Windows  (removed field)"),
        "{page}"
    );
    assert_eq!(shown(&env, &id).fields["os"], "Windows");
    // tk set takes no new value for it, but an empty one clears it.
    let out = env.tk(["set", &id, "os=linux"]);
    assert_eq!(out.status, 2, "{out}");
    env.tk(["set", &id, "os="]).success();
    assert!(!shown(&env, &id).fields.contains_key("os"));
}

#[test]
fn list_filters_and_shows_custom_fields_from_the_cache() {
    let env = TestEnv::new();
    define(&env);
    let a = env.new_ticket(
        "Laptop A",
        &["--field", "os=macos", "--field", "cost=12.50"],
    );
    let b = env.new_ticket(
        "Laptop B",
        &["--field", "os=windows", "--field", "cost=12.5"],
    );
    let c = env.new_ticket("Laptop C", &[]);
    let ids = |args: &[&str]| -> Vec<String> {
        let listed: Vec<json::Listed> = env.tk([&["list", "--json"][..], args].concat()).json();
        listed.into_iter().map(|t| t.id).collect()
    };
    assert_eq!(ids(&["--field", "os=MacOS"]), [a.as_str()]);
    assert_eq!(
        ids(&["--field", "cost=12.5", "--sort", "created"]),
        [a.as_str(), b.as_str()]
    );
    assert_eq!(
        ids(&["--field", "cost=012.500", "--field", "os=windows"]),
        [b.as_str()]
    );
    assert_eq!(ids(&["--field", "os="]), [c.as_str()]);
    for (args, error) in [
        (
            vec!["--field", "room=1"],
            "error: --field: unknown field `room`: custom fields are asset_tag, bought, cost, os",
        ),
        (
            vec!["--field", "cost=x"],
            "error: --field: field `cost`: `x` is not a number like 12 or -3.75",
        ),
        (
            vec!["--columns", "id,field.room"],
            "error: --columns: unknown field `room`: custom fields are asset_tag, bought, cost, os",
        ),
    ] {
        let out = env.tk([&["list"][..], &args].concat());
        assert_eq!((out.status, out.stderr.trim()), (2, error), "{out}");
    }
    insta::assert_snapshot!(
        env.tk(["list", "--sort", "created", "--columns", "id,title,field.os,field.cost"]),
        @r"
     ID       TITLE     FIELD.OS  FIELD.COST
     5a50get  Laptop A  macOS     12.5
     3aqnwsa  Laptop B  Windows   12.5
     d04914m  Laptop C  -         -
    [exit status: 0]
    "
    );
    insta::assert_snapshot!(
        env.tk(["list", "--sort", "created", "--format", "csv", "--columns", "title,field.os"]),
        @r"
    title,field.os
    Laptop A,macOS
    Laptop B,Windows
    Laptop C,-
    [exit status: 0]
    "
    );
    // A saved view keeps the filter; search takes it too.
    env.tk(["view", "save", "macs", "--", "--field", "os=macos"])
        .success();
    assert_eq!(ids(&["--view", "macs"]), [a.as_str()]);
    let found: Vec<json::Listed> = env
        .tk(["search", "Laptop", "--field", "os=windows", "--json"])
        .json();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, b);
}

#[test]
fn export_writes_custom_fields_in_json_and_a_csv_column_each() {
    let env = TestEnv::new();
    define(&env);
    let id = env.new_ticket("Laptop", &["--field", "os=linux", "--field", "cost=3"]);
    let exported: Value = env.tk(["export"]).json();
    assert_eq!(
        exported["tickets"][0]["fields"],
        j!({"cost": 3, "os": "Linux"})
    );
    let out = env.tk(["export", "--format", "csv"]);
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap_or("");
    assert!(
        header.ends_with(",created,group,field.asset_tag,field.bought,field.cost,field.os"),
        "{header}"
    );
    let row = lines.next().unwrap_or("");
    assert!(row.starts_with(&id), "{row}");
    assert!(row.ends_with(",,,,3,Linux"), "{row}");
}

#[test]
fn the_ticket_file_holds_typed_values_and_schema_two_only_when_it_uses_fields() {
    let env = TestEnv::new();
    define(&env);
    let plain = env.new_ticket("Plain", &[]);
    let id = env.new_ticket("Laptop", &["--field", "cost=249.90", "--field", "os=linux"]);
    env.tk(["set", &id, "cost=12"]).success();
    let path = |id: &str| format!("tickets/{}/{id}.toml", &id[..2]);
    assert!(env.file_on_ref(&path(&plain)).starts_with("schema = 1\n"));
    let file = env.file_on_ref(&path(&id));
    assert!(file.starts_with("schema = 2\n"), "{file}");
    assert!(
        file.contains("\n[fields]\ncost = 12\nos = \"Linux\"\n"),
        "{file}"
    );
    assert!(
        file.contains("\n[events.fields]\ncost = 249.9\nos = \"Linux\"\n"),
        "{file}"
    );
    assert!(file.contains("\n[events.fields]\ncost = 12\n"), "{file}");
}

#[test]
fn a_hand_edited_fields_table_becomes_a_set_event() {
    let env = TestEnv::new();
    define(&env);
    let id = env.new_ticket("Laptop", &["--field", "os=linux"]);
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    let file = env.file_on_ref(&path);
    let edited = file.replace("[fields]\nos = \"Linux\"\n", "[fields]\nroom = \"B2\"\n");
    assert_ne!(file, edited);
    env.commit_with_git(&path, &edited, ("Web Editor", "web@example.com"));
    let t = shown(&env, &id);
    assert_eq!(
        Value::from(serde_json::Map::from_iter(t.fields.clone())),
        j!({"room": "B2"})
    );
    let last = t.events.last().expect("events");
    assert_eq!(
        (last.action.as_str(), last.by.as_str()),
        ("set", "Web Editor <web@example.com>")
    );
}

#[test]
fn two_clones_define_different_fields_and_both_keep_theirs_after_sync() {
    let Pair {
        env: _env,
        alice,
        bob,
    } = &TestEnv::alice_and_bob();
    alice.tk(["init"]).success();
    let id = alice.new_ticket("Laptop", &[]);
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice
        .tk(["field", "add", "asset_tag", "--kind", "text"])
        .success();
    alice.tk(["set", &id, "asset_tag=LT-1"]).success();
    bob.tk([
        "field",
        "add",
        "os",
        "--kind",
        "choice",
        "--choices",
        "windows,linux",
    ])
    .success();
    bob.tk(["field", "add", "cost", "--kind", "number"])
        .success();
    bob.tk(["set", &id, "os=linux", "cost=5"]).success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice.tk(["sync"]).success();
    assert_eq!(alice.tree(), bob.tree());
    let fields: Vec<json::Field> = alice.tk(["field", "list", "--json"]).json();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["asset_tag", "cost", "os"]);
    let t = shown(alice, &id);
    assert_eq!(
        Value::from(serde_json::Map::from_iter(t.fields.clone())),
        j!({"asset_tag": "LT-1", "cost": 5, "os": "linux"})
    );
    // Concurrent sets of the same field: the later one wins on both.
    alice.tk(["set", &id, "cost=7"]).success();
    bob.tk(["set", &id, "cost=8"]).success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice.tk(["sync"]).success();
    assert_eq!(alice.tree(), bob.tree());
    assert_eq!(shown(alice, &id).fields["cost"], j!(8));
    assert_eq!(shown(bob, &id).fields["cost"], j!(8));
}
