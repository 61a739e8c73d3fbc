//! `tk sync`: fetch → merge → compare-and-swap → push, repeated while the
//! remote keeps moving.
//!
//! Network transport is the system `git` ([`transport`]); everything that
//! touches the repository goes through the store. Offline, sync fails
//! before anything local changes.

pub mod transport;

use crate::model::Timestamp;
use crate::store::{self, Identities, Integration, Remote, Store, TicketChanges};
use transport::{Fetched, Pushed};

/// How many fetch-merge-push rounds a sync makes before giving up.
const MAX_ROUNDS: u32 = 5;

/// Why a sync needs attention.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing the local ref failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// No remote is configured, or none could be chosen.
    #[error("no remote to sync with: add one with `git remote add origin URL`, or name it: tk sync REMOTE")]
    NoRemote,
    /// The named remote does not exist.
    #[error("no remote named `{0}` (see `git remote -v`)")]
    UnknownRemote(String),
    /// The remote could not be reached.
    #[error("cannot reach {remote}: {message}")]
    Transport {
        /// The remote.
        remote: String,
        /// git's own error line.
        message: String,
    },
    /// The host refused the push; the local merge is kept.
    #[error("{remote} refused the push: {message}")]
    PushRefused {
        /// The remote.
        remote: String,
        /// The host's message.
        message: String,
    },
    /// The remote kept moving.
    #[error("{remote} kept changing while syncing ({rounds} rounds)")]
    Exhausted {
        /// The remote.
        remote: String,
        /// Rounds tried.
        rounds: u32,
    },
}

/// What a sync did.
#[derive(Debug)]
pub struct Report {
    /// The remote synced with.
    pub remote: Remote,
    /// The most significant thing that happened to the local ref.
    pub integration: Integration,
    /// Whether the remote was updated.
    pub pushed: bool,
    /// The local tip afterwards.
    pub local: Option<String>,
    /// Tickets that came in from the remote.
    pub incoming: TicketChanges,
    /// Tickets that went out to the remote.
    pub outgoing: TicketChanges,
    /// What the merge resolved (conflicting config keys, broken files).
    pub notes: Vec<String>,
}

/// Options for one sync.
pub struct Options<'a> {
    /// The remote's name; `None` picks the default.
    pub remote: Option<&'a str>,
    /// Whether git may prompt for credentials on the terminal.
    pub interactive: bool,
}

/// Picks the remote to sync with, or explains why there is none.
pub fn remote(store: &Store, name: Option<&str>) -> Result<Remote, Error> {
    store.resolve_remote(name)?.ok_or_else(|| match name {
        Some(name) => Error::UnknownRemote(name.to_string()),
        None => Error::NoRemote,
    })
}

/// Syncs the tickets ref with a remote.
pub fn sync(
    store: &Store,
    who: &Identities,
    now: Timestamp,
    options: &Options<'_>,
) -> Result<Report, Error> {
    let remote = remote(store, options.remote)?;
    let transport_error = |e: transport::TransportError| Error::Transport {
        remote: remote.name.clone(),
        message: e.0,
    };
    let route = transport::Route::new(&store.remote_urls(&remote.name)?);
    let local_before = store.ref_id(store.refname())?;
    let mut integration = Integration::UpToDate;
    let mut notes = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let fetched = transport::fetch(
            store.git_dir(),
            options.interactive,
            &remote.name,
            route,
            store.refname(),
            &remote.tracking_ref,
        )
        .map_err(transport_error)?;
        let remote_tip = match fetched {
            Fetched::Ref => store.ref_id(&remote.tracking_ref)?,
            Fetched::Nothing => None,
        };
        // What went out is measured against the remote as this round
        // fetched it: a push that lost a race brought in someone else's
        // tickets, which must not count as ours.
        let remote_before = remote_tip.clone();
        if remote_tip.is_some() {
            let step = store.integrate(&remote, who, now)?;
            if let Integration::Merged { notes: merge_notes } = &step {
                notes.extend(merge_notes.iter().cloned());
            }
            if step != Integration::UpToDate && !matches!(integration, Integration::Merged { .. }) {
                integration = step;
            }
        }
        let local = store.ref_id(store.refname())?;
        if local.is_none() || local == remote_tip {
            return report(
                store,
                remote,
                integration,
                false,
                local_before,
                remote_before,
                notes,
            );
        }
        match transport::push(
            store.git_dir(),
            options.interactive,
            &remote.name,
            route,
            store.refname(),
        )
        .map_err(transport_error)?
        {
            Pushed::Done => {
                let local = local.expect("a pushed ref exists");
                store.set_tracking(&remote.tracking_ref, &local)?;
                return report(
                    store,
                    remote,
                    integration,
                    true,
                    local_before,
                    remote_before,
                    notes,
                );
            }
            Pushed::Stale => continue,
            Pushed::Refused(message) => {
                return Err(Error::PushRefused {
                    remote: remote.name,
                    message,
                })
            }
        }
    }
    Err(Error::Exhausted {
        remote: remote.name,
        rounds: MAX_ROUNDS,
    })
}

fn report(
    store: &Store,
    remote: Remote,
    integration: Integration,
    pushed: bool,
    local_before: Option<String>,
    remote_before: Option<String>,
    notes: Vec<String>,
) -> Result<Report, Error> {
    let local = store.ref_id(store.refname())?;
    let incoming = store.changed_tickets(local_before.as_deref(), local.as_deref())?;
    let outgoing = if pushed {
        store.changed_tickets(remote_before.as_deref(), local.as_deref())?
    } else {
        TicketChanges::default()
    };
    Ok(Report {
        remote,
        integration,
        pushed,
        local,
        incoming,
        outgoing,
        notes,
    })
}
