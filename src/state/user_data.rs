//! The reader's own dataset: SIPRI exports read from files (file picker or drag and drop
//! in the data bar, `crate::panels::databar`), parsed a few thousand lines at a time with
//! progress in [`AppState::import_progress`], summarised, and kept in the browser's Cache
//! Storage until the reader goes back to the bundled data.
//!
//! Files of two SIPRI releases are compared (issue #17); the reader can say the other
//! release is the newer ([`swap_releases`]). Both orders are kept: the data shown under
//! [`CACHE_KEY`], the other order under [`OTHER_ORDER_KEY`], so after a reload the
//! reader's choice is what is shown and they can still change it. A link made with the
//! swapped data pins it; loading the same exports under that link picks that order.

use std::sync::Arc;

use atlas_core::analysis::filter::Filter;
use atlas_core::clean::plain_text;
use atlas_core::import::sipri::ParsedFile;
use atlas_core::import::sipri::{check_size, Import, ImportError};
use atlas_core::import::user::{
    decide, merge, merge_two, to_bundle, to_bundle_with_earlier, two_releases, Closing, EmptyFile,
    NothingUsed,
};
use atlas_core::store::bundle::decode;
use atlas_core::url::pin::DataPin;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::loading::load_bundle;
use super::locale::tr;
use super::perf;
use super::url::{data_pin, state_for_new_data, UrlStatus};
use super::{AppState, Load, Shared};

const CACHE_NAME: &str = "arms-atlas-user-data";
const CACHE_KEY: &str = "user-dataset.atlas";
/// The reader's two releases compared the other way round (see the module docs).
const OTHER_ORDER_KEY: &str = "user-dataset-other-order.atlas";
/// Lines parsed between two yields to the browser.
const CHUNK_LINES: usize = 4000;

async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

async fn file_bytes(file: &web_sys::File, name: &str) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| tr().f("notes.unreadable", &[("name", name)]))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

async fn cache() -> Option<web_sys::Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    let c = JsFuture::from(caches.open(CACHE_NAME)).await.ok()?;
    c.dyn_into().ok()
}

/// Keeps the user's dataset (already encoded as a bundle) for the next visit.
async fn save(bytes: &[u8]) -> Result<(), String> {
    save_as(CACHE_KEY, bytes).await
}

/// Keeps `bytes` under `key` in the reader's cache.
async fn save_as(key: &str, bytes: &[u8]) -> Result<(), String> {
    let cache = cache()
        .await
        .ok_or_else(|| tr().t("data.no_keep").to_owned())?;
    let body = js_sys::Uint8Array::from(bytes);
    let resp = web_sys::Response::new_with_opt_buffer_source(Some(&body))
        .map_err(|_| tr().t("data.keep_prepare").to_owned())?;
    JsFuture::from(cache.put_with_str(key, &resp))
        .await
        .map_err(|_| tr().t("data.keep_refused").to_owned())?;
    Ok(())
}

/// The kept user dataset, if any.
pub async fn saved() -> Option<Vec<u8>> {
    saved_as(CACHE_KEY).await
}

/// Whether the reader's two releases compared the other way round are kept.
pub async fn other_order_kept() -> bool {
    saved_as(OTHER_ORDER_KEY).await.is_some()
}

/// What is kept under `key`, if anything.
async fn saved_as(key: &str) -> Option<Vec<u8>> {
    let cache = cache().await?;
    let found = JsFuture::from(cache.match_with_str(key)).await.ok()?;
    let resp: web_sys::Response = found.dyn_into().ok()?;
    let buf = JsFuture::from(resp.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Forgets the other order of two releases (the data now shown is not two releases).
async fn forget_other_order() {
    if let Some(cache) = cache().await {
        let _ = JsFuture::from(cache.delete_with_str(OTHER_ORDER_KEY)).await;
    }
}

/// Whether `bytes` (a bundle) is the data that a link's `data=` pins.
fn is_pinned(bytes: &[u8], link: &str) -> bool {
    let Ok(b) = decode(bytes) else {
        return false;
    };
    let here = data_pin(&b, true);
    DataPin::parse(link).as_ref() == Some(&here) || link == here.to_string()
}

/// Forgets the kept user dataset.
pub async fn forget() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = JsFuture::from(caches.delete(CACHE_NAME)).await;
    }
}

/// A file's problem in words. The message can quote the file's own text (a header cell),
/// which is data, never layout: cleaned like any text from a file.
fn import_message(name: &str, e: &ImportError) -> String {
    plain_text(&format!("{name}: {e}"))
}

/// What the data bar tells the reader after a load: the problems, one per file or step,
/// and the sentence that says what is shown now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadNotice {
    pub problems: Vec<String>,
    pub closing: Option<Closing>,
}

impl LoadNotice {
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty() && self.closing.is_none()
    }
}

/// The reader's words for a file that added nothing.
fn empty_message(e: &EmptyFile) -> String {
    let tr = tr();
    let name = ("name", e.name.as_str());
    match &e.why {
        NothingUsed::NoDataLines => tr.f("data.no_data_lines", &[name]),
        NothingUsed::AllRejected {
            rejected,
            first: Some(first),
        } => tr.f(
            "data.all_rejected",
            &[
                name,
                ("count", &tr.int(*rejected as i64)),
                ("problem", first),
            ],
        ),
        NothingUsed::AllRejected { first: None, .. } => tr.f("data.all_duplicates", &[name]),
        NothingUsed::NoDeliveries => tr.f("data.no_deliveries", &[name]),
    }
}

/// Marks an import that stopped because a newer one started; it sets nothing.
fn stale() {
    perf::mark("atlas:import:stale");
}

/// Reads, parses and merges `files`, then shows the result, as [`decide`] rules: a load
/// that yields no usable row leaves the data shown (and kept) as it was, and says why.
///
/// The newest choice of files wins: this import has a number ([`AppState::start_import`])
/// and, after every wait (a yield to the browser, a file read, keeping the data), stops
/// without setting anything if a newer import (or the way back to the bundled data) has
/// started since. One window stays open: an import that is current when it starts keeping
/// its data and stale when that ends has kept it; a newer choice that replaces the data
/// overwrites it, but one that yields no row leaves it for the next visit.
pub async fn load_files(
    state: AppState,
    notice_out: RwSignal<LoadNotice>,
    url: Option<UrlStatus>,
    files: Vec<web_sys::File>,
) {
    let run = state.start_import();
    let current = move || state.import_is_current(run);
    perf::mark("atlas:import:start");
    let mut parsed = Vec::new();
    let mut failures = Vec::new();
    for file in &files {
        // A file name is shown to readers: text, never layout.
        let name = plain_text(&file.name());
        // Refused by size before anything is read (a 200 MB file never reaches memory).
        if let Err(e) = check_size(file.size() as u64) {
            failures.push(import_message(&name, &e));
            continue;
        }
        state.import_progress.set(Some((name.clone(), 0.0)));
        yield_to_browser().await;
        if !current() {
            return stale();
        }
        let read = file_bytes(file, &name).await;
        if !current() {
            return stale();
        }
        let bytes = match read {
            Ok(b) => b,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let mut import = match Import::from_bytes(&bytes) {
            Ok(i) => i,
            Err(e) => {
                failures.push(import_message(&name, &e));
                continue;
            }
        };
        drop(bytes);
        while !import.step(CHUNK_LINES) {
            state
                .import_progress
                .set(Some((name.clone(), import.progress())));
            yield_to_browser().await;
            if !current() {
                return stale();
            }
        }
        parsed.push((name, import.finish()));
    }
    state.import_progress.set(None);
    let unreadable = failures.len();
    // Two releases whose years overlap are compared, not merged (issue #17): the later
    // one is shown unless the reader says otherwise (`swap_releases`).
    let releases = two_releases(&parsed);
    // The later release is the newer, unless a link made with these files the other way
    // round is being followed (its data pin says which).
    let link = url
        .and_then(|u| u.link.get_untracked())
        .map(|(data, _)| data);
    let mut order = releases.map(|(a, b)| (b, a));
    let mut merged = (!parsed.is_empty()).then(|| combine(&parsed, order));
    if let (Some((newer, older)), Some(link), Some((bytes, _))) = (order, &link, &merged) {
        if !is_pinned(bytes, link) {
            let other = combine(&parsed, Some((older, newer)));
            if is_pinned(&other.0, link) {
                order = Some((older, newer));
                merged = Some(other);
            }
        }
    }
    let decision = decide(merged.as_ref().map(|(_, s)| s));
    failures.extend(decision.empty.iter().map(empty_message));
    let notice = |problems| LoadNotice {
        problems,
        closing: decision.closing(unreadable),
    };
    let Some((bytes, summary)) = merged.filter(|_| decision.replace) else {
        // Nothing usable: the data shown, its summary and what is kept stay as they were.
        notice_out.set(notice(failures));
        return;
    };
    state.newer_release.set(order.map(|(newer, _)| newer));
    state
        .user_files
        .set_value(releases.map(|_| Shared(Arc::new(parsed))));
    state.swappable.set(releases.is_some());
    perf::measure("atlas:import", "atlas:import:start");
    match decode(&bytes) {
        Ok(bundle) => {
            let kept = save(&bytes).await;
            if !current() {
                return stale();
            }
            if let Err(e) = kept {
                failures.push(tr().f("data.not_kept", &[("error", &e)]));
            }
            // The filters stay, by name: those of a link made with this export (while its
            // notice is shown), else the current ones. Names the new data lacks are listed.
            let (filter, stack) = match url {
                Some(status) => state_for_new_data(status, &bundle.dataset),
                None => (Filter::default(), state.stack.get_untracked()),
            };
            show_new_data(state, bundle, filter, stack);
            state.user_data.set(true);
            state.load_summary.set(Some(Shared(Arc::new(summary))));
            notice_out.set(notice(failures));
            keep_other_order(state, run, order).await;
        }
        Err(e) => {
            failures.push(tr().f("data.not_prepared", &[("error", &e.to_string())]));
            notice_out.set(LoadNotice {
                problems: failures,
                closing: Some(Closing::StillShown),
            });
        }
    }
}

/// Shows a newly loaded dataset with its filter (ids of the new dataset). Every step is a
/// consistent state: the empty filter (valid for any dataset) first, then the data, then
/// the filter. Setting the new filter while the old data was still shown let a view name
/// an entity of the new dataset in the old one (an index out of bounds, seen when loading
/// an export under a link's supplier and recipient).
fn show_new_data(
    state: AppState,
    bundle: atlas_core::store::bundle::Bundle,
    filter: Filter,
    stack: atlas_core::analysis::aggregate::StackBy,
) {
    state.selection.set(None);
    state.filter.set(Filter::default());
    state.load.set(Load::Ready(Shared(Arc::new(bundle))));
    state.filter.set(filter);
    state.stack.set(stack);
}

/// The files merged (or, for two releases `(newer, older)`, compared), encoded as the
/// bundle that is shown and kept, with the summary of the data shown.
fn combine(
    parsed: &[(String, ParsedFile)],
    releases: Option<(u16, u16)>,
) -> (Vec<u8>, atlas_core::import::user::LoadSummary) {
    match releases {
        Some((newer, older)) => {
            let (ds, earlier, summary) = merge_two(parsed, newer, older);
            (
                to_bundle_with_earlier(&ds, &summary, &earlier, older),
                summary,
            )
        }
        None => {
            let (ds, summary) = merge(parsed);
            (to_bundle(&ds, &summary), summary)
        }
    }
}

/// Keeps the reader's two releases compared the other way round from `order`
/// `(newer, older)`, once the data is shown, so that a reload can still swap them; with
/// one release, forgets any other order kept before.
async fn keep_other_order(state: AppState, run: u64, order: Option<(u16, u16)>) {
    let Some((newer, older)) = order else {
        forget_other_order().await;
        return;
    };
    // Let the page paint the data first.
    yield_to_browser().await;
    if !state.import_is_current(run) {
        return stale();
    }
    let Some(files) = state.user_files.get_value() else {
        return;
    };
    let (other, _) = combine(&files, Some((older, newer)));
    if state.import_is_current(run) {
        let _ = save_as(OTHER_ORDER_KEY, &other).await;
    }
}

/// The reader says the other of their two releases is the newer: the files are compared
/// the other way round (from the files, or, after a reload, the other order kept beside
/// the data), shown and kept, the order shown until now kept as the other; the filters
/// stay, by name.
pub fn swap_releases(state: AppState, url: Option<UrlStatus>) {
    // A newer choice: an import (or a keeping of the other order) still running is stale.
    let run = state.start_import();
    spawn_local(async move {
        let shown_before = saved().await;
        let swapped = match state.user_files.get_value() {
            Some(files) => {
                let Some((a, b)) = two_releases(&files) else {
                    return;
                };
                let newer = match state.newer_release.get_untracked() {
                    Some(n) if n == b => a,
                    Some(_) => b,
                    None => a,
                };
                let older = if newer == a { b } else { a };
                let (bytes, summary) = combine(&files, Some((newer, older)));
                Some((bytes, Some(summary), Some(newer)))
            }
            None => saved_as(OTHER_ORDER_KEY).await.map(|b| (b, None, None)),
        };
        if !state.import_is_current(run) {
            return stale();
        }
        let Some((bytes, summary, newer)) = swapped else {
            return;
        };
        let Ok(bundle) = decode(&bytes) else {
            return;
        };
        state.newer_release.set(newer);
        let (filter, stack) = match url {
            Some(status) => state_for_new_data(status, &bundle.dataset),
            None => (Filter::default(), state.stack.get_untracked()),
        };
        show_new_data(state, bundle, filter, stack);
        state.load_summary.set(summary.map(|s| Shared(Arc::new(s))));
        let _ = save(&bytes).await;
        if let Some(before) = shown_before {
            let _ = save_as(OTHER_ORDER_KEY, &before).await;
        }
    });
}

/// Goes back to the bundled subset and forgets the user's data.
pub fn use_bundled(state: AppState) {
    // An import still running is stale from now on: it must not bring the files back.
    state.start_import();
    state.import_progress.set(None);
    state.user_files.set_value(None);
    state.newer_release.set(None);
    state.swappable.set(false);
    spawn_local(async move {
        forget().await;
        state.user_data.set(false);
        state.load_summary.set(None);
        state.filter.set(Filter::default());
        state.load.set(Load::Loading);
        load_bundle(state.load).await;
    });
}
