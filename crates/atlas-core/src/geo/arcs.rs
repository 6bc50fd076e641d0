//! Flow arcs in **screen** space: the curve from a supplier's point to a recipient's, its
//! tapered outline, its arrowhead, and the distance from a pointer to it (hover).
//!
//! The curve is a quadratic Bézier whose control point sits to the *left* of the direction
//! of travel (as seen on screen, y down), at `bulge` × the chord length from the chord's
//! midpoint. Because "left" flips with the direction, the flow A→B and the flow B→A bow to
//! opposite sides and never cover each other. Curving in screen space rather than along a
//! great circle keeps arcs readable at any zoom and costs nothing to recompute.
//!
//! Direction is shown twice, so it survives colour-blindness and small sizes: the body
//! tapers from thin at the supplier to full width at the recipient, and ends in an
//! arrowhead whose tip stops just short of the recipient's point.
//!
//! All lengths are in screen pixels (CSS pixels in the app); nothing here knows about
//! projections, so the same code serves any viewport.

/// A point in screen pixels.
pub type Pt = (f64, f64);

/// How arcs are shaped; the defaults are what the flow map uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArcStyle {
    /// Distance of the control point from the chord's midpoint, as a fraction of the chord.
    /// The curve's furthest point from the chord is half of that.
    pub bulge: f64,
    /// Width at the supplier end, as a fraction of the full (recipient-end) width.
    pub taper: f64,
    /// The thinnest any part of the body may be, so that the supplier end stays visible.
    pub min_start_width: f64,
    /// The arrowhead's width is `max(width × head_ratio, width + head_extra)`.
    pub head_ratio: f64,
    /// See [`ArcStyle::head_ratio`].
    pub head_extra: f64,
    /// The arrowhead's length as a fraction of its width (at least `min_head_length`).
    pub head_aspect: f64,
    /// See [`ArcStyle::head_aspect`].
    pub min_head_length: f64,
    /// Gap between the arrow's tip and the recipient's point, so arrows converging on one
    /// recipient do not fuse into a blob.
    pub tip_gap: f64,
}

impl Default for ArcStyle {
    fn default() -> Self {
        ArcStyle {
            bulge: 0.32,
            taper: 0.22,
            min_start_width: 0.8,
            head_ratio: 1.7,
            head_extra: 5.0,
            head_aspect: 0.9,
            min_head_length: 6.0,
            tip_gap: 2.0,
        }
    }
}

/// The shorter chords are not drawn: both ends fall within a couple of pixels.
pub const MIN_CHORD: f64 = 2.0;

/// The control point of the quadratic curve from `p0` to `p1` (see the module docs).
pub(crate) fn control_point(p0: Pt, p1: Pt, bulge: f64) -> Pt {
    let (dx, dy) = (p1.0 - p0.0, p1.1 - p0.1);
    // (dy, -dx) is (dx, dy) turned a quarter to the left on a y-down screen.
    let mid = (0.5 * (p0.0 + p1.0), 0.5 * (p0.1 + p1.1));
    (mid.0 + bulge * dy, mid.1 - bulge * dx)
}

/// Point of the quadratic Bézier `p0`, `c`, `p1` at parameter `t` in 0..=1.
pub(crate) fn bezier(p0: Pt, c: Pt, p1: Pt, t: f64) -> Pt {
    let u = 1.0 - t;
    (
        u * u * p0.0 + 2.0 * u * t * c.0 + t * t * p1.0,
        u * u * p0.1 + 2.0 * u * t * c.1 + t * t * p1.1,
    )
}

/// One drawn arc: its sampled centre line with the width at every sample, and its head.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcGeometry {
    /// Supplier end.
    pub start: Pt,
    /// Recipient end (the arrow's tip stops [`ArcStyle::tip_gap`] before it).
    pub end: Pt,
    pub control: Pt,
    /// Full width, at the recipient end of the body.
    pub width: f64,
    /// Centre line of the body, from the supplier to the base of the arrowhead.
    pub spine: Vec<Pt>,
    /// Width of the body at each point of `spine`; never decreasing.
    pub widths: Vec<f64>,
    /// Arrowhead: left base corner, tip, right base corner.
    pub head: [Pt; 3],
}

impl ArcGeometry {
    /// The arc from `start` (supplier) to `end` (recipient) at full width `width`.
    /// `None` when the two points are closer than [`MIN_CHORD`] or not finite: there is
    /// no room for a curve, and such a flow is left to the tooltip and the text.
    pub fn new(start: Pt, end: Pt, width: f64, style: &ArcStyle) -> Option<ArcGeometry> {
        let finite = |p: Pt| p.0.is_finite() && p.1.is_finite();
        let chord = dist(start, end);
        if !(finite(start) && finite(end) && chord >= MIN_CHORD && width.is_finite()) {
            return None;
        }
        let width = width.max(style.min_start_width);
        let control = control_point(start, end, style.bulge);
        // Sample the whole curve densely enough that straight segments look smooth.
        let n = ((chord / 6.0).ceil() as usize).clamp(12, 96);
        let pts: Vec<Pt> = (0..=n)
            .map(|i| bezier(start, control, end, i as f64 / n as f64))
            .collect();
        let mut cum = Vec::with_capacity(pts.len());
        let mut acc = 0.0;
        cum.push(0.0);
        for w in pts.windows(2) {
            acc += dist(w[0], w[1]);
            cum.push(acc);
        }
        let total = acc;
        let head_w = (width * style.head_ratio).max(width + style.head_extra);
        // The head and the gap may take at most 45 % of a short arc, so that a body remains.
        let mut head_len = (head_w * style.head_aspect).max(style.min_head_length);
        let gap = style.tip_gap.min(0.1 * total);
        if head_len + gap > 0.45 * total {
            head_len = (0.45 * total - gap).max(0.2 * total);
        }
        let head_w = head_w.min(head_len * 2.2).max(width);
        let tip_s = total - gap;
        let base_s = tip_s - head_len;
        let tip = point_at_length(&pts, &cum, tip_s);
        let base = point_at_length(&pts, &cum, base_s);
        // The body: every sample before the head's base, then the base itself.
        let mut spine: Vec<Pt> = Vec::with_capacity(pts.len());
        let mut lens: Vec<f64> = Vec::with_capacity(pts.len());
        for (p, s) in pts.iter().zip(&cum) {
            if *s < base_s - 1e-9 {
                spine.push(*p);
                lens.push(*s);
            }
        }
        spine.push(base);
        lens.push(base_s);
        let w0 = (width * style.taper).max(style.min_start_width).min(width);
        let widths = lens
            .iter()
            .map(|s| w0 + (width - w0) * (s / base_s.max(1e-9)).clamp(0.0, 1.0))
            .collect();
        // The head points along the chord from its base to its tip.
        let (ux, uy) = unit((tip.0 - base.0, tip.1 - base.1)).unwrap_or(unit_dir(start, end));
        let (nx, ny) = (uy, -ux);
        let h = 0.5 * head_w;
        let head = [
            (base.0 + nx * h, base.1 + ny * h),
            tip,
            (base.0 - nx * h, base.1 - ny * h),
        ];
        Some(ArcGeometry {
            start,
            end,
            control,
            width,
            spine,
            widths,
            head,
        })
    }

    /// The width of the body at the supplier end.
    pub fn start_width(&self) -> f64 {
        self.widths.first().copied().unwrap_or(self.width)
    }

    /// The width of the arrowhead at its base.
    pub fn head_width(&self) -> f64 {
        dist(self.head[0], self.head[2])
    }

    /// The arrow's tip.
    pub fn tip(&self) -> Pt {
        self.head[1]
    }

    /// The closed outline of the tapered body: down the left side from the supplier,
    /// back up the right side. Offsets use the averaged normal at each sample, so joints
    /// do not pinch.
    pub fn outline(&self) -> Vec<Pt> {
        let n = self.spine.len();
        let mut left = Vec::with_capacity(n);
        let mut right = Vec::with_capacity(n);
        for i in 0..n {
            let prev = self.spine[i.saturating_sub(1)];
            let next = self.spine[(i + 1).min(n - 1)];
            let (ux, uy) =
                unit((next.0 - prev.0, next.1 - prev.1)).unwrap_or(unit_dir(self.start, self.end));
            let (nx, ny) = (uy, -ux);
            let h = 0.5 * self.widths[i];
            let p = self.spine[i];
            left.push((p.0 + nx * h, p.1 + ny * h));
            right.push((p.0 - nx * h, p.1 - ny * h));
        }
        right.reverse();
        left.extend(right);
        left
    }

    /// The outline of body and head as one polygon (for a casing drawn underneath).
    pub fn silhouette(&self) -> Vec<Pt> {
        let body = self.outline();
        let n = self.spine.len();
        let mut out = Vec::with_capacity(body.len() + 3);
        out.extend_from_slice(&body[..n]);
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&body[n..]);
        out
    }

    /// Distance from `p` to the arc's centre line, and the half-width of the arc there
    /// (the body's, or the head's at its base). `p` is on the arc when the distance is
    /// at most the half-width.
    pub fn distance(&self, p: Pt) -> (f64, f64) {
        let mut best = (f64::INFINITY, 0.0);
        for (i, w) in self.spine.windows(2).enumerate() {
            let (d, t) = segment_distance(p, w[0], w[1]);
            if d < best.0 {
                let half = 0.5 * (self.widths[i] + t * (self.widths[i + 1] - self.widths[i]));
                best = (d, half);
            }
        }
        // The head: distance to its axis, with the half-width narrowing to the tip.
        let base = *self.spine.last().unwrap_or(&self.start);
        let (d, t) = segment_distance(p, base, self.head[1]);
        if d < best.0 {
            best = (d, 0.5 * self.head_width() * (1.0 - t));
        }
        best
    }

    /// How far `p` lies outside the arc's painted area (0 when inside). Hover accepts a
    /// few pixels of slack on top, so thin arcs can be pointed at.
    pub fn outside_by(&self, p: Pt) -> f64 {
        let (d, half) = self.distance(p);
        (d - half).max(0.0)
    }

    /// Screen bounding box `(min_x, min_y, max_x, max_y)` of the painted arc.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        self.silhouette().iter().fold(
            (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ),
            |b, p| (b.0.min(p.0), b.1.min(p.1), b.2.max(p.0), b.3.max(p.1)),
        )
    }
}

/// Euclidean distance.
pub fn dist(a: Pt, b: Pt) -> f64 {
    len(b.0 - a.0, b.1 - a.1)
}

/// Distance from `p` to the segment `a`–`b`, and the parameter (0..=1) of the nearest point.
pub(crate) fn segment_distance(p: Pt, a: Pt, b: Pt) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (dist(p, (a.0 + t * dx, a.1 + t * dy)), t)
}

/// Lengths here are of screen vectors (far below where squaring overflows), so the plain
/// square root serves: `f64::hypot` is libm's careful version, which in the wasm was the
/// arcs' largest cost (11 ms of 14 in a profile of 15 filter changes).
fn len(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

fn unit(v: Pt) -> Option<Pt> {
    let l = len(v.0, v.1);
    (l > 1e-12).then(|| (v.0 / l, v.1 / l))
}

fn unit_dir(a: Pt, b: Pt) -> Pt {
    unit((b.0 - a.0, b.1 - a.1)).unwrap_or((1.0, 0.0))
}

/// The point at arc length `s` along a polyline with cumulative lengths `cum`.
fn point_at_length(pts: &[Pt], cum: &[f64], s: f64) -> Pt {
    let i = cum.partition_point(|c| *c < s).clamp(1, pts.len() - 1);
    let (a, b) = (pts[i - 1], pts[i]);
    let seg = cum[i] - cum[i - 1];
    let t = if seg > 0.0 {
        ((s - cum[i - 1]) / seg).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
}
