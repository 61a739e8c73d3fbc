//! The links index: every link on the ref, for one `tickets/` tree.
//!
//! Layout: `MAGIC` (8 bytes), the cache format (u64, little-endian), the
//! id of the `tickets/` tree it was made from (20 bytes), the CRC-32 of
//! the body (u32), then the body: the links as postcard `(source id,
//! link)` pairs. It is current exactly when its tree id is the tip's, since
//! any change to any ticket file changes that id; a file that fails a
//! check reads as absent.

use crate::model::{Link, TicketId};
use std::path::Path;

const MAGIC: &[u8; 8] = b"tklinks\x01";
/// Bytes before the body: magic, format, tree id, CRC.
const PREFIX: usize = 8 + 8 + 20 + 4;

/// Returns the bytes of an index of `links` made from `tree`.
pub(super) fn encode(format: u64, tree: &[u8; 20], links: &[(TicketId, Link)]) -> Vec<u8> {
    let body = postcard::to_allocvec(links).expect("links serialize to memory");
    let mut out = Vec::with_capacity(PREFIX + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&format.to_le_bytes());
    out.extend_from_slice(tree);
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Returns the links of the index at `path` when it was made from
/// `tree` in this format and passes its check; `None` otherwise.
pub(super) fn read(path: &Path, format: u64, tree: &[u8; 20]) -> Option<Vec<(TicketId, Link)>> {
    decode(&std::fs::read(path).ok()?, format, tree)
}

/// Decodes index bytes made by [`encode`].
pub(super) fn decode(bytes: &[u8], format: u64, tree: &[u8; 20]) -> Option<Vec<(TicketId, Link)>> {
    let prefix = bytes.get(..PREFIX)?;
    let body = &bytes[PREFIX..];
    let found = u64::from_le_bytes(prefix[8..16].try_into().ok()?);
    let crc = u32::from_le_bytes(prefix[36..40].try_into().ok()?);
    if &prefix[..8] != MAGIC || found != format || &prefix[16..36] != tree {
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

    fn sample() -> (Vec<(TicketId, Link)>, Vec<u8>) {
        let source = TicketId::parse("abcdefghjkmnpqrs").expect("a valid id");
        let target = TicketId::parse("zyxwvtsrqpnmkjhg").expect("a valid id");
        let links = vec![(
            source,
            Link {
                relation: LinkRelation::Blocks,
                target,
            },
        )];
        let bytes = encode(9, &[4; 20], &links);
        (links, bytes)
    }

    #[test]
    fn an_index_reads_back_for_its_own_tree_only() {
        let (links, bytes) = sample();
        assert_eq!(decode(&bytes, 9, &[4; 20]), Some(links));
        assert_eq!(decode(&bytes, 9, &[5; 20]), None);
        assert_eq!(decode(&bytes, 8, &[4; 20]), None);
    }

    #[test]
    fn every_flipped_byte_of_an_index_is_detected() {
        let (links, bytes) = sample();
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            assert_ne!(
                decode(&bad, 9, &[4; 20]),
                Some(links.clone()),
                "flipping byte {at} went unnoticed"
            );
        }
    }
}
