//! The flows the map draws, as a ranked, focusable list (largest first): supplier →
//! recipient, TIV, share of the total, years. Under the map, in a `<details>` so that it
//! costs sighted readers one line. Focusing or hovering an item highlights the flow in
//! every view; choosing it filters by its supplier and recipient (again: clears them).

use atlas_core::text::views::{flow_lines, FlowLine};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::{use_app_state, Selection};

/// How many flows the list shows; the rest are counted.
const LIMIT: usize = 50;

#[component]
pub fn FlowList() -> impl IntoView {
    let state = use_app_state();
    // The items exist only while the list is open: closed, it costs a filter change one
    // line of text (the summary), however many flows the data has.
    let open = RwSignal::new(false);
    let lines = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return Vec::new();
        };
        flow_lines(tr(), &b.dataset, &agg, LIMIT)
    });
    // An item's words and value, by its flow: a filter change patches them in place.
    let line = move |s, r| {
        lines.with(|ls| {
            ls.iter()
                .find(|l: &&FlowLine| (l.supplier, l.recipient) == (s, r))
                .map(|l| (l.tiv.0.to_string(), l.text.clone()))
                .unwrap_or_default()
        })
    };
    let total = move || state.aggregates.get().map_or(0, |a| a.flows.len());
    let more = move || {
        let n = total().saturating_sub(LIMIT);
        (n > 0).then(|| view! { <p class="view-note">{tr().p("flows.more", n as u64, &[])}</p> })
    };
    view! {
        <details class="flow-list" data-testid="flow-list"
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let now = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|d| d.has_attribute("open"));
                if now != open.get_untracked() {
                    open.set(now);
                }
            }>
            <summary data-testid="flow-list-summary">{move || tr().p("flows.summary", total() as u64, &[])}</summary>
            <p class="view-note">{t("flows.hint")}</p>
            <ol>
                <For each=move || lines.get()
                    key=|l: &FlowLine| (l.supplier, l.recipient)
                    children=move |l: FlowLine| {
                        let (s, r) = (l.supplier, l.recipient);
                        let sel = Selection::Flow(s, r);
                        let active = move || state.filter.with(|f| f.suppliers == [s] && f.recipients == [r]);
                        let leave = move || {
                            if state.selection.get_untracked() == Some(sel) {
                                state.selection.set(None);
                            }
                        };
                        view! {
                            <li>
                                <button type="button" class="flow-item" data-testid="flow-item"
                                    data-tiv=move || line(s, r).0
                                    class:is-selected=move || state.selection.get() == Some(sel)
                                    aria-pressed=move || active().to_string()
                                    on:click=move |_| {
                                        let on = active();
                                        state.filter.update(|f| {
                                            if on {
                                                f.suppliers.clear();
                                                f.recipients.clear();
                                            } else {
                                                f.suppliers = vec![s];
                                                f.recipients = vec![r];
                                            }
                                        });
                                    }
                                    on:focus=move |_| state.selection.set(Some(sel))
                                    on:mouseenter=move |_| state.selection.set(Some(sel))
                                    on:blur=move |_| leave()
                                    on:mouseleave=move |_| leave()>
                                    {move || line(s, r).1}
                                </button>
                            </li>
                        }
                    }/>
            </ol>
            {more}
        </details>
    }
}
