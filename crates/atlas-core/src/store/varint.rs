//! Unsigned LEB128 varints (7 bits per byte, low bits first, the high bit saying "more")
//! and zigzag for signed deltas: the one integer codec of both stored formats.

/// Why a varint could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarintError {
    /// The input ended inside the number; the cursor is at the missing byte.
    End,
    /// More bytes (or bits) than the number's width allows.
    TooLong,
}

/// Appends `v` as an unsigned LEB128 varint.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint of at most 64 bits at `*pos`, advancing it past every byte read. As the
/// bundle format always has, the bits a tenth byte carries beyond 64 are ignored.
pub(crate) fn read_u64(bytes: &[u8], pos: &mut usize) -> Result<u64, VarintError> {
    read(bytes, pos, 10, u8::MAX)
}

/// Reads a varint of at most 32 bits (5 bytes, the last carrying at most 4 bits) at
/// `*pos`, advancing it past every byte read.
pub(crate) fn read_u32(bytes: &[u8], pos: &mut usize) -> Result<u32, VarintError> {
    read(bytes, pos, 5, 0x0F).map(|v| v as u32)
}

/// At most `max_bytes` bytes, the last of which may be at most `last_max`.
fn read(bytes: &[u8], pos: &mut usize, max_bytes: usize, last_max: u8) -> Result<u64, VarintError> {
    let mut v: u64 = 0;
    for i in 0..max_bytes {
        let Some(&b) = bytes.get(*pos) else {
            return Err(VarintError::End);
        };
        *pos += 1;
        if i == max_bytes - 1 && b > last_max {
            return Err(VarintError::TooLong);
        }
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(VarintError::TooLong)
}

/// Maps a signed delta to an unsigned one so that small values of either sign stay small:
/// 0, -1, 1, -2, 2, … become 0, 1, 2, 3, 4, …
pub fn zigzag(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

/// Inverse of [`zigzag`].
pub(crate) fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}
