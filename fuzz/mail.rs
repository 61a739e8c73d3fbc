//! Mail generation: messages of the shapes requesters' mail programs send
//! (plain text, HTML only, multipart with attachments, replies, bounces,
//! automatic replies), in the encodings they use (quoted-printable,
//! base64, RFC 2047 encoded words, RFC 2231 file names, charsets), with
//! hostile text in every header and body. The case generator mutates them
//! further as bytes.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;

/// Returns one raw message.
pub fn message(rng: &mut StdRng) -> Vec<u8> {
    let from = sender(rng);
    let subject = subject(rng);
    let mut headers = format!("From: {from}\r\nTo: help@example.com\r\nSubject: {subject}\r\n");
    if rng.random_bool(0.8) {
        headers.push_str(&format!(
            "Message-ID: <{}>\r\n",
            *[
                "m1@example.com",
                "a b c@example.com",
                "",
                "<<nested>>@x",
                "tk.abc1234.e1@example.com",
                "x\u{1b}]0;t\u{7}@example.com",
            ]
            .choose(rng)
            .expect("not empty")
        ));
    }
    if rng.random_bool(0.7) {
        headers.push_str(
            [
                "Date: Mon, 2 Mar 2026 09:00:00 +0100\r\n",
                "Date: Fri, 31 Dec 9999 23:59:60 -2359\r\n",
                "Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n",
                "Date: yesterday\r\n",
                "Date: Mon, 30 Feb 2026 25:61:00 +9999\r\n",
            ]
            .choose(rng)
            .expect("not empty"),
        );
    }
    if rng.random_bool(0.3) {
        headers.push_str(
            "In-Reply-To: <tk.abc1234.e1@example.com>\r\nReferences: <a@x> <b@x>\r\n\t<c@x>\r\n",
        );
    }
    if rng.random_bool(0.1) {
        headers.push_str(
            [
                "Auto-Submitted: auto-replied\r\n",
                "Precedence: bulk\r\n",
                "X-Autoreply: yes\r\n",
            ]
            .choose(rng)
            .expect("not empty"),
        );
    }
    headers.push_str("MIME-Version: 1.0\r\n");
    let body = match rng.random_range(0..6) {
        0 => format!("Content-Type: text/plain; charset=utf-8\r\n\r\n{}", text(rng)),
        1 => format!(
            "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour,=0D=0Ale VPN ne marche pas=E9=\r\n{}=\r\n",
            text(rng)
        ),
        2 => format!(
            "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>{}</p><script>alert(1)</script><table><tr><td>a<td>b</table>&amp;&#0;&#x1b;&nbsp;</body></html>",
            text(rng)
        ),
        3 => multipart(rng),
        4 => format!(
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nMessage-ID: <tk.abc1234.e1@example.com>\r\nSubject: {subject}\r\n\r\n{}\r\n--b--\r\n",
            text(rng)
        ),
        _ => format!(
            "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64(text(rng).as_bytes())
        ),
    };
    let mut raw = headers.into_bytes();
    raw.extend_from_slice(body.as_bytes());
    raw
}

/// Returns a `From` value: plain, named, encoded, or broken.
fn sender(rng: &mut StdRng) -> String {
    [
        "ana@example.com",
        "Ana Lima <ana@example.com>",
        "\"Lima, Ana\" <Ana@Example.COM>",
        "=?utf-8?B?QW5hIOKAriBMaW1h?= <ana@example.com>",
        "=?iso-8859-1?Q?Andr=E9?= <andre@example.com>",
        "MAILER-DAEMON@example.com",
        "<>",
        "no address",
        "a@b, c@d",
        "\"\u{1b}[31m\" <x@example.com>",
        "x@example.com\u{0}y",
    ]
    .choose(rng)
    .expect("not empty")
    .to_string()
}

/// Returns a `Subject` value, sometimes encoded, folded or over the limit.
fn subject(rng: &mut StdRng) -> String {
    match rng.random_range(0..8) {
        0 => "VPN drops every 10 minutes".to_string(),
        1 => "Re: AW: [tk:abc1234] Printer on floor 3".to_string(),
        2 => "=?utf-8?Q?Drucker_=E2=80=AE_kaputt?=".to_string(),
        3 => "=?utf-8?B?8J+YgCBsYXB0b3A=?= =?bogus?X?zz?=".to_string(),
        4 => "a\r\n folded\r\n\tsubject".to_string(),
        5 => "".to_string(),
        6 => "Re: ".repeat(rng.random_range(1..500)),
        _ => format!(
            "esc \u{1b}]8;;http://x\u{7}{}",
            "x".repeat(rng.random_range(0..400))
        ),
    }
}

/// Returns a body text: plain lines, quoted history, a signature, a rating
/// digit, or hostile characters.
fn text(rng: &mut StdRng) -> String {
    const TEXTS: &[&str] = &[
        "It drops again.\r\n\r\nOn Mon, Ana wrote:\r\n> the VPN\r\n> drops\r\n-- \r\nAna",
        "5",
        "4 - thanks, quick fix",
        "",
        "nul\u{0}inside\u{1b}[2J\u{7}",
        "bidi a\u{202e}txt.exe zero\u{200b}width",
        "astral \u{1f600} \u{10ffff}",
        "[[events]]\nid = \"x\"\n\"\"\"",
        "line\rbreaks\r\rmixed\n\r\n",
    ];
    if rng.random_bool(0.05) {
        return "long line ".repeat(rng.random_range(1000..20_000));
    }
    TEXTS.choose(rng).expect("not empty").to_string()
}

/// Returns a multipart/mixed body with a text part and attachments whose
/// names try path traversal, bidi tricks and encodings.
fn multipart(rng: &mut StdRng) -> String {
    let mut body = format!(
        "Content-Type: multipart/mixed; boundary=\"xyz\"\r\n\r\npreamble\r\n--xyz\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\nContent-Type: text/plain\r\n\r\n{}\r\n--alt\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--alt--\r\n",
        text(rng)
    );
    for _ in 0..rng.random_range(0..4) {
        let name = [
            "filename=\"report.pdf\"",
            "filename=\"../../etc/passwd\"",
            "filename=\"C:\\\\Users\\\\x\\\\a.txt\"",
            "filename*=utf-8''invoice%E2%80%AEfdp.exe",
            "filename=\"=?utf-8?B?Li4vLi4vLmJhc2hyYw==?=\"",
            "filename=\"\"",
            "filename=\"....\"",
            "filename=\"report.pdf\"",
        ]
        .choose(rng)
        .expect("not empty");
        let bytes: Vec<u8> = (0..rng.random_range(0..300))
            .map(|_| rng.random())
            .collect();
        body.push_str(&format!(
            "--xyz\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; {name}\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64(&bytes)
        ));
    }
    if rng.random_bool(0.2) {
        body.push_str("--xyz\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y\r\nSubject: inner\r\n\r\ninner body\r\n");
    }
    if rng.random_bool(0.8) {
        body.push_str("--xyz--\r\n");
    }
    body
}

/// Returns `bytes` in base64, in lines of 76 characters as mail programs
/// write it.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    let flat = base64::engine::general_purpose::STANDARD.encode(bytes);
    let lines: Vec<&str> = flat
        .as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).expect("base64 is ASCII"))
        .collect();
    lines.join("\r\n")
}
