//! Keeping the URL and the state in step: the link reproduces the view, Back and Forward
//! move between states. Parsing and writing are pure (`atlas_core::query`); this module
//! only talks to `window.location` and `history`.

use atlas_core::data::Bundle;
use atlas_core::query::{parse_query, QueryIssue, UrlState};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{AppState, Load};

/// What the URL said that could not be applied, and whether it pins other data.
#[derive(Clone, Copy)]
pub struct UrlStatus {
    pub issues: RwSignal<Vec<QueryIssue>>,
    /// `Some(pinned)` when the link was made with a dataset other than the one shown.
    pub other_data: RwSignal<Option<String>>,
}

/// The identity of a dataset in links: its SIPRI releases and the first 12 hex digits of
/// its content hash, e.g. `2024.2025-8f3a…`.
pub fn data_id(b: &Bundle) -> String {
    let releases: Vec<String> = b
        .dataset
        .releases
        .iter()
        .map(|r| r.year.to_string())
        .collect();
    format!("{}-{}", releases.join("."), &b.meta.hash_hex()[..12])
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn apply(state: AppState, status: UrlStatus, b: &Bundle, query: &str) {
    let (url, mut issues) = parse_query(query);
    let (filter, more) = url.resolve(&b.dataset);
    issues.extend(more);
    let here = data_id(b);
    status
        .other_data
        .set(url.data.clone().filter(|d| *d != here));
    status.issues.set(issues);
    state.filter.set(filter);
    state.stack.set(url.stack);
}

/// Reads the URL once the data is there, then writes every change back to it.
pub fn sync_with_url(state: AppState) -> UrlStatus {
    let status = UrlStatus {
        issues: RwSignal::new(Vec::new()),
        other_data: RwSignal::new(None),
    };
    let applied = StoredValue::new(false);
    let last_push = StoredValue::new(0.0f64);
    // URL → state, when the dataset arrives.
    Effect::new(move |_| {
        if let Load::Ready(b) = state.load.get() {
            if !applied.get_value() {
                applied.set_value(true);
                // The first write (adding the data pin) replaces the entry it came from.
                last_push.set_value(js_sys::Date::now());
                apply(state, status, &b, &location_search());
            }
        }
    });
    // State → URL. Quick successive changes (typing, playing years) replace the entry
    // instead of piling up history.
    Effect::new(move |_| {
        let filter = state.filter.get();
        let stack = state.stack.get();
        if !applied.get_value() {
            return;
        }
        let Some(b) = state.bundle() else { return };
        let (current, _) = parse_query(&location_search());
        let mut url = UrlState::from_filter(&b.dataset, &filter, stack);
        url.view = current.view;
        url.lang = current.lang;
        url.data = Some(data_id(&b));
        let query = url.to_query();
        if query == location_search() {
            return;
        }
        let Some(w) = web_sys::window() else { return };
        let Ok(history) = w.history() else { return };
        let path = w.location().pathname().unwrap_or_default();
        let now = js_sys::Date::now();
        let target = format!("{path}{query}");
        let _ = if now - last_push.get_value() < 800.0 {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&target))
        };
        last_push.set_value(now);
    });
    // Back / Forward.
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        if let Some(b) = state.bundle() {
            apply(state, status, &b, &location_search());
        }
    });
    on_cleanup(move || handle.remove());
    status
}
