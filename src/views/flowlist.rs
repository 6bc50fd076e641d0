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
    let lines = Memo::new(move |_| {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return Vec::new();
        };
        flow_lines(tr(), &b.dataset, &agg, LIMIT)
    });
    let total = move || state.aggregates.get().map_or(0, |a| a.flows.len());
    let more = move || {
        let n = total().saturating_sub(LIMIT);
        (n > 0).then(|| view! { <p class="view-note">{tr().p("flows.more", n as u64, &[])}</p> })
    };
    view! {
        <details class="flow-list" data-testid="flow-list">
            <summary data-testid="flow-list-summary">{move || tr().p("flows.summary", total() as u64, &[])}</summary>
            <p class="view-note">{t("flows.hint")}</p>
            <ol>
                <For each=move || lines.get()
                    key=|l: &FlowLine| (l.supplier, l.recipient, l.tiv, l.text.clone())
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
                                    data-tiv=l.tiv.0.to_string()
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
                                    {l.text.clone()}
                                </button>
                            </li>
                        }
                    }/>
            </ol>
            {more}
        </details>
    }
}
