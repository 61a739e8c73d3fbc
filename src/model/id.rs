//! Ticket and event identifiers: random, coordination-free, and typed in an
//! alphabet without look-alike characters.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford's base32 in lower case: no `i`, `l`, `o` or `u`, so `0` and `1`
/// cannot be mistaken for letters.
pub const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Characters in a ticket id: 16 × 5 = 80 random bits.
const TICKET_ID_LEN: usize = 16;

/// Characters in an event id: 12 × 5 = 60 random bits, unique within a ticket.
const EVENT_ID_LEN: usize = 12;

/// The shortest prefix a command accepts for a ticket id.
pub const MIN_PREFIX_LEN: usize = 4;

/// The length of the short ids shown in output, when unique.
const SHORT_LEN: usize = 7;

/// A rejected id or id prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The text has a character outside [`ID_ALPHABET`].
    #[error("invalid ticket id `{0}`: ids use only 0-9 and a-z without i, l, o, u")]
    BadCharacter(String),
    /// The prefix is shorter than [`MIN_PREFIX_LEN`].
    #[error("ticket id prefix `{0}` is too short: give at least {MIN_PREFIX_LEN} characters")]
    TooShort(String),
    /// The text is longer than a full id or has the wrong length.
    #[error("invalid ticket id `{0}`: a full id has {TICKET_ID_LEN} characters")]
    BadLength(String),
}

/// A ticket's full id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TicketId(String);

/// An event's id, unique within its ticket's timeline.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EventId(String);

/// Whether each byte is in [`ID_ALPHABET`]: a table, because a cold list
/// checks every byte of every id it reads (`contains` on the alphabet was
/// one `memchr` call per byte, 4 % of a cold list).
const IN_ALPHABET: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < ID_ALPHABET.len() {
        table[ID_ALPHABET[i] as usize] = true;
        i += 1;
    }
    table
};

fn normalize(text: &str) -> Result<String, IdError> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.bytes().all(|b| IN_ALPHABET[usize::from(b)]) {
        Ok(lower)
    } else {
        Err(IdError::BadCharacter(text.to_string()))
    }
}

impl TicketId {
    /// Parses a complete ticket id.
    pub fn parse(text: &str) -> Result<TicketId, IdError> {
        let id = normalize(text)?;
        if id.len() != TICKET_ID_LEN {
            return Err(IdError::BadLength(text.to_string()));
        }
        Ok(TicketId(id))
    }

    /// Validates and lower-cases a prefix typed by a user.
    pub fn parse_prefix(text: &str) -> Result<String, IdError> {
        let prefix = normalize(text)?;
        if prefix.len() < MIN_PREFIX_LEN {
            return Err(IdError::TooShort(text.to_string()));
        }
        if prefix.len() > TICKET_ID_LEN {
            return Err(IdError::BadLength(text.to_string()));
        }
        Ok(prefix)
    }

    /// Derives a ticket id from arbitrary bytes, so that clones which must
    /// give a ticket a new id independently give it the same one.
    pub fn derived_from(bytes: &[u8]) -> TicketId {
        TicketId(random_text(&mut seeded_by(bytes), TICKET_ID_LEN))
    }

    /// Returns the id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the two-character shard directory the ticket file lives in.
    pub fn shard(&self) -> &str {
        &self.0[..2]
    }

    /// Returns the first `len` characters, for display.
    pub fn prefix(&self, len: usize) -> &str {
        &self.0[..len.min(self.0.len())]
    }
}

impl fmt::Display for TicketId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl EventId {
    /// Parses an event id as stored in a file.
    pub fn parse(text: &str) -> Result<EventId, IdError> {
        let id = normalize(text)?;
        if id.is_empty() {
            return Err(IdError::BadLength(text.to_string()));
        }
        Ok(EventId(id))
    }

    /// Derives an event id from arbitrary bytes, so that clones which derive
    /// the same event independently give it the same id.
    pub fn derived_from(bytes: &[u8]) -> EventId {
        EventId(random_text(&mut seeded_by(bytes), EVENT_ID_LEN))
    }

    /// Returns the id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Returns a generator seeded by a hash of `bytes`. FNV-1a is enough: the
/// inputs are content hashes or ids already.
fn seeded_by(bytes: &[u8]) -> StdRng {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    StdRng::seed_from_u64(hash)
}

fn random_text(rng: &mut impl Rng, len: usize) -> String {
    (0..len)
        .map(|_| char::from(ID_ALPHABET[rng.random_range(0..ID_ALPHABET.len())]))
        .collect()
}

/// Makes new ids: from the operating system's randomness, or from a seed so
/// that tests produce the same ids on every run.
pub struct IdGenerator {
    rng: StdRng,
}

impl IdGenerator {
    /// Returns a generator seeded from the operating system.
    pub fn from_entropy() -> IdGenerator {
        IdGenerator {
            rng: StdRng::from_os_rng(),
        }
    }

    /// Returns a deterministic generator.
    pub fn from_seed(seed: u64) -> IdGenerator {
        IdGenerator {
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// Returns a fresh ticket id.
    pub fn ticket_id(&mut self) -> TicketId {
        TicketId(random_text(&mut self.rng, TICKET_ID_LEN))
    }

    /// Returns a fresh event id.
    pub fn event_id(&mut self) -> EventId {
        EventId(random_text(&mut self.rng, EVENT_ID_LEN))
    }
}

/// Returns how many characters of `id` to show so that it differs from every
/// id in `neighbours`: 7, or more where another id shares a longer prefix.
pub fn short_len<'a>(id: &TicketId, neighbours: impl IntoIterator<Item = &'a TicketId>) -> usize {
    let shared = neighbours
        .into_iter()
        .filter(|other| *other != id)
        .map(|other| {
            id.0.bytes()
                .zip(other.0.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    (shared + 1).clamp(SHORT_LEN, TICKET_ID_LEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_use_the_alphabet_and_are_seedable() {
        let a = IdGenerator::from_seed(7).ticket_id();
        let b = IdGenerator::from_seed(7).ticket_id();
        assert_eq!(a, b);
        assert_eq!(a.as_str().len(), 16);
        assert!(TicketId::parse(a.as_str()).is_ok());
        assert_ne!(
            IdGenerator::from_entropy().ticket_id(),
            IdGenerator::from_entropy().ticket_id()
        );
    }

    #[test]
    fn prefixes_are_validated() {
        assert_eq!(TicketId::parse_prefix("AB12").unwrap(), "ab12");
        assert_eq!(
            TicketId::parse_prefix("ab1"),
            Err(IdError::TooShort("ab1".into()))
        );
        assert!(matches!(
            TicketId::parse_prefix("abil"),
            Err(IdError::BadCharacter(_))
        ));
    }

    #[test]
    fn short_len_grows_only_when_needed() {
        let a = TicketId::parse("abcdefgh00000000").unwrap();
        let b = TicketId::parse("abcdefgh11111111").unwrap();
        let c = TicketId::parse("zzzzzzzz00000000").unwrap();
        assert_eq!(short_len(&a, [&c]), 7);
        assert_eq!(short_len(&a, [&a, &b, &c]), 9);
    }

    #[test]
    fn derived_event_ids_are_stable() {
        assert_eq!(EventId::derived_from(b"x"), EventId::derived_from(b"x"));
        assert_ne!(EventId::derived_from(b"x"), EventId::derived_from(b"y"));
    }
}
