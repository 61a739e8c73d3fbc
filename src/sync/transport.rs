//! Fetch and push through the system `git` binary, so every remote that
//! `git push` reaches works with the user's ssh agent, ssh config,
//! credential helpers and proxies. tk never asks for or stores credentials.
//!
//! For a remote across a network git's defaults stay: packs of deltas,
//! thin ones (deltas against objects the other side already has), which
//! save bytes on the wire. For a remote on this machine (a path or a
//! `file://` URL) there are no bytes to save, and the deltas cost CPU at
//! both ends, both of which are this machine: the sender searches for them
//! (`pack-objects`), and the receiver resolves them and, for thin ones,
//! reads their bases back and appends them compressed to store a complete
//! pack (`index-pack --fix-thin`). So with a [`Route::local`] remote no new
//! deltas are searched: a push runs `git -c pack.window=0 push --no-thin`,
//! and a fetch asks for the remote's `upload-pack` as
//! `git -c pack.window=0 upload-pack`. The same objects arrive and the refs
//! move exactly as they would; the packs are larger until `git gc` deltifies
//! them, as it does the pack of a merge (see `store::pack`).

use crate::store::RemoteUrls;
use std::path::Path;
use std::process::{Command, Output};

/// The setting that makes `pack-objects` search no deltas.
const NO_DELTAS: &str = "pack.window=0";

/// The upload program a fetch from a local remote runs: git's own, told to
/// search no deltas (see the module docs).
const LOCAL_UPLOAD_PACK: &str = "git -c pack.window=0 upload-pack";

/// How git reaches a remote, as far as it changes how packs are built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Route {
    /// Every URL git may use for the remote is a path on this machine.
    pub local: bool,
    /// The user named no upload program (`remote.<name>.uploadpack`), so
    /// a fetch may name git's own.
    pub default_upload_pack: bool,
}

impl Route {
    /// Returns the route to a remote with these URLs and settings: local
    /// only when every URL is local and no remote helper is configured.
    pub fn new(urls: &RemoteUrls) -> Route {
        Route {
            local: !urls.helper
                && !urls.urls.is_empty()
                && urls.urls.iter().all(|u| is_local_url(u)),
            default_upload_pack: !urls.upload_pack,
        }
    }
}

/// Returns whether git reaches `url` through its local transport: a
/// `file://` URL, or a path — no `scheme://`, no `helper::`, and not the
/// scp-like `host:path` of ssh (a colon before any slash), the rule of
/// git's `url_is_local_not_ssh`.
pub fn is_local_url(url: &str) -> bool {
    if url.starts_with("file://") {
        return true;
    }
    if url.is_empty() {
        return false;
    }
    // `<scheme>://` and `<helper>::` both start with URL scheme characters.
    let scheme = url
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || "+-.".contains(c))))
        })
        .map_or(url.len(), |(i, _)| i);
    let rest = &url[scheme..];
    if scheme > 0 && (rest.starts_with("://") || rest.starts_with("::")) {
        return false;
    }
    match (url.find(':'), url.find('/')) {
        (None, _) => true,
        (Some(colon), Some(slash)) => slash < colon,
        (Some(_), None) => false,
    }
}

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
    route: Route,
    refname: &str,
    tracking_ref: &str,
) -> Result<Fetched, TransportError> {
    let mut command = git(git_dir, interactive);
    command.args(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head"]);
    if route.local && route.default_upload_pack {
        command.arg(format!("--upload-pack={LOCAL_UPLOAD_PACK}"));
    }
    command
        .arg(remote)
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
    route: Route,
    refname: &str,
) -> Result<Pushed, TransportError> {
    let mut command = git(git_dir, interactive);
    if route.local {
        command.args(["-c", NO_DELTAS, "push", "--no-thin"]);
    } else {
        command.arg("push");
    }
    command.args(["--porcelain", "--quiet"]);
    command.arg(remote).arg(format!("{refname}:{refname}"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_file_urls_are_local() {
        for url in [
            "/srv/git/helpdesk.git",
            "../helpdesk.git",
            "helpdesk.git",
            "./host:path",
            "/srv/a:b/helpdesk.git",
            "file:///srv/git/helpdesk.git",
        ] {
            assert!(is_local_url(url), "{url}");
        }
    }

    #[test]
    fn network_urls_and_helpers_are_not_local() {
        for url in [
            "git@github.com:team/helpdesk.git",
            "host:helpdesk.git",
            "[::1]:helpdesk.git",
            "ssh://git@example.com/helpdesk.git",
            "git+ssh://example.com/helpdesk.git",
            "https://example.com/helpdesk.git",
            "git://127.0.0.1:9418/helpdesk.git",
            "persistent-https::https://example.com/helpdesk.git",
            "ext::ssh -i key example.com %S 'helpdesk.git'",
            "",
        ] {
            assert!(!is_local_url(url), "{url}");
        }
    }

    #[test]
    fn a_remote_is_local_only_when_every_url_is() {
        let urls = |urls: &[&str]| RemoteUrls {
            urls: urls.iter().map(|u| u.to_string()).collect(),
            ..RemoteUrls::default()
        };
        assert!(Route::new(&urls(&["/srv/a.git", "file:///srv/b.git"])).local);
        assert!(!Route::new(&urls(&["/srv/a.git", "host:b.git"])).local);
        assert!(!Route::new(&urls(&[])).local, "no URL: nothing to go on");
        let helper = RemoteUrls {
            helper: true,
            ..urls(&["/srv/a.git"])
        };
        assert!(!Route::new(&helper).local);
        let own = RemoteUrls {
            upload_pack: true,
            ..urls(&["/srv/a.git"])
        };
        assert_eq!(
            Route::new(&own),
            Route {
                local: true,
                default_upload_pack: false
            }
        );
    }
}
