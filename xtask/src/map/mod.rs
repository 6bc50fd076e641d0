//! `cargo xtask map`: converts Natural Earth country outlines (the npm package
//! `world-atlas`, TopoJSON) into the compact `assets/world.map` the app fetches.
//!
//! The pipeline keeps the TopoJSON topology all the way through, so that a border shared
//! by two countries is simplified once and stays shared (no slivers, no gaps):
//!
//! 1. decode the quantized, delta-encoded arcs; drop Antarctica; cut the few rings that
//!    world-atlas stitches across the antimeridian (Russia's Chukotka, Wrangel Island, one
//!    Fiji island) into one ring per side, since the app draws on a plane; then snap every
//!    point to the output grid (`--units-per-degree`), dropping points the snapping repeats;
//! 2. rank every arc point by Visvalingam–Whyatt effective area, measured in the Equal Earth
//!    projection scaled to the authalic Earth, i.e. in true km², because that is the space
//!    the map is drawn in (a threshold in square degrees would keep needless detail in the
//!    Arctic, where a square degree is small); arc endpoints are topology junctions and
//!    are never removed;
//! 3. choose which rings to keep: every island of at least `--min-area` km², every
//!    country's largest part (so no micro-state vanishes) and every enclave hole whose
//!    enclave is kept;
//! 4. simplify every arc at `--tolerance` km², then repair: wherever a kept ring collapses
//!    or two kept edges cross or touch, the full-detail points behind the offending edges
//!    get a quarter of their tolerance, until the map is clean (or back to full detail);
//! 5. assemble the rings, encode with `atlas_core::geo::world` and check that decoding
//!    gives back exactly the same map.
//!
//! Everything iterates in index order over vectors and ordered sets, so the output is
//! byte-identical from run to run.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use atlas_core::geo::projection::{equal_earth, ProjectedBox, Viewport, AUTHALIC_RADIUS_KM};
use atlas_core::geo::world::{Country, WorldMap};
use atlas_core::store::world::{dequantize, quantize};
use serde_json::Value;

/// Attribution stored in the asset and shown under the map.
const SOURCE_NOTE: &str = "Natural Earth 1:50m via world-atlas 2.0.2, public domain";

/// Output grid: 0.01° (about 1.1 km at the equator). A 375-px view of mainland Southeast
/// Asia shows about 6 km per pixel, so the grid is finer than anything drawn, while
/// typical simplified edges still fit one-byte varints.
const DEFAULT_UNITS_PER_DEGREE: u32 = 100;

/// Visvalingam threshold, in km² of triangle area. A 375-px view of mainland Southeast
/// Asia shows about 6 km per CSS pixel, so 150 km² is a triangle of a few pixels there
/// (and about a tenth of a pixel on the whole-world view): the Gulf of Thailand, the
/// Mekong and Irrawaddy deltas and the Malay peninsula stay recognisable on a 2x screen,
/// while the whole world fits in about 53 KB (40 km² gives 84 KB, 400 km² 40 KB).
const DEFAULT_TOLERANCE_KM2: f64 = 150.0;

/// Islands smaller than this (km²) are dropped unless they are all a country has: below it
/// an island is a sub-pixel speck in every view the app offers, yet costs a whole ring.
const DEFAULT_MIN_AREA_KM2: f64 = 100.0;

/// ISO 3166-1 numeric code of Antarctica, which the flow map does not draw: it has no
/// arms trade and takes a tenth of the bytes.
const ANTARCTICA: u16 = 10;

/// Command-line options, with paths relative to the workspace root.
struct Options {
    input: PathBuf,
    output: PathBuf,
    units_per_degree: u32,
    tolerance_km2: f64,
    min_area_km2: f64,
    preview: Option<PathBuf>,
    preview_bbox: [f64; 4],
    preview_width: f64,
}

const USAGE: &str =
    "usage: cargo xtask map [--input countries-50m.json] [--output assets/world.map]
    [--units-per-degree 100] [--tolerance 150 (km²)] [--min-area 100 (km²)]
    [--preview out.svg [--preview-bbox=92,5,110,24] [--preview-width 375]]";

fn workspace_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut o = Options {
        input: root.join("node_modules/world-atlas/countries-50m.json"),
        output: root.join("assets/world.map"),
        units_per_degree: DEFAULT_UNITS_PER_DEGREE,
        tolerance_km2: DEFAULT_TOLERANCE_KM2,
        min_area_km2: DEFAULT_MIN_AREA_KM2,
        preview: None,
        preview_bbox: [92.0, 5.0, 110.0, 24.0],
        preview_width: 375.0,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--help" || arg == "-h" {
            return Err(USAGE.into());
        }
        // Both `--flag value` and `--flag=value` (needed for negative numbers).
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), v.to_owned()),
            None => {
                let v = it
                    .next()
                    .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
                (arg.clone(), v.clone())
            }
        };
        let value = value.as_str();
        let number = |v: &str| -> Result<f64, String> {
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or_else(|| format!("{flag}: {v:?} is not a non-negative number"))
        };
        match flag.as_str() {
            "--input" => o.input = root.join(value),
            "--output" => o.output = root.join(value),
            "--units-per-degree" => {
                o.units_per_degree = value
                    .parse()
                    .map_err(|_| format!("--units-per-degree: {value:?} is not an integer"))?
            }
            "--tolerance" => o.tolerance_km2 = number(value)?,
            "--min-area" => o.min_area_km2 = number(value)?,
            "--preview" => o.preview = Some(root.join(value)),
            "--preview-width" => o.preview_width = number(value)?.max(16.0),
            "--preview-bbox" => {
                let parts: Vec<f64> = value
                    .split(',')
                    .map(|p| p.trim().parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("--preview-bbox: {value:?} is not four numbers"))?;
                o.preview_bbox = parts
                    .try_into()
                    .map_err(|_| format!("--preview-bbox: {value:?} is not four numbers"))?;
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(o)
}

/// A grid point: longitude and latitude in grid units.
type Pt = [i32; 2];

/// One TopoJSON feature: its code, name and polygons, each polygon a list of rings and
/// each ring a list of arc references (negative `r` means arc `!r`, reversed).
struct Feature {
    id: u16,
    name: String,
    polygons: Vec<Vec<Vec<i64>>>,
}

/// The decoded topology: arcs on the output grid plus the features that use them, and the
/// arcs at full source precision for drawing the comparison outline in the preview.
struct Topology {
    arcs: Vec<Vec<Pt>>,
    source_arcs: Vec<Vec<[f64; 2]>>,
    features: Vec<Feature>,
    /// How many rings had to be cut at the antimeridian.
    cut_rings: usize,
}

fn arc_index(r: i64) -> usize {
    (if r < 0 { !r } else { r }) as usize
}

fn as_f64(v: &Value, what: &str) -> Result<f64, String> {
    v.as_f64().ok_or_else(|| format!("{what} is not a number"))
}

fn read_topology(path: &Path, units_per_degree: u32) -> Result<Topology, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e} (run npm install?)", path.display()))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))?;

    // Quantized TopoJSON stores integer deltas to be scaled and translated; unquantized
    // TopoJSON stores absolute coordinates. world-atlas is quantized, but both are cheap.
    let transform = match doc.get("transform") {
        Some(t) => Some((
            as_f64(&t["scale"][0], "transform.scale[0]")?,
            as_f64(&t["scale"][1], "transform.scale[1]")?,
            as_f64(&t["translate"][0], "transform.translate[0]")?,
            as_f64(&t["translate"][1], "transform.translate[1]")?,
        )),
        None => None,
    };
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

    let geometries = doc["objects"]["countries"]["geometries"]
        .as_array()
        .ok_or("the topology has no objects.countries.geometries")?;
    let mut features = Vec::new();
    for (gi, g) in geometries.iter().enumerate() {
        let name = g["properties"]["name"]
            .as_str()
            .unwrap_or("(unnamed)")
            .to_owned();
        // Ids are ISO 3166-1 numeric codes as zero-padded strings ("004"); features with
        // no agreed code (Kosovo, N. Cyprus, Somaliland, …) have none and become 0.
        let id = match &g["id"] {
            Value::Null => 0,
            Value::String(s) => s
                .parse::<u16>()
                .map_err(|_| format!("feature {gi} ({name}) has the id {s:?}, not a number"))?,
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .ok_or(format!("feature {gi} ({name}) has the id {n}, not a u16"))?,
            other => return Err(format!("feature {gi} ({name}) has the id {other}")),
        };
        let ring_of = |v: &Value| -> Result<Vec<i64>, String> {
            let refs = v
                .as_array()
                .ok_or(format!("{name}: a ring is not an array"))?;
            refs.iter()
                .map(|r| {
                    let r = r
                        .as_i64()
                        .ok_or(format!("{name}: an arc reference is not an integer"))?;
                    if arc_index(r) >= source_arcs.len() {
                        return Err(format!("{name}: arc reference {r} is out of range"));
                    }
                    Ok(r)
                })
                .collect()
        };
        let polygon_of = |v: &Value| -> Result<Vec<Vec<i64>>, String> {
            v.as_array()
                .ok_or(format!("{name}: a polygon is not an array"))?
                .iter()
                .map(ring_of)
                .collect()
        };
        let polygons = match g["type"].as_str() {
            Some("Polygon") => vec![polygon_of(&g["arcs"])?],
            Some("MultiPolygon") => g["arcs"]
                .as_array()
                .ok_or(format!("{name}: MultiPolygon arcs are not an array"))?
                .iter()
                .map(polygon_of)
                .collect::<Result<_, _>>()?,
            // A null geometry (a feature with no shape) has nothing to draw.
            _ => continue,
        };
        if id != ANTARCTICA {
            features.push(Feature { id, name, polygons });
        }
    }
    let cut_rings = cut_antimeridian(&mut source_arcs, &mut features)?;

    let arcs = source_arcs
        .iter()
        .map(|src| {
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
        })
        .collect();
    Ok(Topology {
        arcs,
        source_arcs,
        features,
        cut_rings,
    })
}

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
fn cut_antimeridian(
    arcs: &mut Vec<Vec<[f64; 2]>>,
    features: &mut [Feature],
) -> Result<usize, String> {
    // 1. Split the arcs, remembering the pieces of each.
    let mut pieces: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for ai in 0..arcs.len() {
        if !arcs[ai].windows(2).any(|w| wraps(w[0], w[1])) {
            continue;
        }
        let arc = std::mem::take(&mut arcs[ai]);
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
    if pieces.is_empty() {
        return Ok(0);
    }

    // 2. Rewrite the rings that use split arcs.
    let end_of = |arcs: &[Vec<[f64; 2]>], r: i64| -> ([f64; 2], [f64; 2]) {
        let a = &arcs[arc_index(r)];
        let (first, last) = (a[0], a[a.len() - 1]);
        if r < 0 {
            (last, first)
        } else {
            (first, last)
        }
    };
    let mut cut = 0;
    for f in features.iter_mut() {
        let mut polygons = Vec::new();
        for polygon in std::mem::take(&mut f.polygons) {
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
                    return Err(format!("{}: a hole crosses the antimeridian", f.name));
                }
                let mut expanded: Vec<i64> = Vec::new();
                for &r in &refs {
                    match pieces.get(&arc_index(r)) {
                        Some(ids) if r >= 0 => expanded.extend(ids.iter().map(|&i| i as i64)),
                        Some(ids) => expanded.extend(ids.iter().rev().map(|&i| !(i as i64))),
                        None => expanded.push(r),
                    }
                }
                // Split the cyclic list of arcs into paths at the jumps across the line.
                let n = expanded.len();
                let gaps: Vec<usize> = (0..n)
                    .filter(|&i| {
                        end_of(arcs, expanded[i]).1 != end_of(arcs, expanded[(i + 1) % n]).0
                    })
                    .collect();
                if gaps.len() != 2 {
                    return Err(format!(
                        "{}: a ring crosses the antimeridian {} times; only twice is supported",
                        f.name,
                        gaps.len()
                    ));
                }
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
                            "{}: an antimeridian cut does not meet the line",
                            f.name
                        ));
                    }
                    if start != end {
                        path.push(arcs.len() as i64);
                        arcs.push(vec![end, start]);
                    }
                    rings_out.push(vec![path]);
                }
                cut += 1;
            }
            if let Some(first) = rings_out.first_mut() {
                first.extend(holes);
            }
            polygons.extend(rings_out);
        }
        f.polygons = polygons;
    }
    Ok(cut)
}

/// Equal Earth in kilometres on the authalic sphere, so areas come out in true km².
fn project_km(p: Pt, units_per_degree: u32) -> [f64; 2] {
    let upd = f64::from(units_per_degree);
    let (x, y) = equal_earth(f64::from(p[0]) / upd, f64::from(p[1]) / upd);
    [x * AUTHALIC_RADIUS_KM, y * AUTHALIC_RADIUS_KM]
}

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
fn visvalingam_weights(km: &[[f64; 2]]) -> Vec<f64> {
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
fn simplify_arc(points: &[Pt], weights: &[f64], tolerance: &[f64]) -> Vec<(Pt, usize)> {
    let mut out: Vec<(Pt, usize)> = Vec::new();
    for (k, ((p, w), t)) in points.iter().zip(weights).zip(tolerance).enumerate() {
        if *w >= *t && out.last().map(|l| l.0) != Some(*p) {
            out.push((*p, k));
        }
    }
    out
}

/// Concatenates a ring's arcs (reversing negative references) into one implicitly closed
/// ring: junction points are not repeated and the closing point is dropped.
fn assemble_ring(refs: &[i64], arcs: &[Vec<Pt>]) -> Vec<Pt> {
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
fn ring_area_km2(ring: &[Pt], units_per_degree: u32) -> f64 {
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
fn ring_collapsed(ring: &[Pt]) -> bool {
    ring.len() < 3 || doubled_grid_area(ring) == 0
}

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
type EdgeRef = (usize, usize, usize);

/// Edges (of arcs among `used`) that conflict with another edge anywhere on the map.
/// Edges are bucketed on a coarse grid and each pair is tested once, in the cell holding
/// the lower corner of the overlap of their boxes.
fn conflicting_edges(
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

/// Sorted absolute arc indices of a ring: equal for a hole and the enclave that fills it.
fn signature(refs: &[i64]) -> Vec<usize> {
    let mut s: Vec<usize> = refs.iter().map(|&r| arc_index(r)).collect();
    s.sort_unstable();
    s
}

/// A ring chosen for the output: which feature it belongs to and its arcs.
struct KeptRing {
    feature: usize,
    refs: Vec<i64>,
}

/// Picks the rings worth drawing (see the module docs, step 3).
fn choose_rings(topo: &Topology, min_area_km2: f64, upd: u32) -> Vec<KeptRing> {
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

/// The result of simplification: arcs ready to assemble, and what it took.
struct Simplified {
    arcs: Vec<Vec<Pt>>,
    rounds: usize,
    refined_points: usize,
    /// Conflicting edges that are already at full detail: the snapping to the output grid
    /// made two source coastlines touch (narrow straits), which no simplification can undo.
    unresolved_edges: usize,
}

/// Simplifies every arc, then refines where the result is invalid (module docs, step 4).
/// Refinement is local: only the full-detail points hidden behind a bad edge get a lower
/// tolerance, so one awkward spot does not bring back a whole coastline's detail.
fn simplify(topo: &Topology, kept: &[KeptRing], tolerance: f64, upd: u32) -> Simplified {
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

pub fn run(args: &[String]) -> Result<(), String> {
    let o = parse_options(args)?;
    let upd = o.units_per_degree;
    if upd == 0 || upd > atlas_core::store::world::MAX_UNITS_PER_DEGREE {
        return Err(format!("--units-per-degree {upd} is out of range"));
    }
    let topo = read_topology(&o.input, upd)?;
    let source_points: usize = topo.source_arcs.iter().map(Vec::len).sum();
    let kept = choose_rings(&topo, o.min_area_km2, upd);
    let simp = simplify(&topo, &kept, o.tolerance_km2, upd);

    // Group the rings by feature; rings still collapsed at full detail are dropped.
    let mut rings_of: BTreeMap<usize, Vec<Vec<[f32; 2]>>> = BTreeMap::new();
    let mut dropped_collapsed = 0;
    for k in &kept {
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
    let mut countries: Vec<(f64, Country)> = Vec::new();
    for (fi, f) in topo.features.iter().enumerate() {
        match rings_of.remove(&fi) {
            Some(rings) => {
                let c = Country::new(f.id, f.name.clone(), rings);
                let area = c
                    .rings()
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
                    .fold(0.0, f64::max);
                countries.push((area, c));
            }
            None => eprintln!("warning: {} ({}) has no drawable ring left", f.name, f.id),
        }
    }
    // Sorted by id so lookups can binary search; for a shared id the largest comes first.
    countries.sort_by(|(aa, a), (ab, b)| {
        a.id()
            .cmp(&b.id())
            .then_with(|| ab.total_cmp(aa))
            .then_with(|| a.name().cmp(b.name()))
    });
    let map = WorldMap::new(
        SOURCE_NOTE,
        upd,
        countries.into_iter().map(|(_, c)| c).collect(),
    );
    let bytes = map.encode().map_err(|e| format!("encoding failed: {e}"))?;
    let back =
        WorldMap::decode(&bytes).map_err(|e| format!("the encoded map does not decode: {e}"))?;
    if back != map {
        return Err("the encoded map does not decode to the same geometry".into());
    }
    if let Some(dir) = o.output.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&o.output, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", o.output.display()))?;

    let ring_count: usize = map.countries().iter().map(|c| c.rings().len()).sum();
    println!(
        "wrote {}: {} bytes, {} countries, {} rings, {} points (from {} source points)",
        o.output.display(),
        bytes.len(),
        map.countries().len(),
        ring_count,
        map.point_count(),
        source_points
    );
    println!(
        "grid 1/{upd}°, tolerance {} km², min island {} km²; {} rings cut at the antimeridian; {} repair rounds refined {} points",
        o.tolerance_km2, o.min_area_km2, topo.cut_rings, simp.rounds, simp.refined_points
    );
    if simp.unresolved_edges > 0 || dropped_collapsed > 0 {
        println!(
            "note: {} edges touch another edge even at full detail on this grid; {} rings collapsed and were dropped",
            simp.unresolved_edges,
            dropped_collapsed
        );
    }
    if let Some(path) = &o.preview {
        let svg = preview_svg(&map, &topo, &o);
        std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("preview: {}", path.display());
    }
    Ok(())
}

/// An SVG of a lon/lat window as the app would draw it (Equal Earth, fitted to the given
/// width): the simplified countries filled, with the full-detail source coastline drawn
/// over them as a thin red line for judging the simplification.
fn preview_svg(map: &WorldMap, topo: &Topology, o: &Options) -> String {
    let [x0, y0, x1, y1] = o.preview_bbox;
    let b = ProjectedBox::from_lonlat(x0, y0, x1, y1);
    let width = o.preview_width;
    let height = (width * (b.max_y - b.min_y) / (b.max_x - b.min_x).max(1e-9)).ceil();
    let vp = Viewport::fit_projected_box(b, width, height, 0.0);
    let visible = vp.visible_projected_box();
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="#dde8f0"/>"##
    );
    let palette = [
        "#e8dcc4", "#d8e4c0", "#efd3c8", "#d5d8ea", "#e6e0a8", "#cfe3dc",
    ];
    for (i, c) in map.countries().iter().enumerate() {
        let cb = c.bbox();
        let pb = ProjectedBox::from_lonlat(
            f64::from(cb.min_lon),
            f64::from(cb.min_lat),
            f64::from(cb.max_lon),
            f64::from(cb.max_lat),
        );
        if !pb.intersects(&visible) {
            continue;
        }
        let mut d = String::new();
        for ring in c.rings() {
            for (k, p) in ring.iter().enumerate() {
                let (sx, sy) = vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1]));
                let _ = write!(d, "{}{sx:.1},{sy:.1}", if k == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        let _ = writeln!(
            svg,
            r##"<path fill-rule="evenodd" fill="{}" stroke="#555" stroke-width="0.6" d="{d}"><title>{}</title></path>"##,
            palette[i % palette.len()],
            c.name()
        );
    }
    for arc in &topo.source_arcs {
        if !arc
            .iter()
            .any(|p| p[0] >= x0 - 1.0 && p[0] <= x1 + 1.0 && p[1] >= y0 - 1.0 && p[1] <= y1 + 1.0)
        {
            continue;
        }
        let mut d = String::new();
        for (k, p) in arc.iter().enumerate() {
            let (sx, sy) = vp.screen_from_lonlat(p[0], p[1]);
            let _ = write!(d, "{}{sx:.1},{sy:.1}", if k == 0 { "M" } else { "L" });
        }
        let _ = writeln!(
            svg,
            r##"<path fill="none" stroke="#d02020" stroke-opacity="0.5" stroke-width="0.4" d="{d}"/>"##
        );
    }
    svg.push_str("</svg>\n");
    svg
}
