//! The `<datalist>` of weapon designations behind the filter's and the passport's search
//! boxes, filled the first time its box is used.
//!
//! SIPRI's full register has about 3,900 designations: two lists built with the page
//! meant some 8,000 `<option>` elements made, styled and kept before anyone typed, on
//! every load. A reader who never types pays nothing now.

use leptos::prelude::*;

use crate::state::use_app_state;

/// The datalist `id`, empty until `wanted` turns true (set it from the input's focus).
#[component]
pub fn SystemsList(id: &'static str, wanted: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let options = move || {
        if !wanted.get() {
            return Vec::new();
        }
        state.bundle().map_or_else(Vec::new, |b| {
            let ds = &b.dataset;
            ds.designations()
                .into_iter()
                .map(|s| ds.str(s).to_owned())
                .collect()
        })
    };
    view! {
        <datalist id=id>
            {move || options().into_iter().map(|s| view! { <option value=s/> }).collect_view()}
        </datalist>
    }
}
