//! Which country is under a point: the hover and click lookup of the map view.
//!
//! The test runs in lon/lat space on the stored rings, so it needs no projected copy of the
//! map and allocates nothing. Screen points are first taken back to lon/lat with the
//! viewport's inverse projection. Bounding boxes (per country, then per ring) reject almost
//! every candidate with four comparisons before any edge is looked at.

use crate::geo::projection::Viewport;
use crate::geo::world::{Country, WorldMap};

/// Even-odd (crossing number) test of one implicitly closed ring of `[lon, lat]` points.
/// A horizontal ray is cast east from the point; each edge it crosses flips the answer.
/// Using half-open edge intervals in latitude makes a vertex exactly at the ray's latitude
/// count once, not twice.
pub(crate) fn ring_contains(ring: &[[f32; 2]], lon: f64, lat: f64) -> bool {
    let Some(last) = ring.last() else {
        return false;
    };
    let mut inside = false;
    let (mut x0, mut y0) = (f64::from(last[0]), f64::from(last[1]));
    for p in ring {
        let (x1, y1) = (f64::from(p[0]), f64::from(p[1]));
        if (y1 > lat) != (y0 > lat) {
            let x_cross = x0 + (lat - y0) * (x1 - x0) / (y1 - y0);
            if lon < x_cross {
                inside = !inside;
            }
        }
        (x0, y0) = (x1, y1);
    }
    inside
}

impl Country {
    /// Whether the lon/lat point lies inside the country: inside an odd number of its rings,
    /// so a point in an enclave (a hole ring) is outside.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        if !self.bbox().contains(lon, lat) {
            return false;
        }
        let mut inside = false;
        for (ring, bbox) in self.rings().iter().zip(self.ring_bboxes()) {
            if bbox.contains(lon, lat) && ring_contains(ring, lon, lat) {
                inside = !inside;
            }
        }
        inside
    }
}

impl WorldMap {
    /// Index (into [`WorldMap::countries`]) of the country containing the lon/lat point, or
    /// `None` over the sea. Country outlines share their borders, so normally at most one
    /// country matches; should simplification ever leave two overlapping, the one with the
    /// smaller bounding box wins, so that a small country is never hidden by its neighbour.
    pub fn country_at(&self, lon: f64, lat: f64) -> Option<usize> {
        if !(lon.is_finite() && lat.is_finite()) {
            return None;
        }
        let mut best: Option<(usize, f64)> = None;
        for (i, c) in self.countries().iter().enumerate() {
            if c.contains(lon, lat) {
                let area = c.bbox().area_deg2();
                if best.is_none_or(|(_, a)| area < a) {
                    best = Some((i, area));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    /// Index of the country under a screen point (CSS pixels of the viewport's surface), or
    /// `None` over the sea or outside the globe's outline.
    pub fn country_at_screen(&self, viewport: &Viewport, sx: f64, sy: f64) -> Option<usize> {
        let (lon, lat) = viewport.lonlat_from_screen(sx, sy)?;
        self.country_at(lon, lat)
    }
}
