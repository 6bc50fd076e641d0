//! Drawing the timeline: an Effect, the bridge from the state to the canvas, through
//! `atlas_core::render::timeline::draw_timeline_annotated` (the same function renders SVG in tests).

use atlas_core::analysis::aggregate::SeriesKey;
use atlas_core::render::timeline::{draw_timeline_annotated, TimelineOptions};
use atlas_core::render::{Palette, Rgb};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;

use super::TimelineView;
use crate::state::locale::tr;
use crate::state::{perf, Selection};
use crate::widgets::canvas;

/// Redraws the chart whenever what it shows changes: the series, the size, the
/// highlight, the selected years, the scheme and the annotations.
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
    // Drawing: an Effect, the bridge to the canvas.
    Effect::new(move |_| {
        let css_size = canvas_size.get();
        let (Some(el), Some(s)) = (canvas_ref.get(), series.get()) else {
            return;
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
        let Some((backend, ratio)) = canvas::prepare_at(&el, css_size) else {
            return;
        };
        perf::mark("atlas:draw:timeline:start");
        let colors: Vec<Rgb> = bands.iter().map(|b| b.color).collect();
        let palette: Palette = state.scheme.get().palette();
        let opts = TimelineOptions {
            colors: &colors,
            palette: &palette,
            font: "system-ui, sans-serif",
            scale: ratio,
            selected,
            highlight,
            empty_message: tr().t("alt.empty"),
            tr: tr(),
        };
        let root = backend.into_drawing_area();
        let marks = notes.map(|n| n.applicable(state)).unwrap_or_default();
        let marks: Vec<_> = marks.iter().collect();
        match draw_timeline_annotated(&root, &s, &opts, &marks) {
            Ok(l) => layout.set_value(Some((l, ratio))),
            Err(e) => leptos::logging::warn!("timeline drawing failed: {e:?}"),
        }
        perf::measure("atlas:draw:timeline", "atlas:draw:timeline:start");
        perf::mark_once("atlas:first-chart");
    });
}
