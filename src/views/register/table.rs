//! The register's table state: the rows of the filter, the search, the sort, the window
//! of rows in view (virtual scrolling), the roving Tab stop and the open deal, with the
//! listeners and the search announcement that go with them.

use std::sync::Arc;

use atlas_core::analysis::register::{
    build_rows_with, search, sort_indices, visible_window, RegisterRow, Sort, TextIndex,
};

use atlas_core::model::DealIdx;
use atlas_core::text::register::{count_label_in, register_title_in};
use leptos::prelude::*;

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
    /// (scrollTop, clientHeight) of the scroll box.
    viewport: RwSignal<(f64, f64)>,
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
        let index = Memo::new(move |_| {
            state
                .bundle()
                .map(|b| Shared(Arc::new(TextIndex::new(&b.dataset))))
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

    /// Closes the detail card on Escape, and re-measures the box when the window resizes.
    pub(super) fn listen(self) {
        let Table { open, .. } = self;
        let resize = window_event_listener(leptos::ev::resize, move |_| self.measure());
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
        let Table { window, .. } = self;
        format!("{}px", window.get().start as f64 * ROW_HEIGHT)
    }

    /// The bottom spacer's height: the rows below the window.
    pub(super) fn bottom_pad(self) -> String {
        let Table { order, window, .. } = self;
        let n = order.with(|o| o.len());
        format!(
            "{}px",
            n.saturating_sub(window.get().end) as f64 * ROW_HEIGHT
        )
    }

    /// Reads the scroll box's position and height.
    pub(super) fn measure(self) {
        let Table {
            viewport, scroller, ..
        } = self;
        if let Some(el) = scroller.get_untracked() {
            viewport.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
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
