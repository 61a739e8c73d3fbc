//! Watching a ticket, and no longer watching it.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::model::{Action, TicketPrefix};

/// Who starts or stops watching which ticket.
pub struct WatchOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// The watcher (already resolved, so not `me`).
    pub who: String,
    /// Whether they start (`true`) or stop watching.
    pub watch: bool,
}

/// Adds or removes the watcher. Watching twice changes nothing;
/// unwatching someone who does not watch is refused.
pub fn watch(session: &Session, options: WatchOptions) -> Result<Written, Error> {
    let loaded = find(session, &options.target)?;
    let action = if options.watch {
        Action::Watch { who: options.who }
    } else {
        if !loaded.ticket.state().watchers.contains(&options.who) {
            return Err(Error::NotAllowed(format!(
                "{} is not watching ticket {}",
                options.who,
                loaded.short_id()
            )));
        }
        Action::Unwatch { who: options.who }
    };
    write_one(
        session,
        action.name(),
        Vec::new(),
        TicketChange::unless_in_effect(loaded.ticket.id().into(), action),
    )
}

/// Watches (or unwatches) every ticket `targets` names, in one commit, all
/// or nothing: unwatching a ticket `who` does not watch refuses the whole
/// batch. Returns each ticket after the change, in order.
pub fn watch_many(
    session: &Session,
    targets: &[TicketPrefix],
    who: &str,
    watch: bool,
) -> Result<Vec<Written>, Error> {
    let mut changes = Vec::new();
    for target in targets {
        let loaded = find(session, target)?;
        let action = if watch {
            Action::Watch {
                who: who.to_string(),
            }
        } else {
            if !loaded.ticket.state().watchers.iter().any(|w| w == who) {
                return Err(Error::NotAllowed(format!(
                    "{who} is not watching ticket {}",
                    loaded.short_id()
                )));
            }
            Action::Unwatch {
                who: who.to_string(),
            }
        };
        changes.push(TicketChange::unless_in_effect(
            loaded.ticket.id().into(),
            action,
        ));
    }
    let label = if watch { "watch" } else { "unwatch" };
    super::write::write(
        session,
        super::write::WriteOptions {
            label,
            files: Vec::new(),
            changes,
        },
    )
}
