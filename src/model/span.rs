//! Spans of time for SLA targets: `15m`, `4h`, `1d`, `1w`, `1d4h`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A duration written with units. Weeks and days are kept apart from
/// minutes because with business hours they count working days (a day is
/// one working day, a week is the working days of one week), not 24 hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Whole weeks.
    pub weeks: u32,
    /// Whole days.
    pub days: u32,
    /// Hours and minutes, in minutes.
    pub minutes: u32,
}

/// Text that is not a span.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration `{0}`: use numbers with units w, d, h, m, like 15m, 4h, 1d or 1d4h")]
pub struct ParseSpanError(pub String);

impl Span {
    /// Returns the span in minutes of calendar time (a day is 24 hours).
    pub fn calendar_minutes(self) -> i64 {
        (i64::from(self.weeks) * 7 + i64::from(self.days)) * 1440 + i64::from(self.minutes)
    }

    /// Returns whether the span is zero.
    pub fn is_zero(self) -> bool {
        self == Span::default()
    }
}

impl FromStr for Span {
    type Err = ParseSpanError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseSpanError(text.to_string());
        let mut span = Span::default();
        let mut number = String::new();
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(error());
        }
        for c in compact.to_ascii_lowercase().chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: u32 = number.parse().map_err(|_| error())?;
            number.clear();
            let slot = match c {
                'w' => &mut span.weeks,
                'd' => &mut span.days,
                'h' => {
                    span.minutes = n
                        .checked_mul(60)
                        .and_then(|m| span.minutes.checked_add(m))
                        .ok_or_else(error)?;
                    continue;
                }
                'm' => &mut span.minutes,
                _ => return Err(error()),
            };
            *slot = slot.checked_add(n).ok_or_else(error)?;
        }
        if !number.is_empty() {
            return Err(error());
        }
        Ok(span)
    }
}

impl fmt::Display for Span {
    /// Writes the canonical form: `1w2d3h4m` with zero parts left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0m");
        }
        let parts = [
            (self.weeks, "w"),
            (self.days, "d"),
            (self.minutes / 60, "h"),
            (self.minutes % 60, "m"),
        ];
        for (n, unit) in parts {
            if n > 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_canonically() {
        for (text, canonical) in [
            ("15m", "15m"),
            ("4h", "4h"),
            ("90m", "1h30m"),
            ("1d 4h", "1d4h"),
            ("1W", "1w"),
        ] {
            let span: Span = text.parse().unwrap();
            assert_eq!(span.to_string(), canonical);
            assert_eq!(canonical.parse::<Span>().unwrap(), span);
        }
        assert_eq!("1d".parse::<Span>().unwrap().calendar_minutes(), 1440);
        for bad in ["", "4", "h", "4x", "1.5h"] {
            assert!(bad.parse::<Span>().is_err(), "{bad}");
        }
    }
}
