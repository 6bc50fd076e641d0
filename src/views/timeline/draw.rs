//! Drawing the timeline: an Effect, the bridge from the state to the canvas, through
//! `atlas_core::render::timeline::draw_timeline_annotated` (the same function renders SVG in tests).

use atlas_core::analysis::aggregate::SeriesKey;
use atlas_core::render::timeline::{draw_release_line, draw_timeline_annotated, TimelineOptions};
use atlas_core::render::{Palette, Rgb};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;

use super::TimelineView;
use crate::state::locale::tr;
use crate::state::{perf, Selection};
use crate::widgets::canvas;

/// Redraws the chart whenever what it shows changes (the series, the size, the
/// highlight, the selected years, the scheme and the annotations), once per frame.
pub(super) fn keep_drawn(tv: TimelineView) {
    let TimelineView {
        state,
        canvas_ref,
        canvas_size,
        layout,
        brush,
        notes,
        series,
        legend,
        ..
    } = tv;
    // What a drawing needs, read (and tracked) in the change; drawn in the next frame.
    let inputs = move || {
        let css_size = canvas_size.get();
        let (Some(el), Some(s)) = (canvas_ref.get(), series.get()) else {
            return None;
        };
        let bands = legend.get();
        // Legend hover wins; otherwise a supplier pointed at in another view.
        let highlight = state.highlight.get().or_else(|| {
            let e = match state.selection.get()? {
                Selection::Supplier(e) | Selection::Flow(e, _) => e,
                _ => return None,
            };
            s.keys.iter().position(|k| *k == SeriesKey::Entity(e))
        });
        let selected = brush.get().or(state.filter.with(|f| f.years));
        let marks = notes.map(|n| n.applicable(state)).unwrap_or_default();
        // The earlier release's totals, when the reader asked for them.
        let overlay = if state.overlay.get() {
            state.changes_all_years.get().map(|c| {
                c.years_in_order()
                    .iter()
                    .map(|y| (y.year, y.then.millions()))
                    .collect::<Vec<_>>()
            })
        } else {
            None
        };
        Some(Frame {
            overlay,
            el,
            css_size,
            series: s,
            colors: bands.iter().map(|b| b.color).collect(),
            highlight,
            selected,
            marks,
            palette: state.scheme.get().palette(),
            tr: tr(),
        })
    };
    canvas::paint_on_frame(canvas_ref, inputs, move |f: Frame| {
        let Some((backend, ratio)) = canvas::prepare_at(&f.el, f.css_size) else {
            return;
        };
        perf::mark("atlas:draw:timeline:start");
        let opts = TimelineOptions {
            colors: &f.colors,
            palette: &f.palette,
            font: "system-ui, sans-serif",
            scale: ratio,
            selected: f.selected,
            highlight: f.highlight,
            empty_message: f.tr.t("alt.empty"),
            tr: f.tr,
        };
        let root = backend.into_drawing_area();
        let marks: Vec<_> = f.marks.iter().collect();
        match draw_timeline_annotated(&root, &f.series, &opts, &marks) {
            Ok(l) => {
                if let Some(points) = &f.overlay {
                    if let Err(e) = draw_release_line(&root, &l, points, f.palette.ink, ratio) {
                        leptos::logging::warn!("timeline overlay failed: {e:?}");
                    }
                }
                layout.set_value(Some((l, ratio)));
            }
            Err(e) => leptos::logging::warn!("timeline drawing failed: {e:?}"),
        }
        perf::measure("atlas:draw:timeline", "atlas:draw:timeline:start");
        perf::mark_once("atlas:first-chart");
    });
}

/// Everything one drawing of the timeline reads, taken from the state in the change.
struct Frame {
    el: web_sys::HtmlCanvasElement,
    /// The earlier release's totals per year (millions), drawn as a thin line.
    overlay: Option<Vec<(atlas_core::model::Year, f64)>>,
    css_size: (f64, f64),
    series: crate::state::Shared<atlas_core::analysis::aggregate::StackedSeries>,
    colors: Vec<Rgb>,
    highlight: Option<usize>,
    selected: Option<atlas_core::analysis::filter::YearRange>,
    marks: Vec<atlas_core::story::annotations::Annotation>,
    palette: Palette,
    tr: atlas_core::text::Tr,
}
