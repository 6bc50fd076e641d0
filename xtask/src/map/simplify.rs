//! Simplification and repair (module docs, step 4): every arc simplified at the tolerance,
//! then, round after round, the full-detail points behind each conflicting edge or
//! collapsed ring get a lower tolerance until the map is clean.

use std::collections::BTreeSet;

use super::area::{project_km, ring_collapsed};
use super::choose::KeptRing;
use super::conflicts::conflicting_edges;
use super::topology::{arc_index, assemble_ring, Pt, Topology};
use super::visvalingam::{simplify_arc, visvalingam_weights};

/// The result of simplification: arcs ready to assemble, and what it took.
pub(super) struct Simplified {
    pub(super) arcs: Vec<Vec<Pt>>,
    pub(super) rounds: usize,
    pub(super) refined_points: usize,
    /// Conflicting edges that are already at full detail: the snapping to the output grid
    /// made two source coastlines touch (narrow straits), which no simplification can undo.
    pub(super) unresolved_edges: usize,
}

/// Simplifies every arc, then refines where the result is invalid (module docs, step 4).
/// Refinement is local: only the full-detail points hidden behind a bad edge get a lower
/// tolerance, so one awkward spot does not bring back a whole coastline's detail.
pub(super) fn simplify(topo: &Topology, kept: &[KeptRing], tolerance: f64, upd: u32) -> Simplified {
    let weights: Vec<Vec<f64>> = topo
        .arcs
        .iter()
        .map(|arc| {
            let km: Vec<[f64; 2]> = arc.iter().map(|p| project_km(*p, upd)).collect();
            visvalingam_weights(&km)
        })
        .collect();
    let used: BTreeSet<usize> = kept
        .iter()
        .flat_map(|k| k.refs.iter().map(|&r| arc_index(r)))
        .collect();
    let mut tol: Vec<Vec<f64>> = topo.arcs.iter().map(|a| vec![tolerance; a.len()]).collect();
    let mut refined: BTreeSet<(usize, usize)> = BTreeSet::new();
    // About 1° per cell: long straight borders span a few cells, dense coasts stay small.
    let cell = i32::try_from(upd).unwrap_or(i32::MAX).max(1);
    let lower = |t: &mut f64| {
        *t = if *t < tolerance / 1000.0 {
            0.0
        } else {
            *t / 4.0
        }
    };
    let mut rounds = 0;
    loop {
        rounds += 1;
        let arcs: Vec<Vec<(Pt, usize)>> = topo
            .arcs
            .iter()
            .zip(&weights)
            .zip(&tol)
            .map(|((a, w), t)| simplify_arc(a, w, t))
            .collect();
        let plain: Vec<Vec<Pt>> = arcs
            .iter()
            .map(|a| a.iter().map(|p| p.0).collect())
            .collect();
        let mut progress = false;
        let mut unresolved = 0;
        for (arc, ia, ib) in conflicting_edges(&arcs, &used, cell) {
            if ib > ia + 1 {
                for (k, t) in tol[arc].iter_mut().enumerate().take(ib).skip(ia + 1) {
                    lower(t);
                    refined.insert((arc, k));
                }
                progress = true;
            } else {
                unresolved += 1;
            }
        }
        for k in kept {
            if ring_collapsed(&assemble_ring(&k.refs, &plain)) {
                for &r in &k.refs {
                    let a = arc_index(r);
                    for (i, t) in tol[a].iter_mut().enumerate() {
                        if *t > 0.0 {
                            lower(t);
                            refined.insert((a, i));
                            progress = true;
                        }
                    }
                }
            }
        }
        if !progress {
            return Simplified {
                arcs: plain,
                rounds,
                refined_points: refined.len(),
                unresolved_edges: unresolved,
            };
        }
    }
}
