//! Framing: arc widths for a surface, and the viewport that fits what the map draws
//! (the flows' arcs and the whole outline of the places it is about) or the world,
//! leaving the legend its strip on narrow surfaces.

use super::input::FlowMapInput;
use crate::geo::arcs::{bezier, control_point, ArcStyle, Pt};
use crate::geo::projection::{ProjectedBox, Viewport};
use crate::geo::world::WorldMap;
use crate::model::Tiv;

/// Arc widths for a surface: the largest flow gets `max`, none gets less than `min`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WidthScale {
    pub max: f64,
    pub min: f64,
}

impl WidthScale {
    /// Wider arcs on larger surfaces: 1/24 of the shorter side, between 8 and 20 px.
    pub(crate) fn for_surface(width: f64, height: f64) -> WidthScale {
        WidthScale {
            max: (width.min(height) / 24.0).clamp(8.0, 20.0),
            min: 1.5,
        }
    }

    /// Width of a flow of `t` when the largest is `max_tiv`: proportional, floored.
    pub fn width(&self, t: Tiv, max_tiv: Tiv) -> f64 {
        if max_tiv.0 <= 0 {
            return self.min;
        }
        (self.max * t.0 as f64 / max_tiv.0 as f64).max(self.min)
    }
}

/// Room around what a fit frames, in pixels: the widest arrowhead reaches 17 px to the
/// side of its curve (20 px arcs, 1.7 × wider heads) and its casing 3 px more; labels
/// beside a place at the edge need a little room too.
pub(crate) const FIT_PADDING: f64 = 28.0;

/// The smallest extent a fit shows, in projected units (about 1,900 km): a flow between
/// neighbours is framed with its region, not blown up to fill the screen.
pub const MIN_FLOW_SPAN: f64 = 0.3;

/// The default framing: everything [`content_box`] holds (the whole land outline of
/// every outlined place, every drawn arc's whole curve), padded by [`FIT_PADDING`]
/// pixels, at least [`MIN_FLOW_SPAN`] across; the world when nothing is drawn. Without
/// the world map (still loading, or failed) the outlines are left out and the arcs
/// framed alone.
///
/// On narrow surfaces the legend would cover a good part of the map, so the framing
/// keeps a strip at the bottom free for it (see [`legend_reserve`]).
pub fn fit_to_flows(
    input: &FlowMapInput,
    world: Option<&WorldMap>,
    width: f64,
    height: f64,
) -> Viewport {
    let reserve = legend_reserve(input, width, height);
    let content = content_box(input, world);
    above_strip(width, height, reserve, |w, h| fit_inside(content, w, h))
}

/// What a framing keeps in view, in projected units: every vertex of the main body
/// ([`Country::body_box`](crate::geo::world::Country::body_box)) of the land of every
/// place in [`FlowMapInput::outlined`], and every drawn arc's whole curve, its bulge
/// included (arcs curve in screen space, but a viewport only scales and moves, so the
/// curve is the same in projected units at every zoom). Empty when no flow is drawn.
/// The arcs' widths and the labels are left to [`FIT_PADDING`].
pub fn content_box(input: &FlowMapInput, world: Option<&WorldMap>) -> ProjectedBox {
    if input.is_empty() {
        return ProjectedBox::EMPTY;
    }
    let mut b = ProjectedBox::EMPTY;
    if let Some(world) = world {
        for &i in &input.outlined {
            let Some(c) = input.places[i]
                .iso
                .and_then(|iso| world.find_by_id(iso))
                .map(|k| &world.countries()[k])
            else {
                continue;
            };
            let body = c.body_box();
            if !body.is_empty() {
                b = b.extended(body.min_x, body.min_y);
                b = b.extended(body.max_x, body.max_y);
            }
        }
    }
    // Any viewport maps projected to screen and back exactly; this one only gives the
    // arcs' screen construction (control point to the left of travel) a surface.
    let vp = Viewport::world(1000.0, 500.0, 0.0);
    let style = ArcStyle::default();
    for f in &input.flows {
        let (p0, p1) = (
            place_screen(&vp, input, f.from),
            place_screen(&vp, input, f.to),
        );
        let c = control_point(p0, p1, style.bulge);
        for p in curve_extremes(p0, c, p1) {
            let (x, y) = vp.projected_from_screen(p.0, p.1);
            if x.is_finite() && y.is_finite() {
                b = b.extended(x, y);
            }
        }
    }
    b
}

/// The points of a quadratic Bézier that bound it: its ends, and where it turns back
/// in x or in y (the derivative's zero in each, when it falls inside the curve).
fn curve_extremes(p0: Pt, c: Pt, p1: Pt) -> Vec<Pt> {
    let mut out = vec![p0, p1];
    for (a, m, z) in [(p0.0, c.0, p1.0), (p0.1, c.1, p1.1)] {
        let den = a - 2.0 * m + z;
        if den.abs() > 1e-12 {
            let t = (a - m) / den;
            if t > 0.0 && t < 1.0 {
                out.push(bezier(p0, c, p1, t));
            }
        }
    }
    out
}

/// The whole world, leaving the legend's strip free like [`fit_to_flows`].
pub fn world_view(input: &FlowMapInput, width: f64, height: f64) -> Viewport {
    let reserve = legend_reserve(input, width, height);
    above_strip(width, height, reserve, |w, h| Viewport::world(w, h, 8.0))
}

/// Height of the legend box, in pixels.
pub(crate) const LEGEND_HEIGHT: f64 = 68.0;

/// Pixels at the bottom that framings leave to the legend: on surfaces narrower than
/// 500 px when there is a legend (there is one whenever flows are drawn), else none.
pub fn legend_reserve(input: &FlowMapInput, width: f64, height: f64) -> f64 {
    if !input.is_empty() && width < 500.0 && height > 3.0 * LEGEND_HEIGHT {
        LEGEND_HEIGHT + 8.0
    } else {
        0.0
    }
}

/// A viewport fitted by `fit` into the surface minus a strip of `reserve` pixels at the
/// bottom, then extended to the whole surface without moving the map.
fn above_strip(
    width: f64,
    height: f64,
    reserve: f64,
    fit: impl Fn(f64, f64) -> Viewport,
) -> Viewport {
    let mut vp = fit(width, height - reserve);
    let h0 = vp.height();
    vp.resize(width, height);
    vp.pan(0.0, -0.5 * (vp.height() - h0));
    vp
}

fn fit_inside(content: ProjectedBox, width: f64, height: f64) -> Viewport {
    if content.is_empty() {
        return Viewport::world(width, height, 8.0);
    }
    let mut b = content;
    for (span, lo, hi) in [
        (b.max_x - b.min_x, &mut b.min_x, &mut b.max_x),
        (b.max_y - b.min_y, &mut b.min_y, &mut b.max_y),
    ] {
        if span < MIN_FLOW_SPAN {
            let grow = 0.5 * (MIN_FLOW_SPAN - span);
            *lo -= grow;
            *hi += grow;
        }
    }
    let mut vp = Viewport::fit_projected_box(b, width, height, FIT_PADDING);
    // When the box is wider than the surface's shape, the fit leaves room above and
    // below; spend it on the globe rather than on the empty page beyond a pole, as long
    // as everything framed stays at least the padding inside.
    let w = ProjectedBox::WORLD;
    let (_, pole_n) = vp.screen_from_projected(0.0, w.max_y);
    let (_, pole_s) = vp.screen_from_projected(0.0, w.min_y);
    let (_, top) = vp.screen_from_projected(0.0, content.max_y);
    let (_, bottom) = vp.screen_from_projected(0.0, content.min_y);
    if pole_n > 0.0 && pole_s > height {
        let up = pole_n.min(pole_s - height).min(top - FIT_PADDING).max(0.0);
        vp.pan(0.0, -up);
    } else if pole_s < height && pole_n < 0.0 {
        let down = (height - pole_s)
            .min(-pole_n)
            .min(height - FIT_PADDING - bottom)
            .max(0.0);
        vp.pan(0.0, down);
    }
    vp
}

fn place_screen(vp: &Viewport, input: &FlowMapInput, i: usize) -> Pt {
    let (lon, lat) = input.places[i].lonlat;
    vp.screen_from_lonlat(lon, lat)
}
