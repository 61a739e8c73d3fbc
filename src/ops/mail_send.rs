//! The desk's outgoing mail (`tk mail outbox`, `tk mail send`): what
//! requesters and watchers are owed, delivered through the machine's
//! sendmail command or an SMTP server, each delivery recorded on its ticket as a `mailed`
//! event once the mail system accepted it, so nothing is sent twice and a
//! failure mid-batch leaves the rest pending.

use super::write::{write_one, TicketChange};
use super::{Error, Session};
use crate::mail::outgoing::{self, Pending};
use crate::mail::transport::{self, Auth, Smtp};
use crate::mail::trust::Trusted;
use crate::model::{Action, TicketId};

/// A mail owed, with its ticket.
#[derive(Debug)]
pub struct Owed {
    /// The ticket's full id.
    pub ticket: TicketId,
    /// The ticket's short id.
    pub short_id: String,
    /// The mail.
    pub mail: Pending,
}

/// Returns every mail owed, ticket by ticket (tickets in id order).
///
/// Only tickets with a requester or watchers can owe mail, and a ticket
/// whose file has not changed since an earlier run found it owing nothing
/// still owes nothing: the local outbox index (`.git/tk/mail-outbox`, the
/// blob ids of those files) skips them without loading them, so a desk's
/// closed history costs a tree walk, not a decode per ticket.
pub fn outbox(session: &Session) -> Result<Vec<Owed>, Error> {
    let store = session.store()?;
    let settings = &session.team_config()?.mail;
    let mut listed = store.list()?.tickets;
    listed.retain(|t| t.state.requester.is_some() || !t.state.watchers.is_empty());
    listed.sort_by(|a, b| a.state.id.cmp(&b.state.id));
    let blobs = store.ticket_blobs()?;
    let path = store.local_dir().join(INDEX_FILE);
    let known = read_index(&path, settings.address.as_deref());
    let mut quiet = std::collections::HashMap::new();
    let mut owed = Vec::new();
    for entry in listed {
        let id = &entry.state.id;
        let blob = blobs.get(id);
        if let Some(blob) = blob.filter(|b| known.get(id) == Some(*b)) {
            quiet.insert(id.clone(), blob.clone());
            continue;
        }
        let loaded = store.find(id.as_str())?;
        let short_id = loaded.short_id().to_string();
        let pending = outgoing::pending(&loaded.ticket, &short_id, settings);
        if pending.is_empty() {
            // A hand edit reconciled on load is not the file's content:
            // only a file read as it is can be skipped next time.
            if let Some(blob) = blob.filter(|_| !loaded.reconciled) {
                quiet.insert(id.clone(), blob.clone());
            }
        }
        for mail in pending {
            owed.push(Owed {
                ticket: loaded.ticket.id().clone(),
                short_id: short_id.clone(),
                mail,
            });
        }
    }
    if quiet != known {
        // The index is disposable: failing to write it only costs the
        // next run the loads it would have saved.
        let _ = write_index(&path, settings.address.as_deref(), &quiet);
    }
    Ok(owed)
}

/// The outbox index under the local directory (`.git/tk/`).
const INDEX_FILE: &str = "mail-outbox";

/// The first line of the index, with its format version and tk's: what a
/// ticket owes is decided by this code, so another tk starts afresh.
const INDEX_HEADER: &str = concat!("tk mail outbox index 1, tk ", env!("CARGO_PKG_VERSION"));

/// Reads the index: the tickets that owed nothing, with the blob id of
/// the file that said so. Empty when missing, unreadable, or written for
/// another desk address (which changes who counts as a recipient).
fn read_index(
    path: &std::path::Path,
    address: Option<&str>,
) -> std::collections::HashMap<TicketId, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return std::collections::HashMap::new();
    };
    parse_index(&text, address)
}

fn parse_index(text: &str, address: Option<&str>) -> std::collections::HashMap<TicketId, String> {
    let mut lines = text.lines();
    let header_ok = lines.next() == Some(INDEX_HEADER)
        && lines.next() == Some(&format!("address {}", address.unwrap_or_default()));
    if !header_ok {
        return std::collections::HashMap::new();
    }
    lines
        .filter_map(|line| {
            let (id, blob) = line.split_once(' ')?;
            let id = TicketId::parse(id).ok()?;
            let valid = blob.len() == 40 && blob.bytes().all(|b| b.is_ascii_hexdigit());
            valid.then(|| (id, blob.to_string()))
        })
        .collect()
}

fn format_index(
    address: Option<&str>,
    quiet: &std::collections::HashMap<TicketId, String>,
) -> String {
    let mut rows: Vec<_> = quiet.iter().collect();
    rows.sort();
    let mut text = format!("{INDEX_HEADER}\naddress {}\n", address.unwrap_or_default());
    for (id, blob) in rows {
        text.push_str(&format!("{id} {blob}\n"));
    }
    text
}

/// Writes the index through a temporary file and a rename, so a reader
/// never sees half of it.
fn write_index(
    path: &std::path::Path,
    address: Option<&str>,
    quiet: &std::collections::HashMap<TicketId, String>,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    std::fs::write(&tmp, format_index(address, quiet))?;
    std::fs::rename(&tmp, path)
}

/// What `send` did.
#[derive(Debug, Default)]
pub struct Sent {
    /// The mails delivered and recorded, in order.
    pub delivered: Vec<Owed>,
    /// The commits recording them.
    pub commits: Vec<String>,
}

/// Why sending stopped.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Reading or recording failed.
    #[error(transparent)]
    Op(#[from] Error),
    /// The mail system refused a mail; the ones before it were delivered
    /// and recorded, the rest stay pending.
    #[error("{message}")]
    Transport {
        /// Why.
        message: String,
        /// What was delivered before.
        sent: Sent,
    },
}

impl From<crate::store::Error> for SendError {
    fn from(e: crate::store::Error) -> Self {
        SendError::Op(e.into())
    }
}

/// How mail leaves this machine: local git config, never the ref.
enum Via {
    /// `tk.mail.sendmail`: a command that reads one message on stdin.
    Sendmail(String),
    /// `tk.mail.smtp.url`, with the login when `tk.mail.smtp.user` is set,
    /// and the authorities of `tk.mail.cafile`.
    Smtp(Smtp, Option<(String, String, Auth)>, Trusted),
}

/// Reads the SMTP login from git config, when `tk.mail.smtp.user` is set:
/// the user, the password or access token (`tk.mail.smtp.password-command`,
/// else `TK_MAIL_SMTP_PASSWORD`) and how to use it (`tk.mail.smtp.auth`).
fn smtp_login(session: &Session) -> Result<Option<(String, String, Auth)>, Error> {
    let store = session.store()?;
    let Some(user) = store.local_setting("tk.mail.smtp.user")? else {
        return Ok(None);
    };
    let auth = match store.local_setting("tk.mail.smtp.auth")? {
        Some(text) => Auth::parse("tk.mail.smtp.auth", &text).map_err(Error::Invalid)?,
        None => Auth::Login,
    };
    let secret = match store.local_setting("tk.mail.smtp.password-command")? {
        Some(command) => transport::password_from("tk.mail.smtp.password-command", &command)
            .map_err(Error::Invalid)?,
        None => session
            .settings()
            .smtp_password()
            .map(str::to_string)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "tk.mail.smtp.user is set but no {}: set git config tk.mail.smtp.password-command or TK_MAIL_SMTP_PASSWORD",
                    auth.secret()
                ))
            })?,
    };
    Ok(Some((user, secret, auth)))
}

/// Reads the transport from git config.
fn via(session: &Session) -> Result<Via, Error> {
    let store = session.store()?;
    let sendmail = store.local_setting("tk.mail.sendmail")?;
    let url = store.local_setting("tk.mail.smtp.url")?;
    match (sendmail, url) {
        (Some(_), Some(_)) => Err(Error::Invalid(
            "git config sets both tk.mail.sendmail and tk.mail.smtp.url: keep one".to_string(),
        )),
        (Some(command), None) => Ok(Via::Sendmail(command)),
        (None, Some(url)) => {
            let smtp = Smtp::parse(&url).map_err(Error::Invalid)?;
            let login = smtp_login(session)?;
            let trusted =
                Trusted::from_setting(store.local_setting("tk.mail.cafile")?.as_deref())
                    .map_err(Error::Invalid)?;
            Ok(Via::Smtp(smtp, login, trusted))
        }
        (None, None) => Err(Error::Invalid(
            "no way to send mail: set git config tk.mail.sendmail (like `/usr/sbin/sendmail -t -i`) or tk.mail.smtp.url (like smtp://mail.corp.example:587)".to_string(),
        )),
    }
}

/// Delivers every mail owed through the configured transport and records
/// each on its ticket right after the server or command accepted it.
pub fn send(session: &Session) -> Result<Sent, SendError> {
    let via = via(session)?;
    let settings = session.team_config()?.mail.clone();
    let date = std::time::UNIX_EPOCH
        + std::time::Duration::from_secs(u64::try_from(session.now().unix()).unwrap_or(0));
    let mut sent = Sent::default();
    for owed in outbox(session)? {
        let bytes = outgoing::render(&owed.mail, &settings, date).map_err(Error::Invalid)?;
        let delivered = match &via {
            Via::Sendmail(command) => transport::sendmail(command, &bytes),
            Via::Smtp(smtp, login, trusted) => smtp.send(
                login.as_ref().map(|(u, p, a)| (u.as_str(), p.as_str(), *a)),
                trusted,
                settings.address.as_deref().unwrap_or_default(),
                &owed.mail.to,
                &bytes,
            ),
        };
        if let Err(message) = delivered {
            return Err(SendError::Transport { message, sent });
        }
        let action = Action::Mailed {
            message_id: owed.mail.message_id.clone(),
            to: owed.mail.to.clone(),
            about: owed.mail.about.clone(),
        };
        let written = write_one(
            session,
            "mail",
            Vec::new(),
            TicketChange::record((&owed.ticket).into(), vec![action]),
        )?;
        sent.commits.extend(written.commit);
        sent.delivered.push(owed);
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outbox_index_reads_back_what_it_wrote_for_the_same_address_only() {
        let id = TicketId::parse("abcdabcdabcdabcd").expect("a valid id");
        let blob = "0123456789abcdef0123456789abcdef01234567".to_string();
        let quiet = std::collections::HashMap::from([(id.clone(), blob.clone())]);
        let text = format_index(Some("help@corp.example"), &quiet);
        assert_eq!(parse_index(&text, Some("help@corp.example")), quiet);
        assert!(parse_index(&text, Some("other@corp.example")).is_empty());
        assert!(parse_index(&text, None).is_empty());
        assert!(parse_index("garbage", None).is_empty());
        let broken = format!("{INDEX_HEADER}\naddress \nabcdabcdabcdabcd nothex\n");
        assert!(parse_index(&broken, None).is_empty());
    }
}
