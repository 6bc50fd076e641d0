//! Shared by the integration tests: where SIPRI's files are, and skipping plainly when
//! they are not there.
#![allow(dead_code)]

use std::path::PathBuf;

/// `$ARMS_ATLAS_DATA`, else `../shared/data/sipri` beside the repository. Returns `None`
/// (and says so on stderr, which `cargo test -- --nocapture` shows) when it is absent.
pub fn data_dir(test: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("ARMS_ATLAS_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sipri"),
    };
    if dir.join("raw").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED {test}: SIPRI data not found at {} (set ARMS_ATLAS_DATA to the folder holding raw/)",
            dir.display()
        );
        None
    }
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The committed bundled dataset.
pub fn bundle() -> atlas_core::data::Bundle {
    let bytes = std::fs::read(repo_root().join("assets/sea.atlas")).expect("assets/sea.atlas");
    atlas_core::data::decode_bundle(&bytes).expect("the committed bundle decodes")
}

/// The text content of every `<text>` element of an SVG, with entities unescaped.
pub fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            let raw = body.split("</text>").next()?.trim();
            Some(
                raw.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}
