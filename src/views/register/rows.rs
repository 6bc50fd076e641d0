//! The register's rows: what a visible row shows, resolved to text ([`RowView`]), its
//! cells, and moving the keyboard focus between rows (arrows, Page Up/Down, Home, End).

use atlas_core::analysis::register::{format_years, row_key_target};

use atlas_core::analysis::register::{Column, RegisterRow};
use atlas_core::model::{Dataset, DealIdx};
use atlas_core::text::register::{column_key, format_tiv_in, status_key};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{approx, est, local_label};
use crate::state::locale::{t, tr};
use crate::state::{use_app_state, Selection};

/// What one visible row shows, resolved to text.
#[derive(Clone, PartialEq)]
pub(super) struct RowView {
    pub(super) pos: usize,
    pub(super) deal: DealIdx,
    supplier: String,
    recipient: String,
    /// The names with SIPRI's spelling where the reader's language differs ("Russie
    /// (SIPRI: Russia)"), for the cells' tooltips.
    supplier_title: String,
    recipient_title: String,
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
    pub(super) fn new(ds: &Dataset, pos: usize, r: &RegisterRow) -> RowView {
        let tr = tr();
        let titled = |id| {
            let (name, e) = (tr.entity(ds, id), ds.entity(id));
            let title = tr
                .sipri_note(e)
                .map_or_else(|| name.to_owned(), |note| [name, " (", &note, ")"].concat());
            (name.to_owned(), title)
        };
        let (supplier, supplier_title) = titled(r.supplier);
        let (recipient, recipient_title) = titled(r.recipient);
        RowView {
            pos,
            deal: r.deal,
            supplier,
            recipient,
            supplier_title,
            recipient_title,
            designation: ds.str(r.designation).to_owned(),
            description: ds.str(r.description).to_owned(),
            category: atlas_core::text::capitalize(tr.category(r.category)),
            order_year: r
                .order_year
                .map_or_else(|| "—".to_owned(), |y| y.to_string()),
            order_year_est: r.order_year_estimate,
            ordered: r
                .number_ordered
                .map_or_else(|| "—".to_owned(), |n| tr.int(i64::from(n))),
            ordered_est: r.number_ordered_estimate,
            delivered: tr.int(r.delivered as i64),
            delivered_est: r.delivered_estimate,
            years: format_years(&r.years),
            years_est: r.years_estimate,
            tiv: format_tiv_in(tr, r.tiv),
            tiv_est: r.tiv_estimated.0 > 0,
            approximate: r.approximate,
            status: tr.t(status_key(r.status)),
            local: local_label(r.local_production),
            comments: r.comments.map(|c| ds.str(c).to_owned()).unwrap_or_default(),
        }
    }
}

/// Focuses the row of `deal` if it is rendered (after the detail card closes).
pub(super) fn focus_row(deal: DealIdx) {
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

/// Moves focus to the row at `pos` (arrow keys), scrolling it into the box first. Rows
/// are `row_h` high.
fn focus_pos(scroll_box: Option<web_sys::Element>, pos: usize, row_h: f64) {
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
    el.set_scroll_top((pos as f64 * row_h) as i32);
    request_animation_frame(move || {
        if let Some(row) = find() {
            let _ = row.focus();
        }
    });
}

/// Rows `row_h` high that fit in the scroll box (Page Up/Down move by this many).
fn page_rows(scroll_box: Option<&web_sys::Element>, row_h: f64) -> usize {
    scroll_box.map_or(10, |el| {
        ((f64::from(el.client_height()) / row_h.max(1.0)).floor() as usize)
            .saturating_sub(1)
            .max(1)
    })
}

/// What a cell shows: its text, a title for long text, and its marks (estimate,
/// approximate split).
fn cell(r: &RowView, c: Column) -> (String, Option<String>, bool, bool) {
    let long = |s: &str| (s.to_owned(), Some(s.to_owned()), false, false);
    match c {
        Column::Supplier => (
            r.supplier.clone(),
            Some(r.supplier_title.clone()),
            false,
            false,
        ),
        Column::Recipient => (
            r.recipient.clone(),
            Some(r.recipient_title.clone()),
            false,
            false,
        ),
        Column::Designation => long(&r.designation),
        Column::Description => long(&r.description),
        Column::Category => long(&r.category),
        Column::OrderYear => (r.order_year.clone(), None, r.order_year_est, false),
        Column::Ordered => (r.ordered.clone(), None, r.ordered_est, false),
        Column::Delivered => (r.delivered.clone(), None, r.delivered_est, false),
        Column::Years => (r.years.clone(), Some(r.years.clone()), r.years_est, false),
        Column::Tiv => (r.tiv.clone(), None, r.tiv_est, r.approximate),
        Column::Status => long(r.status),
        Column::LocalProduction => (r.local.to_owned(), None, false, false),
        Column::Comments => long(&r.comments),
    }
}

/// The cells of one row, in the order of `columns`. Each follows the row's deal through
/// filter changes: a new total patches its text in place.
fn cells(row: Memo<RowView>, columns: Vec<Column>) -> impl IntoView {
    columns
        .into_iter()
        .map(|c| {
            let cls = format!("col-{}", c.id());
            // Years are a list ("2010–2012, 2015"): read left to right, not right-aligned.
            let numeric = c.is_numeric() && c != Column::Years;
            let text = move || row.with(|r| cell(r, c).0);
            let title = move || row.with(|r| cell(r, c).1);
            let marks = move || {
                let (_, _, e, a) = row.with(|r| cell(r, c));
                view! { {est(e)}{approx(a)} }
            };
            // The column's name, which a narrow register's cards show beside the numbers.
            view! { <td class=cls class:num=numeric title=title data-label=t(column_key(c))>{marks}{text}</td> }
        })
        .collect_view()
}

/// One table row.
pub(super) fn row_view(
    row: Memo<RowView>,
    columns: Vec<Column>,
    open: RwSignal<Option<DealIdx>>,
    tab_pos: Memo<usize>,
    active: RwSignal<usize>,
    n_rows: Signal<usize>,
    row_h: RwSignal<f64>,
) -> impl IntoView {
    let state = use_app_state();
    let deal = move || row.with(|r| r.deal);
    let deal_now = move || row.with_untracked(|r| r.deal);
    let pos = move || row.with(|r| r.pos);
    let cells = cells(row, columns);
    // Opening a row (not hovering it: rows pass under the pointer while scrolling) makes
    // the deal the linked selection, so the other views can point at it.
    let activate = move || {
        let deal = deal_now();
        open.set(Some(deal));
        state.selection.set(Some(Selection::Deal(deal)));
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
    let label = move || {
        row.with(|r| {
            tr().f(
                "register.row_label",
                &[
                    ("from", &r.supplier),
                    ("to", &r.recipient),
                    ("system", &r.designation),
                    ("years", &r.years),
                ],
            )
        })
    };
    view! {
        <tr class="register-row" data-testid="register-row"
            tabindex=move || if tab_pos.get() == pos() { "0" } else { "-1" }
            data-deal=move || deal().0 data-pos=pos aria-rowindex=move || pos() + 2
            aria-label=label
            class:is-open=move || open.get() == Some(deal())
            class:is-selected=move || state.selection.get() == Some(Selection::Deal(deal()))
            on:click=move |_| activate()
            on:focus=move |_| active.set(pos())
            on:keydown=move |ev| {
                let scroll_box = ev
                    .current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest(".register-scroll").ok().flatten());
                match ev.key().as_str() {
                    "Enter" | " " => { ev.prevent_default(); activate(); }
                    key => {
                        let h = row_h.get_untracked();
                        if let Some(to) = row_key_target(key, row.with_untracked(|r| r.pos), n_rows.get_untracked(), page_rows(scroll_box.as_ref(), h)) {
                            ev.prevent_default();
                            active.set(to);
                            focus_pos(scroll_box, to, h);
                        }
                    }
                }
            }>
            {cells}
        </tr>
    }
}
