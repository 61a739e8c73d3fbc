//! Trimming quoted history from replies: what a requester wrote, without
//! the earlier messages their mail program quoted below it.
//!
//! Recognises the common shapes: Gmail and Apple Mail (`On … wrote:`,
//! possibly wrapped over two lines, and localised `Am … schrieb`, `Le …
//! a écrit`), Outlook (`-----Original Message-----`, or a `From:` line
//! followed by `Sent:`/`Date:` and `To:`/`Subject:`), `>` quoting, and
//! the `-- ` signature separator. Pure.

/// Returns the text above the quoted history; the whole text when trimming
/// would leave nothing (a forward with no note of its own).
pub fn trim(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let cut = lines
        .iter()
        .enumerate()
        .find(|(i, line)| starts_history(&lines, *i, line))
        .map_or(lines.len(), |(i, _)| i);
    let mut kept: Vec<&str> = lines[..cut].to_vec();
    // Interleaved `>` lines below the reply are quoted history too.
    while kept
        .last()
        .is_some_and(|l| l.trim().is_empty() || l.trim_start().starts_with('>'))
    {
        kept.pop();
    }
    let reply = kept.join("\n").trim().to_string();
    if reply.is_empty() {
        text.trim().to_string()
    } else {
        reply
    }
}

/// Returns whether line `i` starts the quoted history or the signature.
fn starts_history(lines: &[&str], i: usize, line: &str) -> bool {
    let line = line.trim();
    if line == "--" && lines[i].starts_with("-- ") || lines[i] == "-- " {
        return true;
    }
    let lower = line.to_lowercase();
    if lower.starts_with("-----original message-----")
        || lower.starts_with("-----ursprüngliche nachricht-----")
        || lower.starts_with("-------- original message --------")
        || lower.starts_with("---------- forwarded message")
        || lower.starts_with("________________________________")
    {
        return true;
    }
    // Outlook: a header block of the quoted mail.
    if lower.starts_with("from:") || lower.starts_with("von:") || lower.starts_with("de :") {
        let next: Vec<String> = lines
            .iter()
            .skip(i + 1)
            .take(3)
            .map(|l| l.trim().to_lowercase())
            .collect();
        let header = |l: &String| {
            [
                "sent:",
                "date:",
                "to:",
                "subject:",
                "gesendet:",
                "an:",
                "betreff:",
                "cc:",
            ]
            .iter()
            .any(|h| l.starts_with(h))
        };
        if next.iter().filter(|l| header(l)).count() >= 2 {
            return true;
        }
    }
    // Gmail and Apple Mail: `On <date>, <name> wrote:`, maybe wrapped.
    let joined = match lines.get(i + 1) {
        Some(next) => format!("{lower} {}", next.trim().to_lowercase()),
        None => lower.clone(),
    };
    let opens = ["on ", "am ", "le ", "el ", "il ", "op "]
        .iter()
        .any(|p| lower.starts_with(p));
    let closes = |text: &str| {
        [
            "wrote:",
            "schrieb:",
            "a écrit :",
            "a écrit:",
            "escribió:",
            "ha scritto:",
            "geschreven:",
        ]
        .iter()
        .any(|w| text.ends_with(w))
    };
    opens && (closes(&lower) || (closes(&joined) && !lower.ends_with(':')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_replies_lose_the_quote() {
        let text = "Still broken.\n\nOn Mon, 2 Mar 2026 at 10:00, Help Desk <help@corp.example>\nwrote:\n> Did a restart help?\n";
        assert_eq!(trim(text), "Still broken.");
    }

    #[test]
    fn outlook_replies_lose_the_quote() {
        let text = "Thanks, works now.\n\nFrom: Help Desk <help@corp.example>\nSent: Monday, March 2, 2026 10:00\nTo: Ann\nSubject: RE: VPN\n\nDid a restart help?";
        assert_eq!(trim(text), "Thanks, works now.");
        let text = "Ok\n-----Original Message-----\nFrom: x";
        assert_eq!(trim(text), "Ok");
    }

    #[test]
    fn signatures_and_bottom_quotes_go() {
        assert_eq!(trim("Yes\n-- \nAnn, Sales\n"), "Yes");
        assert_eq!(trim("Fine\n\n> old\n> text\n"), "Fine");
        assert_eq!(trim("> only a quote"), "> only a quote");
        assert_eq!(
            trim("On second thought, it works."),
            "On second thought, it works."
        );
    }
}
