//! Finding invalid geometry in a simplified map: two edges that cross, touch or overlap
//! anywhere but at a shared topology vertex. The exact integer tests on the grid, and the
//! bucketed search over every edge of the map that `simplify` repairs against.

use std::collections::{BTreeSet, HashMap};

use super::topology::Pt;

fn orient(a: Pt, b: Pt, c: Pt) -> i64 {
    let v = (i64::from(b[0]) - i64::from(a[0])) * (i64::from(c[1]) - i64::from(a[1]))
        - (i64::from(b[1]) - i64::from(a[1])) * (i64::from(c[0]) - i64::from(a[0]));
    v.signum()
}

/// Whether `p`, known to be collinear with segment `a`–`b`, lies within its extent.
fn within(a: Pt, b: Pt, p: Pt) -> bool {
    p[0] >= a[0].min(b[0])
        && p[0] <= a[0].max(b[0])
        && p[1] >= a[1].min(b[1])
        && p[1] <= a[1].max(b[1])
}

/// Whether two edges of the map conflict. Edges may meet only at a shared endpoint (a
/// vertex of the topology); anything else (a crossing, a vertex touching another edge,
/// two edges overlapping along a line) would draw a sliver, a twisted ring or a gap.
fn edges_conflict(a: Pt, b: Pt, c: Pt, d: Pt) -> bool {
    let shared = [(a, c), (a, d), (b, c), (b, d)]
        .iter()
        .filter(|(p, q)| p == q)
        .count();
    match shared {
        0 => {
            let (o1, o2, o3, o4) = (
                orient(a, b, c),
                orient(a, b, d),
                orient(c, d, a),
                orient(c, d, b),
            );
            if o1 * o2 < 0 && o3 * o4 < 0 {
                return true;
            }
            (o1 == 0 && within(a, b, c))
                || (o2 == 0 && within(a, b, d))
                || (o3 == 0 && within(c, d, a))
                || (o4 == 0 && within(c, d, b))
        }
        1 => {
            // Meeting at one endpoint is fine unless the other ends run back along the
            // same line from it (a spike or an overlap).
            let (p, q, r) = if a == c {
                (a, b, d)
            } else if a == d {
                (a, b, c)
            } else if b == c {
                (b, a, d)
            } else {
                (b, a, c)
            };
            orient(p, q, r) == 0
                && (i64::from(q[0]) - i64::from(p[0])) * (i64::from(r[0]) - i64::from(p[0]))
                    + (i64::from(q[1]) - i64::from(p[1])) * (i64::from(r[1]) - i64::from(p[1]))
                    > 0
        }
        // The same edge twice: two different borders coincide.
        _ => true,
    }
}

/// One edge of a simplified arc: arc index and the full-detail indices of its ends.
pub(super) type EdgeRef = (usize, usize, usize);

/// Edges (of arcs among `used`) that conflict with another edge anywhere on the map.
/// Edges are bucketed on a coarse grid and each pair is tested once, in the cell holding
/// the lower corner of the overlap of their boxes.
pub(super) fn conflicting_edges(
    arcs: &[Vec<(Pt, usize)>],
    used: &BTreeSet<usize>,
    cell: i32,
) -> BTreeSet<EdgeRef> {
    struct Edge {
        a: Pt,
        b: Pt,
        id: EdgeRef,
        lo: Pt,
        hi: Pt,
    }
    let mut edges = Vec::new();
    for &ai in used {
        for w in arcs[ai].windows(2) {
            let ((a, ia), (b, ib)) = (w[0], w[1]);
            edges.push(Edge {
                a,
                b,
                id: (ai, ia, ib),
                lo: [a[0].min(b[0]), a[1].min(b[1])],
                hi: [a[0].max(b[0]), a[1].max(b[1])],
            });
        }
    }
    let cell_of = |v: i32| v.div_euclid(cell);
    let mut buckets: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
    for (ei, e) in edges.iter().enumerate() {
        for cx in cell_of(e.lo[0])..=cell_of(e.hi[0]) {
            for cy in cell_of(e.lo[1])..=cell_of(e.hi[1]) {
                buckets.entry((cx, cy)).or_default().push(ei);
            }
        }
    }
    let mut bad = BTreeSet::new();
    for (&(cx, cy), members) in &buckets {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let (e, f) = (&edges[i], &edges[j]);
                let lo = [e.lo[0].max(f.lo[0]), e.lo[1].max(f.lo[1])];
                let hi = [e.hi[0].min(f.hi[0]), e.hi[1].min(f.hi[1])];
                if lo[0] > hi[0] || lo[1] > hi[1] || (cell_of(lo[0]), cell_of(lo[1])) != (cx, cy) {
                    continue;
                }
                if edges_conflict(e.a, e.b, f.a, f.b) {
                    bad.insert(e.id);
                    bad.insert(f.id);
                }
            }
        }
    }
    bad
}
