//! Assembly and encoding (module docs, step 5): the kept rings put together from the
//! simplified arcs and grouped into countries, the countries in lookup order, and the
//! encoded map checked to decode to exactly the same geometry.

use std::collections::BTreeMap;

use atlas_core::geo::world::{Country, WorldMap};
use atlas_core::store::world::{dequantize, quantize};

use super::area::{ring_area_km2, ring_collapsed};
use super::choose::KeptRing;
use super::simplify::Simplified;
use super::topology::{assemble_ring, Pt, Topology};

/// Attribution stored in the asset and shown under the map.
const SOURCE_NOTE: &str = "Natural Earth 1:50m via world-atlas 2.0.2, public domain";

/// Rings in degrees, by feature index.
type RingsByFeature = BTreeMap<usize, Vec<Vec<[f32; 2]>>>;

/// The map, and how many kept rings were dropped because they are still collapsed at
/// full detail.
pub(super) fn build_map(
    topo: &Topology,
    kept: &[KeptRing],
    simp: &Simplified,
    upd: u32,
) -> (WorldMap, usize) {
    let (rings_of, dropped_collapsed) = group_rings(kept, simp, upd);
    let countries = countries(topo, rings_of, upd);
    let map = WorldMap::new(SOURCE_NOTE, upd, countries);
    (map, dropped_collapsed)
}

/// Groups the rings by feature; rings still collapsed at full detail are dropped.
fn group_rings(kept: &[KeptRing], simp: &Simplified, upd: u32) -> (RingsByFeature, usize) {
    let mut rings_of = RingsByFeature::new();
    let mut dropped_collapsed = 0;
    for k in kept {
        let ring = assemble_ring(&k.refs, &simp.arcs);
        if ring_collapsed(&ring) {
            dropped_collapsed += 1;
            continue;
        }
        let ring: Vec<[f32; 2]> = ring
            .iter()
            .map(|p| {
                [
                    dequantize(i64::from(p[0]), upd),
                    dequantize(i64::from(p[1]), upd),
                ]
            })
            .collect();
        rings_of.entry(k.feature).or_default().push(ring);
    }
    (rings_of, dropped_collapsed)
}

/// One country per feature that has a ring left (a warning for each that has none),
/// sorted by id so lookups can binary search; for a shared id the largest comes first.
fn countries(topo: &Topology, mut rings_of: RingsByFeature, upd: u32) -> Vec<Country> {
    let mut countries: Vec<(f64, Country)> = Vec::new();
    for (fi, f) in topo.features.iter().enumerate() {
        match rings_of.remove(&fi) {
            Some(rings) => {
                let c = Country::new(f.id, f.name.clone(), rings);
                countries.push((largest_ring_km2(&c, upd), c));
            }
            None => eprintln!("warning: {} ({}) has no drawable ring left", f.name, f.id),
        }
    }
    countries.sort_by(|(aa, a), (ab, b)| {
        a.id()
            .cmp(&b.id())
            .then_with(|| ab.total_cmp(aa))
            .then_with(|| a.name().cmp(b.name()))
    });
    countries.into_iter().map(|(_, c)| c).collect()
}

/// The area of a country's largest ring (km²), measured on the grid.
fn largest_ring_km2(c: &Country, upd: u32) -> f64 {
    c.rings()
        .iter()
        .map(|r| {
            let g: Vec<Pt> = r
                .iter()
                .map(|p| {
                    [
                        quantize(f64::from(p[0]), upd) as i32,
                        quantize(f64::from(p[1]), upd) as i32,
                    ]
                })
                .collect();
            ring_area_km2(&g, upd)
        })
        .fold(0.0, f64::max)
}

/// The encoded map, once decoding it gives back exactly `map`.
pub(super) fn encode_checked(map: &WorldMap) -> Result<Vec<u8>, String> {
    let bytes = map.encode().map_err(|e| format!("encoding failed: {e}"))?;
    let back =
        WorldMap::decode(&bytes).map_err(|e| format!("the encoded map does not decode: {e}"))?;
    if back != *map {
        return Err("the encoded map does not decode to the same geometry".into());
    }
    Ok(bytes)
}
