//! Installs whatever is missing, and nothing that is already there.
//!
//! A fresh machine has stable Rust, Node 20 + npm, python3 and apt. The versions here
//! are the ones verified on this offline machine (see the README): trunk 0.21.14 (0.22
//! needs a newer rustc), the wasm-bindgen CLI matching Cargo.lock, binaryen 132 from npm
//! (Debian's 108 breaks the app silently), and Debian's Chromium for the browser tests.

use std::time::Instant;

use crate::util::{output, root, run, Result};

const TRUNK_VERSION: &str = "0.21.14";

/// What a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Build and serve the app.
    App,
    /// Everything, including the browser for the tests.
    Tests,
}

/// The `wasm-bindgen` version pinned in Cargo.lock (the CLI must match it exactly).
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn has_version(program: &str, want: &str) -> bool {
    output(program, &["--version"]).is_some_and(|v| v.contains(want))
}

/// Installs what `needs` requires. Idempotent: a second run only checks.
pub fn ensure(needs: Needs) -> Result {
    let started = Instant::now();
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    if !has_version("trunk", TRUNK_VERSION) {
        run(
            "cargo",
            &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
        )?;
    }
    let wb = wasm_bindgen_version()?;
    if !has_version("wasm-bindgen", &wb) || !has_version("wasm-bindgen-test-runner", &wb) {
        // Without --locked: the CLI's own lockfile wants a crate version the mirror lacks.
        run("cargo", &["install", "wasm-bindgen-cli", "--version", &wb])?;
    }
    let lock = root().join("package-lock.json");
    let installed = root().join("node_modules/.package-lock.json");
    let stale = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => match (l.modified(), i.modified()) {
            (Ok(l), Ok(i)) => l > i,
            _ => true,
        },
        _ => true,
    };
    if stale {
        run("npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    if needs == Needs::Tests
        && (output("chromium", &["--version"]).is_none()
            || output("chromedriver", &["--version"]).is_none())
    {
        run("apt-get", &["update"])?;
        run(
            "apt-get",
            &[
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ],
        )?;
    }
    // Trunk builds with --offline, so every crate must already be in the local registry.
    run("cargo", &["fetch", "--quiet"])?;
    eprintln!(
        "setup: everything present ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The PATH with node_modules/.bin first, so trunk finds binaryen's wasm-opt 132.
pub fn path_with_node_bin() -> String {
    let bin = root().join("node_modules/.bin");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{old}", bin.display())
}
