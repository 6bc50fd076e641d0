//! Place labels: greedy placement in priority order, never overlapping.

use crate::geo::arcs::Pt;
use crate::render::text_width;

/// An axis-aligned rectangle in screen pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies entirely inside.
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// Whether the point lies inside (edges included).
    pub fn contains(&self, p: Pt) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }
}

/// A label the map would like to show.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    pub text: String,
    /// The point labelled.
    pub anchor: Pt,
    /// Larger first.
    pub priority: f64,
    /// Keep this far from the anchor (a dot's radius).
    pub clearance: f64,
}

/// A label that found room.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// Index into the requests.
    pub request: usize,
    pub rect: Rect,
}

/// A label's width: the estimated text width and a pixel of margin on each side.
pub(crate) fn label_width(text: &str, font_px: f64) -> f64 {
    text_width(text, font_px) + 2.0
}

/// Greedy placement: labels in priority order, each at the first of four positions (right
/// of, left of, above, below its anchor) that lies inside `bounds` and overlaps neither an
/// obstacle nor a label already placed. A label with no such position is skipped, so the
/// result never overlaps, and the most important places are named first.
pub fn place_labels(
    requests: &[LabelRequest],
    font_px: f64,
    bounds: Rect,
    obstacles: &[Rect],
) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| {
        requests[b]
            .priority
            .total_cmp(&requests[a].priority)
            .then(a.cmp(&b))
    });
    let h = (font_px * 1.25).ceil();
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for i in order {
        let r = &requests[i];
        if !(r.anchor.0.is_finite() && r.anchor.1.is_finite()) || r.text.is_empty() {
            continue;
        }
        let w = label_width(&r.text, font_px);
        let gap = r.clearance + 2.0;
        let (x, y) = r.anchor;
        let candidates = [
            (x + gap, y - h / 2.0),
            (x - gap - w, y - h / 2.0),
            (x - w / 2.0, y - gap - h),
            (x - w / 2.0, y + gap),
        ];
        let found = candidates.into_iter().find_map(|(x0, y0)| {
            let rect = Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            };
            let free = bounds.contains_rect(&rect)
                && !obstacles.iter().any(|o| o.overlaps(&rect))
                && !placed.iter().any(|p| p.rect.overlaps(&rect));
            free.then_some(rect)
        });
        if let Some(rect) = found {
            placed.push(PlacedLabel { request: i, rect });
        }
    }
    placed
}
