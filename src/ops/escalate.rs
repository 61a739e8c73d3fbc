//! Escalation: handing a ticket to someone else, another group or a
//! higher tier with a reason (functional), and escalating every open
//! ticket that missed an SLA target, once per missed target (for cron).
//! Without a target named, a ticket goes where its group escalates to.

use super::assign::{pick, Pick};
use super::write::{write, write_one, TicketChange, WriteOptions};
use super::{find, Error, Session, Written};
use crate::model::{email_of, Action, Changes, Priority, SlaTarget, State, Ticket, TicketPrefix};
use crate::team::{EscalationTarget, TeamConfig};

/// One functional escalation.
pub struct EscalateOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// Where it goes: a group's name, or who takes it over (already
    /// resolved, so not `me`). Without it, the ticket's group's
    /// escalation target, if it has one.
    pub to: Option<String>,
    /// A new priority; the SLA targets follow it.
    pub priority: Option<Priority>,
    /// Why.
    pub reason: String,
    /// Whether to assign it to a member of the group it goes to (or of
    /// its own group), picked as `tk assign --auto-assign` does.
    pub auto_assign: bool,
}

/// An escalation made: where the ticket went.
pub struct Escalated {
    /// The ticket after the change.
    pub written: Written,
    /// The group it went to, if any.
    pub group: Option<String>,
    /// Who took it over, if anyone.
    pub to: Option<String>,
    /// The auto-assignment's pick, when asked for.
    pub pick: Option<Pick>,
}

/// Returns where an escalation of `state` goes: `to` when given (a group
/// when one has that name), otherwise its group's escalation target.
fn target_of(config: &TeamConfig, state: &State, to: Option<&str>) -> Option<EscalationTarget> {
    let text = match to {
        Some(to) => Some(to.to_string()),
        None => state
            .group
            .as_ref()
            .and_then(|g| config.groups.get(g))
            .and_then(|g| g.escalate_to.clone()),
    };
    text.map(|t| config.escalation_target(&t))
}

/// Returns the escalate event for `target`, followed by an unassign when
/// the ticket goes to a group its assignee is not in (it waits in the
/// group's queue) and nobody takes it over.
fn escalation(
    config: &TeamConfig,
    ticket: &Ticket,
    target: Option<&EscalationTarget>,
    assignee: Option<String>,
    reason: String,
    breach: Option<SlaTarget>,
) -> Vec<Action> {
    let (to, group) = match target {
        Some(EscalationTarget::Group(g)) => (assignee, Some(g.clone())),
        Some(EscalationTarget::Person(p)) => (Some(p.clone()), None),
        None => (assignee, None),
    };
    let leaves = match (&group, &to, &ticket.state().assignee) {
        (Some(group), None, Some(current)) => config.groups.get(group).is_none_or(|g| {
            !g.members
                .iter()
                .any(|m| m.eq_ignore_ascii_case(email_of(current)))
        }),
        _ => false,
    };
    let mut actions = vec![Action::Escalate {
        reason,
        to,
        group,
        breach,
    }];
    if leaves {
        actions.push(Action::Unassign);
    }
    actions
}

/// Records the escalation (and the new priority) in one commit.
pub fn escalate(session: &Session, options: EscalateOptions) -> Result<Escalated, Error> {
    let config = session.team_config()?;
    let loaded = find(session, &options.target)?;
    let state = loaded.ticket.state();
    let target = target_of(config, state, options.to.as_deref());
    let group = match &target {
        Some(EscalationTarget::Group(g)) => Some(g.clone()),
        _ => None,
    };
    let pick = match (&target, options.auto_assign) {
        (_, false) => None,
        (Some(EscalationTarget::Person(p)), true) => {
            return Err(Error::Invalid(format!(
                "--auto-assign picks a member of a group, but the escalation goes to {p}"
            )))
        }
        (_, true) => {
            let within = group.as_deref().or(state.group.as_deref());
            Some(pick(session, state.category.as_deref(), within)?)
        }
    };
    let assignee = pick.as_ref().map(|p| p.email.clone());
    let to = match &target {
        Some(EscalationTarget::Person(p)) => Some(p.clone()),
        _ => assignee.clone(),
    };
    let reason = options.reason;
    let priority = options.priority;
    let plan = move |ticket: &Ticket| {
        let mut actions = escalation(
            config,
            ticket,
            target.as_ref(),
            assignee.clone(),
            reason.clone(),
            None,
        );
        if let Some(priority) = priority {
            actions.push(Action::Set(Changes {
                priority: Some(priority),
                ..Changes::default()
            }));
        }
        Ok(actions)
    };
    let written = write_one(
        session,
        "escalate",
        Vec::new(),
        TicketChange::planned(options.target, plan),
    )?;
    Ok(Escalated {
        written,
        group,
        to,
        pick,
    })
}

/// What `escalate --breached` does.
pub struct BreachedOptions {
    /// Where the escalated tickets go (a group's name, or who takes them
    /// over); without it, each ticket's group's escalation target.
    pub to: Option<String>,
}

/// Escalates every open ticket that missed an SLA target it was not yet
/// escalated for, all in one commit; returns the tickets escalated.
pub fn escalate_breached(
    session: &Session,
    options: BreachedOptions,
) -> Result<Vec<Written>, Error> {
    let config = session.team_config()?;
    let now = session.now();
    let listing = session.store()?.list_where(|status| status.is_open())?;
    let missed = |ticket_state: &crate::model::State, clocks: &crate::model::Clocks| {
        let sla = crate::sla::evaluate(ticket_state, clocks, config.calendar(), now);
        [
            (SlaTarget::Response, sla.response),
            (SlaTarget::Resolution, sla.resolution),
        ]
        .into_iter()
        .filter(|(target, clock)| {
            clock.is_some_and(|c| c.breached) && !clocks.escalated_for.contains(target)
        })
        .map(|(target, _)| target)
        .collect::<Vec<_>>()
    };
    let changes: Vec<TicketChange<'_>> = listing
        .tickets
        .iter()
        .filter(|t| t.state.status.is_open() && !missed(&t.state, &t.clocks).is_empty())
        .map(|t| {
            let to = options.to.clone();
            // Planned against the ticket at the tip, so a ticket another
            // run escalated meanwhile is not escalated twice.
            TicketChange::planned(TicketPrefix::from(&t.state.id), move |ticket: &Ticket| {
                let target = target_of(config, ticket.state(), to.as_deref());
                let mut actions = Vec::new();
                for breach in missed(ticket.state(), ticket.clocks()) {
                    let reason = format!("missed its {breach} target");
                    actions.extend(escalation(
                        config,
                        ticket,
                        target.as_ref(),
                        None,
                        reason,
                        Some(breach),
                    ));
                }
                // One unassign at most, after every escalate event.
                let unassign = actions.iter().any(|a| matches!(a, Action::Unassign));
                actions.retain(|a| !matches!(a, Action::Unassign));
                if unassign {
                    actions.push(Action::Unassign);
                }
                Ok(actions)
            })
        })
        .collect();
    let written = write(
        session,
        WriteOptions {
            label: "escalate",
            files: Vec::new(),
            changes,
        },
    )?;
    Ok(written.into_iter().filter(|w| w.commit.is_some()).collect())
}
