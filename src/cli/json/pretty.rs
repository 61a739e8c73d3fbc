//! A writer of [`TicketView`] as pretty JSON, byte for byte what
//! `serde_json::to_writer_pretty` writes for it, for `tk list --json`.
//!
//! serde_json's generic path (a formatter call per key, its indentation
//! worked out per value) was a quarter of `tk list --json` at 100,000
//! tickets; the row's layout is fixed (an element of the top-level array),
//! so here the text between two values (comma, line break, indentation and
//! key) is one literal joined at compile time, and strings are escaped a
//! run of plain bytes at a time. A unit test compares the two writers on
//! rows that use every field; [`TicketView`]'s `Serialize` stays the one
//! `tk show` uses.

use super::{ClockView, SlaView, TicketView, Time};
use crate::model::Timestamp;

/// Appends `text` as a JSON string, escaped as serde_json escapes it:
/// `"`, `\` and the control characters below U+0020, nothing else.
/// Plain text is skipped eight bytes at a time: most of a list's JSON is
/// titles, names and descriptions with nothing to escape.
fn string(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(word) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(word.try_into().expect("a slice of eight bytes"));
            if !needs_escape(word) {
                at += 8;
                continue;
            }
        }
        if let Some(escape) = escape(bytes[at]) {
            out.extend_from_slice(&bytes[run..at]);
            out.extend_from_slice(escape.as_slice());
            run = at + 1;
        }
        at += 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Whether any of the eight bytes of `word` is `"`, `\` or below U+0020:
/// the classic bit tricks for "has a zero byte" and "has a byte below n",
/// exact for whether any byte matches.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    below_space
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

/// The escape of one byte: at most six bytes.
struct Escape {
    bytes: [u8; 6],
    len: usize,
}

impl Escape {
    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// Returns how serde_json escapes `byte`, or `None` when it goes as it is.
fn escape(byte: u8) -> Option<Escape> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| Escape {
        bytes: [b'\\', c, 0, 0, 0, 0],
        len: 2,
    };
    Some(match byte {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        0x08 => short(b'b'),
        b'\t' => short(b't'),
        b'\n' => short(b'n'),
        0x0c => short(b'f'),
        b'\r' => short(b'r'),
        0x00..=0x1f => Escape {
            bytes: [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ],
            len: 6,
        },
        _ => return None,
    })
}

/// Appends a time as a JSON string: the RFC 3339 text of [`Timestamp`]'s
/// `Display` (`2026-11-22T12:00:00Z`), worked out from the seconds
/// without chrono for the years 0 to 9999, through `Display` otherwise.
fn time(out: &mut Vec<u8>, t: Timestamp) {
    let seconds = t.unix();
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    // Days since 1970 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9_999).contains(&year) {
        string(out, &t.to_string());
        return;
    }
    let digits = |out: &mut Vec<u8>, n: i64, width: usize| {
        let mut buf = [b'0'; 4];
        let mut n = n;
        for slot in buf[..width].iter_mut().rev() {
            *slot = b'0' + u8::try_from(n % 10).expect("a digit is below 10");
            n /= 10;
        }
        out.extend_from_slice(&buf[..width]);
    };
    out.push(b'"');
    digits(out, year, 4);
    out.push(b'-');
    digits(out, month, 2);
    out.push(b'-');
    digits(out, day, 2);
    out.push(b'T');
    digits(out, of_day / 3_600, 2);
    out.push(b':');
    digits(out, of_day / 60 % 60, 2);
    out.push(b':');
    digits(out, of_day % 60, 2);
    out.extend_from_slice(b"Z\"");
}

/// The text before the value of key `$name` in an object whose keys are
/// indented by `$indent`: the comma after the value before it, the line
/// break, the indentation and the quoted key, one literal joined at
/// compile time. With `first`, the object's opening brace instead of the
/// comma. The row's layout is fixed, so its punctuation is a few dozen
/// such literals, each one copy of a length the compiler knows.
macro_rules! key {
    ($indent:literal, $name:literal) => {
        concat!(",\n", $indent, "\"", $name, "\": ").as_bytes()
    };
    (first $indent:literal, $name:literal) => {
        concat!("{\n", $indent, "\"", $name, "\": ").as_bytes()
    };
}

// The helpers below are inlined so that each key's literal is copied with
// its length known (a few moves, no call to `memcpy`).

#[inline(always)]
fn str_at(out: &mut Vec<u8>, key: &[u8], value: &str) {
    out.extend_from_slice(key);
    string(out, value);
}

#[inline(always)]
fn opt_str_at(out: &mut Vec<u8>, key: &[u8], value: Option<&str>) {
    out.extend_from_slice(key);
    match value {
        Some(value) => string(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

#[inline(always)]
fn time_at(out: &mut Vec<u8>, key: &[u8], value: Time) {
    out.extend_from_slice(key);
    time(out, value.0);
}

#[inline(always)]
fn opt_time_at(out: &mut Vec<u8>, key: &[u8], value: Option<Time>) {
    out.extend_from_slice(key);
    match value {
        Some(value) => time(out, value.0),
        None => out.extend_from_slice(b"null"),
    }
}

#[inline(always)]
fn bool_at(out: &mut Vec<u8>, key: &[u8], value: bool) {
    out.extend_from_slice(key);
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

#[inline(always)]
fn uint_at(out: &mut Vec<u8>, key: &[u8], value: u64) {
    out.extend_from_slice(key);
    out.extend_from_slice(value.to_string().as_bytes());
}

/// Writes `items` as the array of a row's key (its items at depth 3),
/// each with `item`; `[]` when empty.
fn array<T>(out: &mut Vec<u8>, key: &[u8], items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    out.extend_from_slice(key);
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return;
    }
    for (i, value) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"[\n      " } else { b",\n      " });
        item(out, value);
    }
    out.extend_from_slice(b"\n    ]");
}

/// Writes an SLA clock, the value of a key of the row's `sla` object.
fn clock(out: &mut Vec<u8>, clock: Option<&ClockView>) {
    let Some(clock) = clock else {
        out.extend_from_slice(b"null");
        return;
    };
    time_at(out, key!(first "        ", "due"), clock.due);
    opt_time_at(out, key!("        ", "met"), clock.met);
    bool_at(out, key!("        ", "breached"), clock.breached);
    out.extend_from_slice(b"\n      }");
}

fn sla(out: &mut Vec<u8>, sla: Option<&SlaView>) {
    out.extend_from_slice(key!("    ", "sla"));
    let Some(sla) = sla else {
        out.extend_from_slice(b"null");
        return;
    };
    out.extend_from_slice(key!(first "      ", "response"));
    clock(out, sla.response.as_ref());
    out.extend_from_slice(key!("      ", "resolution"));
    clock(out, sla.resolution.as_ref());
    bool_at(out, key!("      ", "paused"), sla.paused);
    out.extend_from_slice(b"\n    }");
}

impl TicketView<'_> {
    /// Appends the view as pretty JSON, as an element of a top-level
    /// array (its opening brace indented by two spaces, which the caller
    /// writes), exactly as serde_json's pretty writer would.
    pub fn write_pretty(&self, out: &mut Vec<u8>) {
        let strings = |out: &mut Vec<u8>, s: &&str| string(out, s);
        str_at(out, key!(first "    ", "id"), self.id);
        str_at(out, key!("    ", "short_id"), self.short_id);
        str_at(out, key!("    ", "title"), self.title);
        str_at(out, key!("    ", "type"), self.ticket_type);
        str_at(out, key!("    ", "status"), self.status);
        str_at(out, key!("    ", "priority"), self.priority);
        str_at(out, key!("    ", "impact"), self.impact);
        str_at(out, key!("    ", "urgency"), self.urgency);
        let response = self.response_target.as_deref();
        opt_str_at(out, key!("    ", "response_target"), response);
        let resolution = self.resolution_target.as_deref();
        opt_str_at(out, key!("    ", "resolution_target"), resolution);
        sla(out, self.sla.as_ref());
        opt_str_at(out, key!("    ", "category"), self.category);
        opt_str_at(out, key!("    ", "group"), self.group);
        array(out, key!("    ", "tags"), &self.tags, strings);
        out.extend_from_slice(key!("    ", "requester"));
        match &self.requester {
            Some(r) => {
                str_at(out, key!(first "      ", "name"), r.name);
                str_at(out, key!("      ", "email"), r.email);
                opt_str_at(out, key!("      ", "phone"), r.phone);
                opt_str_at(out, key!("      ", "location"), r.location);
                opt_str_at(out, key!("      ", "department"), r.department);
                out.extend_from_slice(b"\n    }");
            }
            None => out.extend_from_slice(b"null"),
        }
        opt_str_at(out, key!("    ", "assignee"), self.assignee);
        time_at(out, key!("    ", "created"), self.created);
        time_at(out, key!("    ", "updated"), self.updated);
        opt_str_at(out, key!("    ", "description"), self.description);
        opt_time_at(out, key!("    ", "first_response"), self.first_response);
        opt_time_at(out, key!("    ", "resolved"), self.resolved);
        opt_time_at(out, key!("    ", "closed"), self.closed);
        opt_str_at(out, key!("    ", "close_reason"), self.close_reason);
        out.extend_from_slice(key!("    ", "resolution"));
        match &self.resolution {
            Some(r) => {
                str_at(out, key!(first "      ", "summary"), r.summary);
                str_at(out, key!("      ", "by"), r.by);
                time_at(out, key!("      ", "at"), r.at);
                out.extend_from_slice(b"\n    }");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(key!("    ", "rating"));
        match &self.rating {
            Some(r) => {
                uint_at(out, key!(first "      ", "score"), u64::from(r.score));
                opt_str_at(out, key!("      ", "comment"), r.comment);
                str_at(out, key!("      ", "by"), r.by);
                time_at(out, key!("      ", "at"), r.at);
                bool_at(out, key!("      ", "on_behalf"), r.on_behalf);
                out.extend_from_slice(b"\n    }");
            }
            None => out.extend_from_slice(b"null"),
        }
        array(out, key!("    ", "links"), &self.links, |out, link| {
            str_at(out, key!(first "        ", "relation"), link.relation);
            str_at(out, key!("        ", "target"), link.target);
            out.extend_from_slice(b"\n      }");
        });
        array(out, key!("    ", "watchers"), &self.watchers, strings);
        array(
            out,
            key!("    ", "attachments"),
            &self.attachments,
            |out, a| {
                str_at(out, key!(first "        ", "name"), a.name);
                uint_at(out, key!("        ", "size"), a.size);
                str_at(out, key!("        ", "by"), a.by);
                time_at(out, key!("        ", "at"), a.at);
                out.extend_from_slice(b"\n      }");
            },
        );
        out.extend_from_slice(key!("    ", "fields"));
        if self.fields.is_empty() {
            out.extend_from_slice(b"{}");
        }
        for (i, (name, value)) in self.fields.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"{\n      " } else { b",\n      " });
            string(out, name);
            out.extend_from_slice(b": ");
            match value {
                serde_json::Value::String(text) => string(out, text),
                // A number (or, should a field ever hold one, any other
                // scalar): serde_json's own text, which has no whitespace.
                other => out.extend_from_slice(other.to_string().as_bytes()),
            }
        }
        if !self.fields.is_empty() {
            out.extend_from_slice(b"\n    }");
        }
        out.extend_from_slice(b"\n  }");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AttachmentInfo, CloseReason, Decimal, FieldValue, Level, Link, LinkRelation, Rating,
        Requester, Resolution, Span, State, Status, TicketId, Timestamp,
    };
    use crate::sla::{Clock, Sla};

    /// A state with nothing optional set.
    fn bare(title: &str, at: Timestamp) -> State {
        let id = TicketId::parse("4f3a9c2k8m1p0q7r").expect("a valid id");
        State {
            title: title.into(),
            ..State::new(id, at, Level::High, Level::Low)
        }
    }

    /// A state with every field of the view set, and text that needs
    /// every kind of escape.
    fn full() -> State {
        let at = Timestamp::from_unix(1_700_000_000);
        let mut state = bare("VPN \"drops\" \\ every\t10 min\u{1}\u{1f}\u{7f} é ✓", at);
        state.status = Status::Resolved;
        state.response_target = Some("4h".parse::<Span>().expect("a valid span"));
        state.resolution_target = Some("2d".parse::<Span>().expect("a valid span"));
        state.category = Some("network\r\n".into());
        state.group = Some("desk".into());
        state.tags = vec!["a".into(), "b\u{8}\u{c}".into()];
        state.requester = Some(Requester {
            name: "Ana".into(),
            email: "ana@example.com".into(),
            phone: Some("+1".into()),
            location: None,
            department: Some("IT".into()),
        });
        state.assignee = Some("bo@example.com".into());
        state.description = Some("line 1\nline 2\n".into());
        state.first_response = Some(at);
        state.resolved = Some(at);
        state.closed = Some(at);
        state.close_reason = Some(CloseReason::Duplicate);
        state.resolution = Some(Resolution {
            summary: "fixed".into(),
            by: "bo@example.com".into(),
            at,
        });
        state.rating = Some(Rating {
            score: 5,
            comment: None,
            by: "ana@example.com".into(),
            at,
            on_behalf: true,
        });
        state.links = vec![
            Link {
                relation: LinkRelation::Blocks,
                target: TicketId::parse("8yyfzcqnnhz6hbes").expect("a valid id"),
            },
            Link {
                relation: LinkRelation::Duplicates,
                target: TicketId::parse("ehtpknmcgm20f508").expect("a valid id"),
            },
        ];
        state.watchers = vec!["carla@example.com".into()];
        state.attachments = vec![AttachmentInfo {
            name: "log \"1\".txt".into(),
            size: 12_345,
            by: "ana@example.com".into(),
            at,
        }];
        for (name, value) in [
            ("cost", "12.50"),
            ("count", "7"),
            ("big", "-3"),
            ("note", "x\"y"),
        ] {
            let value = match Decimal::parse(value) {
                Ok(n) if name != "note" => FieldValue::Number(n),
                _ => FieldValue::Text(value.into()),
            };
            state.fields.insert(name.into(), value);
        }
        state
            .fields
            .insert("we\"ird\n".into(), FieldValue::Text(String::new()));
        state
    }

    fn both(state: &State, sla: &Sla) -> (String, String) {
        let view = TicketView::new(state, 7, sla);
        let expected = serde_json::to_string_pretty(&vec![&view]).expect("a view serializes");
        let mut out = b"[\n  ".to_vec();
        view.write_pretty(&mut out);
        out.extend_from_slice(b"\n]");
        (
            String::from_utf8(out).expect("the writer writes UTF-8"),
            expected,
        )
    }

    #[test]
    fn writes_what_serde_json_writes_for_a_full_row() {
        let at = Timestamp::from_unix(1_700_000_000);
        let sla = Sla {
            response: Some(Clock {
                due: at,
                met: Some(at),
                breached: true,
            }),
            resolution: None,
            paused: true,
        };
        let (got, expected) = both(&full(), &sla);
        assert_eq!(got, expected);
        let (got, expected) = both(&full(), &Sla::default());
        assert_eq!(got, expected);
    }

    #[test]
    fn writes_what_serde_json_writes_for_a_bare_row() {
        let state = bare("", Timestamp::from_unix(0));
        let (got, expected) = both(&state, &Sla::default());
        assert_eq!(got, expected);
    }

    #[test]
    fn escapes_every_byte_as_serde_json_does() {
        let text: String = (0u8..=0x7f)
            .map(char::from)
            .chain("é✓\u{2028}".chars())
            .collect();
        let mut out = Vec::new();
        string(&mut out, &text);
        assert_eq!(
            String::from_utf8(out).expect("the writer writes UTF-8"),
            serde_json::to_string(&text).expect("a string serializes")
        );
    }

    /// The eight-byte skip must not step over a byte to escape wherever
    /// it falls in a word, nor split a multi-byte character.
    #[test]
    fn escapes_at_every_position_as_serde_json_does() {
        for len in 0..24 {
            for at in 0..len {
                for odd in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'é', '\u{7f}', ' '] {
                    let text: String = (0..len).map(|i| if i == at { odd } else { 'a' }).collect();
                    let mut out = Vec::new();
                    string(&mut out, &text);
                    assert_eq!(
                        String::from_utf8(out).expect("the writer writes UTF-8"),
                        serde_json::to_string(&text).expect("a string serializes"),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn writes_times_as_their_display() {
        let mut seconds = vec![
            0,
            -1,
            951_782_400,
            951_868_799,
            1_700_000_000,
            253_402_300_799,
            253_402_300_800,
            -62_167_219_200,
            -62_167_219_201,
            4_102_444_800,
        ];
        // Every day (and an odd second in it) from 1900 to 2100.
        let mut t = -2_208_988_800i64;
        while t < 4_102_444_800 {
            seconds.push(t + 3_723);
            t += 86_400;
        }
        for s in seconds {
            let at = Timestamp::from_unix(s);
            let mut out = Vec::new();
            time(&mut out, at);
            assert_eq!(
                String::from_utf8(out).expect("the writer writes UTF-8"),
                format!("\"{at}\""),
                "{s}"
            );
        }
    }
}
