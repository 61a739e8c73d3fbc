//! Project tasks, run as `cargo xtask TASK` (see `.cargo/config.toml`).
//!
//! - `assets`: regenerates the committed shell completions (`completions/`)
//!   and man pages (`man/`) from the CLI definition, by calling the library's
//!   `tk::cli::command()`. The test suite fails when they are stale.
//!
//! Owns nothing of tk itself; it must not be a dependency of the tk crate.

use clap_complete::Shell;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The completion scripts, by shell and file name under `completions/`.
const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "tk.bash"),
    (Shell::Zsh, "_tk"),
    (Shell::Fish, "tk.fish"),
    (Shell::PowerShell, "_tk.ps1"),
    (Shell::Elvish, "tk.elv"),
];

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("assets") => assets(&root()),
        _ => {
            eprintln!("usage: cargo xtask assets");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: xtask {}: {e}", task.unwrap_or_default());
            ExitCode::FAILURE
        }
    }
}

/// Returns the repository root: the parent of this crate's directory.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits inside the repository")
        .to_path_buf()
}

/// Writes `completions/` and `man/` under `root` from the CLI definition.
fn assets(root: &Path) -> io::Result<()> {
    let completions = root.join("completions");
    std::fs::create_dir_all(&completions)?;
    for (shell, file) in SHELLS {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut tk::cli::command(), "tk", &mut script);
        write(&completions.join(file), &script)?;
    }

    let man = root.join("man");
    std::fs::create_dir_all(&man)?;
    // A removed command must not leave its page behind.
    for entry in std::fs::read_dir(&man)? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "1") {
            std::fs::remove_file(&path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
    }
    let command = tk::cli::command();
    write(&man.join("tk.1"), &render(command.clone())?)?;
    for sub in command.get_subcommands() {
        let name = format!("tk-{}", sub.get_name());
        let page = render(sub.clone().name(name.clone()))?;
        write(&man.join(format!("{name}.1")), &page)?;
    }
    Ok(())
}

/// Returns the roff man page of `command`, as `tk man` prints it.
fn render(command: clap::Command) -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    Ok(page)
}

fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    std::fs::write(path, bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}
