use crate::common::{json, TestEnv};
use std::collections::HashMap;
use tk::model::IdGenerator;

fn link(relation: &str, target: &str) -> json::Link {
    json::Link {
        relation: relation.into(),
        target: target.into(),
    }
}

#[test]
fn links_show_from_both_ends() {
    let env = TestEnv::new();
    let problem = env.new_ticket("Mail relay misconfigured", &["--type", "problem"]);
    let bounce = env.new_ticket("Mail bounces", &[]);
    let slow = env.new_ticket("Mail is slow", &[]);
    insta::assert_snapshot!(env.tk(["link", &bounce, &problem[..4], "--as", "caused-by"]), @r#"
    ------- stderr -------
    Linked: 29x08eh "Mail bounces" is caused by tzsp6d6 "Mail relay misconfigured".
    [exit status: 0]
    "#);
    env.tk(["link", &slow, &problem, "--as", "caused-by"])
        .success();
    env.tk(["link", &slow, &bounce]).success();

    // The problem lists the incidents it caused, found from their links.
    insta::assert_snapshot!(env.tk(["show", &problem]), @"
    tzsp6d6  Mail relay misconfigured
    Id:         tzsp6d65r8gysczp
    Status:     new
    Priority:   medium (impact medium, urgency medium)
    Type:       problem
    Requester:  Test User <test.user@example.com>
    Assignee:   -
    Created:    2026-03-02 09:01 (6m ago)
    Updated:    2026-03-02 09:01
    Response:   due 2026-03-02 13:01 (3h left)
    Resolution: due 2026-03-05 09:01 (2d left)

    Linked from
      Caused incidents  29x08eh  new         Mail bounces
      Caused incidents  m3zb45p  new         Mail is slow
    [exit status: 0]
    ");
    let shown: json::Shown = env.tk(["show", &problem, "--json"]).json();
    assert!(shown.links.is_empty());
    let mut from: Vec<_> = shown
        .linked_from
        .iter()
        .map(|l| (l.relation.as_str(), l.source.as_str()))
        .collect();
    from.sort();
    let mut expected = vec![("caused-by", bounce.as_str()), ("caused-by", slow.as_str())];
    expected.sort();
    assert_eq!(from, expected);

    // The incident lists its own links, and the one pointing at it.
    insta::assert_snapshot!(env.tk(["show", &bounce]), @"
    29x08eh  Mail bounces
    Id:         29x08ehfc6n8gz4s
    Status:     new
    Priority:   medium (impact medium, urgency medium)
    Type:       incident
    Requester:  Test User <test.user@example.com>
    Assignee:   -
    Created:    2026-03-02 09:02 (7m ago)
    Updated:    2026-03-02 09:04
    Response:   due 2026-03-02 13:02 (3h left)
    Resolution: due 2026-03-05 09:02 (2d left)

    Links
      Caused by         tzsp6d6  new         Mail relay misconfigured

    Linked from
      Related from      m3zb45p  new         Mail is slow
    [exit status: 0]
    ");
    let shown: json::Shown = env.tk(["show", &bounce, "--json"]).json();
    assert_eq!(shown.links, [link("caused-by", &problem)]);
    assert_eq!(
        shown.linked_from,
        [json::LinkedFrom {
            relation: "relates".into(),
            source: slow.clone()
        }]
    );
    let event = shown.events.last().unwrap();
    assert_eq!(
        (
            event.action.as_str(),
            event.relation.as_deref(),
            event.target.as_deref()
        ),
        ("link", Some("caused-by"), Some(problem.as_str()))
    );
    // The file says the same, before the timeline.
    let file = env.file_on_ref(&format!("tickets/{}/{bounce}.toml", &bounce[..2]));
    let links_at = file.find("[[links]]").unwrap();
    assert!(links_at < file.find("[[events]]").unwrap(), "{file}");
    assert!(file.contains(&format!(
        "[[links]]\nrelation = \"caused-by\"\ntarget = \"{problem}\"\n"
    )));
}

#[test]
fn link_writes_print_the_ticket_and_the_commit() {
    let env = TestEnv::new();
    let a = env.new_ticket("Printer jams", &[]);
    let b = env.new_ticket("Printer offline", &[]);
    let written: json::Written = env.tk(["link", &a, &b, "--as", "blocks", "--json"]).json();
    assert_eq!(written.commit.as_deref(), Some(env.tip().as_str()));
    assert_eq!(written.links, [link("blocks", &b)]);
    // Linking again commits nothing.
    let count = env.commit_count();
    let again: json::Written = env.tk(["link", &a, &b, "--as", "blocks", "--json"]).json();
    assert_eq!(again.commit, None);
    insta::assert_snapshot!(env.tk(["link", &a, &b, "--as", "blocks"]), @r#"
    ------- stderr -------
    Nothing changed on tzsp6d6 "Printer jams".
    [exit status: 0]
    "#);
    assert_eq!(env.commit_count(), count);
    // Another relation to the same ticket is another link, sorted by relation.
    let written: json::Written = env.tk(["link", &a, &b, "--json"]).json();
    assert_eq!(written.links, [link("relates", &b), link("blocks", &b)]);
    let log = env.git(["log", "-1", "--format=%B", "tk/tickets"]);
    assert!(log.contains("Tk-Action: link\n"), "{log}");
}

/// Returns two seeds whose first ticket ids share their first 4
/// characters.
fn colliding_seeds() -> (u64, u64) {
    let mut seen: HashMap<String, u64> = HashMap::new();
    for seed in 1_000.. {
        let id = IdGenerator::from_seed(seed).ticket_id();
        if let Some(other) = seen.insert(id.as_str()[..4].to_string(), seed) {
            return (other, seed);
        }
    }
    unreachable!()
}

#[test]
fn link_resolves_the_other_ticket_like_an_id() {
    let env = TestEnv::new();
    let a = env.new_ticket("Printer jams", &[]);
    insta::assert_snapshot!(env.tk(["link", &a, "zzzz"]), @"
    ------- stderr -------
    error: no ticket matches `zzzz`
    hint: `tk list --all` shows every ticket
    [exit status: 3]
    ");
    insta::assert_snapshot!(env.tk(["link", &a, &a[..5]]), @"
    ------- stderr -------
    error: cannot link ticket tzsp6d6 to itself
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["link", &a, &a, "--as", "fixes"]), @"
    ------- stderr -------
    error: invalid value 'fixes' for '--as <RELATION>': invalid link relation `fixes`: expected one of relates, duplicates, blocks, caused-by, child-of

    For more information, try '--help'.
    [exit status: 2]
    ");
    let (one, two) = colliding_seeds();
    for seed in [one, two] {
        let mut cmd = env.tk_cmd(["new", "Twin"]);
        cmd.env("TK_ID_SEED", seed.to_string());
        env.run(cmd).success();
    }
    let twin = IdGenerator::from_seed(one).ticket_id();
    let out = env.tk(["link", &a, &twin.as_str()[..4]]);
    assert_eq!(out.status, 4, "{out}");
    assert!(out.stderr.contains("is ambiguous"), "{out}");
    assert_eq!(
        env.commit_count(),
        3,
        "only the three tickets were committed"
    );
}

#[test]
fn unlink_removes_links_and_refuses_missing_ones() {
    let env = TestEnv::new();
    let a = env.new_ticket("Printer jams", &[]);
    let b = env.new_ticket("Printer offline", &[]);
    env.tk(["link", &a, &b, "--as", "blocks"]).success();
    env.tk(["link", &a, &b]).success();
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["unlink", &a, &b, "--as", "duplicates"]), @r#"
    ------- stderr -------
    error: ticket tzsp6d6 has no `duplicates` link to 29x08eh "Printer offline"
    [exit status: 5]
    "#);
    assert_eq!(env.commit_count(), count);
    let written: json::Written = env
        .tk(["unlink", &a, &b, "--as", "blocks", "--json"])
        .json();
    assert_eq!(written.links, [link("relates", &b)]);
    env.tk(["link", &a, &b, "--as", "blocks"]).success();
    // Without --as, every link to the other ticket goes, in one commit.
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["unlink", &a, &b[..5]]), @r#"
    ------- stderr -------
    Unlinked: tzsp6d6 "Printer jams" from 29x08eh "Printer offline".
    [exit status: 0]
    "#);
    assert_eq!(env.commit_count(), count + 1);
    let shown: json::Shown = env.tk(["show", &a, "--json"]).json();
    assert!(shown.links.is_empty());
    let unlinks = shown.events.iter().filter(|e| e.action == "unlink").count();
    assert_eq!(unlinks, 3);
    insta::assert_snapshot!(env.tk(["unlink", &a, &b]), @r#"
    ------- stderr -------
    error: ticket tzsp6d6 has no link to 29x08eh "Printer offline"
    [exit status: 5]
    "#);
}

#[test]
fn links_are_allowed_in_every_status() {
    let env = TestEnv::new();
    let a = env.new_ticket("Printer jams", &[]);
    let b = env.new_ticket("Printer offline", &[]);
    env.tk(["close", &a, "--reason", "wontfix"]).success();
    env.tk(["link", &a, &b]).success();
    env.tk(["unlink", &a, &b]).success();
    let shown: json::Shown = env.tk(["show", &a, "--json"]).json();
    assert_eq!(shown.status, "closed");
}

#[test]
fn close_duplicate_of_links_and_closes_in_one_commit() {
    let env = TestEnv::new();
    let original = env.new_ticket("VPN drops", &[]);
    let copy = env.new_ticket("VPN keeps dropping", &[]);
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["close", &copy, "--duplicate-of", &original[..5], "-m", "same report"]), @r#"
    ------- stderr -------
    Closed 29x08eh "VPN keeps dropping" as a duplicate of tzsp6d6 "VPN drops".
    [exit status: 0]
    "#);
    assert_eq!(env.commit_count(), count + 1);
    let log = env.git(["log", "-1", "--format=%B", "tk/tickets"]);
    assert!(log.contains("Tk-Action: close\n"), "{log}");
    let shown: json::Shown = env.tk(["show", &copy, "--json"]).json();
    assert_eq!(
        (shown.status.as_str(), shown.close_reason.as_deref()),
        ("closed", Some("duplicate"))
    );
    assert_eq!(shown.links, [link("duplicates", &original)]);
    let actions: Vec<_> = shown.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "link", "close"]);
    let shown: json::Shown = env.tk(["show", &original, "--json"]).json();
    assert_eq!(
        shown.linked_from,
        [json::LinkedFrom {
            relation: "duplicates".into(),
            source: copy.clone()
        }]
    );
    let page = env.tk(["show", &original]).success().stdout;
    assert!(
        page.contains(&format!("Duplicated by     {}", &copy[..7])),
        "{page}"
    );
}

#[test]
fn close_duplicate_of_refuses_other_reasons_and_itself() {
    let env = TestEnv::new();
    let a = env.new_ticket("VPN drops", &[]);
    let b = env.new_ticket("VPN keeps dropping", &[]);
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["close", &b, "--duplicate-of", &a, "--reason", "wontfix"]), @"
    ------- stderr -------
    error: --duplicate-of closes with reason duplicate, not wontfix
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["close", &b, "--duplicate-of", &b]), @"
    ------- stderr -------
    error: cannot link ticket 29x08eh to itself
    [exit status: 2]
    ");
    // --reason duplicate is what --duplicate-of implies anyway.
    let written: json::Written = env
        .tk([
            "close",
            &b,
            "--duplicate-of",
            &a,
            "--reason",
            "duplicate",
            "--json",
        ])
        .json();
    assert_eq!(written.close_reason.as_deref(), Some("duplicate"));
    assert_eq!(env.commit_count(), count + 1);
    // A closed ticket cannot close again: the link is not recorded either.
    let c = env.new_ticket("VPN down", &[]);
    let out = env.tk(["close", &b, "--duplicate-of", &c]);
    assert_eq!(out.status, 5, "{out}");
    let shown: json::Shown = env.tk(["show", &b, "--json"]).json();
    assert_eq!(shown.links, [link("duplicates", &a)]);
}

#[test]
fn a_link_added_by_hand_becomes_an_event_by_its_author() {
    let env = TestEnv::new();
    let a = env.new_ticket("Printer jams", &[]);
    let b = env.new_ticket("Printer offline", &[]);
    let path = format!("tickets/{}/{a}.toml", &a[..2]);
    let file = env.file_on_ref(&path);
    let edited = file.replacen(
        "\n[[events]]",
        &format!("\n[[links]]\nrelation = \"blocks\"\ntarget = \"{b}\"\n\n[[events]]"),
        1,
    );
    assert_ne!(edited, file);
    env.commit_with_git(&path, &edited, ("Web Editor", "web@example.com"));
    let shown: json::Shown = env.tk(["show", &a, "--json"]).json();
    assert_eq!(shown.links, [link("blocks", &b)]);
    let event = shown.events.last().unwrap();
    assert_eq!(
        (event.action.as_str(), event.by.as_str()),
        ("link", "Web Editor <web@example.com>")
    );
    let shown: json::Shown = env.tk(["show", &b, "--json"]).json();
    assert_eq!(shown.linked_from.len(), 1);
}
