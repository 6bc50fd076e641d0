//! The antimeridian cut (module docs, step 1): world-atlas stitches a few rings across
//! ±180° for spherical rendering; the app draws on a plane, so each such ring becomes one
//! ring per side, closed along the meridian.

use std::collections::BTreeMap;

use super::topology::{arc_index, Feature};

/// For every arc that was split: the indices of its pieces, in order along the arc (the
/// first piece keeps the arc's own index, the others are appended to the arcs).
type Pieces = BTreeMap<usize, Vec<usize>>;

/// Whether an edge jumps across the antimeridian (world-atlas is stitched for spherical
/// rendering, so Russia's Chukotka, Wrangel Island and a Fiji island run from +179.9° on
/// to −180°; drawn on a plane that edge would streak across the whole map).
fn wraps(p: [f64; 2], q: [f64; 2]) -> bool {
    (q[0] - p[0]).abs() > 180.0
}

/// Cuts every ring that crosses the antimeridian into one ring per side, so that the map
/// can be drawn and hit-tested on a plane. Arcs are split where they cross, with a point
/// inserted exactly on ±180° at the interpolated latitude; each side's piece is closed
/// along the meridian by a new two-point arc. Only the simple case (each ring crosses
/// twice) is supported, which is all this data needs; anything else is an error rather
/// than a silently broken map. Returns how many rings were cut.
pub(super) fn cut_antimeridian(
    arcs: &mut Vec<Vec<[f64; 2]>>,
    features: &mut [Feature],
) -> Result<usize, String> {
    let pieces = split_arcs(arcs);
    if pieces.is_empty() {
        return Ok(0);
    }
    let mut cut = 0;
    for f in features.iter_mut() {
        let mut polygons = Vec::new();
        for polygon in std::mem::take(&mut f.polygons) {
            polygons.extend(cut_polygon(&f.name, polygon, &pieces, arcs, &mut cut)?);
        }
        f.polygons = polygons;
    }
    Ok(cut)
}

/// Splits every arc that crosses the line, remembering the pieces of each.
fn split_arcs(arcs: &mut Vec<Vec<[f64; 2]>>) -> Pieces {
    let mut pieces = Pieces::new();
    for ai in 0..arcs.len() {
        if !arcs[ai].windows(2).any(|w| wraps(w[0], w[1])) {
            continue;
        }
        let parts = split_arc(&std::mem::take(&mut arcs[ai]));
        let mut ids = Vec::new();
        for (k, part) in parts.into_iter().enumerate() {
            if k == 0 {
                arcs[ai] = part;
                ids.push(ai);
            } else {
                ids.push(arcs.len());
                arcs.push(part);
            }
        }
        pieces.insert(ai, ids);
    }
    pieces
}

/// One arc's pieces between its crossings, each ending (or starting) on the line.
fn split_arc(arc: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let mut parts: Vec<Vec<[f64; 2]>> = vec![vec![arc[0]]];
    for w in arc.windows(2) {
        let (p, q) = (w[0], w[1]);
        let mut part = parts.pop().unwrap_or_default();
        if wraps(p, q) {
            let side = if p[0] > 0.0 { 1.0 } else { -1.0 };
            let q_lon = q[0] + side * 360.0; // q seen from p's side of the line
                                             // An edge running along the line itself (from −180 to +180) crosses at p.
            let t = if q_lon == p[0] {
                0.0
            } else {
                (side * 180.0 - p[0]) / (q_lon - p[0])
            };
            let lat = p[1] + t * (q[1] - p[1]);
            if part.last() != Some(&[side * 180.0, lat]) {
                part.push([side * 180.0, lat]);
            }
            parts.push(part);
            part = vec![[-side * 180.0, lat]];
        }
        if part.last() != Some(&q) {
            part.push(q);
        }
        parts.push(part);
    }
    parts.retain(|p| p.len() >= 2);
    parts
}

/// The first and last point of an arc reference, in the direction it is walked.
fn end_of(arcs: &[Vec<[f64; 2]>], r: i64) -> ([f64; 2], [f64; 2]) {
    let a = &arcs[arc_index(r)];
    let (first, last) = (a[0], a[a.len() - 1]);
    if r < 0 {
        (last, first)
    } else {
        (first, last)
    }
}

/// Rewrites one polygon whose rings may use split arcs: one polygon per piece of the
/// exterior, the holes (which must not cross the line) going with the first.
fn cut_polygon(
    name: &str,
    polygon: Vec<Vec<i64>>,
    pieces: &Pieces,
    arcs: &mut Vec<Vec<[f64; 2]>>,
    cut: &mut usize,
) -> Result<Vec<Vec<Vec<i64>>>, String> {
    let mut rings_out: Vec<Vec<Vec<i64>>> = Vec::new(); // one polygon per exterior piece
    let mut holes = Vec::new();
    for (ri, refs) in polygon.into_iter().enumerate() {
        if !refs.iter().any(|&r| pieces.contains_key(&arc_index(r))) {
            if ri == 0 {
                rings_out.push(vec![refs]);
            } else {
                holes.push(refs);
            }
            continue;
        }
        if ri != 0 {
            return Err(format!("{name}: a hole crosses the antimeridian"));
        }
        for path in cut_ring(name, &refs, pieces, arcs)? {
            rings_out.push(vec![path]);
        }
        *cut += 1;
    }
    if let Some(first) = rings_out.first_mut() {
        first.extend(holes);
    }
    Ok(rings_out)
}

/// Cuts one exterior ring that uses split arcs into its two sides, each closed along the
/// meridian by a new arc where its ends differ.
fn cut_ring(
    name: &str,
    refs: &[i64],
    pieces: &Pieces,
    arcs: &mut Vec<Vec<[f64; 2]>>,
) -> Result<Vec<Vec<i64>>, String> {
    let mut expanded: Vec<i64> = Vec::new();
    for &r in refs {
        match pieces.get(&arc_index(r)) {
            Some(ids) if r >= 0 => expanded.extend(ids.iter().map(|&i| i as i64)),
            Some(ids) => expanded.extend(ids.iter().rev().map(|&i| !(i as i64))),
            None => expanded.push(r),
        }
    }
    // Split the cyclic list of arcs into paths at the jumps across the line.
    let n = expanded.len();
    let gaps: Vec<usize> = (0..n)
        .filter(|&i| end_of(arcs, expanded[i]).1 != end_of(arcs, expanded[(i + 1) % n]).0)
        .collect();
    if gaps.len() != 2 {
        return Err(format!(
            "{name}: a ring crosses the antimeridian {} times; only twice is supported",
            gaps.len()
        ));
    }
    let mut sides = Vec::new();
    for (k, &g) in gaps.iter().enumerate() {
        let stop = gaps[(k + 1) % 2];
        let mut path = Vec::new();
        let mut i = (g + 1) % n;
        loop {
            path.push(expanded[i]);
            if i == stop {
                break;
            }
            i = (i + 1) % n;
        }
        let (start, _) = end_of(arcs, path[0]);
        let (_, end) = end_of(arcs, path[path.len() - 1]);
        if start[0].abs() != 180.0 || end[0] != start[0] {
            return Err(format!(
                "{name}: an antimeridian cut does not meet the line"
            ));
        }
        if start != end {
            path.push(arcs.len() as i64);
            arcs.push(vec![end, start]);
        }
        sides.push(path);
    }
    Ok(sides)
}
