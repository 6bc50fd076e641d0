//! The timeline's legend: each band's swatch and label (hovering one highlights its band),
//! and the hatched estimate.

use leptos::prelude::*;

use super::TimelineView;
use crate::state::locale::t;

/// The legend under the chart.
pub(super) fn legend(tv: TimelineView) -> impl IntoView {
    let TimelineView { state, legend, .. } = tv;
    view! {
        <ul class="legend" data-testid="timeline-legend" aria-label=t("timeline.legend")>
            <For each=move || legend.get().into_iter().enumerate()
                key=|(i, b)| (*i, b.label.clone(), b.color)
                children=move |(i, b)| view! {
                    <li on:mouseenter=move |_| state.highlight.set(Some(i))
                        on:mouseleave=move |_| state.highlight.set(None)>
                        <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                            <rect width="12" height="12" rx="2" fill=b.color.hex()/>
                        </svg>
                        {b.label.clone()}
                    </li>
                }/>
            <li class="legend-estimate">
                <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                    <rect class="est-swatch-fill" width="12" height="12" rx="2"/>
                    <path class="est-swatch-hatch" d="M0 12L12 0M-3 3L3 -3M9 15L15 9M0 6L6 0M6 12L12 6" stroke-width="1.2"/>
                </svg>
                {t("timeline.estimate")}
            </li>
        </ul>
    }
}
