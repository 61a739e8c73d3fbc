//! `tk completions`.

use crate::cli::error::CliError;
use crate::cli::ui::Ui;
use clap_complete::Shell;

/// Print a shell completion script
///
/// For example: `tk completions bash > ~/.local/share/bash-completion/completions/tk`.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(serde::Serialize)]
struct CompletionsView<'a> {
    shell: String,
    script: &'a str,
}

/// Returns the completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "tk", &mut buffer);
    String::from_utf8(buffer).expect("completion scripts are UTF-8")
}

/// Runs `tk completions`.
pub fn cmd_completions(ui: &Ui, args: &CompletionsArgs) -> Result<(), CliError> {
    let script = script(args.shell);
    if ui.json() {
        return ui.out_json(&CompletionsView {
            shell: args.shell.to_string(),
            script: &script,
        });
    }
    ui.print(script)?;
    Ok(())
}
