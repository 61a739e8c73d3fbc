//! `tk man`.

use crate::cli::error::CliError;
use crate::cli::ui::Ui;

/// Print a man page (roff) for tk or one of its commands
///
/// For example: `tk man > ~/.local/share/man/man1/tk.1` and
/// `tk man list > ~/.local/share/man/man1/tk-list.1`. The pages for every
/// command are also in the repository's `man/` directory.
#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// The command to document (default: tk itself)
    pub command: Option<String>,
}

#[derive(serde::Serialize)]
struct ManView<'a> {
    name: String,
    page: &'a str,
}

/// Returns the man page name and roff text for `command` (`None`: tk).
pub fn page(command: Option<&str>) -> Result<(String, String), CliError> {
    let root = crate::cli::command();
    let (name, cmd) = match command {
        None => ("tk".to_string(), root),
        Some(name) => {
            let sub = root
                .get_subcommands()
                .find(|c| c.get_name() == name || c.get_all_aliases().any(|a| a == name))
                .cloned()
                .ok_or_else(|| CliError::usage(format!("no command `{name}`: see tk --help")))?;
            let full = format!("tk-{}", sub.get_name());
            (full.clone(), sub.name(full))
        }
    };
    let mut buffer = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buffer)?;
    let text = String::from_utf8(buffer).expect("roff output is UTF-8");
    Ok((name, text))
}

/// Runs `tk man`.
pub fn cmd_man(ui: &Ui, args: &ManArgs) -> Result<(), CliError> {
    let (name, text) = page(args.command.as_deref())?;
    if ui.json() {
        return ui.out_json(&ManView { name, page: &text });
    }
    ui.print(text)?;
    Ok(())
}
