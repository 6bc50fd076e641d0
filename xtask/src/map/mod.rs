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
//!
//! The files here follow the pipeline: `options` (the command line), `topology` (the data
//! model every stage shares), `topojson` and `antimeridian` (step 1), `area` (measuring
//! rings in km²), `visvalingam` (step 2), `choose` (step 3), `conflicts` and `simplify`
//! (step 4), `assemble` (step 5) and `preview` (the `--preview` SVG). This file runs them
//! in order and reports what they did.

mod antimeridian;
mod area;
mod assemble;
mod choose;
mod conflicts;
mod options;
mod preview;
mod simplify;
mod topojson;
mod topology;
mod visvalingam;

use std::path::Path;

use atlas_core::geo::world::WorldMap;

use assemble::{build_map, encode_checked};
use choose::choose_rings;
use options::{parse_options, Options};
use preview::preview_svg;
use simplify::{simplify, Simplified};
use topojson::read_topology;
use topology::Topology;

pub fn run(args: &[String]) -> Result<(), String> {
    let o = parse_options(args)?;
    let upd = o.units_per_degree;
    if upd == 0 || upd > atlas_core::store::world::MAX_UNITS_PER_DEGREE {
        return Err(format!("--units-per-degree {upd} is out of range"));
    }
    let topo = read_topology(&o.input, upd)?;
    let kept = choose_rings(&topo, o.min_area_km2, upd);
    let simp = simplify(&topo, &kept, o.tolerance_km2, upd);
    let (map, dropped_collapsed) = build_map(&topo, &kept, &simp, upd);
    let bytes = encode_checked(&map)?;
    write_output(&o.output, &bytes)?;
    report(&o, &map, bytes.len(), &topo, &simp, dropped_collapsed);
    if let Some(path) = &o.preview {
        let svg = preview_svg(&map, &topo, &o);
        std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("preview: {}", path.display());
    }
    Ok(())
}

fn write_output(output: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = output.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(output, bytes).map_err(|e| format!("cannot write {}: {e}", output.display()))
}

/// What was written and what it took.
fn report(
    o: &Options,
    map: &WorldMap,
    byte_count: usize,
    topo: &Topology,
    simp: &Simplified,
    dropped_collapsed: usize,
) {
    let upd = o.units_per_degree;
    let source_points: usize = topo.source_arcs.iter().map(Vec::len).sum();
    let ring_count: usize = map.countries().iter().map(|c| c.rings().len()).sum();
    println!(
        "wrote {}: {} bytes, {} countries, {} rings, {} points (from {} source points)",
        o.output.display(),
        byte_count,
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
}
