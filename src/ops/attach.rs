//! Attaching files to a ticket: the events and the bytes in one commit.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::codec;
use crate::model::{Action, AttachmentInfo, TicketPrefix};
use crate::store::Loaded;

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

/// One attachment to read back.
pub struct GetOptions<'a> {
    /// The ticket.
    pub target: &'a TicketPrefix,
    /// The attachment's name, as the ticket lists it.
    pub name: &'a str,
}

/// An attachment read back.
pub struct Fetched {
    /// The ticket it belongs to.
    pub loaded: Loaded,
    /// What the ticket records about it.
    pub info: AttachmentInfo,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Reads an attachment's bytes from the tickets ref.
pub fn get(session: &Session, options: GetOptions<'_>) -> Result<Fetched, Error> {
    let loaded = find(session, options.target)?;
    let state = loaded.ticket.state();
    let Some(info) = state.attachments.iter().find(|a| a.name == options.name) else {
        let names: Vec<&str> = state.attachments.iter().map(|a| a.name.as_str()).collect();
        let has = if names.is_empty() {
            "it has no attachments".to_string()
        } else {
            format!("it has {}", names.join(", "))
        };
        return Err(Error::NotFound(format!(
            "ticket {} has no attachment `{}`; {has}",
            loaded.short_id(),
            options.name
        )));
    };
    let info = info.clone();
    let store = session.store()?;
    let Some(bytes) = store.attachment(&state.id, &info.name)? else {
        return Err(Error::MissingBytes {
            name: info.name.clone(),
            ticket: loaded.short_id().to_string(),
            refname: store.refname().to_string(),
        });
    };
    Ok(Fetched {
        loaded,
        info,
        bytes,
    })
}
