//! The one polite live region: after the filter (or the language) changes, it says what
//! is shown now — "Showing 123 deals from 4 suppliers, 5,678 million TIV, 2010–2024." —
//! once per burst of changes (debounced), in the reader's language. Words come from
//! `atlas_core::text::views::announce`, over the same aggregates the charts draw.
//!
//! A control may also say something through it at once ([`say`]: "Link copied"): one
//! region, so that two never talk over each other.

use std::time::Duration;

use atlas_core::text::views::announce;
use leptos::prelude::*;

use crate::state::locale::tr;
use crate::state::use_app_state;

/// How long the filter must stay still before the region speaks.
const QUIET: Duration = Duration::from_millis(700);

/// How long the region stays empty before a message is written into it: a screen reader
/// speaks a change of the text, so the same message said twice ("Link copied", again)
/// must first leave the region.
const GAP: Duration = Duration::from_millis(60);

/// The region's text, in context (see [`provide_live_region`]): the region shows it, and
/// [`say`] writes it.
#[derive(Clone, Copy)]
pub struct LiveRegion(RwSignal<String>);

/// Creates the region's text and puts it in context: call it where both the region and
/// the controls that [`say`] something are below (the app's root).
pub fn provide_live_region() -> LiveRegion {
    let region = LiveRegion(RwSignal::new(String::new()));
    provide_context(region);
    region
}

/// The region in context, if any. Read it in the component (or the event handler) and
/// keep the handle: a timer or a promise's continuation runs outside the tree.
pub fn live_region() -> Option<LiveRegion> {
    use_context::<LiveRegion>()
}

impl LiveRegion {
    /// Says `words` now (after a moment of silence, so a repeat is spoken again).
    pub fn say(self, words: String) {
        self.0.set(String::new());
        set_timeout(move || self.0.set(words), GAP);
    }
}

/// Says `words` through the live region in context (nothing where there is none).
pub fn say(words: String) {
    if let Some(r) = live_region() {
        r.say(words);
    }
}

#[component]
pub fn Announcer() -> impl IntoView {
    let state = use_app_state();
    let text = live_region().map_or_else(|| RwSignal::new(String::new()), |r| r.0);
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
