//! Links between tickets: link, unlink, close as a duplicate, and the
//! links of a ticket seen from both ends.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::model::TicketPrefix;
use crate::model::{Action, CloseReason, LinkRelation, Refusal, Status, Ticket, TicketId};
use crate::store::{Error as StoreError, Loaded};

/// The two ends of a link.
pub struct LinkOptions {
    /// The ticket that gets the link.
    pub from: TicketPrefix,
    /// The ticket it points at.
    pub to: TicketPrefix,
    /// How `from` relates to `to`.
    pub relation: LinkRelation,
}

/// A link written (or found in effect), with the other end.
pub struct Linked {
    /// The linking ticket after the change.
    pub written: Written,
    /// The ticket linked to.
    pub other: Loaded,
}

/// Finds both tickets of a link, refusing a link from a ticket to itself.
fn ends(
    session: &Session,
    from: &TicketPrefix,
    to: &TicketPrefix,
) -> Result<(Loaded, Loaded), Error> {
    let from = find(session, from)?;
    let to = find(session, to)?;
    if from.ticket.id() == to.ticket.id() {
        return Err(Error::Invalid(format!(
            "cannot link ticket {} to itself",
            from.short_id()
        )));
    }
    Ok((from, to))
}

/// Links `from` to `to`; linking again changes nothing.
pub fn link(session: &Session, options: &LinkOptions) -> Result<Linked, Error> {
    let (from, other) = ends(session, &options.from, &options.to)?;
    let action = Action::Link {
        relation: options.relation,
        target: other.ticket.id().clone(),
    };
    let written = write_one(
        session,
        "link",
        Vec::new(),
        TicketChange::unless_in_effect(from.ticket.id().into(), action),
    )?;
    Ok(Linked { written, other })
}

/// Which link to remove.
pub struct UnlinkOptions {
    /// The ticket that has the link.
    pub from: TicketPrefix,
    /// The other end: a ticket on the ref, or the target of one of the
    /// ticket's own links (which may point at a ticket this clone lacks).
    pub other: TicketPrefix,
    /// Only the link with this relation; every link to `other` when `None`.
    pub relation: Option<LinkRelation>,
}

/// The other end of a removed link.
pub enum UnlinkedEnd {
    /// A ticket on the ref.
    Found(Box<Loaded>),
    /// A target this clone does not have.
    Missing(TicketId),
}

/// A link removed.
pub struct Unlinked {
    /// The ticket after the change.
    pub written: Written,
    /// The other end.
    pub other: UnlinkedEnd,
}

/// Removes the link (or links) from `from` to `other`; removing a link
/// that does not exist is refused.
pub fn unlink(session: &Session, options: &UnlinkOptions) -> Result<Unlinked, Error> {
    let from = find(session, &options.from)?;
    let other = unlink_target(session, &from.ticket, &options.other)?;
    let target = match &other {
        UnlinkedEnd::Found(loaded) => loaded.ticket.id().clone(),
        UnlinkedEnd::Missing(id) => id.clone(),
    };
    let exists = from
        .ticket
        .state()
        .links
        .iter()
        .any(|l| l.target == target && options.relation.is_none_or(|r| r == l.relation));
    if !exists {
        let relation = options
            .relation
            .map(|r| format!("`{r}` "))
            .unwrap_or_default();
        let name = match &other {
            UnlinkedEnd::Found(to) => format!("{} \"{}\"", to.short_id(), to.ticket.state().title),
            UnlinkedEnd::Missing(id) => id.to_string(),
        };
        return Err(Error::NotAllowed(format!(
            "ticket {} has no {relation}link to {name}",
            from.short_id()
        )));
    }
    let relation = options.relation;
    let plan = |ticket: &Ticket| {
        let relations: Vec<LinkRelation> = match relation {
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
    };
    let written = write_one(
        session,
        "unlink",
        Vec::new(),
        TicketChange::planned(from.ticket.id().into(), plan),
    )?;
    Ok(Unlinked { written, other })
}

/// Resolves the other end of an unlink.
fn unlink_target(
    session: &Session,
    ticket: &Ticket,
    other: &TicketPrefix,
) -> Result<UnlinkedEnd, Error> {
    match find(session, other) {
        Ok(to) => Ok(UnlinkedEnd::Found(Box::new(to))),
        Err(Error::Store(StoreError::NotFound(missing))) => {
            let mut targets: Vec<&TicketId> = ticket
                .state()
                .links
                .iter()
                .map(|l| &l.target)
                .filter(|t| other.matches(t))
                .collect();
            targets.dedup();
            match targets.as_slice() {
                [only] => Ok(UnlinkedEnd::Missing((*only).clone())),
                _ => Err(StoreError::NotFound(missing).into()),
            }
        }
        Err(e) => Err(e),
    }
}

/// A ticket to close as a duplicate of another.
pub struct CloseDuplicateOptions {
    /// The duplicate.
    pub target: TicketPrefix,
    /// The ticket it duplicates.
    pub of: TicketPrefix,
    /// The reason given, which must be `duplicate` if any.
    pub reason: Option<CloseReason>,
    /// The closing note.
    pub note: Option<String>,
}

/// Links the ticket as a duplicate of the other and closes it with reason
/// duplicate, in one commit.
pub fn close_duplicate(session: &Session, options: CloseDuplicateOptions) -> Result<Linked, Error> {
    if let Some(reason) = options.reason.filter(|r| *r != CloseReason::Duplicate) {
        return Err(Error::Invalid(format!(
            "--duplicate-of closes with reason duplicate, not {reason}"
        )));
    }
    let (from, other) = ends(session, &options.target, &options.of)?;
    let link = Action::Link {
        relation: LinkRelation::Duplicates,
        target: other.ticket.id().clone(),
    };
    let close = Action::Close {
        reason: Some(CloseReason::Duplicate),
        note: options.note,
    };
    let plan = |ticket: &Ticket| {
        let mut actions = Vec::new();
        if !ticket.already_in_effect(&link) {
            actions.push(link.clone());
        }
        actions.push(close.clone());
        Ok(actions)
    };
    let written = write_one(
        session,
        "close",
        Vec::new(),
        TicketChange::planned(from.ticket.id().into(), plan),
    )?;
    Ok(Linked { written, other })
}

/// One end of a link, as `tk show` lists it.
#[derive(Clone, Debug)]
pub struct LinkEnd {
    /// The link's relation (from the linking ticket's point of view).
    pub relation: LinkRelation,
    /// The other ticket.
    pub id: TicketId,
    /// Its short id, or the full id when this clone does not have it.
    pub short_id: String,
    /// Its title and status, when this clone has it.
    pub found: Option<(String, Status)>,
}

/// A ticket's links: to other tickets, and from them.
#[derive(Clone, Debug, Default)]
pub struct Related {
    /// The ticket's own links.
    pub outgoing: Vec<LinkEnd>,
    /// Links of other tickets to this one.
    pub incoming: Vec<LinkEnd>,
}

/// Returns the ticket's links in both directions, with the other ends'
/// short ids, titles and statuses.
pub fn related(session: &Session, ticket: &Ticket) -> Result<Related, Error> {
    let store = session.store()?;
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
