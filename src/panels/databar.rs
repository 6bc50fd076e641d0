//! The data bar, "Load a SIPRI export": which dataset is shown, the load button (file
//! picker or drag and drop anywhere on the page), the progress bar while the files are
//! read, the summary of what was read, and the way back to the bundled data. Reading,
//! parsing and keeping the files is state: [`crate::state::user_data`].

use atlas_core::clean::plain_text;
use atlas_core::import::sipri::MAX_KEPT_ERRORS;
use atlas_core::import::user::{rejects_csv, Closing, LoadSummary};
use atlas_core::model::SourceFormat;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::locale::{t, tr};
use crate::state::url::UrlStatus;
use crate::state::user_data::{load_files, swap_releases, use_bundled, LoadNotice};
use crate::state::{use_app_state, Load, Shared};

/// Opens the browser's file picker of the data bar (for buttons elsewhere on the page).
pub fn open_file_picker() {
    if let Some(input) = document()
        .query_selector("[data-testid=\"load-file\"]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.click();
    }
}

fn download(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn summary_view(s: Shared<LoadSummary>) -> impl IntoView {
    let rejected: usize = s.files.iter().map(|f| f.rejected_total()).sum();
    // Rejected rows beyond the kept ones are counted, not listed.
    let unlisted = s.files.iter().any(|f| f.rejected_unlisted() > 0);
    let tr = tr();
    let years = match (s.first_year, s.last_year) {
        (Some(a), Some(b)) => tr.years(a, b),
        _ => tr.t("data.no_years").to_owned(),
    };
    let group_thousands = |n: i64| tr.int(n);
    // The rejected-rows CSV is built on the click only: never on load or when the
    // language changes (this view is rebuilt then).
    let for_download = s.clone();
    let first_errors: Vec<String> = s
        .files
        .iter()
        // A reason can quote the rejected cell: text from a file, cleaned before it is shown.
        .flat_map(|f| {
            f.rejected
                .iter()
                .map(move |e| plain_text(&format!("{}: {e}", f.name)))
        })
        .take(8)
        .collect();
    let unplaced = s.unplaced.join(", ");
    view! {
        <div class="load-summary" data-testid="load-summary" role="status">
            <ul class="file-list">
                {s.files.iter().map(|f| view! {
                    <li data-testid="load-file-summary">
                        <strong>{f.name.clone()}</strong>": "
                        {match f.format { SourceFormat::PerDeliveryYear => tr.t("pin.per_year"), SourceFormat::DealRegister => tr.t("pin.deals") }}
                        {f.release.map(|r| format!(", {}", tr.f("pin.release_one", &[("release", &r.to_string())])))}
                        {f.generated.as_deref().map(|g| format!(" ({})", tr.f("data.generated", &[("date", &tr.sipri_stamp(g))])))}
                        ". "<span data-testid="rows-read">{group_thousands(f.data_lines as i64)}</span>" "{tr.t("data.rows_read")}" "
                        <span data-testid="rows-used">{group_thousands(f.rows_used as i64)}</span>" "{tr.t("data.rows_used")}" "
                        <span data-testid="rows-rejected">{group_thousands(f.rejected_total() as i64)}</span>" "{tr.t("data.rows_rejected")}" "
                        <span data-testid="file-encoding">{tr.f("data.encoding", &[("encoding", f.encoding.name())])}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p data-testid="load-totals">
                {tr.f("data.totals", &[
                    ("deals", &tr.p("count.deals", s.deals as u64, &[])),
                    ("deliveries", &tr.p("data.deliveries", s.deliveries as u64, &[])),
                    ("years", &years),
                    ("suppliers", &tr.p("count.suppliers", s.suppliers as u64, &[])),
                    ("recipients", &tr.p("count.recipients", s.recipients as u64, &[])),
                ])}
            </p>
            {(!first_errors.is_empty()).then(|| view! {
                <details class="rejects"><summary>{tr.t("data.rejected_rows")}</summary>
                    <ul>{first_errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    {unlisted.then(|| view! {
                        <p data-testid="rejects-unlisted">{tr.f("data.rejected_first", &[("count", &tr.int(MAX_KEPT_ERRORS as i64))])}</p>
                    })}
                </details>
            })}
            {(rejected > 0).then(|| view! {
                <button type="button" data-testid="download-rejects"
                    on:click=move |_| download("arms-atlas-rejected-rows.csv", &rejects_csv(&for_download), "text/csv")>
                    {tr.t("data.download_rejects")}</button>
            })}
            {(!unplaced.is_empty()).then(|| view! {
                <p class="unplaced" data-testid="unplaced">{tr.f("data.unplaced", &[("list", &unplaced)])}</p>
            })}
        </div>
    }
}

/// What went wrong in a load, and what is shown now: the data shown before (nothing was
/// replaced), or the rows of the files that had usable ones.
fn notice_view(n: LoadNotice) -> impl IntoView {
    let closing = n.closing.map(|c| match c {
        Closing::StillShown => t("data.still_shown"),
        Closing::OthersShown => t("data.others_shown"),
    });
    view! {
        <div class="error" role="alert" data-testid="load-failures">
            <ul>{n.problems.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            {closing.map(|c| view! { <p data-testid="load-closing">{c}</p> })}
        </div>
    }
}

/// When the reader's files hold two releases: which is shown and which it is compared
/// with, and the way to say the other is the newer.
fn compared(state: crate::state::AppState, url: Option<UrlStatus>) -> Option<impl IntoView> {
    if !state.user_data.get() {
        return None;
    }
    let (older, newer) = state.release_pair.get()?.releases();
    let name = |r| atlas_core::text::changes::release_name(tr(), r);
    let text = tr().f(
        "data.compare_two",
        &[("older", &name(older)), ("newer", &name(newer))],
    );
    let swap = state.swappable.get();
    Some(view! {
        <div class="load-summary" data-testid="releases-compared">
            <p>{text}</p>
            {swap.then(|| view! {
                <button type="button" data-testid="releases-swap" on:click=move |_| swap_releases(state, url)>
                    {t("data.compare_swap")}</button>
            })}
        </div>
    })
}

/// The data bar: which dataset is shown, the load action, progress and the summary.
#[component]
pub fn DataBar() -> impl IntoView {
    let state = use_app_state();
    let notice = RwSignal::new(LoadNotice::default());
    let url = use_context::<UrlStatus>();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    let start = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        notice.set(LoadNotice::default());
        spawn_local(load_files(state, notice, url, files));
    };
    // Drop anywhere on the page.
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |_| dragging.set(false));
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        dragging.set(false);
        start(file_list(ev.data_transfer().and_then(|d| d.files())));
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    let label = move || match state.load.get() {
        Load::Ready(b) if state.user_data.get() => {
            atlas_core::text::facts::meta_words_in(tr(), &b.meta.title, "").0
        }
        Load::Ready(b) => {
            let title = atlas_core::text::facts::meta_words_in(tr(), &b.meta.title, "").0;
            tr().f("data.bundled", &[("title", &title)])
        }
        _ => String::new(),
    };
    view! {
        <section class="databar" aria-label=t("data.label") data-testid="databar">
            <p class="source" data-testid="data-source">
                <span class="source-label">{t("data.shown")}" "</span>{label}
            </p>
            <div class="data-actions">
                <button type="button" class="primary" data-testid="load-button"
                    on:click=move |_| { if let Some(i) = input_ref.get() { i.click(); } }>
                    {t("data.load")}</button>
                <input node_ref=input_ref type="file" multiple accept=".csv,.txt,text/csv"
                    class="visually-hidden" data-testid="load-file" aria-label=t("data.files") tabindex="-1"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        start(file_list(input.files()));
                        input.set_value("");
                    }/>
                {move || state.user_data.get().then(|| view! {
                    <button type="button" data-testid="use-bundled" on:click=move |_| use_bundled(state)>
                        {t("data.back")}</button>
                })}
                <span class="hint">{t("data.hint")}</span>
            </div>
            {move || state.import_progress.get().map(|(name, p)| view! {
                <div class="import-progress" data-testid="import-progress">
                    <label>{tr().f("data.reading", &[("name", &name)])}" "<progress max="100" value=format!("{:.0}", p * 100.0)></progress></label>
                </div>
            })}
            {move || notice.with(|n| !n.is_empty()).then(|| notice_view(notice.get()))}
            {move || state.load_summary.get().map(summary_view)}
            {move || compared(state, url)}
            {move || dragging.get().then(|| view! { <div class="drop-overlay" aria-hidden="true">{t("data.drop")}</div> })}
        </section>
    }
}
