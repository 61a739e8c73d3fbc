//! Fetch and push through the system `git` binary, so every remote that
//! `git push` reaches works with the user's ssh agent, ssh config,
//! credential helpers and proxies. tk never asks for or stores credentials.

use std::path::Path;
use std::process::{Command, Output};

/// What a fetch found.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    /// The remote has the tickets ref; the tracking ref now holds it.
    Ref,
    /// The remote has no tickets ref yet.
    Nothing,
}

/// What a push did.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    /// The remote ref now points at the local tip.
    Done,
    /// The remote moved since the fetch: fetch, merge and try again.
    Stale,
    /// The host refused the update (a hook, a protected branch), with the
    /// host's message.
    Refused(String),
}

/// `git` could not talk to the remote, with git's own error lines.
#[derive(Debug)]
pub struct TransportError(pub String);

fn git(git_dir: &Path, interactive: bool) -> Command {
    let mut command = Command::new("git");
    command.arg("--git-dir").arg(git_dir);
    if !interactive {
        // A script must fail, not hang on a password prompt.
        command.env("GIT_TERMINAL_PROMPT", "0");
    }
    command
}

fn run(mut command: Command) -> Result<Output, TransportError> {
    command
        .output()
        .map_err(|e| TransportError(format!("cannot run git: {e}")))
}

/// Returns git's error lines (`fatal:`, `error:`, `remote:`) on one line.
fn error_lines(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("fatal:") || l.starts_with("error:") || l.starts_with("remote:"))
        .collect();
    if lines.is_empty() {
        stderr.trim().replace('\n', "; ")
    } else {
        lines.join("; ")
    }
}

/// Fetches `refname` from `remote` into `tracking_ref`.
pub fn fetch(
    git_dir: &Path,
    interactive: bool,
    remote: &str,
    refname: &str,
    tracking_ref: &str,
) -> Result<Fetched, TransportError> {
    let mut command = git(git_dir, interactive);
    command
        .args([
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            remote,
        ])
        .arg(format!("+{refname}:{tracking_ref}"));
    let output = run(command)?;
    if output.status.success() {
        return Ok(Fetched::Ref);
    }
    let message = error_lines(&output);
    if message.contains("couldn't find remote ref") {
        return Ok(Fetched::Nothing);
    }
    Err(TransportError(message))
}

/// Pushes the local `refname` to the same name on `remote`, without force.
pub fn push(
    git_dir: &Path,
    interactive: bool,
    remote: &str,
    refname: &str,
) -> Result<Pushed, TransportError> {
    let mut command = git(git_dir, interactive);
    command
        .args(["push", "--porcelain", "--quiet", remote])
        .arg(format!("{refname}:{refname}"));
    let output = run(command)?;
    if output.status.success() {
        return Ok(Pushed::Done);
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let status = report
        .lines()
        .find(|l| l.starts_with('!'))
        .unwrap_or_default();
    if status.contains("[remote rejected]") {
        let reason = status.rsplit('\t').next().unwrap_or(status).trim();
        let host = error_lines(&output);
        let message = if host.is_empty() {
            reason.to_string()
        } else {
            format!("{reason}; {host}")
        };
        return Ok(Pushed::Refused(message));
    }
    if status.contains("[rejected]") {
        return Ok(Pushed::Stale);
    }
    Err(TransportError(error_lines(&output)))
}
