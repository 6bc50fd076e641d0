//! The views of the data, one module each: the flow map, the timeline, the rankings, the
//! deal register, the system passport, the flow list and what changed between two SIPRI
//! releases, with the downloads each view
//! offers (`export`). A view reads [`crate::state::AppState`], calls pure code in
//! `atlas_core`, and draws; it may use [`crate::widgets`] and [`crate::state`], and another
//! view's module, never `panels` or `app`.

pub mod changes;
pub mod export;
pub mod flowlist;
pub mod flowmap;
pub mod passport;
pub mod rankings;
pub mod register;
pub mod timeline;
