//! `cargo xtask bundle`: builds `assets/sea.atlas`, the bundled subset, from SIPRI's raw
//! per-delivery-year exports with the same parser the app uses (atlas-core).
//! `--check` rebuilds in memory and fails if the committed asset differs.
//!
//! `--full [--out PATH]` bakes SIPRI's *full* register instead (same files, same release
//! seam, every recipient; `atlas_core::import::subset::build_full`), for a private build by
//! a newsroom that holds SIPRI's permission. It never writes into the git tree: the default
//! output is `dist/assets/sea.atlas` (the built app's copy, replacing the subset there),
//! and `--out` is refused inside the repository except under the git-ignored `dist/` and
//! `target/`. `ATLAS_BUNDLE=full cargo xtask dist` builds the app and bakes the full
//! register into its `dist/` in one go.

use std::path::{Component, Path, PathBuf};

use atlas_core::import::subset::build_full;
use atlas_core::import::subset::{build, BuildSummary, SOURCES};

use crate::util::{data_dir, kb, root, Result};

/// Path of the committed asset, relative to the repo root.
pub const ASSET: &str = "assets/sea.atlas";

/// Where `--full` writes without `--out`: the built app's copy of the asset (git-ignored).
pub const FULL_DEFAULT_OUT: &str = "dist/assets/sea.atlas";

pub fn run(args: &[String]) -> Result {
    if args.iter().any(|a| a == "--full") {
        let out = match crate::flag_value(args, "--out") {
            Some(p) => std::env::current_dir().map_err(|e| e.to_string())?.join(p),
            None => root().join(FULL_DEFAULT_OUT),
        };
        return bake_full(&out);
    }
    let check = args.iter().any(|a| a == "--check");
    let built = build(&refs(&read_sources()?)).map_err(|e| e.to_string())?;
    print_summary(&built, "subset");
    write_subset(check, &built)
}

fn read_sources() -> Result<Vec<(&'static str, Vec<u8>)>> {
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
    Ok(files)
}

fn refs<'a>(files: &'a [(&'static str, Vec<u8>)]) -> Vec<(&'static str, &'a [u8])> {
    files.iter().map(|(n, b)| (*n, b.as_slice())).collect()
}

/// Bakes the full register into `out` (see the module docs), refusing any path inside
/// the repository but `dist/` and `target/`. Writes `.br` and `.gz` beside it when it is
/// in `dist/`, as `cargo xtask dist` does for every file there.
pub fn bake_full(out: &Path) -> Result {
    let out = allowed_full_out(&root(), out)?;
    let built = build_full(&refs(&read_sources()?)).map_err(|e| e.to_string())?;
    print_summary(&built, "full register");
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &built.bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    if out.starts_with(root().join("dist")) {
        for (ext, bytes) in [
            ("br", crate::files::brotli(&built.bytes)),
            ("gz", crate::files::gzip(&built.bytes)),
        ] {
            let mut p = out.as_os_str().to_owned();
            p.push(format!(".{ext}"));
            std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        }
    }
    println!(
        "wrote the full register to {} ({}). A private build: SIPRI's permission is needed to \
         publish it.",
        out.display(),
        kb(built.bytes.len() as u64)
    );
    Ok(())
}

/// Removes `.` and `..` without touching the disk.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The deepest existing ancestor resolved through symlinks, plus the rest as written.
fn resolved(p: &Path) -> PathBuf {
    let p = lexical(p);
    let mut existing = p.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.iter().rev() {
        out.push(name);
    }
    out
}

/// `out` if a full copy may be written there: outside the repository `root`, or in its
/// git-ignored `dist/` or `target/`. A full copy of SIPRI's register must never land in
/// the git tree.
pub fn allowed_full_out(root: &Path, out: &Path) -> Result<PathBuf> {
    let root = resolved(root);
    let out = resolved(out);
    let inside = out.starts_with(&root);
    let ignored = ["dist", "target"]
        .iter()
        .any(|d| out.starts_with(root.join(d)));
    if inside && !ignored {
        return Err(format!(
            "refusing to write the full register to {}: inside the repository it may only go \
             to dist/ or target/ (git-ignored), so that a full copy is never committed",
            out.display()
        ));
    }
    if out.is_dir() {
        return Err(format!("{} is a folder; give a file path", out.display()));
    }
    Ok(out)
}

fn print_summary(built: &BuildSummary, what: &str) {
    let ds = &built.dataset;
    let suppliers = ds.suppliers().len();
    let recipients = ds.recipients().len();
    println!(
        "{what}: {} deliveries, {} deals, {} suppliers, {} recipients; {} of {} source rows ({:.1} %)",
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
    let e = &built.earlier;
    println!(
        "earlier release carried for comparison: {} deliveries, {} deals, delivery years {}",
        e.deliveries.len(),
        e.deals.len(),
        e.year_span()
            .map_or("none".into(), |(a, b)| format!("{a}–{b}"))
    );
    for s in &built.shares {
        println!(
            "share of SIPRI's {} release: {} of its {} published rows ({:.2} %)",
            s.release,
            s.bundled,
            s.published,
            s.percent()
        );
    }
    let (bundled, published) = built
        .shares
        .iter()
        .fold((0, 0), |a, s| (a.0 + s.bundled, a.1 + s.published));
    println!(
        "share of both releases together: {bundled} of {published} rows ({:.2} %)",
        100.0 * bundled as f64 / published.max(1) as f64
    );
    println!(
        "size: {} raw, {} gzip, {} brotli-11",
        built.bytes.len(),
        crate::files::gzip(&built.bytes).len(),
        crate::files::brotli(&built.bytes).len()
    );
}

fn write_subset(check: bool, built: &BuildSummary) -> Result {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_register_never_goes_into_the_git_tree() {
        let tmp = std::env::temp_dir().join(format!("atlas-bake-{}", std::process::id()));
        let repo = tmp.join("repo");
        std::fs::create_dir_all(repo.join("assets")).expect("temp dirs");
        for bad in [
            "assets/sea.atlas",
            "full.atlas",
            "dist/../assets/full.atlas",
            "./src/x.atlas",
        ] {
            assert!(allowed_full_out(&repo, &repo.join(bad)).is_err(), "{bad}");
        }
        for good in [
            "dist/assets/sea.atlas",
            "target/full.atlas",
            "dist/new/deep.atlas",
        ] {
            assert!(allowed_full_out(&repo, &repo.join(good)).is_ok(), "{good}");
        }
        assert!(allowed_full_out(&repo, &tmp.join("outside/full.atlas")).is_ok());
        // A folder is not a file path.
        assert!(allowed_full_out(&repo, &tmp).is_err());
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
