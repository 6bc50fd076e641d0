//! The deal register: SIPRI's trade register as a table, one row per deal with deliveries
//! in the current filter. Sortable on every column, searchable, and virtually scrolled
//! (only the rows in view are in the DOM), so SIPRI's full register of about 30,000 deals
//! stays smooth. All of the computation is pure, in `atlas_core::analysis::register` (its words in `atlas_core::text::register`).
//!
//! A row opens a detail card with the deal's deliveries year by year. SIPRI's estimates
//! are marked "≈" and Arms Atlas' own even per-year splits "~", both explained in the
//! legend line and in each mark's tooltip.
//!
//! The pieces: `table` holds the table's signals (rows, search, sort, window, focus, open
//! deal); `rows` the rows and their cells; `detail` the detail card.

use atlas_core::analysis::register::{has_comments, has_numbers_ordered, Column};

use atlas_core::model::{Dataset, Flag};
use atlas_core::text::register::{column_key, flag_in};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::use_app_state;
use crate::views::export::RegisterDownloads;
use detail::Detail;
use rows::{row_view, RowView};
use table::Table;

mod detail;
mod rows;
mod table;

/// A table row's height in CSS pixels, as `style/main.css` sets it (`.register-table
/// tbody tr`); the register measures the height laid out (a narrow register shows cards)
/// and starts from this one.
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

/// A local-production flag in the reader's words.
fn local_label(f: Flag) -> &'static str {
    flag_in(tr(), f)
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
    // Out of view, the rows wait for the reader (see `crate::widgets::in_view`).
    let section = NodeRef::<leptos::html::Section>::new();
    let table = Table::new(crate::widgets::in_view::in_view(section));
    table.listen();
    table.announce_search();
    let Table { open, held, .. } = table;
    view! {
        <section class="view register" aria-labelledby="register-title" data-testid="view-register"
            node_ref=section data-held=move || held.get().then_some("")>
            {head(table, columns.clone())}
            {tools(table)}
            {legend_line(any_approx)}
            {scroll_box(table, columns, n_cols)}
            {move || open.get().map(|d| view! { <Detail deal=d on_close=Callback::new(move |_| table.close())/> })}
        </section>
    }
}

/// The title and the download.
fn head(table: Table, columns: Vec<Column>) -> impl IntoView {
    let Table {
        rows,
        order,
        sort,
        query,
        ..
    } = table;
    view! {
        <div class="view-head">
            <h2 id="register-title" data-testid="register-title">{move || table.title()}</h2>
            <RegisterDownloads rows=Signal::derive(move || rows.get().1)
                order=order sort=sort search=query columns=columns.clone()/>
        </div>
    }
}

/// The search box, the count, and the search's words for screen readers.
fn tools(table: Table) -> impl IntoView {
    let Table {
        query,
        search_words,
        ..
    } = table;
    view! {
        <div class="register-tools">
            <label class="register-search">
                <span class="control-label">{t("register.search")}</span>
                <input type="search" data-testid="register-search" autocomplete="off"
                    placeholder=t("register.search_placeholder")
                    prop:value=move || query.get()
                    on:input=move |ev| { query.set(event_target_value(&ev)); table.to_top(); }/>
            </label>
            <p class="register-count" data-testid="register-count">{move || table.count()}</p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="register-search-status">{move || search_words.get()}</p>
        </div>
    }
}

/// What the marks mean.
fn legend_line(any_approx: bool) -> impl IntoView {
    view! {
        <p class="register-legend" data-testid="register-legend">
            <span><abbr class="est" title=t(EST_TITLE)>"≈"</abbr>" "{t("register.legend_est")}</span>
            {any_approx.then(|| view! {
                <span><abbr class="approx" title=t(APPROX_TITLE)>"~"</abbr>" "{t("register.legend_approx")}</span>
            })}
            <span>{t("register.legend_tiv")}</span>
        </p>
    }
}

/// The header cells: each a button that sorts by its column.
fn header_cells(table: Table, columns: &[Column]) -> impl IntoView {
    let sort = table.sort;
    columns
        .iter()
        .map(|&c| {
            // Years are a list ("2010–2012, 2015"): read left to right, not right-aligned.
            let numeric = c.is_numeric() && c != Column::Years;
            view! {
                <th scope="col" class=format!("col-{}", c.id()) class:num=numeric
                    aria-sort=move || sort.get().aria_for(c)>
                    <button type="button" class="sort" data-testid=format!("register-sort-{}", c.id())
                        on:click=move |_| { sort.update(|s| *s = s.click(c)); table.to_top(); }>
                        {t(column_key(c))}
                        <span class="sort-mark" aria-hidden="true">{move || {
                            let s = sort.get();
                            if s.column != c { "" } else if s.direction.aria() == "ascending" { "▲" } else { "▼" }
                        }}</span>
                    </button>
                </th>
            }
        })
        .collect_view()
}

/// The scroll box with the virtually scrolled table, and the empty message.
fn scroll_box(table: Table, columns: Vec<Column>, n_cols: usize) -> impl IntoView {
    let Table {
        order,
        visible,
        scroller,
        open,
        tab_pos,
        active,
        n_rows,
        row_h,
        ..
    } = table;
    let header_cells = header_cells(table, &columns);
    let cols_for_rows = columns.clone();
    let colgroup = columns
        .iter()
        .map(|c| view! { <col class=format!("col-{}", c.id())/> })
        .collect_view();
    view! {
        <div class="register-scroll" node_ref=scroller tabindex="-1"
            on:scroll=move |_| table.measure()>
            <table class="register-table" data-testid="register-table"
                aria-rowcount=move || order.with(|o| o.len()) + 1
                aria-labelledby="register-title">
                <colgroup>{colgroup}</colgroup>
                <thead><tr aria-rowindex="1">{header_cells}</tr></thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true"><td colspan=n_cols style:height=move || table.top_pad()></td></tr>
                    <For each=move || visible.get()
                        key=|r: &RowView| r.pos
                        children=move |first: RowView| {
                            // A row is a place in the sorted order (the virtual scroll's
                            // recycling): a filter change patches the deals shown in the
                            // rows already there, instead of building new rows.
                            let pos = first.pos;
                            let row = Memo::new(move |prev: Option<&RowView>| {
                                visible
                                    .with(|v| v.iter().find(|r| r.pos == pos).cloned())
                                    .or_else(|| prev.cloned())
                                    .unwrap_or_else(|| first.clone())
                            });
                            let cols = cols_for_rows.clone();
                            row_view(row, cols, open, tab_pos, active, n_rows, row_h)
                        }/>
                    <tr class="spacer" aria-hidden="true"><td colspan=n_cols style:height=move || table.bottom_pad()></td></tr>
                </tbody>
            </table>
            {move || table.empty_message().map(|m| view! { <p class="empty" data-testid="register-empty">{m}</p> })}
        </div>
    }
}
