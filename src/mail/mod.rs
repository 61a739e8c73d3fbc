//! Mail as the desk reads it: a raw message turned into what a ticket
//! needs (sender, title, text, attachments, thread references), and the
//! places messages come from (stdin, a file, an mbox, a Maildir).
//!
//! [`incoming`] and [`quote`] are pure: bytes in, values out, never a
//! panic on hostile input. [`source`] reads files and directories and
//! moves Maildir messages once they are handled; [`imap`] reads an IMAP
//! mailbox and flags its messages seen once they are handled. [`outgoing`] says what
//! the desk owes requesters and builds those mails; [`transport`] hands
//! them to a sendmail command or an SMTP server; [`trust`] holds the
//! certificate authorities their TLS trusts. This module decides nothing about tickets
//! (that is `ops::mail`) and must not import `store`, `ops`, `sync` or
//! `cli`.

pub mod imap;
pub mod incoming;
pub mod outgoing;
pub mod quote;
pub mod source;
pub mod transport;
pub mod trust;

pub use incoming::{parse, Incoming, Part, Refused, Skip};

/// The domain of Message-IDs tk makes when the desk has no address.
const LOCAL_DOMAIN: &str = "tk.invalid";

/// Returns the Message-ID (without angle brackets) tk gives the mail it
/// sends about event `event` of ticket `ticket`: the same for a resend, and
/// readable back by [`ticket_of_message_id`].
pub fn outgoing_message_id(ticket: &str, event: &str, desk: Option<&str>) -> String {
    let domain = desk
        .and_then(|a| a.rsplit_once('@'))
        .map_or(LOCAL_DOMAIN, |(_, d)| d);
    format!("tk.{ticket}.{event}@{domain}")
}

/// Returns the ticket id a Message-ID made by [`outgoing_message_id`]
/// names, or `None` for any other Message-ID.
pub fn ticket_of_message_id(message_id: &str) -> Option<String> {
    let rest = message_id
        .trim()
        .trim_start_matches('<')
        .strip_prefix("tk.")?;
    let (ticket, rest) = rest.split_once('.')?;
    let valid = ticket.len() == 16
        && ticket
            .bytes()
            .all(|b| crate::model::ID_ALPHABET.contains(&b))
        && rest.contains('@');
    valid.then(|| ticket.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outgoing_message_ids_name_their_ticket() {
        let id = outgoing_message_id("abcdabcdabcdabcd", "xyz", Some("help@corp.example"));
        assert_eq!(id, "tk.abcdabcdabcdabcd.xyz@corp.example");
        assert_eq!(
            ticket_of_message_id(&format!("<{id}>")).as_deref(),
            Some("abcdabcdabcdabcd")
        );
        assert_eq!(ticket_of_message_id("CAF123@mail.gmail.com"), None);
        assert_eq!(ticket_of_message_id("tk.short.x@y"), None);
    }
}
