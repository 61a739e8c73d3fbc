//! The desk's outgoing mail (`tk mail outbox`, `tk mail send`): what
//! requesters and watchers are owed, delivered through the machine's
//! sendmail command or an SMTP server, each delivery recorded on its ticket as a `mailed`
//! event once the mail system accepted it, so nothing is sent twice and a
//! failure mid-batch leaves the rest pending.

use super::write::{write_one, TicketChange};
use super::{Error, Session};
use crate::mail::outgoing::{self, Pending};
use crate::mail::transport::{self, Smtp};
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
pub fn outbox(session: &Session) -> Result<Vec<Owed>, Error> {
    let store = session.store()?;
    let settings = &session.team_config()?.mail;
    let mut listed = store.list()?.tickets;
    listed.retain(|t| t.state.requester.is_some() || !t.state.watchers.is_empty());
    listed.sort_by(|a, b| a.state.id.cmp(&b.state.id));
    let mut owed = Vec::new();
    for entry in listed {
        let loaded = store.find(entry.state.id.as_str())?;
        let short_id = loaded.short_id().to_string();
        for mail in outgoing::pending(&loaded.ticket, &short_id, settings) {
            owed.push(Owed {
                ticket: loaded.ticket.id().clone(),
                short_id: short_id.clone(),
                mail,
            });
        }
    }
    Ok(owed)
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
    /// `tk.mail.smtp.url`, with the login when `tk.mail.smtp.user` is set.
    Smtp(Smtp, Option<(String, String)>),
}

/// Reads the transport from git config; the password from
/// `tk.mail.smtp.password-command` or `TK_MAIL_SMTP_PASSWORD`.
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
            let login = match store.local_setting("tk.mail.smtp.user")? {
                None => None,
                Some(user) => {
                    let password = match store.local_setting("tk.mail.smtp.password-command")? {
                        Some(command) => transport::password_from("tk.mail.smtp.password-command", &command).map_err(Error::Invalid)?,
                        None => session
                            .settings()
                            .smtp_password()
                            .map(str::to_string)
                            .ok_or_else(|| {
                                Error::Invalid(
                                    "tk.mail.smtp.user is set but no password: set git config tk.mail.smtp.password-command or TK_MAIL_SMTP_PASSWORD".to_string(),
                                )
                            })?,
                    };
                    Some((user, password))
                }
            };
            Ok(Via::Smtp(smtp, login))
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
            Via::Smtp(smtp, login) => smtp.send(
                login.as_ref().map(|(u, p)| (u.as_str(), p.as_str())),
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
