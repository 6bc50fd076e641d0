//! The URL is the filter's source of truth: every filter and view choice lives in the
//! query string, in readable words, e.g.
//! `?recipient=Myanmar&supplier=Russia&years=1990-2024&stack=category`.
//!
//! Two steps, both pure: [`query::parse_query`] turns text into a [`state::UrlState`] of names (never
//! failing: what it cannot read becomes a `QueryIssue` and falls back to the default
//! for that part only), and [`state::UrlState::resolve`] turns names into ids of one dataset
//! (names the dataset lacks become issues too). [`state::UrlState::to_query`] writes it back;
//! the pair round-trips (property-tested).
//!
//! * [`codec`]: percent-encoding and decoding (values and paths);
//! * [`query`]: [`query::parse_query`] and [`query::with_lang`];
//! * [`state`]: [`state::UrlState`], written back, resolved, a story link expanded;
//! * [`pin`]: the `data=` pin and the notice for a link made with other data;
//! * [`embed`]: the iframe snippet.
//!
//! The top of the crate: it may use every other folder, and none uses it.

pub mod codec;
pub mod embed;
pub mod pin;
pub mod query;
pub mod state;
