//! Thin Leptos components: each reads [`crate::state::AppState`] and calls pure code.

pub mod app;
pub mod canvas;
pub mod filters;
pub mod perf;
pub mod timeline;
