use crate::common::{json, TestEnv};

#[test]
fn edit_commits_the_changes_once() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &["--tag", "paper"]);
    let editor = env.write_script(
        "editor.sh",
        r#"sed -i.orig -e 's/^priority = .*/priority = "low"/' -e 's/^title = .*/title = "Printer on floor 3"/' "$1""#,
    );
    let before = env.commit_count();
    let mut cmd = env.tk_cmd(["edit", &id]);
    cmd.env("EDITOR", &editor);
    insta::assert_snapshot!(env.run(cmd), @r#"
        ------- stderr -------
        Edited tzsp6d6 "Printer on floor 3".
        [exit status: 0]
        "#);
    assert_eq!(env.commit_count(), before + 1);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(
        (shown.title.as_str(), shown.priority.as_str()),
        ("Printer on floor 3", "low")
    );
    assert_eq!(shown.tags, ["paper"], "fields not edited stay");
    insta::assert_snapshot!(env.git(["log", "-1", "--format=%B", "tk/tickets"]), @r#"
        tk: set tzsp6d6 "Printer on floor 3"

        Tk-Action: set
        Tk-Ticket: tzsp6d65r8gysczp
        "#);
}

#[test]
fn edit_shows_the_editable_fields() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &["--category", "hardware", "-m", "Jams on A4."]);
    // The "editor" saves a copy of what it was given, and changes nothing.
    let copy = env.root().join("form.toml");
    let editor = env.write_script("editor.sh", &format!("cp \"$1\" '{}'", copy.display()));
    let tip = env.tip();
    let mut cmd = env.tk_cmd(["edit", &id]);
    cmd.env("VISUAL", &editor);
    insta::assert_snapshot!(env.run(cmd), @r"
        ------- stderr -------
        No changes.
        [exit status: 0]
        ");
    assert_eq!(env.tip(), tip, "an unchanged edit commits nothing");
    insta::assert_snapshot!(std::fs::read_to_string(copy).unwrap(), @r#"
        # Edit the fields below, save and quit. Status changes use their own
        # commands (tk start, tk resolve, ...); comments use tk comment.
        # Leave the file unchanged to cancel.
        title = "Printer"
        type = "incident"
        impact = "medium"
        urgency = "medium"
        priority = "medium"
        category = "hardware"
        group = ""
        tags = []
        assignee = ""
        description = "Jams on A4."

        [requester]
        name = "Test User"
        email = "test.user@example.com"
        phone = ""
        location = ""
        department = ""
        "#);
}

#[test]
fn an_invalid_edit_commits_nothing() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let tip = env.tip();
    for (name, script) in [
        (
            "bad-priority.sh",
            r#"sed -i.orig 's/^priority = .*/priority = "urgent"/' "$1""#,
        ),
        ("bad-toml.sh", r#"echo 'title = ' >> "$1""#),
        (
            "no-title.sh",
            r#"sed -i.orig 's/^title = .*/title = ""/' "$1""#,
        ),
    ] {
        let editor = env.write_script(name, script);
        let mut cmd = env.tk_cmd(["edit", &id]);
        cmd.env("EDITOR", &editor);
        let out = env.run(cmd);
        assert_eq!(out.status, 2, "{name}: {out}");
        assert!(
            out.stderr.contains("invalid edit, nothing saved"),
            "{name}: {out}"
        );
    }
    let editor = env.write_script(
        "bad.sh",
        r#"sed -i.orig 's/^priority = .*/priority = "urgent"/' "$1""#,
    );
    let mut cmd = env.tk_cmd(["edit", &id]);
    cmd.env("EDITOR", &editor);
    insta::assert_snapshot!(env.run(cmd), @r"
        ------- stderr -------
        error: invalid edit, nothing saved: invalid priority `urgent`: expected one of critical, high, medium, low, planning
        hint: your text is kept in $TEST_ENV/repo/.git/tk/edit-tzsp6d65r8gysczp.toml (tk edit tzsp6d6 --from FILE starts from it)
        [exit status: 2]
        ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn edit_refuses_without_an_editor_or_with_no_input() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["edit", &id]), @r"
        ------- stderr -------
        error: tk edit needs an editor: run it on a terminal, or set $EDITOR
        hint: use tk set ID FIELD=VALUE to change fields without an editor
        [exit status: 2]
        ");
    let editor = env.write_script(
        "editor.sh",
        r#"sed -i.orig 's/^priority = .*/priority = "low"/' "$1""#,
    );
    let mut cmd = env.tk_cmd(["edit", &id, "--no-input"]);
    cmd.env("EDITOR", &editor);
    insta::assert_snapshot!(env.run(cmd), @r"
        ------- stderr -------
        error: tk edit opens an editor, which --no-input forbids
        hint: use tk set ID FIELD=VALUE to change fields without an editor
        [exit status: 2]
        ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn edit_shows_and_changes_the_group_and_custom_fields() {
    let env = TestEnv::new();
    env.tk(["group", "add", "network", "--categories", "network"])
        .success();
    env.tk(["field", "add", "asset", "--kind", "text"])
        .success();
    env.tk(["field", "add", "ram", "--kind", "number"])
        .success();
    let id = env.new_ticket("Printer", &["--field", "ram=16"]);
    let copy = env.root().join("form.toml");
    let editor = env.write_script(
        "editor.sh",
        &format!(
            r#"cp "$1" '{}' && sed -i.orig -e 's/^group = .*/group = "Network"/' -e 's/^asset = .*/asset = "PR-7"/' "$1""#,
            copy.display()
        ),
    );
    let before = env.commit_count();
    let mut cmd = env.tk_cmd(["edit", &id]);
    cmd.env("EDITOR", &editor);
    let out = env.run(cmd);
    assert_eq!(out.status, 0, "{out}");
    assert_eq!(env.commit_count(), before + 1);
    let form = std::fs::read_to_string(copy).unwrap();
    assert!(form.contains("group = \"\"\n"), "{form}");
    assert!(
        form.contains("[fields]\nasset = \"\"\nram = \"16\"\n"),
        "{form}"
    );
    let shown: serde_json::Value = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown["group"], "network");
    assert_eq!(shown["fields"]["asset"], "PR-7");
    assert_eq!(shown["fields"]["ram"], 16, "an untouched number stays");
    let set = env.git(["log", "-1", "--format=%B", "tk/tickets"]);
    assert!(set.contains("Tk-Action: set"), "{set}");
}

#[test]
fn edit_refuses_an_unknown_group_or_a_bad_field_value() {
    let env = TestEnv::new();
    env.tk(["field", "add", "ram", "--kind", "number"])
        .success();
    let id = env.new_ticket("Printer", &[]);
    let tip = env.tip();
    for (name, script, error) in [
        (
            "group.sh",
            r#"sed -i.orig 's/^group = .*/group = "nowhere"/' "$1""#,
            "unknown group `nowhere`",
        ),
        (
            "ram.sh",
            r#"sed -i.orig 's/^ram = .*/ram = "lots"/' "$1""#,
            "field `ram`",
        ),
        (
            "unknown.sh",
            r#"printf 'colour = "red"\n' >> "$1""#,
            "colour",
        ),
    ] {
        let editor = env.write_script(name, script);
        let mut cmd = env.tk_cmd(["edit", &id]);
        cmd.env("EDITOR", &editor);
        let out = env.run(cmd);
        assert_eq!(out.status, 2, "{name}: {out}");
        assert!(out.stderr.contains(error), "{name}: {out}");
    }
    assert_eq!(env.tip(), tip, "nothing is committed");
}
