//! "Sources and method": what TIV is, the estimates, the SIPRI releases in the data and
//! their seam, and that totals are ours. The data facts are generated from the dataset
//! loaded (`atlas_core::text::facts::data_facts_in`).

use atlas_core::text::facts::data_facts_in;
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::use_app_state;
use crate::{CREDIT, SIPRI_URL};

/// The panel, as a `<details>` (closed by default). `id` keeps `#about-tiv` links working.
#[component]
pub fn Method() -> impl IntoView {
    view! {
        <details id="about-tiv" class="about method" data-testid="method">
            <summary>{t("method.summary")}</summary>
            <MethodBody/>
        </details>
    }
}

/// What the panel says, for a disclosure of one's own (the embed's "Notes and method").
#[component]
pub fn MethodBody() -> impl IntoView {
    let state = use_app_state();
    let facts = move || {
        state
            .bundle()
            .map(|b| data_facts_in(tr(), &b.dataset))
            .unwrap_or_default()
    };
    view! {
        <p>{CREDIT}", "<a href=SIPRI_URL>{SIPRI_URL}</a>"."</p>
        <h3>{t("method.tiv_head")}</h3>
        <p>{t("about.tiv")}</p>
        <h3>{t("method.est_head")}</h3>
        <p>{t("method.est")}</p>
        <h3>{t("method.data_head")}</h3>
        <ul data-testid="method-facts">{move || facts().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
        <h3>{t("method.ours_head")}</h3>
        <p>{t("method.ours")}</p>
        <p>{t("about.method")}" "
            <a href="https://www.sipri.org/databases/armstransfers/sources-and-methods">
                "sipri.org/databases/armstransfers/sources-and-methods"</a>"."</p>
    }
}
