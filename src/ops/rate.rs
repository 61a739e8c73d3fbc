//! Rating a resolved or closed ticket, with the rating's provenance: the
//! requester's own, or entered by a team member on the requester's behalf.

use super::write::{write_one, TicketChange};
use super::{find, Error, Session, Written};
use crate::model::{Action, TicketPrefix};

/// Which ticket, the score, and who gave it.
pub struct RateOptions {
    /// The ticket.
    pub target: TicketPrefix,
    /// 1 (poor) to 5 (excellent).
    pub score: u8,
    /// What the requester said.
    pub comment: Option<String>,
    /// Whether the current identity enters a rating the requester gave
    /// them (by phone, in person) rather than being the requester.
    pub on_behalf: bool,
}

/// Records the rating in one commit.
///
/// The current identity must be the ticket's requester, or say that it
/// enters the rating on the requester's behalf: a rating typed by a
/// technician never passes for the requester's own opinion. The
/// requester rating as themselves is recorded as their own even with
/// `on_behalf`.
pub fn rate(session: &Session, options: RateOptions) -> Result<Written, Error> {
    let loaded = find(session, &options.target)?;
    let me = &session.who()?.author.email;
    let is_requester = loaded
        .ticket
        .state()
        .requester
        .as_ref()
        .is_some_and(|r| !r.email.is_empty() && r.email.eq_ignore_ascii_case(me));
    if !is_requester && !options.on_behalf {
        let requester = loaded
            .ticket
            .state()
            .requester
            .as_ref()
            .map(|r| r.display())
            .unwrap_or_else(|| "nobody".to_string());
        return Err(Error::Invalid(format!(
            "ticket {}: {me} is not its requester ({requester}); pass --on-behalf to enter the rating they gave you",
            loaded.short_id()
        )));
    }
    let action = Action::Rate {
        score: options.score,
        comment: options.comment,
        on_behalf: !is_requester,
    };
    write_one(
        session,
        action.name(),
        Vec::new(),
        TicketChange::record(options.target, vec![action]),
    )
}
