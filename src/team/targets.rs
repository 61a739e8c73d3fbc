//! What the team aims for over a report's period (`[report]` in
//! `tk.toml`): the share of SLA clocks met in time, and the requesters'
//! mean rating. `tk report` compares its figures with them.
//!
//! Both are kept in tenths, so the configuration stays comparable with
//! `==` and encodes back to the text it was given.

/// The team's report targets; `None` where the team set none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportTargets {
    /// The share of SLA clocks to meet in time, in tenths of a percent
    /// (`950` is 95%), 1 to 1000 (`report.sla_compliance`).
    pub sla_compliance: Option<u16>,
    /// The requesters' mean rating to reach, in tenths (`42` is 4.2), 10
    /// to 50 (`report.satisfaction`).
    pub satisfaction: Option<u8>,
}

impl ReportTargets {
    /// Returns the compliance target in percent.
    pub fn sla_compliance_percent(&self) -> Option<f64> {
        self.sla_compliance.map(|t| f64::from(t) / 10.0)
    }

    /// Returns the satisfaction target as a mean score.
    pub fn satisfaction_score(&self) -> Option<f64> {
        self.satisfaction.map(|t| f64::from(t) / 10.0)
    }
}

/// Parses a compliance target: `95%`, `99.5%` or `95` (a TOML string or
/// number), above 0 and at most 100, with at most one decimal.
pub(super) fn parse_compliance(value: &toml::Value) -> Result<u16, String> {
    let text = match value {
        toml::Value::String(s) => s.trim().trim_end_matches('%').trim_end().to_string(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => x.to_string(),
        _ => return Err("a percentage like \"95%\"".to_string()),
    };
    match tenths(&text) {
        Some(t @ 1..=1000) => u16::try_from(t).map_err(|_| range_error()),
        Some(_) => Err(range_error()),
        None => Err(format!(
            "`{}` is not a percentage like \"95%\" (at most one decimal)",
            quoted(&text)
        )),
    }
}

fn range_error() -> String {
    "a percentage above 0% and at most 100%".to_string()
}

/// Parses a satisfaction target: a mean score from 1 to 5 with at most one
/// decimal (`4`, `4.2`; a TOML number or string).
pub(super) fn parse_satisfaction(value: &toml::Value) -> Result<u8, String> {
    let text = match value {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => x.to_string(),
        _ => return Err("a mean rating from 1 to 5, like 4.2".to_string()),
    };
    match tenths(&text) {
        Some(t @ 10..=50) => u8::try_from(t).map_err(|_| "from 1 to 5".to_string()),
        Some(_) => Err(format!(
            "`{}` is not a mean rating from 1 to 5",
            quoted(&text)
        )),
        None => Err(format!(
            "`{}` is not a mean rating like 4.2 (at most one decimal)",
            quoted(&text)
        )),
    }
}

/// The most characters of a refused value an error quotes.
const QUOTED_CHARS: usize = 40;

/// Returns `text` as an error quotes it: cut to [`QUOTED_CHARS`], with `…`
/// where it was cut, so a huge value makes a short line.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Returns a compliance target as `tk.toml` holds it: `"95%"`, `"99.5%"`.
pub(super) fn compliance_value(tenths: u16) -> toml::Value {
    toml::Value::String(format!("{}%", decimal(u32::from(tenths))))
}

/// Returns a satisfaction target as `tk.toml` holds it: `4.0`, `4.2`.
pub(super) fn satisfaction_value(tenths: u8) -> toml::Value {
    toml::Value::Float(f64::from(tenths) / 10.0)
}

/// Returns tenths as `95` or `99.5`.
fn decimal(tenths: u32) -> String {
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        d => format!("{}.{d}", tenths / 10),
    }
}

/// Parses `95`, `99.5` or `4.0` as a whole number of tenths; `None` for
/// anything else (a sign, more than one decimal, an exponent).
fn tenths(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    // `4.0` and `4.20` are one decimal; `4.25` is not.
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 1 {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let tenth: u32 = fraction.parse().unwrap_or(0);
    Some(whole * 10 + tenth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> toml::Value {
        toml::Value::String(s.to_string())
    }

    #[test]
    fn compliance_reads_percentages_and_writes_them_back() {
        assert_eq!(parse_compliance(&text("95%")), Ok(950));
        assert_eq!(parse_compliance(&text(" 99.5 % ")), Ok(995));
        assert_eq!(parse_compliance(&toml::Value::Integer(90)), Ok(900));
        assert_eq!(parse_compliance(&toml::Value::Float(97.5)), Ok(975));
        assert_eq!(parse_compliance(&text("100%")), Ok(1000));
        assert_eq!(compliance_value(950), text("95%"));
        assert_eq!(compliance_value(995), text("99.5%"));
        for bad in ["0%", "100.1%", "-5%", "95.25%", "ninety", "", "1e2"] {
            assert!(parse_compliance(&text(bad)).is_err(), "{bad}");
        }
        assert!(parse_compliance(&toml::Value::Boolean(true)).is_err());
        // A huge value is quoted cut, on a short line.
        let error = parse_compliance(&text(&"9".repeat(100_000))).unwrap_err();
        assert!(error.chars().count() < 120, "{error}");
        assert!(
            error.contains(&format!("{}…", "9".repeat(QUOTED_CHARS))),
            "{error}"
        );
    }

    #[test]
    fn satisfaction_reads_mean_scores_and_writes_them_back() {
        assert_eq!(parse_satisfaction(&toml::Value::Float(4.2)), Ok(42));
        assert_eq!(parse_satisfaction(&toml::Value::Integer(4)), Ok(40));
        assert_eq!(parse_satisfaction(&text("3.5")), Ok(35));
        assert_eq!(parse_satisfaction(&text("5")), Ok(50));
        assert_eq!(satisfaction_value(42), toml::Value::Float(4.2));
        assert_eq!(parse_satisfaction(&satisfaction_value(42)), Ok(42));
        for bad in ["0.9", "5.1", "4.25", "four", "-4"] {
            assert!(parse_satisfaction(&text(bad)).is_err(), "{bad}");
        }
    }
}
