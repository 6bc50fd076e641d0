//! Thin Leptos components: each reads [`crate::state::AppState`] and calls pure code.

pub mod announce;
pub mod app;
pub mod canvas;
pub mod embed;
pub mod export;
pub mod filters;
pub mod flowlist;
pub mod flowmap;
pub mod i18n;
pub mod land;
pub mod loader;
pub mod method;
pub mod passport;
pub mod perf;
pub mod rankings;
pub mod register;
pub mod story;
pub mod systems;
pub mod theme;
pub mod timeline;
