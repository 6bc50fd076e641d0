//! The flow map's land, painted straight onto the canvas from paths built once per map.
//!
//! Drawn through plotters, every vertex of every country crosses the wasm–JS boundary on
//! every redraw (about ten thousand `lineTo` calls for the fill and as many for the
//! outline). Here each country becomes one `Path2D` in projected units, built once when
//! the map arrives; a redraw sets one transform (the viewport is a scale and a
//! translation of the projected plane) and fills and strokes each country with one call.
//! The colours and the order come from `atlas_core::render::flowmap`, the same functions
//! the plotters path (exports, native tests) uses, so both paint the same map.

use atlas_core::geo::projection::{equal_earth, ProjectedBox};
use atlas_core::geo::world::WorldMap;
use atlas_core::render::flowmap::{globe_outline, land_fill, land_order, ringed_places};
use atlas_core::render::flowmap::{FlowMapInput, FlowMapOptions};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

struct CountryPath {
    id: u16,
    path: Path2d,
    bbox: ProjectedBox,
}

/// The sea and every country as paths in projected units, in painting order.
pub struct LandPaths {
    sea: Path2d,
    countries: Vec<CountryPath>,
}

impl LandPaths {
    /// Builds the paths; `None` where the browser lacks `Path2D`.
    pub fn build(world: &WorldMap) -> Option<LandPaths> {
        let sea = Path2d::new().ok()?;
        for (i, (x, y)) in globe_outline().into_iter().enumerate() {
            if i == 0 {
                sea.move_to(x, y);
            } else {
                sea.line_to(x, y);
            }
        }
        sea.close_path();
        let mut countries = Vec::with_capacity(world.countries().len());
        for ci in land_order(world) {
            let c = &world.countries()[ci];
            let path = Path2d::new().ok()?;
            let mut bbox = ProjectedBox::EMPTY;
            for ring in c.rings() {
                if ring.len() < 3 {
                    continue;
                }
                for (i, p) in ring.iter().enumerate() {
                    let (x, y) = equal_earth(f64::from(p[0]), f64::from(p[1]));
                    bbox = bbox.extended(x, y);
                    if i == 0 {
                        path.move_to(x, y);
                    } else {
                        path.line_to(x, y);
                    }
                }
                path.close_path();
            }
            if !bbox.is_empty() {
                countries.push(CountryPath {
                    id: c.id(),
                    path,
                    bbox,
                });
            }
        }
        Some(LandPaths { sea, countries })
    }

    /// Paints background, sea, land (with the choropleth) and rings onto the canvas,
    /// whose backing store is `ratio` device pixels per CSS pixel. Returns false when
    /// the canvas has no 2D context (the caller then lets plotters draw everything).
    pub fn paint(
        &self,
        canvas: &HtmlCanvasElement,
        input: &FlowMapInput,
        opt: &FlowMapOptions<'_>,
        ratio: f64,
    ) -> bool {
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            return false;
        };
        let vp = opt.viewport;
        let pal = opt.palette;
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.set_fill_style_str(&pal.background.hex());
        ctx.fill_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
        // Projected → device pixels: x' = r·(ox + k·x), y' = r·(oy − k·y).
        let k = vp.scale() * ratio;
        let (ox, oy) = vp.screen_from_projected(0.0, 0.0);
        let _ = ctx.set_transform(k, 0.0, 0.0, -k, ox * ratio, oy * ratio);
        ctx.set_fill_style_str(&pal.sea.hex());
        ctx.fill_with_path_2d(&self.sea);
        if opt.world.is_some() {
            let visible = vp.visible_projected_box();
            let hair = (ratio * 0.75).round().max(1.0);
            ctx.set_line_width(hair / k);
            ctx.set_line_join("round");
            ctx.set_stroke_style_str(&pal.background.hex());
            for c in self
                .countries
                .iter()
                .filter(|c| c.bbox.intersects(&visible))
            {
                ctx.set_fill_style_str(&land_fill(input, pal, c.id).hex());
                ctx.fill_with_path_2d(&c.path);
                ctx.stroke_with_path(&c.path);
            }
            let rings = ringed_places(input, opt);
            if !rings.is_empty() {
                ctx.set_line_width((1.5 * ratio).round().max(1.0) / k);
                ctx.set_stroke_style_str(&pal.ink.hex());
                for c in self.countries.iter().filter(|c| rings.contains(&c.id)) {
                    ctx.stroke_with_path(&c.path);
                }
            }
        }
        let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        true
    }
}
