//! Charts rendered to SVG by the same drawing functions the browser uses on a canvas,
//! checked for content: bars in the band colours, axis labels, hatching for estimates,
//! and words instead of a blank chart when nothing matches.

mod common;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::export::words::timeline_title;
use atlas_core::render::Palette;
use atlas_core::store::bundle::Bundle;
use atlas_core::text::{Locale, Tr};

fn render(
    b: &Bundle,
    f: &Filter,
    by: StackBy,
) -> (String, atlas_core::render::timeline::TimelineLayout, usize) {
    let agg = Aggregates::compute(&b.dataset, f);
    let series = agg.stacked(by, 7);
    let (svg, layout) = common::timeline_svg(
        &series,
        (800, 400),
        "No deliveries match these filters",
        Tr::new(Locale::En),
        &[],
    );
    (svg, layout, series.keys.len())
}

#[test]
fn myanmar_by_supplier_draws_bars_axes_and_estimates() {
    let b = common::bundle();
    let ds = &b.dataset;
    let myanmar = ds.entity_by_name("Myanmar").expect("Myanmar");
    let f = Filter {
        recipients: vec![myanmar],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    };
    let (svg, layout, bands) = render(&b, &f, StackBy::Supplier);
    assert!(bands >= 5, "Myanmar has many suppliers: {bands} bands");
    let pal = Palette::light();
    for i in 0..bands.min(pal.bands.len()) {
        let hex = pal.band(i).hex().to_uppercase();
        assert!(
            svg.to_uppercase().contains(&hex),
            "band {i} colour {hex} missing"
        );
    }
    let bars = svg.matches("<rect").count();
    assert!(bars > 40, "only {bars} rects");
    let labels = common::svg_texts(&svg);
    for label in ["1990", "2000", "2010", "2020", "0", "500", "1,000"] {
        assert!(
            labels.iter().any(|t| t == label),
            "label {label} missing from {labels:?}"
        );
    }
    assert!(
        svg.contains("<polyline") || svg.contains("<path") || svg.contains("<line"),
        "hatching for estimates"
    );
    assert!(!svg.contains("No deliveries match"));
    assert_eq!(layout.years, YearRange::new(1990, 2024).unwrap());
    assert!(
        layout.left > 20 && layout.right > layout.left + 500 && layout.bottom > layout.top + 250
    );
    // China then Russia: the story Arms Atlas was built for.
    let agg = Aggregates::compute(ds, &f);
    let top: Vec<&str> = agg
        .suppliers
        .iter()
        .take(2)
        .map(|(e, _)| ds.entity(*e).name.as_str())
        .collect();
    assert_eq!(top, ["China", "Russia"]);
    assert_eq!(
        timeline_title(ds, &f, agg.years, StackBy::Supplier),
        "Arms deliveries to Myanmar by supplier, 1990–2024, SIPRI TIV"
    );
}

#[test]
fn an_empty_selection_says_so() {
    let b = common::bundle();
    let f = Filter {
        text: "no such weapon anywhere".into(),
        ..Filter::default()
    };
    let (svg, _, bands) = render(&b, &f, StackBy::Category);
    assert_eq!(bands, 0);
    assert!(common::svg_texts(&svg)
        .iter()
        .any(|t| t == "No deliveries match these filters"));
}
