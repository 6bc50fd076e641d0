//! The world map asset (`assets/world.map`): the encoder and decoder of
//! [`crate::geo::world::WorldMap`].
//!
//! The encoder and the decoder live side by side so that the byte layout is written down
//! exactly once; `cargo xtask map` builds a [`WorldMap`] and calls [`WorldMap::encode`],
//! and the browser calls [`WorldMap::decode`] on the fetched bytes.
//!
//! # Byte layout (format version 1)
//!
//! All integers marked *varint* are unsigned LEB128 (7 bits per byte, low bits first, at
//! most 5 bytes, so at most `u32::MAX`). *zigzag* varints carry signed deltas: 0, -1, 1,
//! -2, 2, … map to 0, 1, 2, 3, 4, … so that small deltas of either sign take one byte.
//!
//! ```text
//! magic            4 bytes  "AAWM" (Arms Atlas World Map)
//! version          u8       1
//! units_per_degree varint   quantization grid: one unit is 1/units_per_degree of a degree
//! source_len       varint   then source_len bytes of UTF-8: where the geometry comes from
//! country_count    varint
//! country_count times:
//!   id             u16 LE   ISO 3166-1 numeric code, 0 when the feature has none
//!   name_len       varint   then name_len bytes of UTF-8
//!   ring_count     varint   at least 1
//!   ring_count times:
//!     point_count  varint   at least 3; the ring is implicitly closed (last point != first)
//!     point_count times: zigzag dlon, zigzag dlat
//! ```
//!
//! Coordinates are integers on the quantization grid, each point stored as the difference
//! from the previous point. The running position starts at (0, 0) at the start of every
//! country and carries over from one ring to the next inside a country, which keeps the
//! first point of each ring small without making countries depend on each other.
//!
//! Rings carry no exterior/hole flag (see [`crate::geo::world`]).

use thiserror::Error;

use super::varint::{self, unzigzag, zigzag, VarintError};
use crate::geo::world::{Country, WorldMap};

/// The four magic bytes that open every world map asset.
pub const MAGIC: [u8; 4] = *b"AAWM";

/// The only format version this build reads and writes. Bump it on any layout change:
/// an old client then reports [`MapError::UnsupportedVersion`] instead of drawing garbage.
pub const FORMAT_VERSION: u8 = 1;

/// The finest quantization grid the format accepts. Beyond it an `f32` longitude no longer
/// rounds back to the same grid unit, and encode → decode would stop being exact.
pub const MAX_UNITS_PER_DEGREE: u32 = 10_000;

/// The longest name or source note the encoder writes, in bytes. It is generous for any
/// country name and keeps a corrupt length from asking for a huge string.
pub(crate) const MAX_TEXT_BYTES: usize = 4096;

/// Smallest number of bytes one country can occupy (id, empty name, one ring of three
/// one-byte points). The decoder uses it to reject counts the remaining input cannot hold.
const MIN_COUNTRY_BYTES: usize = 2 + 1 + 1 + 1 + 3 * 2;

/// Smallest number of bytes one ring can occupy (count plus three one-byte points).
const MIN_RING_BYTES: usize = 1 + 3 * 2;

/// Everything [`WorldMap::decode`] can reject. Each variant names the byte offset where
/// the problem was found, so a corrupt or truncated download can be diagnosed from the
/// message alone.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MapError {
    #[error("byte {offset}: not an Arms Atlas world map (the file does not start with \"AAWM\")")]
    BadMagic { offset: usize },
    #[error("byte {offset}: world map format version {found} is not supported (this build reads version {supported})")]
    UnsupportedVersion {
        offset: usize,
        found: u8,
        supported: u8,
    },
    #[error("byte {offset}: the data ends before {what} is complete")]
    Truncated { offset: usize, what: &'static str },
    #[error("byte {offset}: {what} is not a valid varint (longer than 5 bytes or above u32::MAX)")]
    BadVarint { offset: usize, what: &'static str },
    #[error("byte {offset}: {what} is not valid UTF-8")]
    BadUtf8 { offset: usize, what: &'static str },
    #[error("byte {offset}: {what} is {value}, expected {expected}")]
    OutOfRange {
        offset: usize,
        what: &'static str,
        value: i64,
        expected: &'static str,
    },
    #[error("byte {offset}: {count} unexpected bytes after the last country")]
    TrailingBytes { offset: usize, count: usize },
}

impl MapError {
    /// The byte offset into the input at which decoding failed.
    pub fn offset(&self) -> usize {
        match *self {
            MapError::BadMagic { offset }
            | MapError::UnsupportedVersion { offset, .. }
            | MapError::Truncated { offset, .. }
            | MapError::BadVarint { offset, .. }
            | MapError::BadUtf8 { offset, .. }
            | MapError::OutOfRange { offset, .. }
            | MapError::TrailingBytes { offset, .. } => offset,
        }
    }
}

/// Everything [`WorldMap::encode`] can reject: content the format cannot represent.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EncodeError {
    #[error("units per degree {0} is outside 1..={MAX_UNITS_PER_DEGREE}")]
    BadResolution(u32),
    #[error("the source note is {0} bytes long, more than {MAX_TEXT_BYTES}")]
    SourceTooLong(usize),
    #[error("country #{index} ({name:?}): {what}")]
    BadCountry {
        index: usize,
        name: String,
        what: String,
    },
}

/// Rounds degrees to the nearest unit of a grid with `units_per_degree` units per degree.
/// The encoder uses it, and so should any tool that prepares grid-aligned geometry, so that
/// both sides round the same way.
pub fn quantize(degrees: f64, units_per_degree: u32) -> i64 {
    (degrees * f64::from(units_per_degree)).round() as i64
}

/// The `f32` degrees of a grid unit. Dividing in `f64` and rounding once to `f32` keeps
/// the result the nearest `f32`, which [`quantize`] maps back to the same unit for every
/// grid up to [`MAX_UNITS_PER_DEGREE`].
pub fn dequantize(units: i64, units_per_degree: u32) -> f32 {
    (units as f64 / f64::from(units_per_degree)) as f32
}

impl WorldMap {
    /// Writes the map in the format described in the module docs, rounding coordinates
    /// to the map's grid. Fails on content the format cannot carry (rings with fewer
    /// than three points, coordinates off the globe or not finite, overlong text).
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let upd = self.units_per_degree();
        if upd == 0 || upd > MAX_UNITS_PER_DEGREE {
            return Err(EncodeError::BadResolution(upd));
        }
        if self.source().len() > MAX_TEXT_BYTES {
            return Err(EncodeError::SourceTooLong(self.source().len()));
        }
        let lon_max = 180 * i64::from(upd);
        let lat_max = 90 * i64::from(upd);
        let mut out = Vec::with_capacity(16 + self.source().len() + self.point_count() * 2);
        out.extend_from_slice(&MAGIC);
        out.push(FORMAT_VERSION);
        varint::put(&mut out, u64::from(upd));
        put_text(&mut out, self.source());
        varint::put(&mut out, u64::from(len_u32(self.countries().len())));
        for (index, c) in self.countries().iter().enumerate() {
            let bad = |what: String| EncodeError::BadCountry {
                index,
                name: c.name().to_owned(),
                what,
            };
            if c.name().len() > MAX_TEXT_BYTES {
                return Err(bad(format!("name is {} bytes long", c.name().len())));
            }
            if c.rings().is_empty() {
                return Err(bad("has no rings".into()));
            }
            out.extend_from_slice(&c.id().to_le_bytes());
            put_text(&mut out, c.name());
            varint::put(&mut out, u64::from(len_u32(c.rings().len())));
            let (mut prev_lon, mut prev_lat) = (0i64, 0i64);
            for (ri, ring) in c.rings().iter().enumerate() {
                if ring.len() < 3 {
                    return Err(bad(format!(
                        "ring {ri} has {} points, fewer than 3",
                        ring.len()
                    )));
                }
                varint::put(&mut out, u64::from(len_u32(ring.len())));
                for p in ring {
                    if !(p[0].is_finite() && p[1].is_finite()) {
                        return Err(bad(format!("ring {ri} has a non-finite coordinate")));
                    }
                    let lon = quantize(f64::from(p[0]), upd);
                    let lat = quantize(f64::from(p[1]), upd);
                    if lon.abs() > lon_max || lat.abs() > lat_max {
                        return Err(bad(format!(
                            "ring {ri} has the point ({}, {}) off the globe",
                            p[0], p[1]
                        )));
                    }
                    // Both deltas fit in i32 because both ends lie on the globe.
                    varint::put(&mut out, u64::from(zigzag((lon - prev_lon) as i32)));
                    varint::put(&mut out, u64::from(zigzag((lat - prev_lat) as i32)));
                    (prev_lon, prev_lat) = (lon, lat);
                }
            }
        }
        Ok(out)
    }

    /// Parses an asset written by [`WorldMap::encode`]. Every length is checked against
    /// the bytes that remain before anything is allocated, so truncated or hostile input
    /// yields a [`MapError`] naming the offending byte and never panics or over-allocates.
    pub fn decode(bytes: &[u8]) -> Result<WorldMap, MapError> {
        let mut r = Reader { bytes, pos: 0 };
        let magic = r.take(4, "the magic bytes")?;
        if magic != MAGIC {
            return Err(MapError::BadMagic { offset: 0 });
        }
        let at = r.pos;
        let version = r.u8("the format version")?;
        if version != FORMAT_VERSION {
            return Err(MapError::UnsupportedVersion {
                offset: at,
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        let at = r.pos;
        let upd = r.varint("units per degree")?;
        if upd == 0 || upd > MAX_UNITS_PER_DEGREE {
            return Err(MapError::OutOfRange {
                offset: at,
                what: "units per degree",
                value: i64::from(upd),
                expected: "1..=10000",
            });
        }
        let source = r.text("the source note")?;
        let count = r.count("country count", MIN_COUNTRY_BYTES)?;
        let lon_max = 180 * i64::from(upd);
        let lat_max = 90 * i64::from(upd);
        let mut countries = Vec::with_capacity(count);
        for _ in 0..count {
            let id_bytes = r.take(2, "a country id")?;
            let id = u16::from_le_bytes([id_bytes[0], id_bytes[1]]);
            let name = r.text("a country name")?;
            let at = r.pos;
            let ring_count = r.count("ring count", MIN_RING_BYTES)?;
            if ring_count == 0 {
                return Err(MapError::OutOfRange {
                    offset: at,
                    what: "ring count",
                    value: 0,
                    expected: "at least 1",
                });
            }
            let mut rings = Vec::with_capacity(ring_count);
            let (mut lon, mut lat) = (0i64, 0i64);
            for _ in 0..ring_count {
                let at = r.pos;
                let n = r.count("point count", 2)?;
                if n < 3 {
                    return Err(MapError::OutOfRange {
                        offset: at,
                        what: "point count",
                        value: n as i64,
                        expected: "at least 3",
                    });
                }
                let mut ring = Vec::with_capacity(n);
                for _ in 0..n {
                    let at = r.pos;
                    lon += i64::from(unzigzag(r.varint("a longitude delta")?));
                    if lon.abs() > lon_max {
                        return Err(MapError::OutOfRange {
                            offset: at,
                            what: "a longitude (grid units)",
                            value: lon,
                            expected: "within ±180°",
                        });
                    }
                    let at = r.pos;
                    lat += i64::from(unzigzag(r.varint("a latitude delta")?));
                    if lat.abs() > lat_max {
                        return Err(MapError::OutOfRange {
                            offset: at,
                            what: "a latitude (grid units)",
                            value: lat,
                            expected: "within ±90°",
                        });
                    }
                    ring.push([dequantize(lon, upd), dequantize(lat, upd)]);
                }
                rings.push(ring);
            }
            countries.push(Country::new(id, name, rings));
        }
        if r.pos != bytes.len() {
            return Err(MapError::TrailingBytes {
                offset: r.pos,
                count: bytes.len() - r.pos,
            });
        }
        Ok(WorldMap::new(source, upd, countries))
    }
}

/// Lengths are bounded by [`MAX_TEXT_BYTES`] or by memory far below 4 GiB in practice;
/// saturating keeps the encoder total instead of panicking on absurd input.
fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    varint::put(out, u64::from(len_u32(s.len())));
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over the input that turns every short read into [`MapError::Truncated`].
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], MapError> {
        if n > self.remaining() {
            return Err(MapError::Truncated {
                offset: self.pos,
                what,
            });
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, MapError> {
        Ok(self.take(1, what)?[0])
    }

    fn varint(&mut self, what: &'static str) -> Result<u32, MapError> {
        let start = self.pos;
        varint::read_u32(self.bytes, &mut self.pos).map_err(|e| match e {
            VarintError::End => MapError::Truncated {
                offset: self.pos,
                what,
            },
            VarintError::TooLong => MapError::BadVarint {
                offset: start,
                what,
            },
        })
    }

    /// Reads a count and rejects it if the remaining bytes cannot hold that many items of
    /// at least `min_item_bytes` each, so a corrupt count never drives a huge allocation.
    fn count(&mut self, what: &'static str, min_item_bytes: usize) -> Result<usize, MapError> {
        let at = self.pos;
        let n = self.varint(what)? as usize;
        if n.saturating_mul(min_item_bytes) > self.remaining() {
            return Err(MapError::OutOfRange {
                offset: at,
                what,
                value: n as i64,
                expected: "no more than the remaining bytes can hold",
            });
        }
        Ok(n)
    }

    fn text(&mut self, what: &'static str) -> Result<String, MapError> {
        let at = self.pos;
        let n = self.varint(what)? as usize;
        if n > MAX_TEXT_BYTES {
            return Err(MapError::OutOfRange {
                offset: at,
                what,
                value: n as i64,
                expected: "a length of at most 4096 bytes",
            });
        }
        let start = self.pos;
        let raw = self.take(n, what)?;
        match std::str::from_utf8(raw) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => Err(MapError::BadUtf8 {
                offset: start + e.valid_up_to(),
                what,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips_extremes() {
        for v in [0, 1, -1, 63, -64, 64, i32::MAX, i32::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn varint_round_trips_and_rejects_overflow() {
        for v in [0u32, 127, 128, 300, u32::MAX] {
            let mut buf = Vec::new();
            varint::put(&mut buf, u64::from(v));
            let mut r = Reader {
                bytes: &buf,
                pos: 0,
            };
            assert_eq!(r.varint("v"), Ok(v));
            assert_eq!(r.pos, buf.len());
        }
        let mut r = Reader {
            bytes: &[0xFF, 0xFF, 0xFF, 0xFF, 0x1F],
            pos: 0,
        };
        assert!(matches!(
            r.varint("v"),
            Err(MapError::BadVarint { offset: 0, .. })
        ));
    }
}
