//! Flow map view (being built).

use leptos::prelude::*;

/// Flow map.
#[component]
pub fn FlowMap() -> impl IntoView {
    view! { <section class="view flowmap" data-testid="view-flowmap"></section> }
}
