//! `tk link`, `tk unlink`, `tk close --duplicate-of`, and the links that
//! `tk show` lists from both ends.

use super::new::parse;
use super::{named, record_planned, record_unless_in_effect, report_line};
use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::render::{LinkEnd, Related};
use crate::cli::ui::Ui;
use crate::model::{Action, CloseReason, LinkRelation, Refusal, Ticket, TicketId};
use crate::store::{Error as StoreError, Loaded, Store};

/// Link a ticket to another one
///
/// RELATION says how ID relates to OTHER: relates (the default),
/// duplicates, blocks, or caused-by (an incident caused by a problem).
/// `tk show` lists the link on both tickets. Linking again changes
/// nothing. Allowed in every status.
#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// Ticket id or unique prefix
    pub id: String,
    /// The other ticket's id or unique prefix
    pub other: String,
    /// relates, duplicates, blocks or caused-by
    #[arg(long = "as", value_name = "RELATION", default_value = "relates", value_parser = parse::<LinkRelation>)]
    pub relation: LinkRelation,
}

/// Remove a link from a ticket to another one
///
/// Without --as, removes every link from ID to OTHER. Removing a link that
/// does not exist is refused (exit 5).
#[derive(clap::Args, Debug)]
pub struct UnlinkArgs {
    /// Ticket id or unique prefix
    pub id: String,
    /// The other ticket's id or unique prefix
    pub other: String,
    /// Only the link with this relation: relates, duplicates, blocks or caused-by
    #[arg(long = "as", value_name = "RELATION", value_parser = parse::<LinkRelation>)]
    pub relation: Option<LinkRelation>,
}

/// Returns how a relation reads in a sentence: `blocks`, `relates to`.
fn phrase(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Relates => "relates to",
        LinkRelation::Duplicates => "duplicates",
        LinkRelation::Blocks => "blocks",
        LinkRelation::CausedBy => "is caused by",
    }
}

/// Finds both tickets of a link, refusing a link from a ticket to itself.
fn ends(store: &Store, id: &str, other: &str) -> Result<(Loaded, Loaded), CliError> {
    let from = store.find(&TicketId::parse_prefix(id)?)?;
    let to = store.find(&TicketId::parse_prefix(other)?)?;
    if from.ticket.id() == to.ticket.id() {
        return Err(CliError::usage(format!(
            "cannot link ticket {} to itself",
            from.short_id()
        )));
    }
    Ok((from, to))
}

/// Runs `tk link`.
pub fn cmd_link(ui: &Ui, ctx: &Ctx, args: &LinkArgs) -> Result<(), CliError> {
    let (from, to) = ends(ctx.store()?, &args.id, &args.other)?;
    let action = Action::Link {
        relation: args.relation,
        target: to.ticket.id().clone(),
    };
    let written = record_unless_in_effect(ctx, from.ticket.id(), "link", &action)?;
    let line = format!(
        "Linked: {} {} {}.",
        named(written.short_id(), &written.ticket.state().title),
        phrase(args.relation),
        named(to.short_id(), &to.ticket.state().title)
    );
    report_line(ui, ctx, &written, &line)
}

/// Runs `tk unlink`.
pub fn cmd_unlink(ui: &Ui, ctx: &Ctx, args: &UnlinkArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let from = store.find(&TicketId::parse_prefix(&args.id)?)?;
    let (target, target_name) = unlink_target(store, &from.ticket, &args.other)?;
    let exists = from
        .ticket
        .state()
        .links
        .iter()
        .any(|l| l.target == target && args.relation.is_none_or(|r| r == l.relation));
    if !exists {
        let relation = args.relation.map(|r| format!("`{r}` ")).unwrap_or_default();
        return Err(CliError::new(
            Kind::Transition,
            format!(
                "ticket {} has no {relation}link to {target_name}",
                from.short_id()
            ),
        ));
    }
    let written = record_planned(ctx, from.ticket.id(), "unlink", &[], |ticket| {
        let relations: Vec<LinkRelation> = match args.relation {
            Some(relation) => vec![relation],
            None => {
                let found: Vec<_> = ticket
                    .state()
                    .links
                    .iter()
                    .filter(|l| l.target == target)
                    .map(|l| l.relation)
                    .collect();
                if found.is_empty() {
                    return Err(Refusal {
                        action: "unlink",
                        status: ticket.state().status,
                        detail: format!(": it has no link to {target}"),
                    });
                }
                found
            }
        };
        Ok(relations
            .into_iter()
            .map(|relation| Action::Unlink {
                relation,
                target: target.clone(),
            })
            .collect())
    })?;
    let line = format!(
        "Unlinked: {} from {target_name}.",
        named(written.short_id(), &written.ticket.state().title),
    );
    report_line(ui, ctx, &written, &line)
}

/// Resolves OTHER for unlink: a ticket on the ref, or else the target of
/// one of the ticket's own links (a link may point at a ticket this clone
/// does not have). Returns the id and how to name it.
fn unlink_target(
    store: &Store,
    ticket: &Ticket,
    other: &str,
) -> Result<(TicketId, String), CliError> {
    let prefix = TicketId::parse_prefix(other)?;
    match store.find(&prefix) {
        Ok(to) => {
            let name = named(to.short_id(), &to.ticket.state().title);
            Ok((to.ticket.id().clone(), name))
        }
        Err(StoreError::NotFound(missing)) => {
            let mut targets: Vec<&TicketId> = ticket
                .state()
                .links
                .iter()
                .map(|l| &l.target)
                .filter(|t| t.as_str().starts_with(&prefix))
                .collect();
            targets.dedup();
            match targets.as_slice() {
                [only] => Ok(((*only).clone(), only.to_string())),
                _ => Err(StoreError::NotFound(missing).into()),
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// Runs `tk close --duplicate-of OTHER`: links the ticket as a duplicate
/// of OTHER and closes it with reason duplicate, in one commit.
pub fn cmd_close_duplicate(
    ui: &Ui,
    ctx: &Ctx,
    id: &str,
    other: &str,
    reason: Option<CloseReason>,
    note: Option<String>,
) -> Result<(), CliError> {
    if let Some(reason) = reason.filter(|r| *r != CloseReason::Duplicate) {
        return Err(CliError::usage(format!(
            "--duplicate-of closes with reason duplicate, not {reason}"
        )));
    }
    let (from, to) = ends(ctx.store()?, id, other)?;
    let link = Action::Link {
        relation: LinkRelation::Duplicates,
        target: to.ticket.id().clone(),
    };
    let close = Action::Close {
        reason: Some(CloseReason::Duplicate),
        note,
    };
    let written = record_planned(ctx, from.ticket.id(), "close", &[], |ticket| {
        let mut actions = Vec::new();
        if !ticket.already_in_effect(&link) {
            actions.push(link.clone());
        }
        actions.push(close.clone());
        Ok(actions)
    })?;
    let line = format!(
        "Closed {} as a duplicate of {}.",
        named(written.short_id(), &written.ticket.state().title),
        named(to.short_id(), &to.ticket.state().title)
    );
    report_line(ui, ctx, &written, &line)
}

/// Returns the ticket's links in both directions, with the other ends'
/// short ids, titles and statuses from the (cached) list of all tickets.
pub fn related(store: &Store, ticket: &Ticket) -> Result<Related, CliError> {
    // Each end is looked up on its own: a ticket has few links, and this
    // keeps `tk show` from decoding every ticket on the ref.
    let end = |relation: LinkRelation, id: &TicketId| match store.find(id.as_str()) {
        Ok(loaded) => LinkEnd {
            relation,
            id: id.clone(),
            short_id: loaded.short_id().to_string(),
            found: Some((
                loaded.ticket.state().title.clone(),
                loaded.ticket.state().status,
            )),
        },
        Err(_) => LinkEnd {
            relation,
            id: id.clone(),
            short_id: id.to_string(),
            found: None,
        },
    };
    let outgoing = ticket
        .state()
        .links
        .iter()
        .map(|l| end(l.relation, &l.target))
        .collect();
    let mut incoming: Vec<LinkEnd> = store
        .links()?
        .into_iter()
        .filter(|(source, link)| link.target == *ticket.id() && source != ticket.id())
        .map(|(source, link)| end(link.relation, &source))
        .collect();
    incoming.sort_by(|a, b| (a.relation, &a.id).cmp(&(b.relation, &b.id)));
    Ok(Related { outgoing, incoming })
}
