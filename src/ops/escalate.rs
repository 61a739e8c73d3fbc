//! Escalation: handing a ticket to someone else or a higher tier with a
//! reason (functional), and escalating every open ticket that missed an
//! SLA target, once per missed target (for cron).

use super::write::{write, write_one, TicketChange, WriteOptions};
use super::{Error, Session, Written};
use crate::model::{Action, Changes, Priority, SlaTarget, Ticket, TicketPrefix};

/// One functional escalation.
pub struct EscalateOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// Who takes it over (already resolved, so not `me`).
    pub to: Option<String>,
    /// A new priority; the SLA targets follow it.
    pub priority: Option<Priority>,
    /// Why.
    pub reason: String,
}

/// Records the escalation (and the new priority) in one commit.
pub fn escalate(session: &Session, options: EscalateOptions) -> Result<Written, Error> {
    let mut actions = vec![Action::Escalate {
        reason: options.reason,
        to: options.to,
        group: None,
        breach: None,
    }];
    if let Some(priority) = options.priority {
        actions.push(Action::Set(Changes {
            priority: Some(priority),
            ..Changes::default()
        }));
    }
    write_one(
        session,
        "escalate",
        Vec::new(),
        TicketChange::record(options.target, actions),
    )
}

/// What `escalate --breached` does.
pub struct BreachedOptions {
    /// Who takes the escalated tickets over, if anyone.
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
                Ok(missed(ticket.state(), ticket.clocks())
                    .into_iter()
                    .map(|target| Action::Escalate {
                        reason: format!("missed its {target} target"),
                        to: to.clone(),
                        group: None,
                        breach: Some(target),
                    })
                    .collect())
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
