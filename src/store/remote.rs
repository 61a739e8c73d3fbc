//! The git side of sync: remotes, integrating a fetched tip into the local
//! ref, and what changed between two tips. Fetch and push themselves run
//! the system `git` (see `crate::sync`), which carries the user's ssh and
//! credential setup.

use super::cache::{self, Known};
use super::error::{Error, GitContext};
use super::identity::Identities;
use super::tree_merge::{self, Fresh, Side};
use super::Store;
use crate::model::Timestamp;
use git2::{Commit, Delta, DiffOptions, Oid};
use std::path::Path;

/// A remote and the local ref that tracks the tickets ref there.
#[derive(Clone, Debug)]
pub struct Remote {
    /// The remote's name in git config.
    pub name: String,
    /// Where fetch stores the remote's tickets tip, e.g.
    /// `refs/remotes/origin/tk/tickets` (the ref plain `git fetch` fills).
    pub tracking_ref: String,
}

/// What git config says about how a remote is reached: enough for sync to
/// tell a remote on this machine from one across a network.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoteUrls {
    /// Every URL a fetch or a push to the remote may use: each `url` and
    /// `pushurl` value, and each of them as the longest matching
    /// `url.<base>.insteadOf` or `pushInsteadOf` rule rewrites it.
    pub urls: Vec<String>,
    /// `remote.<name>.uploadpack` is set: the user's own upload program.
    pub upload_pack: bool,
    /// `remote.<name>.vcs` is set: a remote helper carries the transport.
    pub helper: bool,
}

/// Tickets added and changed between two tips, by full id.
#[derive(Clone, Debug, Default)]
pub struct TicketChanges {
    /// Tickets that did not exist before.
    pub added: Vec<String>,
    /// Tickets whose file changed.
    pub updated: Vec<String>,
}

/// What integrating the remote tip did to the local ref.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Integration {
    /// Both point at the same commit, or the remote has no tickets.
    UpToDate,
    /// The local ref already contains the remote tip: only a push is due.
    LocalAhead,
    /// The local ref moved forward to the remote tip.
    FastForward,
    /// Both sides moved: a merge commit with both tips as parents.
    Merged {
        /// Anything the merge resolved that people should know about.
        notes: Vec<String>,
    },
}

/// How many times integration is retried when local writers move the ref.
const MAX_ATTEMPTS: u32 = 10;

/// What a sync's merge commit says besides its tree: the remote it
/// merged, and who made it when.
struct Signed<'a> {
    remote: &'a str,
    who: &'a Identities,
    now: Timestamp,
}

impl Store {
    /// Returns the repository's git directory, for running `git`.
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// Picks the remote to sync with: `name` if given; else the tickets
    /// branch's upstream, else `origin`, else the only remote.
    pub fn resolve_remote(&self, name: Option<&str>) -> Result<Option<Remote>, Error> {
        let remotes = self
            .repo
            .remotes()
            .context(|| "cannot list remotes".into())?;
        let names: Vec<&str> = remotes.iter().flatten().collect();
        let upstream = self.refname.strip_prefix("refs/heads/").and_then(|branch| {
            self.repo
                .config()
                .ok()?
                .get_string(&format!("branch.{branch}.remote"))
                .ok()
        });
        let chosen = match name {
            Some(name) => names.iter().find(|n| **n == name).map(|n| n.to_string()),
            None => upstream
                .filter(|u| names.contains(&u.as_str()))
                .or_else(|| names.contains(&"origin").then(|| "origin".to_string()))
                .or_else(|| (names.len() == 1).then(|| names[0].to_string())),
        };
        Ok(chosen.map(|name| Remote {
            tracking_ref: self.tracking_ref(&name),
            name,
        }))
    }

    /// Returns the URLs git may use to reach `remote`, with the settings
    /// that change which program git runs there (see [`RemoteUrls`]).
    ///
    /// This reads more than git acts on (every `url` value, both kinds of
    /// rewrite rule), so that a caller that needs *every* URL to be of one
    /// kind errs on the safe side.
    pub fn remote_urls(&self, remote: &str) -> Result<RemoteUrls, Error> {
        let failed = || format!("cannot read the configuration of remote {remote}");
        let config = self.repo.config().context(failed)?;
        let values = |name: &str| -> Result<Vec<String>, Error> {
            let mut values = Vec::new();
            let mut entries = match config.multivar(name, None) {
                Ok(entries) => entries,
                Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(values),
                Err(e) => return Err(e).context(failed),
            };
            while let Some(entry) = entries.next() {
                if let Some(value) = entry.context(failed)?.value() {
                    values.push(value.to_string());
                }
            }
            Ok(values)
        };
        // `url.<base>.insteadOf = <prefix>`: a URL that starts with the
        // prefix is read as `<base>` followed by the rest.
        let mut rules: Vec<(String, String)> = Vec::new();
        let mut entries = config
            .entries(Some(r"^url\..*\.(insteadof|pushinsteadof)$"))
            .context(failed)?;
        while let Some(entry) = entries.next() {
            let entry = entry.context(failed)?;
            let (Some(name), Some(prefix)) = (entry.name(), entry.value()) else {
                continue;
            };
            if let Some((base, _)) = name
                .strip_prefix("url.")
                .and_then(|rest| rest.rsplit_once('.'))
            {
                rules.push((prefix.to_string(), base.to_string()));
            }
        }
        let mut urls = values(&format!("remote.{remote}.url"))?;
        urls.extend(values(&format!("remote.{remote}.pushurl"))?);
        let rewritten: Vec<String> = urls
            .iter()
            .filter_map(|url| {
                rules
                    .iter()
                    .filter(|(prefix, _)| url.starts_with(prefix.as_str()))
                    .max_by_key(|(prefix, _)| prefix.len())
                    .map(|(prefix, base)| format!("{base}{}", &url[prefix.len()..]))
            })
            .collect();
        urls.extend(rewritten);
        let set = |key: &str| -> Result<bool, Error> {
            Ok(!values(&format!("remote.{remote}.{key}"))?.is_empty())
        };
        Ok(RemoteUrls {
            urls,
            upload_pack: set("uploadpack")?,
            helper: set("vcs")?,
        })
    }

    /// Returns the remote-tracking ref for the tickets ref on `remote`: the
    /// same ref `git fetch` fills for a branch, and a parallel namespace
    /// for a ref outside `refs/heads/`.
    fn tracking_ref(&self, remote: &str) -> String {
        match self.refname.strip_prefix("refs/heads/") {
            Some(branch) => format!("refs/remotes/{remote}/{branch}"),
            None => format!(
                "refs/tk-remotes/{remote}/{}",
                self.refname.trim_start_matches("refs/")
            ),
        }
    }

    /// Returns the commit id a ref points at, if it exists.
    pub fn ref_id(&self, name: &str) -> Result<Option<String>, Error> {
        match self.repo.refname_to_id(name) {
            Ok(id) => Ok(Some(id.to_string())),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e).context(|| format!("cannot read {name}")),
        }
    }

    /// Points a remote-tracking ref at `id` after a successful push.
    pub fn set_tracking(&self, name: &str, id: &str) -> Result<(), Error> {
        let oid = Oid::from_str(id).context(|| format!("invalid commit id {id}"))?;
        self.repo
            .reference(name, oid, true, "tk: sync")
            .map(|_| ())
            .context(|| format!("cannot update {name}"))
    }

    /// Returns how many commits the local ref has that `tracking_ref` does
    /// not (ahead) and the reverse (behind).
    pub fn ahead_behind(&self, tracking_ref: &str) -> Result<(usize, usize), Error> {
        let local = self.tip()?.map(|c| c.id());
        let remote = self
            .ref_id(tracking_ref)?
            .map(|id| Oid::from_str(&id))
            .transpose()
            .context(|| "bad id".into())?;
        let count = |from: Oid| -> Result<usize, Error> {
            let mut walk = self
                .repo
                .revwalk()
                .context(|| "cannot walk history".into())?;
            walk.push(from).context(|| "cannot walk history".into())?;
            Ok(walk.count())
        };
        match (local, remote) {
            (None, None) => Ok((0, 0)),
            (Some(l), None) => Ok((count(l)?, 0)),
            (None, Some(r)) => Ok((0, count(r)?)),
            (Some(l), Some(r)) => self
                .repo
                .graph_ahead_behind(l, r)
                .context(|| "cannot compare the local and remote tickets".into()),
        }
    }

    /// Brings the remote tip in `tracking_ref` into the local ref: fast
    /// forward, or a merge commit with both tips as parents. The local ref
    /// moves by compare-and-swap; a local writer racing it causes a retry.
    pub fn integrate(
        &self,
        remote: &Remote,
        who: &Identities,
        now: Timestamp,
    ) -> Result<Integration, Error> {
        let Some(theirs) = self.ref_id(&remote.tracking_ref)? else {
            return Ok(Integration::UpToDate);
        };
        let theirs = Oid::from_str(&theirs).context(|| "bad remote id".into())?;
        self.refuse_checked_out()?;
        let signed = Signed {
            remote: &remote.name,
            who,
            now,
        };
        for _ in 0..MAX_ATTEMPTS {
            let ours = self.tip()?.map(|c| c.id());
            // The tickets the merge read, for the list cache (below).
            let mut known = Known::default();
            let outcome = match ours {
                Some(ours) if ours == theirs => return Ok(Integration::UpToDate),
                // Each merge writes its objects as one pack (see `pack`).
                Some(ours) if self.descends(ours, theirs)? => {
                    match self.in_one_pack(|batch, fresh| {
                        batch.restore_commit(theirs, ours, &signed, &mut known, fresh)
                    })? {
                        Some((commit, notes)) => (commit, Integration::Merged { notes }),
                        None => return Ok(Integration::LocalAhead),
                    }
                }
                Some(ours) if !self.descends(theirs, ours)? => {
                    let (commit, notes) = self
                        .in_one_pack(|batch, fresh| {
                            batch
                                .merge_commit(ours, theirs, &signed, &mut known, fresh)
                                .map(Some)
                        })?
                        .expect("a merge always makes a commit");
                    (commit, Integration::Merged { notes })
                }
                Some(ours) => match self.in_one_pack(|batch, fresh| {
                    batch.restore_commit(ours, theirs, &signed, &mut known, fresh)
                })? {
                    Some((commit, notes)) => (commit, Integration::Merged { notes }),
                    None => (theirs, Integration::FastForward),
                },
                None => (theirs, Integration::FastForward),
            };
            if self.swap_ref(ours, outcome.0)? {
                // Published: the sync is done whatever happens to the
                // cache, which only ever gets current or stays stale.
                if let Some(ours) = ours {
                    self.update_cache(ours, outcome.0, known);
                }
                return Ok(outcome.1);
            }
        }
        Err(self.lost_race(MAX_ATTEMPTS))
    }

    /// Hands the tickets a merge read to the list cache, for the ref moved
    /// from commit `before` to commit `after` (see `cache/synced.rs`).
    fn update_cache(&self, before: Oid, after: Oid, known: Known) {
        let tree = |id| self.repo.find_commit(id).and_then(|c| c.tree());
        if let (Ok(before), Ok(after)) = (tree(before), tree(after)) {
            cache::after_sync(self, &before, &after, known);
        }
    }

    fn descends(&self, commit: Oid, ancestor: Oid) -> Result<bool, Error> {
        self.repo
            .graph_descendant_of(commit, ancestor)
            .context(|| "cannot compare histories".into())
    }

    /// Returns a commit on top of `new` that puts back what `new` removed
    /// from its ancestor `old` outside tk (a ticket deleted with plain git,
    /// a shard replaced by a file), or `None` when `new` removed nothing.
    ///
    /// A fast-forward (or a push of local commits) would otherwise carry
    /// such a deletion to every clone; nothing disappears from the tip.
    /// The tickets the walk read are left in `known`, commit or not, and
    /// the objects it made in `fresh`, for the pack.
    fn restore_commit(
        &self,
        old: Oid,
        new: Oid,
        signed: &Signed<'_>,
        known: &mut Known,
        fresh: &mut Fresh,
    ) -> Result<Option<(Oid, Vec<String>)>, Error> {
        let find = |id| {
            self.repo
                .find_commit(id)
                .context(|| format!("cannot read commit {id}"))
        };
        let (old_commit, new_commit) = (find(old)?, find(new)?);
        let old_tree = old_commit
            .tree()
            .context(|| format!("cannot read the tree of {old}"))?;
        let mut merged = tree_merge::merge(
            self,
            Some(&old_tree),
            Side { tip: &new_commit },
            Side { tip: &old_commit },
        )?;
        *known = std::mem::take(&mut merged.known);
        if merged.tree == new_commit.tree_id() {
            return Ok(None);
        }
        let commit = self.commit_merged(&merged, signed, &[&new_commit])?;
        *fresh = std::mem::take(&mut merged.fresh);
        Ok(Some((commit, merged.notes)))
    }

    /// Commits the tree of `merged` with `parents` and the sync message
    /// that lists its notes; the ref is left for the caller to move. Only
    /// the root tree is stored here (libgit2 commits a stored tree); the
    /// rest of `merged.fresh` is the caller's to store.
    fn commit_merged(
        &self,
        merged: &tree_merge::TreeMerge,
        signed: &Signed<'_>,
        parents: &[&Commit<'_>],
    ) -> Result<Oid, Error> {
        merged.fresh.store(&self.repo, merged.tree)?;
        let tree = self
            .repo
            .find_tree(merged.tree)
            .context(|| "cannot read the merged tree".into())?;
        let message = sync_message(signed.remote, &merged.notes);
        let author = super::write::signature(&signed.who.author, signed.now)?;
        let committer = super::write::signature(&signed.who.committer, signed.now)?;
        self.repo
            .commit(None, &author, &committer, &message, &tree, parents)
            .context(|| "cannot write the merge commit".into())
    }

    fn merge_commit(
        &self,
        ours: Oid,
        theirs: Oid,
        signed: &Signed<'_>,
        known: &mut Known,
        fresh: &mut Fresh,
    ) -> Result<(Oid, Vec<String>), Error> {
        let find = |id| {
            self.repo
                .find_commit(id)
                .context(|| format!("cannot read commit {id}"))
        };
        let (ours_commit, theirs_commit) = (find(ours)?, find(theirs)?);
        let base = match self.repo.merge_base(ours, theirs) {
            Ok(id) => Some(
                find(id)?
                    .tree()
                    .context(|| "cannot read the merge base".into())?,
            ),
            Err(e) if e.code() == git2::ErrorCode::NotFound => None,
            Err(e) => return Err(e).context(|| "cannot find the merge base".into()),
        };
        let mut merged = tree_merge::merge(
            self,
            base.as_ref(),
            Side { tip: &ours_commit },
            Side {
                tip: &theirs_commit,
            },
        )?;
        *known = std::mem::take(&mut merged.known);
        let commit = self.commit_merged(&merged, signed, &[&ours_commit, &theirs_commit])?;
        *fresh = std::mem::take(&mut merged.fresh);
        Ok((commit, merged.notes))
    }

    /// Returns the tickets added or changed from commit `from` (none: an
    /// empty tree) to commit `to`.
    pub fn changed_tickets(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<TicketChanges, Error> {
        let tree = |id: Option<&str>| -> Result<Option<git2::Tree<'_>>, Error> {
            id.map(|id| {
                let oid = Oid::from_str(id).context(|| format!("invalid commit id {id}"))?;
                self.repo
                    .find_commit(oid)
                    .and_then(|c| c.tree())
                    .context(|| format!("cannot read commit {id}"))
            })
            .transpose()
        };
        let (old, new) = (tree(from)?, tree(to)?);
        let mut options = DiffOptions::new();
        options.pathspec("tickets/");
        let diff = self
            .repo
            .diff_tree_to_tree(old.as_ref(), new.as_ref(), Some(&mut options))
            .context(|| "cannot compare ticket trees".into())?;
        let mut changes = TicketChanges::default();
        for delta in diff.deltas() {
            // Only ticket files count: a broken version kept beside a
            // ticket, or a stray file, is not a ticket.
            let id = delta
                .new_file()
                .path()
                .and_then(|p| p.to_str())
                .and_then(|p| {
                    let id = p.rsplit('/').next()?.strip_suffix(".toml")?;
                    let id = crate::model::TicketId::parse(id).ok()?;
                    (crate::codec::ticket_path(&id) == p).then(|| id.to_string())
                });
            match (delta.status(), id) {
                (Delta::Added, Some(id)) => changes.added.push(id),
                (Delta::Modified, Some(id)) => changes.updated.push(id),
                _ => {}
            }
        }
        Ok(changes)
    }
}

/// Returns a sync commit's message: the subject, what the merge resolved
/// (one line each), and the trailer.
fn sync_message(remote: &str, notes: &[String]) -> String {
    let mut message = format!("tk: sync with {remote}\n\n");
    for note in notes {
        // One note per line, whatever a file name holds.
        let line: String = note
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        message.push_str(&line);
        message.push('\n');
    }
    if !notes.is_empty() {
        message.push('\n');
    }
    message.push_str("Tk-Action: sync\n");
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls_lists_every_url_pushurl_and_rewrite() {
        let dir = tempfile::tempdir().expect("can create a temp dir");
        let repo = git2::Repository::init(dir.path()).expect("can init a repository");
        let mut config = repo.config().expect("the repository has config");
        config
            .set_str("remote.origin.url", "/srv/git/helpdesk.git")
            .expect("can set config");
        config
            .set_multivar("remote.origin.pushurl", "^$", "backup:helpdesk.git")
            .expect("can set config");
        config
            .set_str("url.ssh://git@example.com/.pushInsteadOf", "backup:")
            .expect("can set config");
        config
            .set_str("url.ssh://short.example.com/.insteadOf", "back")
            .expect("can set config");
        config
            .set_str("remote.origin.uploadpack", "/opt/git/bin/git-upload-pack")
            .expect("can set config");
        let store = Store::discover(dir.path()).expect("the repository opens");
        let urls = store.remote_urls("origin").expect("can read the remote");
        for url in [
            "/srv/git/helpdesk.git",
            "backup:helpdesk.git",
            // The longest matching prefix wins, as in git.
            "ssh://git@example.com/helpdesk.git",
        ] {
            assert!(urls.urls.iter().any(|u| u == url), "{url} in {urls:?}");
        }
        assert!(
            !urls.urls.iter().any(|u| u.starts_with("ssh://short")),
            "{urls:?}"
        );
        assert!(urls.upload_pack);
        assert!(!urls.helper);
        let none = store.remote_urls("upstream").expect("can read the remote");
        assert!(!none.upload_pack && !none.helper);
    }
}
