//! Text that commands take: from `-m`, `--file`, stdin (`-m -`), an editor
//! or a prompt, in that order, and never a prompt without a terminal.

use super::error::CliError;
use super::ui::Ui;
use std::io::Read;
use std::path::PathBuf;

// Documented for rustdoc only: a doc comment here would be clap's help
// text, and with deferred subcommand arguments (`commands::LazyCommand`)
// clap applies it after the help of `tk wait` and `tk reopen`.
#[cfg_attr(doc, doc = "The flags that supply a body of text.")]
#[derive(clap::Args, Debug, Default, Clone)]
pub struct BodyArgs {
    /// The text; `-` reads it from stdin
    #[arg(short = 'm', long = "message", value_name = "TEXT")]
    pub message: Option<String>,
    /// Read the text from a file
    #[arg(long = "file", value_name = "FILE", conflicts_with = "message")]
    pub file: Option<PathBuf>,
}

impl BodyArgs {
    /// Returns the text given by flags, if any.
    pub fn given(&self) -> Result<Option<String>, CliError> {
        let text = match (&self.message, &self.file) {
            (Some(m), _) if m == "-" => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| unreadable("stdin (-m -)", e))?;
                text_of(bytes, "stdin (-m -)")?
            }
            (Some(m), _) => m.clone(),
            (None, Some(path)) => {
                let source = format!("--file {}", path.display());
                if path.is_dir() {
                    return Err(CliError::usage(format!(
                        "cannot read {source}: it is a directory, not a file"
                    )));
                }
                let bytes = std::fs::read(path).map_err(|e| unreadable(&source, e))?;
                text_of(bytes, &source)?
            }
            (None, None) => return Ok(None),
        };
        Ok(Some(text.trim_end().to_string()))
    }

    /// Returns the text, opening the editor on a terminal when no flag gave
    /// it; `what` names it in errors and in the editor's template.
    pub fn required(&self, ui: &Ui, what: &str) -> Result<String, CliError> {
        let text = match self.given()? {
            Some(text) => text,
            None if ui.interactive() => edit_text(what)?,
            None => return Err(missing(what)),
        };
        if text.trim().is_empty() {
            return Err(CliError::usage(format!("the {what} is empty")));
        }
        Ok(text)
    }
}

/// Returns the text of `bytes`; text that is not UTF-8 is a bad value
/// (exit 2) whichever flag gave it, and the message says which.
fn text_of(bytes: Vec<u8>, source: &str) -> Result<String, CliError> {
    String::from_utf8(bytes).map_err(|e| {
        CliError::usage(format!(
            "cannot read {source}: not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The error for text that cannot be read: a missing file is a bad value
/// (exit 2), other I/O failures are exit 1; both name the source.
fn unreadable(source: &str, error: std::io::Error) -> CliError {
    let message = format!("cannot read {source}: {error}");
    match error.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory => CliError::usage(message),
        _ => CliError::new(super::error::Kind::Failure, message),
    }
}

/// The error for a value that must be given by flag off a terminal.
fn missing(what: &str) -> CliError {
    CliError::usage(format!(
        "missing {what}: give -m TEXT, -m - (stdin) or --file FILE"
    ))
}

/// Opens `$VISUAL`/`$EDITOR` on a template and returns the text without the
/// `#` comment lines.
fn edit_text(what: &str) -> Result<String, CliError> {
    let template = format!("\n# Write the {what} above. Lines starting with # are ignored.\n");
    let edited = edit_in_editor(&template, ".txt")?;
    Ok(edited
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string())
}

/// Returns the editor the user chose: the first non-empty of `$VISUAL` and
/// `$EDITOR`.
pub fn chosen_editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
}

/// Opens the chosen editor (`vi` when none) on `text` in a temporary file
/// with `extension` and returns what was saved, newlines untouched.
pub fn edit_in_editor(text: &str, extension: &str) -> Result<String, CliError> {
    let mut editor = dialoguer::Editor::new();
    // Chosen here, not by dialoguer, which would run an empty $VISUAL.
    let chosen = chosen_editor().unwrap_or_else(|| "vi".to_string());
    editor
        .executable(&chosen)
        .extension(extension)
        .require_save(false)
        .trim_newlines(false);
    match editor.edit(text) {
        Ok(edited) => Ok(edited.unwrap_or_else(|| text.to_string())),
        // The spawn error alone says only "No such file or directory".
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(CliError::new(
                super::error::Kind::Failure,
                format!("cannot run the editor `{chosen}`: not found"),
            )
            .hint("set $VISUAL or $EDITOR to an editor on your PATH"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Fails unless an editor may be opened: on a terminal, or off one when
/// `$VISUAL`/`$EDITOR` is set (a script's non-interactive editor), and
/// never with `--no-input`.
pub fn require_editor(ui: &Ui, command: &str) -> Result<(), CliError> {
    let editor_set = chosen_editor().is_some();
    let refusal = if ui.no_input() {
        Some(format!(
            "{command} opens an editor, which --no-input forbids"
        ))
    } else if !(ui.interactive() || editor_set) {
        Some(format!(
            "{command} needs an editor: run it on a terminal, or set $EDITOR"
        ))
    } else {
        None
    };
    if let Some(message) = refusal {
        return Err(CliError::usage(message));
    }
    Ok(())
}

/// Asks who reported the ticket, showing `me` (the technician) as the
/// default that Enter takes; the answer is `Name <email>`, an email or a
/// name (`me` is the technician too).
pub fn ask_requester(me: &str) -> Result<String, CliError> {
    let answer: String = dialoguer::Input::new()
        .with_prompt("Requester (Name <email>)")
        .default(me.to_string())
        .validate_with(|r: &String| {
            if r.trim().is_empty() {
                Err("give the requester, or press Enter for the default")
            } else {
                Ok(())
            }
        })
        .interact_text()?;
    let answer = answer.trim();
    Ok(if answer.eq_ignore_ascii_case("me") {
        me.to_string()
    } else {
        answer.to_string()
    })
}

/// Asks for the category among the team's, or none (the default, so Enter
/// skips it).
pub fn ask_category(categories: &[String]) -> Result<Option<String>, CliError> {
    let mut items = vec!["(none)"];
    items.extend(categories.iter().map(String::as_str));
    let index = dialoguer::Select::new()
        .with_prompt("Category")
        .items(&items)
        .default(0)
        .interact()?;
    Ok(index
        .checked_sub(1)
        .and_then(|i| categories.get(i))
        .cloned())
}

/// Asks whether to write a description, and opens the editor when so
/// (Enter skips it); an empty text is no description.
pub fn ask_description() -> Result<Option<String>, CliError> {
    let write = dialoguer::Confirm::new()
        .with_prompt("Write a description in the editor?")
        .default(false)
        .interact()?;
    if !write {
        return Ok(None);
    }
    let text = edit_text("description")?;
    Ok((!text.trim().is_empty()).then_some(text))
}
