//! The terminal: where output goes and whether it is coloured.
//!
//! Human output reaches stdout and stderr only as a [`Doc`] or as text that
//! `Ui` itself writes into one, so every byte is sanitized on the way (see
//! [`doc`]); there is no method that writes a raw `&str` to either stream.
//! The exceptions are explicit: attachment bytes asked for on stdout, and
//! JSON, which escapes control characters itself.

mod doc;

pub use doc::{sanitized, Doc, Paint};

use std::fmt::Display;
use std::io::{IsTerminal, Write};

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

/// The streams and the user's output preferences for one run.
pub struct Ui {
    stdout_is_terminal: bool,
    color_stdout: bool,
    color_stderr: bool,
    quiet: bool,
    json: bool,
    no_input: bool,
}

impl Ui {
    /// Decides colour once per stream and records the output flags.
    pub fn new(color: ColorChoice, quiet: bool, json: bool, no_input: bool) -> Ui {
        let decide = |is_terminal: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        let stdout_is_terminal = std::io::stdout().is_terminal();
        Ui {
            stdout_is_terminal,
            color_stdout: decide(stdout_is_terminal) && !json,
            color_stderr: decide(std::io::stderr().is_terminal()),
            quiet,
            json,
            no_input,
        }
    }

    /// Returns whether stdout is a terminal (tables fit its width).
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_is_terminal
    }

    /// Returns whether stdout gets colour.
    pub fn color(&self) -> bool {
        self.color_stdout
    }

    /// Returns whether `--json` was given.
    pub fn json(&self) -> bool {
        self.json
    }

    /// Returns whether prompts and editors may be used: stdin and stderr
    /// are terminals and `--no-input` was not given.
    pub fn interactive(&self) -> bool {
        !self.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// Returns whether `--no-input` was given.
    pub fn no_input(&self) -> bool {
        self.no_input
    }

    /// Returns an empty document for stdout, coloured like stdout.
    pub fn doc(&self) -> Doc {
        Doc::new(self.color_stdout)
    }

    /// Returns an empty document for stderr, coloured like stderr.
    pub fn doc_stderr(&self) -> Doc {
        Doc::new(self.color_stderr)
    }

    /// Writes the command's result to stdout.
    pub fn out(&self, doc: &Doc) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(doc.as_bytes())?;
        stdout.flush()
    }

    /// Writes plain text to stdout, sanitized.
    pub fn print(&self, text: impl Display) -> std::io::Result<()> {
        let mut doc = self.doc();
        doc.text(text);
        self.out(&doc)
    }

    /// Writes bytes to stdout exactly as they are: the contents of an
    /// attachment the user asked for (refused on a terminal when binary).
    pub fn out_bytes(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(bytes)?;
        stdout.flush()
    }

    /// Writes one JSON document to stdout.
    pub fn out_json(&self, value: &impl serde::Serialize) -> Result<(), super::error::CliError> {
        // Buffered: stdout alone is line-buffered, and pretty JSON is many
        // short lines (one write each made `tk list --json` of 40,000
        // tickets spend most of its time in the kernel).
        let mut stdout = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut stdout, value)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
        Ok(())
    }

    /// Writes `chunks`, pieces of one JSON document made elsewhere (the
    /// rows of `tk list --json`, see `TicketView::write_pretty`), to
    /// stdout, then a newline, as [`Ui::out_json`] ends its document. Each
    /// chunk goes out in one write.
    pub fn out_json_chunks(
        &self,
        chunks: &mut dyn FnMut(&mut Vec<u8>) -> bool,
    ) -> Result<(), super::error::CliError> {
        let mut stdout = std::io::stdout().lock();
        let mut chunk = Vec::with_capacity(64 << 10);
        loop {
            chunk.clear();
            let more = chunks(&mut chunk);
            if !more {
                chunk.push(b'\n');
            }
            stdout.write_all(&chunk)?;
            if !more {
                break;
            }
        }
        stdout.flush()?;
        Ok(())
    }

    /// Writes a status line to stderr unless `--quiet` (or `--json`).
    pub fn status(&self, line: impl Display) {
        if !self.quiet && !self.json {
            let mut doc = self.doc_stderr();
            doc.text(line).text("\n");
            self.err(&doc);
        }
    }

    /// Writes a warning to stderr, even with `--quiet`.
    pub fn warn(&self, line: impl Display) {
        let mut doc = self.doc_stderr();
        doc.paint(Paint::Hint, "warning")
            .text(": ")
            .text(line)
            .text("\n");
        self.err(&doc);
    }

    /// Writes a document to stderr, ignoring failures: there is nowhere
    /// left to report them.
    pub fn err(&self, doc: &Doc) {
        let _ = std::io::stderr().lock().write_all(doc.as_bytes());
    }
}

/// Writes a panic's report to stderr, sanitized, from the panic hook (which
/// has no `Ui`): the panic message may quote ticket text.
pub fn panic_report(text: &str) {
    let mut doc = Doc::new(false);
    doc.text(text);
    let _ = std::io::stderr().lock().write_all(doc.as_bytes());
}

/// Returns "1 ONE" or "N MANY": a count with its noun, for status lines.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Flattens text for a one-line field (a title in a status line, a table
/// cell): newlines and tabs become spaces, and the rest is sanitized as a
/// [`Doc`] would, so a table cell is clean before the table is laid out.
/// Output is safe without it: every output passes through a `Doc`.
pub fn one_line(text: &str) -> String {
    // Most cells hold no newline or tab: sanitized as they are, without
    // rebuilding them a character at a time.
    if !text.bytes().any(|b| b == b'\n' || b == b'\t') {
        return sanitized(text);
    }
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    sanitized(&flat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_flattens_layout_only() {
        assert_eq!(one_line("line\nnext\tcol"), "line next col");
    }
}
