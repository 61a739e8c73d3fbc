//! The `--json` views of `tk report`: the period, the figures in total,
//! per group and per week.

use crate::report::{Compliance, Durations, Figures, Report, Satisfaction};
use serde::Serialize;

/// The whole report.
#[derive(Serialize)]
pub struct ReportView {
    since: String,
    until: String,
    total: FiguresView,
    groups: Vec<GroupView>,
    weeks: Vec<WeekView>,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    #[serde(flatten)]
    figures: FiguresView,
}

#[derive(Serialize)]
struct WeekView {
    start: String,
    opened: usize,
    resolved: usize,
}

#[derive(Serialize)]
struct FiguresView {
    opened: usize,
    resolved: usize,
    closed: usize,
    reopened: usize,
    escalated: usize,
    backlog: usize,
    first_response: DurationsView,
    resolution: DurationsView,
    sla_response: ComplianceView,
    sla_resolution: ComplianceView,
    satisfaction: SatisfactionView,
    satisfaction_on_behalf: SatisfactionView,
}

#[derive(Serialize)]
struct DurationsView {
    count: usize,
    mean_seconds: Option<i64>,
    median_seconds: Option<i64>,
}

#[derive(Serialize)]
struct ComplianceView {
    met: usize,
    breached: usize,
    percent: Option<f64>,
}

#[derive(Serialize)]
struct SatisfactionView {
    count: usize,
    average: Option<f64>,
    distribution: [usize; 5],
}

impl SatisfactionView {
    fn new(s: &Satisfaction) -> Self {
        SatisfactionView {
            count: s.count,
            average: s.average,
            distribution: s.distribution,
        }
    }
}

impl FiguresView {
    fn new(f: &Figures) -> Self {
        let durations = |d: &Durations| DurationsView {
            count: d.count,
            mean_seconds: d.mean,
            median_seconds: d.median,
        };
        let compliance = |c: &Compliance| ComplianceView {
            met: c.met,
            breached: c.breached,
            percent: c.percent(),
        };
        FiguresView {
            opened: f.opened,
            resolved: f.resolved,
            closed: f.closed,
            reopened: f.reopened,
            escalated: f.escalated,
            backlog: f.backlog,
            first_response: durations(&f.first_response),
            resolution: durations(&f.resolution),
            sla_response: compliance(&f.sla_response),
            sla_resolution: compliance(&f.sla_resolution),
            satisfaction: SatisfactionView::new(&f.satisfaction),
            satisfaction_on_behalf: SatisfactionView::new(&f.satisfaction_on_behalf),
        }
    }
}

impl ReportView {
    /// Returns the view of a report.
    pub fn new(report: &Report) -> Self {
        ReportView {
            since: report.period.since.to_string(),
            until: report.period.until.to_string(),
            total: FiguresView::new(&report.total),
            groups: report
                .groups
                .iter()
                .map(|(name, f)| GroupView {
                    name: name.clone(),
                    figures: FiguresView::new(f),
                })
                .collect(),
            weeks: report
                .weeks
                .iter()
                .map(|w| WeekView {
                    start: w.start.to_string(),
                    opened: w.opened,
                    resolved: w.resolved,
                })
                .collect(),
        }
    }
}
