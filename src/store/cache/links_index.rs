//! The links index: every link on the ref, bucket by bucket.
//!
//! Layout: `MAGIC` (8 bytes), the cache format (u64, little-endian), the
//! CRC-32 of the body (u32), then the body: for each bucket of the cache,
//! its name, the shards it was made from (name and tree id, as a bucket's
//! segments describe them) and its links as `(source id, link)` pairs, all
//! in postcard. A bucket's entry is current exactly when its shards are
//! the ones in the tip's `tickets/` tree, since any change to a ticket file
//! changes its shard's tree id; so a write leaves every other bucket's
//! entry current, and only the buckets it touched are read again. A
//! file that fails a check reads as absent, and so does the index of
//! earlier versions (one entry for the whole `tickets/` tree, magic
//! `tklinks\x01`): it is rebuilt and overwritten.

use super::segment::ShardRef;
use crate::model::{Link, TicketId};
use serde::{Deserialize, Serialize};
use std::path::Path;

const MAGIC: &[u8; 8] = b"tklinks\x02";
/// Bytes before the body: magic, format, CRC.
const PREFIX: usize = 8 + 8 + 4;

/// The links of one bucket, for the shards it was made from.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub(super) struct BucketLinks {
    /// The bucket's name (the first character of its shards).
    pub name: String,
    /// The shards the links were gathered from, in tree order.
    pub shards: Vec<ShardRef>,
    /// Every link of the bucket's tickets, as (source ticket, link).
    pub links: Vec<(TicketId, Link)>,
}

/// Returns the bytes of an index of `buckets`.
pub(super) fn encode(format: u64, buckets: &[BucketLinks]) -> Vec<u8> {
    let body = postcard::to_allocvec(buckets).expect("links serialize to memory");
    let mut out = Vec::with_capacity(PREFIX + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&format.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Returns the buckets of the index at `path` when it is in this format
/// and passes its check; `None` otherwise.
pub(super) fn read(path: &Path, format: u64) -> Option<Vec<BucketLinks>> {
    decode(&std::fs::read(path).ok()?, format)
}

/// Writes index bytes to `path` in place (creating the file when it is
/// missing) rather than by renaming a new file over it.
///
/// Replacing a file frees the old one's blocks, and on a file system that
/// discards freed blocks as it frees them (ext4 without a journal, mounted
/// with `discard`, as on the benchmark machine) the process that replaces
/// it waits for the disk to trim them: milliseconds, on every `tk resolve`.
/// Written in place, the same blocks are used again. A reader that catches
/// the file half-written, or a writer killed halfway, leaves bytes that
/// fail the CRC check, so they read as absent and the links are gathered
/// again, as for any damaged file.
pub(super) fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

/// Decodes index bytes made by [`encode`].
pub(super) fn decode(bytes: &[u8], format: u64) -> Option<Vec<BucketLinks>> {
    let prefix = bytes.get(..PREFIX)?;
    let body = &bytes[PREFIX..];
    let found = u64::from_le_bytes(prefix[8..16].try_into().ok()?);
    let crc = u32::from_le_bytes(prefix[16..20].try_into().ok()?);
    if &prefix[..8] != MAGIC || found != format {
        return None;
    }
    if crc32fast::hash(body) != crc {
        return None;
    }
    postcard::from_bytes(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkRelation;

    fn sample() -> (Vec<BucketLinks>, Vec<u8>) {
        let source = TicketId::parse("abcdefghjkmnpqrs").expect("a valid id");
        let target = TicketId::parse("zyxwvtsrqpnmkjhg").expect("a valid id");
        let buckets = vec![
            BucketLinks {
                name: "a".into(),
                shards: vec![ShardRef {
                    name: "ab".into(),
                    tree: [4; 20],
                }],
                links: vec![(
                    source,
                    Link {
                        relation: LinkRelation::Blocks,
                        target,
                    },
                )],
            },
            BucketLinks {
                name: "z".into(),
                shards: vec![ShardRef {
                    name: "zy".into(),
                    tree: [5; 20],
                }],
                links: Vec::new(),
            },
        ];
        let bytes = encode(9, &buckets);
        (buckets, bytes)
    }

    #[test]
    fn an_index_reads_back_in_its_own_format_only() {
        let (buckets, bytes) = sample();
        assert_eq!(decode(&bytes, 9), Some(buckets));
        assert_eq!(decode(&bytes, 8), None);
    }

    #[test]
    fn the_index_of_earlier_versions_reads_as_absent() {
        // Magic `tklinks\x01`, the format, a tree id, the CRC, one link.
        let (_, bytes) = sample();
        let mut old = b"tklinks\x01".to_vec();
        old.extend_from_slice(&9u64.to_le_bytes());
        old.extend_from_slice(&[4; 20]);
        old.extend_from_slice(&bytes[16..]);
        assert_eq!(decode(&old, 9), None);
    }

    #[test]
    fn every_flipped_byte_of_an_index_is_detected() {
        let (buckets, bytes) = sample();
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert_ne!(
                decode(&bad, 9),
                Some(buckets.clone()),
                "flipping byte {at} went unnoticed"
            );
        }
    }
}
