//! The pure domain of Arms Atlas. Nothing in this crate touches the browser: it parses
//! SIPRI's exports, encodes and decodes the bundled dataset, filters and aggregates
//! deliveries, projects the world map and draws charts on any plotters backend.
//!
//! Modules are listed in layer order, lowest first. A module uses only modules of lower
//! layers (`model` and `geo` are both leaves); `tests/layers.rs` checks it. Each folder's
//! `mod.rs` says what it owns and what it may use.

// Layer 0: the domain types, plain geometry, and the text sanitiser.
pub mod clean;
pub mod geo;
pub mod model;

// Layer 1: compact encodings.
pub mod store;

// Layer 2: data in.
pub mod import;

// Layer 3: numbers out.
pub mod analysis;

// Layer 4: the reader's language.
pub mod text;

// Layer 5: story presets and annotations.
pub mod story;

// Layer 6: drawings.
pub mod render;

// Layer 7: downloads.
pub mod export;

// Layer 8: links.
pub mod url;
