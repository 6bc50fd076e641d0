//! Replays every file of the fuzz corpora (`fuzz/corpus/<target>/`) through the same
//! invariant checks the cargo-fuzz targets run (`common/checks.rs`), on the stable
//! toolchain, so that CI exercises the seeds and every crash input ever kept. Fuzzing
//! itself needs nightly: see `fuzz/README.md`.

mod common;

use std::path::PathBuf;

#[path = "common/checks.rs"]
mod checks;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = common::repo_root().join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= 3,
        "{}: expected a seed corpus, found {} files",
        dir.display(),
        files.len()
    );
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).expect("corpus file");
            (p, b)
        })
        .collect()
}

fn replay(target: &str, check: impl Fn(&[u8])) {
    let files = corpus(target);
    for (path, bytes) in &files {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes)));
        assert!(
            result.is_ok(),
            "{target}: {} fails its check",
            path.display()
        );
    }
    println!("{target}: {} corpus files replayed", files.len());
}

#[test]
fn sipri_import_corpus() {
    replay("sipri_import", checks::sipri_import);
}

#[test]
fn user_import_corpus() {
    replay("user_import", checks::user_import);
}

#[test]
fn url_query_corpus() {
    let ds = common::bundle().dataset;
    replay("url_query", |b| checks::url_query(b, &ds));
}

#[test]
fn bundle_decode_corpus() {
    replay("bundle_decode", checks::bundle_decode);
}

/// The seeds exercise what they are meant to: both formats, hostile rows, two files.
#[test]
fn seeds_cover_both_formats_and_hostile_rows() {
    use atlas_core::import::sipri::parse;
    use atlas_core::model::SourceFormat;
    let files = corpus("sipri_import");
    let parsed: Vec<_> = files.iter().filter_map(|(_, b)| parse(b).ok()).collect();
    assert!(parsed
        .iter()
        .any(|f| f.format == SourceFormat::PerDeliveryYear && !f.rows.is_empty()));
    assert!(parsed
        .iter()
        .any(|f| f.format == SourceFormat::DealRegister && !f.rows.is_empty()));
    assert!(parsed.iter().any(|f| f.errors.len() >= 4));
    assert!(files.iter().any(|(_, b)| parse(b).is_err()));
}
