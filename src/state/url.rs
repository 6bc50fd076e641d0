//! Keeping the URL and the state in step: the link reproduces the view, Back and Forward
//! move between states. Parsing and writing are pure (`atlas_core::url`); this module
//! only talks to `window.location` and `history`.

use atlas_core::analysis::aggregate::StackBy;
use atlas_core::analysis::filter::Filter;
use atlas_core::analysis::names::QueryIssue;
use atlas_core::import::user::content_hash;
use atlas_core::model::Dataset;
use atlas_core::store::bundle::Bundle;
use atlas_core::url::pin::{DataOrigin, DataPin};
use atlas_core::url::query::parse_query;
use atlas_core::url::state::{Presentation, UrlState};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{AppState, Load};

/// What the URL said that could not be applied, and whether it pins other data.
/// Provided in context by [`sync_with_url`].
#[derive(Clone, Copy)]
pub struct UrlStatus {
    pub issues: RwSignal<Vec<QueryIssue>>,
    /// The `data=` value of the link as opened, while it differs from the data shown
    /// (until dismissed); with the link's state, so that loading the export it names
    /// applies the link's filters, names the data shown now lacks included.
    pub link: RwSignal<Option<(String, UrlState)>>,
    /// The pin of the data shown now.
    pub pin: Memo<Option<DataPin>>,
    /// Presentation from the link (embed, story step, annotations); kept in the URL.
    pub show: RwSignal<Presentation>,
    /// The `view=` an embed (or a story step) shows.
    pub view: RwSignal<Option<String>>,
    /// When the URL was last written (ms); writes within 800 ms replace the entry. A
    /// deliberate step (a story step) sets it to 0 so that it gets its own entry.
    pub last_push: StoredValue<f64>,
}

/// The pin of a dataset in links (see [`DataPin`]): bundled data by its releases and the
/// bundle's content hash (`2024.2025-8f3a…`, as links always had); a user's own export
/// marked `file-…` with its format and rows, hashed over the content alone.
pub fn data_pin(b: &Bundle, user: bool) -> DataPin {
    if user {
        DataPin::for_dataset(&b.dataset, DataOrigin::File, content_hash(&b.dataset))
    } else {
        DataPin::for_dataset(&b.dataset, DataOrigin::Bundled, b.meta.hash)
    }
}

/// The pin of the data the app shows now, as it goes into links and exports: the memo's
/// (a user's dataset is pinned by hashing its whole content, far too slow to redo on every
/// filter change), computed afresh only where the URL sync has not started (no
/// [`UrlStatus`] in context).
pub fn data_id(state: AppState, b: &Bundle) -> String {
    use_context::<UrlStatus>()
        .and_then(|st| st.pin.get_untracked())
        .unwrap_or_else(|| data_pin(b, state.user_data.get_untracked()))
        .to_string()
}

fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn apply(state: AppState, status: UrlStatus, b: &Bundle, query: &str) {
    let (url, mut issues) = parse_query(query);
    let url = url.expand_story(Some(&b.dataset));
    status.show.set(url.show.clone());
    status.view.set(url.view.clone());
    let (filter, more) = url.resolve(&b.dataset);
    issues.extend(more);
    let here = status
        .pin
        .get_untracked()
        .unwrap_or_else(|| data_pin(b, state.user_data.get_untracked()));
    let differs = url
        .data
        .as_deref()
        .is_some_and(|d| DataPin::parse(d).as_ref() != Some(&here) && *d != here.to_string());
    status
        .link
        .set(differs.then(|| (url.data.clone().unwrap_or_default(), url.clone())));
    status.issues.set(issues);
    state.filter.set(filter);
    state.stack.set(url.stack);
}

/// The filter and stacking for newly loaded data: the state of a link made with other
/// data, while its notice is shown (so loading the export it names gives the link's
/// view), else the current URL's, by names; names the new data lacks are reported.
pub fn state_for_new_data(status: UrlStatus, ds: &Dataset) -> (Filter, StackBy) {
    let url = match status.link.get_untracked() {
        Some((_, st)) => st,
        None => parse_query(&location_search()).0,
    };
    let (filter, issues) = url.resolve(ds);
    status.issues.set(issues);
    (filter, url.stack)
}

/// Reads the URL once the data is there, then writes every change back to it.
pub fn sync_with_url(state: AppState) -> UrlStatus {
    let pin = Memo::new(move |_| {
        let user = state.user_data.get();
        state.bundle().map(|b| data_pin(&b, user))
    });
    // Presentation is known before the data arrives (embed mode lays out the page).
    let (first, _) = parse_query(&location_search());
    let first = first.expand_story(None);
    let status = UrlStatus {
        issues: RwSignal::new(Vec::new()),
        link: RwSignal::new(None),
        pin,
        show: RwSignal::new(first.show),
        view: RwSignal::new(first.view),
        last_push: StoredValue::new(0.0f64),
    };
    provide_context(status);
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
    // Once the data a link was made with is shown (its export loaded), its notice and
    // its pending filters are done with.
    Effect::new(move |_| {
        let Some(here) = pin.get() else { return };
        if let Some((link, _)) = status.link.get_untracked() {
            if DataPin::parse(&link).as_ref() == Some(&here) || link == here.to_string() {
                status.link.set(None);
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
        status.pin.track();
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
    let last_push = status.last_push;
    let Some(query) = current_query(state, status) else {
        return;
    };
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

/// Writes the URL now, for deliberate moves (a story step) that must be in History at
/// once; the pending delayed write then finds it already there. Reads the [`UrlStatus`]
/// from context: call it from the component tree (event handlers run in the owner of
/// the element they are on, so they can).
pub fn write_now(state: AppState) {
    if let Some(st) = use_context::<UrlStatus>() {
        write_url(state, st);
    }
}

/// The query string of the state shown now (what the URL says once written).
fn current_query(state: AppState, status: UrlStatus) -> Option<String> {
    let b = state.bundle()?;
    let (filter, stack) = (state.filter.get_untracked(), state.stack.get_untracked());
    let mut url = UrlState::from_filter(&b.dataset, &filter, stack);
    url.view = status.view.get_untracked();
    url.show = status.show.get_untracked();
    // A theme (embeds following their host) or a language the link asked for stays in it.
    let current = parse_query(&location_search()).0;
    url.theme = current.theme;
    url.lang = current.lang;
    url.data = Some(status.pin.get_untracked()?.to_string());
    Some(url.to_query())
}

/// The link that reproduces what is shown now, computed from the state (the address bar
/// is written a moment after the last change, so it can lag behind by a few ms); the
/// address bar's own link where the URL sync has not started (no [`UrlStatus`] in
/// context).
pub fn current_link(state: AppState) -> String {
    let here = web_sys::window().map(|w| w.location());
    let base = here
        .as_ref()
        .map(|l| {
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    match use_context::<UrlStatus>().and_then(|st| current_query(state, st)) {
        Some(q) => format!("{base}{q}"),
        None => here.and_then(|l| l.href().ok()).unwrap_or_default(),
    }
}

/// The current state as a link state (for the embed snippet).
pub fn current_url_state(state: AppState, url: UrlStatus) -> Option<UrlState> {
    let b = state.bundle()?;
    let mut s = state
        .filter
        .with_untracked(|f| UrlState::from_filter(&b.dataset, f, state.stack.get_untracked()));
    s.view = url.view.get_untracked();
    s.show = url.show.get_untracked();
    s.data = Some(data_id(state, &b));
    Some(s)
}
