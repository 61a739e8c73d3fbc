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
//!
//! Before the walk, the ticket files it will decode are listed and decoded
//! (and, where both sides changed one, merged and encoded) by one thread
//! per core, each with its own repository handle ([`prepare`]); the walk
//! takes those results and does inline anything the list missed.
//!
//! Every ticket the merge decoded or wrote is kept with its blob
//! ([`Known`]), so that once the ref has moved, the list cache can take
//! them instead of decoding the same files again (`cache/synced.rs`).
//!
//! The trees and blobs the merge makes are not written as it goes: they
//! are kept by id ([`Fresh`], `tree_merge/fresh.rs`) for the caller to
//! store, as one pack (`pack.rs`).

use super::cache::Known;
use super::error::{Error, GitContext};
use super::{tree, Store, CONFIG_FILE};
use crate::codec;
use crate::merge::{attachment_is_ours, merge_config, merge_tickets, ConfigSide, TicketMerge};
use crate::model::{Ticket, TicketId, Timestamp};
use crate::team::TeamConfig;
use git2::{Commit, FileMode, ObjectType, Oid, Tree, TreeEntry};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

mod fresh;
pub(super) use fresh::Fresh;

/// One side of the merge: its tip commit (for hand-edit authors and times).
pub(super) struct Side<'a, 'r> {
    pub(super) tip: &'a Commit<'r>,
}

/// The merged tree and what was resolved on the way.
pub(super) struct TreeMerge {
    pub(super) tree: Oid,
    pub(super) notes: Vec<String>,
    /// The tickets the merge read or wrote, by blob: what reading each of
    /// those ticket files yields.
    pub(super) known: Known,
    /// The trees and blobs the merge made, not stored yet: `tree` is
    /// readable only once the caller has stored them.
    pub(super) fresh: Fresh,
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
    /// The decoding and merging of ticket files, done ahead on every core.
    prepared: Prepared,
    /// The tickets read or written on the way (see [`TreeMerge::known`]).
    known: Known,
    /// The trees and blobs made on the way (see [`TreeMerge::fresh`]).
    fresh: Fresh,
}

/// The per-file work of a merge, done before the walk by one thread per
/// core (see [`prepare`]); the walk does inline whatever is not here.
#[derive(Default)]
struct Prepared {
    /// Whether a ticket file changed on one side decodes, by path and blob
    /// (with the ticket it reads as, when no hand edit needs settling).
    decodes: HashMap<(String, Oid), Result<Option<Ticket>, String>>,
    /// A ticket file changed on both sides, by path and both blobs.
    tickets: HashMap<(String, Oid, Oid), TicketWork>,
}

/// Both sides of a ticket file changed on both, read, merged and encoded.
struct TicketWork {
    ours: Result<Ticket, String>,
    theirs: Result<Ticket, String>,
    /// The merge and the file text of the ticket kept at the path, with
    /// the ticket that text reads back as, when both sides read.
    merged: Option<(TicketMerge, Encoded)>,
}

/// A merged ticket's file text and the ticket it reads back as, or why it
/// could not be written.
type Encoded = Result<(String, Ticket), codec::DecodeError>;

/// A merge with fewer ticket files to decode than this does them inline:
/// starting threads and opening repositories costs more.
const PREPARE_MIN: usize = 64;

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
    let prepared = prepare(store, base, &ours_tree, &theirs_tree, ours.tip, theirs.tip)?;
    let mut walk = Walk {
        store,
        ours,
        theirs,
        notes: Vec::new(),
        moved: Vec::new(),
        strays: Vec::new(),
        known: Known::with_capacity(prepared.decodes.len() + prepared.tickets.len()),
        prepared,
        fresh: Fresh::default(),
    };
    let mut root = walk.dir("", base, &ours_tree, &theirs_tree)?;
    for ticket in std::mem::take(&mut walk.moved) {
        root = walk.add_moved(root, ticket)?;
    }
    Ok(TreeMerge {
        tree: root,
        notes: walk.notes,
        known: walk.known,
        fresh: walk.fresh,
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
        let mut entries = Vec::with_capacity(names.len());
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
            entries.push((name, id, mode));
            entries.append(&mut self.strays);
        }
        self.fresh.tree(self.repo(), path, entries)
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
    fn decodes(&mut self, path: &str, entry: &TreeEntry<'_>) -> Result<(), String> {
        if let Some(kind) = tree::not_a_file(entry) {
            return Err(format!("{path} is {kind}"));
        }
        let result = match self
            .prepared
            .decodes
            .remove(&(path.to_string(), entry.id()))
        {
            Some(result) => result,
            None => decodes(self.store, path, entry.id()),
        };
        result.map(|ticket| {
            if let Some(ticket) = ticket {
                self.known.insert(entry.id(), path, ticket);
            }
        })
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
        read_ticket(self.store, path, id, tip)
    }

    fn ticket(&mut self, path: &str, ours: Oid, theirs: Oid) -> Result<Oid, Error> {
        let key = (path.to_string(), ours, theirs);
        let work = match self.prepared.tickets.remove(&key) {
            Some(work) => work,
            None => ticket_work(
                self.store,
                path,
                (ours, self.ours.tip),
                (theirs, self.theirs.tip),
            ),
        };
        let (merged, text) = match (work.ours, work.theirs, work.merged) {
            (Ok(_), Ok(_), Some(merged)) => merged,
            (Ok(_), Err(e), _) => return Ok(self.keep_readable(path, ours, theirs, &e)),
            (Err(e), Ok(_), _) => return Ok(self.keep_readable(path, theirs, ours, &e)),
            (Ok(_), Ok(_), None) => unreachable!("two readable sides are always merged"),
            (Err(e), Err(_), _) => {
                let (kept, other) = (ours.min(theirs), ours.max(theirs));
                let beside = self.keep_beside(path, other, FileMode::Blob.into());
                self.notes.push(format!(
                    "{path}: neither version can be read ({e}); kept both as they are, the other as {beside}"
                ));
                return Ok(kept);
            }
        };
        // `text` is the file of the ticket that stays at the path: the
        // merged one, or the one that keeps the id after a split.
        let (text, read_back) = match text {
            Ok((text, ticket)) => (Ok(text), Some(ticket)),
            Err(e) => (Err(e), None),
        };
        match merged {
            TicketMerge::Merged { notes, .. } => {
                self.notes
                    .extend(notes.into_iter().map(|n| format!("{path}: {n}")));
            }
            TicketMerge::Split { kept, moved } => {
                self.notes.push(format!(
                    "{path}: two different tickets were created with id {}; kept both, the later one as {}",
                    kept.id(),
                    moved.id()
                ));
                self.moved.push(*moved);
            }
        }
        let blob = self.write_text(path, text)?;
        if let Some(ticket) = read_back {
            self.known.insert(blob, path, ticket);
        }
        Ok(blob)
    }

    /// Stores a merged ticket's file, refusing one tk could not read back.
    fn write_checked(&mut self, path: &str, ticket: &Ticket) -> Result<Oid, Error> {
        self.write_text(path, codec::encode_checked(ticket))
    }

    /// Stores the text `codec::encode_checked` made of a ticket, or fails
    /// with why it could not.
    fn write_text(
        &mut self,
        path: &str,
        text: Result<String, codec::DecodeError>,
    ) -> Result<Oid, Error> {
        let text = text.map_err(|cause| Error::Unwritable {
            path: path.to_string(),
            cause,
        })?;
        self.fresh.blob(text.into_bytes())
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
        // This rare step goes on with libgit2's tree code, which reads the
        // merged trees back: store what the walk made so far.
        self.fresh.store_all(self.repo())?;
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
        self.fresh.store(self.repo(), blob)?;
        tree::with_blob(self.repo(), Some(&root_tree), &path, blob)
    }
}

/// Returns whether the ticket file `id` at `path` decodes, and why not;
/// with the ticket it reads as when its state is the replay of its
/// timeline (a hand edit is settled by whoever reads it, not here).
fn decodes(store: &Store, path: &str, id: Oid) -> Result<Option<Ticket>, String> {
    let blob = tree::blob_within(&store.repo, id, path, tree::MAX_READ_BYTES)
        .map_err(|e| e.to_string())?;
    let decoded = store
        .decode(path, blob.content())
        .map_err(|e| e.to_string())?;
    store
        .check_path(path, &decoded.ticket)
        .map_err(|e| e.to_string())?;
    Ok(decoded.is_consistent().then_some(decoded.ticket))
}

/// Reads one side's version of a ticket file, hand edits settled as of
/// that side's tip.
fn read_ticket(store: &Store, path: &str, id: Oid, tip: &Commit<'_>) -> Result<Ticket, String> {
    let bytes = tree::blob_within(&store.repo, id, path, tree::MAX_READ_BYTES)
        .map_err(|e| e.to_string())?;
    let decoded = store
        .decode(path, bytes.content())
        .map_err(|e| e.to_string())?;
    store
        .settle_at(tip, path, id, decoded)
        .map(|(ticket, _)| ticket)
        .map_err(|e| e.to_string())
}

/// Reads both sides of a ticket file changed on both and, when both read,
/// merges them and encodes the ticket that stays at the path.
fn ticket_work(
    store: &Store,
    path: &str,
    (ours, ours_tip): (Oid, &Commit<'_>),
    (theirs, theirs_tip): (Oid, &Commit<'_>),
) -> TicketWork {
    let a = read_ticket(store, path, ours, ours_tip);
    let b = read_ticket(store, path, theirs, theirs_tip);
    let merged = match (&a, &b) {
        (Ok(a), Ok(b)) => {
            let merged = merge_tickets(a, b);
            let kept = match &merged {
                TicketMerge::Merged { ticket, .. } => ticket,
                TicketMerge::Split { kept, .. } => kept,
            };
            let text = codec::encode_read_back(kept);
            Some((merged, text))
        }
        _ => None,
    };
    TicketWork {
        ours: a,
        theirs: b,
        merged,
    }
}

/// One ticket file the walk will decode.
enum Job {
    /// Changed on one side: does this version decode?
    Decode(String, Oid),
    /// Changed on both: read, merge and encode (ours, theirs).
    Merge(String, Oid, Oid),
}

/// Finds the ticket files the walk will decode, the way [`Walk::entry`]
/// reaches them (`tickets/<shard>/<name>.toml` files that differ between
/// the sides), and does that work on one thread per core, each with its
/// own repository handle. Anything it misses, the walk does inline.
fn prepare(
    store: &Store,
    base: Option<&Tree<'_>>,
    ours: &Tree<'_>,
    theirs: &Tree<'_>,
    ours_tip: &Commit<'_>,
    theirs_tip: &Commit<'_>,
) -> Result<Prepared, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads <= 1 {
        return Ok(Prepared::default());
    }
    let jobs = plan(store, base, ours, theirs)?;
    if jobs.len() < PREPARE_MIN {
        return Ok(Prepared::default());
    }
    let path = store.repo.path().to_path_buf();
    let refname = store.refname.clone();
    let tips = (ours_tip.id(), theirs_tip.id());
    let next = AtomicUsize::new(0);
    // Sized once: each entry holds a whole ticket, which growing the map
    // by doubling would move again and again.
    let one_sided = jobs.iter().filter(|j| matches!(j, Job::Decode(..))).count();
    let prepared = Mutex::new(Prepared {
        decodes: HashMap::with_capacity(one_sided),
        tickets: HashMap::with_capacity(jobs.len() - one_sided),
    });
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let work = || -> Result<(), Error> {
                    let repo = git2::Repository::open(&path)
                        .context(|| format!("cannot open {}", path.display()))?;
                    let own = Store {
                        repo,
                        refname: refname.clone(),
                    };
                    let find = |id| {
                        own.repo
                            .find_commit(id)
                            .context(|| format!("cannot read commit {id}"))
                    };
                    let (ours_tip, theirs_tip) = (find(tips.0)?, find(tips.1)?);
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(n) else {
                            return Ok(());
                        };
                        match job {
                            Job::Decode(path, id) => {
                                let result = decodes(&own, path, *id);
                                lock(&prepared).decodes.insert((path.clone(), *id), result);
                            }
                            Job::Merge(path, a, b) => {
                                let work =
                                    ticket_work(&own, path, (*a, &ours_tip), (*b, &theirs_tip));
                                lock(&prepared).tickets.insert((path.clone(), *a, *b), work);
                            }
                        }
                    }
                };
                // A thread that cannot open the repository takes no job:
                // the others, or the walk inline, do its share, and the
                // walk reports any error that is real.
                let _ = work();
            });
        }
    });
    Ok(prepared
        .into_inner()
        .expect("no worker panics while holding the lock"))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .expect("no worker panics while holding the lock")
}

/// Lists the ticket files that differ between `ours` and `theirs` under
/// `tickets/`, as the walk will meet them.
fn plan(
    store: &Store,
    base: Option<&Tree<'_>>,
    ours: &Tree<'_>,
    theirs: &Tree<'_>,
) -> Result<Vec<Job>, Error> {
    let repo = &store.repo;
    let dir = super::TICKETS_DIR;
    let (Some(o), Some(t)) = (
        tree::subtree(repo, ours, dir)?,
        tree::subtree(repo, theirs, dir)?,
    ) else {
        return Ok(Vec::new());
    };
    if o.id() == t.id() {
        return Ok(Vec::new());
    }
    let b = match base {
        Some(base) => tree::subtree(repo, base, dir)?,
        None => None,
    };
    let mut jobs = Vec::new();
    for shard in o.iter() {
        let Some(name) = shard.name() else { continue };
        let Some(other) = t.get_name(name) else {
            continue;
        };
        if shard.id() == other.id() {
            continue;
        }
        let (Some(os), Some(ts)) = (
            tree::subtree(repo, &o, name)?,
            tree::subtree(repo, &t, name)?,
        ) else {
            continue;
        };
        let bs = match &b {
            Some(b) => tree::subtree(repo, b, name)?,
            None => None,
        };
        let is_blob = |e: &TreeEntry<'_>| e.kind() == Some(ObjectType::Blob);
        for file in os.iter().chain(ts.iter()) {
            let Some(file_name) = file.name() else {
                continue;
            };
            if !file_name.ends_with(".toml") {
                continue;
            }
            let (Some(oe), Some(te)) = (os.get_name(file_name), ts.get_name(file_name)) else {
                continue;
            };
            if oe.id() == te.id() || !is_blob(&oe) || !is_blob(&te) {
                continue;
            }
            // Each name is met twice (once per side): plan it once.
            if file.id() != oe.id() {
                continue;
            }
            let path = format!("{dir}/{name}/{file_name}");
            let base_id = bs
                .as_ref()
                .and_then(|b| b.get_name(file_name))
                .map(|e| e.id());
            if base_id == Some(te.id()) {
                jobs.push(Job::Decode(path, oe.id()));
            } else if base_id == Some(oe.id()) {
                jobs.push(Job::Decode(path, te.id()));
            } else {
                jobs.push(Job::Merge(path, oe.id(), te.id()));
            }
        }
    }
    Ok(jobs)
}

#[cfg(test)]
mod tests;
