//! Reading world-atlas's TopoJSON into a [`Topology`] (module docs, step 1): the
//! quantized, delta-encoded arcs decoded to longitude and latitude, the country features
//! with their ISO codes (Antarctica left out), the antimeridian cut, and every arc snapped
//! to the output grid.

use std::path::Path;

use atlas_core::store::world::quantize;
use serde_json::Value;

use super::antimeridian::cut_antimeridian;
use super::topology::{arc_index, Feature, Pt, Topology};

/// ISO 3166-1 numeric code of Antarctica, which the flow map does not draw: it has no
/// arms trade and takes a tenth of the bytes.
const ANTARCTICA: u16 = 10;

/// A quantized topology's transform: scale x, scale y, translate x, translate y.
type Transform = (f64, f64, f64, f64);

fn as_f64(v: &Value, what: &str) -> Result<f64, String> {
    v.as_f64().ok_or_else(|| format!("{what} is not a number"))
}

pub(super) fn read_topology(path: &Path, units_per_degree: u32) -> Result<Topology, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e} (run npm install?)", path.display()))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;

    let transform = read_transform(&doc)?;
    let mut source_arcs = decode_arcs(&doc, transform)?;
    let mut features = read_features(&doc, source_arcs.len())?;
    let cut_rings = cut_antimeridian(&mut source_arcs, &mut features)?;
    let arcs = source_arcs
        .iter()
        .map(|src| snap_to_grid(src, units_per_degree))
        .collect();
    Ok(Topology {
        arcs,
        source_arcs,
        features,
        cut_rings,
    })
}

/// Quantized TopoJSON stores integer deltas to be scaled and translated; unquantized
/// TopoJSON stores absolute coordinates. world-atlas is quantized, but both are cheap.
fn read_transform(doc: &Value) -> Result<Option<Transform>, String> {
    Ok(match doc.get("transform") {
        Some(t) => Some((
            as_f64(&t["scale"][0], "transform.scale[0]")?,
            as_f64(&t["scale"][1], "transform.scale[1]")?,
            as_f64(&t["translate"][0], "transform.translate[0]")?,
            as_f64(&t["translate"][1], "transform.translate[1]")?,
        )),
        None => None,
    })
}

/// Every arc as longitude/latitude pairs at full source precision.
fn decode_arcs(doc: &Value, transform: Option<Transform>) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let raw_arcs = doc["arcs"]
        .as_array()
        .ok_or("the topology has no \"arcs\" array")?;
    let mut source_arcs = Vec::with_capacity(raw_arcs.len());
    for (ai, arc) in raw_arcs.iter().enumerate() {
        let positions = arc.as_array().ok_or(format!("arc {ai} is not an array"))?;
        let (mut qx, mut qy) = (0.0, 0.0);
        let mut src = Vec::with_capacity(positions.len());
        for p in positions {
            let (a, b) = (
                as_f64(&p[0], "an arc position")?,
                as_f64(&p[1], "an arc position")?,
            );
            let lonlat = match transform {
                Some((sx, sy, tx, ty)) => {
                    qx += a;
                    qy += b;
                    [qx * sx + tx, qy * sy + ty]
                }
                None => [a, b],
            };
            src.push(lonlat);
        }
        source_arcs.push(src);
    }
    Ok(source_arcs)
}

/// The country features that have a shape, in file order, except Antarctica.
fn read_features(doc: &Value, arc_count: usize) -> Result<Vec<Feature>, String> {
    let geometries = doc["objects"]["countries"]["geometries"]
        .as_array()
        .ok_or("the topology has no objects.countries.geometries")?;
    let mut features = Vec::new();
    for (gi, g) in geometries.iter().enumerate() {
        if let Some(feature) = read_feature(gi, g, arc_count)? {
            if feature.id != ANTARCTICA {
                features.push(feature);
            }
        }
    }
    Ok(features)
}

/// One geometry as a feature, or `None` for a null geometry (a feature with no shape has
/// nothing to draw).
fn read_feature(gi: usize, g: &Value, arc_count: usize) -> Result<Option<Feature>, String> {
    let name = g["properties"]["name"]
        .as_str()
        .unwrap_or("(unnamed)")
        .to_owned();
    let id = feature_id(gi, &name, &g["id"])?;
    let polygons = match g["type"].as_str() {
        Some("Polygon") => vec![polygon_of(&name, &g["arcs"], arc_count)?],
        Some("MultiPolygon") => g["arcs"]
            .as_array()
            .ok_or(format!("{name}: MultiPolygon arcs are not an array"))?
            .iter()
            .map(|v| polygon_of(&name, v, arc_count))
            .collect::<Result<_, _>>()?,
        _ => return Ok(None),
    };
    Ok(Some(Feature { id, name, polygons }))
}

/// Ids are ISO 3166-1 numeric codes as zero-padded strings ("004"); features with no
/// agreed code (Kosovo, N. Cyprus, Somaliland, …) have none and become 0.
fn feature_id(gi: usize, name: &str, id: &Value) -> Result<u16, String> {
    Ok(match id {
        Value::Null => 0,
        Value::String(s) => s
            .parse::<u16>()
            .map_err(|_| format!("feature {gi} ({name}) has the id {s:?}, not a number"))?,
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .ok_or(format!("feature {gi} ({name}) has the id {n}, not a u16"))?,
        other => return Err(format!("feature {gi} ({name}) has the id {other}")),
    })
}

fn polygon_of(name: &str, v: &Value, arc_count: usize) -> Result<Vec<Vec<i64>>, String> {
    v.as_array()
        .ok_or(format!("{name}: a polygon is not an array"))?
        .iter()
        .map(|r| ring_of(name, r, arc_count))
        .collect()
}

fn ring_of(name: &str, v: &Value, arc_count: usize) -> Result<Vec<i64>, String> {
    let refs = v
        .as_array()
        .ok_or(format!("{name}: a ring is not an array"))?;
    refs.iter()
        .map(|r| {
            let r = r
                .as_i64()
                .ok_or(format!("{name}: an arc reference is not an integer"))?;
            if arc_index(r) >= arc_count {
                return Err(format!("{name}: arc reference {r} is out of range"));
            }
            Ok(r)
        })
        .collect()
}

/// An arc on the output grid, without the consecutive repeats the snapping makes.
fn snap_to_grid(src: &[[f64; 2]], units_per_degree: u32) -> Vec<Pt> {
    let mut grid: Vec<Pt> = Vec::with_capacity(src.len());
    for p in src {
        let q = [
            quantize(p[0].clamp(-180.0, 180.0), units_per_degree) as i32,
            quantize(p[1].clamp(-90.0, 90.0), units_per_degree) as i32,
        ];
        if grid.last() != Some(&q) {
            grid.push(q);
        }
    }
    grid
}
