//! The compact binary format of a bundled dataset (`assets/*.atlas`).
//!
//! Layout, all integers little-endian or LEB128 varints:
//!
//! ```text
//! magic    8 bytes  "ARMSATLS"
//! version  u16      FORMAT_VERSION
//! length   u32      byte length of the body
//! hash     u64      FNV-1a 64 of the body: the content hash that permalinks pin
//! body:
//!   title, note                         strings (length-prefixed UTF-8)
//!   releases:  n, then per release: year, generated, format, first year, last year
//!   strings:   n, then each string (designations, descriptions, comments)
//!   entities:  n, then per entity: name, kind
//!   deals:     n, then one column after another (release, id, supplier, …)
//!   deliveries: n, sorted by (deal, year), then one column after another
//! ```
//!
//! **An earlier release.** One more block of the same layout may follow the first: the
//! same kind of data from an earlier SIPRI release, for the delivery years the first
//! block's newer release revised (the bundled subset carries the 2024 release's
//! 1995–2023 rows after its own). Only the changes view and the timeline's overlay read
//! it. The first block is byte for byte what it would be alone, so its content hash (and
//! every link pinned to it) does not depend on what follows; a decoder that knows only
//! one block reads the first and ignores the rest. Anything after the first block that is
//! not one valid block is an error.
//!
//! Column-wise varints keep the file small before compression and make it compress
//! well after. The decoder checks every id against its table and every code against its
//! enum, and reports the byte offset of the first problem; it never panics.
//!
//! The files here are private: every item is reached as `store::bundle::Item`.

use thiserror::Error;

use crate::model::Dataset;

mod read;
mod write;

pub use read::decode;
pub use write::{encode, encode_with_earlier};

/// File signature.
pub const MAGIC: &[u8; 8] = b"ARMSATLS";
/// Bumped whenever the layout changes; old files then fail with a clear message.
pub const FORMAT_VERSION: u16 = 1;

const HEADER_LEN: usize = 8 + 2 + 4 + 8;
/// Years are stored as offsets from this one.
const YEAR_BASE: u16 = 1900;

/// What a bundle says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleMeta {
    pub version: u16,
    /// FNV-1a 64 of the body.
    pub hash: u64,
    /// What the subset is, e.g. "Deliveries to mainland Southeast Asia, 1950–2024".
    pub title: String,
    /// How the releases were combined (the 1994/1995 seam).
    pub note: String,
}

impl BundleMeta {
    /// The content hash as 16 hex digits, as it appears in permalinks.
    pub fn hash_hex(&self) -> String {
        format!("{:016x}", self.hash)
    }
}

/// A decoded bundle.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub meta: BundleMeta,
    pub dataset: Dataset,
    /// The earlier release's block, when the file carries one (see the module docs).
    pub earlier: Option<Box<EarlierRelease>>,
}

/// An earlier SIPRI release carried beside a dataset, for comparison: its own title,
/// note and content hash (what a link made with that release pins), and its rows.
#[derive(Debug, Clone)]
pub struct EarlierRelease {
    pub meta: BundleMeta,
    pub dataset: Dataset,
}

/// Why a bundle could not be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BundleError {
    #[error("not an Arms Atlas dataset (the first bytes are not \"ARMSATLS\")")]
    BadMagic,
    #[error("dataset format version {found}; this build reads version {FORMAT_VERSION}")]
    Version { found: u16 },
    #[error("the dataset file is truncated: {needed} bytes expected, {found} present")]
    Truncated { needed: usize, found: usize },
    #[error("the dataset file is corrupt: its content hash does not match")]
    HashMismatch,
    #[error("corrupt dataset at byte {offset}: {what}")]
    Corrupt { offset: usize, what: String },
}

/// FNV-1a, 64 bit: tiny, deterministic, and enough to tell two datasets apart.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Reads the header only: version, length and hash, without decoding the body.
pub(crate) fn peek_meta_hash(bytes: &[u8]) -> Result<(u16, u64), BundleError> {
    if bytes.len() < HEADER_LEN {
        if bytes.len() >= 8 && &bytes[..8] != MAGIC {
            return Err(BundleError::BadMagic);
        }
        return Err(BundleError::Truncated {
            needed: HEADER_LEN,
            found: bytes.len(),
        });
    }
    if &bytes[..8] != MAGIC {
        return Err(BundleError::BadMagic);
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    let hash = u64::from_le_bytes(
        bytes[14..22]
            .try_into()
            .map_err(|_| BundleError::BadMagic)?,
    );
    Ok((version, hash))
}
