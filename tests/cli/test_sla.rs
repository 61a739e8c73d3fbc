//! The priority matrix, SLA targets recorded on tickets, and the SLA
//! clocks computed from them: calendar and business time, holidays,
//! daylight-saving changes, pauses while waiting, first responses, and the
//! list filters built on them.

use crate::common::{json, TestEnv};

const ANA: (&str, &str) = ("Ana Lima", "ana@example.com");
const BO: (&str, &str) = ("Bo Chen", "bo@example.com");

fn show(env: &TestEnv, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

/// Returns (response due, resolution due) of a ticket now.
fn dues(env: &TestEnv, id: &str) -> (String, String) {
    let shown = show(env, id);
    let sla = shown.sla.expect("the ticket has SLA clocks");
    (
        sla.response.expect("a response clock").due,
        sla.resolution.expect("a resolution clock").due,
    )
}

/// Returns the titles `tk list ARGS --json` prints, in order.
fn titles(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let listed: Vec<json::Listed> = env.tk(all).json();
    listed.into_iter().map(|t| t.title).collect()
}

/// Configures Berlin business hours, Monday to Friday, 09:00 to 17:00.
fn berlin(env: &TestEnv, holidays: &str) {
    for (key, value) in [
        ("business_hours.timezone", "Europe/Berlin"),
        ("business_hours.days", "mon,tue,wed,thu,fri"),
        ("business_hours.start", "09:00"),
        ("business_hours.end", "17:00"),
        ("business_hours.holidays", holidays),
    ] {
        env.tk(["config", "set", key, value]).success();
    }
}

// ---------------------------------------------------------------------
// The priority matrix and the targets it records.

#[test]
fn the_matrix_gives_the_itil_priorities() {
    let env = TestEnv::new();
    let expected = [
        ("high", "high", "critical", Some("15m"), Some("4h")),
        ("high", "medium", "high", Some("1h"), Some("1d")),
        ("high", "low", "medium", Some("4h"), Some("3d")),
        ("medium", "high", "high", Some("1h"), Some("1d")),
        ("medium", "medium", "medium", Some("4h"), Some("3d")),
        ("medium", "low", "low", Some("1d"), Some("1w")),
        ("low", "high", "medium", Some("4h"), Some("3d")),
        ("low", "medium", "low", Some("1d"), Some("1w")),
        ("low", "low", "planning", None, None),
    ];
    for (impact, urgency, priority, response, resolution) in expected {
        let written: json::Written = env
            .tk([
                "new",
                "Ticket",
                "--impact",
                impact,
                "--urgency",
                urgency,
                "--json",
            ])
            .json();
        let case = format!("impact {impact}, urgency {urgency}");
        assert_eq!(written.priority, priority, "{case}");
        assert_eq!(written.response_target.as_deref(), response, "{case}");
        assert_eq!(written.resolution_target.as_deref(), resolution, "{case}");
        assert_eq!(written.sla.is_some(), response.is_some(), "{case}");
        // The create event records the priority and the targets, so replay
        // never needs the team configuration.
        let create = &written.events[0];
        assert_eq!(create.action, "create");
        assert_eq!(create.priority.as_deref(), Some(priority), "{case}");
        assert_eq!(
            create.response_target.as_deref(),
            Some(response.unwrap_or("")),
            "{case}"
        );
        assert_eq!(
            create.resolution_target.as_deref(),
            Some(resolution.unwrap_or("")),
            "{case}"
        );
    }
}

#[test]
fn a_custom_matrix_cell_and_targets_apply_to_the_next_ticket() {
    let env = TestEnv::new();
    let before = env.new_ticket("Before", &["--impact", "low", "--urgency", "low"]);
    env.tk(["config", "set", "priority_matrix.low.low", "low"])
        .success();
    env.tk(["config", "set", "sla.low.response", "2h"])
        .success();
    let after = env.new_ticket("After", &["--impact", "low", "--urgency", "low"]);
    let shown = show(&env, &after);
    assert_eq!(shown.priority, "low");
    assert_eq!(shown.response_target.as_deref(), Some("2h"));
    assert_eq!(shown.resolution_target.as_deref(), Some("1w"));
    // The earlier ticket keeps what was recorded when it was created.
    let shown = show(&env, &before);
    assert_eq!(
        (
            shown.priority.as_str(),
            shown.response_target,
            shown.sla.is_none()
        ),
        ("planning", None, true)
    );
}

#[test]
fn an_explicit_priority_overrides_the_matrix() {
    let env = TestEnv::new();
    let id = env.new_ticket(
        "Ticket",
        &["--impact", "high", "--urgency", "high", "--priority", "low"],
    );
    let shown = show(&env, &id);
    assert_eq!(
        (
            shown.impact.as_str(),
            shown.urgency.as_str(),
            shown.priority.as_str()
        ),
        ("high", "high", "low")
    );
    assert_eq!(
        (
            shown.response_target.as_deref(),
            shown.resolution_target.as_deref()
        ),
        (Some("1d"), Some("1w"))
    );
}

#[test]
fn set_impact_recomputes_the_priority_and_the_targets() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let id = env.new_ticket("Ticket", &[]);
    assert_eq!(
        dues(&env, &id),
        (
            "2026-03-02T13:00:00Z".to_string(),
            "2026-03-05T09:00:00Z".to_string()
        )
    );
    env.tk(["set", &id, "impact=high"]).success();
    let shown = show(&env, &id);
    assert_eq!(shown.priority, "high");
    assert_eq!(
        (
            shown.response_target.as_deref(),
            shown.resolution_target.as_deref()
        ),
        (Some("1h"), Some("1d"))
    );
    let set = shown.events.last().unwrap();
    assert_eq!(
        (
            set.action.as_str(),
            set.priority.as_deref(),
            set.response_target.as_deref(),
            set.resolution_target.as_deref()
        ),
        ("set", Some("high"), Some("1h"), Some("1d"))
    );
    // Due times are counted from creation with the new targets.
    assert_eq!(
        dues(&env, &id),
        (
            "2026-03-02T10:00:00Z".to_string(),
            "2026-03-03T09:00:00Z".to_string()
        )
    );
    // An explicit priority recomputes them too.
    env.tk(["set", &id, "priority=critical"]).success();
    assert_eq!(
        dues(&env, &id),
        (
            "2026-03-02T09:15:00Z".to_string(),
            "2026-03-02T13:00:00Z".to_string()
        )
    );
    // Down to planning: no targets, no clocks.
    env.tk(["set", &id, "impact=low", "urgency=low"]).success();
    let shown = show(&env, &id);
    assert_eq!(shown.priority, "planning");
    assert_eq!(
        (
            shown.response_target,
            shown.resolution_target,
            shown.sla.is_none()
        ),
        (None, None, true)
    );
    // A change that does not touch the priority keeps the targets.
    env.tk(["set", &id, "priority=medium"]).success();
    env.tk(["set", &id, "title=Renamed"]).success();
    let shown = show(&env, &id);
    assert_eq!(shown.response_target.as_deref(), Some("4h"));
}

// ---------------------------------------------------------------------
// Due times.

#[test]
fn default_targets_count_calendar_time() {
    let env = TestEnv::new();
    // A Friday afternoon: without business hours the weekend counts.
    env.set_time("2026-03-06T15:00:00Z");
    let cases = [
        ("critical", "2026-03-06T15:15:00Z", "2026-03-06T19:00:00Z"),
        ("high", "2026-03-06T16:01:00Z", "2026-03-07T15:01:00Z"),
        ("medium", "2026-03-06T19:02:00Z", "2026-03-09T15:02:00Z"),
        ("low", "2026-03-07T15:03:00Z", "2026-03-13T15:03:00Z"),
    ];
    for (priority, response, resolution) in cases {
        let written: json::Written = env
            .tk(["new", priority, "--priority", priority, "--json"])
            .json();
        let sla = written.sla.expect("the ticket has SLA clocks");
        let response_clock = sla.response.unwrap();
        let resolution_clock = sla.resolution.unwrap();
        assert_eq!(response_clock.due, response, "{priority}");
        assert_eq!(resolution_clock.due, resolution, "{priority}");
        assert_eq!(
            (
                response_clock.met,
                response_clock.breached,
                resolution_clock.met,
                resolution_clock.breached,
                sla.paused
            ),
            (None, false, None, false, false),
            "{priority}"
        );
    }
    let planning = env.new_ticket("planning", &["--priority", "planning"]);
    assert!(show(&env, &planning).sla.is_none());
}

#[test]
fn business_hours_skip_nights_weekends_and_holidays() {
    let env = TestEnv::new();
    berlin(&env, "2026-11-24");
    // Friday 20 November 2026, 16:00 in Berlin (CET, UTC+1).
    env.set_time("2026-11-20T15:00:00Z");
    let medium = env.new_ticket("medium", &[]);
    let high = env.new_ticket("high", &["--priority", "high"]);
    let low = env.new_ticket("low", &["--priority", "low"]);
    // 4h: one hour on Friday, three on Monday, so Monday 12:00 CET. 3d:
    // three working days later at the same time of day, skipping the
    // holiday on Tuesday: Thursday 16:00 CET.
    assert_eq!(
        dues(&env, &medium),
        (
            "2026-11-23T11:00:00Z".to_string(),
            "2026-11-26T15:00:00Z".to_string()
        )
    );
    // 1h from 16:01: 59 minutes on Friday and one on Monday. 1d: Monday
    // at 16:01.
    assert_eq!(
        dues(&env, &high),
        (
            "2026-11-23T08:01:00Z".to_string(),
            "2026-11-23T15:01:00Z".to_string()
        )
    );
    // 1w is the team's five working days: Mon, (Tue off), Wed, Thu, Fri,
    // Mon.
    assert_eq!(
        dues(&env, &low),
        (
            "2026-11-23T15:02:00Z".to_string(),
            "2026-11-30T15:02:00Z".to_string()
        )
    );
    // Created on a Saturday: the clock starts on Monday at 09:00.
    env.set_time("2026-11-21T10:00:00Z");
    let weekend = env.new_ticket("weekend", &["--priority", "critical"]);
    assert_eq!(
        dues(&env, &weekend),
        (
            "2026-11-23T08:15:00Z".to_string(),
            "2026-11-23T12:00:00Z".to_string()
        )
    );
    // `tk show` prints the due times (in the local zone, UTC here).
    let page = env.tk(["show", &medium]).success().stdout;
    assert!(
        page.contains("Response:   due 2026-11-23 11:00 ("),
        "{page}"
    );
    assert!(
        page.contains("Resolution: due 2026-11-26 15:00 ("),
        "{page}"
    );

    // Without business hours the same targets count calendar time again.
    env.tk(["config", "set", "business_hours", "none"])
        .success();
    assert_eq!(
        dues(&env, &medium),
        (
            "2026-11-20T19:00:00Z".to_string(),
            "2026-11-23T15:00:00Z".to_string()
        )
    );
}

#[test]
fn business_hours_follow_daylight_saving_changes() {
    let env = TestEnv::new();
    berlin(&env, "");
    // Friday 23 October 2026, 16:00 CEST (UTC+2); Berlin goes back to CET
    // (UTC+1) on Sunday 25 October.
    env.set_time("2026-10-23T14:00:00Z");
    let medium = env.new_ticket("medium", &[]);
    let high = env.new_ticket("high", &["--priority", "high"]);
    // One hour on Friday, three on Monday: 12:00 CET is 11:00 UTC (not
    // 10:00, as it would be with the summer offset). Three working days
    // later at 16:00 CET: Wednesday 15:00 UTC.
    assert_eq!(
        dues(&env, &medium),
        (
            "2026-10-26T11:00:00Z".to_string(),
            "2026-10-28T15:00:00Z".to_string()
        )
    );
    // One working day from Friday 16:01 CEST is Monday 16:01 CET: 73
    // hours later, not 72.
    assert_eq!(
        dues(&env, &high),
        (
            "2026-10-26T08:01:00Z".to_string(),
            "2026-10-26T15:01:00Z".to_string()
        )
    );
    // Spring forward: Friday 27 March 2026, 16:00 CET; Monday 12:00 CEST
    // is 10:00 UTC.
    env.set_time("2026-03-27T15:00:00Z");
    let spring = env.new_ticket("spring", &[]);
    assert_eq!(dues(&env, &spring).0, "2026-03-30T10:00:00Z");
}

#[test]
fn waiting_pauses_the_clocks() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let id = env.new_ticket("VPN drops", &["--requester", "Ana Lima <ana@example.com>"]);
    assert_eq!(dues(&env, &id).1, "2026-03-05T09:00:00Z"); // at 09:01
    env.tk(["start", &id]).success(); // 09:02
    env.tk(["wait", &id, "-m", "Asked Ana for the logs."])
        .success(); // 09:03
    env.advance(2 * 3600);
    // At 11:04 the ticket has waited 2h01m: the resolution clock is paused
    // and its due time moves with the wait.
    let shown = show(&env, &id);
    let sla = shown.sla.unwrap();
    assert!(sla.paused);
    assert_eq!(sla.resolution.unwrap().due, "2026-03-05T11:01:00Z");
    // The response was met when work started, so it does not move.
    let response = sla.response.unwrap();
    assert_eq!(
        (response.due.as_str(), response.met.as_deref()),
        ("2026-03-02T13:00:00Z", Some("2026-03-02T09:02:00Z"))
    );
    insta::assert_snapshot!(env.tk(["list"]), @"
     ID       PRI     STATUS   TYPE      AGE  DUE     ASSIGNEE               TITLE
     tzsp6d6  medium  waiting  incident  2h   paused  test.user@example.com  VPN drops
    [exit status: 0]
    ");
    insta::assert_snapshot!(env.tk(["show", &id]), @"
    tzsp6d6  VPN drops
    Id:         tzsp6d65r8gysczp
    Status:     waiting
    Priority:   medium (impact medium, urgency medium)
    Type:       incident
    Requester:  Ana Lima <ana@example.com>
    Assignee:   test.user@example.com
    Created:    2026-03-02 09:00 (2h ago)
    Updated:    2026-03-02 09:03
    Responded:  2026-03-02 09:02
    Response:   due 2026-03-02 13:00 (met 2026-03-02 09:02)
    Resolution: due 2026-03-05 11:03 (2d left) (paused while waiting)
    [exit status: 0]
    ");
    // Work resumes at 11:07: the wait lasted 2h04m, and the due time keeps
    // that delay for good.
    env.tk(["start", &id]).success();
    env.advance(24 * 3600);
    let shown = show(&env, &id);
    let sla = shown.sla.unwrap();
    assert!(!sla.paused);
    assert_eq!(sla.resolution.unwrap().due, "2026-03-05T11:04:00Z");
}

#[test]
fn first_response_is_the_first_public_action_by_someone_else() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let id = env.new_ticket("VPN drops", &["--requester", "Ana Lima <ana@example.com>"]);
    // An internal note is not a response, nor is the requester's own
    // comment.
    env.tk(["comment", &id, "--internal", "-m", "Probably the MTU."])
        .success();
    env.tk_as(ANA, ["comment", &id, "-m", "Still dropping."])
        .success();
    let shown = show(&env, &id); // 09:03
    assert_eq!(shown.first_response, None);
    assert_eq!(shown.sla.unwrap().response.unwrap().met, None);
    // Bo's public comment at 09:04 is.
    env.tk_as(BO, ["comment", &id, "-m", "Looking into it."])
        .success();
    env.tk(["comment", &id, "-m", "Me too."]).success();
    let shown = show(&env, &id);
    assert_eq!(
        shown.first_response.as_deref(),
        Some("2026-03-02T09:04:00Z")
    );
    let response = shown.sla.unwrap().response.unwrap();
    assert_eq!(
        (response.met.as_deref(), response.breached),
        (Some("2026-03-02T09:04:00Z"), false)
    );

    // A status change by someone else counts too; one by the requester
    // does not.
    let id = env.new_ticket("Printer", &["--requester", "Ana Lima <ana@example.com>"]); // 09:07
    env.tk_as(ANA, ["assign", &id, "bo@example.com"]).success(); // 09:08
    assert_eq!(show(&env, &id).first_response, None); // 09:09
    env.tk_as(BO, ["start", &id]).success(); // 09:10
    assert_eq!(
        show(&env, &id).first_response.as_deref(),
        Some("2026-03-02T09:10:00Z")
    );
}

#[test]
fn a_late_response_is_met_but_breached() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let id = env.new_ticket(
        "Server down",
        &[
            "--priority",
            "critical",
            "--requester",
            "Ana Lima <ana@example.com>",
        ],
    );
    env.advance(20 * 60);
    env.tk(["comment", &id, "-m", "On it."]).success(); // 09:21
    let response = show(&env, &id).sla.unwrap().response.unwrap();
    assert_eq!(
        (
            response.due.as_str(),
            response.met.as_deref(),
            response.breached
        ),
        ("2026-03-02T09:15:00Z", Some("2026-03-02T09:21:00Z"), true)
    );
    // Five hours later the resolution is overdue too.
    env.advance(5 * 3600);
    let sla = show(&env, &id).sla.unwrap();
    let resolution = sla.resolution.unwrap();
    assert_eq!(
        (resolution.due.as_str(), resolution.met, resolution.breached),
        ("2026-03-02T13:00:00Z", None, true)
    );
    insta::assert_snapshot!(env.tk(["show", &id]), @"
    tzsp6d6  Server down
    Id:         tzsp6d65r8gysczp
    Status:     new
    Priority:   critical (impact medium, urgency medium)
    Type:       incident
    Requester:  Ana Lima <ana@example.com>
    Assignee:   -
    Created:    2026-03-02 09:00 (5h ago)
    Updated:    2026-03-02 09:21
    Responded:  2026-03-02 09:21
    Response:   due 2026-03-02 09:15 (met 2026-03-02 09:21, late)
    Resolution: due 2026-03-02 13:00 (BREACHED, 1h late)

    Comments (1)

      Test User <test.user@example.com> 2026-03-02 09:21
        On it.
    [exit status: 0]
    ");
}

#[test]
fn resolving_or_closing_with_a_reason_stops_the_resolution_clock() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let resolved = env.new_ticket("Resolved", &["--priority", "critical"]);
    let cancelled = env.new_ticket("Cancelled", &["--priority", "critical"]);
    env.tk(["resolve", &resolved, "-m", "Rebooted."]).success(); // 09:02
    env.tk(["close", &cancelled, "--reason", "cancelled"])
        .success(); // 09:03
    env.advance(24 * 3600);
    let sla = show(&env, &resolved).sla.unwrap();
    let clock = sla.resolution.unwrap();
    assert_eq!(
        (clock.met.as_deref(), clock.breached),
        (Some("2026-03-02T09:02:00Z"), false)
    );
    let sla = show(&env, &cancelled).sla.unwrap();
    let clock = sla.resolution.unwrap();
    assert_eq!(
        (clock.met.as_deref(), clock.breached),
        (Some("2026-03-02T09:03:00Z"), false)
    );
    assert!(titles(&env, &["--all", "--overdue"]).is_empty());
    assert!(titles(&env, &["--all", "--breached"]).is_empty());
}

// ---------------------------------------------------------------------
// The list flags and the DUE column.

#[test]
fn list_filters_and_sorts_by_sla() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let requester = ["--requester", "Ana Lima <ana@example.com>"];
    let new = |title: &str, priority: &str| {
        let mut args = vec!["--priority", priority];
        args.extend_from_slice(&requester);
        env.new_ticket(title, &args)
    };
    new("unanswered", "critical"); // 09:00, response due 09:15
    let late = new("answered late", "critical"); // 09:01, response due 09:16
    let medium = new("answered in time", "medium"); // 09:02
    env.advance(20 * 60);
    env.tk(["comment", &late, "-m", "On it."]).success(); // 09:23
    env.tk(["comment", &medium, "-m", "On it."]).success(); // 09:24
    new("fresh high", "high"); // 09:25, response due 10:25
    new("fresh low", "low"); // 09:26, response due tomorrow
    new("someday", "planning"); // 09:27, no clocks

    insta::assert_snapshot!(env.tk(["list", "--sort", "due"]), @"
     ID       PRI       STATUS  TYPE      AGE  DUE       ASSIGNEE  TITLE
     tzsp6d6  critical  new     incident  28m  13m late  -         unanswered
     3aqnwsa  high      new     incident  3m   in 57m    -         fresh high
     29x08eh  critical  new     incident  27m  in 3h     -         answered late
     d04914m  low       new     incident  2m   in 23h    -         fresh low
     m3zb45p  medium    new     incident  26m  in 2d     -         answered in time
     mbyrkzk  planning  new     incident  1m   -         -         someday
    [exit status: 0]
    ");
    // Overdue: a running clock is past due.
    assert_eq!(titles(&env, &["--overdue"]), ["unanswered"]);
    // Breached: overdue, or met late.
    assert_eq!(
        titles(&env, &["--breached"]),
        ["unanswered", "answered late"]
    );
    // Due within 2h: an unmet target falls due in the next two hours;
    // the already-late one is due too.
    assert_eq!(
        titles(&env, &["--due-within", "2h"]),
        ["unanswered", "fresh high"]
    );
    assert_eq!(
        titles(&env, &["--due-within", "4h"]),
        ["unanswered", "answered late", "fresh high"]
    );
    // Sorted by the next due time; tickets without clocks last.
    assert_eq!(
        titles(&env, &["--sort", "due"]),
        [
            "unanswered",
            "fresh high",
            "answered late",
            "fresh low",
            "answered in time",
            "someday"
        ]
    );
    insta::assert_snapshot!(env.tk(["list", "--due-within", "soon"]), @"
    ------- stderr -------
    error: invalid value 'soon' for '--due-within <SPAN>': invalid duration `soon`: use numbers with units w, d, h, m, like 15m, 4h, 1d or 1d4h

    For more information, try '--help'.
    [exit status: 2]
    ");
}

#[test]
fn regression_due_within_keeps_a_ticket_whose_response_is_already_breached() {
    // Issue 11: a critical ticket's response (15m) breached, its resolution
    // (4h) due in 3h; `--due-within 4h` left it out because the earlier,
    // overdue clock hid the one still to come.
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let requester = ["--requester", "Ana Lima <ana@example.com>"];
    let mut args = vec!["--priority", "critical"];
    args.extend_from_slice(&requester);
    env.new_ticket("response late", &args);
    env.set_time("2026-03-02T10:00:00Z");
    assert_eq!(titles(&env, &["--overdue"]), ["response late"]);
    assert_eq!(titles(&env, &["--due-within", "4h"]), ["response late"]);
    // A resolved ticket has no target left to meet.
    let resolved = env.new_ticket("resolved late", &args);
    env.set_time("2026-03-02T12:00:00Z");
    env.tk(["resolve", &resolved, "-m", "Done."]).success();
    assert_eq!(titles(&env, &["--due-within", "1h"]), ["response late"]);
}
