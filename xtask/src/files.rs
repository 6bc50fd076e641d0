//! The files of a build and their compressed copies: listing them, and brotli and gzip as
//! a host would pre-compress. Used by the build, the fingerprinting and the bundle
//! commands; uses nothing of theirs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::Result;

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
