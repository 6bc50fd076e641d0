//! The embed's one disclosure, "Notes and method": what TIV is (a volume index, not
//! dollars), the view's summary and notes (which the view shows under its chart in the
//! full app, and which are out of sight in an embed), that totals are ours, and the
//! "Sources and method" text. Closed by default, so the graphic stays compact.

use atlas_core::import::places::PlaceTable;
use atlas_core::render::flowmap::{off_map_note_in, omitted_note_in, FlowMapInput};
use atlas_core::text::facts::meta_words_in;
use atlas_core::text::views::timeline_summary;
use leptos::prelude::*;

use crate::panels::method::MethodBody;
use crate::state::locale::{t, tr};
use crate::state::use_app_state;
use crate::views::timeline::annotations::AnnotationList;

/// The view's own notes, as the full app shows them under the view.
fn view_notes(view: &str) -> AnyView {
    let state = use_app_state();
    match view {
        "map" => {
            // What the map leaves out (flows with no place on it, flows too small to draw),
            // as the full app says under the map.
            let left_out = move || {
                let (Some(b), Some(agg), Some(colors)) =
                    (state.bundle(), state.aggregates.get(), state.colors.get())
                else {
                    return Vec::new();
                };
                let input = FlowMapInput::build(&b.dataset, &agg, &colors, PlaceTable::builtin());
                off_map_note_in(tr(), &b.dataset, &input)
                    .into_iter()
                    .chain(omitted_note_in(tr(), &input))
                    .collect::<Vec<_>>()
            };
            view! {
                {move || left_out().into_iter().map(|n| view! { <p data-testid="embed-map-note">{n}</p> }).collect_view()}
                <p>{t("map.note")}</p>
            }
            .into_any()
        }
        "rankings" => view! { <p>{t("rank.note")}</p> }.into_any(),
        "register" => view! {
            <p>{t("register.legend_tiv")}</p>
            <p>"≈ "{t("register.legend_est")}". ~ "{t("register.legend_approx")}"."</p>
        }
        .into_any(),
        "passport" => view! {
            <p>{t("passport.note")}" ≈ "{t("passport.note_est")}</p>
        }
        .into_any(),
        _ => {
            let summary = move || {
                let agg = state.aggregates.get()?;
                let shaded = state.filter.with(|f| f.years.is_some());
                Some(timeline_summary(tr(), &agg, shaded))
            };
            let note = move || {
                state
                    .bundle()
                    .map(|b| meta_words_in(tr(), &b.meta.title, &b.meta.note).1)
            };
            view! {
                <p data-testid="embed-summary">{summary}</p>
                <p>{t("timeline.note")}" "{note}</p>
                <AnnotationList/>
            }
            .into_any()
        }
    }
}

/// The disclosure under the credit line.
#[component]
pub fn EmbedDetails(view: Memo<String>) -> impl IntoView {
    view! {
        <details class="embed-details" data-testid="embed-details">
            <summary>{t("embed.details")}</summary>
            <div class="embed-details-body">
                <p class="tiv-note" data-testid="embed-tiv-note">{t("app.tiv_note")}</p>
                {move || view_notes(&view.get())}
                <p>{t("embed.ours")}</p>
                <MethodBody/>
            </div>
        </details>
    }
}
