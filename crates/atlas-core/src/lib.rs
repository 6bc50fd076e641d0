//! The pure domain of Arms Atlas. Nothing in this crate touches the browser: it parses
//! SIPRI's exports, encodes and decodes the bundled dataset, filters and aggregates
//! deliveries, projects the world map and draws charts on any plotters backend.
//!
//! Modules are listed in layer order, lowest first. A module uses only modules listed
//! above it (`model` and `geo` are both leaves); `tests/layers.rs` checks it. Each
//! folder's `mod.rs` says what it owns and what it may use.

pub mod analysis;
pub mod checks;
pub mod export;
pub mod geo;
pub mod import;
pub mod model;
pub mod render;
pub mod store;
pub mod story;
pub mod text;
pub mod url;
