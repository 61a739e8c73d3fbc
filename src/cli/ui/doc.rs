//! `Doc`: human output under construction, sanitized as it is written.
//!
//! Modelled on jj's `SanitizingFormatter`: every piece of text that enters
//! a `Doc` — through [`std::fmt::Write`], [`Doc::text`] or a painted span —
//! is sanitized on the way in, so text from other people's clones (titles,
//! names, tree entries, `tk.toml` keys) cannot move the cursor, retitle the
//! terminal or hide what it says. The only bytes that enter unsanitized are
//! tk's own markup, and they have their own typed channels: colour codes
//! from a [`Paint`], and tables whose every cell was checked clean.

use std::fmt::{self, Write as _};

/// What a piece of coloured text means.
#[derive(Clone, Copy, Debug)]
pub enum Paint {
    /// `error:`.
    Error,
    /// `hint:` and `warning:`.
    Hint,
    /// Emphasis, like headings.
    Strong,
    /// Secondary text, like times and superseded events.
    Dim,
}

impl Paint {
    /// Returns the SGR code of the colour.
    fn code(self) -> &'static str {
        match self {
            Paint::Error => "1;31",
            Paint::Hint => "1;33",
            Paint::Strong => "1",
            Paint::Dim => "2",
        }
    }
}

/// Human output for one stream, sanitized by construction.
#[derive(Debug, Default)]
pub struct Doc {
    text: String,
    color: bool,
}

impl Doc {
    /// Returns an empty document, coloured when `color`.
    pub(super) fn new(color: bool) -> Doc {
        Doc {
            text: String::new(),
            color,
        }
    }

    /// Appends text, sanitized.
    pub fn text(&mut self, text: impl fmt::Display) -> &mut Doc {
        // Writing into a String through the sanitizer cannot fail.
        let _ = write!(self, "{text}");
        self
    }

    /// Appends text in a colour (when colour is on), sanitized; the colour
    /// codes are tk's own and the only escape sequences a `Doc` holds.
    pub fn paint(&mut self, paint: Paint, text: impl fmt::Display) -> &mut Doc {
        if self.color {
            self.text.push_str("\x1b[");
            self.text.push_str(paint.code());
            self.text.push('m');
            self.text(text);
            self.text.push_str("\x1b[0m");
        } else {
            self.text(text);
        }
        self
    }

    /// Appends a rendered table. Its cells carry comfy-table's styling,
    /// which is kept only when every cell's text is already clean (built
    /// from sanitized text); otherwise the whole table is sanitized,
    /// styling and all, so no cell can smuggle an escape.
    pub fn table(&mut self, table: &comfy_table::Table) -> &mut Doc {
        let clean = table
            .header()
            .into_iter()
            .chain(table.row_iter())
            .flat_map(|row| row.cell_iter())
            .all(|cell| is_clean(&cell.content()));
        // A borderless table pads its last column; no line of tk's output
        // ends in whitespace, on a terminal or in a pipe.
        let rendered = table
            .to_string()
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n");
        if clean {
            self.text.push_str(&rendered);
        } else {
            self.text(rendered);
        }
        self.text.push('\n');
        self
    }

    /// Returns the finished text, for a file the user asked to write it
    /// to (`tk report -o FILE`).
    pub fn into_text(self) -> String {
        self.text
    }

    /// Returns the finished bytes, for the streams in [`super::Ui`].
    pub(super) fn as_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// Returns the text with colour codes, for tests.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Write for Doc {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        push_sanitized(&mut self.text, text);
        Ok(())
    }
}

/// Returns whether a character is invisible or reorders text around it:
/// bidi embeddings, overrides, isolates and marks, zero-width characters,
/// and line separators other than `\n`. Such characters in a name can make
/// `a\u{202e}txt.exe` show as `aexe.txt`, so they are shown as `<U+202E>`.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{3164}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// Returns whether text would pass the sanitizer unchanged.
fn is_clean(text: &str) -> bool {
    // Plain ASCII is nearly all of what tk prints (a big list is megabytes
    // of it), so it is checked a block at a time, with no branch per byte
    // (the compiler turns the fold into vector compares). From the first
    // byte that is not, the text is checked a character at a time.
    const BLOCK: usize = 32;
    let plain = |b: u8| (b' '..0x7f).contains(&b) | (b == b'\n') | (b == b'\t');
    let bytes = text.as_bytes();
    let mut checked = 0;
    for block in bytes.chunks_exact(BLOCK) {
        if !block.iter().fold(true, |all, &b| all & plain(b)) {
            break;
        }
        checked += BLOCK;
    }
    // Then the rest (and short texts, such as list cells) a byte at a time.
    checked += bytes[checked..].iter().take_while(|&&b| plain(b)).count();
    // Every byte before `checked` is ASCII, so it is a character boundary.
    text[checked..]
        .chars()
        .all(|c| !(is_invisible(c) || (c.is_control() && c != '\n' && c != '\t')))
}

/// Appends `text` to `out` with control characters (C0, DEL, C1: ESC, BEL,
/// CSI…) replaced by U+FFFD and invisible characters made visible. Newlines
/// and tabs are kept: they are how output is laid out.
fn push_sanitized(out: &mut String, text: &str) {
    if is_clean(text) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c if is_invisible(c) => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

/// Returns `text` sanitized as a [`Doc`] would write it, for callers that
/// must measure or compare it (the plain list layout, the HTML report).
pub fn sanitized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_sanitized(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_fast_path_of_is_clean_agrees_with_the_rule_for_every_char() {
        let rule = |text: &str| {
            text.chars()
                .all(|c| !(is_invisible(c) || (c.is_control() && c != '\n' && c != '\t')))
        };
        let mut samples: Vec<String> = (0u8..0x80).map(|b| format!("ab{}cd", b as char)).collect();
        samples.extend(
            [
                "",
                "plain",
                "é\u{1b}x",
                "x\u{202e}y",
                "tab\tand\nline",
                "\u{85}",
                "ok é ü 打印",
            ]
            .map(String::from),
        );
        // Long texts, with the odd character in each position of a block
        // and past the last whole block.
        let odd = ['\u{1b}', '\u{7f}', 'é', '\u{202e}', '\t', '\u{85}'];
        for c in odd {
            for at in [0, 1, 31, 32, 33, 63, 64, 70] {
                let mut text = "x".repeat(70);
                text.insert(at, c);
                samples.push(text);
            }
        }
        samples.push("plain and long ".repeat(40));
        for text in samples {
            assert_eq!(is_clean(&text), rule(&text), "{text:?}");
        }
    }

    #[test]
    fn control_characters_are_neutralized() {
        let mut doc = Doc::new(false);
        doc.text("a\x1b[2Jb\u{9b}c\x07d\x7f\r");
        assert_eq!(
            doc.as_str(),
            "a\u{fffd}[2Jb\u{fffd}c\u{fffd}d\u{fffd}\u{fffd}"
        );
    }

    #[test]
    fn layout_survives() {
        let mut doc = Doc::new(false);
        let _ = write!(doc, "line\nnext\tcol");
        assert_eq!(doc.as_str(), "line\nnext\tcol");
    }

    #[test]
    fn bidi_and_zero_width_characters_are_made_visible() {
        assert_eq!(sanitized("a\u{202e}txt.exe"), "a<U+202E>txt.exe");
        assert_eq!(
            sanitized("x\u{200b}y\u{2066}z\u{feff}"),
            "x<U+200B>y<U+2066>z<U+FEFF>"
        );
    }

    #[test]
    fn paint_is_the_only_way_to_write_an_escape() {
        let mut doc = Doc::new(true);
        doc.paint(Paint::Strong, "title\x1b]0;owned\x07");
        assert_eq!(doc.as_str(), "\x1b[1mtitle\u{fffd}]0;owned\u{fffd}\x1b[0m");
    }

    #[test]
    fn a_table_with_a_dirty_cell_is_sanitized_whole() {
        let mut table = comfy_table::Table::new();
        table.add_row(["ok", "bad\x1b[31m"]);
        let mut doc = Doc::new(true);
        doc.table(&table);
        assert!(!doc.as_str().contains('\x1b'));
        assert!(doc.as_str().contains("bad\u{fffd}[31m"));
    }
}
