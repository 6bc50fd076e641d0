//! The release build: `trunk build --release`, then the post-process of
//! [`crate::fingerprint`] (content-hashed names, the service worker, `.br` and `.gz`
//! beside every file for hosts that serve pre-compressed assets), and the size table.

use crate::files::{brotli, files, gzip};
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
