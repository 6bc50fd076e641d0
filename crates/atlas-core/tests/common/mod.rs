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
