//! Framing: arc widths for a surface, and the viewport that fits the flows (or the
//! world), leaving the legend its strip on narrow surfaces.

use super::input::FlowMapInput;
use crate::geo::arcs::{ArcStyle, Pt};
use crate::geo::projection::{equal_earth, ProjectedBox, Viewport};
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

/// Extra room around the flows in a fit, in pixels (labels and arrowheads need it).
pub(crate) const FIT_PADDING: f64 = 28.0;

/// The smallest extent a fit shows, in projected units (about 1,900 km): a flow between
/// neighbours is framed with its region, not blown up to fill the screen.
pub const MIN_FLOW_SPAN: f64 = 0.3;

/// The default framing: the box of every endpoint of the drawn flows and of the middles
/// of their arcs, padded, at least [`MIN_FLOW_SPAN`] across; the world when nothing is
/// drawn. Arcs bulge in screen space, so their middles are found on a first fit of the
/// endpoints and the box is then fitted again.
///
/// On narrow surfaces the legend would cover a good part of the map, so the framing
/// keeps a strip at the bottom free for it (see [`legend_reserve`]).
pub fn fit_to_flows(input: &FlowMapInput, width: f64, height: f64) -> Viewport {
    let reserve = legend_reserve(input, width, height);
    above_strip(width, height, reserve, |w, h| fit_inside(input, w, h))
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

fn fit_inside(input: &FlowMapInput, width: f64, height: f64) -> Viewport {
    let pts: Vec<(f64, f64)> = input
        .flows
        .iter()
        .flat_map(|f| [f.from, f.to])
        .map(|i| {
            let (lon, lat) = input.places[i].lonlat;
            equal_earth(lon, lat)
        })
        .collect();
    let widen = |mut b: ProjectedBox| {
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
        b
    };
    let boxed = pts
        .iter()
        .fold(ProjectedBox::EMPTY, |b, p| b.extended(p.0, p.1));
    if boxed.is_empty() {
        return Viewport::world(width, height, 8.0);
    }
    let first = Viewport::fit_projected_box(widen(boxed), width, height, FIT_PADDING);
    let style = ArcStyle::default();
    let mut b = boxed;
    for f in &input.flows {
        let (p0, p1) = (
            place_screen(&first, input, f.from),
            place_screen(&first, input, f.to),
        );
        let c = crate::geo::arcs::control_point(p0, p1, style.bulge);
        let mid = crate::geo::arcs::bezier(p0, c, p1, 0.5);
        let (x, y) = first.projected_from_screen(mid.0, mid.1);
        b = b.extended(x, y);
    }
    // Never wider than the world itself.
    let w = ProjectedBox::WORLD;
    let b = ProjectedBox {
        min_x: b.min_x.max(w.min_x),
        min_y: b.min_y.max(w.min_y),
        max_x: b.max_x.min(w.max_x),
        max_y: b.max_y.min(w.max_y),
    };
    let mut vp = Viewport::fit_projected_box(widen(b), width, height, FIT_PADDING);
    // When the box is wider than the surface's shape, the fit leaves room above and
    // below; spend it on the globe rather than on the empty page beyond a pole.
    let (_, pole_n) = vp.screen_from_projected(0.0, w.max_y);
    let (_, pole_s) = vp.screen_from_projected(0.0, w.min_y);
    let (_, flows_top) = vp.screen_from_projected(0.0, b.max_y);
    let (_, flows_bottom) = vp.screen_from_projected(0.0, b.min_y);
    if pole_n > 0.0 && pole_s > height {
        let up = pole_n
            .min(pole_s - height)
            .min(flows_top - FIT_PADDING)
            .max(0.0);
        vp.pan(0.0, -up);
    } else if pole_s < height && pole_n < 0.0 {
        let down = (height - pole_s)
            .min(-pole_n)
            .min(height - FIT_PADDING - flows_bottom)
            .max(0.0);
        vp.pan(0.0, down);
    }
    vp
}

fn place_screen(vp: &Viewport, input: &FlowMapInput, i: usize) -> Pt {
    let (lon, lat) = input.places[i].lonlat;
    vp.screen_from_lonlat(lon, lat)
}
