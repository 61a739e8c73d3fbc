//! Attaching files to a ticket: the events and the bytes in one commit.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::codec;
use crate::model::{Action, TicketPrefix};

/// The files to attach, already read.
pub struct AttachOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// Each file's attachment name and bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Attaches the files in one commit, refusing two files of one name.
pub fn attach(session: &Session, options: AttachOptions) -> Result<Written, Error> {
    let loaded = find(session, &options.target)?;
    let id = loaded.ticket.id();
    let mut actions: Vec<Action> = Vec::new();
    let mut files = Vec::new();
    for (name, bytes) in options.files {
        if actions
            .iter()
            .any(|a| matches!(a, Action::Attach { name: n, .. } if *n == name))
        {
            return Err(Error::Invalid(format!(
                "two of the files are named `{name}`; attach them one at a time"
            )));
        }
        actions.push(Action::Attach {
            name: name.clone(),
            size: bytes.len() as u64,
        });
        files.push((codec::attachment_path(id, &name), bytes));
    }
    write_one(
        session,
        "attach",
        files,
        TicketChange::record(id.into(), actions),
    )
}
