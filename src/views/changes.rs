//! The changes view: what changed from the earlier SIPRI release the data carries to the
//! release shown, for the current filter. Totals then and now per year and per
//! supplier→recipient pair, largest difference first; a pair opens to the deals behind
//! its difference (added, removed, revised with the fields that changed, uncertain
//! matches said). Downloads as CSV with both releases' values.
//!
//! The numbers are `atlas_core::analysis::changes` (the state's `changes` memo), the words
//! `atlas_core::text::changes`; this module only lays them out. Shown only when the data
//! carries an earlier release. While the view is out of sight it keeps the numbers it
//! last showed (`widgets::in_view`); its export reads the state itself.

use atlas_core::analysis::changes::{difference, ChangeKind, Changes, DealChange, PairChange};
use atlas_core::export::changes::{changes_csv, changes_title};
use atlas_core::export::words::{data_words, file_name, filter_words, Provenance};
use atlas_core::model::Tiv;
use atlas_core::text::changes as words;
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::url::{current_link, data_id};
use crate::state::{use_app_state, AppState, Shared};
use crate::widgets::download::{save_text, DownloadMenu, Format, Item, Made};
use crate::widgets::in_view::{held_out_of_view, in_view};
use crate::{CREDIT, SIPRI_URL};

/// The id of the view's heading: the banner's button moves the focus there.
pub const HEADING_ID: &str = "changes-title";

/// The id of the hint over the pairs' table (what their buttons do).
const PAIRS_HINT_ID: &str = "changes-pairs-hint";

/// Pairs, and years, listed before "Show the other …": the largest differences, so that
/// the view stays a screen or two on a phone (the rest is one click away, and in the CSV).
const TOP_PAIRS: usize = 5;
const TOP_YEARS: usize = 5;

/// Scrolls the changes view into sight and moves the focus to its heading (the banner's
/// "See what changed").
pub fn open_changes_view() {
    let Some(el) = document().get_element_by_id(HEADING_ID) else {
        return;
    };
    el.scroll_into_view();
    if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
        let _ = h.focus();
    }
}

/// The releases compared, `(older, newer)`, when the data carries an earlier release.
pub fn releases(state: AppState) -> Option<(u16, u16)> {
    state.release_pair.get().map(|p| p.releases())
}

/// The SIPRI release of the earlier release the data carries (its latest), without
/// preparing the comparison: what the timeline's overlay toggle is named by.
pub fn earlier_release(state: AppState) -> Option<u16> {
    let b = state.bundle()?;
    let e = b.earlier.as_ref()?;
    Some(e.dataset.releases.iter().map(|r| r.year).max().unwrap_or(0))
}

fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// The CSV of the view as shown (the state's numbers, not the held ones).
fn export(state: AppState) -> Made {
    let not_ready = || tr().t("export.not_ready").to_owned();
    let b = state.bundle().ok_or_else(not_ready)?;
    let c = state.changes.get_untracked().ok_or_else(not_ready)?;
    let pair = state.release_pair.get_untracked().ok_or_else(not_ready)?;
    let years = c
        .years
        .ok_or_else(|| tr().t("changes.no_overlap").to_owned())?;
    let filter = state.filter.get_untracked();
    let ds = &b.dataset;
    let title = changes_title(ds, &filter, &c, pair.releases());
    let prov = Provenance {
        credit: CREDIT.to_owned(),
        source_url: SIPRI_URL.to_owned(),
        filter: filter_words(ds, &filter, years),
        link: current_link(state),
        data: data_words(&b, &data_id(state, &b)),
        generated: today(),
    };
    let name = file_name("changes", ds, &filter, years, Format::Csv.ext());
    save_text(
        &name,
        "text/csv;charset=utf-8",
        &changes_csv(&c, pair.releases(), &title, &prov),
    )
}

/// The changes view (nothing when the data carries no earlier release).
#[component]
pub fn ChangesView() -> impl IntoView {
    let state = use_app_state();
    let has_earlier = move || state.bundle().is_some_and(|b| b.earlier.is_some());
    view! {
        <Show when=has_earlier>{move || view! { <ChangesBody/> }}</Show>
    }
}

#[component]
fn ChangesBody() -> impl IntoView {
    let state = use_app_state();
    let node = NodeRef::<leptos::html::Section>::new();
    let seen = in_view(node);
    let (shown, held) = held_out_of_view(seen, move || state.changes.get());
    let show_all = RwSignal::new(false);
    let show_years = RwSignal::new(false);
    let open = RwSignal::new(Vec::<(String, String)>::new());
    let rel = move || releases(state).unwrap_or((0, 0));
    let title = move || words::title_in(tr(), rel());
    let subject = move || {
        let (Some(b), Some(c)) = (state.bundle(), shown.get()) else {
            return String::new();
        };
        let Some(years) = c.years else {
            return String::new();
        };
        state
            .filter
            .with(|f| words::subject_in(tr(), &b.dataset, f, years))
    };
    let items = vec![Item {
        label: "export.csv_changes",
        id: "csv",
        run: Callback::new(move |_| export(state)),
    }];
    view! {
        <section node_ref=node class="view changes" id="changes" aria-labelledby=HEADING_ID
            data-testid="view-changes" data-held=move || held.get().then_some("")>
            <div class="view-head">
                <h2 id=HEADING_ID tabindex="-1" data-testid="changes-title">{title}</h2>
                <DownloadMenu view="changes" what="export.what_changes" items/>
            </div>
            <p class="changes-subject" data-testid="changes-subject">{subject}</p>
            {move || {
                show_all.track();
                show_years.track();
                shown.get().map(|c| body(c, rel(), show_all, show_years, open))
            }}
            <p class="view-note">{t("changes.note")}</p>
        </section>
    }
}

/// Everything under the heading for one set of numbers.
fn body(
    c: Shared<Changes>,
    rel: (u16, u16),
    show_all: RwSignal<bool>,
    show_years: RwSignal<bool>,
    open: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let tr = tr();
    let summary = words::summary_in(tr, &c, rel);
    if c.years.is_none() {
        return view! { <p class="summary" data-testid="changes-summary">{summary}</p> }.into_any();
    }
    let counts = words::counts_in(tr, &c);
    let (older, newer) = (
        words::release_name(tr, rel.0),
        words::release_name(tr, rel.1),
    );
    let then_h = tr.f("changes.col_then", &[("older", &older)]);
    let now_h = tr.f("changes.col_now", &[("newer", &newer)]);
    let years: Vec<_> = c
        .by_year
        .iter()
        .filter(|y| y.then != y.now)
        .copied()
        .collect();
    let years_same = c.by_year.len() - years.len();
    let n_years = years.len();
    // `by_year` and `pairs` are largest difference first: the top ones, unless all were
    // asked for.
    let years: Vec<_> = years
        .into_iter()
        .take(shown_count(show_years, TOP_YEARS))
        .collect();
    let moved: Vec<&PairChange> = c
        .pairs
        .iter()
        .filter(|p| p.then != p.now || !p.deals.is_empty())
        .collect();
    let pairs_same = c.pairs.len() - moved.len();
    let n_moved = moved.len();
    let listed: Vec<PairChange> = moved
        .into_iter()
        .take(shown_count(show_all, TOP_PAIRS))
        .cloned()
        .collect();
    view! {
        <p class="summary" data-testid="changes-summary">{summary}</p>
        <p data-testid="changes-counts">{counts}</p>
        {(!years.is_empty()).then(|| view! {
            <div class="table-scroll">
                <table class="changes-table" data-testid="changes-years">
                    <caption>{tr.t("changes.by_year")}</caption>
                    <thead><tr>
                        <th scope="col">{tr.t("changes.col_year")}</th>
                        <th scope="col" class="num">{then_h.clone()}</th>
                        <th scope="col" class="num">{now_h.clone()}</th>
                        <th scope="col" class="num">{tr.t("changes.col_diff")}</th>
                    </tr></thead>
                    <tbody>{years.iter().map(|y| view! {
                        <tr data-testid="changes-year-row">
                            <th scope="row">{y.year.to_string()}</th>
                            {numbers(y.then, y.now)}
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        })}
        {(n_years > TOP_YEARS && !show_years.get_untracked()).then(|| view! {
            <button type="button" class="changes-action" data-testid="changes-show-years" on:click=move |_| show_years.set(true)>
                {tr.p("changes.show_years", (n_years - TOP_YEARS) as u64, &[])}</button>
        })}
        {note((years_same > 0).then(|| tr.p("changes.years_same", years_same as u64, &[])), "changes-years-same")}
        {(!listed.is_empty()).then(|| view! {
            <p class="view-note" id=PAIRS_HINT_ID>{tr.t("changes.pairs_hint")}</p>
            <div class="table-scroll">
                <table class="changes-table changes-pairs" data-testid="changes-pairs">
                    <caption>{tr.t("changes.by_pair")}</caption>
                    <thead><tr>
                        <th scope="col">{tr.t("changes.col_pair")}</th>
                        <th scope="col" class="num">{then_h}</th>
                        <th scope="col" class="num">{now_h}</th>
                        <th scope="col" class="num">{tr.t("changes.col_diff")}</th>
                    </tr></thead>
                    <tbody>{listed.into_iter().enumerate().map(|(i, p)| pair_rows(i, p, open)).collect_view()}</tbody>
                </table>
            </div>
        })}
        {(n_moved > TOP_PAIRS && !show_all.get_untracked()).then(|| view! {
            <button type="button" class="changes-action" data-testid="changes-show-all" on:click=move |_| show_all.set(true)>
                {tr.p("changes.show_all", (n_moved - TOP_PAIRS) as u64, &[])}</button>
        })}
        {note((pairs_same > 0).then(|| tr.p("changes.pairs_same", pairs_same as u64, &[])), "changes-pairs-same")}
    }
    .into_any()
}

/// How many rows a table lists: `top`, or all once the reader asked for them.
fn shown_count(all: RwSignal<bool>, top: usize) -> usize {
    if all.get_untracked() {
        usize::MAX
    } else {
        top
    }
}

/// The three numbers of a row: then, now and the difference.
fn numbers(then: Tiv, now: Tiv) -> impl IntoView {
    let tr = tr();
    view! {
        <td class="num">{words::exact_tiv(tr, then)}</td>
        <td class="num">{words::exact_tiv(tr, now)}</td>
        <td class="num diff">{words::signed_tiv(tr, difference(then, now))}</td>
    }
}

/// A note under a table, when there is something to say.
fn note(text: Option<String>, testid: &'static str) -> impl IntoView {
    text.map(|t| view! { <p class="view-note" data-testid=testid>{t}</p> })
}

/// A pair's row, and its deals under it when opened: the pair's name is the button that
/// opens them (its row header; the view's hint says what it does), when there are deals.
fn pair_rows(i: usize, p: PairChange, open: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let tr = tr();
    let key = (p.supplier.clone(), p.recipient.clone());
    let name = words::pair_name_in(tr, &p);
    let deals_id = format!("changes-deals-{i}");
    let k1 = key.clone();
    let is_open = Memo::new(move |_| open.with(|o| o.contains(&k1)));
    let toggle = move |_| {
        let k = key.clone();
        open.update(|o| match o.iter().position(|x| *x == k) {
            Some(at) => {
                o.remove(at);
            }
            None => o.push(k),
        })
    };
    let has_deals = !p.deals.is_empty() || p.unchanged > 0;
    let deals = p.deals.clone();
    let unchanged = p.unchanged;
    let id2 = deals_id.clone();
    let head = if has_deals {
        view! {
            <button type="button" class="changes-pair-toggle" data-testid="changes-pair-open"
                aria-expanded=move || is_open.get().to_string() aria-controls=deals_id
                aria-describedby=PAIRS_HINT_ID on:click=toggle>{name}</button>
        }
        .into_any()
    } else {
        name.into_any()
    };
    view! {
        <tr data-testid="changes-pair-row">
            <th scope="row" data-testid="changes-pair-name">{head}</th>
            {numbers(p.then, p.now)}
        </tr>
        <tr class="changes-deals" id=id2 hidden=move || !is_open.get()>
            <td colspan="4">
                {move || is_open.get().then(|| deal_list(&deals, unchanged))}
            </td>
        </tr>
    }
}

/// The deals behind a pair's difference: one line each (what happened, which deal, its
/// TIV then and now), the fields that changed under it, and whether the match is
/// uncertain.
fn deal_list(deals: &[DealChange], unchanged: usize) -> impl IntoView {
    let tr = tr();
    let items: Vec<(String, &'static str, Vec<String>)> = deals
        .iter()
        .map(|d| {
            let mut line = format!(
                "{} {}: {} → {} ({})",
                words::kind_in(tr, d.kind),
                words::deal_name_in(tr, d),
                words::exact_tiv(tr, d.then),
                words::exact_tiv(tr, d.now),
                words::signed_tiv(tr, d.difference())
            );
            let side = match d.kind {
                ChangeKind::Added => d.newer.as_ref(),
                ChangeKind::Removed => d.older.as_ref(),
                ChangeKind::Revised => None,
            };
            if let Some(s) = side {
                line.push_str(". ");
                line.push_str(&words::deliveries_in(tr, s));
            }
            let kind = match d.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Revised => "revised",
            };
            let mut notes = words::field_changes_in(tr, d);
            notes.extend(words::uncertain_in(tr, d));
            (line, kind, notes)
        })
        .collect();
    view! {
        <ul class="changes-deal-list" data-testid="changes-deal-list">
            {items.into_iter().map(|(line, kind, notes)| view! {
                <li class="changes-deal" data-kind=kind data-testid="changes-deal">{line}
                    {(!notes.is_empty()).then(|| view! {
                        <ul class="changes-fields">{notes.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                    })}
                </li>
            }).collect_view()}
        </ul>
        {note((unchanged > 0).then(|| tr.p("changes.deals_same", unchanged as u64, &[])), "changes-deals-same")}
    }
}
