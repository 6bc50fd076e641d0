//! The map's data model, shared by every stage: grid points, TopoJSON features whose rings
//! are lists of arc references, the decoded topology, and the assembly of a ring from its
//! arcs. Everything else in `map/` builds on this file; it uses none of them.

/// A grid point: longitude and latitude in grid units.
pub(super) type Pt = [i32; 2];

/// One TopoJSON feature: its code, name and polygons, each polygon a list of rings and
/// each ring a list of arc references (negative `r` means arc `!r`, reversed).
pub(super) struct Feature {
    pub(super) id: u16,
    pub(super) name: String,
    pub(super) polygons: Vec<Vec<Vec<i64>>>,
}

/// The decoded topology: arcs on the output grid plus the features that use them, and the
/// arcs at full source precision for drawing the comparison outline in the preview.
pub(super) struct Topology {
    pub(super) arcs: Vec<Vec<Pt>>,
    pub(super) source_arcs: Vec<Vec<[f64; 2]>>,
    pub(super) features: Vec<Feature>,
    /// How many rings had to be cut at the antimeridian.
    pub(super) cut_rings: usize,
}

/// The arc an arc reference names (`r`, or `!r` for a reversed one).
pub(super) fn arc_index(r: i64) -> usize {
    (if r < 0 { !r } else { r }) as usize
}

/// Concatenates a ring's arcs (reversing negative references) into one implicitly closed
/// ring: junction points are not repeated and the closing point is dropped.
pub(super) fn assemble_ring(refs: &[i64], arcs: &[Vec<Pt>]) -> Vec<Pt> {
    let mut ring: Vec<Pt> = Vec::new();
    for &r in refs {
        let arc = &arcs[arc_index(r)];
        let mut push = |p: Pt| {
            if ring.last() != Some(&p) {
                ring.push(p);
            }
        };
        if r < 0 {
            arc.iter().rev().for_each(|p| push(*p));
        } else {
            arc.iter().for_each(|p| push(*p));
        }
    }
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    ring
}
