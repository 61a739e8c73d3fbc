//! The `--json` views of `tk report`: the period, the figures in total,
//! per group and per week, and the clocks that missed their targets.
//! People stay emails, as tickets have them; their names are beside them.

use crate::report::{Breach, Compliance, Durations, Figures, Report, Satisfaction};
use crate::team::ReportTargets;
use serde::Serialize;

/// The whole report.
#[derive(Serialize)]
pub struct ReportView {
    since: String,
    until: String,
    total: FiguresView,
    groups: Vec<GroupView>,
    weeks: Vec<WeekView>,
    breached: Vec<BreachView>,
    targets: TargetsView,
}

/// The team's targets (`[report]` in `tk.toml`); `null` where none is set.
#[derive(Serialize)]
struct TargetsView {
    /// In percent.
    sla_compliance: Option<f64>,
    /// A mean rating.
    satisfaction: Option<f64>,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    label: String,
    #[serde(flatten)]
    figures: FiguresView,
}

#[derive(Serialize)]
struct WeekView {
    week: String,
    start: String,
    opened: usize,
    resolved: usize,
    backlog: usize,
}

#[derive(Serialize)]
struct BreachView {
    id: String,
    title: String,
    target: &'static str,
    due: String,
    met: Option<String>,
    late_seconds: i64,
    assignee: Option<String>,
    assignee_name: Option<String>,
}

impl BreachView {
    fn new(report: &Report, b: &Breach) -> Self {
        BreachView {
            id: b.id.to_string(),
            title: b.title.clone(),
            target: b.target.as_str(),
            due: b.due.to_string(),
            met: b.met.map(|t| t.to_string()),
            late_seconds: b.late_seconds,
            assignee: b.assignee.clone(),
            assignee_name: b.assignee.as_deref().map(|a| report.name_of(a).to_string()),
        }
    }
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
    below_target: bool,
}

#[derive(Serialize)]
struct SatisfactionView {
    count: usize,
    average: Option<f64>,
    distribution: [usize; 5],
    below_target: bool,
}

impl SatisfactionView {
    fn new(s: &Satisfaction, targets: &ReportTargets) -> Self {
        SatisfactionView {
            count: s.count,
            average: s.average,
            distribution: s.distribution,
            below_target: s.below_target(targets.satisfaction),
        }
    }
}

impl FiguresView {
    fn new(f: &Figures, targets: &ReportTargets) -> Self {
        let durations = |d: &Durations| DurationsView {
            count: d.count,
            mean_seconds: d.mean,
            median_seconds: d.median,
        };
        let compliance = |c: &Compliance| ComplianceView {
            met: c.met,
            breached: c.breached,
            percent: c.percent(),
            below_target: c.below_target(targets.sla_compliance),
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
            satisfaction: SatisfactionView::new(&f.satisfaction, targets),
            satisfaction_on_behalf: SatisfactionView::new(&f.satisfaction_on_behalf, targets),
        }
    }
}

impl ReportView {
    /// Returns the view of a report.
    pub fn new(report: &Report) -> Self {
        ReportView {
            since: report.period.since.to_string(),
            until: report.period.until.to_string(),
            total: FiguresView::new(&report.total, &report.targets),
            groups: report
                .groups
                .iter()
                .map(|(name, f)| GroupView {
                    name: name.clone(),
                    label: report.group_label(name).to_string(),
                    figures: FiguresView::new(f, &report.targets),
                })
                .collect(),
            weeks: report
                .weeks
                .iter()
                .map(|w| WeekView {
                    week: w.label(),
                    start: w.start.to_string(),
                    opened: w.opened,
                    resolved: w.resolved,
                    backlog: w.backlog,
                })
                .collect(),
            breached: report
                .breached
                .iter()
                .map(|b| BreachView::new(report, b))
                .collect(),
            targets: TargetsView {
                sla_compliance: report.targets.sla_compliance_percent(),
                satisfaction: report.targets.satisfaction_score(),
            },
        }
    }
}
