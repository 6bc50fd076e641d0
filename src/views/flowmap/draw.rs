//! Painting the flow map: an Effect, the bridge from the state to the canvas. The land is
//! painted from paths built once per world map ([`LandPaths`]); plotters draws the rest
//! (`atlas_core::render::flowmap::draw_flowmap`, the same function that renders SVG in tests).

use atlas_core::render::flowmap::fit_to_flows;
use atlas_core::render::flowmap::{
    draw_flowmap, label_font_px, label_halo, label_text_at, FlowMapLayout, FlowMapOptions,
};
use atlas_core::render::Palette;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;

use super::land::LandPaths;
use super::MapView;
use crate::state::locale::tr;
use crate::state::perf;
use crate::widgets::canvas;

/// The labels' and legend's font.
const FONT: &str = "system-ui, sans-serif";

/// Repaints the map whenever what it shows changes (the flows, the world map, the size,
/// the viewport, the emphasis, the focus and the scheme), once per animation frame.
pub(super) fn keep_painted(m: MapView) {
    let MapView {
        state,
        canvas_ref,
        input,
        world,
        menu,
        focus,
        layout,
        size,
        viewport,
        emphasis,
        ..
    } = m;
    // The land's paths, built once per world map (keyed by its address).
    let land_paths = StoredValue::new_local(None::<(usize, LandPaths)>);
    // What a drawing needs, read (and tracked) in the change; painted in the next frame.
    let inputs = move || {
        let (w, h) = size.get();
        let (Some(el), Some(inp)) = (canvas_ref.get(), input.get()) else {
            return None;
        };
        let menu_focus = menu.with(|m| m.as_ref().and_then(|m| m.entities.first().copied()));
        let vp = viewport.get();
        Some(Frame {
            el,
            size: (w, h),
            inp,
            world: world.get(),
            emphasis: emphasis.get(),
            focus: focus.get().or(menu_focus),
            vp,
            palette: state.scheme.get().palette(),
            tr: tr(),
        })
    };
    canvas::paint_on_frame(canvas_ref, inputs, move |f: Frame| {
        let Frame {
            el,
            size: (w, h),
            inp,
            world,
            emphasis,
            focus,
            vp,
            palette,
            tr,
        } = f;
        let Some((backend, ratio)) = canvas::prepare_at(&el, (w, h)) else {
            return;
        };
        let vp = match vp {
            Some(mut v) => {
                if (v.width(), v.height()) != (w, h) {
                    v.resize(w, h);
                }
                v
            }
            None => fit_to_flows(&inp, world.as_deref(), w, h),
        };
        perf::mark("atlas:draw:map:start");
        let mut opts = FlowMapOptions {
            world: world.as_deref(),
            viewport: vp,
            palette: &palette,
            font: FONT,
            scale: ratio,
            emphasis,
            focus,
            empty_message: tr.t("map.empty_short"),
            tr,
            base_drawn: false,
            labels_by_caller: true,
        };
        if let Some(w) = world.as_deref() {
            let key = std::ptr::from_ref(w) as usize;
            if land_paths.with_value(|l| l.as_ref().map(|(k, _)| *k)) != Some(key) {
                land_paths.set_value(LandPaths::build(w).map(|p| (key, p)));
            }
            opts.base_drawn = land_paths.with_value(|l| {
                l.as_ref()
                    .is_some_and(|(_, p)| p.paint(&el, &inp, &opts, ratio))
            });
        }
        let root = backend.into_drawing_area();
        match draw_flowmap(&root, &inp, &opts) {
            Ok(l) => {
                paint_labels(&el, &l, &palette, ratio);
                mark_frame(&el, &l);
                layout.set_value(Some(l));
            }
            Err(e) => leptos::logging::warn!("flow map drawing failed: {e:?}"),
        }
        perf::measure("atlas:draw:map", "atlas:draw:map:start");
    });
}

/// The place labels that `draw_flowmap` placed (`labels_by_caller`), each in two calls:
/// its halo as stroked text, then its letters. plotters has no stroked text, so it draws
/// a halo as four offset copies: five calls a label, and text is the slowest thing a
/// canvas draws (about a third of the map's drawing time in a sampled profile).
fn paint_labels(el: &web_sys::HtmlCanvasElement, l: &FlowMapLayout, pal: &Palette, ratio: f64) {
    use wasm_bindgen::JsCast;
    let Some(ctx) = el
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let s = ratio.max(0.1);
    let font_px = label_font_px(l.viewport.width());
    ctx.save();
    ctx.set_font(&format!("{}px {}", font_px * s, FONT));
    ctx.set_text_baseline("top");
    ctx.set_text_align("start");
    ctx.set_line_join("round");
    ctx.set_line_width(2.0 * label_halo(s));
    ctx.set_stroke_style_str(&pal.background.hex());
    ctx.set_fill_style_str(&pal.ink.hex());
    for (label, text) in l.labels.iter().zip(&l.label_texts) {
        let (x, y) = label_text_at(label, font_px);
        let (x, y) = ((x * s).round(), (y * s).round());
        let _ = ctx.stroke_text(text, x, y);
        let _ = ctx.fill_text(text, x, y);
    }
    ctx.restore();
}

/// Everything one painting of the map reads, taken from the state in the change.
struct Frame {
    el: web_sys::HtmlCanvasElement,
    size: (f64, f64),
    inp: crate::state::Shared<atlas_core::render::flowmap::FlowMapInput>,
    world: Option<crate::state::Shared<atlas_core::geo::world::WorldMap>>,
    emphasis: atlas_core::render::flowmap::MapEmphasis,
    focus: Option<atlas_core::model::EntityId>,
    vp: Option<atlas_core::geo::projection::Viewport>,
    palette: Palette,
    tr: atlas_core::text::Tr,
}

/// Writes where the framed content and the legend landed on the canvas, in CSS pixels
/// (`data-content`, `data-legend`: "x0 y0 x1 y1"), so tests can check the frame holds
/// them whole at every size.
fn mark_frame(el: &web_sys::HtmlCanvasElement, l: &atlas_core::render::flowmap::FlowMapLayout) {
    let words = |r: Option<atlas_core::render::flowmap::Rect>| {
        r.map_or_else(String::new, |r| {
            format!("{:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1)
        })
    };
    let _ = el.set_attribute("data-content", &words(l.content));
    let _ = el.set_attribute("data-legend", &words(l.legend));
}
