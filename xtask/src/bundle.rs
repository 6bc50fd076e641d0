//! `cargo xtask bundle`: builds `assets/sea.atlas`, the bundled subset, from SIPRI's raw
//! per-delivery-year exports with the same parser the app uses (atlas-core).
//! `--check` rebuilds in memory and fails if the committed asset differs.

use atlas_core::data::subset::{build, SOURCES};

use crate::util::{data_dir, kb, root, Result};

/// Path of the committed asset, relative to the repo root.
pub const ASSET: &str = "assets/sea.atlas";

pub fn run(args: &[String]) -> Result {
    let check = args.iter().any(|a| a == "--check");
    let raw = data_dir().join("raw");
    let mut files = Vec::new();
    for s in SOURCES {
        let p = raw.join(s.name);
        let bytes = std::fs::read(&p).map_err(|e| {
            format!(
                "{}: {e} (the SIPRI files are not in this checkout; set ARMS_ATLAS_DATA)",
                p.display()
            )
        })?;
        files.push((s.name, bytes));
    }
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let built = build(&refs).map_err(|e| e.to_string())?;
    let ds = &built.dataset;
    let suppliers = ds.suppliers().len();
    let recipients = ds.recipients().len();
    println!(
        "subset: {} deliveries, {} deals, {} suppliers, {} recipients; {} of {} source rows ({:.1} %)",
        ds.deliveries.len(),
        ds.deals.len(),
        suppliers,
        recipients,
        ds.deliveries.len(),
        built.rows_in_sources,
        100.0 * ds.deliveries.len() as f64 / built.rows_in_sources.max(1) as f64
    );
    for r in &ds.releases {
        println!(
            "release {} (generated {}): delivery years {}–{}",
            r.year, r.generated, r.first_year, r.last_year
        );
    }
    let path = root().join(ASSET);
    if check {
        let committed = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if committed != built.bytes {
            return Err(format!(
                "{ASSET} differs from a fresh build; run `cargo xtask bundle`"
            ));
        }
        println!(
            "{ASSET} is byte-identical to a fresh build ({})",
            kb(committed.len() as u64)
        );
    } else {
        std::fs::write(&path, &built.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {ASSET} ({})", kb(built.bytes.len() as u64));
    }
    Ok(())
}
