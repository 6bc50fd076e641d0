//! `cargo xtask <command>`: the project's tooling in Rust, so that a fresh machine needs
//! nothing but cargo to build, serve, test and measure Arms Atlas.
//!
//! Commands:
//! * `serve [--port N] [--path /sub/path/] [--no-build]`: install what is missing, build
//!   the release and serve `dist/` at http://127.0.0.1:8080 (the README's first command).
//! * `test`: install what is missing and run every test level (the README's second
//!   command, and what CI runs).
//! * `setup`: only install what is missing.
//! * `dist`: release build into `dist/`: content-hashed names, the service worker
//!   `sw.js`, and `.br` and `.gz` beside every file (see xtask/src/fingerprint.rs).
//! * `rehash DIR`: only that post-process, on a build in DIR (again after changing files
//!   there: new names, new service worker version, new compressed copies).
//! * `bundle [--check] [--full [--out PATH]]`: rebuild `assets/sea.atlas` from the SIPRI files in
//!   `../shared/data/sipri/raw` (or `$ARMS_ATLAS_DATA/raw`); `--full` bakes the full register
//!   into `dist/` for a private build (`ATLAS_BUNDLE=full cargo xtask dist` does both).
//! * `map`: rebuild `assets/world.map` from the npm package world-atlas.
//! * `countries [--check]`: write the French, German and Russian names of the states on
//!   the map from CLDR (npm `cldr-localenames-full`) into the locale tables (see
//!   xtask/src/countries.rs); `--check` compares instead.
//! * `sizes`: release build, then every file of `dist/` with raw, gzip and brotli bytes.
//! * `bench`: release build, then `tests/bench/bench.mjs` in headless Chromium: bytes,
//!   cold load, filter-to-repaint latency and memory, bundled and full register (and 10x).
//! * `bench --peer [FLAGS]`: the app (bundled subset and full register, release builds in
//!   `target/bench-dist/`) side by side with the Vega-Lite peer page and the calibration
//!   page, in one interleaved run of `../shared/bench/measure.mjs` (copied to
//!   `target/peer-bench`; see its README). FLAGS go to measure.mjs, e.g. `--runs 3` or
//!   `--cpu-throttle 4 --viewport 375x800` for a phone-class CPU. Prints the table and saves
//!   it to `bench-results/peer-<date>-<commit>.txt`, the JSON lines beside it (`.jsonl`);
//!   see xtask/src/peer/mod.rs.

// xtask runs natively, where Instant::now is fine; the ban in clippy.toml is for the app.
#![allow(clippy::disallowed_methods)]

mod bundle;
mod countries;
mod dist;
mod files;
mod fingerprint;
mod map;
mod peer;
mod prerender;
mod serve;
mod setup;
mod test;
mod util;

use util::Result;

pub(crate) fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    let result: Result = match args.first().map(String::as_str) {
        Some("setup") => setup::ensure(setup::Needs::Tests),
        Some("serve") => serve_command(rest),
        Some("test") => test::run_all(rest),
        Some("dist") => setup::ensure(setup::Needs::App).and_then(|()| dist::build()),
        Some("rehash") => match rest.first() {
            Some(dir) => fingerprint::finalize(std::path::Path::new(dir)),
            None => Err("usage: cargo xtask rehash DIR (a release build, e.g. dist)".into()),
        },
        Some("bundle") => bundle::run(rest),
        Some("map") => map::run(rest),
        Some("countries") => countries::run(rest),
        Some("bench") => match rest.iter().position(|a| a == "--peer") {
            Some(0) => peer::run(&rest[1..]),
            Some(_) => {
                Err("usage: cargo xtask bench --peer [measure.mjs flags] (--peer first)".into())
            }
            None => test::bench(),
        },
        Some("sizes") => setup::ensure(setup::Needs::App)
            .and_then(|()| dist::build())
            .and_then(|()| dist::print_sizes()),
        _ => Err(
            "usage: cargo xtask <serve|test|setup|dist|rehash|bundle|map|countries|sizes|bench [--peer [FLAGS]]> \
             (see xtask/src/main.rs)"
                .into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn serve_command(args: &[String]) -> Result {
    let port: u16 = flag_value(args, "--port")
        .map(|p| {
            p.parse()
                .map_err(|_| format!("--port {p} is not a port number"))
        })
        .transpose()?
        .unwrap_or(8080);
    let prefix = serve::normalise_prefix(&flag_value(args, "--path").unwrap_or_default());
    if !args.iter().any(|a| a == "--no-build") {
        setup::ensure(setup::Needs::App)?;
        dist::build()?;
    }
    let opts = serve::ServeOptions {
        dir: util::root().join("dist"),
        prefix: prefix.clone(),
        csp: true,
    };
    let port = serve::start(port, opts)?;
    eprintln!("Arms Atlas is served at http://127.0.0.1:{port}{prefix} (Ctrl-C stops)");
    loop {
        std::thread::park();
    }
}
