//! The release build: `trunk build --release`, then the post-process of
//! [`crate::fingerprint`] (content-hashed names, the service worker, `.br` and `.gz`
//! beside every file for hosts that serve pre-compressed assets), and the size table.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::setup::path_with_node_bin;
use crate::util::{kb, root, run_env, Result};

/// Builds the release into `dist/`: hashed names, `sw.js`, compressed copies.
pub fn build() -> Result {
    let path = path_with_node_bin();
    run_env("trunk", &["build", "--release"], &[("PATH", &path)])?;
    // A private build for a newsroom with SIPRI's permission: the full register instead of
    // the subset, baked into dist/ only (see `cargo xtask bundle --full`).
    if std::env::var("ATLAS_BUNDLE").as_deref() == Ok("full") {
        crate::bundle::bake_full(&root().join(crate::bundle::FULL_DEFAULT_OUT))?;
    }
    crate::fingerprint::finalize(&root().join("dist"))
}

/// The files of `dist/` (recursively), without the compressed copies, sorted.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    walk(dir, |p| !is_compressed(p))
}

/// The `.br` and `.gz` copies under `dir`, sorted.
pub fn compressed_files(dir: &Path) -> Result<Vec<PathBuf>> {
    walk(dir, is_compressed)
}

fn is_compressed(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("br" | "gz"))
}

/// Every file under `dir` (recursively) that `keep` accepts, sorted.
fn walk(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if keep(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Brotli at quality 11, as a host would pre-compress.
pub fn brotli(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(raw);
    }
    out
}

/// Gzip at level 9.
pub fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(raw);
    e.finish().unwrap_or_default()
}

/// Prints every file of `dist/` with raw, gzip and brotli sizes, and the totals.
pub fn print_sizes() -> Result {
    let dist = root().join("dist");
    let (mut tr, mut tg, mut tb) = (0u64, 0u64, 0u64);
    println!(
        "{:<44} {:>12} {:>12} {:>12}",
        "file", "raw", "gzip", "brotli"
    );
    for f in files(&dist)? {
        let raw = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let (r, g, b) = (
            raw.len() as u64,
            gzip(&raw).len() as u64,
            brotli(&raw).len() as u64,
        );
        tr += r;
        tg += g;
        tb += b;
        let name = f.strip_prefix(&dist).unwrap_or(&f).display().to_string();
        println!("{name:<44} {:>12} {:>12} {:>12}", kb(r), kb(g), kb(b));
    }
    println!(
        "{:<44} {:>12} {:>12} {:>12}",
        "TOTAL",
        kb(tr),
        kb(tg),
        kb(tb)
    );
    Ok(())
}
