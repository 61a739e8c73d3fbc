//! Ticket templates: `tk template add|list|show|remove`, and `tk new
//! --template` opening a parent and its children in one commit.

use crate::common::{json, TestEnv};
use serde::Deserialize;

/// A template as `tk template list --json` and `show --json` print it.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct TemplateJson {
    name: String,
    title: String,
    #[serde(rename = "type")]
    ticket_type: Option<String>,
    category: Option<String>,
    impact: Option<String>,
    urgency: Option<String>,
    priority: Option<String>,
    tags: Vec<String>,
    children: Vec<String>,
    description: Option<String>,
}

/// What `tk template add --json` and `remove --json` print.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct TemplateWritten {
    name: String,
    template: Option<TemplateJson>,
    commit: Option<String>,
}

/// A child as `tk new --template --json` lists it.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ChildJson {
    id: String,
    short_id: String,
    title: String,
}

/// `tk new --template --json`: the parent's write document and the
/// children.
#[derive(Deserialize, Debug)]
struct FromTemplateJson {
    id: String,
    title: String,
    commit: Option<String>,
    children: Vec<ChildJson>,
}

fn add_onboarding(env: &TestEnv) {
    env.tk([
        "template",
        "add",
        "onboarding",
        "--title",
        "Onboarding",
        "--type",
        "request",
        "--category",
        "access",
        "--tag",
        "onboarding",
        "-m",
        "A new colleague starts on the date below.",
        "--child",
        "{title}: accounts",
        "--child",
        "{title}: laptop",
        "--child",
        "{title}: badge",
    ])
    .success();
}

fn show(env: &TestEnv, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

#[test]
fn templates_are_added_listed_shown_and_removed() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    insta::assert_snapshot!(env.tk(["template", "list"]), @"
    ------- stderr -------
    No templates: save one with `tk template add NAME --title TITLE`.
    [exit status: 0]
    ");
    let commits = env.commit_count();
    add_onboarding(&env);
    assert_eq!(env.commit_count(), commits + 1, "one commit");
    let toml = env.file_on_ref("tk.toml");
    assert!(
        toml.contains(
            "[template.onboarding]\ntitle = \"Onboarding\"\ntype = \"request\"\ncategory = \"access\"\n"
        ),
        "{toml}"
    );
    insta::assert_snapshot!(env.tk(["template", "list"]), @"
     NAME        TITLE       TYPE     CATEGORY  CHILDREN
     onboarding  Onboarding  request  access    3
    [exit status: 0]
    ");
    insta::assert_snapshot!(env.tk(["template", "show", "onboarding"]), @"
    Template  onboarding
    Title     Onboarding
    Type      request
    Category  access
    Tags      onboarding
    Child     {title}: accounts
    Child     {title}: laptop
    Child     {title}: badge

    A new colleague starts on the date below.
    [exit status: 0]
    ");
    let listed: Vec<TemplateJson> = env.tk(["template", "list", "--json"]).json();
    let shown: TemplateJson = env.tk(["template", "show", "onboarding", "--json"]).json();
    assert_eq!(
        listed,
        [TemplateJson {
            name: "onboarding".to_string(),
            title: "Onboarding".to_string(),
            ticket_type: Some("request".to_string()),
            category: Some("access".to_string()),
            impact: None,
            urgency: None,
            priority: None,
            tags: vec!["onboarding".to_string()],
            children: vec![
                "{title}: accounts".to_string(),
                "{title}: laptop".to_string(),
                "{title}: badge".to_string()
            ],
            description: Some("A new colleague starts on the date below.".to_string()),
        }]
    );
    assert_eq!(listed[0], shown);

    let removed: TemplateWritten = env
        .tk(["template", "remove", "onboarding", "--json"])
        .json();
    assert_eq!(removed.name, "onboarding");
    assert!(removed.template.is_none());
    assert_eq!(removed.commit.as_deref(), Some(env.tip().as_str()));
    let listed: Vec<TemplateJson> = env.tk(["template", "list", "--json"]).json();
    assert!(listed.is_empty());
    assert!(!env.file_on_ref("tk.toml").contains("[template."));
}

#[test]
fn adding_an_existing_template_is_refused_unless_forced() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    add_onboarding(&env);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["template", "add", "onboarding", "--title", "Other"]), @"
    ------- stderr -------
    error: template `onboarding` exists already: pass --force to replace it
    [exit status: 5]
    ");
    assert_eq!(env.tip(), tip, "nothing was committed");
    let written: TemplateWritten = env
        .tk([
            "template",
            "add",
            "onboarding",
            "--title",
            "Welcome",
            "--priority",
            "high",
            "--force",
            "--json",
        ])
        .json();
    assert_eq!(written.commit.as_deref(), Some(env.tip().as_str()));
    let template = written.template.expect("the saved template");
    assert_eq!(template.title, "Welcome");
    assert_eq!(template.priority.as_deref(), Some("high"));
    assert!(template.children.is_empty(), "--force replaces it whole");
    assert_eq!(template.category, None);
}

#[test]
fn templates_are_validated_before_anything_is_committed() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["template", "add", "onboarding", "--title", "O", "--category", "desks"]), @"
    ------- stderr -------
    error: template onboarding: unknown category `desks`: use one of network, hardware, software, access, security, other
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["template", "add", "onboarding", "--title", "O", "--type", "change"]), @"
    ------- stderr -------
    error: template onboarding: this team does not use type `change`: use one of incident, request, problem, question, improvement, training, emergency
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["template", "add", "On Boarding", "--title", "O"]), @"
    ------- stderr -------
    error: invalid tk.toml key `template.On Boarding`: template names are 1 to 64 of a-z, 0-9, - and _
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["template", "add", "onboarding", "--title", " "]), @"
    ------- stderr -------
    error: invalid tk.toml key `template.onboarding.title`: a title cannot be empty
    [exit status: 2]
    ");
    let many: Vec<String> = (0..51)
        .flat_map(|n| ["--child".to_string(), format!("Step {n}")])
        .collect();
    let mut args = vec!["template", "add", "onboarding", "--title", "O"];
    args.extend(many.iter().map(String::as_str));
    insta::assert_snapshot!(env.tk(args), @"
    ------- stderr -------
    error: invalid tk.toml key `template.onboarding.children`: 51 children, over the limit of 50
    [exit status: 2]
    ");
    let long = "x".repeat(1001);
    let out = env.tk(["template", "add", "onboarding", "--title", &long]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("over the limit of 1000"), "{out}");
    assert_eq!(env.tip(), tip, "nothing was committed");
    insta::assert_snapshot!(env.tk(["template", "remove", "onboarding"]), @"
    ------- stderr -------
    error: no template `onboarding`: `tk template list` shows the templates
    [exit status: 3]
    ");
    insta::assert_snapshot!(env.tk(["template", "show", "onboarding"]), @"
    ------- stderr -------
    error: no template `onboarding`: `tk template list` shows the templates
    [exit status: 3]
    ");
}

#[test]
fn new_from_a_template_opens_the_parent_and_its_children_in_one_commit() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    add_onboarding(&env);
    let before = env.commit_count();
    let out = env.tk([
        "new",
        "--template",
        "onboarding",
        "Onboard Fay Wong",
        "--requester",
        "Fay Wong <fay@example.com>",
    ]);
    assert_eq!(out.status, 0, "{out}");
    assert_eq!(
        env.commit_count(),
        before + 1,
        "parent and children: one commit"
    );
    let parent = out.stdout.trim().to_string();
    assert_eq!(parent.len(), 16, "stdout is the parent's id alone: {out}");
    let message = env.git(["log", "-1", "--format=%B", "refs/heads/tk/tickets"]);
    assert!(message.starts_with("tk: new 4 tickets\n"), "{message}");
    assert_eq!(message.matches("Tk-Ticket: ").count(), 4, "{message}");
    let shown = show(&env, &parent);
    assert_eq!(shown.title, "Onboard Fay Wong");
    assert_eq!(shown.ticket_type, "request");
    assert_eq!(shown.category.as_deref(), Some("access"));
    assert_eq!(shown.tags, ["onboarding"]);
    assert_eq!(
        shown.description.as_deref(),
        Some("A new colleague starts on the date below.")
    );
    let mut children: Vec<(String, String)> = shown
        .linked_from
        .iter()
        .filter(|l| l.relation == "child-of")
        .map(|l| {
            let child = show(&env, &l.source);
            assert_eq!(child.ticket_type, "request");
            assert_eq!(child.category.as_deref(), Some("access"));
            assert_eq!(child.tags, ["onboarding"]);
            assert_eq!(
                child.requester.as_ref().map(|r| r.email.as_str()),
                Some("fay@example.com")
            );
            assert_eq!(child.description, None);
            assert_eq!(child.links.len(), 1);
            assert_eq!(child.links[0].target, parent);
            (child.title, child.links[0].relation.clone())
        })
        .collect();
    children.sort();
    assert_eq!(
        children,
        [
            (
                "Onboard Fay Wong: accounts".to_string(),
                "child-of".to_string()
            ),
            (
                "Onboard Fay Wong: badge".to_string(),
                "child-of".to_string()
            ),
            (
                "Onboard Fay Wong: laptop".to_string(),
                "child-of".to_string()
            ),
        ]
    );
    // The parent cannot be resolved while its children are open.
    let out = env.tk(["resolve", &parent, "-m", "Done"]);
    assert_eq!(out.status, 5, "{out}");
}

#[test]
fn new_from_a_template_takes_the_command_line_over_the_template() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    env.tk([
        "team",
        "add",
        "cy@example.com",
        "--name",
        "Cy",
        "--skills",
        "hardware",
    ])
    .success();
    add_onboarding(&env);
    let out: FromTemplateJson = env
        .tk([
            "new",
            "--template",
            "onboarding",
            "--category",
            "hardware",
            "--tag",
            "vip",
            "--urgency",
            "high",
            "-m",
            "Starts Monday.",
            "--auto-assign",
            "--json",
        ])
        .json();
    assert_eq!(out.title, "Onboarding", "no TITLE: the template's");
    assert_eq!(out.commit.as_deref(), Some(env.tip().as_str()));
    let titles: Vec<&str> = out.children.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Onboarding: accounts",
            "Onboarding: laptop",
            "Onboarding: badge"
        ],
        "children in the template's order"
    );
    let parent = show(&env, &out.id);
    assert_eq!(parent.category.as_deref(), Some("hardware"));
    assert_eq!(parent.tags, ["onboarding", "vip"]);
    assert_eq!(parent.urgency, "high");
    assert_eq!(parent.priority, "high");
    assert_eq!(parent.description.as_deref(), Some("Starts Monday."));
    assert_eq!(parent.assignee.as_deref(), Some("cy@example.com"));
    for child in &out.children {
        assert!(child.id.starts_with(&child.short_id));
        let shown = show(&env, &child.id);
        assert_eq!(shown.assignee.as_deref(), Some("cy@example.com"));
        assert_eq!(shown.priority, "high");
        assert_eq!(shown.tags, ["onboarding", "vip"]);
    }
}

#[test]
fn new_from_a_template_refuses_before_committing() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    add_onboarding(&env);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "--template", "offboarding"]), @"
    ------- stderr -------
    error: no template `offboarding`: `tk template list` shows the templates
    [exit status: 3]
    ");
    insta::assert_snapshot!(env.tk(["new", "--template", "onboarding", "--category", "desks"]), @"
    ------- stderr -------
    error: unknown category `desks`: use one of network, hardware, software, access, security, other
    [exit status: 2]
    ");
    let out = env.tk(["new", "--template", "onboarding", "--parent", "abcd"]);
    assert_eq!(out.status, 2, "{out}");
    assert_eq!(env.tip(), tip, "nothing was committed");
    // A template older than a change of the team's categories is named.
    env.tk(["config", "set", "categories", "network,hardware"])
        .success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "--template", "onboarding"]), @"
    ------- stderr -------
    error: template onboarding: unknown category `access`: use one of network, hardware
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip, "nothing was committed");
    // The command line can still override it.
    env.tk(["new", "--template", "onboarding", "--category", "hardware"])
        .success();
}

#[test]
fn templates_added_on_two_clones_merge_through_sync() {
    let (_env, clones) = TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    alice.tk(["new", "Shared"]).success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice
        .tk([
            "template",
            "add",
            "onboarding",
            "--title",
            "Onboarding",
            "--child",
            "Laptop",
        ])
        .success();
    bob.tk([
        "template",
        "add",
        "offboarding",
        "--title",
        "Offboarding",
        "--child",
        "Return the badge",
    ])
    .success();
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    alice.tk(["sync"]).success();
    for dir in [alice, bob] {
        let listed: Vec<TemplateJson> = dir.tk(["template", "list", "--json"]).json();
        let names: Vec<(&str, &[String])> = listed
            .iter()
            .map(|t| (t.name.as_str(), t.children.as_slice()))
            .collect();
        assert_eq!(
            names,
            [
                ("offboarding", &["Return the badge".to_string()][..]),
                ("onboarding", &["Laptop".to_string()][..])
            ]
        );
    }
    assert_eq!(alice.tree(), bob.tree(), "both clones hold the same bytes");
}

#[test]
fn a_template_that_would_make_tk_toml_too_large_is_refused() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    // Each template at its limits: 50 children of 1000 characters and a
    // description of 16384, about 67 KB of tk.toml: three fit in 256 KiB,
    // a fourth does not.
    let child = "c".repeat(1000);
    let description = "d".repeat(16_384);
    let add = |name: &str| {
        let mut args = vec![
            "template".to_string(),
            "add".to_string(),
            name.to_string(),
            "--title".to_string(),
            "Big".to_string(),
            "-m".to_string(),
            description.clone(),
        ];
        for _ in 0..50 {
            args.extend(["--child".to_string(), child.clone()]);
        }
        env.tk(args)
    };
    for name in ["a", "b", "c"] {
        add(name).success();
    }
    let tip = env.tip();
    let out = add("d");
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("over the limit of 262144"), "{out}");
    assert_eq!(env.tip(), tip, "nothing was committed");
    let listed: Vec<TemplateJson> = env.tk(["template", "list", "--json"]).json();
    assert_eq!(listed.len(), 3);
}

#[test]
fn the_children_of_a_template_are_in_the_parents_group() {
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    env.tk(["team", "add", "bo@example.com", "--name", "Bo"])
        .success();
    env.tk([
        "group",
        "add",
        "onboarding-desk",
        "--members",
        "bo@example.com",
    ])
    .success();
    add_onboarding(&env);
    let out: FromTemplateJson = env
        .tk([
            "new",
            "--template",
            "onboarding",
            "Onboard Gus",
            "--group",
            "onboarding-desk",
            "--auto-assign",
            "--json",
        ])
        .json();
    for id in std::iter::once(&out.id).chain(out.children.iter().map(|c| &c.id)) {
        let shown = show(&env, id);
        assert_eq!(shown.group.as_deref(), Some("onboarding-desk"), "{id}");
        assert_eq!(shown.assignee.as_deref(), Some("bo@example.com"), "{id}");
    }
}
