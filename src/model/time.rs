//! Instants as whole UTC seconds.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant in UTC with one-second resolution.
///
/// Ticket files store RFC 3339 text; the cache stores the integer, which is
/// why this is a thin wrapper over seconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(i64);

impl Timestamp {
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

    /// Parses an RFC 3339 time, dropping sub-second precision.
    pub fn parse_rfc3339(text: &str) -> Result<Self, chrono::ParseError> {
        Ok(Timestamp(DateTime::parse_from_rfc3339(text)?.timestamp()))
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
}
