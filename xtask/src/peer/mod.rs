//! `cargo xtask bench --peer [FLAGS]`: the app side by side with the peer page (Vega-Lite)
//! and the harness's calibration page, in one interleaved run of the harness in
//! `../shared/bench` (its README is the method). The proof command of issue #14.
//!
//! 1. installs what is missing (as `cargo xtask setup`);
//! 2. one release build into `dist/` (the bundled subset), copied to
//!    `target/bench-dist/bundled`, and a second copy with the full register baked in and
//!    the post-process run again, in `target/bench-dist/full`. That is what
//!    `ATLAS_BUNDLE=full cargo xtask dist` writes, without a second trunk build: the app's
//!    code does not depend on the data file, the post-process is repeatable and rebuilds
//!    the service worker's version and the compressed copies from the current files, and
//!    `assets/sea.atlas` keeps its name. `dist/` stays the ordinary bundled build;
//! 3. copies the harness to `target/peer-bench` (`../shared` may be read-only) and runs
//!    `npm ci` there and in its `peer-vegalite/`, each only when its `node_modules` is
//!    missing or older than its `package-lock.json` (the installed modules are kept
//!    across the fresh copy for that);
//! 4. runs `node target/peer-bench/measure.mjs` on four targets: peer, app-bundled,
//!    app-full and floor (the README's example, `--runs 5 --warmup 1`), with the SIPRI
//!    folder ([`crate::util::data_dir`]) mounted as the peer's data. FLAGS go to
//!    measure.mjs after those, so they win: `--runs 3`, `--cpu-throttle 4 --viewport 375x800`
//!    for a phone-class run;
//! 5. prints its table and saves it, with the command and the machine, to
//!    `bench-results/peer-<date>-<commit>.txt`; the harness's JSON lines (one per run, every
//!    filter change and response) go to the `.jsonl` beside it.
//!
//! The saved report and the name it is saved under are built in `report.rs`.

mod report;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::setup::{ensure, path_with_node_bin, Needs};
use crate::util::{data_dir, root, Result};

use report::{commit, free_stem, problems, report_text, today_utc};

/// The harness, beside the repository (read-only in CI).
const HARNESS_SRC: &str = "../shared/bench";
/// Its working copy, in the git-ignored `target/`.
const HARNESS: &str = "target/peer-bench";
/// The harness's node projects, relative to [`HARNESS`].
const NODE_PROJECTS: [&str; 2] = [".", "peer-vegalite"];
/// The two builds measured.
const BUNDLED: &str = "target/bench-dist/bundled";
const FULL: &str = "target/bench-dist/full";
/// The data file inside a build, which `bundle --full` replaces.
const ATLAS_IN_BUILD: &str = "assets/sea.atlas";
/// Flags this command sets itself; measure.mjs would add a repeated one to its targets.
const FIXED_FLAGS: [&str; 6] = [
    "--serve", "--path", "--mount", "--label", "--charts", "--out",
];

pub fn run(extra: &[String]) -> Result {
    let started = Instant::now();
    if let Some(f) = extra.iter().find(|a| FIXED_FLAGS.contains(&a.as_str())) {
        return Err(format!(
            "{f} is set by `cargo xtask bench --peer` (the four targets); give measure.mjs \
             options such as --runs, --warmup, --cpu-throttle, --viewport"
        ));
    }
    if std::env::var("ATLAS_BUNDLE").as_deref() == Ok("full") {
        return Err(
            "ATLAS_BUNDLE=full is set: `bench --peer` builds both the bundled and \
                    the full variant itself; unset it"
                .into(),
        );
    }
    ensure(Needs::Tests)?;
    build_both()?;
    prepare_harness()?;
    measure(extra)?;
    eprintln!(
        "bench --peer: done in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The bundled build in `dist/` and two copies under `target/bench-dist/` (see the module
/// docs for why the full one needs no second trunk build).
fn build_both() -> Result {
    crate::dist::build()?;
    let root = root();
    let dist = root.join("dist");
    let (bundled, full) = (root.join(BUNDLED), root.join(FULL));
    copy_fresh(&dist, &bundled)?;
    copy_fresh(&dist, &full)?;
    let atlas = full.join(ATLAS_IN_BUILD);
    if !atlas.is_file() {
        return Err(format!(
            "{}: missing, so the full register has nothing to replace",
            atlas.display()
        ));
    }
    crate::bundle::bake_full(&atlas)?;
    crate::fingerprint::finalize(&full)?;
    eprintln!("builds: {BUNDLED} (bundled subset), {FULL} (full register)");
    Ok(())
}

/// `rm -rf target/peer-bench && cp -r ../shared/bench target/peer-bench && chmod -R u+w
/// target/peer-bench`, keeping installed `node_modules`, then `npm ci` where they are stale.
fn prepare_harness() -> Result {
    let root = root();
    let src = root.join(HARNESS_SRC);
    let dst = root.join(HARNESS);
    if !src.join("measure.mjs").is_file() {
        return Err(format!(
            "{}: no measure.mjs (the peer harness is not beside this checkout)",
            src.display()
        ));
    }
    // Renaming keeps each node_modules' own time, which says when it was installed.
    let keep = root.join("target/peer-bench-node-modules");
    remove_dir(&keep)?;
    let kept: Vec<(PathBuf, PathBuf)> = NODE_PROJECTS
        .iter()
        .enumerate()
        .map(|(i, p)| (dst.join(p).join("node_modules"), keep.join(i.to_string())))
        .filter(|(installed, _)| installed.is_dir())
        .collect();
    for (installed, aside) in &kept {
        create_dir(&keep)?;
        rename(installed, aside)?;
    }
    eprintln!(
        "$ rm -rf {HARNESS} && cp -r {HARNESS_SRC} {HARNESS} && chmod -R u+w {HARNESS} \
         (installed node_modules kept)"
    );
    remove_dir(&dst)?;
    copy_tree(&src, &dst)?;
    for (installed, aside) in &kept {
        rename(aside, installed)?;
    }
    remove_dir(&keep)?;

    let path = path_with_node_bin();
    for project in NODE_PROJECTS {
        let dir = dst.join(project);
        let shown = if project == "." {
            HARNESS.to_string()
        } else {
            format!("{HARNESS}/{project}")
        };
        if installed_and_fresh(&dir) {
            eprintln!("{shown}: node_modules is newer than package-lock.json, no npm ci");
            continue;
        }
        eprintln!("$ (cd {shown} && npm ci --no-audit --no-fund)");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .env("PATH", &path)
            .status()
            .map_err(|e| format!("could not start npm: {e}"))?;
        if !status.success() {
            return Err(format!("npm ci in {shown} failed ({status})"));
        }
    }
    Ok(())
}

/// Whether `dir/node_modules` holds a finished install (npm writes
/// `node_modules/.package-lock.json` last) newer than `dir/package-lock.json`.
fn installed_and_fresh(dir: &Path) -> bool {
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (
        modified(dir.join("package-lock.json")),
        modified(dir.join("node_modules/.package-lock.json")),
    ) {
        (Some(lock), Some(installed)) => installed > lock,
        _ => false,
    }
}

/// The harness on the four targets; prints and saves its table.
fn measure(extra: &[String]) -> Result {
    let root = root();
    let results = root.join("bench-results");
    create_dir(&results)?;
    let stem = free_stem(&results, &format!("peer-{}-{}", today_utc(), commit()));
    let txt = results.join(format!("{stem}.txt"));
    let jsonl = results.join(format!("{stem}.jsonl"));
    let jsonl_rel = format!("bench-results/{stem}.jsonl");
    let mount = format!("/peer/data/={}", data_dir().display());

    let args = measure_args(&mount, &jsonl_rel, extra);
    let command = format!("node {}", args.join(" "));
    eprintln!("$ {command}");
    let stdout = run_node(&args, &root, &jsonl_rel)?;

    let table: Vec<&str> = stdout.lines().filter(|l| l.starts_with('|')).collect();
    if table.is_empty() {
        return Err(format!("measure.mjs printed no table; see {jsonl_rel}"));
    }
    let records: Vec<Value> = stdout
        .lines()
        .filter(|l| l.starts_with('{'))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let problems = problems(&records);

    let text = report_text(extra, &command, &records, &table, &problems, &jsonl_rel);
    std::fs::write(&txt, &text).map_err(|e| format!("{}: {e}", txt.display()))?;

    println!();
    for line in &table {
        println!("{line}");
    }
    for p in &problems {
        println!("{p}");
    }
    println!();
    println!("JSON lines: {}", jsonl.display());
    println!("saved: {}", txt.display());
    Ok(())
}

/// measure.mjs's arguments: the four targets (peer, app-bundled, app-full, floor), the
/// README's runs, the JSON lines file, then the user's FLAGS, which win.
fn measure_args(mount: &str, jsonl_rel: &str, extra: &[String]) -> Vec<String> {
    let mut args: Vec<String> = [
        "target/peer-bench/measure.mjs",
        "--serve",
        "target/peer-bench/peer-vegalite",
        "--path",
        "/peer/",
        "--mount",
        mount,
        "--serve",
        BUNDLED,
        "--path",
        "/app/",
        "--serve",
        FULL,
        "--path",
        "/full/",
        "--serve",
        "target/peer-bench/floor",
        "--path",
        "/floor/",
        "--charts",
        "1",
        "--charts",
        "2",
        "--charts",
        "2",
        "--charts",
        "1",
        "--label",
        "peer",
        "--label",
        "app-bundled",
        "--label",
        "app-full",
        "--label",
        "floor",
        "--runs",
        "5",
        "--warmup",
        "1",
        "--out",
        jsonl_rel,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().cloned());
    args
}

/// Runs node with `args` in `root` and returns its stdout: the JSON lines and then the
/// table. Progress goes to stderr, shown as it comes.
fn run_node(args: &[String], root: &Path, jsonl_rel: &str) -> Result<String> {
    let mut child = Command::new("node")
        .args(args)
        .current_dir(root)
        .env("PATH", path_with_node_bin())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start node: {e}"))?;
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut stdout)
            .map_err(|e| format!("reading measure.mjs's output: {e}"))?;
    }
    let status = child.wait().map_err(|e| format!("waiting for node: {e}"))?;
    if !status.success() {
        return Err(format!(
            "measure.mjs failed ({status}); what it measured so far is in {jsonl_rel}"
        ));
    }
    Ok(stdout)
}

fn create_dir(p: &Path) -> Result {
    std::fs::create_dir_all(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn remove_dir(p: &Path) -> Result {
    match std::fs::remove_dir_all(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", p.display())),
        _ => Ok(()),
    }
}

fn rename(from: &Path, to: &Path) -> Result {
    std::fs::rename(from, to).map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}

/// `to` emptied, then a copy of `from`.
fn copy_fresh(from: &Path, to: &Path) -> Result {
    remove_dir(to)?;
    copy_tree(from, to)
}

/// `cp -r from to` then `chmod -R u+w to`, keeping each file's modification time (so that
/// a copied `package-lock.json` is as old as its source, not as new as the copy).
fn copy_tree(from: &Path, to: &Path) -> Result {
    create_dir(to)?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let meta = std::fs::metadata(&src).map_err(|e| format!("{}: {e}", src.display()))?;
        if meta.is_dir() {
            copy_tree(&src, &dst)?;
            continue;
        }
        std::fs::copy(&src, &dst)
            .map_err(|e| format!("{} -> {}: {e}", src.display(), dst.display()))?;
        std::fs::set_permissions(&dst, user_writable(meta.permissions()))
            .map_err(|e| format!("{}: {e}", dst.display()))?;
        if let Ok(time) = meta.modified() {
            std::fs::File::options()
                .write(true)
                .open(&dst)
                .and_then(|f| f.set_modified(time))
                .map_err(|e| format!("{}: {e}", dst.display()))?;
        }
    }
    Ok(())
}

/// `chmod u+w`.
#[cfg(unix)]
fn user_writable(mut perms: std::fs::Permissions) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    perms.set_mode(perms.mode() | 0o200);
    perms
}

#[cfg(not(unix))]
fn user_writable(mut perms: std::fs::Permissions) -> std::fs::Permissions {
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    perms
}
