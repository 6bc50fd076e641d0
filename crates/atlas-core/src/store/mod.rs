//! Compact encodings.

pub mod bundle;
