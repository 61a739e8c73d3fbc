//! One cache segment file: a checksummed header followed by sections.
//!
//! Layout: `MAGIC` (8 bytes), the format (u64, little-endian), the header
//! length and its CRC-32 (u32 each), the header (postcard), then the
//! sections. The header lists each section's kind, offset, length and
//! CRC-32, so a reader reads and checks only the sections it uses: a list
//! of open tickets never touches the bytes of closed ones. A segment that
//! fails a check reads as absent, and its bucket is rebuilt from git.
//!
//! This module owns the byte layout only; it knows nothing of git and must
//! not import git2 or the model beyond the status that names a section.

use crate::model::Status;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

const MAGIC: &[u8; 8] = b"tkcache\x02";

/// Bytes before the header: magic, format, header length, header CRC.
const PREFIX: usize = 8 + 8 + 4 + 4;

/// A header larger than this is not one tk wrote.
const MAX_HEADER: usize = 64 << 20;

/// What a section holds.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// Every row's key, blob id, status and short-id length.
    Dir,
    /// The links of the rows that have any.
    Links,
    /// The normalized search text of every readable row.
    Text,
    /// The rows that cannot be read, with the reason.
    Broken,
    /// The encoded states of the rows with this status.
    Rows(Status),
}

/// A shard the segment describes, by the id of its tree.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub(super) struct ShardRef {
    /// The shard directory's name under `tickets/`.
    pub name: String,
    /// Its tree id.
    pub tree: [u8; 20],
}

/// Where a section lies, and its checksum.
#[derive(Serialize, Deserialize, Clone, Debug)]
struct SectionRef {
    kind: Kind,
    offset: u64,
    len: u64,
    crc: u32,
}

/// What a segment says about itself.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
pub(super) struct Header {
    /// A number that names this segment; a delta names its base by it.
    pub generation: u64,
    /// For a delta, the generation of the base it amends; 0 for a base.
    pub base: u64,
    /// The shards of the bucket, as of this segment.
    pub shards: Vec<ShardRef>,
    /// For a delta, the keys of base rows it replaces or deletes.
    pub removed: Vec<String>,
    sections: Vec<SectionRef>,
}

impl Header {
    /// Returns the header of a segment; its sections are listed by
    /// [`encode`].
    pub fn new(generation: u64, base: u64, shards: Vec<ShardRef>, removed: Vec<String>) -> Header {
        Header {
            generation,
            base,
            shards,
            removed,
            sections: Vec::new(),
        }
    }
}

/// Where a segment's bytes come from.
enum Source {
    File(File),
    Memory(Vec<u8>),
}

/// An open segment: its checked header, its sections read on demand.
pub(super) struct Segment {
    source: Source,
    /// The checked header.
    pub header: Header,
    body_start: u64,
}

/// A section whose bytes do not match their checksum.
#[derive(Debug)]
pub(super) struct Corrupt;

impl Segment {
    /// Opens the segment at `path`; `None` when it is missing, of another
    /// format, or its header fails its checksum.
    pub fn open(path: &Path, format: u64) -> Option<Segment> {
        let mut file = File::open(path).ok()?;
        let mut prefix = [0u8; PREFIX];
        file.read_exact(&mut prefix).ok()?;
        let (len, crc) = parse_prefix(&prefix, format)?;
        let mut header = vec![0u8; len];
        file.read_exact(&mut header).ok()?;
        let header = check_header(&header, crc)?;
        Some(Segment {
            source: Source::File(file),
            header,
            body_start: (PREFIX + len) as u64,
        })
    }

    /// Reads a segment from bytes made by [`encode`].
    pub fn from_bytes(bytes: Vec<u8>, format: u64) -> Option<Segment> {
        let prefix: [u8; PREFIX] = bytes.get(..PREFIX)?.try_into().ok()?;
        let (len, crc) = parse_prefix(&prefix, format)?;
        let header = check_header(bytes.get(PREFIX..PREFIX + len)?, crc)?;
        Some(Segment {
            source: Source::Memory(bytes),
            header,
            body_start: (PREFIX + len) as u64,
        })
    }

    /// Returns the kinds of the sections the segment has.
    pub fn kinds(&self) -> impl Iterator<Item = Kind> + '_ {
        self.header.sections.iter().map(|s| s.kind)
    }

    /// Returns the length in bytes of the section of `kind`, 0 when the
    /// segment has none: what reading it will cost, before reading it.
    pub fn section_len(&self, kind: Kind) -> u64 {
        self.header
            .sections
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.len)
            .sum()
    }

    /// Returns the checked bytes of the section of `kind`, empty when the
    /// segment has none.
    pub fn section(&mut self, kind: Kind) -> Result<Vec<u8>, Corrupt> {
        let Some(section) = self.header.sections.iter().find(|s| s.kind == kind) else {
            return Ok(Vec::new());
        };
        let len = usize::try_from(section.len).map_err(|_| Corrupt)?;
        let start = self.body_start + section.offset;
        let bytes = match &mut self.source {
            Source::File(file) => {
                let mut bytes = vec![0u8; len];
                file.seek(SeekFrom::Start(start)).map_err(|_| Corrupt)?;
                file.read_exact(&mut bytes).map_err(|_| Corrupt)?;
                bytes
            }
            Source::Memory(all) => {
                let start = usize::try_from(start).map_err(|_| Corrupt)?;
                all.get(start..start + len).ok_or(Corrupt)?.to_vec()
            }
        };
        if crc32fast::hash(&bytes) != section.crc {
            return Err(Corrupt);
        }
        Ok(bytes)
    }
}

fn parse_prefix(prefix: &[u8; PREFIX], format: u64) -> Option<(usize, u32)> {
    let word = |at: usize, n: usize| &prefix[at..at + n];
    if word(0, 8) != MAGIC {
        return None;
    }
    let found = u64::from_le_bytes(word(8, 8).try_into().ok()?);
    let len = u32::from_le_bytes(word(16, 4).try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(word(20, 4).try_into().ok()?);
    (found == format && len <= MAX_HEADER).then_some((len, crc))
}

fn check_header(bytes: &[u8], crc: u32) -> Option<Header> {
    if crc32fast::hash(bytes) != crc {
        return None;
    }
    postcard::from_bytes(bytes).ok()
}

/// Returns the bytes of a segment with `header` (its section list is
/// filled in here) and `sections`.
pub(super) fn encode(format: u64, mut header: Header, sections: Vec<(Kind, Vec<u8>)>) -> Vec<u8> {
    let mut offset = 0u64;
    header.sections = sections
        .iter()
        .map(|(kind, bytes)| {
            let section = SectionRef {
                kind: *kind,
                offset,
                len: bytes.len() as u64,
                crc: crc32fast::hash(bytes),
            };
            offset += bytes.len() as u64;
            section
        })
        .collect();
    let head = postcard::to_allocvec(&header).expect("headers serialize to memory");
    let body: usize = sections.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(PREFIX + head.len() + body);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&format.to_le_bytes());
    let len = u32::try_from(head.len()).expect("a header is far below 4 GiB");
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&head).to_le_bytes());
    out.extend_from_slice(&head);
    for (_, bytes) in sections {
        out.extend_from_slice(&bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let header = Header {
            generation: 7,
            shards: vec![ShardRef {
                name: "ab".into(),
                tree: [3; 20],
            }],
            ..Header::default()
        };
        encode(
            1,
            header,
            vec![
                (Kind::Dir, b"directory".to_vec()),
                (Kind::Rows(Status::New), b"new rows".to_vec()),
            ],
        )
    }

    #[test]
    fn sections_read_back() {
        let mut segment = Segment::from_bytes(sample(), 1).expect("valid");
        assert_eq!(segment.header.generation, 7);
        assert_eq!(segment.section(Kind::Dir).expect("ok"), b"directory");
        assert_eq!(
            segment.section(Kind::Rows(Status::New)).expect("ok"),
            b"new rows"
        );
        assert!(segment.section(Kind::Text).expect("ok").is_empty());
    }

    #[test]
    fn another_format_reads_as_absent() {
        assert!(Segment::from_bytes(sample(), 2).is_none());
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let bytes = sample();
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            let intact = Segment::from_bytes(bad, 1).and_then(|mut s| {
                let dir = s.section(Kind::Dir).ok()?;
                let rows = s.section(Kind::Rows(Status::New)).ok()?;
                Some((dir, rows))
            });
            assert!(
                intact != Some((b"directory".to_vec(), b"new rows".to_vec())),
                "flipping byte {at} went unnoticed"
            );
        }
    }
}
