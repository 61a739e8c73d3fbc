use crate::common::{json, TestEnv};

#[test]
fn a_ticket_goes_through_its_whole_lifecycle() {
    let env = TestEnv::new();
    let id = env.new_ticket(
        "VPN drops every 10 minutes",
        &["--requester", "Ana Lima <ana@example.com>"],
    );
    let id = id.as_str();
    insta::assert_snapshot!(env.tk(["assign", id, "me"]), @r#"
        ------- stderr -------
        Assigned to test.user@example.com: tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["comment", id, "-m", "Which client version?"]), @r#"
        ------- stderr -------
        Commented on tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["comment", id, "--internal", "-m", "Probably the firewall."]), @r#"
        ------- stderr -------
        Commented on tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["start", id]), @r#"
        ------- stderr -------
        Started tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["wait", id, "-m", "Waiting for logs"]), @r#"
        ------- stderr -------
        Waiting on tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["start", id]), @r#"
        ------- stderr -------
        Started tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["resolve", id, "-m", "Raised the idle timeout."]), @r#"
        ------- stderr -------
        Resolved tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["close", id]), @r#"
        ------- stderr -------
        Closed tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["rate", id, "5", "-m", "Quick fix", "--on-behalf"]), @r#"
        ------- stderr -------
        Rated 5/5 for the requester: tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    insta::assert_snapshot!(env.tk(["show", id, "--timeline"]), @"
    tzsp6d6  VPN drops every 10 minutes
    Id:         tzsp6d65r8gysczp
    Status:     closed
    Priority:   medium (impact medium, urgency medium)
    Type:       incident
    Requester:  Ana Lima <ana@example.com>
    Assignee:   test.user@example.com
    Created:    2026-03-02 09:01 (10m ago)
    Updated:    2026-03-02 09:10
    Responded:  2026-03-02 09:02
    Response:   due 2026-03-02 13:01 (met 2026-03-02 09:02)
    Resolution: due 2026-03-05 09:02 (met 2026-03-02 09:08)

    Resolution by Test User <test.user@example.com>, 2026-03-02 09:08:
        Raised the idle timeout.

    Rating 5/5 by Test User <test.user@example.com> for the requester: Quick fix

    Comments (2)

      Test User <test.user@example.com> 2026-03-02 09:03
        Which client version?

      Test User <test.user@example.com> 2026-03-02 09:04 [internal]
        Probably the firewall.

    Timeline
        1  2026-03-02 09:01  Test User <test.user@example.com>  created title=VPN drops every 10 minutes priority=medium requester=Ana Lima <ana@example.com>
        2  2026-03-02 09:02  Test User <test.user@example.com>  assigned to test.user@example.com
        3  2026-03-02 09:03  Test User <test.user@example.com>  commented: Which client version?
        4  2026-03-02 09:04  Test User <test.user@example.com>  internal comment: Probably the firewall.
        5  2026-03-02 09:05  Test User <test.user@example.com>  started work
        6  2026-03-02 09:06  Test User <test.user@example.com>  waiting: Waiting for logs
        7  2026-03-02 09:07  Test User <test.user@example.com>  started work
        8  2026-03-02 09:08  Test User <test.user@example.com>  resolved: Raised the idle timeout.
        9  2026-03-02 09:09  Test User <test.user@example.com>  closed
       10  2026-03-02 09:10  Test User <test.user@example.com>  rated 5/5 for the requester: Quick fix
    [exit status: 0]
    ");
    insta::assert_snapshot!(env.tk(["reopen", id, "-m", "Dropped again"]), @r#"
        ------- stderr -------
        Reopened tzsp6d6 "VPN drops every 10 minutes".
        [exit status: 0]
        "#);
    let shown: json::Shown = env.tk(["show", id, "--json"]).json();
    assert_eq!(shown.status, "assigned", "reopen goes back to the assignee");
    assert!(shown.resolution.is_none() && shown.rating.is_none() && shown.closed.is_none());
    let comments: Vec<(&str, bool)> = shown
        .comments
        .iter()
        .map(|c| (c.body.as_str(), c.internal))
        .collect();
    assert_eq!(
        comments,
        [
            ("Which client version?", false),
            ("Probably the firewall.", true)
        ]
    );
    // One commit per change: the new ticket, then 10 changes.
    assert_eq!(env.commit_count(), 11);
}

#[test]
fn assign_me_is_the_git_email_and_unassign_goes_back_to_new() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    env.tk(["assign", &id, "me"]).success();
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.assignee.as_deref(), Some("test.user@example.com"));
    assert_eq!(shown.status, "assigned");
    insta::assert_snapshot!(env.tk(["unassign", &id]), @r#"
        ------- stderr -------
        Unassigned tzsp6d6 "Printer".
        [exit status: 0]
        "#);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!((shown.assignee, shown.status.as_str()), (None, "new"));
    // Unassigning again is refused: there is nobody to remove.
    insta::assert_snapshot!(env.tk(["unassign", &id]), @r"
        ------- stderr -------
        error: ticket tzsp6d6: cannot unassign a ticket that is new and has no assignee; allowed: assign, start, wait, resolve, close --reason, comment, set
        [exit status: 5]
        ");
}

#[test]
fn close_with_a_reason_skips_resolution() {
    let env = TestEnv::new();
    let id = env.new_ticket("Same as the other one", &[]);
    insta::assert_snapshot!(env.tk(["close", &id, "--reason", "duplicate", "-m", "See 4f3a"]), @r#"
        ------- stderr -------
        Closed tzsp6d6 "Same as the other one".
        [exit status: 0]
        "#);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.status, "closed");
    assert_eq!(shown.close_reason.as_deref(), Some("duplicate"));
    assert!(shown.closed.is_some());
    insta::assert_snapshot!(env.tk(["close", &id, "--reason", "later"]), @r"
        ------- stderr -------
        error: invalid value 'later' for '--reason <REASON>': invalid close reason `later`: expected one of duplicate, cancelled, wontfix

        For more information, try '--help'.
        [exit status: 2]
        ");
}

#[test]
fn disallowed_transitions_exit_5_naming_the_allowed_ones() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["close", &id]), @r"
        ------- stderr -------
        error: ticket tzsp6d6: cannot close a ticket that is new without a reason (resolve it first, or give --reason duplicate|cancelled|wontfix); allowed: assign, start, wait, resolve, close --reason, comment, set
        [exit status: 5]
        ");
    insta::assert_snapshot!(env.tk(["rate", &id, "3"]), @r"
        ------- stderr -------
        error: ticket tzsp6d6: cannot rate a ticket that is new; allowed: assign, start, wait, resolve, close --reason, comment, set
        [exit status: 5]
        ");
    insta::assert_snapshot!(env.tk(["reopen", &id]), @r"
        ------- stderr -------
        error: ticket tzsp6d6: cannot reopen a ticket that is new; allowed: assign, start, wait, resolve, close --reason, comment, set
        [exit status: 5]
        ");
    assert_eq!(env.tip(), tip, "refused changes commit nothing");
    env.tk(["resolve", &id, "-m", "Cleaned the rollers"])
        .success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["start", &id]), @r"
        ------- stderr -------
        error: ticket tzsp6d6: cannot start a ticket that is resolved; allowed: close, reopen, rate, comment, set
        [exit status: 5]
        ");
    insta::assert_snapshot!(env.tk(["wait", &id]), @r"
        ------- stderr -------
        error: ticket tzsp6d6: cannot wait a ticket that is resolved; allowed: close, reopen, rate, comment, set
        [exit status: 5]
        ");
    assert_eq!(env.tip(), tip, "refused changes commit nothing");
}

#[test]
fn ratings_are_1_to_5() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    env.tk(["resolve", &id, "-m", "Fixed"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["rate", &id, "0"]), @r"
        ------- stderr -------
        error: invalid value '0' for '<SCORE>': 0 is not in 1..=5

        For more information, try '--help'.
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["rate", &id, "6"]), @r"
        ------- stderr -------
        error: invalid value '6' for '<SCORE>': 6 is not in 1..=5

        For more information, try '--help'.
        [exit status: 2]
        ");
    assert_eq!(env.tip(), tip);
    env.tk(["rate", &id, "1"]).success();
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let rating = shown.rating.unwrap();
    assert_eq!((rating.score, rating.comment), (1, None));
    assert_eq!(rating.by, "Test User <test.user@example.com>");
}
