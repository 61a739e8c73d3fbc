//! Argument types and value parsers shared by the subcommands' `XxxArgs`
//! (a shared CLI module, not a handler).

use crate::model::{ParseFieldError, Span, Timestamp};
use chrono::{NaiveDate, NaiveTime};

/// Parses a keyword value for clap, keeping the model's error message.
pub fn keyword<T: std::str::FromStr<Err = ParseFieldError>>(text: &str) -> Result<T, String> {
    text.parse().map_err(|e: ParseFieldError| e.to_string())
}

/// A point in time given on the command line: a date (`2026-11-01`, UTC),
/// an RFC 3339 time, or a span back from now (`1w`, `30d`, `4h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A fixed time.
    At(Timestamp),
    /// This long before now (calendar time).
    Ago(Span),
}

impl When {
    /// Returns the time this stands for, counting spans back from `now`.
    pub fn resolve(self, now: Timestamp) -> Timestamp {
        match self {
            When::At(t) => t,
            When::Ago(span) => Timestamp::from_unix(now.unix() - span.calendar_minutes() * 60),
        }
    }
}

fn parse_when(text: &str, days_after: i64) -> Result<When, String> {
    let out_of_range = || format!("`{text}` is outside the dates tk accepts (1970 to 9999)");
    if let Ok(t) = Timestamp::parse_rfc3339(text) {
        return Timestamp::checked(t.unix())
            .map(When::At)
            .map_err(|_| out_of_range());
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        let day = date
            .checked_add_signed(chrono::Duration::days(days_after))
            .ok_or_else(out_of_range)?;
        return Timestamp::checked(day.and_time(NaiveTime::MIN).and_utc().timestamp())
            .map(When::At)
            .map_err(|_| out_of_range());
    }
    text.parse::<Span>().map(When::Ago).map_err(|_| {
        format!("`{text}` is not a date like 2026-11-01, an RFC 3339 time or a span like 1w or 30d")
    })
}

/// Parses the start of a period: a date means its first second.
pub fn when_start(text: &str) -> Result<When, String> {
    parse_when(text, 0)
}

/// Parses the end of a period: a date includes that whole day.
pub fn when_end(text: &str) -> Result<When, String> {
    parse_when(text, 1)
}
