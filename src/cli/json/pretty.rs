//! A writer of [`TicketView`] as pretty JSON, byte for byte what
//! `serde_json::to_writer_pretty` writes for it, for `tk list --json`.
//!
//! serde_json's generic path (a formatter call per key, its indentation
//! worked out per value) was a quarter of `tk list --json` at 100,000
//! tickets; the row's layout is fixed, so here each key is one slice with
//! its indentation, and strings are escaped a run of plain bytes at a
//! time. A unit test compares the two writers on rows that use every
//! field; [`TicketView`]'s `Serialize` stays the one `tk show` uses.

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

/// Spaces for the indentation of up to 32 levels in one slice.
const INDENT: &[u8; 64] = b"                                                                ";

fn indent(out: &mut Vec<u8>, depth: usize) {
    let mut n = depth * 2;
    while n > 0 {
        let step = n.min(INDENT.len());
        out.extend_from_slice(&INDENT[..step]);
        n -= step;
    }
}

/// An object being written at `depth` (its keys' indentation).
struct Object<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
    first: bool,
}

impl<'a> Object<'a> {
    /// Opens an object whose opening brace is at `depth`.
    fn open(out: &'a mut Vec<u8>, depth: usize) -> Object<'a> {
        out.push(b'{');
        Object {
            out,
            depth: depth + 1,
            first: true,
        }
    }

    /// Writes the separator, indentation and `name` (which needs no
    /// escaping: one of the view's own keys) and returns the buffer for
    /// the value.
    fn key(&mut self, name: &str) -> &mut Vec<u8> {
        self.separator();
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.out
    }

    /// Like [`Object::key`] for a name from the data (a custom field's).
    fn escaped_key(&mut self, name: &str) -> &mut Vec<u8> {
        self.separator();
        string(self.out, name);
        self.out.extend_from_slice(b": ");
        self.out
    }

    fn separator(&mut self) {
        self.out
            .extend_from_slice(if self.first { b"\n" } else { b",\n" });
        self.first = false;
        indent(self.out, self.depth);
    }

    fn str(&mut self, name: &str, value: &str) {
        string(self.key(name), value);
    }

    fn time(&mut self, name: &str, value: Time) {
        time(self.key(name), value.0);
    }

    fn opt_time(&mut self, name: &str, value: Option<Time>) {
        match value {
            Some(value) => self.time(name, value),
            None => self.key(name).extend_from_slice(b"null"),
        }
    }

    fn opt_str(&mut self, name: &str, value: Option<&str>) {
        match value {
            Some(value) => self.str(name, value),
            None => self.key(name).extend_from_slice(b"null"),
        }
    }

    fn bool(&mut self, name: &str, value: bool) {
        let text: &[u8] = if value { b"true" } else { b"false" };
        self.key(name).extend_from_slice(text);
    }

    fn uint(&mut self, name: &str, value: u64) {
        let out = self.key(name);
        out.extend_from_slice(value.to_string().as_bytes());
    }

    /// Opens an object as the value of `name`.
    fn object(&mut self, name: &str) -> Object<'_> {
        let depth = self.depth;
        Object::open(self.key(name), depth)
    }

    /// Writes `items` as an array, each with `item` at its depth.
    fn array<T>(&mut self, name: &str, items: &[T], item: impl Fn(&mut Vec<u8>, usize, &T)) {
        let depth = self.depth;
        let out = self.key(name);
        out.push(b'[');
        if items.is_empty() {
            out.push(b']');
            return;
        }
        for (i, value) in items.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            indent(out, depth + 1);
            item(out, depth + 1, value);
        }
        out.push(b'\n');
        indent(out, depth);
        out.push(b']');
    }

    fn close(self) {
        if self.first {
            self.out.push(b'}');
            return;
        }
        self.out.push(b'\n');
        indent(self.out, self.depth - 1);
        self.out.push(b'}');
    }
}

fn clock(object: &mut Object<'_>, name: &str, clock: Option<&ClockView>) {
    let Some(clock) = clock else {
        object.key(name).extend_from_slice(b"null");
        return;
    };
    let mut inner = object.object(name);
    inner.time("due", clock.due);
    inner.opt_time("met", clock.met);
    inner.bool("breached", clock.breached);
    inner.close();
}

fn sla(object: &mut Object<'_>, sla: Option<&SlaView>) {
    let Some(sla) = sla else {
        object.key("sla").extend_from_slice(b"null");
        return;
    };
    let mut inner = object.object("sla");
    clock(&mut inner, "response", sla.response.as_ref());
    clock(&mut inner, "resolution", sla.resolution.as_ref());
    inner.bool("paused", sla.paused);
    inner.close();
}

impl TicketView<'_> {
    /// Appends the view as pretty JSON whose opening brace is at `depth`
    /// (an element of the top-level array is at depth 1), exactly as
    /// serde_json's pretty writer would.
    pub fn write_pretty(&self, out: &mut Vec<u8>, depth: usize) {
        let strings = |out: &mut Vec<u8>, _: usize, s: &&str| string(out, s);
        let mut o = Object::open(out, depth);
        o.str("id", self.id);
        o.str("short_id", self.short_id);
        o.str("title", self.title);
        o.str("type", self.ticket_type);
        o.str("status", self.status);
        o.str("priority", self.priority);
        o.str("impact", self.impact);
        o.str("urgency", self.urgency);
        o.opt_str("response_target", self.response_target.as_deref());
        o.opt_str("resolution_target", self.resolution_target.as_deref());
        sla(&mut o, self.sla.as_ref());
        o.opt_str("category", self.category);
        o.opt_str("group", self.group);
        o.array("tags", &self.tags, strings);
        match &self.requester {
            Some(r) => {
                let mut inner = o.object("requester");
                inner.str("name", r.name);
                inner.str("email", r.email);
                inner.opt_str("phone", r.phone);
                inner.opt_str("location", r.location);
                inner.opt_str("department", r.department);
                inner.close();
            }
            None => o.key("requester").extend_from_slice(b"null"),
        }
        o.opt_str("assignee", self.assignee);
        o.time("created", self.created);
        o.time("updated", self.updated);
        o.opt_str("description", self.description);
        o.opt_time("first_response", self.first_response);
        o.opt_time("resolved", self.resolved);
        o.opt_time("closed", self.closed);
        o.opt_str("close_reason", self.close_reason);
        match &self.resolution {
            Some(r) => {
                let mut inner = o.object("resolution");
                inner.str("summary", r.summary);
                inner.str("by", r.by);
                inner.time("at", r.at);
                inner.close();
            }
            None => o.key("resolution").extend_from_slice(b"null"),
        }
        match &self.rating {
            Some(r) => {
                let mut inner = o.object("rating");
                inner.uint("score", u64::from(r.score));
                inner.opt_str("comment", r.comment);
                inner.str("by", r.by);
                inner.time("at", r.at);
                inner.bool("on_behalf", r.on_behalf);
                inner.close();
            }
            None => o.key("rating").extend_from_slice(b"null"),
        }
        o.array("links", &self.links, |out, depth, link| {
            let mut inner = Object::open(out, depth);
            inner.str("relation", link.relation);
            inner.str("target", link.target);
            inner.close();
        });
        o.array("watchers", &self.watchers, strings);
        o.array("attachments", &self.attachments, |out, depth, a| {
            let mut inner = Object::open(out, depth);
            inner.str("name", a.name);
            inner.uint("size", a.size);
            inner.str("by", a.by);
            inner.time("at", a.at);
            inner.close();
        });
        let mut fields = o.object("fields");
        for (name, value) in &self.fields {
            let out = fields.escaped_key(name);
            match value {
                serde_json::Value::String(text) => string(out, text),
                // A number (or, should a field ever hold one, any other
                // scalar): serde_json's own text, which has no whitespace.
                other => out.extend_from_slice(other.to_string().as_bytes()),
            }
        }
        fields.close();
        o.close();
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
        view.write_pretty(&mut out, 1);
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
