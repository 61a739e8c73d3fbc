//! A fast reader of the canonical ticket file: the TOML that [`encode`]
//! writes, read straight into the same [`FileRecord`] the `toml` crate
//! gives, in one pass and without a token list or a document tree.
//!
//! It reads a strict subset of TOML and nothing else: bare keys written
//! `key = value` one to a line, the value a string (any of the four
//! kinds), a decimal integer, a plain float, a boolean or a one-line array
//! of strings; the table headers of a ticket file (`[requester]`,
//! `[[events]]`, `[events.fields]`, ...); empty lines between them. On
//! anything else (a comment, other whitespace, a dotted or quoted key, an
//! unknown key, a key given twice, a missing one, a value of the wrong
//! type) it *declines*, returning `None`, and [`super::decode`] reads the
//! file with the `toml` crate as before: that reader stays the source of
//! truth, for files edited by hand and for every error message. What this
//! reader accepts, it reads exactly as the `toml` crate does (the codec's
//! agreement tests and the fuzzer check both).
//!
//! [`encode`]: super::encode

use super::event_record::EventRecord;
use super::file_record::{
    AttachmentRecord, FileRecord, LinkRecord, RatingRecord, RequesterRecord, ResolutionRecord,
};
use std::collections::BTreeMap;

/// One value on the right of `key = `.
#[derive(Debug)]
pub(super) enum Value {
    /// Any of the four kinds of string, decoded.
    Str(String),
    /// A decimal integer.
    Int(i64),
    /// A float written with digits on both sides of the point.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A one-line array of strings.
    Strings(Vec<String>),
}

/// A record key's type, as the reader fills it from a [`Value`].
pub(super) trait FromValue: Sized {
    /// Returns the value as this type, or `None` when the `toml` crate
    /// would refuse it (a string for a number, a number out of range).
    fn from_value(value: Value) -> Option<Self>;
}

impl FromValue for String {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Str(text) => Some(text),
            _ => None,
        }
    }
}

impl FromValue for Vec<String> {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Strings(list) => Some(list),
            _ => None,
        }
    }
}

impl FromValue for bool {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl FromValue for u8 {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Int(i) => u8::try_from(i).ok(),
            _ => None,
        }
    }
}

impl FromValue for u32 {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Int(i) => u32::try_from(i).ok(),
            _ => None,
        }
    }
}

impl FromValue for u64 {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Int(i) => u64::try_from(i).ok(),
            _ => None,
        }
    }
}

/// A table is never a plain value here: `fields = ...` on a line declines,
/// and `[events.fields]` fills the table instead.
impl FromValue for BTreeMap<String, toml::Value> {
    fn from_value(_: Value) -> Option<Self> {
        None
    }
}

/// Sets `slot` from `value` once: `None` when the key was already given
/// (the `toml` crate refuses a duplicate key) or the value does not fit.
pub(super) fn set_once<T: FromValue>(slot: &mut Option<T>, value: Value) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(T::from_value(value)?);
    Some(())
}

/// The top of the file, before `FileRecord`'s required keys are known to
/// be there.
#[derive(Default)]
struct Top {
    schema: Option<u32>,
    id: Option<String>,
    title: Option<String>,
    ticket_type: Option<String>,
    status: Option<String>,
    priority: Option<String>,
    impact: Option<String>,
    urgency: Option<String>,
    response_target: Option<String>,
    resolution_target: Option<String>,
    category: Option<String>,
    group: Option<String>,
    tags: Option<Vec<String>>,
    assignee: Option<String>,
    watchers: Option<Vec<String>>,
    created: Option<String>,
    updated: Option<String>,
    first_response: Option<String>,
    resolved: Option<String>,
    closed: Option<String>,
    close_reason: Option<String>,
    description: Option<String>,
}

impl Top {
    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "schema" => set_once(&mut self.schema, value),
            "id" => set_once(&mut self.id, value),
            "title" => set_once(&mut self.title, value),
            "type" => set_once(&mut self.ticket_type, value),
            "status" => set_once(&mut self.status, value),
            "priority" => set_once(&mut self.priority, value),
            "impact" => set_once(&mut self.impact, value),
            "urgency" => set_once(&mut self.urgency, value),
            "response_target" => set_once(&mut self.response_target, value),
            "resolution_target" => set_once(&mut self.resolution_target, value),
            "category" => set_once(&mut self.category, value),
            "group" => set_once(&mut self.group, value),
            "tags" => set_once(&mut self.tags, value),
            "assignee" => set_once(&mut self.assignee, value),
            "watchers" => set_once(&mut self.watchers, value),
            "created" => set_once(&mut self.created, value),
            "updated" => set_once(&mut self.updated, value),
            "first_response" => set_once(&mut self.first_response, value),
            "resolved" => set_once(&mut self.resolved, value),
            "closed" => set_once(&mut self.closed, value),
            "close_reason" => set_once(&mut self.close_reason, value),
            "description" => set_once(&mut self.description, value),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Requester {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    location: Option<String>,
    department: Option<String>,
}

#[derive(Default)]
struct Resolution {
    summary: Option<String>,
    by: Option<String>,
    at: Option<String>,
}

#[derive(Default)]
struct Rating {
    score: Option<u8>,
    comment: Option<String>,
    by: Option<String>,
    at: Option<String>,
    on_behalf: Option<bool>,
}

#[derive(Default)]
struct Link {
    relation: Option<String>,
    target: Option<String>,
}

#[derive(Default)]
struct Attachment {
    name: Option<String>,
    size: Option<u64>,
    by: Option<String>,
    at: Option<String>,
}

/// The table the lines being read belong to.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Top,
    Requester,
    Resolution,
    Rating,
    Fields,
    Link,
    Attachment,
    Event,
    EventFields,
}

/// Everything read so far.
#[derive(Default)]
struct Parts {
    top: Top,
    requester: Option<Requester>,
    resolution: Option<Resolution>,
    rating: Option<Rating>,
    fields: Option<BTreeMap<String, toml::Value>>,
    links: Vec<Link>,
    attachments: Vec<Attachment>,
    events: Vec<Event>,
}

/// One `[[events]]` entry: the keys every event has, the others straight
/// in the record, and its `[events.fields]` table.
#[derive(Default)]
struct Event {
    id: Option<String>,
    clock: Option<u64>,
    at: Option<String>,
    by: Option<String>,
    action: Option<String>,
    rest: EventRecord,
    fields: Option<BTreeMap<String, toml::Value>>,
}

impl Event {
    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "id" => set_once(&mut self.id, value),
            "clock" => set_once(&mut self.clock, value),
            "at" => set_once(&mut self.at, value),
            "by" => set_once(&mut self.by, value),
            "action" => set_once(&mut self.action, value),
            _ => self.rest.set_key(key, value),
        }
    }

    fn finish(self) -> Option<EventRecord> {
        let mut record = self.rest;
        record.id = self.id?;
        record.clock = self.clock?;
        record.at = self.at?;
        record.by = self.by?;
        record.action = self.action?;
        record.fields = self.fields;
        Some(record)
    }
}

/// Returns the record of a canonical ticket file, or `None` when the text
/// is not in the subset this reader knows (then the `toml` crate reads it).
pub(super) fn parse(text: &str) -> Option<FileRecord> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    let mut parts = Parts::default();
    let mut table = Table::Top;
    while reader.pos < reader.bytes.len() {
        match reader.bytes[reader.pos] {
            b'\n' => reader.pos += 1,
            b'[' => {
                table = reader.header()?;
                parts.open(table)?;
            }
            _ => {
                let key = reader.key()?;
                reader.expect(b" = ")?;
                let value = reader.value()?;
                reader.end_of_line()?;
                parts.set(table, key, value)?;
            }
        }
    }
    parts.finish()
}

impl Parts {
    /// Starts the table a header names; `None` for a table given twice.
    fn open(&mut self, table: Table) -> Option<()> {
        fn fresh<T: Default>(slot: &mut Option<T>) -> Option<()> {
            if slot.is_some() {
                return None;
            }
            *slot = Some(T::default());
            Some(())
        }
        match table {
            Table::Top => None,
            Table::Requester => fresh(&mut self.requester),
            Table::Resolution => fresh(&mut self.resolution),
            Table::Rating => fresh(&mut self.rating),
            Table::Fields => fresh(&mut self.fields),
            Table::Link => {
                self.links.push(Link::default());
                Some(())
            }
            Table::Attachment => {
                self.attachments.push(Attachment::default());
                Some(())
            }
            Table::Event => {
                self.events.push(Event::default());
                Some(())
            }
            Table::EventFields => fresh(&mut self.events.last_mut()?.fields),
        }
    }

    fn set(&mut self, table: Table, key: &str, value: Value) -> Option<()> {
        match table {
            Table::Top => self.top.set(key, value),
            Table::Requester => {
                let r = self.requester.as_mut()?;
                match key {
                    "name" => set_once(&mut r.name, value),
                    "email" => set_once(&mut r.email, value),
                    "phone" => set_once(&mut r.phone, value),
                    "location" => set_once(&mut r.location, value),
                    "department" => set_once(&mut r.department, value),
                    _ => None,
                }
            }
            Table::Resolution => {
                let r = self.resolution.as_mut()?;
                match key {
                    "summary" => set_once(&mut r.summary, value),
                    "by" => set_once(&mut r.by, value),
                    "at" => set_once(&mut r.at, value),
                    _ => None,
                }
            }
            Table::Rating => {
                let r = self.rating.as_mut()?;
                match key {
                    "score" => set_once(&mut r.score, value),
                    "comment" => set_once(&mut r.comment, value),
                    "by" => set_once(&mut r.by, value),
                    "at" => set_once(&mut r.at, value),
                    "on_behalf" => set_once(&mut r.on_behalf, value),
                    _ => None,
                }
            }
            Table::Fields => field(self.fields.as_mut()?, key, value),
            Table::Link => {
                let l = self.links.last_mut()?;
                match key {
                    "relation" => set_once(&mut l.relation, value),
                    "target" => set_once(&mut l.target, value),
                    _ => None,
                }
            }
            Table::Attachment => {
                let a = self.attachments.last_mut()?;
                match key {
                    "name" => set_once(&mut a.name, value),
                    "size" => set_once(&mut a.size, value),
                    "by" => set_once(&mut a.by, value),
                    "at" => set_once(&mut a.at, value),
                    _ => None,
                }
            }
            Table::Event => self.events.last_mut()?.set(key, value),
            Table::EventFields => field(self.events.last_mut()?.fields.as_mut()?, key, value),
        }
    }

    /// Returns the record, or `None` when a key the record needs is missing
    /// (the `toml` crate then names it).
    fn finish(self) -> Option<FileRecord> {
        let t = self.top;
        let events = self
            .events
            .into_iter()
            .map(Event::finish)
            .collect::<Option<_>>()?;
        Some(FileRecord {
            schema: t.schema?,
            id: t.id?,
            title: t.title?,
            ticket_type: t.ticket_type?,
            status: t.status?,
            priority: t.priority?,
            impact: t.impact?,
            urgency: t.urgency?,
            response_target: t.response_target,
            resolution_target: t.resolution_target,
            category: t.category,
            group: t.group,
            tags: t.tags.unwrap_or_default(),
            assignee: t.assignee,
            watchers: t.watchers.unwrap_or_default(),
            created: t.created?,
            updated: t.updated?,
            first_response: t.first_response,
            resolved: t.resolved,
            closed: t.closed,
            close_reason: t.close_reason,
            description: t.description,
            requester: self.requester.map(|r| RequesterRecord {
                name: r.name.unwrap_or_default(),
                email: r.email.unwrap_or_default(),
                phone: r.phone,
                location: r.location,
                department: r.department,
            }),
            resolution: match self.resolution {
                Some(r) => Some(ResolutionRecord {
                    summary: r.summary?,
                    by: r.by?,
                    at: r.at?,
                }),
                None => None,
            },
            rating: match self.rating {
                Some(r) => Some(RatingRecord {
                    score: r.score?,
                    comment: r.comment,
                    by: r.by?,
                    at: r.at?,
                    on_behalf: r.on_behalf.unwrap_or(false),
                }),
                None => None,
            },
            fields: self.fields.unwrap_or_default(),
            links: self
                .links
                .into_iter()
                .map(|l| {
                    Some(LinkRecord {
                        relation: l.relation?,
                        target: l.target?,
                    })
                })
                .collect::<Option<_>>()?,
            attachments: self
                .attachments
                .into_iter()
                .map(|a| {
                    Some(AttachmentRecord {
                        name: a.name?,
                        size: a.size?,
                        by: a.by?,
                        at: a.at?,
                    })
                })
                .collect::<Option<_>>()?,
            events,
        })
    }
}

/// Adds one custom field to a `fields` table: text or a number, as the
/// `toml` crate would hold it; anything else declines.
fn field(table: &mut BTreeMap<String, toml::Value>, key: &str, value: Value) -> Option<()> {
    let value = match value {
        Value::Str(text) => toml::Value::String(text),
        Value::Int(i) => toml::Value::Integer(i),
        Value::Float(f) => toml::Value::Float(f),
        Value::Bool(_) | Value::Strings(_) => return None,
    };
    match table.entry(key.to_string()) {
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(value);
            Some(())
        }
        std::collections::btree_map::Entry::Occupied(_) => None,
    }
}

/// A cursor over the file's bytes. Every position it stops at is just
/// after an ASCII byte, so slicing `text` there is always on a character
/// boundary.
struct Reader<'t> {
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn rest(&self) -> &'t [u8] {
        &self.bytes[self.pos..]
    }

    fn expect(&mut self, what: &[u8]) -> Option<()> {
        if self.rest().starts_with(what) {
            self.pos += what.len();
            Some(())
        } else {
            None
        }
    }

    /// Accepts the end of a line: a newline, or the end of the file.
    fn end_of_line(&mut self) -> Option<()> {
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(_) => None,
        }
    }

    /// Reads one of the table headers of a ticket file and its newline.
    fn header(&mut self) -> Option<Table> {
        const HEADERS: [(&[u8], Table); 8] = [
            (b"[[events]]", Table::Event),
            (b"[events.fields]", Table::EventFields),
            (b"[requester]", Table::Requester),
            (b"[resolution]", Table::Resolution),
            (b"[rating]", Table::Rating),
            (b"[fields]", Table::Fields),
            (b"[[links]]", Table::Link),
            (b"[[attachments]]", Table::Attachment),
        ];
        for (header, table) in HEADERS {
            if self.rest().starts_with(header) {
                self.pos += header.len();
                self.end_of_line()?;
                return Some(table);
            }
        }
        None
    }

    /// Reads a bare key: `A-Z a-z 0-9 _ -`, at least one.
    fn key(&mut self) -> Option<&'t str> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
                self.pos += 1;
            } else {
                break;
            }
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' | b'\'' => self.string().map(Value::Str),
            b'[' => self.strings().map(Value::Strings),
            b't' => self.expect(b"true").map(|()| Value::Bool(true)),
            b'f' => self.expect(b"false").map(|()| Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// Reads `[]` or `["a", "b"]`: strings separated by `, `, on one line.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.expect(b"[")?;
        let mut list = Vec::new();
        if self.expect(b"]").is_some() {
            return Some(list);
        }
        loop {
            if !matches!(self.peek(), Some(b'"' | b'\'')) {
                return None;
            }
            list.push(self.string()?);
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(list);
                }
                b',' => self.expect(b", ")?,
                _ => return None,
            }
        }
    }

    /// Reads a decimal integer (`0`, or no leading zero) or a float with
    /// digits on both sides of its point and no exponent, the only forms
    /// the encoder writes.
    fn number(&mut self) -> Option<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = self.digits()?;
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
            // TOML's float grammar is Rust's here (digits, a point,
            // digits), and both round to the nearest double.
            return self.text[start..self.pos].parse().ok().map(Value::Float);
        }
        self.text[start..self.pos].parse().ok().map(Value::Int)
    }

    fn digits(&mut self) -> Option<&'t str> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// Reads a string of any of TOML's four kinds.
    fn string(&mut self) -> Option<String> {
        if self.expect(b"\"\"\"").is_some() {
            self.multiline(b'"')
        } else if self.expect(b"'''").is_some() {
            self.multiline(b'\'')
        } else if self.expect(b"\"").is_some() {
            self.basic()
        } else {
            self.expect(b"'")?;
            self.literal()
        }
    }

    /// Reads the rest of a `"basic"` string.
    fn basic(&mut self) -> Option<String> {
        let mut out = String::new();
        loop {
            let start = self.pos;
            while self.peek().is_some_and(|b| plain_basic(b) && b != b'\n') {
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => out.push(self.escape()?),
                _ => return None,
            }
        }
    }

    /// Reads the rest of a `'literal'` string.
    fn literal(&mut self) -> Option<String> {
        let start = self.pos;
        while self.peek().is_some_and(|b| plain_literal(b) && b != b'\n') {
            self.pos += 1;
        }
        let text = &self.text[start..self.pos];
        self.expect(b"'")?;
        Some(text.to_string())
    }

    /// Reads the rest of a multi-line string opened by three `quote`s:
    /// a newline right after the opening is dropped; the first run of three
    /// or more quotes closes it, up to two of them belonging to the text.
    fn multiline(&mut self, quote: u8) -> Option<String> {
        let basic = quote == b'"';
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
        let mut out = String::new();
        loop {
            let start = self.pos;
            let plain = if basic { plain_basic } else { plain_literal };
            while self.peek().is_some_and(|b| b != quote && plain(b)) {
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek()? {
                b if b == quote => {
                    let run = self.rest().iter().take_while(|&&b| b == quote).count();
                    self.pos += run;
                    if run < 3 {
                        out.push_str(&self.text[self.pos - run..self.pos]);
                        continue;
                    }
                    if run > 5 {
                        return None;
                    }
                    out.push_str(&self.text[self.pos - run..self.pos - 3]);
                    return Some(out);
                }
                b'\\' if basic => out.push(self.escape()?),
                _ => return None,
            }
        }
    }

    /// Reads one escape of a basic string: `\b \t \n \f \r \" \\`, `\uXXXX`
    /// or `\UXXXXXXXX` naming a Unicode scalar value. Any other (a line
    /// ending backslash, TOML 1.1's `\e` and `\x`) declines.
    fn escape(&mut self) -> Option<char> {
        self.expect(b"\\")?;
        let c = self.peek()?;
        self.pos += 1;
        let hex = |reader: &mut Self, n: usize| -> Option<char> {
            let digits = reader.rest().get(..n)?;
            if !digits.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let text = std::str::from_utf8(digits).ok()?;
            reader.pos += n;
            char::from_u32(u32::from_str_radix(text, 16).ok()?)
        };
        match c {
            b'b' => Some('\u{8}'),
            b't' => Some('\t'),
            b'n' => Some('\n'),
            b'f' => Some('\u{c}'),
            b'r' => Some('\r'),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'u' => hex(self, 4),
            b'U' => hex(self, 8),
            _ => None,
        }
    }
}

/// Whether a byte stands for itself in a basic string: a tab, printable
/// ASCII but `"` and `\`, or part of a non-ASCII character. In a multi-line
/// basic string a newline does too (handled by the caller for `"`).
fn plain_basic(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x20..=0x7e | 0x80..) && b != b'"' && b != b'\\'
}

/// Whether a byte stands for itself in a literal string: a tab, printable
/// ASCII but `'`, or part of a non-ASCII character (and a newline, which
/// single-line strings refuse themselves).
fn plain_literal(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x20..=0x7e | 0x80..) && b != b'\''
}
