//! Keeping the URL and the state in step: the link reproduces the view, Back and Forward
//! move between states. Parsing and writing are pure (`atlas_core::query`); this module
//! only talks to `window.location` and `history`.

use atlas_core::data::Bundle;
use atlas_core::query::{parse_query, Presentation, QueryIssue, UrlState};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{AppState, Load};

/// What the URL said that could not be applied, and whether it pins other data.
#[derive(Clone, Copy)]
pub struct UrlStatus {
    pub issues: RwSignal<Vec<QueryIssue>>,
    /// `Some(pinned)` when the link was made with a dataset other than the one shown.
    pub other_data: RwSignal<Option<String>>,
    /// Presentation from the link (embed, story step, annotations); kept in the URL.
    pub show: RwSignal<Presentation>,
    /// The `view=` an embed (or a story step) shows.
    pub view: RwSignal<Option<String>>,
    /// When the URL was last written (ms); writes within 800 ms replace the entry. A
    /// deliberate step (a story step) sets it to 0 so that it gets its own entry.
    pub last_push: StoredValue<f64>,
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
    let url = url.expand_story();
    status.show.set(url.show.clone());
    status.view.set(url.view.clone());
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
    // Presentation is known before the data arrives (embed mode lays out the page).
    let (first, _) = parse_query(&location_search());
    let first = first.expand_story();
    let status = UrlStatus {
        issues: RwSignal::new(Vec::new()),
        other_data: RwSignal::new(None),
        show: RwSignal::new(first.show),
        view: RwSignal::new(first.view),
        last_push: StoredValue::new(0.0f64),
    };
    let applied = StoredValue::new(false);
    let last_push = status.last_push;
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
    // State → URL, off the hot path: the history API costs milliseconds per call in
    // Chromium, so the write waits until the filter has been still for a moment (a burst
    // of changes writes once). Changes close together replace the entry instead of
    // piling up history.
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        state.filter.track();
        state.stack.track();
        status.view.track();
        status.show.track();
        if !applied.get_value() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let write = move || {
            pending.set_value(None);
            write_url(state, status);
        };
        pending.set_value(set_timeout_with_handle(write, URL_WRITE_DELAY).ok());
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

/// How long the filter must be still before the URL is written.
const URL_WRITE_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

/// Writes the current state into the URL (push, or replace when the last write was
/// recent), unless it is already there.
fn write_url(state: AppState, status: UrlStatus) {
    let Some(b) = state.bundle() else { return };
    let last_push = status.last_push;
    let (filter, stack) = (state.filter.get_untracked(), state.stack.get_untracked());
    let mut url = UrlState::from_filter(&b.dataset, &filter, stack);
    url.view = status.view.get_untracked();
    url.show = status.show.get_untracked();
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
}
