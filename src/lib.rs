//! Arms Atlas in the browser. The pure domain (SIPRI import, bundle, filter, aggregates,
//! drawing) lives in the `atlas-core` crate; this crate holds the one place state lives
//! (`state`) and thin Leptos components that read it and call `atlas_core::render` (`ui`).
//!
//! Data flows one way: bundle → filter → aggregates → drawings → DOM.

pub mod state;
pub mod ui;

pub use ui::app::App;

/// The credit line SIPRI's terms ask for, on every view and export.
pub const CREDIT: &str = "Information from the SIPRI Arms Transfers Database";
/// The database's address, shown with the credit line.
pub const SIPRI_URL: &str = "https://www.sipri.org/databases/armstransfers";
/// Where the bundled dataset is, relative to the page (works under any sub-path).
pub const BUNDLE_URL: &str = "assets/sea.atlas";
/// The world map (Natural Earth via world-atlas, converted by `cargo xtask map`).
pub const MAP_URL: &str = "assets/world.map";
