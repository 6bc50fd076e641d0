//! Arms Atlas in the browser. The pure domain (SIPRI import, bundle, filter, aggregates,
//! drawing) lives in the `atlas-core` crate; this crate is the browser shell around it:
//!
//! - [`state`]: the one place state lives (dataset, filter, selection, locale), loading,
//!   and keeping the URL in step;
//! - [`widgets`]: small shared pieces (canvas sizing, download menu, switches, live region);
//! - [`views`]: one module per view of the data (map, timeline, rankings, register, …);
//! - [`panels`]: the controls around the views (filters, data bar, story, embed, method);
//! - [`app`]: the page that puts them together.
//!
//! Data flows one way: bundle → filter → aggregates → drawings → DOM; imports point one
//! way too: app → panels → views → widgets → state → `atlas_core`.

pub mod app;
pub mod panels;
pub mod state;
pub mod views;
pub mod widgets;

pub use app::App;

/// The credit line SIPRI's terms ask for, on every view and export.
pub const CREDIT: &str = "Information from the SIPRI Arms Transfers Database";
/// The database's address, shown with the credit line.
pub const SIPRI_URL: &str = "https://www.sipri.org/databases/armstransfers";
/// Where the bundled dataset is, relative to the page (works under any sub-path).
pub const BUNDLE_URL: &str = "assets/sea.atlas";
/// The world map (Natural Earth via world-atlas, converted by `cargo xtask map`).
pub const MAP_URL: &str = "assets/world.map";
