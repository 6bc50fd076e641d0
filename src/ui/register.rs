//! Deal register view (being built).

use leptos::prelude::*;

/// Deal register.
#[component]
pub fn Register() -> impl IntoView {
    view! { <section class="view register" data-testid="view-register"></section> }
}
