//! Writing: one commit per change, published by compare-and-swap.

use super::error::{Error, GitContext};
use super::identity::{Identities, Identity};
use super::{loose, tree, Store, ATTACHMENTS_DIR, CONFIG_FILE};
use crate::codec;
use crate::model::{short_len, Refusal, Ticket, TicketId, Timestamp};
use git2::{ErrorCode, ObjectType, Oid, Signature, Tree};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// How many times a write is re-applied when other writers move the ref.
const MAX_ATTEMPTS: u32 = 40;

/// A change of at least this many tickets (an import, a bulk command) is
/// written as one pack instead of a loose file per object: an import of
/// 10,000 tickets made 11,030 files.
const PACKED_TICKETS: usize = 256;

/// How old a ref lock must be to count as left behind by a killed writer
/// rather than held by a running one (which holds it for milliseconds).
const STALE_LOCK: Duration = Duration::from_secs(2);

/// The result of a ticket write.
#[derive(Debug)]
pub struct Written {
    /// The ticket after the change.
    pub ticket: Ticket,
    /// How many characters of its id to show.
    pub short_len: usize,
    /// The new commit, or `None` when nothing changed.
    pub commit: Option<String>,
}

impl Written {
    /// Returns the short id to show.
    pub fn short_id(&self) -> &str {
        self.ticket.id().prefix(self.short_len)
    }
}

/// The tree and message of a commit to make.
struct Change<T> {
    tree: Oid,
    message: String,
    result: T,
}

impl Store {
    /// Creates the tickets ref with the initial `tk.toml`.
    ///
    /// Returns the commit id, or `None` when the ref already exists.
    pub fn init(&self, who: &Identities, now: Timestamp) -> Result<Option<String>, Error> {
        let made = self.commit_change(who, now, |root| -> Result<_, Error> {
            if root.is_some() {
                return Ok(None);
            }
            let tree = self.with_initial_config(None)?;
            Ok(Some(Change {
                tree,
                message: "tk: init\n\nTk-Action: init\n".to_string(),
                result: (),
            }))
        })?;
        Ok(made.map(|(commit, ())| commit.to_string()))
    }

    /// Commits a new ticket; creates the ref on first use.
    pub fn create(
        &self,
        who: &Identities,
        now: Timestamp,
        ticket: Ticket,
    ) -> Result<Written, Error> {
        self.create_with_files(who, now, "new", ticket, &[])
    }

    /// Like [`Store::create`], and also writes `files` (paths under
    /// `attachments/`) in the same commit, for a ticket born with
    /// attachments (a mail's); `action` names it in the commit message
    /// (`new`, or `import` for an import of one ticket).
    pub fn create_with_files(
        &self,
        who: &Identities,
        now: Timestamp,
        action: &str,
        ticket: Ticket,
        files: &[(String, Vec<u8>)],
    ) -> Result<Written, Error> {
        let blobs = self.file_blobs(files)?;
        let made = self.commit_change(who, now, |root| -> Result<_, Error> {
            let short = self.new_short_len(root, ticket.id())?;
            let mut tree = self.write_ticket(root, &ticket)?;
            tree = self.with_blobs(tree, &blobs)?;
            Ok(Some(Change {
                tree,
                message: message(action, ticket.id().prefix(short), &ticket),
                result: short,
            }))
        })?;
        let (commit, short_len) = made.expect("creating a ticket always commits");
        Ok(Written {
            ticket,
            short_len,
            commit: Some(commit.to_string()),
        })
    }

    /// Returns how many characters of a new ticket's id will show once it
    /// is committed beside the tickets of `root`; fails with
    /// [`Error::IdTaken`] when one of them has the id already.
    fn new_short_len(&self, root: Option<&Tree<'_>>, id: &TicketId) -> Result<usize, Error> {
        let mut ids = match root {
            Some(root) => self.shard_ids(root, id.shard())?,
            None => Vec::new(),
        };
        // 80 random bits do not collide; a reused TK_ID_SEED does, and
        // must not silently replace a ticket.
        if ids.contains(id) {
            return Err(Error::IdTaken(id.to_string()));
        }
        ids.push(id.clone());
        Ok(short_len(id, &ids))
    }

    /// Checks a new ticket the way committing it at the tip would: its id
    /// is free and its file is within the limits and reads back. Writes
    /// nothing; returns how many characters of its id would show.
    pub fn check_new(&self, ticket: &Ticket) -> Result<usize, Error> {
        let short = self.new_short_len(self.tip_tree()?.as_ref(), ticket.id())?;
        ticket_text(ticket)?;
        Ok(short)
    }

    /// Checks a changed ticket's file the way committing it would (within
    /// the limits, and it reads back), writing nothing.
    pub fn check_changed(&self, ticket: &Ticket) -> Result<(), Error> {
        ticket_text(ticket).map(drop)
    }

    /// Changes the ticket whose id starts with `prefix` and commits it.
    ///
    /// `change` gets the current ticket and returns whether it changed
    /// anything; it runs again on the new tip when another writer moved the
    /// ref meanwhile. `action` names the change in the commit message.
    pub fn update(
        &self,
        prefix: &str,
        who: &Identities,
        now: Timestamp,
        action: &str,
        change: impl FnMut(&mut Ticket) -> Result<bool, Refusal>,
    ) -> Result<Written, Error> {
        self.update_with_files(prefix, who, now, action, &[], change)
    }

    /// Like [`Store::update`], and also writes `files` (path in the tree,
    /// bytes) in the same commit, so a ticket's `attach` events and the
    /// attached bytes never exist without each other.
    ///
    /// Paths must lie under `attachments/`; nothing is written when the
    /// change is refused or changes nothing.
    pub fn update_with_files(
        &self,
        prefix: &str,
        who: &Identities,
        now: Timestamp,
        action: &str,
        files: &[(String, Vec<u8>)],
        mut change: impl FnMut(&mut Ticket) -> Result<bool, Refusal>,
    ) -> Result<Written, Error> {
        let blobs = self.file_blobs(files)?;
        let mut unchanged = None;
        let made = self.commit_change(who, now, |root| -> Result<_, Error> {
            let root = root.ok_or_else(|| Error::NotFound(prefix.to_string()))?;
            let loaded = self.find_in(root, prefix)?;
            let short = loaded.short_len;
            let mut ticket = loaded.ticket;
            let changed = change(&mut ticket).map_err(|cause| Error::Refused {
                id: ticket.id().prefix(short).to_string(),
                cause,
            })?;
            if !changed && !loaded.reconciled {
                unchanged = Some((ticket, short));
                return Ok(None);
            }
            let mut tree = self.write_ticket(Some(root), &ticket)?;
            tree = self.with_blobs(tree, &blobs)?;
            Ok(Some(Change {
                tree,
                message: message(action, ticket.id().prefix(short), &ticket),
                result: (ticket, short),
            }))
        })?;
        Ok(match made {
            Some((commit, (ticket, short_len))) => Written {
                ticket,
                short_len,
                commit: Some(commit.to_string()),
            },
            None => {
                let (ticket, short_len) =
                    unchanged.expect("no commit means the change reported no change");
                Written {
                    ticket,
                    short_len,
                    commit: None,
                }
            }
        })
    }

    /// Changes several tickets and adds new ones in one commit, like
    /// [`Store::update_with_files`] for one and [`Store::create`] for a new
    /// one: `prefixes` name the tickets to change, and `change` gets them in
    /// that order and returns whether it changed anything, or which ticket
    /// (by index) refused the change; `created` are committed as they are,
    /// refusing an id already taken. `change` runs again on the new tip when
    /// another writer moved the ref. One ticket goes through
    /// `update_with_files` or `create`, so it gets the same commit message
    /// as before; several get one `Tk-Ticket` trailer each. Returns the
    /// changed tickets in order, then the created ones.
    #[allow(clippy::too_many_arguments)]
    pub fn update_many(
        &self,
        prefixes: &[&str],
        created: &[Ticket],
        who: &Identities,
        now: Timestamp,
        action: &str,
        files: &[(String, Vec<u8>)],
        mut change: impl FnMut(&mut [Ticket]) -> Result<bool, (usize, Refusal)>,
    ) -> Result<Vec<Written>, Error> {
        match (prefixes, created) {
            ([prefix], []) => {
                let written =
                    self.update_with_files(prefix, who, now, action, files, |ticket| {
                        change(std::slice::from_mut(ticket)).map_err(|(_, refusal)| refusal)
                    })?;
                return Ok(vec![written]);
            }
            ([], [ticket]) => {
                return Ok(vec![self.create_with_files(
                    who,
                    now,
                    action,
                    ticket.clone(),
                    files,
                )?]);
            }
            _ => {}
        }
        let mut ids = HashSet::with_capacity(created.len());
        if let Some(twice) = created.iter().find(|t| !ids.insert(t.id())) {
            return Err(Error::IdTaken(twice.id().to_string()));
        }
        // The created tickets of each shard, for their short ids.
        let mut created_by_shard: HashMap<&str, Vec<TicketId>> = HashMap::new();
        for ticket in created {
            let id = ticket.id();
            created_by_shard
                .entry(id.shard())
                .or_default()
                .push(id.clone());
        }
        let blobs = self.file_blobs(files)?;
        let mut unchanged = None;
        let mut build = |store: &Store,
                         root: Option<&Tree<'_>>,
                         packed: bool|
         -> Result<_, Error> {
            let mut tickets = Vec::with_capacity(prefixes.len());
            let mut shorts = Vec::with_capacity(prefixes.len() + created.len());
            let mut reconciled = false;
            for prefix in prefixes {
                let root = root.ok_or_else(|| Error::NotFound(prefix.to_string()))?;
                let loaded = store.find_in(root, prefix)?;
                if tickets
                    .iter()
                    .any(|t: &Ticket| t.id() == loaded.ticket.id())
                {
                    return Err(Error::Repeated(loaded.short_id().to_string()));
                }
                reconciled |= loaded.reconciled;
                shorts.push(loaded.short_len);
                tickets.push(loaded.ticket);
            }
            let changed = change(&mut tickets).map_err(|(index, cause)| Error::Refused {
                id: tickets
                    .get(index)
                    .zip(shorts.get(index))
                    .map_or_else(String::new, |(t, s)| t.id().prefix(*s).to_string()),
                cause,
            })?;
            if !changed && !reconciled && created.is_empty() {
                unchanged = Some((tickets, shorts));
                return Ok(None);
            }
            // Each shard's ids, with the tickets created in it.
            let mut shard_ids: HashMap<&str, Vec<TicketId>> = HashMap::new();
            for ticket in created {
                let shard = ticket.id().shard();
                let ids = match shard_ids.entry(shard) {
                    Entry::Occupied(ids) => ids.into_mut(),
                    Entry::Vacant(slot) => {
                        let mut ids = match root {
                            Some(root) => store.shard_ids(root, shard)?,
                            None => Vec::new(),
                        };
                        let here = created_by_shard.get(shard).map_or(&[][..], Vec::as_slice);
                        // 80 random bits do not collide; a reused
                        // TK_ID_SEED or an import run twice does, and must
                        // not replace a ticket.
                        if let Some(taken) = here.iter().find(|id| ids.contains(id)) {
                            return Err(Error::IdTaken(taken.to_string()));
                        }
                        ids.extend(here.iter().cloned());
                        slot.insert(ids)
                    }
                };
                shorts.push(short_len(ticket.id(), &*ids));
            }
            // Every ticket's blob first, then one rewrite of the trees
            // they share (many tickets, one root tree).
            let mut paths = Vec::with_capacity(tickets.len() + created.len());
            for ticket in tickets.iter().chain(created) {
                paths.push(store.ticket_blob_as(ticket, packed)?);
            }
            let initial = match root {
                Some(_) => None,
                None => Some(store.with_initial_config(None)?),
            };
            let initial = initial
                .map(|id| {
                    store
                        .repo
                        .find_tree(id)
                        .context(|| "cannot read new tree".into())
                })
                .transpose()?;
            let entries: Vec<(&str, Oid)> = paths.iter().map(|(p, b)| (p.as_str(), *b)).collect();
            let mut tree = tree::with_blobs_at(&store.repo, root.or(initial.as_ref()), &entries)?;
            tree = store.with_blobs(tree, &blobs)?;
            let count = tickets.len() + created.len();
            let mut message = format!("tk: {action} {count} tickets\n\nTk-Action: {action}\n");
            for ticket in tickets.iter().chain(created) {
                message.push_str(&format!("Tk-Ticket: {}\n", ticket.id()));
            }
            tickets.extend(created.iter().cloned());
            Ok(Some(Change {
                tree,
                message,
                result: (tickets, shorts),
            }))
        };
        // A change of many tickets is one pack rather than a loose file
        // per object (see `pack`); attachments are written as loose files
        // first, so a change with files stays loose.
        let made = if files.is_empty() && prefixes.len() + created.len() >= PACKED_TICKETS {
            self.commit_packed(who, now, |store, root| build(store, root, true))?
        } else {
            self.commit_change(who, now, |root| build(self, root, false))?
        };
        let (commit, (tickets, shorts)) = match made {
            Some((commit, result)) => (Some(commit.to_string()), result),
            None => (
                None,
                unchanged.expect("no commit means the change reported no change"),
            ),
        };
        Ok(tickets
            .into_iter()
            .zip(shorts)
            .map(|(ticket, short_len)| Written {
                ticket,
                short_len,
                commit: commit.clone(),
            })
            .collect())
    }

    /// Stores the bytes of files to commit, once for every attempt of the
    /// compare-and-swap loop; refuses paths outside `attachments/`.
    /// Returns `tree` with each of `blobs` (attachment bytes already
    /// written) put at its path.
    fn with_blobs(&self, mut tree: Oid, blobs: &[(&str, Oid)]) -> Result<Oid, Error> {
        for (path, blob) in blobs {
            let base = self
                .repo
                .find_tree(tree)
                .context(|| "cannot read new tree".into())?;
            tree = tree::with_blob(&self.repo, Some(&base), path, *blob)?;
        }
        Ok(tree)
    }

    fn file_blobs<'f>(&self, files: &'f [(String, Vec<u8>)]) -> Result<Vec<(&'f str, Oid)>, Error> {
        files
            .iter()
            .map(|(path, bytes)| {
                let mut parts = path.split('/');
                let inside = parts.next() == Some(ATTACHMENTS_DIR)
                    && parts.all(|p| !p.is_empty() && p != "." && p != "..")
                    && path.matches('/').count() >= 1;
                if !inside {
                    return Err(Error::BadPath(path.clone()));
                }
                let blob = self
                    .repo
                    .blob(bytes)
                    .context(|| format!("cannot write {path}"))?;
                Ok((path.as_str(), blob))
            })
            .collect()
    }

    /// Writes the ticket's file into `root` (adding `tk.toml` to a new
    /// tree) and returns the new root tree.
    /// Writes a ticket's file as a blob (checked to read back) and returns
    /// its path in the tree with the blob's id.
    fn ticket_blob(&self, ticket: &Ticket) -> Result<(String, Oid), Error> {
        self.ticket_blob_as(ticket, false)
    }

    /// Like [`Store::ticket_blob`]; `packed` writes the blob through
    /// libgit2's object database, as a handle of [`Store::in_one_pack`]
    /// holds new objects in memory, instead of as a loose file.
    fn ticket_blob_as(&self, ticket: &Ticket, packed: bool) -> Result<(String, Oid), Error> {
        let (path, text) = ticket_text(ticket)?;
        let blob = match packed {
            true => self
                .repo
                .odb()
                .and_then(|odb| odb.write(ObjectType::Blob, text.as_bytes()))
                .context(|| format!("cannot write {path}"))?,
            false => loose::write(&self.repo, ObjectType::Blob, text.as_bytes())?,
        };
        Ok((path, blob))
    }

    fn write_ticket(&self, root: Option<&Tree<'_>>, ticket: &Ticket) -> Result<Oid, Error> {
        let (path, blob) = self.ticket_blob(ticket)?;
        let base = match root {
            Some(_) => None,
            None => Some(self.with_initial_config(None)?),
        };
        let base_tree = base
            .map(|id| {
                self.repo
                    .find_tree(id)
                    .context(|| "cannot read new tree".into())
            })
            .transpose()?;
        let root = root.or(base_tree.as_ref());
        tree::with_file(&self.repo, root, &path, blob)
    }

    fn with_initial_config(&self, root: Option<&Tree<'_>>) -> Result<Oid, Error> {
        let text = crate::team::TeamConfig::default().to_toml();
        self.with_config_text(root, &text)
    }

    fn with_config_text(&self, root: Option<&Tree<'_>>, text: &str) -> Result<Oid, Error> {
        let blob = self
            .repo
            .blob(text.as_bytes())
            .context(|| format!("cannot write {CONFIG_FILE}"))?;
        tree::with_blob(&self.repo, root, CONFIG_FILE, blob)
    }

    /// Runs `build` against the current tip and publishes its commit by
    /// compare-and-swap, re-running it on the new tip when the ref moved.
    ///
    /// `build` returns `None` when there is nothing to commit.
    fn commit_change<T, E: From<Error>>(
        &self,
        who: &Identities,
        now: Timestamp,
        mut build: impl FnMut(Option<&Tree<'_>>) -> Result<Option<Change<T>>, E>,
    ) -> Result<Option<(Oid, T)>, E> {
        self.refuse_checked_out()?;
        let author = signature(&who.author, now)?;
        let committer = signature(&who.committer, now)?;
        for attempt in 0..MAX_ATTEMPTS {
            let tip = self.tip()?;
            let root = tip
                .as_ref()
                .map(|c| {
                    c.tree()
                        .context(|| format!("cannot read the tree of {}", self.refname))
                })
                .transpose()?;
            let Some(change) = build(root.as_ref())? else {
                return Ok(None);
            };
            let parents: Vec<_> = tip.iter().collect();
            let buffer = commit_bytes(&self.repo, (&author, &committer), &change, &parents)?;
            let commit = loose::write(&self.repo, ObjectType::Commit, &buffer)?;
            if self.swap_ref(tip.as_ref().map(|c| c.id()), commit)? {
                return Ok(Some((commit, change.result)));
            }
            back_off(attempt, commit);
        }
        Err(self.lost_race(MAX_ATTEMPTS).into())
    }

    /// Like [`Store::commit_change`] for a change of many tickets: `build`
    /// runs on a handle of the repository whose new objects stay in memory,
    /// they are written as one pack (see `pack`), and only then does the
    /// ref move, so a crash leaves no change or a complete one.
    fn commit_packed<T>(
        &self,
        who: &Identities,
        now: Timestamp,
        mut build: impl FnMut(&Store, Option<&Tree<'_>>) -> Result<Option<Change<T>>, Error>,
    ) -> Result<Option<(Oid, T)>, Error> {
        self.refuse_checked_out()?;
        let author = signature(&who.author, now)?;
        let committer = signature(&who.committer, now)?;
        for attempt in 0..MAX_ATTEMPTS {
            let tip = self.tip()?.map(|c| c.id());
            let made = self.in_one_pack(|batch, _| {
                let parent = tip
                    .map(|id| batch.repo.find_commit(id))
                    .transpose()
                    .context(|| format!("cannot read the tip of {}", batch.refname))?;
                let root = parent
                    .as_ref()
                    .map(|c| c.tree())
                    .transpose()
                    .context(|| format!("cannot read the tree of {}", batch.refname))?;
                let Some(change) = build(batch, root.as_ref())? else {
                    return Ok(None);
                };
                let parents: Vec<_> = parent.iter().collect();
                let buffer = commit_bytes(&batch.repo, (&author, &committer), &change, &parents)?;
                let commit = batch
                    .repo
                    .odb()
                    .and_then(|odb| odb.write(ObjectType::Commit, &buffer))
                    .context(|| "cannot write commit".into())?;
                Ok(Some((commit, change.result)))
            })?;
            let Some((commit, result)) = made else {
                return Ok(None);
            };
            if self.swap_ref(tip, commit)? {
                return Ok(Some((commit, result)));
            }
            back_off(attempt, commit);
        }
        Err(self.lost_race(MAX_ATTEMPTS))
    }

    /// Changes `tk.toml` and commits it.
    ///
    /// `change` gets the current text (`None` when there is none) and
    /// returns the new text, or `None` when nothing changes; it runs again
    /// on the new tip when another writer moved the ref meanwhile. Returns
    /// the new commit, if any.
    pub fn write_config<E: From<Error>>(
        &self,
        who: &Identities,
        now: Timestamp,
        action: &str,
        mut change: impl FnMut(Option<&str>) -> Result<Option<String>, E>,
    ) -> Result<Option<String>, E> {
        let made = self.commit_change(who, now, |root| -> Result<_, E> {
            let current = match root {
                Some(root) => tree::read_blob(&self.repo, root, CONFIG_FILE)?
                    .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned()),
                None => None,
            };
            let Some(text) = change(current.as_deref())? else {
                return Ok(None);
            };
            if current.as_deref() == Some(text.as_str()) {
                return Ok(None);
            }
            Ok(Some(Change {
                tree: self.with_config_text(root, &text)?,
                message: format!("tk: {action}\n\nTk-Action: {action}\n"),
                result: (),
            }))
        })?;
        Ok(made.map(|(commit, ())| commit.to_string()))
    }

    /// Moves the ref from `old` to `new`; returns false when it no longer
    /// points at `old` (or is locked by another writer).
    pub(super) fn swap_ref(&self, old: Option<Oid>, new: Oid) -> Result<bool, Error> {
        let log = "tk: update tickets";
        let result = match old {
            Some(old) => self
                .repo
                .reference_matching(&self.refname, new, true, old, log),
            None => self.repo.reference(&self.refname, new, false, log),
        };
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.code() == ErrorCode::Locked => match self.ref_lock() {
                // A writer holds the lock for milliseconds; one that has
                // been there for seconds was left by a killed process and
                // would make every write retry in vain.
                Some((path, age)) if age >= STALE_LOCK => Err(Error::StaleLock {
                    refname: self.refname.clone(),
                    path,
                    age,
                }),
                _ => Ok(false),
            },
            Err(e) if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists) => Ok(false),
            Err(e) => Err(e).context(|| format!("cannot update {}", self.refname)),
        }
    }

    /// Returns the ref's lock file and its age, when there is one.
    pub(super) fn ref_lock(&self) -> Option<(std::path::PathBuf, Duration)> {
        let path = self.repo.commondir().join(format!("{}.lock", self.refname));
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        let age = modified.elapsed().unwrap_or(Duration::ZERO);
        Some((path, age))
    }

    /// Returns the error for a write that kept losing the race: the lock
    /// file when one is still there (whatever its age), else contention.
    pub(super) fn lost_race(&self, attempts: u32) -> Error {
        match self.ref_lock() {
            Some((path, age)) => Error::StaleLock {
                refname: self.refname.clone(),
                path,
                age,
            },
            None => Error::Contention {
                refname: self.refname.clone(),
                attempts,
            },
        }
    }

    /// Refuses to write a branch that a worktree has checked out: its
    /// files and index would silently go stale.
    pub(super) fn refuse_checked_out(&self) -> Result<(), Error> {
        if !self.refname.starts_with("refs/heads/") {
            return Ok(());
        }
        // Reads the HEAD files directly rather than opening every worktree
        // as a repository: this runs on every write, and git's format for
        // a symbolic HEAD (`ref: refs/heads/…`) is stable.
        let common = self.repo.commondir();
        let mut heads: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
        let bare = self
            .repo
            .config()
            .and_then(|c| c.get_bool("core.bare"))
            .unwrap_or(false);
        if !bare {
            let main = common.parent().unwrap_or(common).to_path_buf();
            heads.push((main, common.join("HEAD")));
        }
        if let Ok(names) = self.repo.worktrees() {
            for name in names.iter().flatten() {
                if let Ok(worktree) = self.repo.find_worktree(name) {
                    heads.push((
                        worktree.path().to_path_buf(),
                        common.join("worktrees").join(name).join("HEAD"),
                    ));
                }
            }
        }
        let wanted = format!("ref: {}", self.refname);
        for (worktree, head) in heads {
            let points_here =
                std::fs::read_to_string(&head).is_ok_and(|text| text.trim() == wanted);
            if points_here {
                return Err(Error::CheckedOut {
                    refname: self.refname.clone(),
                    worktree,
                });
            }
        }
        Ok(())
    }
}

pub(super) fn signature(who: &Identity, now: Timestamp) -> Result<Signature<'static>, Error> {
    Signature::new(&who.name, &who.email, &git2::Time::new(now.unix(), 0))
        .context(|| format!("invalid git identity `{}`", who.display()))
}

/// Returns the structured commit message: a readable subject, then the
/// trailers scripts read with `git log --format=%(trailers)`.
/// Returns the bytes of the commit of `change` (its tree read from `repo`)
/// on `parents`, by `who` (author, committer).
fn commit_bytes<T>(
    repo: &git2::Repository,
    who: (&Signature<'_>, &Signature<'_>),
    change: &Change<T>,
    parents: &[&git2::Commit<'_>],
) -> Result<git2::Buf, Error> {
    let tree = repo
        .find_tree(change.tree)
        .context(|| "cannot read new tree".into())?;
    repo.commit_create_buffer(who.0, who.1, &change.message, &tree, parents)
        .context(|| "cannot write commit".into())
}

/// Waits a little before the next attempt at a commit, after another
/// writer moved the ref: longer with each attempt, with a jitter taken from
/// the commit that lost, so that parallel scripts do not retry in lockstep.
fn back_off(attempt: u32, commit: Oid) {
    let jitter = u64::from(commit.as_bytes()[0] % 8);
    std::thread::sleep(Duration::from_millis(
        1 + u64::from(attempt.min(10)) * 2 + jitter,
    ));
}

/// Returns a ticket's path in the tree and its file, checked to be within
/// the limits and to read back.
fn ticket_text(ticket: &Ticket) -> Result<(String, String), Error> {
    let path = codec::ticket_path(ticket.id());
    let text = codec::encode_checked(ticket).map_err(|cause| Error::Unwritable {
        path: path.clone(),
        cause,
    })?;
    Ok((path, text))
}

fn message(action: &str, short_id: &str, ticket: &Ticket) -> String {
    let title: String = ticket
        .state()
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(72)
        .collect();
    format!(
        "tk: {action} {short_id} \"{title}\"\n\nTk-Action: {action}\nTk-Ticket: {}\n",
        ticket.id()
    )
}
