//! `tk report` for daily use: spans for the period, and more ways to group.

use crate::common::TestEnv;

/// `tk report --since 1w` was refused: only dates were accepted.
#[test]
fn report_since_takes_a_span() {
    let env = TestEnv::new();
    env.set_time("2026-03-01T09:00:00Z");
    env.new_ticket("Old", &[]);
    env.set_time("2026-03-20T09:00:00Z");
    env.new_ticket("Recent", &[]);
    let week: serde_json::Value = env.tk(["report", "--since", "1w", "--json"]).json();
    assert_eq!(week["total"]["opened"], 1, "{week}");
    let month: serde_json::Value = env.tk(["report", "--since", "30d", "--json"]).json();
    assert_eq!(month["total"]["opened"], 2, "{month}");
    let bad = env.tk(["report", "--since", "soon"]);
    assert_eq!(bad.status, 2, "{bad}");
}

/// `tk report --by requester` was refused.
#[test]
fn report_groups_by_requester_department_and_location() {
    let env = TestEnv::new();
    let a = env.new_ticket("VPN", &["--requester", "Ana Lima <ana@example.com>"]);
    env.new_ticket("Printer", &["--requester", "Bo Chen <bo@example.com>"]);
    env.new_ticket("Laptop", &["--requester", "Ana Lima <ana@example.com>"]);
    env.tk([
        "set",
        &a,
        "requester.department=Finance",
        "requester.location=Berlin",
    ])
    .success();
    let names = |by: &str| -> Vec<(String, u64)> {
        let report: serde_json::Value = env.tk(["report", "--by", by, "--json"]).json();
        report["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["name"].as_str().unwrap().to_string(),
                    g["opened"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        names("requester"),
        [
            ("ana@example.com".to_string(), 2),
            ("bo@example.com".to_string(), 1)
        ]
    );
    assert_eq!(
        names("department"),
        [("(none)".to_string(), 2), ("Finance".to_string(), 1)]
    );
    assert_eq!(
        names("location"),
        [("(none)".to_string(), 2), ("Berlin".to_string(), 1)]
    );
}

/// The text report was about 150 columns wide and wrapped mid-word at 80.
#[test]
fn the_text_report_fits_80_columns() {
    let env = TestEnv::new();
    let id = env.new_ticket(
        "VPN",
        &[
            "--requester",
            "Ana Lima <ana.lima.from.finance@example.com>",
        ],
    );
    env.tk(["start", &id]).success();
    env.tk(["resolve", &id, "-m", "Fixed."]).success();
    env.tk(["rate", &id, "4", "--on-behalf"]).success();
    // Unanswered for a day: its breached clocks are listed, title cut.
    env.new_ticket(
        "The printer on the third floor prints every page twice since the update",
        &["--assignee", "someone.with.a.long.address@example.com"],
    );
    env.advance(86_400);
    let out = env.tk(["report", "--by", "requester"]).success();
    assert!(out.stdout.contains("Breached SLA targets"), "{out}");
    assert!(out.stdout.contains("The printer on the"), "{out}");
    for line in out.stdout.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} wide: {line:?}",
            line.chars().count()
        );
    }
    for title in [
        "Volume",
        "Times (mean / median)",
        "Service levels and satisfaction",
    ] {
        assert!(out.stdout.contains(title), "{out}");
    }
}

/// The text report's tables padded every line's last column with spaces,
/// in a pipe too; no line of tk's tables ends in whitespace now.
#[test]
fn regression_report_lines_carry_trailing_spaces() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &["--requester", "Ana Lima <ana@example.com>"]);
    env.new_ticket("A printer with a much longer title", &[]);
    env.tk(["resolve", &id, "-m", "Firmware 2.2"]).success();
    for args in [
        vec!["report"],
        vec!["report", "--by", "requester"],
        vec!["team", "list"],
    ] {
        let out = env.tk(args.clone()).success();
        assert!(!out.stdout.is_empty() || args[0] == "team", "{out}");
        for line in out.stdout.lines() {
            assert_eq!(line, line.trim_end(), "{args:?}: {out}");
        }
    }
}

/// The text report lists the 20 most late clocks and counts the rest; the
/// page and --json have every one.
#[test]
fn the_text_report_lists_twenty_breached_clocks() {
    let env = TestEnv::new();
    for n in 0..11 {
        env.new_ticket(&format!("Unanswered {n}"), &[]);
    }
    // Four days on: each missed its 4h response and its 3d resolution.
    env.advance(4 * 86_400);
    let out = env.tk(["report"]).success();
    let rows = out
        .stdout
        .lines()
        .filter(|l| l.contains("Unanswered"))
        .count();
    assert_eq!(rows, 20, "{out}");
    assert!(out.stdout.contains(" … and 2 more, least late"), "{out}");
    let json: serde_json::Value = env.tk(["report", "--json"]).json();
    assert_eq!(json["breached"].as_array().unwrap().len(), 22, "{json}");
    let html = env.tk(["report", "--format", "html"]).success().stdout;
    assert_eq!(html.matches("Unanswered").count(), 22);
}
