//! A writer of [`TicketView`] as pretty JSON, byte for byte what
//! `serde_json::to_writer_pretty` writes for it, for `tk list --json`.
//!
//! serde_json's generic path (a formatter call per key, its indentation
//! worked out per value) was a quarter of `tk list --json` at 100,000
//! tickets; the row's layout is fixed, so here each key is one slice with
//! its indentation, and strings are escaped a run of plain bytes at a
//! time. A unit test compares the two writers on rows that use every
//! field; [`TicketView`]'s `Serialize` stays the one `tk show` uses.

use super::{ClockView, SlaView, TicketView};

/// Appends `text` as a JSON string, escaped as serde_json escapes it:
/// `"`, `\` and the control characters below U+0020, nothing else.
fn string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0c => b"\\f",
            b'\r' => b"\\r",
            0x00..=0x1f => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ],
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(escape);
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        out.extend_from_slice(b"  ");
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
    inner.str("due", &clock.due);
    inner.opt_str("met", clock.met.as_deref());
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
        let strings = |out: &mut Vec<u8>, _: usize, s: &String| string(out, s);
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
        o.array("tags", self.tags, strings);
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
        o.str("created", &self.created);
        o.str("updated", &self.updated);
        o.opt_str("description", self.description);
        o.opt_str("first_response", self.first_response.as_deref());
        o.opt_str("resolved", self.resolved.as_deref());
        o.opt_str("closed", self.closed.as_deref());
        o.opt_str("close_reason", self.close_reason);
        match &self.resolution {
            Some(r) => {
                let mut inner = o.object("resolution");
                inner.str("summary", r.summary);
                inner.str("by", r.by);
                inner.str("at", &r.at);
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
                inner.str("at", &r.at);
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
        o.array("watchers", self.watchers, strings);
        o.array("attachments", &self.attachments, |out, depth, a| {
            let mut inner = Object::open(out, depth);
            inner.str("name", a.name);
            inner.uint("size", a.size);
            inner.str("by", a.by);
            inner.str("at", &a.at);
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
        AttachmentInfo, CloseReason, Decimal, FieldValue, Level, Link, LinkRelation, Priority,
        Rating, Requester, Resolution, Span, State, Status, TicketId, TicketType, Timestamp,
    };
    use crate::sla::{Clock, Sla};

    /// A state with nothing optional set.
    fn bare(title: &str, at: Timestamp) -> State {
        State {
            id: TicketId::parse("4f3a9c2k8m1p0q7r").expect("a valid id"),
            title: title.into(),
            ticket_type: TicketType::INCIDENT,
            status: Status::New,
            priority: Priority::Medium,
            impact: Level::High,
            urgency: Level::Low,
            response_target: None,
            resolution_target: None,
            category: None,
            group: None,
            tags: Vec::new(),
            requester: None,
            assignee: None,
            created: at,
            updated: at,
            description: None,
            first_response: None,
            resolved: None,
            closed: None,
            close_reason: None,
            resolution: None,
            rating: None,
            links: Vec::new(),
            watchers: Vec::new(),
            attachments: Vec::new(),
            fields: std::collections::BTreeMap::new(),
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
}
