//! Small helpers shared by the xtask commands: paths, running programs, and errors.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every command reports failure as a sentence for the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (the workspace that holds xtask).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The folder of SIPRI files: `$ARMS_ATLAS_DATA`, else `../shared/data/sipri` beside the repo.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("ARMS_ATLAS_DATA") {
        Some(d) => PathBuf::from(d),
        None => root().join("../shared/data/sipri"),
    }
}

/// Runs a program in the repo root, echoing it, and fails if it fails.
pub fn run(program: &str, args: &[&str]) -> Result {
    run_env(program, args, &[])
}

/// Like [`run`] with extra environment variables.
pub fn run_env(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    eprintln!("$ {program} {}", args.join(" "));
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(root());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The stdout of a program, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Human-readable byte counts.
pub fn kb(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.2} MB", n as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.1} KB", n as f64 / 1024.0)
    }
}
