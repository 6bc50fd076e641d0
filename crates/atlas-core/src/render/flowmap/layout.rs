//! Where the map's parts landed on screen, for hover, clicks and the text alternative.

use super::labels::{PlacedLabel, Rect};
use crate::geo::arcs::{dist, ArcGeometry, Pt};
use crate::geo::projection::Viewport;

/// An arc as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnArc {
    /// Index into [`FlowMapInput::flows`](super::FlowMapInput::flows).
    pub flow: usize,
    pub geometry: ArcGeometry,
}

/// A dot as drawn (non-state actors, organisations, states missing from the map).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawnDot {
    /// Index into [`FlowMapInput::places`](super::FlowMapInput::places).
    pub place: usize,
    pub at: Pt,
    pub radius: f64,
}

/// Where everything landed, in CSS pixels, for hover, clicks and the text alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowMapLayout {
    pub viewport: Viewport,
    /// In drawing order: the last one is on top.
    pub arcs: Vec<DrawnArc>,
    pub dots: Vec<DrawnDot>,
    /// Screen point of every place of the input (parallel to `places`).
    pub points: Vec<Pt>,
    pub labels: Vec<PlacedLabel>,
    /// The label text of each placed label, in the same order.
    pub label_texts: Vec<String>,
    pub legend: Option<Rect>,
    /// Where what the framing keeps in view landed ([`content_box`](super::content_box):
    /// the arcs' curves and the outlined places' land), before the arcs' widths; `None`
    /// when no flow is drawn.
    pub content: Option<Rect>,
}

impl FlowMapLayout {
    /// The flow under the point: the arc whose painted area is nearest, within `slack`
    /// pixels; when several contain the point, the one on top (the smaller flow).
    pub fn arc_at(&self, p: Pt, slack: f64) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for a in self.arcs.iter().rev() {
            let (x0, y0, x1, y1) = a.geometry.bbox();
            if p.0 < x0 - slack || p.0 > x1 + slack || p.1 < y0 - slack || p.1 > y1 + slack {
                continue;
            }
            let d = a.geometry.outside_by(p);
            if d <= slack && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((a.flow, d));
            }
        }
        best.map(|(f, _)| f)
    }

    /// The dot under the point, within `slack` pixels of its edge; the nearest wins.
    pub fn dot_at(&self, p: Pt, slack: f64) -> Option<usize> {
        self.dots
            .iter()
            .map(|d| (d.place, dist(p, d.at) - d.radius))
            .filter(|(_, d)| *d <= slack)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}
