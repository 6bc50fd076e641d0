//! Exports: the deals CSV read back with the `csv` crate equals the register rows in the
//! order shown; the per-year CSV adds up to the aggregates; figures are well-formed SVG
//! carrying the credit, the filter and the chart's own marks; hostile names stay inert.

mod common;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::analysis::rankings::RankKind;
use atlas_core::analysis::register::{
    build_rows, search, sort_indices, Column, Direction, RegisterRow, Sort, TextIndex,
};
use atlas_core::export::clean::clean_cell;
use atlas_core::export::csv::{
    deal_record, deals_csv, deals_header, flows_csv, rankings_csv, series_csv, unguard, DealsExport,
};
use atlas_core::export::figure::{
    figure_layout, figure_svg, map_key_in, rank_panels_in, Chart, Figure, FIGURE_WIDTH, PNG_SCALE,
};
use atlas_core::export::words::{
    data_words, file_name, filter_words, Provenance, OURS_NOTE, TIV_NOTE,
};
use atlas_core::geo::world::WorldMap;
use atlas_core::import::places::PlaceTable;
use atlas_core::model::{Dataset, Tiv};
use atlas_core::render::flowmap::FlowMapInput;
use atlas_core::render::{ColorMap, ColourRanks, Palette, Rgb};
use atlas_core::store::bundle::Bundle;
use atlas_core::text::{Locale, Tr};

const CREDIT: &str = "Information from the SIPRI Arms Transfers Database";
const URL: &str = "https://www.sipri.org/databases/armstransfers";

fn myanmar(ds: &Dataset) -> Filter {
    Filter {
        recipients: vec![ds.entity_by_name("Myanmar").expect("Myanmar")],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    }
}

fn provenance(b: &Bundle, f: &Filter, years: YearRange) -> Provenance {
    Provenance {
        credit: CREDIT.into(),
        source_url: URL.into(),
        filter: filter_words(&b.dataset, f, years),
        link: "https://example.org/graphics/arms/?recipient=Myanmar&years=1990-2024".into(),
        data: data_words(b, "2024.2025-0123456789ab"),
        generated: "2026-11-28".into(),
    }
}

/// Reads a CSV the way a careful consumer would: comments skipped, headers, strict width.
fn read(csv_text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn comments(csv_text: &str) -> Vec<&str> {
    csv_text
        .trim_start_matches('\u{FEFF}')
        .split("\r\n")
        .filter_map(|l| l.strip_prefix("# "))
        .collect()
}

fn sorted_search(rows: &[RegisterRow], index: &TextIndex, sort: Sort, query: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    sort_indices(rows, &mut order, sort.column, sort.direction);
    let hits = search(rows, index, query);
    order.into_iter().filter(|i| hits.contains(i)).collect()
}

#[test]
fn the_deals_csv_reads_back_as_the_register_rows_in_order() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let years = f.years.expect("years");
    let index = TextIndex::new(ds);
    let rows = build_rows(ds, &index, &f);
    let columns: Vec<Column> = Column::ALL
        .into_iter()
        .filter(|c| !matches!(c, Column::Ordered | Column::Comments))
        .collect();
    for (sort, query) in [
        (Sort::default(), ""),
        (
            Sort {
                column: Column::Tiv,
                direction: Direction::Descending,
            },
            "aircraft",
        ),
        (
            Sort {
                column: Column::Supplier,
                direction: Direction::Ascending,
            },
            "russia",
        ),
    ] {
        let order = sorted_search(&rows, &index, sort, query);
        assert!(!order.is_empty(), "{query} finds deals");
        let prov = provenance(&b, &f, years);
        let text = deals_csv(
            ds,
            &DealsExport {
                rows: &rows,
                order: &order,
                columns: &columns,
                sort,
                search: query,
            },
            "Deal register: arms deliveries to Myanmar, 1990–2024",
            &prov,
        );
        assert!(text.starts_with("\u{FEFF}# "), "BOM, then the metadata");
        assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'));
        let meta = comments(&text).join("\n");
        for needle in [
            CREDIT,
            URL,
            TIV_NOTE,
            OURS_NOTE,
            "Filter: Arms deliveries to Myanmar, 1990–2024",
            "Link: https://example.org/graphics/arms/?recipient=Myanmar",
            "2024 release (delivery years",
            "Generated: 2026-11-28",
        ] {
            assert!(meta.contains(needle), "metadata lacks {needle}: {meta}");
        }
        if !query.is_empty() {
            assert!(meta.contains(&format!("“{query}”")));
        }
        let (header, recs) = read(&text);
        assert_eq!(header, deals_header(&columns));
        assert_eq!(recs.len(), order.len(), "one record per row shown");
        let col = |name: &str| header.iter().position(|h| h == name).expect(name);
        for (rec, &i) in recs.iter().zip(&order) {
            let r = &rows[i];
            assert_eq!(rec, &deal_record(ds, r, &columns));
            // And against the row itself, not only against our own formatter.
            assert_eq!(rec[0], r.deal.0.to_string());
            assert_eq!(rec[col("Supplier")], ds.entity(r.supplier).label());
            assert_eq!(rec[col("Recipient")], "Myanmar");
            assert_eq!(rec[col("Designation")], ds.str(r.designation));
            assert_eq!(Tiv::parse(&rec[col("TIV delivered")]), Some(r.tiv));
            assert_eq!(
                rec[col("No. delivered")].parse::<u32>().ok(),
                Some(r.delivered)
            );
            let first = rec[col("Delivered in")]
                .split([',', '–'])
                .next()
                .and_then(|y| y.trim().parse::<u16>().ok());
            assert_eq!(first, r.years.first().copied());
        }
        // The order is the sort's.
        if sort.column == Column::Tiv {
            let tivs: Vec<Tiv> = recs
                .iter()
                .map(|r| Tiv::parse(&r[col("TIV delivered")]).expect("tiv"))
                .collect();
            assert!(tivs.windows(2).all(|w| w[0] >= w[1]));
        }
    }
}

#[test]
fn the_series_csv_adds_up_to_the_aggregates() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = Filter {
        years: None,
        ..myanmar(ds)
    };
    let agg = Aggregates::compute(ds, &f);
    for by in [StackBy::Supplier, StackBy::Category] {
        let series = agg.stacked(by, 7);
        let prov = provenance(&b, &f, series.years);
        let text = series_csv(ds, &series, by, YearRange::new(1990, 2024).ok(), "t", &prov);
        assert!(comments(&text).iter().any(|l| l.contains("shaded")));
        let (header, recs) = read(&text);
        assert_eq!(header[0], "Year");
        let n_bands = series.keys.len();
        assert_eq!(header.len(), 1 + n_bands + 3);
        assert_eq!(
            &header[n_bands + 1..],
            ["Total", "Estimated", "Estimated share (%)"]
        );
        if by == StackBy::Supplier {
            assert_eq!(header[1], "China", "the largest supplier first");
            assert!(header.iter().any(|h| h == "Russia"));
        }
        assert_eq!(recs.len(), series.years.len());
        let per_year = agg.per_year();
        let mut sum = Tiv::ZERO;
        for (rec, (year, total)) in recs.iter().zip(&per_year) {
            assert_eq!(rec[0], year.to_string());
            let bands: Tiv = rec[1..=n_bands]
                .iter()
                .map(|v| Tiv::parse(v).expect("band value"))
                .sum();
            let t = Tiv::parse(&rec[n_bands + 1]).expect("total");
            assert_eq!(t, *total, "{year}");
            assert_eq!(bands, t, "bands add up to the total in {year}");
            let est = Tiv::parse(&rec[n_bands + 2]).expect("estimated");
            assert!(est <= t);
            if t.0 > 0 {
                let share: f64 = rec[n_bands + 3].parse().expect("share");
                assert!((share - 100.0 * est.0 as f64 / t.0 as f64).abs() < 0.051);
            } else {
                assert_eq!(rec[n_bands + 3], "");
            }
            sum += t;
        }
        assert_eq!(sum, agg.total);
    }
}

#[test]
fn flows_and_rankings_csv_hold_every_entry() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let agg = Aggregates::compute(ds, &f);
    let colors = ColorMap::new(
        &ColourRanks::of_dataset(&b.dataset),
        &agg,
        7,
        &Palette::light(),
    );
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin());
    let prov = provenance(&b, &f, agg.years);
    let (h, recs) = read(&flows_csv(ds, &agg, &input, "map", &prov));
    assert_eq!(h[0], "Supplier");
    assert_eq!(recs.len(), agg.flows.len());
    let total: Tiv = recs.iter().map(|r| Tiv::parse(&r[2]).expect("tiv")).sum();
    assert_eq!(total, agg.total);
    assert!(recs.iter().any(|r| r[7] == "yes"));
    let (h, recs) = read(&rankings_csv(ds, &agg, "rankings", &prov));
    assert_eq!(h, ["Ranking", "Rank", "Name", "TIV delivered", "Share (%)"]);
    let suppliers: Vec<&Vec<String>> = recs.iter().filter(|r| r[0] == "Top suppliers").collect();
    assert_eq!(suppliers.len(), agg.suppliers.len());
    let share: f64 = suppliers
        .iter()
        .map(|r| r[4].parse::<f64>().expect("share"))
        .sum();
    assert!((share - 100.0).abs() < 0.05, "shares add to 100: {share}");
    assert_eq!(suppliers[0][2], "China");
}

fn world() -> WorldMap {
    let bytes = std::fs::read(common::repo_root().join("assets/world.map")).expect("asset");
    WorldMap::decode(&bytes).expect("decodes")
}

/// All text of an SVG document, parsed as XML (which fails on anything malformed).
fn svg_text(svg: &str) -> (roxmltree::Document<'_>, String) {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let text: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    let joined = text.join("\n");
    (doc, joined)
}

fn count(doc: &roxmltree::Document<'_>, tag: &str) -> usize {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .count()
}

#[test]
fn a_timeline_figure_is_framed_svg_with_the_chart_marks() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let agg = Aggregates::compute(
        ds,
        &Filter {
            years: None,
            ..f.clone()
        },
    );
    let pal = Palette::light();
    let series = agg.stacked(StackBy::Supplier, 7);
    let colors: Vec<Rgb> = (0..series.keys.len()).map(|i| pal.band(i)).collect();
    let legend: Vec<(String, Rgb)> = series
        .keys
        .iter()
        .zip(&colors)
        .map(|(k, c)| (atlas_core::export::words::band_label(ds, *k), *c))
        .collect();
    let prov = provenance(&b, &f, f.years.expect("years"));
    let fig = Figure {
        title: "Arms deliveries to Myanmar by supplier, 1950–2024, SIPRI TIV",
        subtitle: "Millions of SIPRI TIV delivered per year.",
        legend: &legend,
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr: Tr::new(Locale::En),
    };
    let chart = Chart::Timeline {
        series: &series,
        colors: &colors,
        selected: f.years,
        notes: &[],
    };
    let svg = figure_svg(&fig, &chart);
    let (doc, text) = svg_text(&svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let lay = figure_layout(&fig, &chart);
    assert_eq!(root.attribute("width"), Some("1200"));
    assert_eq!(
        root.attribute("height"),
        Some(lay.height.to_string().as_str())
    );
    assert_eq!(
        doc.descendants()
            .find(|n| n.tag_name().name() == "title")
            .and_then(|n| n.text()),
        Some(fig.title)
    );
    for needle in [
        CREDIT,
        URL,
        TIV_NOTE,
        "Totals calculated by Arms Atlas",
        "Filter: Arms deliveries to Myanmar, 1990–2024",
        "recipient=Myanmar",
        "2025 release",
        "China",
        "Russia",
        "Estimate (hatched)",
        "2000",
        "2020",
    ] {
        assert!(text.contains(needle), "{needle} missing from the figure");
    }
    // The bars, in the band colours, and the hatching: the chart's own marks.
    assert!(count(&doc, "rect") > 60, "{} rects", count(&doc, "rect"));
    let upper = svg.to_uppercase();
    assert!(colors
        .iter()
        .take(5)
        .all(|c| upper.contains(&c.hex().to_uppercase())));
    assert!(count(&doc, "polyline") + count(&doc, "path") + count(&doc, "line") > 20);
    // Exactly one document: draw functions that present did not leave a second one.
    assert_eq!(svg.matches("</svg>").count(), 1);
    // The frame encloses the chart, and the footer is below it.
    let (cx, cy, cw, ch) = lay.chart;
    assert!(cx >= 0.0 && cx + cw <= lay.width && cy + ch < lay.rule_y);
    assert!(lay
        .footer
        .iter()
        .all(|(_, y, _)| *y > lay.rule_y && *y < lay.height));
    assert!(lay.title.iter().all(|(_, y)| *y < cy));
    assert_eq!((FIGURE_WIDTH * PNG_SCALE) as u32, 2400, "print width");
}

#[test]
fn a_map_figure_has_land_arcs_and_its_key() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let agg = Aggregates::compute(ds, &f);
    let pal = Palette::light();
    let colors = ColorMap::new(&ColourRanks::of_dataset(&b.dataset), &agg, 7, &pal);
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin());
    let world = world();
    let key = map_key_in(Tr::new(Locale::En), ds, &input, &pal);
    assert_eq!(key[0].0, "China");
    let prov = provenance(&b, &f, agg.years);
    let fig = Figure {
        title: "Arms flows to Myanmar, 1990–2024, SIPRI TIV",
        subtitle: "Arcs run from supplier to recipient.",
        legend: &key,
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr: Tr::new(Locale::En),
    };
    let svg = figure_svg(
        &fig,
        &Chart::FlowMap {
            input: &input,
            world: Some(&world),
            view: None,
        },
    );
    let (doc, text) = svg_text(&svg);
    assert!(
        svg.to_uppercase()
            .contains(&Palette::light().land.hex().to_uppercase()),
        "land is drawn"
    );
    assert!(count(&doc, "polygon") > 50, "countries and arcs");
    for needle in [
        CREDIT,
        "China",
        "Russia",
        "Myanmar",
        "Filter: Arms deliveries to Myanmar",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
}

#[test]
fn a_rankings_figure_draws_three_rankings() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let agg = Aggregates::compute(ds, &f);
    let pal = Palette::light();
    let panels = rank_panels_in(Tr::new(Locale::En), ds, &agg, |_| Rgb(0x5f, 0x6f, 0x7f));
    assert_eq!(panels.len(), RankKind::ALL.len());
    assert!(panels.iter().all(|p| p.entries.len() <= 10));
    let prov = provenance(&b, &f, agg.years);
    let fig = Figure {
        title: "Rankings: arms deliveries to Myanmar, 1990–2024, SIPRI TIV",
        subtitle: "",
        legend: &[],
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr: Tr::new(Locale::En),
    };
    let svg = figure_svg(&fig, &Chart::Rankings { panels: &panels });
    let (doc, text) = svg_text(&svg);
    assert!(text.contains("Top suppliers") && text.contains("Top weapon systems"));
    assert!(text.contains("China") && text.contains(CREDIT));
    let bars = panels.iter().map(|p| p.entries.len()).sum::<usize>();
    assert!(count(&doc, "rect") > bars, "every bar drawn");
    assert_eq!(svg.matches("</svg>").count(), 1);
}

#[test]
fn hostile_names_are_inert_in_every_export() {
    let mut b = common::bundle();
    let hostile = "=cmd|' /C calc'!A0 <script>alert(\"x\")</script>\u{202E},\"q\"\u{7}";
    let id = b.dataset.entity_by_name("Myanmar").expect("Myanmar");
    b.dataset.entities[id.0 as usize].name = hostile.to_owned();
    let ds = &b.dataset;
    let f = Filter {
        recipients: vec![id],
        text: "=HYPERLINK(\"x\"), -1".into(),
        ..Filter::default()
    };
    let f_rows = Filter {
        text: String::new(),
        ..f.clone()
    };
    let index = TextIndex::new(ds);
    let rows = build_rows(ds, &index, &f_rows);
    let order: Vec<usize> = (0..rows.len()).collect();
    let columns = [Column::Supplier, Column::Recipient, Column::Tiv];
    let agg = Aggregates::compute(ds, &f_rows);
    let prov = provenance(&b, &f, agg.years);
    assert!(prov.filter.contains("<script>"));
    let text = deals_csv(
        ds,
        &DealsExport {
            rows: &rows,
            order: &order,
            columns: &columns,
            sort: Sort::default(),
            search: "",
        },
        hostile,
        &prov,
    );
    assert!(!text.contains('\u{202E}') && !text.contains('\u{7}'));
    // No metadata piece a spreadsheet splits off at a comma starts a formula.
    for line in comments(&text) {
        for piece in line.split(',').skip(1) {
            let p = piece.trim_start();
            assert!(
                !p.starts_with(['=', '+', '-', '@', '"']),
                "unguarded piece {p:?} in {line:?}"
            );
        }
    }
    let (_, recs) = read(&text);
    assert_eq!(recs.len(), rows.len());
    let clean = clean_cell(hostile);
    assert!(!clean.contains('\u{202E}'));
    for rec in &recs {
        assert!(rec[4].starts_with("'="), "guarded: {}", rec[4]);
        assert_eq!(unguard(&rec[4]), clean.trim_end_matches('*'));
    }
    // The figure: escaped, well-formed, still says what it is.
    let pal = Palette::light();
    let series = agg.stacked(StackBy::Supplier, 7);
    let colors: Vec<Rgb> = (0..series.keys.len()).map(|i| pal.band(i)).collect();
    let legend = vec![(hostile.to_owned(), pal.band(0))];
    let fig = Figure {
        title: hostile,
        subtitle: hostile,
        legend: &legend,
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr: Tr::new(Locale::En),
    };
    let svg = figure_svg(
        &fig,
        &Chart::Timeline {
            series: &series,
            colors: &colors,
            selected: None,
            notes: &[],
        },
    );
    assert!(!svg.contains("<script"), "markup is escaped");
    assert!(!svg.contains('\u{202E}') && !svg.contains('\u{7}'));
    let (doc, text) = svg_text(&svg);
    assert_eq!(count(&doc, "script"), 0);
    assert!(text.contains("<script>alert(\"x\")</script>"));
    assert!(text.contains(CREDIT));
    // The rankings and the map draw the name inside the chart: made safe there too.
    let panels = rank_panels_in(Tr::new(Locale::En), ds, &agg, |_| pal.other);
    let svg = figure_svg(&fig, &Chart::Rankings { panels: &panels });
    assert!(roxmltree::Document::parse(&svg).is_ok() && !svg.contains("<script"));
    let file = file_name("timeline", ds, &f, agg.years, "svg");
    assert!(
        file.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c)),
        "{file}"
    );
}

#[test]
fn file_names_say_what_and_when() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let years = f.years.expect("years");
    assert_eq!(
        file_name("timeline", ds, &f, years, "svg"),
        "arms-atlas_timeline_to-myanmar_1990-2024.svg"
    );
    let russia = ds.entity_by_name("Russia").expect("Russia");
    let g = Filter {
        suppliers: vec![russia],
        ..f.clone()
    };
    assert_eq!(
        file_name("register", ds, &g, years, "csv"),
        "arms-atlas_register_from-russia-to-myanmar_1990-2024.csv"
    );
    let all = YearRange::new(1950, 2024).expect("years");
    assert_eq!(
        file_name("map", ds, &Filter::default(), all, "png"),
        "arms-atlas_map_all_1950-2024.png"
    );
    let long = Filter {
        text: "x".repeat(500),
        ..Filter::default()
    };
    assert!(file_name("map", ds, &long, all, "png").len() < 130);
}

#[test]
fn an_empty_selection_exports_words_not_a_blank() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = Filter {
        recipients: vec![ds.entity_by_name("Myanmar").expect("Myanmar")],
        suppliers: vec![ds.entity_by_name("United States").expect("United States")],
        years: YearRange::new(2020, 2024).ok(),
        ..Filter::default()
    };
    let agg = Aggregates::compute(ds, &f);
    assert_eq!(
        agg.deliveries, 0,
        "no US deliveries to Myanmar in 2020–2024"
    );
    let prov = provenance(&b, &f, agg.years);
    let index = TextIndex::new(ds);
    let rows = build_rows(ds, &index, &f);
    let text = deals_csv(
        ds,
        &DealsExport {
            rows: &rows,
            order: &[],
            columns: &Column::ALL,
            sort: Sort::default(),
            search: "",
        },
        "t",
        &prov,
    );
    let (header, recs) = read(&text);
    assert_eq!(header, deals_header(&Column::ALL));
    assert!(recs.is_empty());
    assert!(comments(&text)
        .iter()
        .any(|l| l.starts_with("0 deals of 0")));
    let pal = Palette::light();
    let series = agg.stacked(StackBy::Supplier, 7);
    let fig = Figure {
        title: "Empty",
        subtitle: "",
        legend: &[],
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr: Tr::new(Locale::En),
    };
    let (_, t) = svg_text(&figure_svg(
        &fig,
        &Chart::Timeline {
            series: &series,
            colors: &[],
            selected: None,
            notes: &[],
        },
    ));
    assert!(t.contains("No deliveries match these filters") && t.contains(CREDIT));
    let colors = ColorMap::new(&ColourRanks::of_dataset(&b.dataset), &agg, 7, &pal);
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin());
    let (_, t) = svg_text(&figure_svg(
        &fig,
        &Chart::FlowMap {
            input: &input,
            world: None,
            view: None,
        },
    ));
    assert!(t.contains("No arms flows match these filters"));
    let panels = rank_panels_in(Tr::new(Locale::En), ds, &agg, |_| pal.other);
    let (_, t) = svg_text(&figure_svg(&fig, &Chart::Rankings { panels: &panels }));
    assert!(t.contains("Nothing to rank for these filters"));
}

#[test]
fn a_zoomed_map_exports_the_area_on_screen() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar(ds);
    let agg = Aggregates::compute(ds, &f);
    let pal = Palette::light();
    let colors = ColorMap::new(&ColourRanks::of_dataset(&b.dataset), &agg, 7, &pal);
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin());
    // The reader zoomed in on Southeast Asia on a 600 × 400 map.
    let screen = atlas_core::geo::projection::Viewport::fit_lonlat_box(
        90.0, 5.0, 110.0, 25.0, 600.0, 400.0, 0.0,
    );
    let chart = Chart::FlowMap {
        input: &input,
        world: None,
        view: Some(screen),
    };
    let prov = provenance(&b, &f, agg.years);
    let fig = Figure {
        title: "Zoomed",
        subtitle: "",
        legend: &[],
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr: Tr::new(Locale::En),
    };
    let lay = figure_layout(&fig, &chart);
    let (_, _, w, h) = lay.chart;
    assert!((w / h - 1.5).abs() < 0.01, "the screen's shape: {w} × {h}");
    let (_, t) = svg_text(&figure_svg(&fig, &chart));
    assert!(
        t.contains("Myanmar"),
        "the zoomed area's places are labelled"
    );
    assert!(!t.contains("Canada"), "places off screen are not");
}
