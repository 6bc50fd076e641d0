//! Which rings are worth drawing (module docs, step 3): every island of at least the
//! minimum area, every country's largest part, and each enclave hole exactly when its
//! enclave is kept.

use std::collections::BTreeSet;

use super::area::ring_area_km2;
use super::topology::{arc_index, assemble_ring, Topology};

/// Sorted absolute arc indices of a ring: equal for a hole and the enclave that fills it.
fn signature(refs: &[i64]) -> Vec<usize> {
    let mut s: Vec<usize> = refs.iter().map(|&r| arc_index(r)).collect();
    s.sort_unstable();
    s
}

/// A ring chosen for the output: which feature it belongs to and its arcs.
pub(super) struct KeptRing {
    pub(super) feature: usize,
    pub(super) refs: Vec<i64>,
}

/// Picks the rings worth drawing (see the module docs, step 3).
pub(super) fn choose_rings(topo: &Topology, min_area_km2: f64, upd: u32) -> Vec<KeptRing> {
    let full = |refs: &[i64]| assemble_ring(refs, &topo.arcs);
    let mut kept_exteriors: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut dropped_exteriors: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut keep_polygon: Vec<Vec<bool>> = Vec::new();
    for f in &topo.features {
        let areas: Vec<f64> = f
            .polygons
            .iter()
            .map(|p| p.first().map_or(0.0, |ext| ring_area_km2(&full(ext), upd)))
            .collect();
        let largest = areas
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        let keep: Vec<bool> = areas
            .iter()
            .enumerate()
            .map(|(i, a)| *a >= min_area_km2 || Some(i) == largest)
            .collect();
        for (p, k) in f.polygons.iter().zip(&keep) {
            if let Some(ext) = p.first() {
                if *k {
                    kept_exteriors.insert(signature(ext));
                } else {
                    dropped_exteriors.insert(signature(ext));
                }
            }
        }
        keep_polygon.push(keep);
    }
    let mut out = Vec::new();
    for (fi, f) in topo.features.iter().enumerate() {
        for (p, keep) in f.polygons.iter().zip(&keep_polygon[fi]) {
            if !keep {
                continue;
            }
            for (ri, refs) in p.iter().enumerate() {
                let keep_ring = if ri == 0 {
                    true
                } else {
                    // A hole is an enclave: keep it exactly when the enclave is kept, so
                    // the enclave never sits on top of its neighbour nor leaves a hole.
                    let sig = signature(refs);
                    if kept_exteriors.contains(&sig) {
                        true
                    } else if dropped_exteriors.contains(&sig) {
                        false
                    } else {
                        ring_area_km2(&full(refs), upd) >= min_area_km2
                    }
                };
                if keep_ring {
                    out.push(KeptRing {
                        feature: fi,
                        refs: refs.clone(),
                    });
                }
            }
        }
    }
    out
}
