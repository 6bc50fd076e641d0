//! The register's table state: the rows of the filter, the search, the sort, the window
//! of rows in view (virtual scrolling), the roving Tab stop and the open deal, with the
//! listeners and the search announcement that go with them.

use std::sync::Arc;

use atlas_core::analysis::register::{
    build_rows_with, search, sort_indices, visible_window, RegisterRow, Sort, TextIndex,
};
use atlas_core::text::register::text_index;

use atlas_core::model::DealIdx;
use atlas_core::text::register::{count_label_in, register_title_in};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::rows::{focus_row, RowView};
use super::{INITIAL_VIEWPORT, OVERSCAN, ROW_HEIGHT};
use crate::state::locale::tr;
use crate::state::perf;
use crate::state::{use_app_state, AppState, Selection, Shared};

/// The table's signals. `Copy` (signal handles), so event handlers and views each take
/// their own.
#[derive(Clone, Copy)]
pub(super) struct Table {
    pub(super) state: AppState,
    /// (generation, rows): a new generation for every build of the rows.
    pub(super) rows: Memo<(u64, Shared<Vec<RegisterRow>>)>,
    pub(super) query: RwSignal<String>,
    pub(super) sort: RwSignal<Sort>,
    /// The rows the search matches (indices into `rows`).
    matches: Memo<Shared<Vec<usize>>>,
    /// The rows shown, in order (sort, then search): indices into `rows`.
    pub(super) order: Memo<Shared<Vec<usize>>>,
    /// (scrollTop less the header's height, clientHeight) of the scroll box: where the
    /// rows in view start, and how much of them shows.
    viewport: RwSignal<(f64, f64)>,
    /// A row's height as laid out, in CSS pixels: a table row, or a card where the
    /// register is narrow (`style/main.css`); measured, [`ROW_HEIGHT`] until then.
    pub(super) row_h: RwSignal<f64>,
    /// The height of the header above the rows (its sort buttons), measured.
    head_h: StoredValue<f64>,
    /// The positions in `order` rendered.
    window: Memo<std::ops::Range<usize>>,
    pub(super) active: RwSignal<usize>,
    pub(super) tab_pos: Memo<usize>,
    pub(super) n_rows: Signal<usize>,
    pub(super) visible: Memo<Vec<RowView>>,
    pub(super) scroller: NodeRef<leptos::html::Div>,
    pub(super) open: RwSignal<Option<DealIdx>>,
    /// What the search found, in words, once typing pauses.
    pub(super) search_words: RwSignal<String>,
    /// True while the rows may be older than the filter (held out of view).
    pub(super) held: Signal<bool>,
}

impl Table {
    /// The table's signals. While `in_view` is false the rows keep the filter they were
    /// built for, and catch up when the register comes into view.
    pub(super) fn new(in_view: Signal<bool>) -> Table {
        let state = use_app_state();
        // In the reader's language (names sort and are found as shown; SIPRI's spelling
        // is found too): built again when the language changes.
        let index = Memo::new(move |_| {
            let tr = tr();
            state
                .bundle()
                .map(|b| Shared::<TextIndex>(Arc::new(text_index(&b.dataset, tr))))
        });
        // (generation, rows): a new generation for every build, so views downstream always
        // see a new value; the DOM rows themselves are keyed by deal (see `scroll_box`).
        // Held while out of view, never across datasets (see `crate::widgets::in_view`).
        let generation = StoredValue::new(0u64);
        let (rows, held) = crate::widgets::in_view::held_out_of_view(in_view, move || {
            let g = generation.get_value() + 1;
            generation.set_value(g);
            let (Some(b), Some(ix)) = (state.bundle(), index.get()) else {
                return (g, Shared(Arc::new(Vec::new())));
            };
            perf::mark("atlas:register:start");
            let deals = state.deal_index.get();
            let r = state
                .filter
                .with(|f| build_rows_with(&b.dataset, &ix, deals.as_deref(), f));
            perf::measure("atlas:register", "atlas:register:start");
            (g, Shared(Arc::new(r)))
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
        // Where the scroll box shows the rows, from its scroll events.
        let viewport = RwSignal::new((0.0f64, INITIAL_VIEWPORT));
        let row_h = RwSignal::new(ROW_HEIGHT);
        let head_h = StoredValue::new(0.0f64);
        let window = Memo::new(move |_| {
            let (top, height) = viewport.get();
            visible_window(top, height, row_h.get(), order.with(|o| o.len()), OVERSCAN)
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
            let (_, r) = rows.get();
            let o = order.get();
            window
                .get()
                .filter_map(|pos| Some(RowView::new(&b.dataset, pos, r.get(*o.get(pos)?)?)))
                .collect::<Vec<_>>()
        });
        let scroller = NodeRef::<leptos::html::Div>::new();
        let open = RwSignal::new(None::<DealIdx>);
        let search_words = RwSignal::new(String::new());
        Table {
            state,
            rows,
            query,
            sort,
            matches,
            order,
            viewport,
            row_h,
            head_h,
            window,
            active,
            tab_pos,
            n_rows,
            visible,
            scroller,
            open,
            search_words,
            held,
        }
    }

    /// Closes the detail card on Escape, and re-measures the rows and the box when the
    /// box or the table changes size (a narrow register lays its rows out as cards, and
    /// the box is as tall as its rows up to a limit).
    pub(super) fn listen(self) {
        let Table { open, scroller, .. } = self;
        scroller.on_load(move |el: web_sys::HtmlDivElement| {
            let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
                self.measure_layout();
                self.measure();
            });
            let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            else {
                // No ResizeObserver (very old browsers): the window's resizes only.
                self.measure_layout();
                self.measure();
                return;
            };
            observer.observe(&el);
            if let Some(table) = el.first_element_child() {
                observer.observe(&table);
            }
            on_resize.forget();
            let observer = send_wrapper::SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        });
        let resize = window_event_listener(leptos::ev::resize, move |_| {
            self.measure_layout();
            self.measure();
        });
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && open.get_untracked().is_some() {
                ev.prevent_default();
                self.close();
            }
        });
        on_cleanup(move || {
            resize.remove();
            keys.remove();
        });
    }

    /// What the search found, spoken once typing pauses. Filter changes are announced by
    /// the page's one live region (`announce.rs`), so the count line itself is not live
    /// (it would say every filter result a second time).
    pub(super) fn announce_search(self) {
        let Table {
            rows,
            query,
            matches,
            search_words,
            ..
        } = self;
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
    }

    /// The top spacer's height: the rows above the window.
    pub(super) fn top_pad(self) -> String {
        let Table { window, row_h, .. } = self;
        format!("{}px", window.get().start as f64 * row_h.get())
    }

    /// The bottom spacer's height: the rows below the window.
    pub(super) fn bottom_pad(self) -> String {
        let Table {
            order,
            window,
            row_h,
            ..
        } = self;
        let n = order.with(|o| o.len());
        format!(
            "{}px",
            n.saturating_sub(window.get().end) as f64 * row_h.get()
        )
    }

    /// Reads the scroll box's position and height.
    pub(super) fn measure(self) {
        let Table {
            viewport,
            scroller,
            head_h,
            ..
        } = self;
        // (`try_`: an observer's report may come as the register goes away.)
        if let Some(el) = scroller.try_get_untracked().flatten() {
            let top = f64::from(el.scroll_top()) - head_h.try_get_value().unwrap_or(0.0);
            let v = (top.max(0.0), f64::from(el.client_height()));
            if viewport.try_get_untracked().is_some_and(|old| old != v) {
                let _ = viewport.try_set(v);
            }
        }
    }

    /// Reads a row's height and the header's as laid out: the stylesheet decides them
    /// (a card is taller than a table row), the virtual scroll follows.
    fn measure_layout(self) {
        let Table {
            scroller,
            row_h,
            head_h,
            ..
        } = self;
        let Some(el) = scroller.try_get_untracked().flatten() else {
            return;
        };
        let height = |sel: &str| {
            el.query_selector(sel)
                .ok()
                .flatten()
                .map(|e| e.get_bounding_client_rect().height())
                .filter(|h| h.is_finite() && *h > 0.0)
        };
        if let Some(h) = height("thead") {
            let _ = head_h.try_set_value(h);
        }
        if let Some(h) = height("tr.register-row") {
            if row_h
                .try_get_untracked()
                .is_some_and(|old| (old - h).abs() > 0.01)
            {
                let _ = row_h.try_set(h);
            }
        }
    }

    /// Back to the first row (after a new sort or search).
    pub(super) fn to_top(self) {
        let Table {
            viewport,
            active,
            scroller,
            ..
        } = self;
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        viewport.update(|v| v.0 = 0.0);
        active.set(0);
    }

    /// Closes the detail card, and gives the focus back to its row.
    pub(super) fn close(self) {
        let Table { state, open, .. } = self;
        if let Some(d) = open.get_untracked() {
            open.set(None);
            if state.selection.get_untracked() == Some(Selection::Deal(d)) {
                state.selection.set(None);
            }
            focus_row(d);
        }
    }

    fn total(self) -> usize {
        let Table { rows, .. } = self;
        rows.with(|(_, r)| r.len())
    }

    /// "12 of 345 deals".
    pub(super) fn count(self) -> String {
        let Table { matches, .. } = self;
        count_label_in(tr(), matches.with(|m| m.len()), self.total())
    }

    pub(super) fn title(self) -> String {
        let Table { state, .. } = self;
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| register_title_in(tr(), &b.dataset, f, agg.years))
    }

    /// Why no row shows, if none does.
    pub(super) fn empty_message(self) -> Option<String> {
        let Table { query, matches, .. } = self;
        if self.total() == 0 {
            Some(tr().t("register.empty").to_owned())
        } else if matches.with(|m| m.is_empty()) {
            Some(tr().f(
                "register.no_match",
                &[
                    ("query", query.get().trim()),
                    ("all", &count_label_in(tr(), self.total(), self.total())),
                ],
            ))
        } else {
            None
        }
    }
}
