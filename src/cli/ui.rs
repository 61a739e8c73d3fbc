//! The terminal: where output goes, whether it is coloured, and how ticket
//! text is made safe to print.

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

    /// Writes the command's result to stdout.
    pub fn out(&self, text: &str) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()
    }

    /// Writes bytes to stdout exactly as they are (attachment contents).
    pub fn out_bytes(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(bytes)?;
        stdout.flush()
    }

    /// Writes one JSON document to stdout.
    pub fn out_json(&self, value: &impl serde::Serialize) -> Result<(), super::error::CliError> {
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut stdout, value)?;
        stdout.write_all(b"\n")?;
        stdout.flush()?;
        Ok(())
    }

    /// Writes a status line to stderr unless `--quiet` (or `--json`).
    pub fn status(&self, line: &str) {
        if !self.quiet && !self.json {
            self.write_stderr(&format!("{line}\n"));
        }
    }

    /// Writes a warning to stderr, even with `--quiet`.
    pub fn warn(&self, line: &str) {
        let label = self.paint_stderr("warning", Paint::Hint);
        self.write_stderr(&format!("{label}: {line}\n"));
    }

    /// Writes to stderr, ignoring failures: there is nowhere left to report them.
    pub fn write_stderr(&self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    /// Colours text for stdout when colour is on.
    pub fn paint(&self, text: &str, paint: Paint) -> String {
        paint_if(self.color_stdout, text, paint)
    }

    /// Colours text for stderr when colour is on there.
    pub fn paint_stderr(&self, text: &str, paint: Paint) -> String {
        paint_if(self.color_stderr, text, paint)
    }
}

fn paint_if(on: bool, text: &str, paint: Paint) -> String {
    if !on {
        return text.to_string();
    }
    let code = match paint {
        Paint::Error => "1;31",
        Paint::Hint => "1;33",
        Paint::Strong => "1",
        Paint::Dim => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Neutralizes control characters in text that came from other people's
/// clones, so it cannot move the cursor, retitle the terminal or hide
/// text. Newlines and tabs survive when `multiline`; everything else
/// becomes U+FFFD.
pub fn sanitize(text: &str, multiline: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' if multiline => c,
            '\n' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_keeps_text_and_neutralizes_escapes() {
        assert_eq!(
            sanitize("a\x1b[2Jb\u{9b}c", false),
            "a\u{fffd}[2Jb\u{fffd}c"
        );
        assert_eq!(
            sanitize("line\nnext\tcol\r", true),
            "line\nnext\tcol\u{fffd}"
        );
        assert_eq!(sanitize("line\nnext", false), "line next");
    }
}
