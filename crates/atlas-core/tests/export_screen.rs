//! Exports are what is on screen (issue #16): a timeline figure carries the markers the
//! page draws for the filter — the same labels in the same colours, with their sources —
//! and the year selection; a map figure frames the recipient's whole outline and explains
//! the dashed estimates as the page's key does; a rankings figure explains its hatching.
//! Every figure carries the credit line with SIPRI's address and the "not dollars" note.

mod common;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::export::figure::{
    figure_layout, figure_svg, map_key_in, rank_panels_in, Chart, Figure, KeySwatch,
};
use atlas_core::export::words::{data_words, filter_words, Provenance, TIV_NOTE};
use atlas_core::geo::world::WorldMap;
use atlas_core::import::places::PlaceTable;
use atlas_core::model::Dataset;
use atlas_core::render::flowmap::FlowMapInput;
use atlas_core::render::timeline::REPORTED_COLOR;
use atlas_core::render::{ColorMap, ColourRanks, Palette, Rgb};
use atlas_core::store::bundle::Bundle;
use atlas_core::story::annotations::{markers_words_in, parse_annotations, Annotation};
use atlas_core::text::{Locale, Tr};

const CREDIT: &str = "Information from the SIPRI Arms Transfers Database";
const URL: &str = "https://www.sipri.org/databases/armstransfers";

fn provenance(b: &Bundle, f: &Filter, years: YearRange) -> Provenance {
    Provenance {
        credit: CREDIT.into(),
        source_url: URL.into(),
        filter: filter_words(&b.dataset, f, years),
        link: "https://example.org/graphics/arms/?recipient=Myanmar&years=2021-2024".into(),
        data: data_words(b, "2024.2025-0123456789ab"),
        generated: "2026-12-08".into(),
    }
}

/// Myanmar since the coup, as the story's step and a reader's filter have it.
fn since_the_coup(ds: &Dataset) -> Filter {
    Filter {
        recipients: vec![ds.entity_by_name("Myanmar").expect("Myanmar")],
        years: YearRange::new(2021, 2024).ok(),
        ..Filter::default()
    }
}

/// Every `<text>` of an SVG with its fill, upper case.
fn texts_with_fill(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| {
            (
                n.text().unwrap_or("").trim().to_owned(),
                n.attribute("fill").unwrap_or("").to_uppercase(),
            )
        })
        .collect()
}

fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The committed annotations, and two of a journalist's own: a reported deal of
/// Russia's to Myanmar with a dollar figure, and one about China that a Russia filter
/// must not show.
fn annotations() -> Vec<Annotation> {
    let committed =
        std::fs::read_to_string(common::repo_root().join("assets/annotations/myanmar.tsv"))
            .expect("the committed annotations");
    let own = "date\tkind\tlabel\tsource\trecipient\tsupplier\n\
               2022-03\treported\t$14.7M radars\tThe Irrawaddy, 3 March 2022\tMyanmar\tRussia\n\
               2023-06\tevent\tChina deal signed\tReuters, 5 June 2023\tMyanmar\tChina\n";
    let (mut notes, issues) = parse_annotations(&committed);
    assert!(issues.is_empty(), "{issues:?}");
    let (more, issues) = parse_annotations(own);
    assert!(issues.is_empty(), "{issues:?}");
    notes.extend(more);
    notes
}

/// The annotations the page shows for a filter (`state::notes::Notes::applicable`).
fn applicable(ds: &Dataset, f: &Filter, notes: &[Annotation]) -> Vec<Annotation> {
    let names = |ids: &[atlas_core::model::EntityId]| -> Vec<String> {
        ids.iter().map(|e| ds.entity(*e).name.clone()).collect()
    };
    let (rec, sup) = (names(&f.recipients), names(&f.suppliers));
    let rec: Vec<&str> = rec.iter().map(String::as_str).collect();
    let sup: Vec<&str> = sup.iter().map(String::as_str).collect();
    notes
        .iter()
        .filter(|a| a.applies(&rec, &sup))
        .cloned()
        .collect()
}

#[test]
fn a_timeline_figure_draws_the_markers_the_page_draws() {
    let b = common::bundle();
    let ds = &b.dataset;
    let tr = Tr::new(Locale::En);
    let notes = annotations();
    for (supplier, drawn, absent) in [
        (
            None,
            vec!["Military coup"],
            vec!["radars", "China deal signed"],
        ),
        (
            Some("Russia"),
            vec!["Military coup", "$14.7M radars (US$, not TIV) (reported)"],
            vec!["China deal signed"],
        ),
    ] {
        let mut f = since_the_coup(ds);
        f.suppliers = supplier
            .map(|s| ds.entity_by_name(s).expect("supplier"))
            .into_iter()
            .collect();
        let marks = applicable(ds, &f, &notes);
        let refs: Vec<&Annotation> = marks.iter().collect();
        // The timeline draws every year and shades the selected ones, as on the page.
        let agg = Aggregates::compute(
            ds,
            &Filter {
                years: None,
                ..f.clone()
            },
        );
        let series = agg.stacked(StackBy::Supplier, 7);
        let (screen, _) = common::timeline_svg(&series, (700, 340), "empty", tr, &refs);
        let pal = Palette::light();
        let colors: Vec<Rgb> = (0..series.keys.len()).map(|i| pal.band(i)).collect();
        let years = f.years.expect("years");
        let prov = provenance(&b, &f, years);
        let words = markers_words_in(tr, &marks).expect("markers in words");
        let subtitle = format!("Millions of SIPRI TIV delivered per year. {words}");
        let fig = Figure {
            title: "Arms deliveries to Myanmar by supplier, 1950–2024, SIPRI TIV",
            subtitle: &subtitle,
            legend: &[],
            provenance: &prov,
            palette: &pal,
            font: "sans-serif",
            tr,
        };
        let chart = Chart::Timeline {
            series: &series,
            colors: &colors,
            selected: f.years,
            notes: &marks,
        };
        let svg = figure_svg(&fig, &chart);
        let on_screen = texts_with_fill(&screen);
        let exported = texts_with_fill(&svg);
        for label in &drawn {
            let screen_fill = on_screen
                .iter()
                .find(|(t, _)| t == label)
                .unwrap_or_else(|| panic!("{label} drawn on the page: {on_screen:?}"));
            let figure_fill = exported
                .iter()
                .find(|(t, _)| t == label)
                .unwrap_or_else(|| panic!("{label} drawn in the figure"));
            assert_eq!(screen_fill.1, figure_fill.1, "{label}: the same colour");
        }
        for label in &absent {
            assert!(!on_screen.iter().any(|(t, _)| t.contains(label)), "{label}");
            assert!(!svg.contains(label), "{label} is not about this pair");
        }
        // The reported one in its own colour, the event in ink, as on the page.
        for (t, fill) in &exported {
            if t.ends_with("(reported)") {
                assert_eq!(*fill, hex(REPORTED_COLOR));
            } else if t == "Military coup" {
                assert_eq!(*fill, hex(pal.ink));
            }
        }
        // The markers' sources, the selection and the provenance.
        let all: String = exported
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "Markers on the chart (not SIPRI data):",
            "1 Feb 2021 Military coup — Source: Date of record (common knowledge)",
            &format!("{CREDIT}, {URL}"),
            TIV_NOTE,
            "Filter: Arms deliveries",
            "2021–2024",
            "Estimate (hatched)",
        ] {
            assert!(all.contains(needle), "{needle} missing from {all}");
        }
        if supplier.is_some() {
            assert!(all.contains("The Irrawaddy, 3 March 2022"));
        }
        // The markers' lines run from their label down to the bars' baseline, in the
        // figure as on the page: never through the year labels under the chart.
        let lay = figure_layout(&fig, &chart);
        let (_, cy, _, ch) = lay.chart;
        let ink = hex(pal.ink);
        let lines = vertical_lines(&svg, &ink);
        assert!(!lines.is_empty(), "a marker line");
        for (top, bottom) in lines {
            assert!(
                top >= cy && bottom <= cy + ch - 24.0,
                "marker line {top}..{bottom} in the chart box {cy}..{}",
                cy + ch
            );
        }
        // The selected years are shaded in the figure as on the page.
        let doc = roxmltree::Document::parse(&svg).expect("SVG");
        let shaded = doc.descendants().any(|n| {
            n.tag_name().name() == "rect"
                && n.attribute("fill")
                    .is_some_and(|c| c.eq_ignore_ascii_case(&hex(pal.ink)))
                && n.attribute("opacity")
                    .and_then(|o| o.parse::<f64>().ok())
                    .is_some_and(|o| (o - 0.08).abs() < 1e-6)
        });
        assert!(shaded, "the selection is shaded");
    }
}

/// The vertical lines stroked in `colour` (the markers; axes and grid are other colours),
/// each as (top, bottom).
fn vertical_lines(svg: &str, colour: &str) -> Vec<(f64, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("SVG");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "polyline")
        .filter(|n| {
            n.attribute("stroke")
                .is_some_and(|c| c.eq_ignore_ascii_case(colour))
        })
        .filter_map(|n| {
            let pts: Vec<(f64, f64)> = n
                .attribute("points")?
                .split_whitespace()
                .filter_map(|xy| {
                    let (x, y) = xy.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            let vertical = pts.len() == 2 && pts[0].0 == pts[1].0 && pts[0].1 != pts[1].1;
            vertical.then(|| (pts[0].1.min(pts[1].1), pts[0].1.max(pts[1].1)))
        })
        .collect()
}

fn world() -> WorldMap {
    let bytes = std::fs::read(common::repo_root().join("assets/world.map")).expect("asset");
    WorldMap::decode(&bytes).expect("decodes")
}

/// Every `<polygon>` with its fill (upper case) and its points.
fn polygons(svg: &str) -> Vec<(String, Vec<(f64, f64)>)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "polygon")
        .map(|n| {
            let pts = n
                .attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|xy| {
                    let (x, y) = xy.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            (n.attribute("fill").unwrap_or("").to_uppercase(), pts)
        })
        .collect()
}

#[test]
fn a_map_figure_frames_the_recipient_whole_and_keys_its_dashes() {
    let b = common::bundle();
    let ds = &b.dataset;
    let world = world();
    let tr = Tr::new(Locale::En);
    let pal = Palette::light();
    let shades: Vec<String> = pal.choropleth.iter().map(|c| hex(*c)).collect();
    for supplier in [None, Some("China"), Some("Russia")] {
        let mut f = since_the_coup(ds);
        f.suppliers = supplier
            .map(|s| ds.entity_by_name(s).expect("supplier"))
            .into_iter()
            .collect();
        let agg = Aggregates::compute(ds, &f);
        let colors = ColorMap::new(&ColourRanks::of_dataset(ds), &agg, 7, &pal);
        let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin())
            .outline_suppliers(&f.suppliers);
        let key = map_key_in(tr, ds, &input, &pal);
        let prov = provenance(&b, &f, agg.years);
        let fig = Figure {
            title: "Arms flows to Myanmar, 2021–2024, SIPRI TIV",
            subtitle: "Arcs run from supplier to recipient.",
            legend: &key,
            provenance: &prov,
            palette: &pal,
            font: "sans-serif",
            tr,
        };
        let chart = Chart::FlowMap {
            input: &input,
            world: Some(&world),
            view: None,
        };
        let lay = figure_layout(&fig, &chart);
        let (cx, cy, cw, ch) = lay.chart;
        let svg = figure_svg(&fig, &chart);
        // Myanmar is the one country shaded; none of its points is pulled onto the
        // chart's edge (plotters clamps what falls outside), and it keeps a margin.
        let myanmar: Vec<(f64, f64)> = polygons(&svg)
            .into_iter()
            .filter(|(fill, _)| shades.contains(fill))
            .flat_map(|(_, pts)| pts)
            .collect();
        assert!(myanmar.len() > 50, "{supplier:?}: Myanmar drawn");
        let lowest = myanmar.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        for p in &myanmar {
            assert!(
                p.0 >= cx + 20.0
                    && p.0 <= cx + cw - 20.0
                    && p.1 >= cy + 20.0
                    && p.1 <= cy + ch - 20.0,
                "{supplier:?}: Myanmar at {p:?}, chart box {:?}",
                lay.chart
            );
        }
        assert!(
            lowest > cy + 0.5 * ch,
            "{supplier:?}: the southern tip is drawn, low in the frame"
        );
        // The key ends as the page's does, with the dashed estimate.
        let dashed = lay
            .legend
            .iter()
            .find(|(_, _, _, s)| *s == KeySwatch::Dashed)
            .expect("a dashed key");
        assert_eq!(dashed.2, "Dashed part: estimated");
        let text = texts_with_fill(&svg);
        for needle in [
            &format!("{CREDIT}, {URL}"),
            "Dashed part: estimated",
            "Myanmar",
        ] {
            assert!(text.iter().any(|(t, _)| t.contains(needle)), "{needle}");
        }
    }
}

#[test]
fn a_rankings_figure_keys_its_hatching() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = since_the_coup(ds);
    let agg = Aggregates::compute(ds, &f);
    let pal = Palette::light();
    let tr = Tr::new(Locale::En);
    let panels = rank_panels_in(tr, ds, &agg, |_| pal.neutral);
    let prov = provenance(&b, &f, agg.years);
    let fig = Figure {
        title: "Rankings: arms deliveries to Myanmar, 2021–2024, SIPRI TIV",
        subtitle: "",
        legend: &[],
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr,
    };
    let chart = Chart::Rankings { panels: &panels };
    let lay = figure_layout(&fig, &chart);
    assert_eq!(lay.legend.len(), 1);
    assert_eq!(lay.legend[0].3, KeySwatch::Hatched);
    let text: Vec<String> = texts_with_fill(&figure_svg(&fig, &chart))
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    for needle in [
        "Estimate (hatched)",
        "Filter: Arms deliveries to Myanmar, 2021–2024",
    ] {
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "{needle}: {text:?}"
        );
    }
}
