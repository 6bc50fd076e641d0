//! Measuring rings: points projected to Equal Earth in kilometres (so areas are true km²),
//! a ring's area there, and the exact grid test for a ring that has collapsed.

use atlas_core::geo::projection::{equal_earth, AUTHALIC_RADIUS_KM};

use super::topology::Pt;

/// Equal Earth in kilometres on the authalic sphere, so areas come out in true km².
pub(super) fn project_km(p: Pt, units_per_degree: u32) -> [f64; 2] {
    let upd = f64::from(units_per_degree);
    let (x, y) = equal_earth(f64::from(p[0]) / upd, f64::from(p[1]) / upd);
    [x * AUTHALIC_RADIUS_KM, y * AUTHALIC_RADIUS_KM]
}

/// Twice the signed area of a ring on the grid, exactly.
fn doubled_grid_area(ring: &[Pt]) -> i64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            i64::from(a[0]) * i64::from(b[1]) - i64::from(b[0]) * i64::from(a[1])
        })
        .sum()
}

/// Area of a ring in km², in the equal-area projection.
pub(super) fn ring_area_km2(ring: &[Pt], units_per_degree: u32) -> f64 {
    let km: Vec<[f64; 2]> = ring
        .iter()
        .map(|p| project_km(*p, units_per_degree))
        .collect();
    let n = km.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (a, b) = (km[i], km[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum();
    0.5 * twice.abs()
}

/// A ring is usable if it has three distinct points and encloses some area.
pub(super) fn ring_collapsed(ring: &[Pt]) -> bool {
    ring.len() < 3 || doubled_grid_area(ring) == 0
}
