use crate::common::{json, TestEnv};

#[test]
fn set_changes_several_fields_in_one_commit() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let before = env.commit_count();
    insta::assert_snapshot!(
        env.tk([
            "set", &id,
            "title=Printer on floor 3 jams",
            "type=problem",
            "impact=high",
            "tags=Paper, printer",
            "category=Hardware",
            "requester=Ana Lima <ana@example.com>",
            "requester.phone=+1 555 0100",
            "assignee=me",
        ]),
        @r#"
        ------- stderr -------
        Updated tzsp6d6 "Printer on floor 3 jams".
        [exit status: 0]
        "#
    );
    assert_eq!(env.commit_count(), before + 1);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.title, "Printer on floor 3 jams");
    assert_eq!(shown.ticket_type, "problem");
    assert_eq!(
        (shown.impact.as_str(), shown.priority.as_str()),
        ("high", "high")
    );
    assert_eq!(shown.tags, ["paper", "printer"]);
    assert_eq!(shown.category.as_deref(), Some("hardware"));
    let requester = shown.requester.unwrap();
    assert_eq!(requester.email, "ana@example.com");
    assert_eq!(requester.phone.as_deref(), Some("+1 555 0100"));
    assert_eq!(shown.assignee.as_deref(), Some("test.user@example.com"));
    // An explicit priority overrides the matrix; an empty value clears.
    env.tk(["set", &id, "priority=low", "category="]).success();
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!((shown.priority.as_str(), shown.category), ("low", None));
}

#[test]
fn set_validates_every_value_and_commits_nothing_on_error() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let tip = env.tip();
    // The valid first pair is not committed either.
    insta::assert_snapshot!(env.tk(["set", &id, "title=Ok", "priority=urgent"]), @r"
        ------- stderr -------
        error: invalid priority `urgent`: expected one of critical, high, medium, low, planning
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["set", &id, "impact=huge"]), @r"
        ------- stderr -------
        error: invalid impact `huge`: expected one of low, medium, high
        [exit status: 2]
        ");
    let out = env.tk(["set", &id, "urgency=now"]);
    assert!(out.stderr.contains("invalid urgency `now`"), "{out}");
    insta::assert_snapshot!(env.tk(["set", &id, "status=closed"]), @r"
        ------- stderr -------
        error: status cannot be set: use tk start, wait, resolve, close or reopen
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["set", &id, "colour=red"]), @r"
        ------- stderr -------
        error: unknown field `colour`: expected title, type, impact, urgency, priority, category, group, tags, description, requester, requester.phone, requester.location, requester.department or assignee
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["set", &id, "title"]), @r"
        ------- stderr -------
        error: `title` is not FIELD=VALUE
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["set", &id, "title="]), @r"
        ------- stderr -------
        error: title cannot be empty
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["set", &id]), @r"
        ------- stderr -------
        error: the following required arguments were not provided:
          <FIELD=VALUE>...

        Usage: tk set <ID> <FIELD=VALUE>...

        For more information, try '--help'.
        [exit status: 2]
        ");
    assert_eq!(env.tip(), tip, "nothing was committed");
}
