//! The numbers and words drawn inside the charts follow the reader's language: the same
//! draw functions the browser uses on a canvas, rendered to SVG with French and German,
//! must show `1 000` (fr, narrow no-break space) and `1.000` (de) where English shows
//! `1,000`, and the words of the legends and keys from the translation tables. Exported
//! CSV keeps machine-readable numbers whatever the language.

mod common;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::Filter;
use atlas_core::analysis::rankings::{rank_entries, RankKind};
use atlas_core::export::csv::rankings_csv;
use atlas_core::export::figure::{figure_svg, rank_panels_in, Chart, Figure};
use atlas_core::export::words::{data_words, filter_words, Provenance};
use atlas_core::import::places::PlaceTable;
use atlas_core::render::flowmap::{draw_flowmap, FlowMapInput, FlowMapOptions};
use atlas_core::render::flowmap::{fit_to_flows, legend_number_in, MapEmphasis};
use atlas_core::render::{ColorMap, ColourRanks, Palette, Rgb};
use atlas_core::text::number::{format_int, NNBSP};
use atlas_core::text::{Locale, Tr};
use plotters::prelude::*;

/// The whole bundle's timeline (its tallest year is well over a thousand million TIV).
fn timeline_svg(tr: Tr) -> (String, f64) {
    let b = common::bundle();
    let agg = Aggregates::compute(&b.dataset, &Filter::default());
    let series = agg.stacked(StackBy::Supplier, 7);
    let (svg, layout) = common::timeline_svg(&series, (900, 420), tr.t("alt.empty"), tr, &[]);
    (svg, layout.y_max)
}

/// Axis labels that are grouped numbers (more than three digits).
fn grouped_ticks(svg: &str) -> Vec<String> {
    common::svg_texts(svg)
        .into_iter()
        .filter(|t| t.chars().filter(char::is_ascii_digit).count() > 3)
        .filter(|t| !t.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

#[test]
fn timeline_axis_is_numbered_the_readers_way() {
    let (en, y_max) = timeline_svg(Tr::new(Locale::En));
    assert!(y_max >= 1000.0, "the bundle's tallest year is {y_max}");
    let en_ticks = grouped_ticks(&en);
    assert!(
        !en_ticks.is_empty(),
        "no grouped tick in {:?}",
        common::svg_texts(&en)
    );
    assert!(en_ticks.iter().all(|t| t.contains(',')), "{en_ticks:?}");
    for (l, sep) in [
        (Locale::Fr, NNBSP),
        (Locale::De, '.'),
        (Locale::Ru, '\u{A0}'),
    ] {
        let (svg, _) = timeline_svg(Tr::new(l));
        let ticks = grouped_ticks(&svg);
        assert_eq!(ticks.len(), en_ticks.len(), "{l:?}: {ticks:?}");
        for (t, e) in ticks.iter().zip(&en_ticks) {
            assert!(t.contains(sep), "{l:?}: tick {t:?} lacks {sep:?}");
            assert!(!t.contains(','), "{l:?}: tick {t:?} has an English comma");
            // The same number, other separators.
            assert_eq!(t.replace(sep, ""), e.replace(',', ""), "{l:?}");
        }
        // Each tick is exactly what the locale's formatter writes for that number.
        for (t, e) in ticks.iter().zip(&en_ticks) {
            let n: i64 = e
                .replace(',', "")
                .parse()
                .expect("an English tick is a number");
            assert_eq!(t, &format_int(l, n), "{l:?}");
        }
    }
    // Years are never grouped, in any language.
    let (fr, _) = timeline_svg(Tr::new(Locale::Fr));
    assert!(common::svg_texts(&fr).iter().any(|t| t == "2000"));
}

#[test]
fn rankings_values_and_shares_follow_the_locale() {
    let b = common::bundle();
    let ds = &b.dataset;
    let agg = Aggregates::compute(ds, &Filter::default());
    let entries: Vec<_> = rank_entries(ds, &agg, RankKind::Suppliers)
        .into_iter()
        .take(8)
        .collect();
    assert!(
        entries[0].tiv.millions() >= 1000.0,
        "the top supplier is large"
    );
    let pal = Palette::light();
    for l in Locale::ALL {
        let tr = Tr::new(l);
        let (svg, _) = common::rankings_svg(
            &entries,
            (700, 320),
            "",
            &[],
            &pal,
            tr.t("rank.empty_short"),
            tr,
        );
        let texts = common::svg_texts(&svg);
        let want = format!(
            "{} · {}",
            tr.tiv(entries[0].tiv),
            tr.fraction(entries[0].share)
        );
        assert!(texts.contains(&want), "{l:?}: {want} not in {texts:?}");
        match l {
            Locale::Fr => {
                assert!(want.contains(NNBSP) && want.ends_with("\u{A0}%"), "{want}");
            }
            Locale::De => assert!(want.contains('.') && want.ends_with("\u{A0}%"), "{want}"),
            Locale::En => assert!(want.contains(',') && want.ends_with('%'), "{want}"),
            Locale::Ru => assert!(want.contains('\u{A0}'), "{want}"),
        }
    }
    // Nothing to rank: the message in the reader's language.
    let tr = Tr::new(Locale::Fr);
    let (svg, _) =
        common::rankings_svg(&[], (400, 200), "", &[], &pal, tr.t("rank.empty_short"), tr);
    assert!(common::svg_texts(&svg)
        .iter()
        .any(|t| t == "Rien à classer pour ces filtres"));
}

fn map_svg(tr: Tr) -> String {
    let b = common::bundle();
    let agg = Aggregates::compute(&b.dataset, &Filter::default());
    let pal = Palette::light();
    let colors = ColorMap::new(&ColourRanks::of_dataset(&b.dataset), &agg, 7, &pal);
    let input = FlowMapInput::build(&b.dataset, &agg, &colors, PlaceTable::builtin());
    assert!(
        input.scale.breaks[5] >= 1000.0,
        "legend tops at {}",
        input.scale.breaks[5]
    );
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, 520)).into_drawing_area();
        draw_flowmap(
            &root,
            &input,
            &FlowMapOptions {
                world: None,
                viewport: fit_to_flows(&input, None, 900.0, 520.0),
                palette: &pal,
                font: "sans-serif",
                scale: 1.0,
                emphasis: MapEmphasis::None,
                focus: None,
                empty_message: tr.t("map.empty_short"),
                tr,
                base_drawn: false,
                labels_by_caller: false,
            },
        )
        .expect("draws");
    }
    svg
}

#[test]
fn map_legend_speaks_the_readers_language() {
    let fr = common::svg_texts(&map_svg(Tr::new(Locale::Fr)));
    assert!(
        fr.iter().any(|t| t == "Armes importées, millions de TIV"),
        "{fr:?}"
    );
    assert!(
        fr.iter()
            .any(|t| t.starts_with("= ") && t.ends_with(" millions de TIV")),
        "{fr:?}"
    );
    let de = common::svg_texts(&map_svg(Tr::new(Locale::De)));
    let en = common::svg_texts(&map_svg(Tr::new(Locale::En)));
    // The class breaks: the same numbers, German separators.
    let en_big: Vec<&String> = en
        .iter()
        .filter(|t| t.contains(',') && t.chars().all(|c| c.is_ascii_digit() || c == ','))
        .collect();
    assert!(!en_big.is_empty(), "no grouped legend number in {en:?}");
    for n in en_big {
        let want = n.replace(',', ".");
        assert!(de.contains(&want), "de lacks {want}: {de:?}");
        let want = n.replace(',', &NNBSP.to_string());
        assert!(fr.contains(&want), "fr lacks {want:?}: {fr:?}");
    }
    assert_eq!(legend_number_in(Tr::new(Locale::De), 0.2), "0,2");
    assert_eq!(legend_number_in(Tr::new(Locale::Fr), 0.25), "0,25");
    assert_eq!(legend_number_in(Tr::new(Locale::En), 10_000.0), "10,000");
    assert_eq!(legend_number_in(Tr::new(Locale::De), 10_000.0), "10.000");
}

#[test]
fn french_figure_and_machine_readable_csv() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = Filter::default();
    let agg = Aggregates::compute(ds, &f);
    let prov = Provenance {
        credit: "Information from the SIPRI Arms Transfers Database".into(),
        source_url: "https://www.sipri.org/databases/armstransfers".into(),
        filter: filter_words(ds, &f, agg.years),
        link: "https://example.org/?lang=fr".into(),
        data: data_words(&b, "test"),
        generated: "2026-11-28".into(),
    };
    let tr = Tr::new(Locale::Fr);
    let panels = rank_panels_in(tr, ds, &agg, |_| Rgb(0x55, 0x66, 0x77));
    assert!(
        panels[0].title.starts_with("Principaux fournisseurs"),
        "{}",
        panels[0].title
    );
    let pal = Palette::light();
    let fig = Figure {
        title: "Classements",
        subtitle: tr.t("export.rankings_sub"),
        legend: &[],
        provenance: &prov,
        palette: &pal,
        font: "sans-serif",
        tr,
    };
    let svg = figure_svg(&fig, &Chart::Rankings { panels: &panels });
    let texts = common::svg_texts(&svg);
    assert!(
        texts.iter().any(|t| t == "Estimation (hachures)"),
        "{texts:?}"
    );
    let top = &panels[0].entries[0];
    let want = format!("{} · {}", tr.tiv(top.tiv), tr.fraction(top.share));
    assert!(want.contains(NNBSP), "{want}");
    assert!(texts.contains(&want), "{want} not in the French figure");
    // The SIPRI credit line stays in SIPRI's English wording.
    assert!(svg.contains("Information from the SIPRI Arms Transfers Database"));

    // CSV: numbers stay plain (no grouping, a point for decimals), whatever the UI says.
    let csv = rankings_csv(ds, &agg, "Rankings", &prov);
    let first = csv
        .lines()
        .find(|l| !l.starts_with('#') && !l.starts_with('\u{feff}') && l.contains(",1,"))
        .expect("a first-ranked row");
    assert!(
        !first.contains(NNBSP) && !first.contains('\u{A0}'),
        "{first}"
    );
    let cells: Vec<&str> = first.split(',').collect();
    let share = cells.last().expect("share").trim();
    assert!(
        share.parse::<f64>().is_ok() && share.contains('.'),
        "share cell {share:?} is not a plain decimal"
    );
}

#[test]
fn the_data_loaded_is_described_in_the_readers_language() {
    use atlas_core::import::subset::{SEAM_NOTE, TITLE};
    use atlas_core::text::facts::meta_words_in;
    let en = Tr::new(Locale::En);
    // English reads exactly as stored.
    assert_eq!(
        meta_words_in(en, TITLE, SEAM_NOTE),
        (TITLE.to_owned(), SEAM_NOTE.to_owned())
    );
    let b = common::bundle();
    assert_eq!(b.meta.title, TITLE);
    assert_eq!(b.meta.note, SEAM_NOTE);
    let (t, n) = meta_words_in(Tr::new(Locale::Fr), &b.meta.title, &b.meta.note);
    assert!(t.starts_with("Livraisons à l’Asie du Sud-Est"), "{t}");
    assert!(n.contains("1994/1995") && n.contains("édition 2025"), "{n}");
    // A user's dataset: the fixed sentences are translated, file names kept.
    let title = "Your files: a.csv, b.csv (SIPRI releases 2024, 2025)";
    let note = "Loaded from SIPRI exports in this browser. The files come from different SIPRI \
                releases; figures from different releases may not match where SIPRI revised them.";
    assert_eq!(
        meta_words_in(en, title, note),
        (title.to_owned(), note.to_owned())
    );
    let (t, n) = meta_words_in(Tr::new(Locale::Fr), title, note);
    assert_eq!(
        t,
        "Vos fichiers\u{A0}: a.csv, b.csv (éditions du SIPRI 2024, 2025)"
    );
    assert!(n.starts_with("Chargé depuis des exports du SIPRI"), "{n}");
    assert!(!n.contains("Loaded"), "{n}");
    // Text of other origin is shown as stored.
    assert_eq!(
        meta_words_in(Tr::new(Locale::Fr), "Some bundle", "Some note."),
        ("Some bundle".to_owned(), "Some note.".to_owned())
    );
}

#[test]
fn annotation_dates_are_written_the_readers_way() {
    use atlas_core::story::annotations::AnnotationDate;
    let d = AnnotationDate {
        year: 2021,
        month: 2,
        day: Some(1),
    };
    let m = AnnotationDate {
        year: 2021,
        month: 8,
        day: None,
    };
    assert_eq!(d.format_in(Tr::new(Locale::En)), "1 Feb 2021");
    assert_eq!(m.format_in(Tr::new(Locale::En)), "Aug 2021");
    assert_eq!(d.format_in(Tr::new(Locale::Fr)), "1 févr. 2021");
    assert_eq!(m.format_in(Tr::new(Locale::Fr)), "août 2021");
    assert_eq!(d.format_in(Tr::new(Locale::De)), "1. Feb. 2021");
    assert_eq!(d.format_in(Tr::new(Locale::Ru)), "1 февр. 2021 г.");
}
