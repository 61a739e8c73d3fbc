//! Taking in the desk's IMAP mailbox (`tk mail fetch`): the unseen
//! messages of the mailbox in `tk.mail.imap.url`, oldest first, each
//! through exactly the ingest of `tk mail ingest` ([`super::mail::ingest`]),
//! and flagged `\Seen` on the server only once its change is on the ref.
//!
//! A message refused for good (too large, not a message, a sender not
//! allowed) is flagged too, so it is not offered again; the first message
//! that cannot be taken in now stops the run and it and every later one
//! stay unseen for the next run, in order.

use super::mail::{ingest, IngestError, Ingested};
use super::write::Mode;
use super::Session;
use crate::mail::imap::{self, Mailbox};
use crate::mail::transport::{self, Auth};
use crate::mail::trust::Trusted;

/// What to fetch.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Take at most this many unseen messages (the oldest).
    pub limit: Option<usize>,
    /// [`Mode::DryRun`]: say what each message would do, commit nothing
    /// and leave every message unseen.
    pub mode: Mode,
}

/// One unseen message and what became of it.
#[derive(Debug)]
pub struct FetchedMessage {
    /// Where it came from, for messages: `INBOX;UID=17`.
    pub origin: String,
    /// Its UID in the mailbox.
    pub uid: u32,
    /// What ingest made of it.
    pub result: Result<Ingested, IngestError>,
    /// Whether it is now flagged `\Seen` on the server.
    pub seen: bool,
}

/// What a fetch did.
#[derive(Debug)]
pub struct Fetched {
    /// The mailbox, as `host:port/MAILBOX`.
    pub mailbox: String,
    /// How many messages were unseen when the run started.
    pub unseen: usize,
    /// The messages taken, in order.
    pub messages: Vec<FetchedMessage>,
    /// Why the run stopped before the end, if it did: the message that
    /// could not be taken in now is the last of `messages`, or the server
    /// went away.
    pub stopped: Option<FetchError>,
}

/// Why `tk mail fetch` could not read the mailbox.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The IMAP settings in git config are missing or malformed.
    #[error("{0}")]
    Settings(String),
    /// The server refuses the settings (login, STARTTLS, mailbox): a
    /// person must fix them.
    #[error("{0}")]
    Setup(String),
    /// Nothing can be taken in now (the server is gone or stopped
    /// answering, or this side failed): try again later.
    #[error("{0}")]
    Later(String),
}

impl From<imap::Error> for FetchError {
    fn from(e: imap::Error) -> Self {
        match e {
            imap::Error::Setup(m) => FetchError::Setup(m),
            imap::Error::Unavailable(m) => FetchError::Later(m),
        }
    }
}

/// The mailbox and the login, from local git config.
struct Login {
    mailbox: Mailbox,
    user: String,
    /// The password, or the access token for XOAUTH2.
    password: String,
    auth: Auth,
    timeout: std::time::Duration,
    /// The authorities of `tk.mail.cafile`, besides the web PKI roots.
    trusted: Trusted,
}

/// Reads `tk.mail.imap.url`, the user (`tk.mail.imap.user`, else the
/// URL's), how to log in (`tk.mail.imap.auth`), the password or access
/// token (`tk.mail.imap.password-command`, else `TK_MAIL_IMAP_PASSWORD`),
/// the timeout (`tk.mail.imap.timeout`, seconds), and the extra
/// authorities TLS trusts (`tk.mail.cafile`).
fn login(session: &Session) -> Result<Login, FetchError> {
    let later = |e: crate::store::Error| FetchError::Later(e.to_string());
    let store = session.store().map_err(later)?;
    let url = store.local_setting("tk.mail.imap.url").map_err(later)?;
    let Some(url) = url else {
        return Err(FetchError::Settings(
            "no mailbox to fetch: set git config tk.mail.imap.url (like imaps://helpdesk%40corp.example@imap.corp.example/INBOX)".to_string(),
        ));
    };
    let mailbox = Mailbox::parse(&url).map_err(FetchError::Settings)?;
    let user = match store.local_setting("tk.mail.imap.user").map_err(later)? {
        Some(user) => user,
        None => mailbox.user.clone().ok_or_else(|| {
            FetchError::Settings(format!(
                "no IMAP user for {}: put it in tk.mail.imap.url (imaps://USER@host/INBOX) or set git config tk.mail.imap.user",
                mailbox.label()
            ))
        })?,
    };
    let auth = match store.local_setting("tk.mail.imap.auth").map_err(later)? {
        Some(text) => Auth::parse("tk.mail.imap.auth", &text).map_err(FetchError::Settings)?,
        None => Auth::Login,
    };
    let password = match store
        .local_setting("tk.mail.imap.password-command")
        .map_err(later)?
    {
        Some(command) => transport::password_from("tk.mail.imap.password-command", &command)
            .map_err(FetchError::Settings)?,
        None => session
            .settings()
            .imap_password()
            .map(str::to_string)
            .ok_or_else(|| {
                FetchError::Settings(format!(
                    "no IMAP {} for {user}: set git config tk.mail.imap.password-command or TK_MAIL_IMAP_PASSWORD",
                    auth.secret()
                ))
            })?,
    };
    let timeout = match store.local_setting("tk.mail.imap.timeout").map_err(later)? {
        None => imap::TIMEOUT,
        Some(text) => match text.trim().parse::<u64>() {
            Ok(seconds @ 1..=3600) => std::time::Duration::from_secs(seconds),
            _ => {
                return Err(FetchError::Settings(format!(
                    "tk.mail.imap.timeout `{text}` is not a number of seconds from 1 to 3600"
                )))
            }
        },
    };
    let trusted = Trusted::from_setting(
        store
            .local_setting("tk.mail.cafile")
            .map_err(later)?
            .as_deref(),
    )
    .map_err(FetchError::Settings)?;
    Ok(Login {
        mailbox,
        user,
        password,
        auth,
        timeout,
        trusted,
    })
}

/// Takes in the unseen messages of the configured mailbox.
pub fn fetch(session: &Session, options: &FetchOptions) -> Result<Fetched, FetchError> {
    // The size limit comes from tk.toml; without a readable one nothing
    // can be taken in now (as for `tk mail ingest`).
    let limit = session
        .team_config()
        .map_err(|e| FetchError::Later(e.to_string()))?
        .mail
        .max_size;
    let login = login(session)?;
    let mut connection = login.mailbox.open(
        &login.user,
        &login.password,
        login.auth,
        login.timeout,
        &login.trusted,
    )?;
    let mut uids = connection.unseen()?;
    let unseen = uids.len();
    if let Some(n) = options.limit {
        uids.truncate(n);
    }
    let mut fetched = Fetched {
        mailbox: login.mailbox.label(),
        unseen,
        messages: Vec::new(),
        stopped: None,
    };
    for uid in uids {
        let raw = match connection.message(uid, limit) {
            Ok(Some(raw)) => raw,
            // Expunged meanwhile (another client): nothing to take in.
            Ok(None) => continue,
            Err(e) => {
                fetched.stopped = Some(e.into());
                return Ok(fetched);
            }
        };
        let result = ingest(session, &raw, options.mode);
        let handled = !matches!(result, Err(IngestError::Later(_)));
        let mut message = FetchedMessage {
            origin: format!("{};UID={uid}", login.mailbox.name),
            uid,
            result,
            seen: false,
        };
        if !handled {
            // Later messages may belong to this one's thread: keep the
            // order and leave them all for the next run.
            let why = match &message.result {
                Err(e) => e.to_string(),
                Ok(_) => String::new(),
            };
            fetched.messages.push(message);
            fetched.stopped = Some(FetchError::Later(why));
            break;
        }
        if options.mode == Mode::DryRun {
            fetched.messages.push(message);
            continue;
        }
        // The change is on the ref (or the message was deliberately
        // ignored or refused for good): only now tell the server.
        let flagged = connection.mark_seen(uid);
        message.seen = flagged.is_ok();
        fetched.messages.push(message);
        if let Err(e) = flagged {
            // Not flagged, but recorded: the next run finds it again and
            // ignores it as already taken in.
            fetched.stopped = Some(e.into());
            return Ok(fetched);
        }
    }
    connection.logout();
    Ok(fetched)
}
