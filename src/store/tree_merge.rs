//! Merging two tips' trees against their merge base.
//!
//! The walk is three-way only to skip work: a subtree or file that is the
//! same on both sides, or unchanged on one side, is taken whole, so syncing
//! 1,000 changes on a 100,000-ticket ref reads only the shards involved.
//! Where both sides changed a file, tickets merge by timeline union
//! ([`crate::merge`]), `tk.toml` per key, and attachments keep both sides'
//! files by name; one name attached differently on both sides keeps the
//! bytes of the attachment that replays last, which is the one the merged
//! ticket describes. A path present on one side only is kept: tk never
//! deletes, so a missing file is never a reason to lose one.

use super::error::{Error, GitContext};
use super::{tree, Store, CONFIG_FILE};
use crate::codec;
use crate::merge::{attachment_is_ours, merge_config, merge_tickets, ConfigSide, TicketMerge};
use crate::model::{Ticket, TicketId, Timestamp};
use crate::team::TeamConfig;
use git2::{Commit, FileMode, ObjectType, Oid, Tree, TreeEntry};

/// One side of the merge: its tip commit (for hand-edit authors and times).
pub(super) struct Side<'a, 'r> {
    pub(super) tip: &'a Commit<'r>,
}

/// The merged tree and what was resolved on the way.
pub(super) struct TreeMerge {
    pub(super) tree: Oid,
    pub(super) notes: Vec<String>,
}

struct Walk<'s, 'a, 'r> {
    store: &'s Store,
    ours: Side<'a, 'r>,
    theirs: Side<'a, 'r>,
    notes: Vec<String>,
    /// Tickets moved to a new id by a split, written after the walk.
    moved: Vec<Ticket>,
    /// Entries to add beside the entry being merged (name, id, mode): a
    /// version that must stay on the ref under another name.
    strays: Vec<(String, Oid, i32)>,
}

/// Merges the trees of `ours` and `theirs` with `base` (the merge base's
/// tree, if any).
pub(super) fn merge(
    store: &Store,
    base: Option<&Tree<'_>>,
    ours: Side<'_, '_>,
    theirs: Side<'_, '_>,
) -> Result<TreeMerge, Error> {
    let ours_tree = ours.tip.tree().context(|| "cannot read our tree".into())?;
    let theirs_tree = theirs
        .tip
        .tree()
        .context(|| "cannot read their tree".into())?;
    let mut walk = Walk {
        store,
        ours,
        theirs,
        notes: Vec::new(),
        moved: Vec::new(),
        strays: Vec::new(),
    };
    let mut root = walk.dir("", base, &ours_tree, &theirs_tree)?;
    for ticket in std::mem::take(&mut walk.moved) {
        root = walk.add_moved(root, ticket)?;
    }
    Ok(TreeMerge {
        tree: root,
        notes: walk.notes,
    })
}

impl<'s> Walk<'s, '_, '_> {
    fn repo(&self) -> &'s git2::Repository {
        &self.store.repo
    }

    fn dir(
        &mut self,
        path: &str,
        base: Option<&Tree<'_>>,
        ours: &Tree<'_>,
        theirs: &Tree<'_>,
    ) -> Result<Oid, Error> {
        let mut names: Vec<String> = ours
            .iter()
            .chain(theirs.iter())
            .filter_map(|e| e.name().map(str::to_string))
            .collect();
        names.sort();
        names.dedup();
        let mut builder = self
            .repo()
            .treebuilder(None)
            .context(|| "cannot build tree".into())?;
        for name in names {
            let entry_path = format!("{path}{name}");
            let base_entry = base.and_then(|b| b.get_name(&name));
            let (id, mode) = match (ours.get_name(&name), theirs.get_name(&name)) {
                (Some(o), Some(t)) => self.entry(&entry_path, base_entry.as_ref(), &o, &t)?,
                (Some(only), None) | (None, Some(only)) => {
                    if base_entry.is_some() {
                        // The other side removed it with plain git: tk
                        // never deletes, so it stays.
                        self.notes.push(format!(
                            "{entry_path} was removed outside tk on one side; kept it"
                        ));
                    }
                    (only.id(), only.filemode())
                }
                (None, None) => unreachable!("the name came from one of the trees"),
            };
            builder
                .insert(&name, id, mode)
                .context(|| format!("cannot add {entry_path} to the merged tree"))?;
            for (stray, id, mode) in std::mem::take(&mut self.strays) {
                builder
                    .insert(&stray, id, mode)
                    .context(|| format!("cannot add {path}{stray} to the merged tree"))?;
            }
        }
        builder
            .write()
            .context(|| "cannot write the merged tree".into())
    }

    fn entry(
        &mut self,
        path: &str,
        base: Option<&TreeEntry<'_>>,
        ours: &TreeEntry<'_>,
        theirs: &TreeEntry<'_>,
    ) -> Result<(Oid, i32), Error> {
        let base_id = base.map(|b| b.id());
        let is_tree = |e: &TreeEntry<'_>| e.kind() == Some(ObjectType::Tree);
        if ours.id() != theirs.id() && is_tree(ours) != is_tree(theirs) {
            // Checked before the one-sided shortcuts: taking a directory
            // replaced by a file whole would delete every ticket in it.
            return self.kind_change(path, ours, theirs);
        }
        if ours.id() == theirs.id() {
            return Ok((ours.id(), ours.filemode()));
        }
        // A file changed on one side only is taken as it is. A directory
        // changed on one side only is walked all the same (its unchanged
        // entries are skipped by id, nothing is read), because that side
        // may have removed files with plain git, and tk never deletes.
        if !is_tree(ours) || !is_tree(theirs) {
            let changed = if Some(theirs.id()) == base_id {
                Some((ours, theirs))
            } else if Some(ours.id()) == base_id {
                Some((theirs, ours))
            } else {
                None
            };
            if let Some((changed, unchanged)) = changed {
                return Ok(self.one_sided(path, changed, unchanged));
            }
        }
        if is_tree(ours) && is_tree(theirs) {
            let find = |id| {
                self.repo()
                    .find_tree(id)
                    .context(|| format!("cannot read {path}"))
            };
            let base_tree = base
                .filter(|b| is_tree(b))
                .map(|b| find(b.id()))
                .transpose()?;
            let (o, t) = (find(ours.id())?, find(theirs.id())?);
            let id = self.dir(&format!("{path}/"), base_tree.as_ref(), &o, &t)?;
            return Ok((id, FileMode::Tree.into()));
        }
        let blob_mode = FileMode::Blob.into();
        if path == CONFIG_FILE {
            return Ok((self.config(base_id, ours.id(), theirs.id())?, blob_mode));
        }
        if path.starts_with("tickets/")
            && path.ends_with(".toml")
            && !is_tree(ours)
            && !is_tree(theirs)
        {
            return Ok((self.ticket(path, ours.id(), theirs.id())?, blob_mode));
        }
        if let Some(kept) = self.attachment(path, ours, theirs) {
            return Ok((kept.id(), kept.filemode()));
        }
        // Two different files under one name that tk does not know how to
        // combine (a symlink against a file, two versions of a file tk
        // does not own): keep one at the path and the other beside it,
        // the same way on every clone, and say so.
        let (kept, other) = if ours.id() < theirs.id() {
            (ours, theirs)
        } else {
            (theirs, ours)
        };
        let beside = self.keep_beside(path, other.id(), other.filemode());
        self.notes.push(format!(
            "{path} differs on both sides; kept the version {} there and the other as {beside}",
            kept.id()
        ));
        Ok((kept.id(), kept.filemode()))
    }

    /// Takes a file changed on one side only, unless it is a ticket file
    /// that can no longer be read while the other side's version can: then
    /// the readable version stays at the path and the changed one is kept
    /// beside it, so a broken push never takes a ticket off the tip.
    fn one_sided(
        &mut self,
        path: &str,
        changed: &TreeEntry<'_>,
        unchanged: &TreeEntry<'_>,
    ) -> (Oid, i32) {
        let take = (changed.id(), changed.filemode());
        if !(path.starts_with("tickets/") && path.ends_with(".toml")) {
            return take;
        }
        let Err(error) = self.decodes(path, changed) else {
            return take;
        };
        if self.decodes(path, unchanged).is_err() {
            return take;
        }
        let beside = self.keep_beside(path, changed.id(), changed.filemode());
        self.notes.push(format!(
            "{path}: one side's new version cannot be read ({error}); kept the readable one, and the new one as {beside} until someone repairs it"
        ));
        (unchanged.id(), unchanged.filemode())
    }

    /// Returns whether a ticket file entry decodes, and why not.
    fn decodes(&self, path: &str, entry: &TreeEntry<'_>) -> Result<(), String> {
        if let Some(kind) = tree::not_a_file(entry) {
            return Err(format!("{path} is {kind}"));
        }
        let blob = tree::blob_within(self.repo(), entry.id(), path, tree::MAX_READ_BYTES)
            .map_err(|e| e.to_string())?;
        let decoded = self
            .store
            .decode(path, blob.content())
            .map_err(|e| e.to_string())?;
        self.store
            .check_path(path, &decoded.ticket)
            .map_err(|e| e.to_string())
    }

    /// Picks between two different files attached under the same name
    /// (`attachments/<id>/<name>`): the side whose `attach` of it replays
    /// last, so the bytes match the merged ticket's attachment entry.
    /// Returns `None` for other paths or when neither ticket says.
    fn attachment<'e>(
        &mut self,
        path: &str,
        ours: &'e TreeEntry<'e>,
        theirs: &'e TreeEntry<'e>,
    ) -> Option<&'e TreeEntry<'e>> {
        let (id, name) = path.strip_prefix("attachments/")?.split_once('/')?;
        let id = TicketId::parse(id).ok()?;
        let ticket_path = codec::ticket_path(&id);
        let side_ticket = |tip: &Commit<'_>| -> Option<Ticket> {
            let root = tip.tree().ok()?;
            let (blob, _) = tree::read_blob(self.repo(), &root, &ticket_path).ok()??;
            self.read_ticket(&ticket_path, blob, tip).ok()
        };
        let (a, b) = (side_ticket(self.ours.tip)?, side_ticket(self.theirs.tip)?);
        let kept = if attachment_is_ours(&a, &b, name)? {
            ours
        } else {
            theirs
        };
        self.notes.push(format!(
            "{path} was attached on both sides; kept the later attachment"
        ));
        Some(kept)
    }

    fn blob_text(&self, id: Oid) -> Result<String, Error> {
        let blob = tree::blob_within(self.repo(), id, CONFIG_FILE, super::MAX_CONFIG_BYTES)?;
        Ok(String::from_utf8_lossy(blob.content()).into_owned())
    }

    fn config(&mut self, base: Option<Oid>, ours: Oid, theirs: Oid) -> Result<Oid, Error> {
        let base_text = base.map(|id| self.blob_text(id)).transpose()?;
        let (a, b) = (self.blob_text(ours)?, self.blob_text(theirs)?);
        let time = |c: &Commit<'_>| Timestamp::clamped(c.time().seconds());
        let (side_a, side_b) = (
            ConfigSide {
                text: Some(&a),
                time: time(self.ours.tip),
            },
            ConfigSide {
                text: Some(&b),
                time: time(self.theirs.tip),
            },
        );
        let (text, notes) = merge_config(base_text.as_deref(), side_a, side_b);
        self.notes.extend(notes);
        // Write a valid merge the way `tk config set` writes, so the file
        // keeps its header and key order.
        let text = match TeamConfig::parse(Some(&text)) {
            Ok(config) => config.to_toml(),
            Err(e) => {
                // Two valid sides can merge into an invalid file (one moved
                // business_hours.start past the end the other moved), and
                // then every command that needs the config would fail on
                // every clone. Treat it like a key both changed: the later
                // side's file wins whole (the same side on every clone).
                let (later, earlier) = if (side_a.time, side_a.text) > (side_b.time, side_b.text) {
                    (&a, &b)
                } else {
                    (&b, &a)
                };
                match [later, earlier]
                    .into_iter()
                    .find(|t| TeamConfig::parse(Some(t)).is_ok())
                {
                    Some(valid) => {
                        self.notes.push(format!(
                            "tk.toml merged per key is not valid ({e}); kept the {} side's file whole",
                            if valid == later { "later" } else { "earlier" }
                        ));
                        valid.clone()
                    }
                    None => {
                        self.notes.push(format!(
                            "tk.toml is not valid on either side ({e}); fix it with `tk config edit`"
                        ));
                        text
                    }
                }
            }
        };
        self.repo()
            .blob(text.as_bytes())
            .context(|| "cannot write tk.toml".into())
    }

    /// Reads one side's version of a ticket file, hand edits settled as of
    /// that side's tip.
    fn read_ticket(&self, path: &str, id: Oid, tip: &Commit<'_>) -> Result<Ticket, String> {
        let bytes = tree::blob_within(self.repo(), id, path, tree::MAX_READ_BYTES)
            .map_err(|e| e.to_string())?;
        let decoded = self
            .store
            .decode(path, bytes.content())
            .map_err(|e| e.to_string())?;
        self.store
            .settle_at(tip, path, id, decoded)
            .map(|(ticket, _)| ticket)
            .map_err(|e| e.to_string())
    }

    fn ticket(&mut self, path: &str, ours: Oid, theirs: Oid) -> Result<Oid, Error> {
        let a = self.read_ticket(path, ours, self.ours.tip);
        let b = self.read_ticket(path, theirs, self.theirs.tip);
        let merged = match (a, b) {
            (Ok(a), Ok(b)) => merge_tickets(&a, &b),
            (Ok(_), Err(e)) => return Ok(self.keep_readable(path, ours, theirs, &e)),
            (Err(e), Ok(_)) => return Ok(self.keep_readable(path, theirs, ours, &e)),
            (Err(e), Err(_)) => {
                let (kept, other) = (ours.min(theirs), ours.max(theirs));
                let beside = self.keep_beside(path, other, FileMode::Blob.into());
                self.notes.push(format!(
                    "{path}: neither version can be read ({e}); kept both as they are, the other as {beside}"
                ));
                return Ok(kept);
            }
        };
        let ticket = match merged {
            TicketMerge::Merged { ticket, notes } => {
                self.notes
                    .extend(notes.into_iter().map(|n| format!("{path}: {n}")));
                *ticket
            }
            TicketMerge::Split { kept, moved } => {
                self.notes.push(format!(
                    "{path}: two different tickets were created with id {}; kept both, the later one as {}",
                    kept.id(),
                    moved.id()
                ));
                self.moved.push(*moved);
                *kept
            }
        };
        self.write_checked(path, &ticket)
    }

    /// Stores a merged ticket's file, refusing one tk could not read back.
    fn write_checked(&self, path: &str, ticket: &Ticket) -> Result<Oid, Error> {
        let text = codec::encode_checked(ticket).map_err(|cause| Error::Unwritable {
            path: path.to_string(),
            cause,
        })?;
        self.repo()
            .blob(text.as_bytes())
            .context(|| format!("cannot write {path}"))
    }

    /// Keeps the readable version of a ticket at its path and the broken
    /// one beside it, where `tk list` names it until someone repairs it.
    fn keep_readable(&mut self, path: &str, readable: Oid, broken: Oid, error: &str) -> Oid {
        let beside = self.keep_beside(path, broken, FileMode::Blob.into());
        self.notes.push(format!(
            "{path}: one side's version cannot be read ({error}); kept the readable one, and the other as {beside} until someone repairs it"
        ));
        readable
    }

    /// Adds `id` beside the entry at `path` under a name derived from the
    /// entry's own id, the same on every clone; returns its path. Under
    /// `tickets/` the name ends in `.toml`, so `tk list` reports it.
    fn keep_beside(&mut self, path: &str, id: Oid, mode: i32) -> String {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let stem = name.strip_suffix(".toml").unwrap_or(name);
        let short = &id.to_string()[..12];
        let stray = if path.starts_with("tickets/") {
            format!("{stem}.broken-{short}.toml")
        } else {
            format!("{stem}.broken-{short}")
        };
        self.strays.push((stray.clone(), id, mode));
        if dir.is_empty() {
            stray
        } else {
            format!("{dir}/{stray}")
        }
    }

    /// Merges an entry that is a directory on one side and something else
    /// (a file, a symlink, a gitlink) on the other. Nothing is deleted: a
    /// ticket path keeps the file and the directory moves beside it; any
    /// other path keeps the directory, and the other entry moves beside it
    /// (into the shard, for a shard replaced by a file, so `tk list`
    /// names it).
    fn kind_change(
        &mut self,
        path: &str,
        ours: &TreeEntry<'_>,
        theirs: &TreeEntry<'_>,
    ) -> Result<(Oid, i32), Error> {
        let (tree, other) = if ours.kind() == Some(ObjectType::Tree) {
            (ours, theirs)
        } else {
            (theirs, ours)
        };
        let is_ticket_path = path.starts_with("tickets/") && path.ends_with(".toml");
        if is_ticket_path {
            let beside = self.keep_beside(path, tree.id(), tree.filemode());
            self.notes.push(format!(
                "{path} is a directory on one side; kept the file, and the directory as {beside}"
            ));
            return Ok((other.id(), other.filemode()));
        }
        let is_shard = path
            .strip_prefix("tickets/")
            .is_some_and(|rest| !rest.contains('/'));
        if is_shard {
            let name = path.rsplit('/').next().unwrap_or(path);
            let stray = format!("{name}.broken-{}.toml", &other.id().to_string()[..12]);
            let kept = self
                .repo()
                .find_tree(tree.id())
                .context(|| format!("cannot read {path}"))?;
            let mut builder = self
                .repo()
                .treebuilder(Some(&kept))
                .context(|| "cannot build tree".into())?;
            builder
                .insert(&stray, other.id(), other.filemode())
                .context(|| format!("cannot add {path}/{stray} to the merged tree"))?;
            let id = builder
                .write()
                .context(|| "cannot write the merged tree".into())?;
            self.notes.push(format!(
                "{path} was replaced by a file on one side; kept its tickets, and the file as {path}/{stray}"
            ));
            return Ok((id, FileMode::Tree.into()));
        }
        let beside = self.keep_beside(path, other.id(), other.filemode());
        self.notes.push(format!(
            "{path} is a directory on one side and a file on the other; kept the directory, and the file as {beside}"
        ));
        Ok((tree.id(), tree.filemode()))
    }

    /// Adds a ticket moved by a split, merging it with any version already
    /// at its new path (another clone may have split it before).
    fn add_moved(&mut self, root: Oid, ticket: Ticket) -> Result<Oid, Error> {
        let path = codec::ticket_path(ticket.id());
        let root_tree = self
            .repo()
            .find_tree(root)
            .context(|| "cannot read merged tree".into())?;
        let ticket = match tree::read_blob(self.repo(), &root_tree, &path)? {
            Some((id, _)) => match self.read_ticket(&path, id, self.ours.tip) {
                Ok(existing) => match merge_tickets(&existing, &ticket) {
                    TicketMerge::Merged { ticket, .. } => *ticket,
                    TicketMerge::Split { kept, .. } => *kept,
                },
                Err(_) => ticket,
            },
            None => ticket,
        };
        let blob = self.write_checked(&path, &ticket)?;
        tree::with_blob(self.repo(), Some(&root_tree), &path, blob)
    }
}
