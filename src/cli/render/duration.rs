//! The one duration formatter, and local times.
//!
//! Ages, SLA time left and report figures all format spans of seconds
//! here, at one of two precisions; `tk list`, `tk show` and `tk report` no
//! longer each have their own.

use crate::model::Timestamp;
use chrono::Local;

/// How much of a duration to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// The largest whole unit only: `5m`, `3h`, `2d`, `6w`, `1y`.
    Largest,
    /// Two units, the smaller zero-padded: `40m`, `2h05m`, `3d04h`.
    Two,
}

/// Returns a span of seconds as text (negative spans count as positive).
pub fn duration(seconds: i64, precision: Precision) -> String {
    let seconds = seconds.saturating_abs();
    match precision {
        Precision::Largest => {
            let (unit, size) = [
                ("y", 365 * 86_400),
                ("w", 7 * 86_400),
                ("d", 86_400),
                ("h", 3_600),
                ("m", 60),
            ]
            .into_iter()
            .find(|(_, size)| seconds >= *size)
            .unwrap_or(("m", 60));
            format!("{}{unit}", seconds / size)
        }
        Precision::Two => {
            let minutes = seconds / 60;
            let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
            match (d, h) {
                (0, 0) => format!("{m}m"),
                (0, _) => format!("{h}h{m:02}m"),
                _ => format!("{d}d{h:02}h"),
            }
        }
    }
}

/// Returns a compact age like `5m`, `3h`, `2d`, `6w` or `1y` (zero when
/// `since` is in the future).
pub fn age(since: Timestamp, now: Timestamp) -> String {
    duration((now.unix() - since.unix()).max(0), Precision::Largest)
}

/// Returns a time in the local zone, to the minute.
pub fn local_time(t: Timestamp) -> String {
    t.to_utc()
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_pick_the_largest_unit() {
        let t = Timestamp::from_unix(0);
        assert_eq!(age(t, Timestamp::from_unix(30)), "0m");
        assert_eq!(age(t, Timestamp::from_unix(3 * 3600 + 5)), "3h");
        assert_eq!(age(t, Timestamp::from_unix(15 * 86_400)), "2w");
        assert_eq!(age(Timestamp::from_unix(60), t), "0m");
    }

    #[test]
    fn two_units_pad_the_smaller() {
        assert_eq!(duration(40 * 60, Precision::Two), "40m");
        assert_eq!(duration(2 * 3600 + 5 * 60, Precision::Two), "2h05m");
        assert_eq!(duration(3 * 86_400 + 4 * 3600, Precision::Two), "3d04h");
        assert_eq!(duration(-90 * 60, Precision::Largest), "1h");
    }
}
