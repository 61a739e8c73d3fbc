//! Follow-up work: a child ticket linked `child-of` its parent, created in
//! one commit with the link, and the rule that a parent is not resolved or
//! closed while a child is open, unless the change cascades to them.

use super::new::{Created, NewOptions};
use super::write::{write, TicketChange, WriteOptions};
use super::{find, Error, Session, Written};
use crate::model::{Action, LinkRelation, TicketId, TicketPrefix};

/// Creates a ticket as a child of `parent`, with its `child-of` link, in
/// one commit.
pub fn create_child(
    session: &Session,
    options: NewOptions,
    parent: &TicketPrefix,
) -> Result<Created, Error> {
    let parent = find(session, parent)?;
    let link = Action::Link {
        relation: LinkRelation::ChildOf,
        target: parent.ticket.id().clone(),
    };
    super::new::create_then(session, options, vec![link])
}

/// A child that is still open: its short id and title.
pub struct OpenChild {
    /// The child's full id.
    pub id: TicketId,
    /// Its short id.
    pub short_id: String,
    /// Its title.
    pub title: String,
}

/// Returns the open children of the ticket `parent`.
pub fn open_children(session: &Session, parent: &TicketId) -> Result<Vec<OpenChild>, Error> {
    let store = session.store()?;
    let mut open = Vec::new();
    for (source, link) in store.links()? {
        if link.relation != LinkRelation::ChildOf || link.target != *parent {
            continue;
        }
        let child = store.find(source.as_str())?;
        if child.ticket.state().status.is_open() {
            open.push(OpenChild {
                short_id: child.short_id().to_string(),
                title: child.ticket.state().title.clone(),
                id: source,
            });
        }
    }
    open.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(open)
}

/// Refuses `action` (named `verb`) on `target` while it has open
/// children, naming them.
pub fn refuse_open_children(
    session: &Session,
    target: &TicketPrefix,
    verb: &str,
) -> Result<(), Error> {
    let parent = find(session, target)?;
    let children = open_children(session, parent.ticket.id())?;
    refuse_if_open(parent.short_id(), &children, verb)
}

/// Refuses `verb` on the ticket `short_id` when `children` (its open
/// children) is not empty, naming them.
fn refuse_if_open(short_id: &str, children: &[OpenChild], verb: &str) -> Result<(), Error> {
    if children.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = children
        .iter()
        .map(|c| format!("{} \"{}\"", c.short_id, c.title))
        .collect();
    Err(Error::NotAllowed(format!(
        "ticket {short_id}: cannot {verb} it while its children are open: {}; finish them first, or pass --cascade",
        names.join(", ")
    )))
}

/// Records `action` (a resolve or a close) on `target`. With open
/// children it is refused, naming them, unless `cascade`: then every open
/// child gets the same resolution or closure in the same commit (a child
/// closed without a reason of its own is resolved first, "with its
/// parent").
pub fn finish(
    session: &Session,
    target: &TicketPrefix,
    action: Action,
    cascade: bool,
) -> Result<Vec<Written>, Error> {
    // The parent and its open children are looked up once, for the rule
    // and for the cascade: each lookup of the children reads the links of
    // every cache bucket.
    let parent = find(session, target)?;
    let children = open_children(session, parent.ticket.id())?;
    if !cascade {
        refuse_if_open(parent.short_id(), &children, action.name())?;
    }
    let label = action.name();
    let short = parent.short_id().to_string();
    let child_actions = match &action {
        Action::Resolve { summary } => vec![Action::Resolve {
            summary: summary.clone(),
        }],
        Action::Close {
            reason: Some(reason),
            note,
        } => vec![Action::Close {
            reason: Some(*reason),
            note: note.clone(),
        }],
        _ => vec![
            Action::Resolve {
                summary: format!("Resolved with its parent {short}."),
            },
            Action::Close {
                reason: None,
                note: None,
            },
        ],
    };
    let mut changes = vec![TicketChange::record(target.clone(), vec![action])];
    for child in &children {
        let then = child_actions.clone();
        changes.push(TicketChange::planned(
            TicketPrefix::from(&child.id),
            move |ticket| {
                // A child resolved meanwhile only needs closing.
                Ok(then
                    .iter()
                    .filter(|a| {
                        !matches!(a, Action::Resolve { .. }) || ticket.state().status.is_open()
                    })
                    .cloned()
                    .collect())
            },
        ));
    }
    write(
        session,
        WriteOptions {
            label,
            files: Vec::new(),
            changes,
        },
    )
}
