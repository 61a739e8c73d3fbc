//! `tk report`: figures over a small history, groups, HTML and errors.

use crate::common::TestEnv;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    since: String,
    until: String,
    pub total: Figures,
    groups: Vec<Group>,
    weeks: Vec<Week>,
    breached: Vec<Breach>,
    targets: Targets,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Targets {
    sla_compliance: Option<f64>,
    satisfaction: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Breach {
    id: String,
    title: String,
    target: String,
    due: String,
    met: Option<String>,
    late_seconds: i64,
    assignee: Option<String>,
    assignee_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    name: String,
    label: String,
    #[serde(flatten)]
    figures: Figures,
}

#[derive(Debug, Deserialize)]
pub struct Figures {
    opened: usize,
    resolved: usize,
    closed: usize,
    reopened: usize,
    pub escalated: usize,
    backlog: usize,
    first_response: Durations,
    resolution: Durations,
    sla_response: Compliance,
    sla_resolution: Compliance,
    satisfaction: Satisfaction,
    satisfaction_on_behalf: Satisfaction,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Durations {
    count: usize,
    mean_seconds: Option<i64>,
    median_seconds: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Compliance {
    met: usize,
    breached: usize,
    percent: Option<f64>,
    below_target: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Satisfaction {
    count: usize,
    average: Option<f64>,
    distribution: [usize; 5],
    below_target: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Week {
    week: String,
    start: String,
    opened: usize,
    resolved: usize,
    backlog: usize,
}

/// Two tickets: one answered by a colleague two minutes after it was
/// opened, resolved and rated 4; one still open.
fn history(env: &TestEnv) -> (String, String) {
    let vpn = env.new_ticket("VPN drops", &["--impact", "high", "--category", "network"]);
    let printer = env.new_ticket("Printer jams", &[]);
    let mut comment = env.tk_cmd(["comment", &vpn, "-m", "Looking"]);
    comment
        .env("GIT_AUTHOR_NAME", "Bo")
        .env("GIT_AUTHOR_EMAIL", "bo@example.com");
    env.run(comment).success();
    env.tk(["resolve", &vpn, "-m", "Replaced the router"])
        .success();
    env.tk(["rate", &vpn, "4"]).success();
    (vpn, printer)
}

#[test]
fn report_counts_the_history() {
    let env = TestEnv::new();
    history(&env);
    let report: Report = env
        .tk([
            "report",
            "--json",
            "--since",
            "2026-03-01",
            "--until",
            "2026-03-02",
        ])
        .json();
    assert_eq!(
        (report.since.as_str(), report.until.as_str()),
        ("2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z")
    );
    let t = &report.total;
    assert_eq!(
        (t.opened, t.resolved, t.closed, t.reopened, t.backlog),
        (2, 1, 0, 0, 1)
    );
    // Opened by the first command, answered by the third: two minutes.
    assert_eq!(
        (t.first_response.count, t.first_response.median_seconds),
        (1, Some(120))
    );
    assert_eq!(
        (t.resolution.count, t.resolution.mean_seconds),
        (1, Some(180))
    );
    // The printer ticket got no response in 4h by the end of the period.
    assert_eq!(
        (
            t.sla_response.met,
            t.sla_response.breached,
            t.sla_response.percent
        ),
        (1, 1, Some(50.0))
    );
    assert_eq!((t.sla_resolution.met, t.sla_resolution.breached), (1, 0));
    assert_eq!(
        (t.satisfaction.count, t.satisfaction.average),
        (1, Some(4.0))
    );
    assert_eq!(t.satisfaction.distribution, [0, 0, 0, 1, 0]);
    assert_eq!(t.satisfaction_on_behalf.count, 0);
    assert!(report.groups.is_empty());
    let weeks: Vec<_> = report
        .weeks
        .iter()
        .map(|w| {
            (
                w.week.as_str(),
                w.start.as_str(),
                w.opened,
                w.resolved,
                w.backlog,
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-W09", "2026-02-23", 0, 0, 0),
            ("2026-W10", "2026-03-02", 2, 1, 1)
        ]
    );
    // The printer ticket's response clock: unanswered past its 4h.
    let breached: Vec<_> = report
        .breached
        .iter()
        .map(|b| (b.title.as_str(), b.target.as_str(), b.met.is_none()))
        .collect();
    assert_eq!(breached, [("Printer jams", "response", true)]);
    let b = &report.breached[0];
    assert!(b.late_seconds > 0 && b.due < report.until, "{b:?}");
    assert_eq!(
        (b.id.len(), &b.assignee, &b.assignee_name),
        (16, &None, &None)
    );
}

#[test]
fn report_groups_and_renders() {
    let env = TestEnv::new();
    history(&env);
    let report: Report = env.tk(["report", "--json", "--by", "priority"]).json();
    let groups: Vec<_> = report
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.label.as_str(), g.figures.opened))
        .collect();
    assert_eq!(groups, [("high", "high", 1), ("medium", "medium", 1)]);
    let text = env.tk(["report", "--by", "category"]).success();
    assert!(text.stdout.contains("network"), "{text}");
    assert!(text.stdout.contains("(none)"), "{text}");
    assert!(
        text.stdout.contains("Opened vs resolved per week"),
        "{text}"
    );
    let page = env.root().join("report.html");
    let out = env
        .tk(["report", "--format", "html", "-o", page.to_str().unwrap()])
        .success();
    assert!(out.stdout.is_empty(), "{out}");
    assert!(out.stderr.contains("Wrote the report to"), "{out}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg"),
        "{html}"
    );
    assert!(
        !html.contains("<script"),
        "a standalone page needs no scripts"
    );
    assert!(html.contains("<th>total</th>"), "{html}");
}

#[test]
fn report_compares_the_totals_with_the_teams_targets() {
    let env = TestEnv::new();
    history(&env);
    let report: Report = env.tk(["report", "--json"]).json();
    let expected = Targets {
        sla_compliance: None,
        satisfaction: None,
    };
    assert_eq!(report.targets, expected);
    assert!(!report.total.satisfaction.below_target);
    env.tk(["config", "set", "report.sla_compliance", "95%"])
        .success();
    env.tk(["config", "set", "report.satisfaction", "4.5"])
        .success();
    let report: Report = env.tk(["report", "--json"]).json();
    let expected = Targets {
        sla_compliance: Some(95.0),
        satisfaction: Some(4.5),
    };
    assert_eq!(report.targets, expected);
    // One rating of 4 is under 4.5; the one response clock was met.
    assert_eq!(report.total.satisfaction.average, Some(4.0));
    assert!(report.total.satisfaction.below_target);
    assert_eq!(report.total.sla_response.percent, Some(100.0));
    assert!(!report.total.sla_response.below_target);
    let text = env.tk(["report"]).success();
    assert!(
        text.stdout.contains("Rating target 4.5: below (4.0 (1))"),
        "{text}"
    );
    assert!(
        text.stdout
            .contains("SLA target 95% met in time: response met (100.0% (1/1))"),
        "{text}"
    );
    let html = env.tk(["report", "--format", "html"]).success().stdout;
    assert!(html.contains("<td class=\"below\">4.0 (1)</td>"), "{html}");
    assert!(
        html.contains("a rating under 4.5 (report.satisfaction)"),
        "{html}"
    );
    env.tk(["config", "set", "report.satisfaction", "4"])
        .success();
    let report: Report = env.tk(["report", "--json"]).json();
    assert!(!report.total.satisfaction.below_target);
    let out = env.tk(["config", "set", "report.sla_compliance", "120%"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("report.sla_compliance"), "{out}");
}

#[test]
fn report_refuses_an_empty_period() {
    let env = TestEnv::new();
    let out = env.tk(["report", "--since", "2026-03-05", "--until", "2026-03-01"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr.contains("--since must be before --until"),
        "{out}"
    );
    let out = env.tk(["report", "--since", "yesterday"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr.contains("is not a date like 2026-11-01"),
        "{out}"
    );
}

#[test]
fn the_default_period_includes_this_very_second() {
    let env = TestEnv::new();
    env.new_ticket("Just now", &[]);
    // Same clock as the creation: the ticket is in the period ending now.
    let mut cmd = env.tk_cmd(["report", "--json"]);
    cmd.env("TK_NOW", TestEnv::time_of(1));
    let report: Report = env.run(cmd).json();
    assert_eq!(report.total.opened, 1);
}
