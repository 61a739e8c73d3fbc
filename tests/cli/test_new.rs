use crate::common::{json, TestEnv, TICKETS_REF};
use tk::model::IdGenerator;

#[test]
fn new_prints_exactly_the_full_id() {
    let env = TestEnv::new();
    let expected = IdGenerator::from_seed(env.next_seed()).ticket_id();
    let out = env.tk(["new", "VPN drops every 10 minutes"]).success();
    assert_eq!(out.stdout, format!("{expected}\n"));
    insta::assert_snapshot!(out, @r#"
        tzsp6d65r8gysczp
        ------- stderr -------
        Created tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    let path = format!("tickets/{}/{expected}.toml", &expected.as_str()[..2]);
    assert!(env.file_on_ref(&path).contains("VPN drops"));
}

#[test]
fn new_takes_every_field_flag() {
    let env = TestEnv::new();
    #[rustfmt::skip]
    let flags = [
        "--type", "request",
        "--impact", "low",
        "--urgency", "high",
        "--category", "Hardware",
        "--tag", "Onboarding",
        "--tag", "laptop",
        "--requester", "Ana Lima <ana@example.com>",
        "--assignee", "bo@example.com",
        "-m", "Starts on Monday.",
    ];
    let id = env.new_ticket("Laptop for new hire", &flags);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.id, id);
    assert_eq!(shown.title, "Laptop for new hire");
    assert_eq!(shown.ticket_type, "request");
    assert_eq!(
        (shown.impact.as_str(), shown.urgency.as_str()),
        ("low", "high")
    );
    assert_eq!(
        shown.priority, "medium",
        "low impact x high urgency is medium"
    );
    assert_eq!(shown.category.as_deref(), Some("hardware"));
    assert_eq!(shown.tags, ["laptop", "onboarding"]);
    let requester = shown.requester.unwrap();
    assert_eq!(
        (requester.name.as_str(), requester.email.as_str()),
        ("Ana Lima", "ana@example.com")
    );
    assert_eq!(shown.assignee.as_deref(), Some("bo@example.com"));
    assert_eq!(
        shown.status, "assigned",
        "a ticket assigned at creation is assigned"
    );
    assert_eq!(shown.description.as_deref(), Some("Starts on Monday."));
    insta::assert_snapshot!(env.tk(["show", &id]), @"
    tzsp6d6  Laptop for new hire
    Id:         tzsp6d65r8gysczp
    Status:     assigned
    Priority:   medium (impact low, urgency high)
    Type:       request
    Category:   hardware
    Tags:       laptop, onboarding
    Requester:  Ana Lima <ana@example.com>
    Assignee:   bo@example.com
    Created:    2026-03-02 09:01 (2m ago)
    Updated:    2026-03-02 09:01
    Response:   due 2026-03-02 13:01 (3h left)
    Resolution: due 2026-03-05 09:01 (2d left)

        Starts on Monday.
    [exit status: 0]
    ");
}

#[test]
fn priority_follows_impact_and_urgency_unless_given() {
    let env = TestEnv::new();
    for (title, impact, urgency, priority) in [
        ("high-high", "high", "high", None),
        ("high-medium", "high", "medium", None),
        ("medium-medium", "medium", "medium", None),
        ("low-medium", "low", "medium", None),
        ("low-low", "low", "low", None),
        ("override", "high", "high", Some("planning")),
    ] {
        let mut args = vec!["--impact", impact, "--urgency", urgency];
        if let Some(p) = priority {
            args.extend(["--priority", p]);
        }
        env.new_ticket(title, &args);
    }
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    let got: Vec<(&str, &str)> = listed
        .iter()
        .map(|t| (t.title.as_str(), t.priority.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("high-high", "critical"),
            ("high-medium", "high"),
            ("medium-medium", "medium"),
            ("low-medium", "low"),
            ("low-low", "planning"),
            ("override", "planning"),
        ]
    );
}

#[test]
fn new_defaults_to_a_medium_incident_requested_by_me() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(
        (
            shown.ticket_type.as_str(),
            shown.status.as_str(),
            shown.priority.as_str()
        ),
        ("incident", "new", "medium")
    );
    assert_eq!(
        (shown.impact.as_str(), shown.urgency.as_str()),
        ("medium", "medium")
    );
    let requester = shown.requester.unwrap();
    assert_eq!(requester.email, "test.user@example.com");
    assert_eq!(shown.assignee, None);
}

#[test]
fn new_reads_the_description_from_stdin() {
    let env = TestEnv::new();
    let out = env
        .tk_with_stdin(
            ["new", "From a script", "-m", "-"],
            "line one\nline two\n\n",
        )
        .success();
    let id = out.stdout.trim_end();
    let shown: json::Shown = env.tk(["show", id, "--json"]).json();
    assert_eq!(shown.description.as_deref(), Some("line one\nline two"));
}

#[test]
fn new_reads_the_description_from_a_file() {
    let env = TestEnv::new();
    let file = env.root().join("body.txt");
    std::fs::write(&file, "Seen on floor 3.\nSince Monday.\n").unwrap();
    let id = env.new_ticket("From a file", &["--file", file.to_str().unwrap()]);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(
        shown.description.as_deref(),
        Some("Seen on floor 3.\nSince Monday.")
    );
}

#[test]
fn new_rejects_bad_values_and_writes_nothing() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["new", "x", "--type", "outage"]), @r"
        ------- stderr -------
        error: this team does not use type `outage`: use one of incident, request, problem, question, improvement, training, emergency
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["new", "x", "--impact", "huge"]), @r"
        ------- stderr -------
        error: invalid value 'huge' for '--impact <IMPACT>': invalid level `huge`: expected one of low, medium, high

        For more information, try '--help'.
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["new", "x", "--file", "missing.txt"]), @r"
        ------- stderr -------
        error: cannot read --file missing.txt: No such file or directory (os error 2)
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["new", "x", "-m", "a", "--file", "b"]), @r"
        ------- stderr -------
        error: the argument '--message <TEXT>' cannot be used with '--file <FILE>'

        Usage: tk new --message <TEXT> <TITLE>

        For more information, try '--help'.
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["new", "   "]), @r#"
        ------- stderr -------
        error: missing title: give it as the first argument, e.g. tk new "VPN drops"
        [exit status: 2]
        "#);
    assert_eq!(env.ref_target(TICKETS_REF), None, "nothing was written");
}
