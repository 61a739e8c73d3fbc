//! Instants as whole UTC seconds.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant in UTC with one-second resolution.
///
/// Ticket files store RFC 3339 text; the cache stores the integer, which is
/// why this is a thin wrapper over seconds since the Unix epoch. Every time
/// tk reads or writes lies in [`Timestamp::MIN`]..=[`Timestamp::MAX`]
/// (1970 to 9999): a four-digit year that every RFC 3339 and TOML parser
/// reads. Files with times outside are refused; commit dates outside (a
/// commit made with `GIT_AUTHOR_DATE=@99999999999999`) are clamped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(i64);

/// A time outside the range tk reads and writes, or not RFC 3339.
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    /// Not an RFC 3339 time.
    #[error("{0}")]
    Parse(#[from] chrono::ParseError),
    /// Before 1970 or after 9999.
    #[error("{0} is outside the times tk accepts (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)")]
    Range(String),
}

impl Timestamp {
    /// The earliest time tk accepts: 1970-01-01T00:00:00Z.
    pub const MIN: Timestamp = Timestamp(0);
    /// The latest time tk accepts: 9999-12-31T23:59:59Z.
    pub const MAX: Timestamp = Timestamp(253_402_300_799);

    /// Returns the timestamp for `seconds` since the Unix epoch, refusing
    /// times outside [`Timestamp::MIN`]..=[`Timestamp::MAX`].
    pub fn checked(seconds: i64) -> Result<Self, TimeError> {
        if (Self::MIN.0..=Self::MAX.0).contains(&seconds) {
            Ok(Timestamp(seconds))
        } else {
            Err(TimeError::Range(format!("@{seconds}")))
        }
    }

    /// Returns the timestamp for `seconds` moved into
    /// [`Timestamp::MIN`]..=[`Timestamp::MAX`]: for times tk did not write
    /// and must not refuse, like a commit's author date.
    pub fn clamped(seconds: i64) -> Self {
        Timestamp(seconds.clamp(Self::MIN.0, Self::MAX.0))
    }

    /// Returns the timestamp for `seconds` since the Unix epoch.
    pub fn from_unix(seconds: i64) -> Self {
        Timestamp(seconds)
    }

    /// Returns the seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// Returns the instant as a chrono UTC time.
    pub fn to_utc(self) -> DateTime<Utc> {
        Utc.timestamp_opt(self.0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// Parses an RFC 3339 time, dropping sub-second precision; refuses
    /// times outside [`Timestamp::MIN`]..=[`Timestamp::MAX`].
    pub fn parse_rfc3339(text: &str) -> Result<Self, TimeError> {
        let seconds = DateTime::parse_from_rfc3339(text)?.timestamp();
        Self::checked(seconds).map_err(|_| TimeError::Range(text.to_string()))
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(value: DateTime<Utc>) -> Self {
        Timestamp(value.timestamp())
    }
}

impl fmt::Display for Timestamp {
    /// Formats as RFC 3339 in UTC with a `Z` suffix, the form stored in files.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_utc().to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trip_drops_subseconds_and_normalizes_zone() {
        let t = Timestamp::parse_rfc3339("2026-11-22T16:10:19.75+01:00").unwrap();
        assert_eq!(t.to_string(), "2026-11-22T15:10:19Z");
        assert_eq!(Timestamp::parse_rfc3339(&t.to_string()).unwrap(), t);
    }

    #[test]
    fn times_outside_1970_to_9999_are_refused_or_clamped() {
        assert!(Timestamp::parse_rfc3339("1969-12-31T23:59:59Z").is_err());
        assert!(Timestamp::parse_rfc3339("9999-12-31T23:59:59Z").is_ok());
        assert!(Timestamp::parse_rfc3339("1970-01-01T00:00:00Z").is_ok());
        assert!(Timestamp::checked(Timestamp::MAX.unix() + 1).is_err());
        assert_eq!(Timestamp::clamped(99_999_999_999_999), Timestamp::MAX);
        assert_eq!(Timestamp::clamped(-5), Timestamp::MIN);
        assert_eq!(Timestamp::MAX.to_string(), "9999-12-31T23:59:59Z");
    }
}
