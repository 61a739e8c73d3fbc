//! The tickets ref in git: the only module that uses git2.
//!
//! Tickets live as files on one ref (default `refs/heads/tk/tickets`),
//! never in the working tree, index or `HEAD`. Every change is one commit
//! on that ref, published by compare-and-swap and re-applied on the new tip
//! when another writer got there first.

mod attachments;
mod cache;
mod durability;
mod error;
mod history;
mod identity;
mod loose;
mod pack;
mod reconcile;
mod remote;
mod tree;
mod tree_format;
mod tree_merge;
mod write;

pub use cache::{Found, HeadRow, Kept, Progress, ScanRow, Scanned};
pub use error::Error;
pub use history::LogEntry;
pub use identity::{Identities, Identity};
pub use remote::{Integration, Remote, RemoteUrls, TicketChanges};
pub use write::Written;

use crate::codec::{self, Decoded};
use crate::model::{short_len, Clocks, State, Ticket, TicketId};
use crate::team::TeamConfig;
use error::GitContext;
use git2::{Commit, Oid, Repository, Tree};
use std::path::{Path, PathBuf};

/// The ref tickets live on unless `git config tk.ref` says otherwise.
pub const DEFAULT_REF: &str = "refs/heads/tk/tickets";

/// The team configuration file at the root of the tickets tree.
pub const CONFIG_FILE: &str = "tk.toml";

/// The largest `tk.toml` tk reads, in bytes: room for hundreds of members
/// with skills and every policy, and a bound on what one hostile file costs
/// every teammate's commands.
pub const MAX_CONFIG_BYTES: u64 = 256 * 1024;

/// The most team members `tk.toml` may list (teams are 2 to 30 people).
pub const MAX_MEMBERS: usize = 1_000;

/// The directory holding the sharded ticket files.
const TICKETS_DIR: &str = "tickets";

/// The directory holding attachment bytes, as `attachments/<id>/<name>`.
const ATTACHMENTS_DIR: &str = "attachments";

/// An open repository and the ref tk works on.
pub struct Store {
    repo: Repository,
    refname: String,
}

/// A ticket read from the ref.
#[derive(Debug)]
pub struct Loaded {
    /// The ticket, with any hand edit of its file turned into events.
    pub ticket: Ticket,
    /// How many characters of its id to show.
    pub short_len: usize,
    /// Whether the file had been edited outside tk; the events that
    /// express the edit are committed with the next change.
    pub reconciled: bool,
}

impl Loaded {
    /// Returns the short id to show.
    pub fn short_id(&self) -> &str {
        self.ticket.id().prefix(self.short_len)
    }
}

/// A listed ticket.
#[derive(Clone, Debug)]
pub struct Listed {
    /// Its current state; boxed, so that the lists of 40,000 rows that a
    /// big desk's `tk list` filters and sorts move pointers, not states.
    pub state: Box<State>,
    /// Its waiting periods and reopens, for SLA clocks and reports.
    pub clocks: Clocks,
    /// How many characters of its id to show.
    pub short_len: usize,
}

/// A ticket file that could not be read while listing.
#[derive(Clone, Debug)]
pub struct Broken {
    /// Its path in the tree.
    pub path: String,
    /// Why it cannot be read.
    pub message: String,
}

/// Every ticket on the ref.
#[derive(Debug, Default)]
pub struct Listing {
    /// The readable tickets, in no particular order.
    pub tickets: Vec<Listed>,
    /// The files that could not be read.
    pub broken: Vec<Broken>,
}

impl Store {
    /// Opens the repository containing `dir` (a work tree, a subdirectory,
    /// a linked worktree or a bare repository).
    pub fn discover(dir: &Path) -> Result<Store, Error> {
        skip_hash_verification();
        let repo = Repository::discover(dir).map_err(|_| Error::NotARepository {
            path: dir.to_path_buf(),
        })?;
        let refname = match repo.config().and_then(|c| c.get_string("tk.ref")) {
            Ok(name) if !name.trim().is_empty() => name.trim().to_string(),
            _ => DEFAULT_REF.to_string(),
        };
        if !git2::Reference::is_valid_name(&refname) || !refname.starts_with("refs/") {
            return Err(Error::BadRefName(refname));
        }
        if repo.config().is_ok_and(|c| durability::wants_fsync(&c)) {
            durability::enable_fsync();
        }
        Ok(Store { repo, refname })
    }

    /// Returns the name of the tickets ref.
    pub fn refname(&self) -> &str {
        &self.refname
    }

    /// Returns a machine setting from local git config (`tk.mail.*`): the
    /// value, or `None` when unset. These never go on the ref.
    pub fn local_setting(&self, key: &str) -> Result<Option<String>, Error> {
        use error::GitContext;
        let config = self
            .repo
            .config()
            .context(|| "cannot read git config".to_string())?;
        match config.get_string(key) {
            Ok(value) => Ok(Some(value).filter(|v| !v.trim().is_empty())),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e).context(|| format!("cannot read git config {key}")),
        }
    }

    /// Returns the author and committer for new commits.
    pub fn identities(&self) -> Result<Identities, Error> {
        identity::resolve(&self.repo)
    }

    /// Returns the directory for tk's disposable local files.
    pub fn local_dir(&self) -> PathBuf {
        self.repo.commondir().join("tk")
    }

    /// Returns the blob id (hex) of every ticket file at the tip, by ticket
    /// id: a fingerprint of the whole file, timeline included, that
    /// changes whenever the ticket does. Local indexes (the mail outbox's)
    /// use it to skip tickets they already examined.
    pub fn ticket_blobs(&self) -> Result<std::collections::HashMap<TicketId, String>, Error> {
        let mut blobs = std::collections::HashMap::new();
        let Some(root) = self.tip_tree()? else {
            return Ok(blobs);
        };
        let Some(tickets) = tree::subtree(&self.repo, &root, TICKETS_DIR)? else {
            return Ok(blobs);
        };
        for shard in tickets.iter() {
            let Some(name) = shard.name() else { continue };
            let Some(shard_tree) = tree::subtree(&self.repo, &tickets, name)? else {
                continue;
            };
            for entry in shard_tree.iter() {
                let id = entry
                    .name()
                    .and_then(|n| n.strip_suffix(".toml"))
                    .and_then(|n| TicketId::parse(n).ok());
                if let Some(id) = id {
                    blobs.insert(id, entry.id().to_string());
                }
            }
        }
        Ok(blobs)
    }

    /// Returns the commit the ref points at, if the ref exists.
    fn tip(&self) -> Result<Option<Commit<'_>>, Error> {
        let reference = match self.repo.find_reference(&self.refname) {
            Ok(r) => r,
            Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(e).context(|| format!("cannot read {}", self.refname)),
        };
        reference
            .peel_to_commit()
            .map(Some)
            .context(|| format!("{} does not point at a commit", self.refname))
    }

    /// Returns the tree of the tip commit, if the ref exists.
    fn tip_tree(&self) -> Result<Option<Tree<'_>>, Error> {
        self.tip()?
            .map(|commit| {
                commit
                    .tree()
                    .context(|| format!("cannot read the tree of {}", self.refname))
            })
            .transpose()
    }

    /// Returns the ids in a shard whose names start with `prefix`, and all
    /// ids in the shard (for short-id lengths).
    fn shard_ids(&self, root: &Tree<'_>, shard: &str) -> Result<Vec<TicketId>, Error> {
        let Some(tickets) = tree::subtree(&self.repo, root, TICKETS_DIR)? else {
            return Ok(Vec::new());
        };
        let Some(shard_tree) = tree::subtree(&self.repo, &tickets, shard)? else {
            return Ok(Vec::new());
        };
        Ok(shard_tree
            .iter()
            .filter_map(|entry| {
                entry
                    .name()
                    .and_then(|n| n.strip_suffix(".toml"))
                    .map(str::to_string)
            })
            .filter_map(|name| TicketId::parse(&name).ok())
            .collect())
    }

    /// Finds the ticket whose id starts with `prefix`.
    ///
    /// A prefix that is not a valid [`crate::model::TicketPrefix`] matches
    /// nothing; it is checked here, not trusted.
    /// Fails with [`Error::NotFound`] or [`Error::Ambiguous`] (naming the
    /// candidates) and [`Error::Malformed`] when the file cannot be read.
    pub fn find(&self, prefix: &str) -> Result<Loaded, Error> {
        let root = self
            .tip_tree()?
            .ok_or_else(|| Error::NotFound(prefix.to_string()))?;
        self.find_in(&root, prefix)
    }

    fn find_in(&self, root: &Tree<'_>, prefix: &str) -> Result<Loaded, Error> {
        // Validated here rather than trusted: a prefix that is not one
        // matches no ticket, and its shard is never sliced out of raw text.
        let prefix = match crate::model::TicketPrefix::parse(prefix) {
            Ok(valid) if valid.as_str() == prefix => valid,
            _ => return Err(Error::NotFound(prefix.to_string())),
        };
        let ids = self.shard_ids(root, prefix.shard())?;
        let matches: Vec<&TicketId> = ids.iter().filter(|id| prefix.matches(id)).collect();
        match matches.as_slice() {
            [] => Err(Error::NotFound(prefix.to_string())),
            [id] => {
                let (ticket, reconciled) = self.load(root, id)?;
                let short_len = short_len(id, &ids);
                Ok(Loaded {
                    ticket,
                    short_len,
                    reconciled,
                })
            }
            many => Err(Error::Ambiguous {
                prefix: prefix.to_string(),
                candidates: many
                    .iter()
                    .map(|id| {
                        let len = short_len(id, &ids);
                        match self.load(root, id) {
                            Ok((t, _)) => format!("{} \"{}\"", id.prefix(len), t.state().title),
                            Err(_) => id.prefix(len).to_string(),
                        }
                    })
                    .collect(),
            }),
        }
    }

    /// Reads and decodes one ticket file, turning a hand edit into events.
    fn load(&self, root: &Tree<'_>, id: &TicketId) -> Result<(Ticket, bool), Error> {
        let path = codec::ticket_path(id);
        let (blob, bytes) = tree::read_blob(&self.repo, root, &path)?
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let decoded = self.decode(&path, &bytes)?;
        self.check_path(&path, &decoded.ticket)?;
        self.settle(&path, blob, decoded)
    }

    /// Refuses a ticket file whose id does not match its path: the name or
    /// the shard of another ticket. Such a file is broken for every command
    /// alike (list names it, show and writes refuse it), so it is never a
    /// write target for the ticket it holds.
    pub(crate) fn check_path(&self, path: &str, ticket: &Ticket) -> Result<(), Error> {
        let expected = codec::ticket_path(ticket.id());
        if path == expected {
            return Ok(());
        }
        Err(Error::Malformed {
            path: path.to_string(),
            refname: self.refname.clone(),
            cause: codec::DecodeError::Field(format!(
                "it holds ticket {}, whose file is {expected}",
                ticket.id()
            )),
        })
    }

    fn decode(&self, path: &str, bytes: &[u8]) -> Result<Decoded, Error> {
        let malformed = |cause| Error::Malformed {
            path: path.to_string(),
            refname: self.refname.clone(),
            cause,
        };
        let text = std::str::from_utf8(bytes)
            .map_err(|e| malformed(codec::DecodeError::Field(format!("not UTF-8: {e}"))))?;
        codec::decode(text).map_err(malformed)
    }

    /// Returns the ticket of a decoded file; when its state was edited
    /// outside tk, the edit is added as events by the commit's author.
    fn settle(&self, path: &str, blob: Oid, decoded: Decoded) -> Result<(Ticket, bool), Error> {
        if decoded.is_consistent() {
            return Ok((decoded.ticket, false));
        }
        let tip = self.tip()?.expect("a ticket was read, so the ref exists");
        self.settle_at(&tip, path, blob, decoded)
    }

    /// Like `settle`, looking for the hand edit in the history of `tip`.
    fn settle_at(
        &self,
        tip: &Commit<'_>,
        path: &str,
        blob: Oid,
        decoded: Decoded,
    ) -> Result<(Ticket, bool), Error> {
        if decoded.is_consistent() {
            return Ok((decoded.ticket, false));
        }
        let ticket = reconcile::hand_edit(&self.repo, tip, path, blob, decoded)?;
        Ok((ticket, true))
    }

    /// Returns the text of `tk.toml` at the tip, if there is one.
    pub fn config_text(&self) -> Result<Option<String>, Error> {
        let Some(root) = self.tip_tree()? else {
            return Ok(None);
        };
        let Some(entry) = root.get_name(CONFIG_FILE) else {
            return Ok(None);
        };
        if let Some(kind) = tree::not_a_file(&entry) {
            return Err(Error::WrongKind {
                path: CONFIG_FILE.to_string(),
                kind,
            });
        }
        let blob = tree::blob_within(&self.repo, entry.id(), CONFIG_FILE, MAX_CONFIG_BYTES)?;
        Ok(Some(String::from_utf8_lossy(blob.content()).into_owned()))
    }

    /// Returns the team configuration at the tip (defaults when there is
    /// no `tk.toml`).
    pub fn team_config(&self) -> Result<TeamConfig, Error> {
        let text = self.config_text()?;
        let config = TeamConfig::parse(text.as_deref()).map_err(|cause| Error::Config {
            refname: self.refname.clone(),
            cause,
        })?;
        if config.members.len() > MAX_MEMBERS {
            return Err(Error::TooManyMembers {
                refname: self.refname.clone(),
                count: config.members.len(),
                limit: MAX_MEMBERS,
            });
        }
        Ok(config)
    }

    /// Returns every link on the ref as (source ticket, link), from a small
    /// cache file beside the list cache, so finding the tickets that link
    /// to one does not decode every state.
    pub fn links(&self) -> Result<Vec<(TicketId, crate::model::Link)>, Error> {
        let Some(root) = self.tip_tree()? else {
            return Ok(Vec::new());
        };
        let Some(tickets) = tree::subtree(&self.repo, &root, TICKETS_DIR)? else {
            return Ok(Vec::new());
        };
        cache::links(self, &tickets)
    }

    /// Lists every ticket, reading through the local cache.
    pub fn list(&self) -> Result<Listing, Error> {
        self.list_where(|_| true)
    }

    /// Lists the tickets whose status is `wanted` (and every file that
    /// cannot be read), decoding only those from the cache.
    pub fn list_where(
        &self,
        wanted: impl Fn(crate::model::Status) -> bool + Sync,
    ) -> Result<Listing, Error> {
        self.list_with(&wanted, None)
    }

    /// Like [`Store::list_where`], reporting the progress of a cache
    /// rebuild (a first list, or one after the cache was deleted).
    pub fn list_with(
        &self,
        wanted: &(dyn Fn(crate::model::Status) -> bool + Sync),
        progress: Option<Progress<'_>>,
    ) -> Result<Listing, Error> {
        let Some(tickets) = self.tickets_tree()? else {
            return Ok(Listing {
                broken: self.not_a_tickets_dir()?,
                ..Listing::default()
            });
        };
        let mut listing = cache::list(self, &tickets, wanted, progress)?;
        listing.broken.extend(strays(&tickets));
        Ok(listing)
    }

    /// Hands every ticket whose status is `wanted` to `visit`, decoded
    /// from the cache one at a time and in parallel, and keeps what it
    /// returns (with every file that cannot be read). What `tk list` uses:
    /// a visitor keeps only what the output needs, not whole states.
    pub fn scan<T: Send>(
        &self,
        wanted: &(dyn Fn(crate::model::Status) -> bool + Sync),
        progress: Option<Progress<'_>>,
        visit: &(dyn Fn(ScanRow<'_>) -> Option<T> + Sync),
    ) -> Result<Scanned<T>, Error> {
        self.scanned_with(|tickets| cache::scan(self, tickets, wanted, progress, visit))
    }

    /// Like [`Store::scan`], but hands `visit` only the head of each state
    /// (id, status, priority, times) and its bytes to keep: for a list
    /// that filters by status only and prints the rows it keeps whole.
    pub fn scan_heads<T: Send>(
        &self,
        wanted: &(dyn Fn(crate::model::Status) -> bool + Sync),
        progress: Option<Progress<'_>>,
        visit: &(dyn Fn(HeadRow<'_>) -> Option<T> + Sync),
    ) -> Result<Scanned<T>, Error> {
        self.scanned_with(|tickets| cache::scan_heads(self, tickets, wanted, progress, visit))
    }

    /// Runs a scan of the cache over the tickets tree at the tip, and adds
    /// the stray entries beside the shards to what it found broken; with
    /// no tickets tree, returns what stands in its place as broken.
    fn scanned_with<T>(
        &self,
        scan: impl FnOnce(&Tree<'_>) -> Result<Scanned<T>, Error>,
    ) -> Result<Scanned<T>, Error> {
        let Some(tickets) = self.tickets_tree()? else {
            let mut scanned = Scanned::default();
            scanned.broken = self.not_a_tickets_dir()?;
            return Ok(scanned);
        };
        let mut scanned = scan(&tickets)?;
        scanned.broken.extend(strays(&tickets));
        Ok(scanned)
    }

    /// Searches the titles, descriptions, comments and resolutions of the
    /// tickets whose status is `wanted`, through the cache's search text.
    pub fn search(
        &self,
        query: &crate::search::Query,
        wanted: &(dyn Fn(crate::model::Status) -> bool + Sync),
        progress: Option<Progress<'_>>,
    ) -> Result<Found, Error> {
        let Some(tickets) = self.tickets_tree()? else {
            return Ok(Found {
                broken: self.not_a_tickets_dir()?,
                ..Found::default()
            });
        };
        let mut found = cache::search(self, &tickets, query, wanted, progress)?;
        found.broken.extend(strays(&tickets));
        Ok(found)
    }

    /// Names a `tickets` entry at the tip that is not a directory.
    fn not_a_tickets_dir(&self) -> Result<Vec<Broken>, Error> {
        let Some(root) = self.tip_tree()? else {
            return Ok(Vec::new());
        };
        Ok(root
            .get_name(TICKETS_DIR)
            .map(|_| Broken {
                path: TICKETS_DIR.to_string(),
                message: "is not a directory; no ticket can be read".to_string(),
            })
            .into_iter()
            .collect())
    }

    /// Returns the `tickets/` tree at the tip, if there is one.
    fn tickets_tree(&self) -> Result<Option<Tree<'_>>, Error> {
        let Some(root) = self.tip_tree()? else {
            return Ok(None);
        };
        tree::subtree(&self.repo, &root, TICKETS_DIR)
    }
}

/// Turns off libgit2's re-hashing of every object it reads, once per
/// process.
///
/// Safe because nothing is trusted that was not already: git itself never
/// re-hashes an object it reads (only `git fsck` and the receiving side of
/// a fetch or push do, and the indexer hashes every object of a fetched
/// pack once); every object tk writes is named by its hash as it is
/// written; zlib's Adler-32 still refuses a damaged stream; and the cache
/// checks its own bytes and can be deleted at any time. The check was 3 %
/// of `tk show` and 7 to 11 % of a cold `tk list` (SHA-1 with collision
/// detection over every blob; docs/performance.md).
fn skip_hash_verification() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

/// Names what sits in `tickets/` besides shard directories (a shard
/// replaced by a file with plain git): named, not silently skipped.
fn strays(tickets: &Tree<'_>) -> Vec<Broken> {
    tickets
        .iter()
        .filter(|entry| entry.kind() != Some(git2::ObjectType::Tree))
        .map(|entry| Broken {
            path: format!("{TICKETS_DIR}/{}", entry.name().unwrap_or("?")),
            message: tree::not_a_file(&entry).map_or(
                "is a file where a shard directory belongs".to_string(),
                |_| "is not a shard directory".to_string(),
            ),
        })
        .collect()
}
