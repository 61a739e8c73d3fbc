//! `tk escalate`: functional escalation with a reason, and `--breached`
//! for cron, once per missed target.

use crate::common::{json, TestEnv};
use crate::test_report::Report;

fn shown(env: &TestEnv, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

#[test]
fn escalating_hands_the_ticket_over_and_raises_its_priority() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let id = env.new_ticket("Printer jams", &[]);
    insta::assert_snapshot!(env.tk(["escalate", &id, "--to", "bo@example.com", "--priority", "high", "-m", "Needs the hardware tier"]), @r#"
    ------- stderr -------
    Escalated to bo@example.com: tzsp6d6 "Printer jams".
    [exit status: 0]
    "#);
    let t = shown(&env, &id);
    assert_eq!(t.assignee.as_deref(), Some("bo@example.com"));
    assert_eq!(t.priority, "high");
    assert_eq!(
        t.response_target.as_deref(),
        Some("1h"),
        "the targets follow"
    );
    let out = env.tk(["show", &id, "--timeline"]);
    assert!(
        out.stdout
            .contains("escalated to bo@example.com: Needs the hardware tier"),
        "{out}"
    );
    let report: Report = env.tk(["report", "--json"]).json();
    assert_eq!(report.total.escalated, 1);
    // A reason is required, and a closed ticket is not escalated.
    let tip = env.tip();
    assert_eq!(env.tk(["escalate", &id]).status, 2);
    env.tk(["close", &id, "--reason", "cancelled"]).success();
    let tip_closed = env.tip();
    assert_ne!(tip, tip_closed);
    assert_eq!(env.tk(["escalate", &id, "-m", "again"]).status, 5);
    assert_eq!(env.tip(), tip_closed);
}

#[test]
fn escalate_breached_escalates_each_missed_target_once() {
    let env = TestEnv::new();
    env.set_time("2026-03-02T09:00:00Z");
    let requester = [
        "--requester",
        "Ana Lima <ana@example.com>",
        "--priority",
        "critical",
    ];
    let late = env.new_ticket("Core switch down", &requester);
    let fine = env.new_ticket("Printer", &["--requester", "Ana Lima <ana@example.com>"]);
    // 10:00: the critical ticket's 15-minute response is missed.
    env.set_time("2026-03-02T10:00:00Z");
    insta::assert_snapshot!(env.tk(["escalate", "--breached", "--to", "lead@example.com"]), @r#"
    ------- stderr -------
    Escalated tzsp6d6 "Core switch down".
    Escalated 1 ticket.
    [exit status: 0]
    "#);
    assert_eq!(
        shown(&env, &late).assignee.as_deref(),
        Some("lead@example.com")
    );
    assert_eq!(shown(&env, &fine).assignee, None);
    // The next cron run finds nothing new and commits nothing.
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["escalate", "--breached"]), @"
    ------- stderr -------
    No open ticket missed a target it was not escalated for.
    [exit status: 0]
    ");
    assert_eq!(env.tip(), tip);
    // 13:30: its 4-hour resolution is missed too, and the printer's
    // 4-hour response: one commit escalates both.
    env.set_time("2026-03-02T13:30:00Z");
    let escalated: Vec<json::Written> = env.tk(["escalate", "--breached", "--json"]).json();
    let mut titles: Vec<&str> = escalated.iter().map(|w| w.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Core switch down", "Printer"]);
    let out = env.tk(["show", &late, "--timeline"]);
    assert!(out.stdout.contains("(response target missed)"), "{out}");
    assert!(out.stdout.contains("(resolution target missed)"), "{out}");
    let report: Report = env.tk(["report", "--json"]).json();
    assert_eq!(report.total.escalated, 3);
}
