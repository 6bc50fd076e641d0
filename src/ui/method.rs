//! "Sources and method": what TIV is, the estimates, the SIPRI releases in the data and
//! their seam, and that totals are ours. The data facts are generated from the dataset
//! loaded (`atlas_core::embed::data_facts`).

use atlas_core::embed::data_facts;
use leptos::prelude::*;

use crate::state::use_app_state;
use crate::{CREDIT, SIPRI_URL};

/// The panel, as a `<details>` (closed by default). `id` keeps `#about-tiv` links working.
#[component]
pub fn Method() -> impl IntoView {
    let state = use_app_state();
    let facts = move || {
        state
            .bundle()
            .map(|b| data_facts(&b.dataset))
            .unwrap_or_default()
    };
    view! {
        <details id="about-tiv" class="about method" data-testid="method">
            <summary>"Sources and method"</summary>
            <p>{CREDIT}", "<a href=SIPRI_URL>{SIPRI_URL}</a>"."</p>
            <h3>"TIV is a volume index, not dollars"</h3>
            <p>"SIPRI's trend-indicator value (TIV) measures the volume of transfers of major "
               "conventional arms, based on the known unit production costs of a core set of weapons. "
               "It is meant to show trends and compare suppliers and recipients; it is not the "
               "financial value of the deals, and it cannot be compared with dollar figures such as "
               "customs data or contract prices. Figures are in millions of TIV."</p>
            <h3>"Estimates"</h3>
            <p>"SIPRI marks numbers and delivery years it is unsure of as estimates. Arms Atlas "
               "hatches those parts of the bars and marks them “≈” in tables."</p>
            <h3>"The data loaded"</h3>
            <ul data-testid="method-facts">{move || facts().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            <h3>"Our calculations"</h3>
            <p>"Totals, rankings, shares and story captions are calculated by Arms Atlas from SIPRI's "
               "figures, not by SIPRI. Markers on the timeline are not SIPRI data: dated events "
               "(solid line) and events reported in the news (dashed, labelled “reported”), read "
               "from an annotation file and listed with their sources under the chart."</p>
            <p>"SIPRI explains its method at "
                <a href="https://www.sipri.org/databases/armstransfers/sources-and-methods">
                    "sipri.org/databases/armstransfers/sources-and-methods"</a>"."</p>
        </details>
    }
}
