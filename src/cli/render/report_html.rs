//! The standalone HTML report: one page with inline CSS and SVG charts, no
//! scripts and no external resources, so it opens anywhere.
//!
//! The page is a pure rendering of a [`Report`], built with `maud`, which
//! escapes every value it interpolates: markup in ticket data cannot become
//! markup on the page. Text from tickets and `tk.toml` is also written
//! through [`Shown`], which neutralizes control characters and makes bidi
//! and zero-width characters visible (`<U+202E>`), as on the terminal.

use super::duration::{duration, Precision};
use super::report::{compliance_text, figure_cells};
use crate::cli::ui::one_line;
use crate::model::Timestamp;
use crate::report::{Figures, Report};
use crate::team::ReportTargets;
use maud::{html, Markup, PreEscaped, Render, DOCTYPE};

/// Text from other people (ticket titles, names, group names) as the page
/// shows it: on one line, control characters replaced by U+FFFD, bidi and
/// zero-width characters spelled out, then HTML-escaped by maud.
struct Shown<'a>(&'a str);

impl Render for Shown<'_> {
    fn render_to(&self, buffer: &mut String) {
        one_line(self.0).render_to(buffer);
    }
}

const STYLE: &str = "\
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: .3rem .7rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td.text { text-align: left; }
thead th { background: #f3f3f3; }
td.below { background: #fde2e1; color: #8a1c14; font-weight: 600; }
.legend span { display: inline-block; width: 12px; height: 12px; margin: 0 .3rem 0 1rem; }
.legend span.below { background: #fde2e1; border: 1px solid #8a1c14; }
";

/// Returns a time as the page shows it: UTC, to the minute.
fn minute(t: Timestamp) -> String {
    t.to_utc().format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Returns one row of the figures table; SLA compliance and the rating
/// below the team's targets are highlighted.
fn figures_row(label: &str, key: &str, f: &Figures, targets: &ReportTargets) -> Markup {
    let cells = figure_cells(f);
    let below = |i: usize| match i {
        7 => f.sla_response.below_target(targets.sla_compliance),
        8 => f.sla_resolution.below_target(targets.sla_compliance),
        9 => f.satisfaction.below_target(targets.satisfaction),
        _ => false,
    };
    html! {
        tr {
            @if label == key {
                th { (Shown(label)) }
            } @else {
                th title=(Shown(key)) { (Shown(label)) }
            }
            @for (i, cell) in cells.iter().enumerate() {
                td class=[below(i).then_some("below")] { (cell) }
            }
        }
    }
}

/// Returns an SVG bar chart of opened (blue) vs resolved (green) per week.
fn weeks_chart(report: &Report) -> Markup {
    let weeks = &report.weeks;
    let max = weeks
        .iter()
        .map(|w| w.opened.max(w.resolved))
        .max()
        .unwrap_or(0)
        .max(1);
    let (height, slot) = (200.0, 56.0);
    let width = (weeks.len() as f64 * slot).max(slot) + 40.0;
    let bar = |count: usize| height * count as f64 / max as f64;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(format!("{width:.0}")) height=(format!("{:.0}", height + 34.0))
            role="img" aria-label="Opened vs resolved per week" {
            line x1="28" y1=(format!("{:.0}", height + 10.0)) x2=(format!("{width:.0}")) y2=(format!("{:.0}", height + 10.0)) stroke="#999" {}
            @for (i, week) in weeks.iter().enumerate() {
                @let x = 30.0 + i as f64 * slot;
                @for (n, (count, color)) in [(week.opened, "#3b6fd4"), (week.resolved, "#2f9e58")].into_iter().enumerate() {
                    rect x=(format!("{:.1}", x + n as f64 * 20.0)) y=(format!("{:.1}", 10.0 + height - bar(count)))
                        width="18" height=(format!("{:.1}", bar(count))) fill=(color) {
                        title { (count) }
                    }
                }
                text x=(format!("{:.1}", x + 19.0)) y=(format!("{:.0}", height + 24.0)) font-size="10" text-anchor="middle" {
                    (week.label())
                }
            }
            text x="0" y="16" font-size="10" { (max) }
        }
    }
}

/// Returns an SVG line of the backlog at the end of each week.
fn backlog_chart(report: &Report) -> Markup {
    let weeks = &report.weeks;
    let max = weeks.iter().map(|w| w.backlog).max().unwrap_or(0).max(1);
    let (height, slot) = (160.0, 56.0);
    let width = (weeks.len() as f64 * slot).max(slot) + 40.0;
    let point = |i: usize, backlog: usize| {
        (
            30.0 + i as f64 * slot + 19.0,
            10.0 + height - height * backlog as f64 / max as f64,
        )
    };
    let points: Vec<String> = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let (x, y) = point(i, w.backlog);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(format!("{width:.0}")) height=(format!("{:.0}", height + 34.0))
            role="img" aria-label="Backlog at the end of each week" {
            line x1="28" y1=(format!("{:.0}", height + 10.0)) x2=(format!("{width:.0}")) y2=(format!("{:.0}", height + 10.0)) stroke="#999" {}
            polyline points=(points.join(" ")) fill="none" stroke="#b5532a" stroke-width="2" {}
            @for (i, week) in weeks.iter().enumerate() {
                @let (x, y) = point(i, week.backlog);
                circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="3" fill="#b5532a" {
                    title { (week.label()) ": " (week.backlog) " open" }
                }
                text x=(format!("{x:.1}")) y=(format!("{:.0}", height + 24.0)) font-size="10" text-anchor="middle" {
                    (week.label())
                }
            }
            text x="0" y="16" font-size="10" { (max) }
        }
    }
}

/// Returns an SVG bar chart of the ratings 1 to 5.
fn ratings_chart(f: &Figures) -> Markup {
    let dist = f.satisfaction.distribution;
    let max = dist.iter().copied().max().unwrap_or(0).max(1) as f64;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width="380" height="140" role="img" aria-label="Ratings" {
            @for (i, count) in dist.iter().enumerate() {
                @let (w, y) = (300.0 * *count as f64 / max, 10.0 + i as f64 * 26.0);
                text x="0" y=(format!("{:.0}", y + 14.0)) font-size="12" { (i + 1) }
                rect x="20" y=(format!("{y:.0}")) width=(format!("{w:.1}")) height="18" fill="#e0a100" {}
                text x=(format!("{:.1}", w + 26.0)) y=(format!("{:.0}", y + 14.0)) font-size="12" { (count) }
            }
        }
    }
}

/// Returns the table of the SLA clocks that missed their targets.
fn breached_table(report: &Report) -> Markup {
    html! {
        @if report.breached.is_empty() {
            p { "No SLA target was missed in the period." }
        } @else {
            table {
                thead {
                    tr {
                        th { "Ticket" } th { "Title" } th { "Target" } th { "Due" }
                        th { "Late by" } th { "Assignee" }
                    }
                }
                tbody {
                    @for b in &report.breached {
                        tr {
                            th title=(b.id) { (b.id.prefix(b.short_len)) }
                            td.text { (Shown(&b.title)) }
                            td.text {
                                (b.target.as_str())
                                @if b.met.is_none() { " (still open)" }
                            }
                            td { (minute(b.due)) }
                            td.below { (duration(b.late_seconds, Precision::Two)) }
                            td.text {
                                @match &b.assignee {
                                    Some(who) => (Shown(report.name_of(who))),
                                    None => "(unassigned)",
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Returns the whole HTML page for a report.
pub fn page(report: &Report) -> String {
    let total = &report.total;
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "tk service report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Service report" }
                p { (minute(report.period.since)) " to " (minute(report.period.until)) }
                table {
                    thead {
                        tr {
                            th {}
                            @for name in ["Opened", "Resolved", "Closed", "Reopened", "Backlog",
                                "Response mean / median", "Resolution mean / median",
                                "SLA response", "SLA resolution", "Rating"] {
                                th { (name) }
                            }
                        }
                    }
                    tbody {
                        @for (key, f) in &report.groups {
                            (figures_row(report.group_label(key), key, f, &report.targets))
                        }
                        (figures_row("total", "total", total, &report.targets))
                    }
                }
                p.legend {
                    span.below {}
                    (below_legend(&report.targets))
                }
                h2 { "Breached SLA targets" }
                @if total.sla_response.percent().is_some() || total.sla_resolution.percent().is_some() {
                    p {
                        "Met in time: response " (compliance_text(&total.sla_response))
                        ", resolution " (compliance_text(&total.sla_resolution)) "."
                    }
                }
                (breached_table(report))
                h2 { "Opened vs resolved per week" }
                p.legend {
                    span style="background:#3b6fd4" {} "opened"
                    span style="background:#2f9e58" {} "resolved"
                }
                (weeks_chart(report))
                h2 { "Backlog at the end of each week" }
                (backlog_chart(report))
                @if total.satisfaction.count > 0 {
                    h2 { "Satisfaction" }
                    (ratings_chart(total))
                }
                p { small { "Generated by tk." } }
            }
        }
    };
    let mut page = markup.into_string();
    page.push('\n');
    page
}

/// Returns what the highlight in the figures table means, with the
/// team's targets.
fn below_legend(targets: &ReportTargets) -> String {
    let sla = match targets.sla_compliance_percent() {
        Some(percent) => format!(
            "below the team's targets: SLA response or resolution met in time for less than {percent}% of the clocks counted (report.sla_compliance)"
        ),
        None => "below the team's SLA targets: a response or resolution clock counted in the figure missed the target tk.toml sets for the ticket's priority or type".to_string(),
    };
    match targets.satisfaction_score() {
        Some(score) => format!("{sla}; a rating under {score:.1} (report.satisfaction)"),
        None => sla,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_is_escaped_and_neutralized() {
        let text = Shown("<b>\"a\" & 'b'</b>\x1b[2J\u{202e}txt")
            .render()
            .into_string();
        assert_eq!(
            text,
            "&lt;b&gt;&quot;a&quot; &amp; 'b'&lt;/b&gt;\u{fffd}[2J&lt;U+202E&gt;txt"
        );
    }

    #[test]
    fn an_empty_report_is_a_whole_page() {
        let period = crate::report::Period {
            since: Timestamp::from_unix(1_795_000_000),
            until: Timestamp::from_unix(1_795_600_000),
        };
        let report = crate::report::build(&[], period, &crate::team::TeamConfig::default(), None);
        let html = page(&report);
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\">"),
            "{html}"
        );
        assert!(html.ends_with("</html>\n"), "{html}");
        assert!(
            html.contains("No SLA target was missed in the period."),
            "{html}"
        );
        assert!(!html.contains("Met in time"), "{html}");
        assert!(!html.contains("<td class=\"below\">"), "{html}");
    }
}
