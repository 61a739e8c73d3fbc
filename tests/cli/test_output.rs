use crate::common::{json, TestEnv};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Runs `tk ARGS --json`, checks that it printed one JSON document of type
/// `T` and nothing on stderr, and returns the document.
fn json_of<T: serde::de::DeserializeOwned>(env: &TestEnv, args: &[&str]) -> T {
    let mut all = args.to_vec();
    all.push("--json");
    let out = env.tk(&all);
    assert_eq!(out.stderr, "", "tk {args:?} --json printed on stderr");
    out.json()
}

#[test]
fn every_command_prints_one_json_document() {
    let env = TestEnv::new();
    let init: json::Init = json_of(&env, &["init"]);
    assert!(init.created);
    let new: json::Written = json_of(&env, &["new", "VPN drops", "--tag", "vpn"]);
    assert_eq!(new.commit.as_deref(), Some(env.tip().as_str()));
    assert_eq!(new.events.len(), 1);
    let id = new.id.as_str();
    let list: Vec<json::Listed> = json_of(&env, &["list"]);
    assert_eq!(list[0].id, id);
    let _: Vec<json::Listed> = json_of(&env, &["ls", "--all"]);
    let show: json::Shown = json_of(&env, &["show", id]);
    assert_eq!(show.short_id, id[..7]);
    let writes: [(&[&str], &str); 11] = [
        (&["assign", id, "me"], "assigned"),
        (&["unassign", id], "new"),
        (&["comment", id, "-m", "hi", "--internal"], "new"),
        (&["start", id], "in-progress"),
        (&["wait", id, "-m", "logs"], "waiting"),
        (&["resolve", id, "-m", "done"], "resolved"),
        (&["rate", id, "4"], "resolved"),
        (&["close", id], "closed"),
        (&["reopen", id], "assigned"),
        (&["set", id, "priority=low"], "assigned"),
        (&["close", id, "--reason", "wontfix"], "closed"),
    ];
    for (args, status) in writes {
        let written: json::Written = json_of(&env, args);
        assert_eq!(written.status, status, "{args:?}");
        assert_eq!(
            written.commit.as_deref(),
            Some(env.tip().as_str()),
            "{args:?}"
        );
    }
    let editor = env.write_script(
        "editor.sh",
        r#"sed -i.orig 's/^title = .*/title = "VPN"/' "$1""#,
    );
    let mut cmd = env.tk_cmd(["edit", id, "--json"]);
    cmd.env("EDITOR", &editor);
    let edited = env.run(cmd);
    assert_eq!(edited.stderr, "");
    let edited: json::Written = edited.json();
    assert_eq!(
        (edited.title.as_str(), edited.commit.is_some()),
        ("VPN", true)
    );
    let unchanged = env.write_script("same.sh", "true");
    let mut cmd = env.tk_cmd(["edit", id, "--json"]);
    cmd.env("EDITOR", &unchanged);
    let edited: json::Written = env.run(cmd).json();
    assert_eq!(edited.commit, None, "an unchanged edit has no commit");
    let log: Vec<json::LogEntry> = json_of(&env, &["log"]);
    assert_eq!(log.len(), 14);
    let _: json::Completions = json_of(&env, &["completions", "bash"]);
}

#[test]
fn errors_go_to_stderr_even_with_json() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["show", "zzzz", "--json"]), @r"
        ------- stderr -------
        error: no ticket matches `zzzz`
        hint: `tk list --all` shows every ticket
        [exit status: 3]
        ");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = TestEnv::new();
    env.new_ticket("Outage", &["--priority", "critical"]);
    let has_escape = |out: &crate::common::CommandOutput| {
        out.stdout.contains('\x1b') || out.stderr.contains('\x1b')
    };
    // Tests have no terminal: auto means no colour.
    assert!(!has_escape(&env.tk(["list"]).success()));
    assert!(!has_escape(&env.tk(["list", "--color=never"]).success()));
    let mut cmd = env.tk_cmd(["list"]);
    cmd.env("NO_COLOR", "1");
    assert!(!has_escape(&env.run(cmd).success()));
    assert!(!has_escape(&env.tk(["show", "zzzz", "--color=never"])));

    let coloured = env.tk(["list", "--color=always"]).success();
    assert!(coloured.stdout.contains("\x1b["), "{coloured}");
    // An explicit flag beats NO_COLOR.
    let mut cmd = env.tk_cmd(["--color=always", "show", "zzzz"]);
    cmd.env("NO_COLOR", "1");
    let out = env.run(cmd);
    assert!(out.stderr.starts_with("\x1b["), "{out}");
    // JSON is never coloured.
    assert!(!has_escape(
        &env.tk(["list", "--json", "--color=always"]).success()
    ));
}

#[test]
fn control_characters_in_ticket_text_never_reach_the_terminal() {
    let env = TestEnv::new();
    let title = "Evil \x1b[31mred\x1b[0m \x07title";
    let out = env
        .tk(["new", title, "-m", "body \x1b]0;retitled\x07 text"])
        .success();
    assert!(!out.stderr.contains('\x1b'), "{out:?}");
    let id = out.stdout.trim_end();
    env.tk(["comment", id, "-m", "\x1b[2Jcleared"]).success();
    for args in [vec!["list"], vec!["show", id, "--timeline"], vec!["log"]] {
        let out = env.tk(&args).success();
        assert!(
            !out.stdout.contains(|c: char| c.is_control() && c != '\n'),
            "tk {args:?} printed a control character: {:?}",
            out.stdout
        );
    }
    insta::assert_snapshot!(env.tk(["list"]), @"
     ID       PRI     STATUS  TYPE      AGE  DUE    ASSIGNEE  TITLE
     tzsp6d6  medium  new     incident  5m   in 3h  -         Evil �[31mred�[0m �title
    [exit status: 0]
    ");
    // The data itself is kept as written; JSON escapes it.
    let shown: json::Shown = env.tk(["show", id, "--json"]).json();
    assert_eq!(shown.title, title);
}

#[test]
fn a_closed_pipe_ends_tk_quietly() {
    let env = TestEnv::new();
    // Enough output to fill a pipe buffer many times over.
    env.import_tickets(600, &"long title ".repeat(30));
    let full = env.tk(["list"]).success();
    assert!(full.stdout.len() > 3 * 65536, "{} bytes", full.stdout.len());
    let mut cmd = env.tk_cmd(["list"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` exits after one line.
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with(" ID "), "{first:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0), "{:?}", output.status);
}

#[test]
fn quiet_silences_status_lines_but_not_errors() {
    let env = TestEnv::new();
    let out = env.tk(["new", "Quiet", "-q"]).success();
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout.len(), 17);
    insta::assert_snapshot!(env.tk(["-q", "show", "zzzz"]), @r"
        ------- stderr -------
        error: no ticket matches `zzzz`
        hint: `tk list --all` shows every ticket
        [exit status: 3]
        ");
}
