//! `tk sync`.

use crate::cli::context::Ctx;
use crate::cli::error::{CliError, Kind};
use crate::cli::ui::{one_line, Ui};
use crate::store::{Integration, TicketChanges};
use crate::sync;

/// Sync tickets with a remote: fetch, merge, push
///
/// Fetches the remote's tickets ref with the system git (your ssh and
/// credential setup apply), merges it with yours (no conflicts: timelines
/// are united), and pushes without force, fetching and merging again if the
/// remote moved meanwhile. REMOTE defaults to the tickets branch's
/// upstream, else origin, else the only remote. With --check, only reports
/// how the local tickets compare with the last fetched ones, without
/// network.
#[derive(clap::Args, Debug)]
pub struct SyncArgs {
    /// The remote to sync with
    pub remote: Option<String>,
    /// Compare with the remote-tracking ref from the last fetch; no network
    #[arg(long)]
    pub check: bool,
}

#[derive(serde::Serialize)]
struct ChangesView<'a> {
    new: &'a [String],
    updated: &'a [String],
}

#[derive(serde::Serialize)]
struct SyncView<'a> {
    remote: &'a str,
    outcome: &'static str,
    pushed: bool,
    commit: Option<&'a str>,
    incoming: ChangesView<'a>,
    outgoing: ChangesView<'a>,
    notes: &'a [String],
}

/// What a sync that failed part-way did, printed with --json beside the
/// error on stderr.
#[derive(serde::Serialize)]
struct FailedView<'a> {
    remote: Option<&'a str>,
    outcome: &'static str,
    /// Whether the remote's tickets came in (the remote-tracking ref moved).
    fetched: bool,
    /// Whether the local tickets ref moved (merged or fast-forwarded).
    merged: bool,
    pushed: bool,
    commit: Option<&'a str>,
    error: &'a str,
}

#[derive(serde::Serialize)]
struct CheckView<'a> {
    remote: &'a str,
    tracking_ref: &'a str,
    ahead: usize,
    behind: usize,
}

impl From<sync::Error> for CliError {
    fn from(error: sync::Error) -> Self {
        match error {
            sync::Error::Store(e) => CliError::from(e),
            sync::Error::PushRefused { .. } => CliError::new(Kind::Sync, error.to_string())
                .hint("your tickets are merged locally; the next `tk sync` pushes them"),
            other => CliError::new(Kind::Sync, other.to_string()),
        }
    }
}

/// Runs `tk sync`.
pub fn cmd_sync(ui: &Ui, ctx: &Ctx, args: &SyncArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    if args.check {
        return check(ui, ctx, args);
    }
    let options = sync::Options {
        remote: args.remote.as_deref(),
        interactive: ui.interactive(),
    };
    // Taken before the sync, so a sync that fails part-way can still say
    // in JSON what it fetched and merged (the refs it moved).
    let remote = sync::remote(store, options.remote).ok();
    let tracking = |store: &crate::store::Store| {
        remote
            .as_ref()
            .and_then(|r| store.ref_id(&r.tracking_ref).ok().flatten())
    };
    let local_before = store.ref_id(store.refname())?;
    let tracking_before = tracking(store);
    let report = match sync::sync(store, ctx.who()?, ctx.now(), &options) {
        Ok(report) => report,
        Err(error) => {
            if ui.json() {
                let local = store.ref_id(store.refname()).ok().flatten();
                let message = error.to_string();
                ui.out_json(&FailedView {
                    remote: remote.as_ref().map(|r| r.name.as_str()),
                    outcome: "failed",
                    fetched: tracking(store) != tracking_before,
                    merged: local != local_before,
                    pushed: false,
                    commit: local.as_deref(),
                    error: &message,
                })?;
            }
            return Err(error.into());
        }
    };
    let outcome = match (&report.integration, report.pushed) {
        (Integration::Merged { .. }, _) => "merged",
        (Integration::FastForward, _) => "fast-forward",
        (_, true) => "pushed",
        _ => "up-to-date",
    };
    if ui.json() {
        return ui.out_json(&SyncView {
            remote: &report.remote.name,
            outcome,
            pushed: report.pushed,
            commit: report.local.as_deref(),
            incoming: ChangesView {
                new: &report.incoming.added,
                updated: &report.incoming.updated,
            },
            outgoing: ChangesView {
                new: &report.outgoing.added,
                updated: &report.outgoing.updated,
            },
            notes: &report.notes,
        });
    }
    for note in &report.notes {
        ui.warn(one_line(note));
    }
    let summary = match outcome {
        "up-to-date" => "already up to date".to_string(),
        _ => format!(
            "tickets in: {}; out: {}",
            describe(&report.incoming),
            describe(&report.outgoing)
        ),
    };
    ui.status(format!("Synced with {}: {summary}.", report.remote.name));
    Ok(())
}

fn describe(changes: &TicketChanges) -> String {
    match (changes.added.len(), changes.updated.len()) {
        (0, 0) => "nothing".to_string(),
        (new, 0) => format!("{new} new"),
        (0, updated) => format!("{updated} updated"),
        (new, updated) => format!("{new} new, {updated} updated"),
    }
}

/// Returns "1 commit" or "N commits" with `noun` as the singular.
fn commits(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

fn check(ui: &Ui, ctx: &Ctx, args: &SyncArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let remote = sync::remote(store, args.remote.as_deref())?;
    let (ahead, behind) = store.ahead_behind(&remote.tracking_ref)?;
    if ui.json() {
        return ui.out_json(&CheckView {
            remote: &remote.name,
            tracking_ref: &remote.tracking_ref,
            ahead,
            behind,
        });
    }
    let line = match (ahead, behind) {
        (0, 0) => format!("Up to date with {} (as of the last fetch).", remote.name),
        (ahead, 0) => format!(
            "{} not yet on {}: run tk sync.",
            commits(ahead, "local commit"),
            remote.name
        ),
        (0, behind) => format!(
            "{} has {} you do not have: run tk sync.",
            remote.name,
            commits(behind, "commit")
        ),
        (ahead, behind) => format!(
            "{} not on {}, and {behind} there not here: run tk sync.",
            commits(ahead, "local commit"),
            remote.name
        ),
    };
    ui.print(format_args!("{line}\n"))?;
    Ok(())
}
