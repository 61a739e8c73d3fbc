//! `TicketPrefix`: a validated ticket id prefix, as users type it.
//!
//! Modelled on gitoxide's `gix_hash::Prefix`: once a prefix exists it is
//! known to be lower case, in [`super::ID_ALPHABET`], between
//! [`MIN_PREFIX_LEN`] and a full id long, so lookups can take its shard
//! without checking again. Pure like the rest of the model: no I/O.

use super::id::{IdError, TicketId, MIN_PREFIX_LEN};
use std::fmt;

/// A validated prefix of a ticket id (at least [`MIN_PREFIX_LEN`]
/// characters, lower case).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TicketPrefix(String);

impl TicketPrefix {
    /// Validates and lower-cases a prefix typed by a user.
    pub fn parse(text: &str) -> Result<TicketPrefix, IdError> {
        TicketId::parse_prefix(text).map(TicketPrefix)
    }

    /// Returns the prefix as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the shard directory every id with this prefix lives in.
    pub fn shard(&self) -> &str {
        // Validation guarantees at least MIN_PREFIX_LEN ASCII characters.
        &self.0[..2]
    }

    /// Returns whether `id` starts with this prefix.
    pub fn matches(&self, id: &TicketId) -> bool {
        id.as_str().starts_with(&self.0)
    }
}

impl From<&TicketId> for TicketPrefix {
    fn from(id: &TicketId) -> TicketPrefix {
        TicketPrefix(id.as_str().to_string())
    }
}

impl std::str::FromStr for TicketPrefix {
    type Err = IdError;

    fn from_str(text: &str) -> Result<TicketPrefix, IdError> {
        TicketPrefix::parse(text)
    }
}

impl fmt::Display for TicketPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const _: () = assert!(MIN_PREFIX_LEN >= 2, "a prefix must name its shard");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_validated_and_lowercased() {
        let prefix = TicketPrefix::parse(" ABCD ").expect("valid prefix");
        assert_eq!(prefix.as_str(), "abcd");
        assert_eq!(prefix.shard(), "ab");
        assert!(matches!(
            TicketPrefix::parse("abc"),
            Err(IdError::TooShort(_))
        ));
        assert!(matches!(
            TicketPrefix::parse("vpn-1"),
            Err(IdError::BadCharacter(_))
        ));
        // Multi-byte text never reaches the shard slice.
        assert!(TicketPrefix::parse("é1234").is_err());
    }

    #[test]
    fn a_full_id_is_its_own_prefix() {
        let id = TicketId::parse("abcdefghjkmnpqrs").expect("valid id");
        assert!(TicketPrefix::from(&id).matches(&id));
    }
}
