//! The standalone HTML report: one page with inline CSS and SVG charts, no
//! scripts and no external resources, so it opens anywhere.

use super::report::figure_cells;
use crate::cli::ui::sanitized;
use crate::report::{Figures, Report};

/// Escapes text for HTML: markup is escaped, control characters are
/// dropped, and bidi and zero-width characters are shown as `<U+202E>`, as
/// on the terminal.
fn escape(text: &str) -> String {
    let visible = sanitized(&text.chars().filter(|c| !c.is_control()).collect::<String>());
    visible
        .chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c if c.is_control() => String::new(),
            c => c.to_string(),
        })
        .collect()
}

fn figures_row(name: &str, f: &Figures) -> String {
    let cells = figure_cells(f);
    let cells: String = cells
        .iter()
        .map(|c| format!("<td>{}</td>", escape(c)))
        .collect();
    format!("<tr><th>{}</th>{cells}</tr>\n", escape(name))
}

/// Returns an SVG bar chart of opened (blue) vs resolved (green) per week.
fn weeks_chart(report: &Report) -> String {
    let weeks = &report.weeks;
    let max = weeks
        .iter()
        .map(|w| w.opened.max(w.resolved))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (height, slot) = (200.0, 48.0);
    let width = (weeks.len() as f64 * slot).max(slot) + 40.0;
    let mut bars = String::new();
    for (i, week) in weeks.iter().enumerate() {
        let x = 30.0 + i as f64 * slot;
        for (n, (count, color)) in [(week.opened, "#3b6fd4"), (week.resolved, "#2f9e58")]
            .into_iter()
            .enumerate()
        {
            let h = height * count as f64 / max;
            bars.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"18\" height=\"{h:.1}\" fill=\"{color}\"><title>{count}</title></rect>",
                x + n as f64 * 20.0,
                10.0 + height - h
            ));
        }
        bars.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x + 19.0,
            height + 24.0,
            week.start.format("%m-%d")
        ));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{:.0}\" role=\"img\" aria-label=\"Opened vs resolved per week\">\
<line x1=\"28\" y1=\"{:.0}\" x2=\"{width:.0}\" y2=\"{:.0}\" stroke=\"#999\"/>{bars}\
<text x=\"0\" y=\"16\" font-size=\"10\">{max}</text></svg>",
        height + 34.0,
        height + 10.0,
        height + 10.0,
    )
}

/// Returns an SVG bar chart of the ratings 1 to 5.
fn ratings_chart(f: &Figures) -> String {
    let dist = f.satisfaction.distribution;
    let max = dist.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut bars = String::new();
    for (i, count) in dist.iter().enumerate() {
        let w = 300.0 * *count as f64 / max;
        let y = 10.0 + i as f64 * 26.0;
        bars.push_str(&format!(
            "<text x=\"0\" y=\"{:.0}\" font-size=\"12\">{}</text><rect x=\"20\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"18\" fill=\"#e0a100\"/><text x=\"{:.1}\" y=\"{:.0}\" font-size=\"12\">{count}</text>",
            y + 14.0,
            i + 1,
            w + 26.0,
            y + 14.0
        ));
    }
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"380\" height=\"140\" role=\"img\" aria-label=\"Ratings\">{bars}</svg>")
}

/// Returns the whole HTML page for a report.
pub fn page(report: &Report) -> String {
    let day = |t: crate::model::Timestamp| t.to_utc().format("%Y-%m-%d %H:%M UTC").to_string();
    let mut rows: String = report
        .groups
        .iter()
        .map(|(name, f)| figures_row(name, f))
        .collect();
    rows.push_str(&figures_row("total", &report.total));
    let ratings = if report.total.satisfaction.count > 0 {
        format!("<h2>Satisfaction</h2>\n{}\n", ratings_chart(&report.total))
    } else {
        String::new()
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tk service report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ padding: .3rem .7rem; border-bottom: 1px solid #ddd; text-align: right; }}
th:first-child {{ text-align: left; }}
thead th {{ background: #f3f3f3; }}
.legend span {{ display: inline-block; width: 12px; height: 12px; margin: 0 .3rem 0 1rem; }}
</style>
</head>
<body>
<h1>Service report</h1>
<p>{} to {}</p>
<table>
<thead><tr><th></th><th>Opened</th><th>Resolved</th><th>Closed</th><th>Reopened</th><th>Backlog</th><th>Response mean / median</th><th>Resolution mean / median</th><th>SLA response</th><th>SLA resolution</th><th>Rating</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
<h2>Opened vs resolved per week</h2>
<p class="legend"><span style="background:#3b6fd4"></span>opened<span style="background:#2f9e58"></span>resolved</p>
{}
{ratings}<p><small>Generated by tk.</small></p>
</body>
</html>
"#,
        day(report.period.since),
        day(report.period.until),
        weeks_chart(report),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_from_ticket_data() {
        assert_eq!(
            escape("<b>\"a\" & 'b'</b>\x1b"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
    }
}
