//! Compact binary encodings: the bundled dataset ([`bundle`], `assets/*.atlas`) and the
//! world map ([`world`], `assets/world.map`). Each format's encoder and decoder live
//! together, so the layout is written down once; decoders check every length
//! and id and report the byte offset of the first problem, never panicking.
//!
//! Uses `model` and `geo` (the types it encodes) and nothing above.

pub mod bundle;
mod varint;
pub mod world;
