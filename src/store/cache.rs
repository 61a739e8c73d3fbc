//! The read cache behind `tk list`.
//!
//! Decoding every ticket file on each list would be slow at 100k tickets.
//! The cache maps each shard's tree id to the states of its files, keyed by
//! blob id, so it is never stale: anything that changes a file (tk, a plain
//! `git fetch`, a hand edit) changes the ids, and only the shards whose ids
//! changed are read again. It lives in `.git/tk/` and can be deleted at any
//! time.

use super::error::{Error, GitContext};
use super::{Broken, Listed, Listing, Store};
use crate::model::{short_len, Clocks, Link, State, Status, TicketId};
use git2::{ObjectType, Oid, Tree};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;

/// Bumped whenever the cached layout or the meaning of a state changes.
const FORMAT: &str = concat!("tk-cache-8-", env!("CARGO_PKG_VERSION"));

#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    format: String,
    /// The `tickets/` tree the shards describe: when it has not changed,
    /// the cache is used as it is, without comparing shards.
    #[serde(with = "serde_bytes")]
    tickets_tree: Vec<u8>,
    shards: Vec<CachedShard>,
}

#[derive(Serialize, Deserialize)]
struct CachedShard {
    name: String,
    #[serde(with = "serde_bytes")]
    tree: Vec<u8>,
    rows: Vec<CachedRow>,
}

/// One ticket file. Its state is kept as encoded bytes beside its status
/// and links, so a list of open tickets decodes only those: most tickets
/// of a long-lived desk are closed.
#[derive(Serialize, Deserialize)]
struct CachedRow {
    file: String,
    #[serde(with = "serde_bytes")]
    blob: Vec<u8>,
    /// How many characters of the id to show, unique within the shard.
    short_len: u8,
    /// `None` when the file cannot be read; `data` is then the error.
    status: Option<Status>,
    links: Vec<Link>,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

impl CachedRow {
    fn new(file: &str, blob: Oid, read: Result<(State, Clocks), String>) -> CachedRow {
        let (status, links, data) = match read {
            Ok(entry) => (
                Some(entry.0.status),
                entry.0.links.clone(),
                postcard::to_allocvec(&entry).expect("states serialize to memory"),
            ),
            Err(message) => (None, Vec::new(), message.into_bytes()),
        };
        CachedRow {
            file: file.to_string(),
            blob: blob.as_bytes().to_vec(),
            short_len: 0,
            status,
            links,
            data,
        }
    }

    /// Returns the ticket id the file is named after.
    fn id(&self) -> Option<TicketId> {
        TicketId::parse(self.file.strip_suffix(".toml")?).ok()
    }
}

/// Every link between tickets, for `tk show` to find the tickets linking to
/// one without decoding every state: a small file beside the cache.
#[derive(Serialize, Deserialize, Default)]
struct LinksFile {
    format: String,
    #[serde(with = "serde_bytes")]
    tickets_tree: Vec<u8>,
    links: Vec<(TicketId, Link)>,
}

/// Lists the tickets in the `tickets/` tree whose status is `wanted`, and
/// every broken file.
pub(super) fn list(
    store: &Store,
    tickets: &Tree<'_>,
    wanted: &dyn Fn(Status) -> bool,
) -> Result<Listing, Error> {
    Ok(listing(refresh(store, tickets)?.shards, wanted))
}

/// Returns every link as (source ticket, link), reading the small links
/// file when it describes `tickets`, and refreshing the cache when not.
pub(super) fn links(store: &Store, tickets: &Tree<'_>) -> Result<Vec<(TicketId, Link)>, Error> {
    let path = cache_path(store, "links.bin");
    let file = read::<LinksFile>(&path);
    if file.format == FORMAT && file.tickets_tree == tickets.id().as_bytes() {
        return Ok(file.links);
    }
    let links = all_links(&refresh(store, tickets)?);
    let _ = write(
        &path,
        &LinksFile {
            format: FORMAT.to_string(),
            tickets_tree: tickets.id().as_bytes().to_vec(),
            links: links.clone(),
        },
    );
    Ok(links)
}

/// Returns the cache for `tickets`: the file as it is when it describes
/// that tree, else brought up to date (re-reading only the shards whose
/// tree changed) and written back with the links file.
fn refresh(store: &Store, tickets: &Tree<'_>) -> Result<CacheFile, Error> {
    let path = cache_path(store, "bin");
    let old = Some(read::<CacheFile>(&path))
        .filter(|cache| cache.format == FORMAT)
        .unwrap_or_default();
    let tickets_tree = tickets.id().as_bytes().to_vec();
    if old.tickets_tree == tickets_tree {
        return Ok(old);
    }
    let mut old_shards: HashMap<String, CachedShard> = old
        .shards
        .into_iter()
        .map(|s| (s.name.clone(), s))
        .collect();
    let mut shards = Vec::with_capacity(tickets.len());
    for entry in tickets.iter() {
        let (Some(name), Some(ObjectType::Tree)) = (entry.name(), entry.kind()) else {
            continue;
        };
        match old_shards.remove(name) {
            Some(cached) if cached.tree == entry.id().as_bytes() => shards.push(cached),
            cached => {
                let tree = store
                    .repo
                    .find_tree(entry.id())
                    .context(|| format!("cannot read tickets/{name}"))?;
                shards.push(read_shard(store, name, &tree, cached)?);
            }
        }
    }
    let cache = CacheFile {
        format: FORMAT.to_string(),
        tickets_tree,
        shards,
    };
    // A cache that cannot be written only costs speed next time.
    let _ = write(&path, &cache);
    let _ = write(
        &cache_path(store, "links.bin"),
        &LinksFile {
            format: FORMAT.to_string(),
            tickets_tree: cache.tickets_tree.clone(),
            links: all_links(&cache),
        },
    );
    Ok(cache)
}

/// Returns every link of the cached tickets.
fn all_links(cache: &CacheFile) -> Vec<(TicketId, Link)> {
    cache
        .shards
        .iter()
        .flat_map(|s| &s.rows)
        .filter(|row| !row.links.is_empty())
        .filter_map(|row| Some((row.id()?, &row.links)))
        .flat_map(|(id, links)| links.iter().map(move |l| (id.clone(), l.clone())))
        .collect()
}

fn read_shard(
    store: &Store,
    name: &str,
    tree: &Tree<'_>,
    cached: Option<CachedShard>,
) -> Result<CachedShard, Error> {
    let mut known: HashMap<Vec<u8>, CachedRow> = cached
        .map(|s| s.rows.into_iter().map(|r| (r.blob.clone(), r)).collect())
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(tree.len());
    for entry in tree.iter() {
        let Some(file) = entry.name().filter(|n| n.ends_with(".toml")) else {
            continue;
        };
        if let Some(row) = known.remove(entry.id().as_bytes()) {
            if row.file == file {
                rows.push(row);
                continue;
            }
        }
        let path = format!("tickets/{name}/{file}");
        let read = match super::tree::not_a_file(&entry) {
            Some(kind) => Err(kind),
            None => read_state(store, &path, entry.id()),
        };
        rows.push(CachedRow::new(file, entry.id(), read));
    }
    // Short ids are unique within the shard, since its files share the
    // first two characters; worked out once here, not on every list.
    let ids: Vec<TicketId> = rows.iter().filter_map(CachedRow::id).collect();
    for row in &mut rows {
        let len = row.id().map_or(16, |id| short_len(&id, &ids));
        row.short_len = u8::try_from(len).expect("ids are 16 characters");
    }
    Ok(CachedShard {
        name: name.to_string(),
        tree: tree.id().as_bytes().to_vec(),
        rows,
    })
}

/// Decodes one file to its state; a broken file yields its error message.
fn read_state(store: &Store, path: &str, blob: Oid) -> Result<(State, Clocks), String> {
    let load = || -> Result<(State, Clocks), Error> {
        let bytes = super::tree::blob_within(&store.repo, blob, path, super::tree::MAX_READ_BYTES)?;
        let decoded = store.decode(path, bytes.content())?;
        store.check_path(path, &decoded.ticket)?;
        let (ticket, _) = store.settle(path, blob, decoded)?;
        Ok((ticket.state().clone(), ticket.clocks().clone()))
    };
    load().map_err(|e| match e {
        Error::Malformed { cause, .. } => cause.to_string(),
        other => other.to_string(),
    })
}

fn listing(shards: Vec<CachedShard>, wanted: &dyn Fn(Status) -> bool) -> Listing {
    let mut listing = Listing::default();
    for shard in shards {
        for row in shard.rows {
            let decoded = match row.status {
                Some(status) if !wanted(status) => continue,
                Some(_) => {
                    postcard::from_bytes::<(State, Clocks)>(&row.data).map_err(|e| e.to_string())
                }
                None => Err(String::from_utf8_lossy(&row.data).into_owned()),
            };
            match decoded {
                Ok((state, clocks)) => listing.tickets.push(Listed {
                    short_len: usize::from(row.short_len),
                    state,
                    clocks,
                }),
                Err(message) => listing.broken.push(Broken {
                    path: format!("tickets/{}/{}", shard.name, row.file),
                    message,
                }),
            }
        }
    }
    listing
}

fn cache_path(store: &Store, extension: &str) -> PathBuf {
    let name: String = store
        .refname
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    store
        .local_dir()
        .join("cache")
        .join(format!("{name}.{extension}"))
}

/// Reads a cache file; a missing or unreadable one reads as empty.
fn read<T: serde::de::DeserializeOwned + Default>(path: &PathBuf) -> T {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| postcard::from_bytes::<T>(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the cache atomically, so a concurrent reader sees the old file
/// or the new one, never half of one.
fn write(path: &PathBuf, cache: &impl Serialize) -> Result<(), Error> {
    let io = |context, cause| Error::Io {
        context,
        path: path.clone(),
        cause,
    };
    let dir = path.parent().expect("the cache path has a directory");
    std::fs::create_dir_all(dir).map_err(|e| io("cannot create", e))?;
    let bytes = postcard::to_allocvec(cache).expect("the cache serializes to memory");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".tmp-{}-{name}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io("cannot write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| io("cannot replace", e))
}
