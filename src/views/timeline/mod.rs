//! The timeline view: TIV delivered per year over every year, stacked by supplier or
//! category, with the selected years shaded. Drawn on a canvas by
//! `atlas_core::render::timeline::draw_timeline` (the same function renders SVG in tests).
//!
//! Pointer: hover (or tap) shows the year's exact breakdown; drag across years sets the
//! year filter. Keyboard: the chart is focusable; arrows move through years, Enter
//! selects the year, Escape hides the breakdown. Play steps the year filter through the
//! years for the other views; with `prefers-reduced-motion` it does not auto-advance and
//! the step buttons remain.
//!
//! The pieces: `TimelineView` holds the chart's signals (this file); `draw` draws;
//! `pointer` takes the pointer and the keys; `play` steps and plays through the years;
//! `tooltip`, `legend` and `annotations` (the list under the chart) are what their names
//! say.

use atlas_core::analysis::aggregate::{SeriesKey, StackBy, StackedSeries};

use atlas_core::analysis::filter::YearRange;

use atlas_core::model::Year;
use atlas_core::render::timeline::TimelineLayout;
use atlas_core::render::Rgb;
use atlas_core::text::views::{timeline_alt, timeline_summary, timeline_title_in};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::notes::Notes;
use crate::state::{use_app_state, AppState, Shared, TOP_N};
use crate::views::export::TimelineDownloads;
use crate::widgets::canvas;
use annotations::AnnotationList;
use pointer::Hover;

pub mod annotations;
mod draw;
mod legend;
mod play;
mod pointer;
mod tooltip;

/// A band's label and colour.
#[derive(Clone, PartialEq)]
struct Band {
    label: String,
    color: Rgb,
}

/// The timeline's state: the series it draws, what the reader points at, drags or plays,
/// and the canvas. `Copy` (signal handles), so event handlers and views each take their
/// own.
#[derive(Clone, Copy)]
struct TimelineView {
    state: AppState,
    canvas_ref: NodeRef<leptos::html::Canvas>,
    /// The canvas size in CSS pixels.
    canvas_size: RwSignal<(f64, f64)>,
    /// Where the last drawing put things, and its pixel ratio.
    layout: StoredValue<Option<(TimelineLayout, f64)>>,
    hover: RwSignal<Option<Hover>>,
    drag_start: StoredValue<Option<Year>>,
    /// The years being dragged across.
    brush: RwSignal<Option<YearRange>>,
    playing: RwSignal<bool>,
    timer: StoredValue<Option<IntervalHandle>>,
    no_autoplay: bool,
    notes: Option<Notes>,
    /// Every year, stacked by supplier or category.
    series: Memo<Option<Shared<StackedSeries>>>,
    /// Each band's label and colour.
    legend: Memo<Vec<Band>>,
}

impl TimelineView {
    fn new() -> TimelineView {
        let state = use_app_state();
        let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
        let canvas_size = canvas::observed_size(canvas_ref);
        let layout = StoredValue::new(None::<(TimelineLayout, f64)>);
        let hover = RwSignal::new(None::<Hover>);
        let drag_start = StoredValue::new(None::<Year>);
        let brush = RwSignal::new(None::<YearRange>);
        let playing = RwSignal::new(false);
        let timer = StoredValue::new(None::<IntervalHandle>);
        let no_autoplay = play::reduced_motion();
        let notes = use_context::<Notes>();

        let series = Memo::new(move |_| {
            let agg = state.all_years.get()?;
            Some(Shared(std::sync::Arc::new(
                agg.stacked(state.stack.get(), TOP_N),
            )))
        });
        let legend = Memo::new(move |_| {
            let (Some(s), Some(b), Some(colors)) =
                (series.get(), state.bundle(), state.colors.get())
            else {
                return Vec::new();
            };
            s.keys
                .iter()
                .map(|k| Band {
                    label: match k {
                        SeriesKey::Entity(e) => tr().entity(&b.dataset, *e).to_owned(),
                        SeriesKey::Category(c) => atlas_core::text::capitalize(tr().category(*c)),
                        SeriesKey::Other => tr().t("timeline.other").to_owned(),
                    },
                    color: colors.key(state.stack.get(), *k),
                })
                .collect::<Vec<_>>()
        });
        TimelineView {
            state,
            canvas_ref,
            canvas_size,
            layout,
            hover,
            drag_start,
            brush,
            playing,
            timer,
            no_autoplay,
            notes,
            series,
            legend,
        }
    }

    /// The years of the series.
    fn span(self) -> Option<YearRange> {
        self.series.get().map(|s| s.years)
    }

    /// The title: the filter in words, with the years and the stacking.
    fn title(self) -> String {
        let TimelineView { state, .. } = self;
        let (Some(b), Some(years)) = (state.bundle(), self.span()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| timeline_title_in(tr(), &b.dataset, f, years, state.stack.get()))
    }

    /// The summary line under the title.
    fn summary(self) -> Option<String> {
        let TimelineView { state, .. } = self;
        let agg = state.aggregates.get()?;
        let shaded = state.filter.with(|f| f.years.is_some());
        Some(timeline_summary(tr(), &agg, shaded))
    }

    /// Sets the year filter (none for the whole span).
    fn set_years(self, r: Option<YearRange>) {
        let TimelineView { state, .. } = self;
        let whole = self.span();
        state
            .filter
            .update(|f| f.years = r.filter(|r| Some(*r) != whole));
    }

    /// The chart in words, for screen readers.
    fn alt(self) -> String {
        let TimelineView { state, .. } = self;
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| timeline_alt(tr(), &b.dataset, f, &agg, state.stack.get()))
    }
}

/// The timeline with its title, controls, legend, tooltip and summary.
#[component]
pub fn Timeline() -> impl IntoView {
    let tv = TimelineView::new();
    let state = tv.state;
    draw::keep_drawn(tv);
    on_cleanup(move || tv.stop());
    view! {
        <section class="view timeline" aria-labelledby="timeline-title" data-testid="view-timeline">
            {head(tv)}
            <p class="summary" data-testid="timeline-summary">{move || tv.summary()}</p>
            {chart(tv)}
            {play::controls(tv)}
            {legend::legend(tv)}
            <p class="view-note">{t("timeline.note")}" " {move || state.bundle().map(|b| atlas_core::text::facts::meta_words_in(tr(), &b.meta.title, &b.meta.note).1)}</p>
            <AnnotationList/>
        </section>
    }
}

/// The title, the stacking toggle and the downloads.
fn head(tv: TimelineView) -> impl IntoView {
    let state = tv.state;
    view! {
        <div class="view-head">
            <h2 id="timeline-title" data-testid="timeline-title">{move || tv.title()}</h2>
            <div class="toggle" role="group" aria-label=t("timeline.stack_by")>
                <button type="button" data-testid="stack-supplier"
                    aria-pressed=move || (state.stack.get() == StackBy::Supplier).to_string()
                    on:click=move |_| state.stack.set(StackBy::Supplier)>{t("timeline.by_supplier")}</button>
                <button type="button" data-testid="stack-category"
                    aria-pressed=move || (state.stack.get() == StackBy::Category).to_string()
                    on:click=move |_| state.stack.set(StackBy::Category)>{t("timeline.by_category")}</button>
            </div>
            <TimelineDownloads/>
        </div>
    }
}

/// The canvas and its tooltip.
fn chart(tv: TimelineView) -> impl IntoView {
    let TimelineView {
        canvas_ref,
        hover,
        drag_start,
        brush,
        ..
    } = tv;
    view! {
        <div class="chart-wrap">
            <canvas node_ref=canvas_ref class="chart-canvas" data-testid="timeline-canvas"
                tabindex="0" role="img" aria-label=move || tv.alt()
                on:pointerdown=move |ev| tv.on_down(ev) on:pointermove=move |ev| tv.on_move(ev)
                on:pointerup=move |_| tv.on_up()
                on:pointercancel=move |_| { drag_start.set_value(None); brush.set(None); }
                on:pointerleave=move |ev| tv.on_leave(ev) on:keydown=move |ev| tv.on_key(ev)
                on:blur=move |_| hover.set(None)></canvas>
            {tooltip::tooltip(tv)}
        </div>
    }
}
