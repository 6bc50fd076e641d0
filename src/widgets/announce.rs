//! The one polite live region: after the filter (or the language) changes, it says what
//! is shown now — "Showing 123 deals from 4 suppliers, 5,678 million TIV, 2010–2024." —
//! once per burst of changes (debounced), in the reader's language. Words come from
//! `atlas_core::text::views::announce`, over the same aggregates the charts draw.

use std::time::Duration;

use atlas_core::text::views::announce;
use leptos::prelude::*;

use crate::state::locale::tr;
use crate::state::use_app_state;

/// How long the filter must stay still before the region speaks.
const QUIET: Duration = Duration::from_millis(700);

#[component]
pub fn Announcer() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let Some(agg) = state.aggregates.get() else {
            return;
        };
        let words = announce(tr(), &agg);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(move || text.set(words), QUIET).ok();
        pending.set_value(h);
    });
    on_cleanup(move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
    });
    view! {
        <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"
            data-testid="live-region">{text}</p>
    }
}
