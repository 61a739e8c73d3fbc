//! Ticket files changed with plain git, as a teammate's script or a git
//! host's web editor would.

use crate::common::{json, TestEnv};

const WEB: (&str, &str) = ("Web Editor", "web@example.com");
const BAD_ID: &str = "zzzzzzzzzzzzzzzz";

#[test]
fn a_malformed_file_is_named_and_the_others_still_list() {
    let env = TestEnv::new();
    let good = env.new_ticket("Printer", &[]);
    env.commit_with_git(
        &format!("tickets/zz/{BAD_ID}.toml"),
        "schema = 1\nid = \"zzzzzzzzzzzzzzzz\"\ntitle = \"Broken\nstatus = \"new\"\n",
        WEB,
    );
    let out = env.tk(["list"]);
    assert_eq!(out.status, 0, "{out}");
    assert!(out.stdout.contains(&good[..7]), "{out}");
    insta::assert_snapshot!(out, @r#"
     ID       PRI     STATUS  TYPE      AGE  DUE    ASSIGNEE  TITLE
     tzsp6d6  medium  new     incident  1m   in 3h  -         Printer
    ------- stderr -------
    warning: skipping tickets/zz/zzzzzzzzzzzzzzzz.toml: line 3: invalid basic string, expected `"`
    [exit status: 0]
    "#);
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert_eq!(listed.len(), 1);
    insta::assert_snapshot!(env.tk(["show", "zzzz"]), @r#"
        ------- stderr -------
        error: cannot read tickets/zz/zzzzzzzzzzzzzzzz.toml on refs/heads/tk/tickets: line 3: invalid basic string, expected `"`
        hint: fix the file with plain git, or inspect it with `git show`
        [exit status: 1]
        "#);
    let tip = env.tip();
    let out = env.tk(["comment", "zzzz", "-m", "fix it"]);
    assert_eq!(out.status, 1, "{out}");
    assert_eq!(env.tip(), tip, "a failed write changes nothing");
    // The good ticket is still writable.
    env.tk(["comment", &good, "-m", "still works"]).success();
}

#[test]
fn a_file_of_the_wrong_shape_is_named_too() {
    let env = TestEnv::new();
    let good = env.new_ticket("Printer", &[]);
    let path = format!("tickets/{}/{good}.toml", &good[..2]);
    let text = env
        .file_on_ref(&path)
        .replace("status = \"new\"", "status = \"sleeping\"");
    env.commit_with_git(&path, &text, WEB);
    let out = env.tk(["list"]);
    assert_eq!(out.status, 0, "{out}");
    insta::assert_snapshot!(out, @r"
        ------- stderr -------
        warning: skipping tickets/tz/tzsp6d65r8gysczp.toml: invalid status `sleeping`: expected one of new, assigned, in-progress, waiting, resolved, closed
        No tickets match.
        [exit status: 0]
        ");
    let out = env.tk(["show", &good]);
    assert_eq!(out.status, 1, "{out}");
    assert!(out.stderr.contains(&path), "{out}");
    assert!(out.stderr.contains("invalid status `sleeping`"), "{out}");
}

#[test]
fn a_hand_edit_becomes_an_event_by_its_author() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    let text = env.file_on_ref(&path);
    assert!(text.contains("\npriority = \"medium\"\n"), "{text}");
    let edited = text.replacen(
        "\npriority = \"medium\"\n",
        "\npriority = \"critical\"\n",
        1,
    );
    let edit = env.commit_with_git(&path, &edited, WEB);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.priority, "critical");
    assert_eq!(env.tip(), edit, "reading commits nothing");

    // tk log finds the plain-git commit by its change to the file, though
    // it carries no Tk-Ticket trailer.
    let log: Vec<json::LogEntry> = env.tk(["log", &id, "--json"]).json();
    assert_eq!(log[0].commit, edit);
    assert_eq!(
        (log[0].author.as_str(), log[0].action.as_deref()),
        ("Web Editor <web@example.com>", None)
    );
    assert_eq!(log.len(), 2, "the edit and the creation");
    env.tk(["comment", &id, "-m", "Escalated on the web"])
        .success();
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let actions: Vec<(&str, &str, Option<&str>)> = shown
        .events
        .iter()
        .map(|e| (e.action.as_str(), e.by.as_str(), e.priority.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            (
                "create",
                "Test User <test.user@example.com>",
                Some("medium")
            ),
            ("set", "Web Editor <web@example.com>", Some("critical")),
            ("comment", "Test User <test.user@example.com>", None),
        ]
    );
    // The committed file now carries the edit in its timeline.
    let file = env.file_on_ref(&path);
    insta::assert_snapshot!(&file[file.find("[[events]]").unwrap()..], @r#"
    [[events]]
    id = "3g4ch6d1sxsd"
    clock = 1
    at = "2026-03-02T09:01:00Z"
    by = "Test User <test.user@example.com>"
    action = "create"
    title = "Printer"
    priority = "medium"
    response_target = "4h"
    resolution_target = "3d"
    requester = "Test User <test.user@example.com>"

    [[events]]
    id = "d2101bzc5cf7"
    clock = 2
    at = "2026-03-02T09:01:30Z"
    by = "Web Editor <web@example.com>"
    action = "set"
    priority = "critical"

    [[events]]
    id = "ph2nnjej1k6z"
    clock = 3
    at = "2026-03-02T09:04:00Z"
    by = "Test User <test.user@example.com>"
    action = "comment"
    body = "Escalated on the web"
    "#);
}
