//! The deal register: SIPRI's trade register as a table, one row per deal with deliveries
//! in the current filter. Sortable on every column, searchable, and virtually scrolled
//! (only the rows in view are in the DOM), so SIPRI's full register of about 30,000 deals
//! stays smooth. All of the computation is pure, in `atlas_core::data::register`.
//!
//! A row opens a detail card with the deal's deliveries year by year. SIPRI's estimates
//! are marked "≈" and Arms Atlas' own even per-year splits "~", both explained in the
//! legend line and in each mark's tooltip.

use std::sync::Arc;

use atlas_core::data::register::{
    build_rows_with, column_key, count_label_in, deal_deliveries, flag_in, format_tiv_in,
    format_years, has_comments, has_numbers_ordered, register_title_in, row_key_target, search,
    sort_indices, status_key, visible_window, Column, RegisterRow, Sort, TextIndex,
};
use atlas_core::data::{Dataset, DealIdx, Flag};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::locale::{t, tr};
use crate::state::perf;
use crate::state::{use_app_state, Selection, Shared};
use crate::views::export::RegisterDownloads;

/// Row height in CSS pixels; `style/main.css` sets the same (`.register-table tbody tr`).
pub const ROW_HEIGHT: f64 = 36.0;
/// Rows rendered above and below the viewport.
const OVERSCAN: usize = 8;
/// Viewport height assumed until the box has been measured (too many rows is harmless).
const INITIAL_VIEWPORT: f64 = 720.0;

/// Tooltip of the estimate mark (a key of the translation tables).
const EST_TITLE: &str = "register.est_title";
/// Tooltip of the approximate mark (a key of the translation tables).
const APPROX_TITLE: &str = "register.approx_title";

/// The estimate mark, when `on`.
fn est(on: bool) -> impl IntoView {
    on.then(|| view! { <abbr class="est" title=t(EST_TITLE)>"≈"</abbr> })
}

/// The approximate-split mark, when `on`.
fn approx(on: bool) -> impl IntoView {
    on.then(|| view! { <abbr class="approx" title=t(APPROX_TITLE)>"~"</abbr> })
}

fn local_label(f: Flag) -> &'static str {
    flag_in(tr(), f)
}

/// What one visible row shows, resolved to text.
#[derive(Clone, PartialEq)]
struct RowView {
    pos: usize,
    deal: DealIdx,
    supplier: String,
    recipient: String,
    designation: String,
    description: String,
    category: String,
    order_year: String,
    order_year_est: bool,
    ordered: String,
    ordered_est: bool,
    delivered: String,
    delivered_est: bool,
    years: String,
    years_est: bool,
    tiv: String,
    tiv_est: bool,
    approximate: bool,
    status: &'static str,
    local: &'static str,
    comments: String,
}

impl RowView {
    fn new(ds: &Dataset, pos: usize, r: &RegisterRow) -> RowView {
        RowView {
            pos,
            deal: r.deal,
            supplier: ds.entity(r.supplier).label().to_owned(),
            recipient: ds.entity(r.recipient).label().to_owned(),
            designation: ds.str(r.designation).to_owned(),
            description: ds.str(r.description).to_owned(),
            category: atlas_core::i18n::capitalize(tr().category(r.category)),
            order_year: r
                .order_year
                .map_or_else(|| "—".to_owned(), |y| y.to_string()),
            order_year_est: r.order_year_estimate,
            ordered: r
                .number_ordered
                .map_or_else(|| "—".to_owned(), |n| tr().int(i64::from(n))),
            ordered_est: r.number_ordered_estimate,
            delivered: tr().int(r.delivered as i64),
            delivered_est: r.delivered_estimate,
            years: format_years(&r.years),
            years_est: r.years_estimate,
            tiv: format_tiv_in(tr(), r.tiv),
            tiv_est: r.tiv_estimated.0 > 0,
            approximate: r.approximate,
            status: tr().t(status_key(r.status)),
            local: local_label(r.local_production),
            comments: r.comments.map(|c| ds.str(c).to_owned()).unwrap_or_default(),
        }
    }
}

/// The register: title, search, count, legend, the virtually scrolled table and the
/// detail card of the open deal.
#[component]
pub fn Register() -> impl IntoView {
    let state = use_app_state();
    // Rebuilt when other data is loaded: the columns depend on what the data carries.
    move || {
        state.bundle().map_or_else(
            || {
                view! { <section class="view register" data-testid="view-register"></section> }
                    .into_any()
            },
            |b| register_view(&b.dataset).into_any(),
        )
    }
}

/// The register for one loaded dataset.
fn register_view(ds_static: &Dataset) -> impl IntoView {
    let state = use_app_state();
    let columns: Vec<Column> = Column::ALL
        .into_iter()
        .filter(|c| match c {
            Column::Ordered => has_numbers_ordered(ds_static),
            Column::Comments => has_comments(ds_static),
            _ => true,
        })
        .collect();
    let n_cols = columns.len();
    let any_approx = ds_static.deliveries.iter().any(|d| d.approximate);

    let index = Memo::new(move |_| {
        state
            .bundle()
            .map(|b| Shared(Arc::new(TextIndex::new(&b.dataset))))
    });
    // (generation, rows): the generation keys the DOM rows, so a row re-renders when the
    // filter changes its totals.
    let rows = Memo::new(move |prev: Option<&(u64, Shared<Vec<RegisterRow>>)>| {
        let generation = prev.map_or(0, |p| p.0 + 1);
        let (Some(b), Some(ix)) = (state.bundle(), index.get()) else {
            return (generation, Shared(Arc::new(Vec::new())));
        };
        perf::mark("atlas:register:start");
        let deals = state.deal_index.get();
        let r = state
            .filter
            .with(|f| build_rows_with(&b.dataset, &ix, deals.as_deref(), f));
        perf::measure("atlas:register", "atlas:register:start");
        (generation, Shared(Arc::new(r)))
    });
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::default());
    let matches = Memo::new(move |_| {
        let (_, r) = rows.get();
        let Some(ix) = index.get() else {
            return Shared(Arc::new(Vec::new()));
        };
        Shared(Arc::new(query.with(|q| search(&r, &ix, q))))
    });
    // Sorting runs when the rows or the sort change, not on every keystroke of the search:
    // the search then only picks its matches out of the sorted order.
    let sorted = Memo::new(move |_| {
        let (_, r) = rows.get();
        let mut o: Vec<usize> = (0..r.len()).collect();
        let s = sort.get();
        sort_indices(&r, &mut o, s.column, s.direction);
        Shared(Arc::new(o))
    });
    let order = Memo::new(move |_| {
        let all = sorted.get();
        let m = matches.get();
        if m.len() == all.len() {
            return all;
        }
        let mut hit = vec![false; all.len()];
        for &i in m.iter() {
            if let Some(h) = hit.get_mut(i) {
                *h = true;
            }
        }
        Shared(Arc::new(all.iter().copied().filter(|&i| hit[i]).collect()))
    });
    // (scrollTop, clientHeight) of the scroll box, from its scroll events.
    let viewport = RwSignal::new((0.0f64, INITIAL_VIEWPORT));
    let window = Memo::new(move |_| {
        let (top, height) = viewport.get();
        visible_window(top, height, ROW_HEIGHT, order.with(|o| o.len()), OVERSCAN)
    });
    // One Tab stop for the whole table (a roving tabindex): the row last focused, or the
    // first rendered row when that one has scrolled out of the DOM. Arrow keys, Page
    // Up/Down, Home and End move between rows.
    let active = RwSignal::new(0usize);
    let tab_pos = Memo::new(move |_| {
        let w = window.get();
        let a = active.get();
        if w.contains(&a) {
            a
        } else {
            w.start
        }
    });
    let n_rows = Signal::derive(move || order.with(|o| o.len()));
    let visible = Memo::new(move |_| {
        let Some(b) = state.bundle() else {
            return Vec::new();
        };
        let (generation, r) = rows.get();
        let o = order.get();
        window
            .get()
            .filter_map(|pos| {
                Some((
                    generation,
                    RowView::new(&b.dataset, pos, r.get(*o.get(pos)?)?),
                ))
            })
            .collect::<Vec<_>>()
    });
    let top_pad = move || format!("{}px", window.get().start as f64 * ROW_HEIGHT);
    let bottom_pad = move || {
        let n = order.with(|o| o.len());
        format!(
            "{}px",
            n.saturating_sub(window.get().end) as f64 * ROW_HEIGHT
        )
    };

    let scroller = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
        }
    };
    let to_top = move || {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        viewport.update(|v| v.0 = 0.0);
        active.set(0);
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());

    let open = RwSignal::new(None::<DealIdx>);
    let close = move || {
        if let Some(d) = open.get_untracked() {
            open.set(None);
            if state.selection.get_untracked() == Some(Selection::Deal(d)) {
                state.selection.set(None);
            }
            focus_row(d);
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked().is_some() {
            ev.prevent_default();
            close();
        }
    });
    on_cleanup(move || {
        resize.remove();
        keys.remove();
    });

    let total = move || rows.with(|(_, r)| r.len());
    let count = move || count_label_in(tr(), matches.with(|m| m.len()), total());
    // What the search found, spoken once typing pauses. Filter changes are announced by
    // the page's one live region (`announce.rs`), so the count line itself is not live
    // (it would say every filter result a second time).
    let search_words = RwSignal::new(String::new());
    let search_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |prev: Option<String>| {
        let q = query.get();
        if prev.as_ref() == Some(&q) || (prev.is_none() && q.is_empty()) {
            return q;
        }
        if let Some(h) = search_timer.get_value() {
            h.clear();
        }
        // The timeout runs outside the component's owner, where the locale context is
        // not reachable: take the words now.
        let words = untrack(tr);
        let h = set_timeout_with_handle(
            move || {
                search_words.set(count_label_in(
                    words,
                    matches.with_untracked(|m| m.len()),
                    rows.with_untracked(|(_, r)| r.len()),
                ))
            },
            std::time::Duration::from_millis(700),
        )
        .ok();
        search_timer.set_value(h);
        q
    });
    on_cleanup(move || {
        if let Some(h) = search_timer.try_get_value().flatten() {
            h.clear();
        }
    });
    let title = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| register_title_in(tr(), &b.dataset, f, agg.years))
    };
    let empty_message = move || {
        if total() == 0 {
            Some(tr().t("register.empty").to_owned())
        } else if matches.with(|m| m.is_empty()) {
            Some(tr().f(
                "register.no_match",
                &[
                    ("query", query.get().trim()),
                    ("all", &count_label_in(tr(), total(), total())),
                ],
            ))
        } else {
            None
        }
    };

    let header_cells = columns
        .iter()
        .map(|&c| {
            // Years are a list ("2010–2012, 2015"): read left to right, not right-aligned.
            let numeric = c.is_numeric() && c != Column::Years;
            view! {
                <th scope="col" class=format!("col-{}", c.id()) class:num=numeric
                    aria-sort=move || sort.get().aria_for(c)>
                    <button type="button" class="sort" data-testid=format!("register-sort-{}", c.id())
                        on:click=move |_| { sort.update(|s| *s = s.click(c)); to_top(); }>
                        {t(column_key(c))}
                        <span class="sort-mark" aria-hidden="true">{move || {
                            let s = sort.get();
                            if s.column != c { "" } else if s.direction.aria() == "ascending" { "▲" } else { "▼" }
                        }}</span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let cols_for_rows = columns.clone();
    let colgroup = columns
        .iter()
        .map(|c| view! { <col class=format!("col-{}", c.id())/> })
        .collect_view();

    view! {
        <section class="view register" aria-labelledby="register-title" data-testid="view-register">
            <div class="view-head">
                <h2 id="register-title" data-testid="register-title">{title}</h2>
                <RegisterDownloads rows=Signal::derive(move || rows.get().1)
                    order=order sort=sort search=query columns=columns.clone()/>
            </div>
            <div class="register-tools">
                <label class="register-search">
                    <span class="control-label">{t("register.search")}</span>
                    <input type="search" data-testid="register-search" autocomplete="off"
                        placeholder=t("register.search_placeholder")
                        prop:value=move || query.get()
                        on:input=move |ev| { query.set(event_target_value(&ev)); to_top(); }/>
                </label>
                <p class="register-count" data-testid="register-count">{count}</p>
                <p class="visually-hidden" role="status" aria-live="polite" data-testid="register-search-status">{move || search_words.get()}</p>
            </div>
            <p class="register-legend" data-testid="register-legend">
                <span><abbr class="est" title=t(EST_TITLE)>"≈"</abbr>" "{t("register.legend_est")}</span>
                {any_approx.then(|| view! {
                    <span><abbr class="approx" title=t(APPROX_TITLE)>"~"</abbr>" "{t("register.legend_approx")}</span>
                })}
                <span>{t("register.legend_tiv")}</span>
            </p>
            <div class="register-scroll" node_ref=scroller tabindex="-1"
                on:scroll=move |_| measure()>
                <table class="register-table" data-testid="register-table"
                    aria-rowcount=move || order.with(|o| o.len()) + 1
                    aria-labelledby="register-title">
                    <colgroup>{colgroup}</colgroup>
                    <thead><tr aria-rowindex="1">{header_cells}</tr></thead>
                    <tbody>
                        <tr class="spacer" aria-hidden="true"><td colspan=n_cols style:height=top_pad></td></tr>
                        <For each=move || visible.get()
                            key=|(g, r): &(u64, RowView)| (*g, r.deal, r.pos)
                            children=move |(_, r): (u64, RowView)| {
                                let cols = cols_for_rows.clone();
                                row_view(r, cols, open, tab_pos, active, n_rows)
                            }/>
                        <tr class="spacer" aria-hidden="true"><td colspan=n_cols style:height=bottom_pad></td></tr>
                    </tbody>
                </table>
                {move || empty_message().map(|m| view! { <p class="empty" data-testid="register-empty">{m}</p> })}
            </div>
            {move || open.get().map(|d| view! { <Detail deal=d on_close=Callback::new(move |_| close())/> })}
        </section>
    }
}

/// Focuses the row of `deal` if it is rendered (after the detail card closes).
fn focus_row(deal: DealIdx) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(el)) = doc.query_selector(&format!(
        "[data-testid=\"register-row\"][data-deal=\"{}\"]",
        deal.0
    )) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Moves focus to the row at `pos` (arrow keys), scrolling it into the box first.
fn focus_pos(scroll_box: Option<web_sys::Element>, pos: usize) {
    let Some(el) = scroll_box else {
        return;
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let find = move || {
        doc.query_selector(&format!(
            "[data-testid=\"register-row\"][data-pos=\"{pos}\"]"
        ))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    if let Some(row) = find() {
        let _ = row.focus();
        return;
    }
    // Not rendered yet: scroll so that it will be, then focus after the next render.
    el.set_scroll_top((pos as f64 * ROW_HEIGHT) as i32);
    request_animation_frame(move || {
        if let Some(row) = find() {
            let _ = row.focus();
        }
    });
}

/// Rows that fit in the scroll box (Page Up/Down move by this many).
fn page_rows(scroll_box: Option<&web_sys::Element>) -> usize {
    scroll_box.map_or(10, |el| {
        ((f64::from(el.client_height()) / ROW_HEIGHT).floor() as usize)
            .saturating_sub(1)
            .max(1)
    })
}

/// One table row.
fn row_view(
    r: RowView,
    columns: Vec<Column>,
    open: RwSignal<Option<DealIdx>>,
    tab_pos: Memo<usize>,
    active: RwSignal<usize>,
    n_rows: Signal<usize>,
) -> impl IntoView {
    let state = use_app_state();
    let deal = r.deal;
    let pos = r.pos;
    let sel = Selection::Deal(deal);
    let cells = columns
        .into_iter()
        .map(|c| {
            let cls = format!("col-{}", c.id());
            // Years are a list ("2010–2012, 2015"): read left to right, not right-aligned.
            let numeric = c.is_numeric() && c != Column::Years;
            let (text, title, marks): (String, Option<String>, AnyView) = match c {
                Column::Supplier => (r.supplier.clone(), Some(r.supplier.clone()), ().into_any()),
                Column::Recipient => (
                    r.recipient.clone(),
                    Some(r.recipient.clone()),
                    ().into_any(),
                ),
                Column::Designation => (
                    r.designation.clone(),
                    Some(r.designation.clone()),
                    ().into_any(),
                ),
                Column::Description => (
                    r.description.clone(),
                    Some(r.description.clone()),
                    ().into_any(),
                ),
                Column::Category => (
                    r.category.to_owned(),
                    Some(r.category.to_owned()),
                    ().into_any(),
                ),
                Column::OrderYear => (r.order_year.clone(), None, est(r.order_year_est).into_any()),
                Column::Ordered => (r.ordered.clone(), None, est(r.ordered_est).into_any()),
                Column::Delivered => (r.delivered.clone(), None, est(r.delivered_est).into_any()),
                Column::Years => (
                    r.years.clone(),
                    Some(r.years.clone()),
                    est(r.years_est).into_any(),
                ),
                Column::Tiv => (
                    r.tiv.clone(),
                    None,
                    view! { {est(r.tiv_est)}{approx(r.approximate)} }.into_any(),
                ),
                Column::Status => (
                    r.status.to_owned(),
                    Some(r.status.to_owned()),
                    ().into_any(),
                ),
                Column::LocalProduction => (r.local.to_owned(), None, ().into_any()),
                Column::Comments => (r.comments.clone(), Some(r.comments.clone()), ().into_any()),
            };
            view! { <td class=cls class:num=numeric title=title>{marks}{text}</td> }
        })
        .collect_view();
    // Opening a row (not hovering it: rows pass under the pointer while scrolling) makes
    // the deal the linked selection, so the other views can point at it.
    let activate = move || {
        open.set(Some(deal));
        state.selection.set(Some(sel));
        // Let the card render, then move focus into it.
        request_animation_frame(|| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector("[data-testid=\"register-detail-close\"]")
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    };
    let label = tr().f(
        "register.row_label",
        &[
            ("from", &r.supplier),
            ("to", &r.recipient),
            ("system", &r.designation),
            ("years", &r.years),
        ],
    );
    view! {
        <tr class="register-row" data-testid="register-row"
            tabindex=move || if tab_pos.get() == pos { "0" } else { "-1" }
            data-deal=deal.0 data-pos=pos aria-rowindex=pos + 2
            aria-label=label
            class:is-open=move || open.get() == Some(deal)
            class:is-selected=move || state.selection.get() == Some(sel)
            on:click=move |_| activate()
            on:focus=move |_| active.set(pos)
            on:keydown=move |ev| {
                let scroll_box = ev
                    .current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest(".register-scroll").ok().flatten());
                match ev.key().as_str() {
                    "Enter" | " " => { ev.prevent_default(); activate(); }
                    key => {
                        if let Some(to) = row_key_target(key, pos, n_rows.get_untracked(), page_rows(scroll_box.as_ref())) {
                            ev.prevent_default();
                            active.set(to);
                            focus_pos(scroll_box, to);
                        }
                    }
                }
            }>
            {cells}
        </tr>
    }
}

/// The detail card of one deal: what SIPRI knows about the order, and its deliveries year
/// by year with their flags in words.
#[component]
fn Detail(deal: DealIdx, on_close: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let Some(b) = state.bundle() else {
        return ().into_any();
    };
    let ds = &b.dataset;
    let Some(d) = ds.deals.get(deal.0 as usize) else {
        return ().into_any();
    };
    let years = state.filter.with_untracked(|f| f.years);
    let dels = deal_deliveries(ds, deal);
    let tr = tr();
    let title = tr.f(
        "detail.title",
        &[
            ("system", ds.str(d.designation)),
            ("description", ds.str(d.description)),
            ("from", ds.entity(d.supplier).label()),
            ("to", ds.entity(d.recipient).label()),
        ],
    );
    let fact = |k: &'static str, v: String, e: bool| {
        view! { <div><dt>{t(k)}</dt><dd>{est(e)}{v}</dd></div> }
    };
    let opt_tiv = |x: Option<atlas_core::data::Tiv>| {
        x.map_or_else(
            || "—".to_owned(),
            |x| tr.f("detail.million", &[("tiv", &format_tiv_in(tr, x))]),
        )
    };
    let format_count = |n: usize| tr.int(n as i64);
    let format_tiv = |x: atlas_core::data::Tiv| format_tiv_in(tr, x);
    let facts = view! {
        <dl class="detail-facts">
            {fact("detail.ordered_in", d.order_year.map_or_else(|| tr.t("detail.not_known").to_owned(), |y| y.to_string()), d.order_year_estimate.is_yes())}
            {d.number_ordered.map(|n| fact("detail.number_ordered", format_count(n as usize), d.number_ordered_estimate.is_yes()))}
            {fact("detail.category", atlas_core::i18n::capitalize(tr.category(d.category)), false)}
            {fact("detail.status", tr.t(status_key(d.status)).to_owned(), false)}
            {fact("detail.local", local_label(d.local_production).to_owned(), false)}
            {d.tiv_unit_deal.map(|t| fact("detail.tiv_unit_deal", opt_tiv(Some(t)), false))}
            {d.tiv_unit_new.map(|t| fact("detail.tiv_unit_new", opt_tiv(Some(t)), false))}
            {d.tiv_total_order.map(|t| fact("detail.tiv_total_order", opt_tiv(Some(t)), false))}
            {d.sipri_id.map(|id| fact("detail.sipri_id", id.to_string(), false))}
        </dl>
    };
    let comments = d
        .comments
        .map(|c| view! { <p class="detail-comments">{ds.str(c).to_owned()}</p> });
    let body = dels
        .iter()
        .map(|x| {
            let mut notes: Vec<&str> = Vec::new();
            if x.year_estimate.is_yes() {
                notes.push(tr.t("detail.note_year_est"));
            }
            if x.number_estimate.is_yes() {
                notes.push(tr.t("detail.note_number_est"));
            }
            if x.approximate {
                notes.push(tr.t("register.legend_approx"));
            }
            let outside = years.is_some_and(|r| !r.contains(x.year));
            if outside {
                notes.push(tr.t("detail.note_outside"));
            }
            view! {
                <tr class:outside=outside>
                    <td>{est(x.year_estimate.is_yes())}{x.year}</td>
                    <td class="num">{est(x.number_estimate.is_yes())}{format_count(x.number as usize)}</td>
                    <td class="num">{est(x.is_estimate() && !x.approximate)}{approx(x.approximate)}{format_tiv(x.tiv)}</td>
                    <td>{notes.join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    let total: atlas_core::data::Tiv = dels.iter().map(|x| x.tiv).sum();
    let total_n: u64 = dels.iter().map(|x| u64::from(x.number)).sum();
    view! {
        <div class="register-detail" role="dialog" aria-modal="false" aria-labelledby="register-detail-title"
            data-testid="register-detail">
            <div class="detail-head">
                <h3 id="register-detail-title">{title}</h3>
                <button type="button" class="detail-close" data-testid="register-detail-close"
                    aria-label=t("detail.close_label")
                    on:click=move |_| on_close.run(())>{t("detail.close")}" ✕"</button>
            </div>
            {facts}
            {comments}
            <div class="detail-table-box">
                <table class="detail-table">
                    <caption>{t("detail.caption")}</caption>
                    <thead><tr><th scope="col">{t("detail.year")}</th><th scope="col" class="num">{t("detail.number")}</th>
                        <th scope="col" class="num">{t("detail.tiv")}</th><th scope="col">{t("detail.notes")}</th></tr></thead>
                    <tbody>{body}</tbody>
                    <tfoot><tr><th scope="row">{t("detail.total")}</th><td class="num">{format_count(total_n as usize)}</td>
                        <td class="num">{format_tiv(total)}</td><td></td></tr></tfoot>
                </table>
            </div>
            <p class="view-note">{t("detail.escape_hint")}</p>
        </div>
    }
    .into_any()
}
