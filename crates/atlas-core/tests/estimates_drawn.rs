//! Estimates are told apart by pattern wherever they are drawn (rankings: hatching at the
//! bar's end; map: dashes down the arc), in the light and the dark palette, and the
//! estimated parts the rankings carry add up to the filter's estimated total.

mod common;

use atlas_core::analysis::aggregate::Aggregates;
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::analysis::rankings::{rank_entries, RankEntry, RankKind};
use atlas_core::geo::world::WorldMap;
use atlas_core::import::places::PlaceTable;
use atlas_core::model::Tiv;
use atlas_core::render::flowmap::{draw_flowmap, FlowMapInput, FlowMapOptions};
use atlas_core::render::flowmap::{fit_to_flows, MapEmphasis};
use atlas_core::render::{ColorMap, ColourRanks, Palette, Rgb};
use atlas_core::text::{Locale, Tr};
use plotters::prelude::*;

fn myanmar() -> (atlas_core::store::bundle::Bundle, Filter) {
    let b = common::bundle();
    let myanmar = b.dataset.entity_by_name("Myanmar").expect("Myanmar");
    let f = Filter {
        recipients: vec![myanmar],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    };
    (b, f)
}

/// Polylines stroked in `color` (hatching and dashes are drawn in the background colour).
fn strokes_in(svg: &str, color: Rgb) -> usize {
    let hex = color.hex().to_uppercase();
    svg.split("<polyline")
        .skip(1)
        .filter(|p| {
            p.split("/>")
                .next()
                .is_some_and(|el| el.to_uppercase().contains(&format!("STROKE=\"{hex}\"")))
        })
        .count()
}

#[test]
fn ranked_estimates_add_up() {
    let (b, f) = myanmar();
    let agg = Aggregates::compute(&b.dataset, &f);
    assert!(agg.estimated.0 > 0, "the Myanmar selection has estimates");
    for kind in RankKind::ALL {
        let entries = rank_entries(&b.dataset, &agg, kind);
        let sum: i64 = entries.iter().map(|e| e.estimated.0).sum();
        assert_eq!(sum, agg.estimated.0, "{kind:?}");
        assert!(entries.iter().all(|e| e.estimated <= e.tiv));
        assert!(entries
            .iter()
            .any(|e| e.estimated_share() > 0.0 && e.estimated_share() <= 1.0));
    }
}

fn draw_ranks(entries: &[RankEntry], pal: &Palette) -> String {
    let colors: Vec<Rgb> = (0..entries.len()).map(|i| pal.band(i)).collect();
    common::rankings_svg(
        entries,
        (640, 360),
        "",
        &colors,
        pal,
        "none",
        Tr::new(Locale::En),
    )
    .0
}

#[test]
fn ranking_bars_hatch_their_estimated_part_in_both_palettes() {
    let (b, f) = myanmar();
    let agg = Aggregates::compute(&b.dataset, &f);
    let top: Vec<RankEntry> = rank_entries(&b.dataset, &agg, RankKind::Suppliers)
        .into_iter()
        .take(8)
        .collect();
    let none: Vec<RankEntry> = top
        .iter()
        .cloned()
        .map(|mut e| {
            e.estimated = Tiv::ZERO;
            e
        })
        .collect();
    for pal in [Palette::light(), Palette::dark()] {
        let with = draw_ranks(&top, &pal);
        let without = draw_ranks(&none, &pal);
        assert!(with
            .to_uppercase()
            .contains(&pal.background.hex().to_uppercase()));
        assert_eq!(
            strokes_in(&without, pal.background),
            0,
            "no estimate, no hatching"
        );
        assert!(
            strokes_in(&with, pal.background) >= 5,
            "estimates are hatched"
        );
    }
}

fn draw_map(input: &FlowMapInput, world: &WorldMap, pal: &Palette) -> String {
    let vp = fit_to_flows(input, Some(world), 800.0, 500.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        draw_flowmap(
            &root,
            input,
            &FlowMapOptions {
                world: Some(world),
                viewport: vp,
                palette: pal,
                font: "sans-serif",
                scale: 1.0,
                emphasis: MapEmphasis::None,
                focus: None,
                empty_message: "none",
                tr: Tr::new(Locale::En),
                base_drawn: false,
                labels_by_caller: false,
            },
        )
        .expect("draws");
    }
    svg
}

#[test]
fn map_arcs_dash_their_estimated_part_and_the_dark_map_is_dark() {
    let (b, f) = myanmar();
    let bytes = std::fs::read(common::repo_root().join("assets/world.map")).expect("world.map");
    let world = WorldMap::decode(&bytes).expect("decodes");
    let agg = Aggregates::compute(&b.dataset, &f);
    for pal in [Palette::light(), Palette::dark()] {
        let colors = ColorMap::new(&ColourRanks::of_dataset(&b.dataset), &agg, 7, &pal);
        let input = FlowMapInput::build(&b.dataset, &agg, &colors, PlaceTable::builtin());
        assert!(input.flows.iter().any(|fl| fl.estimated.0 > 0));
        let mut plain = input.clone();
        for fl in &mut plain.flows {
            fl.estimated = Tiv::ZERO;
        }
        let with = draw_map(&input, &world, &pal);
        let without = draw_map(&plain, &world, &pal);
        let extra = strokes_in(&with, pal.background) - strokes_in(&without, pal.background);
        assert!(
            extra >= 5,
            "estimated arcs carry dashes ({extra} extra strokes)"
        );
        // The scheme's sea, land and choropleth are the ones drawn.
        let up = with.to_uppercase();
        for c in [pal.sea, pal.choropleth[0], pal.choropleth[4]] {
            assert!(up.contains(&c.hex().to_uppercase()), "{} missing", c.hex());
        }
    }
}
