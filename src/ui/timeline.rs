//! The timeline view: TIV delivered per year, stacked by supplier or category, drawn on a
//! canvas by `atlas_core::render::draw_timeline` (the same function renders SVG in tests).

use atlas_core::data::{SeriesKey, StackBy, StackedSeries};
use atlas_core::render::text::{timeline_title, tiv_label, year_span};
use atlas_core::render::{draw_timeline, Palette, Rgb, TimelineOptions};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;

use super::{canvas, perf};
use crate::state::{use_app_state, TOP_N};

/// A band's label and colour.
#[derive(Clone, PartialEq)]
struct Band {
    label: String,
    color: Rgb,
}

fn bands(series: &StackedSeries, label: impl Fn(&SeriesKey) -> String, pal: &Palette) -> Vec<Band> {
    series
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| Band {
            label: label(k),
            color: if *k == SeriesKey::Other {
                pal.other
            } else {
                pal.band(i)
            },
        })
        .collect()
}

/// The timeline with its title, stacking toggle, legend and summary.
#[component]
pub fn Timeline() -> impl IntoView {
    let state = use_app_state();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let resize_tick = RwSignal::new(0u32);
    let handle =
        window_event_listener(leptos::ev::resize, move |_| resize_tick.update(|t| *t += 1));
    on_cleanup(move || handle.remove());
    let palette = Palette::light();

    let series = Memo::new(move |_| {
        let agg = state.aggregates.get()?;
        Some(crate::state::Shared(std::sync::Arc::new(
            agg.stacked(state.stack.get(), TOP_N),
        )))
    });
    let pal = palette.clone();
    let legend = Memo::new(move |_| {
        let (Some(s), Some(b)) = (series.get(), state.bundle()) else {
            return Vec::new();
        };
        bands(
            &s,
            |k| match k {
                SeriesKey::Entity(e) => b.dataset.entity(*e).label().to_owned(),
                SeriesKey::Category(c) => c.name().to_owned(),
                SeriesKey::Other => "Other".to_owned(),
            },
            &pal,
        )
    });
    let title = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| timeline_title(&b.dataset, f, agg.years, state.stack.get()))
    };
    let summary = move || {
        let agg = state.aggregates.get()?;
        Some(if agg.deliveries == 0 {
            "No deliveries match these filters. Widen the years or choose “All” in a filter."
                .to_owned()
        } else {
            let est = if agg.total.0 > 0 {
                100.0 * agg.estimated.0 as f64 / agg.total.0 as f64
            } else {
                0.0
            };
            format!(
                "{} million TIV delivered in {}, from {} deals; {:.0} % of it estimated by SIPRI.",
                tiv_label(agg.total),
                year_span(agg.years),
                agg.deals,
                est
            )
        })
    };

    Effect::new(move |_| {
        resize_tick.track();
        let (Some(el), Some(s)) = (canvas_ref.get(), series.get()) else {
            return;
        };
        let bands = legend.get();
        let highlight = state.highlight.get();
        let Some((backend, ratio)) = canvas::prepare(&el) else {
            return;
        };
        perf::mark("atlas:draw:timeline:start");
        let colors: Vec<Rgb> = bands.iter().map(|b| b.color).collect();
        let opts = TimelineOptions {
            colors: &colors,
            palette: &palette,
            font: "system-ui, sans-serif",
            scale: ratio,
            selected: None,
            highlight,
            empty_message: "No deliveries match these filters",
        };
        let root = backend.into_drawing_area();
        if let Err(e) = draw_timeline(&root, &s, &opts) {
            leptos::logging::warn!("timeline drawing failed: {e:?}");
        }
        perf::measure("atlas:draw:timeline", "atlas:draw:timeline:start");
    });

    let alt = move || format!("{} {}", title(), summary().unwrap_or_default());
    view! {
        <section class="view timeline" aria-labelledby="timeline-title" data-testid="view-timeline">
            <div class="view-head">
                <h2 id="timeline-title" data-testid="timeline-title">{title}</h2>
                <div class="toggle" role="group" aria-label="Stack bars by">
                    <button type="button" data-testid="stack-supplier"
                        aria-pressed=move || (state.stack.get() == StackBy::Supplier).to_string()
                        on:click=move |_| state.stack.set(StackBy::Supplier)>"By supplier"</button>
                    <button type="button" data-testid="stack-category"
                        aria-pressed=move || (state.stack.get() == StackBy::Category).to_string()
                        on:click=move |_| state.stack.set(StackBy::Category)>"By category"</button>
                </div>
            </div>
            <p class="summary" data-testid="timeline-summary" aria-live="polite">{summary}</p>
            <canvas node_ref=canvas_ref class="chart-canvas" data-testid="timeline-canvas"
                role="img" aria-label=alt></canvas>
            <ul class="legend" data-testid="timeline-legend" aria-label="Legend">
                <For each=move || legend.get().into_iter().enumerate()
                    key=|(i, b)| (*i, b.label.clone(), b.color)
                    children=move |(i, b)| view! {
                        <li on:mouseenter=move |_| state.highlight.set(Some(i))
                            on:mouseleave=move |_| state.highlight.set(None)>
                            <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                                <rect width="12" height="12" rx="2" fill=b.color.hex()/>
                            </svg>
                            {b.label.clone()}
                        </li>
                    }/>
                <li class="legend-estimate">
                    <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                        <rect width="12" height="12" rx="2" fill="#777"/>
                        <path d="M0 12L12 0M-3 3L3 -3M9 15L15 9M0 6L6 0M6 12L12 6" stroke="#fff" stroke-width="1.2"/>
                    </svg>
                    "Estimate (hatched)"
                </li>
            </ul>
            <p class="view-note">"Millions of SIPRI TIV per delivery year. " {move || state.bundle().map(|b| b.meta.note.clone())}</p>
        </section>
    }
}
