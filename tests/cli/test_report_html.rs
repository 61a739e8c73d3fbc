//! `tk report --format html`: the page, its escaping, and people by name
//! in every format.

use crate::common::TestEnv;

/// A small fixed history on Monday 2026-11-23 (ISO week 2026-W48): Bo Chen
/// (a team member) resolves Ana's VPN ticket in time; a printer ticket
/// stays unanswered past its 4h response target.
fn history(env: &TestEnv) -> (String, String) {
    env.tk(["team", "add", "bo@example.com", "--name", "Bo Chen"])
        .success();
    env.set_time("2026-11-23T09:00:00Z");
    let vpn = env.new_ticket(
        "VPN drops",
        &[
            "--requester",
            "Ana Lima <ana@example.com>",
            "--assignee",
            "bo@example.com",
        ],
    );
    let printer = env.new_ticket(
        "Printer jams",
        &[
            "--requester",
            "Cy <cy@example.com>",
            "--assignee",
            "bo@example.com",
        ],
    );
    env.tk(["start", &vpn]).success();
    env.tk(["resolve", &vpn, "-m", "New router"]).success();
    (vpn, printer)
}

/// Returns the page with one tag a line, so a snapshot reads.
fn lines(html: &str) -> String {
    html.replace("><", ">\n<")
}

#[test]
fn the_html_page_of_a_small_report() {
    let env = TestEnv::new();
    history(&env);
    let out = env.tk([
        "report",
        "--format",
        "html",
        "--by",
        "assignee",
        "--since",
        "2026-11-23",
        "--until",
        "2026-11-23",
    ]);
    let html = out.success().stdout;
    assert!(
        !html.contains("<script"),
        "a standalone page has no scripts"
    );
    for external in ["src=", "href=", "<link", "@import", "url("] {
        assert!(
            !html.contains(external),
            "{external} in a self-contained page"
        );
    }
    insta::assert_snapshot!(lines(&html), @r##"
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>tk service report</title>
    <style>body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
    table { border-collapse: collapse; margin: 1rem 0; }
    th, td { padding: .3rem .7rem; border-bottom: 1px solid #ddd; text-align: right; }
    th:first-child, td.text { text-align: left; }
    thead th { background: #f3f3f3; }
    td.below { background: #fde2e1; color: #8a1c14; font-weight: 600; }
    .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 .3rem 0 1rem; }
    .legend span.below { background: #fde2e1; border: 1px solid #8a1c14; }
    </style>
    </head>
    <body>
    <h1>Service report</h1>
    <p>2026-11-23 00:00 UTC to 2026-11-24 00:00 UTC</p>
    <table>
    <thead>
    <tr>
    <th>
    </th>
    <th>Opened</th>
    <th>Resolved</th>
    <th>Closed</th>
    <th>Reopened</th>
    <th>Backlog</th>
    <th>Response mean / median</th>
    <th>Resolution mean / median</th>
    <th>SLA response</th>
    <th>SLA resolution</th>
    <th>Rating</th>
    </tr>
    </thead>
    <tbody>
    <tr>
    <th title="bo@example.com">Bo Chen</th>
    <td>2</td>
    <td>1</td>
    <td>0</td>
    <td>0</td>
    <td>1</td>
    <td>2m / 2m</td>
    <td>3m / 3m</td>
    <td class="below">50.0% (1/2)</td>
    <td>100.0% (1/1)</td>
    <td>-</td>
    </tr>
    <tr>
    <th>total</th>
    <td>2</td>
    <td>1</td>
    <td>0</td>
    <td>0</td>
    <td>1</td>
    <td>2m / 2m</td>
    <td>3m / 3m</td>
    <td class="below">50.0% (1/2)</td>
    <td>100.0% (1/1)</td>
    <td>-</td>
    </tr>
    </tbody>
    </table>
    <p class="legend">
    <span class="below">
    </span>below the team's SLA targets: a response or resolution clock counted in the figure missed the target tk.toml sets for the ticket's priority or type</p>
    <h2>Breached SLA targets</h2>
    <p>Met in time: response 50.0% (1/2), resolution 100.0% (1/1).</p>
    <table>
    <thead>
    <tr>
    <th>Ticket</th>
    <th>Title</th>
    <th>Target</th>
    <th>Due</th>
    <th>Late by</th>
    <th>Assignee</th>
    </tr>
    </thead>
    <tbody>
    <tr>
    <th title="m3zb45pdk74ccbzm">m3zb45p</th>
    <td class="text">Printer jams</td>
    <td class="text">response (still open)</td>
    <td>2026-11-23 13:01 UTC</td>
    <td class="below">10h59m</td>
    <td class="text">Bo Chen</td>
    </tr>
    </tbody>
    </table>
    <h2>Opened vs resolved per week</h2>
    <p class="legend">
    <span style="background:#3b6fd4">
    </span>opened<span style="background:#2f9e58">
    </span>resolved</p>
    <svg xmlns="http://www.w3.org/2000/svg" width="96" height="234" role="img" aria-label="Opened vs resolved per week">
    <line x1="28" y1="210" x2="96" y2="210" stroke="#999">
    </line>
    <rect x="30.0" y="10.0" width="18" height="200.0" fill="#3b6fd4">
    <title>2</title>
    </rect>
    <rect x="50.0" y="110.0" width="18" height="100.0" fill="#2f9e58">
    <title>1</title>
    </rect>
    <text x="49.0" y="224" font-size="10" text-anchor="middle">2026-W48</text>
    <text x="0" y="16" font-size="10">2</text>
    </svg>
    <h2>Backlog at the end of each week</h2>
    <svg xmlns="http://www.w3.org/2000/svg" width="96" height="194" role="img" aria-label="Backlog at the end of each week">
    <line x1="28" y1="170" x2="96" y2="170" stroke="#999">
    </line>
    <polyline points="49.0,10.0" fill="none" stroke="#b5532a" stroke-width="2">
    </polyline>
    <circle cx="49.0" cy="10.0" r="3" fill="#b5532a">
    <title>2026-W48: 1 open</title>
    </circle>
    <text x="49.0" y="184" font-size="10" text-anchor="middle">2026-W48</text>
    <text x="0" y="16" font-size="10">1</text>
    </svg>
    <p>
    <small>Generated by tk.</small>
    </p>
    </body>
    </html>
    "##);
}

#[test]
fn hostile_names_and_titles_come_out_escaped() {
    let env = TestEnv::new();
    env.tk([
        "team",
        "add",
        "eve@example.com",
        "--name",
        "Eve <img src=x onerror=alert(1)> \"&\" \u{202e}",
    ])
    .success();
    let id = env.new_ticket(
        "<script>alert('x')</script> \"quoted\" a\u{202e}txt.exe \u{200b}zw",
        &[
            "--requester",
            "Mal \u{202e}\"<b>\" <mal@example.com>",
            "--assignee",
            "eve@example.com",
        ],
    );
    // A title with control characters, written by plain git as another
    // clone might (tk itself keeps them out of a title).
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    let file = env.file_on_ref(&path);
    let hostile = file.replacen(
        "title = \"\"\"<script>",
        "title = \"\"\"\\u001b[31mred\\u0007 <script>",
        1,
    );
    assert_ne!(file, hostile, "the fixture edits the title");
    env.commit_with_git(&path, &hostile, ("Mal", "mal@example.com"));
    env.advance(86_400);
    for by in ["assignee", "requester"] {
        let out = env.tk(["report", "--format", "html", "--by", by]).success();
        let html = out.stdout;
        for raw in [
            "<script", "<img", "<b>", "\u{202e}", "\u{200b}", "\u{1b}", "\u{7}",
        ] {
            assert!(
                !html.contains(raw),
                "{raw:?} came through --by {by}: {html}"
            );
        }
        assert!(html.contains("&lt;U+202E&gt;"), "{html}");
        assert!(html.contains("\u{fffd}[31mred\u{fffd}"), "{html}");
    }
    let html = env
        .tk(["report", "--format", "html", "--by", "assignee"])
        .success()
        .stdout;
    assert!(
        html.contains("Eve &lt;img src=x onerror=alert(1)&gt; &quot;&amp;&quot; &lt;U+202E&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &quot;quoted&quot; a&lt;U+202E&gt;txt.exe &lt;U+200B&gt;zw"),
        "{html}"
    );
    let html = env
        .tk(["report", "--format", "html", "--by", "requester"])
        .success()
        .stdout;
    assert!(
        html.contains("Mal &lt;U+202E&gt;&quot;&lt;b&gt;&quot;"),
        "{html}"
    );
}

#[test]
fn every_axis_and_period_renders_a_page() {
    let env = TestEnv::new();
    history(&env);
    for by in [
        "assignee",
        "category",
        "priority",
        "type",
        "requester",
        "department",
        "location",
        "group",
    ] {
        for period in [
            &["--since", "2026-11-01", "--until", "2026-11-30"][..],
            &["--since", "1w"][..],
            &[][..],
        ] {
            let mut args = vec!["report", "--format", "html", "--by", by];
            args.extend_from_slice(period);
            let html = env.tk(args.clone()).success().stdout;
            assert!(html.starts_with("<!DOCTYPE html>"), "{args:?}");
            assert!(html.contains("<th>total</th>"), "{args:?}: {html}");
            assert!(html.contains("2026-W48"), "{args:?}: {html}");
        }
    }
}

#[test]
fn team_members_and_requesters_are_shown_by_name() {
    let env = TestEnv::new();
    history(&env);
    let period = ["--since", "2026-11-23", "--until", "2026-11-23"];
    let text = env
        .tk([&["report", "--by", "assignee"][..], &period].concat())
        .success();
    assert!(text.stdout.contains("Bo Chen"), "{text}");
    assert!(!text.stdout.contains("bo@example.com"), "{text}");
    let text = env
        .tk([&["report", "--by", "requester"][..], &period].concat())
        .success();
    assert!(
        text.stdout.contains("Ana Lima") && text.stdout.contains("Cy"),
        "{text}"
    );
    assert!(!text.stdout.contains("ana@example.com"), "{text}");
    // The breached list names the assignee too, and ISO weeks label weeks.
    assert!(text.stdout.contains("Breached SLA targets"), "{text}");
    assert!(text.stdout.contains("2026-W48"), "{text}");
    let html = env
        .tk([
            &["report", "--format", "html", "--by", "assignee"][..],
            &period,
        ]
        .concat())
        .success()
        .stdout;
    assert!(
        html.contains("<th title=\"bo@example.com\">Bo Chen</th>"),
        "{html}"
    );
    // JSON keeps the emails, with the names beside them.
    let json: serde_json::Value = env
        .tk([&["report", "--json", "--by", "assignee"][..], &period].concat())
        .json();
    assert_eq!(json["groups"][0]["name"], "bo@example.com", "{json}");
    assert_eq!(json["groups"][0]["label"], "Bo Chen", "{json}");
    assert_eq!(json["breached"][0]["assignee"], "bo@example.com", "{json}");
    assert_eq!(json["breached"][0]["assignee_name"], "Bo Chen", "{json}");
}

#[test]
fn the_json_report_has_the_backlog_line_and_the_breached_list() {
    let env = TestEnv::new();
    let (_, printer) = history(&env);
    let json: serde_json::Value = env
        .tk([
            "report",
            "--json",
            "--since",
            "2026-11-16",
            "--until",
            "2026-11-23",
        ])
        .json();
    let weeks: Vec<_> = json["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["week"].as_str().unwrap().to_string(),
                w["backlog"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [("2026-W47".to_string(), 0), ("2026-W48".to_string(), 1)]
    );
    assert_eq!(json["total"]["backlog"], 1);
    let breached = json["breached"].as_array().unwrap();
    assert_eq!(breached.len(), 1, "{json}");
    let b = &breached[0];
    assert_eq!(b["id"], printer.as_str());
    assert_eq!(b["title"], "Printer jams");
    assert_eq!(b["target"], "response");
    assert_eq!(b["met"], serde_json::Value::Null);
    // Due four hours after 09:01, still unanswered at midnight.
    assert_eq!(b["due"], "2026-11-23T13:01:00Z");
    assert_eq!(b["late_seconds"], 10 * 3_600 + 59 * 60);
}
