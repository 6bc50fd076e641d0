//! The pure domain of Arms Atlas. Nothing in this crate touches the browser: it parses
//! SIPRI's exports, encodes and decodes the bundled dataset, filters and aggregates
//! deliveries, projects the world map and draws charts on any plotters backend.
//! Modules are listed in reading order; data flows downwards only.

pub mod annotations;
pub mod checks;
pub mod data;
pub mod embed;
pub mod export;
pub mod geo;
pub mod i18n;
pub mod query;
pub mod render;
pub mod story;
