//! The deal register: one row per deal that has deliveries in the current filter, with
//! per-deal totals inside the filter's years, sorting on every column, a text search, and
//! the window of rows a virtually scrolled table has to render.
//!
//! Everything here is pure and cheap enough for SIPRI's full register (about 30,000
//! deals): rows are built in one pass over the deliveries, they carry precomputed sort
//! keys (collation ranks) so sorting compares integers, and the search lowercases each
//! string at most once per dataset ([`TextIndex`]).
//!
//! The files here are private: every item is reached as `analysis::register::Item`.

mod rows;
mod search;
mod sort;
mod window;

pub use rows::{
    build_rows, build_rows_with, deal_deliveries, format_years, has_comments, has_numbers_ordered,
    EntityNames, RegisterRow, TextIndex,
};
pub use search::{row_matches, search};
pub use sort::{compare, sort_indices, sort_rows, Column, Direction, Sort};
pub use window::{row_key_target, visible_window};
