//! Custom fields: the team's own fields on tickets (an asset tag, an
//! operating system, a room), their kinds and the rules their names and
//! values follow.
//!
//! The definitions live in the team configuration; this module only says
//! what a valid name, definition and value is, so that the configuration,
//! the codec and the write path check them the same way. Pure: no I/O.

use super::fields::{keyword_enum, ParseFieldError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The longest custom field name, in bytes.
pub const MAX_FIELD_NAME: usize = 32;

/// The longest value of a text field, in characters.
pub const MAX_FIELD_TEXT: usize = 1_000;

/// The most significant digits a number field holds: every such number
/// reads back exactly as a JSON or TOML float.
pub const MAX_NUMBER_DIGITS: usize = 15;

/// The most custom fields a team defines, and a ticket holds.
pub const MAX_FIELDS: usize = 100;

/// The most choices a choice field has.
pub const MAX_CHOICES: usize = 100;

/// The longest choice, and the longest description, in characters.
pub const MAX_CHOICE_CHARS: usize = 64;

/// The longest description of a field, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 200;

/// Names a custom field cannot have: the ticket's own keys, as files,
/// `tk set`, `tk list --columns` and JSON spell them, and a few more that
/// built-in features use or will.
pub const RESERVED_NAMES: &[&str] = &[
    "id",
    "short_id",
    "schema",
    "title",
    "type",
    "status",
    "priority",
    "impact",
    "urgency",
    "category",
    "tags",
    "tag",
    "description",
    "requester",
    "assignee",
    "watchers",
    "created",
    "updated",
    "due",
    "age",
    "pri",
    "sla",
    "first_response",
    "resolved",
    "closed",
    "close_reason",
    "resolution",
    "rating",
    "links",
    "attachments",
    "response_target",
    "resolution_target",
    "comments",
    "events",
    "fields",
    "field",
    "group",
    "parent",
    "children",
    "linked_from",
];

keyword_enum!(
    /// What values a custom field takes.
    FieldKind, "field kind", {
        /// One line or more of text, up to [`MAX_FIELD_TEXT`] characters.
        Text => "text",
        /// A decimal number such as `12` or `-3.75`.
        Number => "number",
        /// A day, `YYYY-MM-DD`.
        Date => "date",
        /// One of the field's choices.
        Choice => "choice",
    }
);

/// A decimal number in canonical form: no leading `+`, no leading zeros,
/// no trailing zeros after the point, no point without digits after it,
/// never `-0`; at most [`MAX_NUMBER_DIGITS`] significant digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Decimal(String);

impl Decimal {
    /// Parses a decimal as people type it (`12`, `+0.50`, `-3.750`).
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let bad = || format!("`{text}` is not a number like 12 or -3.75");
        let trimmed = text.trim();
        let (negative, digits) = match trimmed.as_bytes().first() {
            Some(b'-') => (true, &trimmed[1..]),
            Some(b'+') => (false, &trimmed[1..]),
            _ => (false, trimmed),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return Err(bad());
        }
        if digits.ends_with('.') {
            return Err(bad());
        }
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        let significant = if whole.is_empty() {
            fraction.trim_start_matches('0').len()
        } else {
            whole.len() + fraction.len()
        };
        if significant > MAX_NUMBER_DIGITS || whole.len() + fraction.len() > MAX_NUMBER_DIGITS + 8 {
            return Err(format!(
                "`{text}` has more than {MAX_NUMBER_DIGITS} significant digits"
            ));
        }
        let whole = if whole.is_empty() { "0" } else { whole };
        let zero = whole == "0" && fraction.is_empty();
        let mut canonical = String::new();
        if negative && !zero {
            canonical.push('-');
        }
        canonical.push_str(whole);
        if !fraction.is_empty() {
            canonical.push('.');
            canonical.push_str(fraction);
        }
        Ok(Decimal(canonical))
    }

    /// Returns the number a float stands for, when it is finite and within
    /// the digit limit.
    pub fn from_f64(value: f64) -> Result<Decimal, String> {
        if !value.is_finite() {
            return Err(format!("{value} is not a finite number"));
        }
        // `{}` never uses an exponent and is the shortest text that reads
        // back as the same float.
        Decimal::parse(&format!("{value}"))
    }

    /// Returns the canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns the value as an integer, when it has no fraction.
    pub fn as_i64(&self) -> Option<i64> {
        if self.0.contains('.') {
            None
        } else {
            self.0.parse().ok()
        }
    }

    /// Returns the value as a float (exact for canonical decimals within
    /// the digit limit, up to the float's own rounding).
    pub fn as_f64(&self) -> f64 {
        self.0
            .parse()
            .expect("a canonical decimal parses as a float because it is digits and a point")
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The value of a custom field on a ticket, or in a change.
///
/// Text, date and choice fields hold text; number fields a [`Decimal`].
/// In a change, empty text clears the field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldValue {
    /// Text: a text field's value, a date (`YYYY-MM-DD`), a choice, or
    /// (empty, in a change) no value.
    Text(String),
    /// A number field's value.
    Number(Decimal),
}

impl FieldValue {
    /// Returns whether, in a change, this value clears the field.
    pub fn is_clear(&self) -> bool {
        matches!(self, FieldValue::Text(t) if t.trim().is_empty())
    }

    /// Returns the value as people read and type it.
    pub fn text(&self) -> &str {
        match self {
            FieldValue::Text(t) => t,
            FieldValue::Number(n) => n.as_str(),
        }
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// A custom field as the team defines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// What values it takes.
    pub kind: FieldKind,
    /// The values a choice field takes, in the team's order (empty for
    /// the other kinds).
    pub choices: Vec<String>,
    /// What the field is for, shown by `tk field list`.
    pub description: Option<String>,
}

/// Refuses a name other than 1 to [`MAX_FIELD_NAME`] of `a-z`, `0-9`, `_`
/// and `-`, starting with a letter, and the [`RESERVED_NAMES`].
pub fn check_field_name(name: &str) -> Result<(), String> {
    let mut bytes = name.bytes();
    let valid = name.len() <= MAX_FIELD_NAME
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !valid {
        return Err(format!(
            "field name `{}` is not 1 to {MAX_FIELD_NAME} of a-z, 0-9, _ and -, starting with a letter",
            name.escape_debug()
        ));
    }
    if RESERVED_NAMES.contains(&name) {
        return Err(format!(
            "`{name}` is a built-in field of tickets; choose another name"
        ));
    }
    Ok(())
}

/// Refuses text with control characters other than newline and tab, the
/// ones a description may hold too.
fn check_control(what: &str, text: &str) -> Result<(), String> {
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!("{what} cannot contain control characters"));
    }
    Ok(())
}

/// Refuses text over `limit` characters.
fn check_length(what: &str, text: &str, limit: usize) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > limit {
        return Err(format!(
            "{what} is {chars} characters, over the limit of {limit}"
        ));
    }
    Ok(())
}

impl FieldDef {
    /// Returns a checked definition: choices (trimmed, unique, one line,
    /// no commas) for a choice field and only for one, a one-line
    /// description.
    pub fn new(
        kind: FieldKind,
        choices: Vec<String>,
        description: Option<String>,
    ) -> Result<FieldDef, String> {
        let mut unique: Vec<String> = Vec::new();
        for choice in choices {
            let choice = choice.trim().to_string();
            if choice.is_empty() {
                continue;
            }
            if choice.chars().any(char::is_control) || choice.contains(',') {
                return Err(format!(
                    "choice `{}` cannot contain commas or control characters",
                    choice.escape_debug()
                ));
            }
            check_length(&format!("choice `{choice}`"), &choice, MAX_CHOICE_CHARS)?;
            if !unique.iter().any(|c| c.eq_ignore_ascii_case(&choice)) {
                unique.push(choice);
            }
        }
        match kind {
            FieldKind::Choice if unique.is_empty() => {
                return Err("a choice field needs its choices (--choices a,b)".to_string())
            }
            FieldKind::Choice if unique.len() > MAX_CHOICES => {
                return Err(format!("more than {MAX_CHOICES} choices"))
            }
            FieldKind::Choice => {}
            _ if !unique.is_empty() => {
                return Err(format!(
                    "only a choice field has choices, not a {kind} field"
                ))
            }
            _ => {}
        }
        let description = description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        if let Some(d) = &description {
            if d.chars().any(char::is_control) {
                return Err("the description cannot contain control characters".to_string());
            }
            check_length("the description", d, MAX_DESCRIPTION_CHARS)?;
        }
        Ok(FieldDef {
            kind,
            choices: unique,
            description,
        })
    }

    /// Returns `value` checked and normalized for this field named `name`:
    /// a number made canonical, a date checked, a choice spelled as the
    /// team spells it, text within its limits. Empty text stays empty (it
    /// clears the field).
    pub fn value(&self, name: &str, value: &FieldValue) -> Result<FieldValue, String> {
        if value.is_clear() {
            return Ok(FieldValue::Text(String::new()));
        }
        let text = value.text();
        let refuse = |why: String| Err(format!("field `{name}`: {why}"));
        match self.kind {
            FieldKind::Text => {
                let text = text.trim();
                if let Err(e) = check_control("a text field", text)
                    .and_then(|_| check_length("the value", text, MAX_FIELD_TEXT))
                {
                    return refuse(e);
                }
                Ok(FieldValue::Text(text.to_string()))
            }
            FieldKind::Number => match value {
                FieldValue::Number(n) => Ok(FieldValue::Number(n.clone())),
                FieldValue::Text(t) => match Decimal::parse(t) {
                    Ok(n) => Ok(FieldValue::Number(n)),
                    Err(e) => refuse(e),
                },
            },
            FieldKind::Date => {
                let text = text.trim();
                let valid =
                    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok();
                if !valid {
                    return refuse(format!("`{text}` is not a date like 2026-12-24"));
                }
                Ok(FieldValue::Text(text.to_string()))
            }
            FieldKind::Choice => {
                let text = text.trim();
                match self.choices.iter().find(|c| c.eq_ignore_ascii_case(text)) {
                    Some(choice) => Ok(FieldValue::Text(choice.clone())),
                    None => refuse(format!(
                        "`{text}` is not one of {}",
                        self.choices.join(", ")
                    )),
                }
            }
        }
    }
}

/// Refuses a value a ticket file may not hold for any field: text over
/// [`MAX_FIELD_TEXT`] characters or with control characters besides
/// newline and tab.
pub fn check_stored_value(name: &str, value: &FieldValue) -> Result<(), String> {
    check_field_name(name)?;
    if let FieldValue::Text(text) = value {
        check_control(&format!("field `{name}`"), text)?;
        check_length(&format!("field `{name}`"), text, MAX_FIELD_TEXT)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> FieldValue {
        FieldValue::Text(t.to_string())
    }

    #[test]
    fn decimals_are_made_canonical() {
        for (typed, canonical) in [
            ("12", "12"),
            ("+012", "12"),
            ("-3.750", "-3.75"),
            ("0.50", "0.5"),
            ("-0", "0"),
            ("-0.000", "0"),
            ("000", "0"),
            ("1.0", "1"),
            (" 7 ", "7"),
            ("0.000000000000001", "0.000000000000001"),
            ("123456789012345", "123456789012345"),
        ] {
            assert_eq!(
                Decimal::parse(typed).map(|d| d.0),
                Ok(canonical.into()),
                "{typed}"
            );
        }
        for bad in [
            "", "-", "1.", ".5", "1e5", "1,5", "abc", "1.2.3", "--1", "0x10", "١٢",
        ] {
            assert!(Decimal::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Decimal::parse("1234567890123456").is_err());
        assert!(Decimal::parse("0.1234567890123456").is_err());
    }

    #[test]
    fn decimals_read_back_from_floats_exactly() {
        for typed in [
            "12.5",
            "0.1",
            "-3.75",
            "123456789012.345",
            "0.000000000000001",
        ] {
            let d = Decimal::parse(typed).expect("valid");
            assert_eq!(Decimal::from_f64(d.as_f64()), Ok(d.clone()), "{typed}");
        }
        assert!(Decimal::from_f64(f64::NAN).is_err());
        assert!(Decimal::from_f64(1e300).is_err());
        assert_eq!(Decimal::parse("42").expect("valid").as_i64(), Some(42));
        assert_eq!(Decimal::parse("4.2").expect("valid").as_i64(), None);
    }

    #[test]
    fn names_follow_the_rules_and_avoid_built_in_fields() {
        for good in ["asset_tag", "os", "room-2", "a"] {
            assert_eq!(check_field_name(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "Asset",
            "2fa",
            "_x",
            "a.b",
            "a b",
            "ä",
            &"x".repeat(33),
            "x\u{202e}",
        ] {
            assert!(check_field_name(bad).is_err(), "{bad:?}");
        }
        for reserved in ["title", "type", "status", "group", "fields", "assignee"] {
            let error = check_field_name(reserved).expect_err("reserved");
            assert!(error.contains("built-in"), "{error}");
        }
    }

    #[test]
    fn values_are_checked_by_kind() {
        let number = FieldDef::new(FieldKind::Number, vec![], None).expect("valid");
        assert_eq!(
            number.value("cost", &text("0012.50")),
            Ok(FieldValue::Number(Decimal("12.5".into())))
        );
        assert_eq!(
            number.value("cost", &text("twelve")),
            Err("field `cost`: `twelve` is not a number like 12 or -3.75".into())
        );
        let date = FieldDef::new(FieldKind::Date, vec![], None).expect("valid");
        assert_eq!(
            date.value("due", &text("2026-12-24")),
            Ok(text("2026-12-24"))
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "24.12.2026",
            "2026-1-1",
            "+2026-01-01",
        ] {
            assert!(date.value("due", &text(bad)).is_err(), "{bad}");
        }
        let choice = FieldDef::new(
            FieldKind::Choice,
            vec![
                "Windows".into(),
                " macOS ".into(),
                "windows".into(),
                "".into(),
            ],
            None,
        )
        .expect("valid");
        assert_eq!(choice.choices, vec!["Windows", "macOS"]);
        assert_eq!(choice.value("os", &text("MACOS")), Ok(text("macOS")));
        assert_eq!(
            choice.value("os", &text("linux")),
            Err("field `os`: `linux` is not one of Windows, macOS".into())
        );
        let free = FieldDef::new(FieldKind::Text, vec![], None).expect("valid");
        assert_eq!(free.value("room", &text(" B-204 ")), Ok(text("B-204")));
        assert_eq!(
            free.value("room", &text("two\nlines\tok")),
            Ok(text("two\nlines\tok"))
        );
        assert!(free.value("room", &text("bell\x07")).is_err());
        assert!(free.value("room", &text(&"x".repeat(1001))).is_err());
        assert_eq!(
            free.value("room", &FieldValue::Number(Decimal("3".into()))),
            Ok(text("3"))
        );
        for def in [&number, &date, &choice, &free] {
            assert_eq!(def.value("x", &text("  ")), Ok(text("")), "empty clears");
        }
    }

    #[test]
    fn definitions_are_checked() {
        assert!(FieldDef::new(FieldKind::Choice, vec![], None).is_err());
        assert!(FieldDef::new(FieldKind::Text, vec!["a".into()], None).is_err());
        assert!(FieldDef::new(FieldKind::Choice, vec!["a,b".into()], None).is_err());
        assert!(FieldDef::new(FieldKind::Text, vec![], Some("a\nb".into())).is_err());
        let def = FieldDef::new(FieldKind::Text, vec![], Some("  ".into())).expect("valid");
        assert_eq!(def.description, None);
    }
}
