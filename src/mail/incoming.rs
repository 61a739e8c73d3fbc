//! One incoming message, parsed with `mail-parser` (MIME, charsets,
//! RFC 2047 encoded words, RFC 2231 names) into what tk needs: who sent
//! it, its subject as a title, its text with quoted history trimmed, its
//! attachments, its thread references, and whether it must be ignored.
//!
//! Everything from the message is hostile: text is cleaned of NUL and
//! control characters, attachment names are reduced to one safe path
//! component, and a parser panic is caught and reported as a refusal.

use super::quote;
use crate::model::{check_attachment_name, Timestamp};
use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders, PartType};

/// The longest title kept from a subject, in characters.
const TITLE_LIMIT: usize = 200;

/// A message tk takes in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incoming {
    /// `Message-ID` without angle brackets; a stable hash of the message
    /// when it has none.
    pub message_id: String,
    /// Its `Date`, when valid.
    pub date: Option<Timestamp>,
    /// The sender's display name.
    pub from_name: Option<String>,
    /// The sender's address, lower-case.
    pub from_email: String,
    /// The decoded subject, on one line.
    pub subject: String,
    /// The subject without `Re:`/`Fwd:` prefixes and `[...]` tags.
    pub title: String,
    /// Message-IDs this message answers, nearest first (`In-Reply-To`,
    /// then `References` from the end).
    pub references: Vec<String>,
    /// The text, HTML-only mail turned into plain text.
    pub text: String,
    /// The text without quoted history and signature.
    pub reply: String,
    /// Attachments and inline images, in message order.
    pub parts: Vec<Part>,
    /// Why the message must be ignored, if it must.
    pub skip: Option<Skip>,
    /// Whether it is a delivery status report (a bounce).
    pub bounce: bool,
}

/// An attachment of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// A safe attachment name.
    pub name: String,
    /// The decoded bytes.
    pub bytes: Vec<u8>,
}

/// Why a message is ignored without a bounce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// An automatic reply: out of office, vacation, a list, bulk mail.
    AutoReply(String),
}

/// Why a message is refused for good (exit 65 to the MTA).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Larger than `mail.max_size`.
    #[error("the message has {size} bytes, over the limit of {limit} (mail.max_size)")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not a message at all.
    #[error("the input is not a mail message")]
    Unparsable,
    /// No usable `From` address.
    #[error("the message has no sender address in From")]
    NoSender,
}

/// Parses a raw message of at most `max_size` bytes.
pub fn parse(raw: &[u8], max_size: u64) -> Result<Incoming, Refused> {
    let size = raw.len() as u64;
    if size > max_size {
        return Err(Refused::TooLarge {
            size,
            limit: max_size,
        });
    }
    // mail-parser is built to take any input; a panic in it on some
    // hostile message must still end in a refusal, not an abort.
    std::panic::catch_unwind(|| parse_checked(raw)).unwrap_or(Err(Refused::Unparsable))
}

fn parse_checked(raw: &[u8]) -> Result<Incoming, Refused> {
    let message = MessageParser::default()
        .parse(raw)
        .ok_or(Refused::Unparsable)?;
    if message.headers().is_empty() {
        return Err(Refused::Unparsable);
    }
    let (from_name, from_email) = sender(message.from()).ok_or(Refused::NoSender)?;
    let subject = one_line(message.subject().unwrap_or_default());
    let title = title_of(&subject);
    let mut references: Vec<String> = ids(message.in_reply_to());
    let mut older = ids(message.references());
    older.reverse();
    for id in older {
        if !references.contains(&id) {
            references.push(id);
        }
    }
    let text = clean_text(&body_text(&message));
    let reply = quote::trim(&text);
    let date = message
        .date()
        .map(|d| d.to_timestamp())
        .filter(|s| (0..253_402_300_800).contains(s))
        .map(Timestamp::from_unix);
    let message_id = match message
        .message_id()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(id) => clean_id(id),
        None => hashed_id(&from_email, &subject, &text, message.header_raw("Date")),
    };
    let bounce = is_bounce(&message, &from_email);
    let skip = if bounce { None } else { auto_reply(&message) };
    let parts = attachments(&message);
    Ok(Incoming {
        message_id,
        date,
        from_name,
        from_email,
        subject,
        title,
        references,
        text,
        reply,
        parts,
        skip,
        bounce,
    })
}

/// Returns the first address of `From` as (name, lower-case address).
fn sender(from: Option<&Address<'_>>) -> Option<(Option<String>, String)> {
    let addr = from?.first()?;
    let email = addr.address()?.trim().to_lowercase();
    let valid = email
        .split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty())
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c));
    if !valid {
        return None;
    }
    let name = addr
        .name()
        .map(|n| one_line(n).replace(['<', '>'], ""))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case(&email));
    Some((name, email))
}

/// Returns the Message-IDs in a header, without brackets.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let list: Vec<&str> = match value {
        HeaderValue::Text(t) => vec![t.as_ref()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.as_ref()).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .map(clean_id)
        .filter(|id| !id.is_empty())
        .take(100)
        .collect()
}

/// Returns a Message-ID without brackets, whitespace or control
/// characters, at most 250 characters.
fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>'))
        .take(250)
        .collect()
}

/// Returns a stable id for a message without `Message-ID`: a hash of what
/// every copy of it holds (not the headers relays add).
fn hashed_id(from: &str, subject: &str, text: &str, date: Option<&str>) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for byte in [
        from,
        "\0",
        subject,
        "\0",
        date.unwrap_or_default().trim(),
        "\0",
        text,
    ]
    .iter()
    .flat_map(|s| s.bytes())
    {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        b = (b ^ u64::from(byte))
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(5);
    }
    format!("hash.{a:016x}{b:016x}@tk.invalid")
}

/// Returns the message's text: its first text body, or its first HTML
/// body as plain text (mail-parser's converter drops every tag).
fn body_text(message: &mail_parser::Message<'_>) -> String {
    if let Some(text) = message.body_text(0) {
        return text.into_owned();
    }
    message
        .body_html(0)
        .map(|html| mail_parser::decoders::html::html_to_text(&html))
        .unwrap_or_default()
}

/// Returns `text` with line ends as `\n`, without NUL or other control
/// characters but tab and newline, and without trailing blank lines.
pub fn clean_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = text
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect();
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Returns text on one line: control characters become spaces and runs of
/// whitespace one space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Returns a subject without reply and forward prefixes (`Re:`, `AW:`,
/// `Fwd:`, `WG:`, `TR:`, `SV:`, `RE[2]:`) and bracketed tags, anywhere
/// before the first word of the title.
pub fn title_of(subject: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let before = rest;
        if let Some(tag) = rest.strip_prefix('[') {
            if let Some(end) = tag.find(']') {
                rest = tag[end + 1..].trim_start();
            }
        }
        if let Some((word, after)) = rest.split_once(':') {
            let word = word.trim();
            let base = word.split(['[', '(']).next().unwrap_or(word);
            let prefix = [
                "re", "aw", "fw", "fwd", "wg", "tr", "sv", "vs", "antw", "rif",
            ]
            .iter()
            .any(|p| base.eq_ignore_ascii_case(p));
            if prefix && word.len() <= 10 {
                rest = after.trim_start();
            }
        }
        if rest == before {
            break;
        }
    }
    let title: String = rest.chars().take(TITLE_LIMIT).collect();
    if title.trim().is_empty() {
        "(no subject)".to_string()
    } else {
        title.trim().to_string()
    }
}

/// Returns why a message is an automatic one, if it is: RFC 3834
/// `Auto-Submitted`, the `X-Autoreply` family, `Precedence` bulk, junk or
/// list.
fn auto_reply(message: &mail_parser::Message<'_>) -> Option<Skip> {
    let raw = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_ascii_lowercase())
    };
    if let Some(value) = raw("Auto-Submitted") {
        let kind = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        if kind != "no" {
            return Some(Skip::AutoReply(format!("Auto-Submitted: {kind}")));
        }
    }
    for header in ["X-Autoreply", "X-Autorespond", "X-Auto-Reply"] {
        if raw(header).is_some() {
            return Some(Skip::AutoReply(header.to_string()));
        }
    }
    if let Some(value) = raw("Precedence") {
        if ["bulk", "junk", "list", "auto_reply"].contains(&value.as_str()) {
            return Some(Skip::AutoReply(format!("Precedence: {value}")));
        }
    }
    None
}

/// Returns whether the message is a delivery status report.
fn is_bounce(message: &mail_parser::Message<'_>, from: &str) -> bool {
    let report = message.root_part().content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct
                .attribute("report-type")
                .is_some_and(|r| r.eq_ignore_ascii_case("delivery-status"))
    });
    let local = from.split('@').next().unwrap_or_default();
    report || local == "mailer-daemon" || local == "postmaster"
}

/// Returns the attachments and inline images with safe names.
fn attachments(message: &mail_parser::Message<'_>) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for (index, part) in message.attachments().enumerate() {
        let bytes = match &part.body {
            PartType::Multipart(_) => continue,
            _ => part.contents().to_vec(),
        };
        let fallback = || {
            let ext = part
                .content_type()
                .and_then(|ct| ct.subtype())
                .map(|s| s.to_ascii_lowercase())
                .filter(|s| s.len() <= 10 && s.bytes().all(|b| b.is_ascii_alphanumeric()))
                .map(|s| if s == "rfc822" { "eml".to_string() } else { s })
                .unwrap_or_else(|| "bin".to_string());
            format!("attachment-{}.{ext}", index + 1)
        };
        let mut name = part
            .attachment_name()
            .map(safe_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(fallback);
        // Two parts of one name would replace each other on the ticket.
        if parts.iter().any(|p| p.name == name) {
            name = format!("{}-{name}", index + 1);
        }
        parts.push(Part { name, bytes });
    }
    parts
}

/// Returns an attachment name reduced to one safe path component: the
/// last part of any path, without control, bidi or zero-width characters,
/// no leading dots, at most 100 characters. Empty when nothing is left.
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .map(|c| {
            if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    let short: String = trimmed.chars().take(100).collect();
    if check_attachment_name(&short).is_ok() {
        short
    } else {
        String::new()
    }
}

/// Returns whether `c` reorders or hides text: bidi controls and
/// zero-width characters, which could make `exe.pdf` read as `fdp.exe`.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_prefixes_and_tags() {
        assert_eq!(title_of("Re: [tk:abc1234] VPN drops"), "VPN drops");
        assert_eq!(title_of("AW: WG: Drucker"), "Drucker");
        assert_eq!(title_of("RE[2]: Fwd: [EXT] Printer"), "Printer");
        assert_eq!(title_of("Re:"), "(no subject)");
        assert_eq!(title_of("Ratio: 3:1 split"), "Ratio: 3:1 split");
    }

    #[test]
    fn names_are_one_safe_component() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\Users\\x\\report.pdf"), "report.pdf");
        assert_eq!(safe_name("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
        assert_eq!(safe_name(".bashrc"), "bashrc");
        assert_eq!(safe_name(".."), "");
        assert_eq!(safe_name("a\0b\nc.txt"), "abc.txt");
    }

    #[test]
    fn a_minimal_message_parses() {
        let raw =
            b"From: Ann <Ann@Corp.Example>\r\nSubject: Hello\r\nMessage-ID: <m1@x>\r\n\r\nBody\r\n";
        let mail = parse(raw, 1000).unwrap();
        assert_eq!(mail.from_email, "ann@corp.example");
        assert_eq!(mail.from_name.as_deref(), Some("Ann"));
        assert_eq!(mail.message_id, "m1@x");
        assert_eq!(mail.text, "Body");
        assert_eq!(
            parse(raw, 10),
            Err(Refused::TooLarge {
                size: raw.len() as u64,
                limit: 10
            })
        );
        assert_eq!(parse(b"", 10), Err(Refused::Unparsable));
        assert_eq!(
            parse(b"Subject: x\r\n\r\nno sender", 100),
            Err(Refused::NoSender)
        );
    }

    #[test]
    fn messages_without_message_id_get_a_stable_one() {
        let raw = b"From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n";
        let relayed = b"Received: from relay\r\nFrom: a@b.example\r\nSubject: x\r\n\r\nbody\r\n";
        let a = parse(raw, 1000).unwrap().message_id;
        assert_eq!(a, parse(relayed, 1000).unwrap().message_id);
        assert!(a.starts_with("hash."));
    }
}
