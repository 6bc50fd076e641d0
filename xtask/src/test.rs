//! `cargo xtask test`: every test level, in the order a failure is cheapest to find.
//!
//! 1. formatting and clippy (`-D warnings`);
//! 2. native tests of the whole workspace (`cargo test`), including the checks against
//!    the SIPRI files in `../shared/data`, which say plainly when they skip;
//! 3. wasm-bindgen tests in headless Chromium;
//! 4. the release build, served from a sub-path under the strict CSP, driven end to end
//!    by `node --test tests/e2e/` (playwright-core with Debian's Chromium); screenshots
//!    go to `tests/e2e/out/`.
//!
//! `--skip-setup` skips the install check; `--only native|wasm|e2e` runs one level.
//!
//! A data test that cannot find `../shared/data` skips and records why under
//! `target/test-skips/`; the summary at the end lists those skips, since libtest hides a
//! passing test's output. With `ARMS_ATLAS_REQUIRE_DATA=1` (CI sets it) such a test
//! fails instead, naming the folder it looked in.

use std::time::Instant;

use crate::setup::{ensure, path_with_node_bin, Needs};
use crate::util::{root, run, run_env, Result};
use crate::{dist, serve};

/// Sub-path the end-to-end tests serve the app from, to prove it works off the root.
pub const E2E_PREFIX: &str = "/graphics/2026/arms/";

pub fn run_all(args: &[String]) -> Result {
    let started = Instant::now();
    let only = crate::flag_value(args, "--only");
    let wants = |level: &str| only.as_deref().is_none_or(|o| o == level);
    if !args.iter().any(|a| a == "--skip-setup") {
        ensure(Needs::Tests)?;
    }
    let skips = root().join("target/test-skips");
    let _ = std::fs::remove_dir_all(&skips);
    if wants("native") {
        run("cargo", &["fmt", "--all", "--check"])?;
        run(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--quiet",
                "--",
                "-D",
                "warnings",
            ],
        )?;
        run("cargo", &["test", "--workspace"])?;
    }
    if wants("wasm") {
        run(
            "cargo",
            &[
                "test",
                "-p",
                "arms-atlas",
                "--target",
                "wasm32-unknown-unknown",
            ],
        )?;
    }
    if wants("e2e") {
        dist::build()?;
        let port = serve::start(
            0,
            serve::ServeOptions {
                dir: root().join("dist"),
                prefix: E2E_PREFIX.into(),
                csp: true,
            },
        )?;
        let url = format!("http://127.0.0.1:{port}{E2E_PREFIX}");
        let out = root().join("tests/e2e/out");
        let out_s = out.display().to_string();
        let data = crate::util::data_dir().display().to_string();
        let path = path_with_node_bin();
        run_env(
            "node",
            &["--test", "--test-concurrency=1", "tests/e2e/"],
            &[
                ("ATLAS_URL", &url),
                ("ATLAS_OUT", &out_s),
                ("ATLAS_DATA", &data),
                ("PATH", &path),
            ],
        )?;
        eprintln!("screenshots: {out_s}");
    }
    eprintln!(
        "all test levels passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    report_skips(&skips);
    Ok(())
}

/// Lists the data tests that skipped (each left a file named after it in `dir`).
fn report_skips(dir: &std::path::Path) {
    let mut skipped: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            let why = std::fs::read_to_string(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), why)
        })
        .collect();
    if skipped.is_empty() {
        eprintln!("data tests: none skipped");
        return;
    }
    skipped.sort();
    eprintln!(
        "data tests: {} SKIPPED (they prove nothing until the data is there; \
         ARMS_ATLAS_REQUIRE_DATA=1 makes them fail instead):",
        skipped.len()
    );
    for (test, why) in skipped {
        eprintln!("  SKIPPED {test}: {}", why.trim());
    }
}

/// `cargo xtask bench`: the release build measured in headless Chromium (not a test).
pub fn bench() -> Result {
    ensure(Needs::Tests)?;
    dist::build()?;
    let dir = root().join("dist");
    let port = serve::start(
        0,
        serve::ServeOptions {
            dir: dir.clone(),
            prefix: E2E_PREFIX.into(),
            csp: true,
        },
    )?;
    let url = format!("http://127.0.0.1:{port}{E2E_PREFIX}");
    let data = crate::util::data_dir().display().to_string();
    let dist_s = dir.display().to_string();
    let out = root().join("bench-results").display().to_string();
    run_env(
        "node",
        &["tests/bench/bench.mjs"],
        &[
            ("ATLAS_URL", &url),
            ("ATLAS_DIST", &dist_s),
            ("ATLAS_DATA", &data),
            ("ATLAS_BENCH_OUT", &out),
            ("PATH", &path_with_node_bin()),
        ],
    )
}
