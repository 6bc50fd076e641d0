//! Rankings view (being built).

use leptos::prelude::*;

/// Rankings.
#[component]
pub fn Rankings() -> impl IntoView {
    view! { <section class="view rankings" data-testid="view-rankings"></section> }
}
