//! System passport view (being built).

use leptos::prelude::*;

/// System passport.
#[component]
pub fn Passport() -> impl IntoView {
    view! { <section class="view passport" data-testid="view-passport"></section> }
}
