//! Shared by the integration tests: where SIPRI's files are, and skipping plainly when
//! they are not there.
#![allow(dead_code)]

use std::path::PathBuf;

/// `$ARMS_ATLAS_DATA`, else `../shared/data/sipri` beside the repository. Returns `None`
/// when it is absent, unless `ARMS_ATLAS_REQUIRE_DATA=1` (CI sets it): then the test fails
/// and names the folder it looked in. A skip is written to stderr and recorded under
/// `target/test-skips/`, where `cargo xtask test` finds it and lists it in its summary
/// (libtest hides a passing test's stderr).
pub fn data_dir(test: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("ARMS_ATLAS_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sipri"),
    };
    let found = dir.join("raw").is_dir().then_some(dir.clone());
    require_or_skip(test, found, || {
        format!(
            "SIPRI data not found at {} (set ARMS_ATLAS_DATA to the folder holding raw/)",
            dir.display()
        )
    })
}

/// The first file of `raw/` whose name contains `part`, under the same rule as
/// [`data_dir`].
pub fn data_file(test: &str, part: &str) -> Option<PathBuf> {
    let dir = data_dir(test)?;
    let raw = dir.join("raw");
    let found = std::fs::read_dir(&raw)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(part));
    require_or_skip(test, found, || {
        format!("no file named *{part}* in {}", raw.display())
    })
}

/// Whether data tests must fail instead of skipping (`ARMS_ATLAS_REQUIRE_DATA=1`).
pub fn data_required() -> bool {
    std::env::var("ARMS_ATLAS_REQUIRE_DATA").is_ok_and(|v| v == "1")
}

/// `found`, or: a failure naming `why` when data is required, else a recorded skip.
pub fn require_or_skip<T>(test: &str, found: Option<T>, why: impl Fn() -> String) -> Option<T> {
    require_or_skip_as(data_required(), test, found, why)
}

/// [`require_or_skip`] with the requirement given (the rule's own test sets it).
pub fn require_or_skip_as<T>(
    required: bool,
    test: &str,
    found: Option<T>,
    why: impl Fn() -> String,
) -> Option<T> {
    if found.is_some() {
        return found;
    }
    let why = why();
    assert!(!required, "{test}: ARMS_ATLAS_REQUIRE_DATA=1 and {why}");
    eprintln!("SKIPPED {test}: {why}");
    let skips = skips_dir();
    if std::fs::create_dir_all(&skips).is_ok() {
        // One file per test: tests run in parallel threads and processes.
        let _ = std::fs::write(skips.join(test), format!("{why}\n"));
    }
    None
}

/// Where skips are recorded for `cargo xtask test`'s summary.
pub fn skips_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) => PathBuf::from(t).join("test-skips"),
        None => repo_root().join("target/test-skips"),
    }
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The committed bundled dataset.
pub fn bundle() -> atlas_core::store::bundle::Bundle {
    let bytes = std::fs::read(repo_root().join("assets/sea.atlas")).expect("assets/sea.atlas");
    atlas_core::store::bundle::decode(&bytes).expect("the committed bundle decodes")
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

/// Draws `series` as the timeline, as the browser does on a canvas but into an SVG string
/// of `size`, in the light palette's band colours, with `notes` marked on it.
pub fn timeline_svg(
    series: &atlas_core::analysis::aggregate::StackedSeries,
    size: (u32, u32),
    empty_message: &str,
    tr: atlas_core::text::Tr,
    notes: &[&atlas_core::story::annotations::Annotation],
) -> (String, atlas_core::render::timeline::TimelineLayout) {
    use atlas_core::render::timeline::{draw_timeline_annotated, TimelineOptions};
    use atlas_core::render::{Palette, Rgb};
    use plotters::prelude::*;
    let pal = Palette::light();
    let colors: Vec<Rgb> = (0..series.keys.len()).map(|i| pal.band(i)).collect();
    let mut svg = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_timeline_annotated(
            &root,
            series,
            &TimelineOptions {
                colors: &colors,
                palette: &pal,
                font: "sans-serif",
                scale: 1.0,
                selected: None,
                highlight: None,
                empty_message,
                tr,
            },
            notes,
        )
        .expect("draws")
    };
    (svg, layout)
}

/// Draws ranked bars into an SVG string of `size`, as the browser does on a canvas.
pub fn rankings_svg(
    entries: &[atlas_core::analysis::rankings::RankEntry],
    size: (u32, u32),
    title: &str,
    colors: &[atlas_core::render::Rgb],
    palette: &atlas_core::render::Palette,
    empty_message: &str,
    tr: atlas_core::text::Tr,
) -> (String, atlas_core::render::rankings::RankingsLayout) {
    use atlas_core::render::rankings::{draw_rankings, RankingsOptions};
    use plotters::prelude::*;
    let mut svg = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_rankings(
            &root,
            entries,
            &RankingsOptions {
                title,
                colors,
                palette,
                font: "sans-serif",
                scale: 1.0,
                highlight: None,
                empty_message,
                tr,
            },
        )
        .expect("draws")
    };
    (svg, layout)
}
