//! Visvalingam–Whyatt ranking (module docs, step 2): every arc point's effective area in
//! km², computed once, and the cheap per-round filter that keeps the points whose weight
//! reaches their tolerance.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::topology::Pt;

fn triangle_area(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    0.5 * ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs()
}

/// A heap entry ordered by area, then index, so ties break the same way on every run.
#[derive(PartialEq)]
struct Candidate {
    area: f64,
    index: usize,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the smallest area first.
        other
            .area
            .total_cmp(&self.area)
            .then_with(|| other.index.cmp(&self.index))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Visvalingam–Whyatt effective area of every point of an arc (km²): the area of the
/// triangle the point forms with its neighbours at the moment it would be removed, never
/// less than that of any point removed before it, so that "keep points whose weight is at
/// least t" is the same as running the algorithm until t. Endpoints weigh infinity. A
/// closed arc (an island drawn as one arc) also keeps its two most important interior
/// points, since a ring needs three.
pub(super) fn visvalingam_weights(km: &[[f64; 2]]) -> Vec<f64> {
    let n = km.len();
    let mut weight = vec![f64::INFINITY; n];
    if n < 3 {
        return weight;
    }
    let mut prev: Vec<usize> = (0..n).map(|i| i.saturating_sub(1)).collect();
    let mut next: Vec<usize> = (0..n).map(|i| i + 1).collect();
    let mut current = vec![f64::INFINITY; n];
    let mut heap = BinaryHeap::with_capacity(n);
    for i in 1..n - 1 {
        current[i] = triangle_area(km[i - 1], km[i], km[i + 1]);
        heap.push(Candidate {
            area: current[i],
            index: i,
        });
    }
    let mut removed = vec![false; n];
    let mut floor = 0.0f64;
    let mut order = Vec::with_capacity(n);
    while let Some(Candidate { area, index: i }) = heap.pop() {
        if removed[i] || area.to_bits() != current[i].to_bits() {
            continue; // stale entry: the point's area changed after it was pushed
        }
        floor = floor.max(area);
        weight[i] = floor;
        removed[i] = true;
        order.push(i);
        let (p, q) = (prev[i], next[i]);
        next[p] = q;
        prev[q] = p;
        for j in [p, q] {
            if j != 0 && j != n - 1 {
                current[j] = triangle_area(km[prev[j]], km[j], km[next[j]]);
                heap.push(Candidate {
                    area: current[j],
                    index: j,
                });
            }
        }
    }
    if km[0] == km[n - 1] {
        for &i in order.iter().rev().take(2) {
            weight[i] = f64::INFINITY;
        }
    }
    weight
}

/// The arc's points whose weight reaches their tolerance, without consecutive repeats,
/// each with its index in the full-detail arc (needed to refine just the stretch of arc
/// behind a bad edge).
pub(super) fn simplify_arc(points: &[Pt], weights: &[f64], tolerance: &[f64]) -> Vec<(Pt, usize)> {
    let mut out: Vec<(Pt, usize)> = Vec::new();
    for (k, ((p, w), t)) in points.iter().zip(weights).zip(tolerance).enumerate() {
        if *w >= *t && out.last().map(|l| l.0) != Some(*p) {
            out.push((*p, k));
        }
    }
    out
}
