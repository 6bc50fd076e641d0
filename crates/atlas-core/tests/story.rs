//! The Myanmar story preset and annotations: the committed annotation file parses, bad
//! files give located messages, the story's claims hold on the bundled data (computed),
//! the markers are drawn at their dates without overlapping labels, and story and
//! embed links round-trip.

mod common;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::render::text_width;
use atlas_core::render::timeline::REPORTED_COLOR;
use atlas_core::story::annotations::{
    check_annotation_path, parse_annotations, source_is_unconfirmed, Annotation, AnnotationKind,
};
use atlas_core::story::{caption_in, ranked_suppliers, story, Caption};
use atlas_core::text::{Locale, Tr};
use atlas_core::url::query::parse_query;
use atlas_core::url::state::UrlState;

fn committed_notes() -> Vec<Annotation> {
    let text = std::fs::read_to_string(common::repo_root().join("assets/annotations/myanmar.tsv"))
        .expect("assets/annotations/myanmar.tsv");
    let (notes, issues) = parse_annotations(&text);
    assert!(issues.is_empty(), "{issues:?}");
    notes
}

#[test]
fn the_committed_annotation_file_is_valid_and_honest() {
    // Only what can be checked: the coup, a matter of record. The news story's Russian
    // deals and customs figure are not in SIPRI and have no checked citation.
    let notes = committed_notes();
    assert_eq!(notes.len(), 1);
    let coup = &notes[0];
    assert_eq!(coup.kind, AnnotationKind::Event);
    assert_eq!(coup.label, "Military coup");
    assert_eq!(coup.date.format_in(Tr::new(Locale::En)), "1 Feb 2021");
    let text = std::fs::read_to_string(common::repo_root().join("assets/annotations/myanmar.tsv"))
        .unwrap()
        .to_lowercase();
    for placeholder in [
        "to confirm",
        "to be confirmed",
        "citation",
        "tbc",
        "todo",
        "$",
    ] {
        assert!(
            !text.contains(placeholder),
            "myanmar.tsv contains {placeholder:?}"
        );
    }
    for n in &notes {
        assert!(!source_is_unconfirmed(&n.source), "{}", n.source);
        assert!(!n.in_dollars());
        assert!(n.applies(&["Myanmar"], &[]));
        assert!(n.applies(&["Myanmar"], &["China"]));
        assert!(n.applies(&["Myanmar", "Thailand"], &["Russia"]));
        assert!(!n.applies(&["Thailand"], &[]));
        assert!(!n.applies(&[], &[]));
    }
}

const HEADER: &str = "date\tkind\tlabel\tsource\trecipient\tsupplier\n";

#[test]
fn unconfirmed_sources_are_refused_with_their_line() {
    let file = format!(
        "{HEADER}\
        2021-01\treported\tDeal agreed\tAs reported; citation to confirm\tMyanmar\tRussia\n\
        2021-02\treported\tRadars\tSome paper (unconfirmed)\tMyanmar\tRussia\n\
        2021-03\treported\tDrones\tTBC\tMyanmar\tRussia\n\
        2021-04\tevent\tChecked\tThe Irrawaddy, 4 April 2021\tMyanmar\t\n"
    );
    let (notes, issues) = parse_annotations(&file);
    let msgs: Vec<String> = issues.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    for (i, m) in msgs.iter().enumerate() {
        assert!(
            m.starts_with(&format!("line {}, column “source”", i + 2)),
            "{m}"
        );
        assert!(m.contains("not confirmed"), "{m}");
    }
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].label, "Checked");
    // Words that merely contain a short marker are not refused.
    assert!(!source_is_unconfirmed("Todorov, Reuters"));
    assert!(!source_is_unconfirmed("Tbilisi Times"));
    assert!(source_is_unconfirmed("  "));
    assert!(source_is_unconfirmed("Reuters — to be confirmed"));
}

#[test]
fn markers_show_only_for_their_supplier_and_recipient() {
    let file = format!(
        "{HEADER}\
        2021-02\treported\tRadars delivered\tA checked outlet\tMyanmar\tRussia\n\
        2021-02-01\tevent\tMilitary coup\tDate of record\tMyanmar\t\n"
    );
    let (notes, issues) = parse_annotations(&file);
    assert!(issues.is_empty(), "{issues:?}");
    let shown = |rec: &[&str], sup: &[&str]| -> Vec<String> {
        notes
            .iter()
            .filter(|n| n.applies(rec, sup))
            .map(|n| n.label.clone())
            .collect()
    };
    assert_eq!(
        shown(&["Myanmar"], &["Russia"]),
        ["Military coup", "Radars delivered"]
    );
    assert_eq!(shown(&["Myanmar"], &["Russia", "China"]).len(), 2);
    assert_eq!(shown(&["Myanmar"], &["China"]), ["Military coup"]);
    assert_eq!(shown(&["Myanmar"], &["India"]), ["Military coup"]);
    // "All suppliers" is not Russia.
    assert_eq!(shown(&["Myanmar"], &[]), ["Military coup"]);
    assert!(shown(&[], &["Russia"]).is_empty());
    assert!(shown(&[], &[]).is_empty());
}

#[test]
fn dollar_figures_say_they_are_not_tiv() {
    let file = format!(
        "{HEADER}\
        2021-02\treported\t$14.7M radars\tA checked outlet\tMyanmar\tRussia\n\
        2021-03\tevent\tUS$ 5m loan\tA checked outlet\tMyanmar\t\n\
        2021-04\tevent\tUSD 3 million\tA checked outlet\tMyanmar\t\n\
        2021-05\tevent\tTen million dollars\tA checked outlet\tMyanmar\t\n\
        2021-06\tevent\tMilitary coup\tDate of record\tMyanmar\t\n"
    );
    let (notes, issues) = parse_annotations(&file);
    assert!(issues.is_empty(), "{issues:?}");
    let en = Tr::new(Locale::En);
    let labels: Vec<String> = notes.iter().map(|n| n.chart_label_in(en)).collect();
    assert_eq!(labels[0], "$14.7M radars (US$, not TIV) (reported)");
    assert_eq!(labels[1], "US$ 5m loan (US$, not TIV)");
    assert_eq!(labels[2], "USD 3 million (US$, not TIV)");
    assert_eq!(labels[3], "Ten million dollars (US$, not TIV)");
    assert_eq!(labels[4], "Military coup");
    // In every language, the marker says so.
    for (loc, word) in [
        (Locale::Fr, "pas du TIV"),
        (Locale::De, "kein TIV"),
        (Locale::Ru, "не TIV"),
    ] {
        let l = notes[1].chart_label_in(Tr::new(loc));
        assert!(l.starts_with("US$ 5m loan") && l.contains(word), "{l}");
    }
    // Drawn that way on the chart.
    let refs: Vec<&Annotation> = notes.iter().collect();
    let svg = render_annotated(800, &refs[..1]);
    assert!(
        svg.contains("(US$, not TIV)"),
        "the dollar marker is drawn without its unit"
    );
}

#[test]
fn malformed_files_give_located_messages() {
    let (n, i) = parse_annotations("");
    assert!(n.is_empty());
    assert!(i[0].to_string().contains("empty"), "{:?}", i);

    let (n, i) = parse_annotations("date,kind,label,source\n2021-01,event,x,y\n");
    assert!(n.is_empty());
    assert!(i[0].to_string().starts_with("line 1:"), "{}", i[0]);
    assert!(i[0].message.contains("tab"), "{}", i[0]);

    let (n, i) = parse_annotations("date\tkind\tlabel\n2021-01\tevent\tx\n");
    assert!(n.is_empty());
    assert!(i[0].message.contains("source"), "{}", i[0]);

    let file = "# comment\n\
        date\tkind\tlabel\tsource\turl\tcolour\n\
        2021-02-30\tevent\tBad day\tsomeone\t\t\n\
        2021-02\trumour\tBad kind\tsomeone\t\t\n\
        2021-02\treported\t\tsomeone\t\t\n\
        2021-02\treported\tThis label is far too long to fit on a phone chart\tsomeone\t\t\n\
        2021-02\treported\tNo source\t\t\t\n\
        2021-03\treported\tKept, url dropped\tsomeone\tjavascript:alert(1)\t\n\
        2020-05-04\tevent\tGood\tsomeone\thttps://example.org/x\tred\n";
    let (n, i) = parse_annotations(file);
    let msgs: Vec<String> = i.iter().map(ToString::to_string).collect();
    assert!(
        msgs[0].starts_with("line 2, column “colour”: unknown column"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].starts_with("line 3, column “date”: day 30 does not exist"),
        "{msgs:?}"
    );
    assert!(
        msgs[2].starts_with("line 4, column “kind”: “rumour” is not event or reported"),
        "{msgs:?}"
    );
    assert!(msgs[3].starts_with("line 5, column “label”"), "{msgs:?}");
    assert!(
        msgs[4].starts_with("line 6, column “label”: the label has 50 characters"),
        "{msgs:?}"
    );
    assert!(msgs[5].starts_with("line 7, column “source”"), "{msgs:?}");
    assert!(msgs[6].starts_with("line 8, column “url”"), "{msgs:?}");
    assert_eq!(msgs.len(), 7);
    // Sorted by date; the good lines are kept.
    assert_eq!(n.len(), 2);
    assert_eq!(n[0].label, "Good");
    assert_eq!(n[0].url.as_deref(), Some("https://example.org/x"));
    assert_eq!(n[1].url, None);
}

#[test]
fn annotation_paths_stay_in_the_pages_folder() {
    // Issue #15: annotation files come only from the app's own folder or below it.
    assert_eq!(
        check_annotation_path("my-notes.tsv").as_deref(),
        Ok("my-notes.tsv")
    );
    assert!(check_annotation_path("assets/annotations/x.tsv").is_ok());
    assert!(check_annotation_path("notes/2026/a_b-c.tsv").is_ok());
    assert!(
        check_annotation_path("notes..v2.tsv").is_ok(),
        "dots inside a name are fine"
    );
    for (bad, why) in [
        ("https://evil.example/x.tsv", "scheme or another site"),
        ("//evil.example/x.tsv", "another site"),
        ("/abs/x.tsv", "not a relative path"),
        ("javascript:alert(1)", "scheme"),
        ("data:text/plain,x", "scheme"),
        ("a\\b.tsv", "not a relative path"),
        ("..\\x.tsv", "not a relative path"),
        ("a b.tsv", "spaces"),
        ("a\u{202E}b.tsv", "invisible"),
        ("", "empty"),
        // Climbing out, however written.
        ("../notes/x.tsv", "climbs out"),
        ("../../../uploads/evil.tsv", "climbs out"),
        ("assets/../../x.tsv", "climbs out"),
        ("assets/..", "climbs out"),
        ("./../x.tsv", "segment"),
        ("./x.tsv", ". segment"),
        ("%2e%2e/x.tsv", "percent escape"),
        ("%2E%2E/x.tsv", "percent escape"),
        (".%2e/x.tsv", "percent escape"),
        ("a//b.tsv", "empty segment"),
        ("assets/", "empty segment"),
        ("x.tsv?v=1", "? or #"),
    ] {
        let e = check_annotation_path(bad).expect_err(bad);
        assert!(e.contains(why), "{bad:?}: {e}");
        assert!(e.contains("inside this page's folder"), "{e}");
    }
    // From a link: `%2e%2e` arrives decoded once (`..`), `%252e` as `%2e`; both refused,
    // and the issue names the parameter and why.
    for q in [
        "?annotations=../../../x.tsv",
        "?annotations=%2e%2e/%2e%2e/x.tsv",
        "?annotations=%252e%252e/x.tsv",
        "?annotations=https://evil.example/x.tsv",
    ] {
        let (st, issues) = parse_query(q);
        assert_eq!(st.show.annotations, None, "{q}");
        assert_eq!(issues.len(), 1, "{q}: {issues:?}");
        assert_eq!(issues[0].param, "annotations");
    }
    let (_, issues) = parse_query("?annotations=../../../x.tsv");
    assert!(
        issues[0]
            .message
            .contains("climbs out of this page's folder"),
        "{issues:?}"
    );
}

#[test]
fn annotation_files_resolve_in_the_pages_folder() {
    use atlas_core::url::embed::beside_page;
    for (page, want) in [
        (
            "https://news.example/graphics/2026/arms/?embed&annotations=a.tsv",
            "https://news.example/graphics/2026/arms/notes/a.tsv",
        ),
        (
            "https://news.example/graphics/2026/arms/index.html#x",
            "https://news.example/graphics/2026/arms/notes/a.tsv",
        ),
        (
            "http://127.0.0.1:8097/",
            "http://127.0.0.1:8097/notes/a.tsv",
        ),
    ] {
        assert_eq!(beside_page(page, "notes/a.tsv"), want);
    }
}

#[test]
fn annotation_text_is_data_never_layout() {
    // A label, a source and a detail with a bidi override, zero-width and control
    // characters: shown without them, checked (length) after cleaning.
    let text = "date\tkind\tlabel\tsource\tdetail\turl\n\
                2021-02-01\tevent\tCoup \u{202E}ni\u{202C}\u{200B}\tRe\u{2066}uters\u{2069}\tA\u{0}b\u{AD}c\u{FEFF}\thttps://example.org/\u{200F}x\n";
    let (notes, issues) = parse_annotations(text);
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(notes[0].label, "Coup ni");
    assert_eq!(notes[0].source, "Reuters");
    assert_eq!(notes[0].detail, "Abc");
    assert_eq!(notes[0].url.as_deref(), Some("https://example.org/x"));
}

#[test]
fn the_story_holds_on_the_bundled_data() {
    let b = common::bundle();
    let ds = &b.dataset;
    let s = story("myanmar").expect("the story");
    assert_eq!(s.steps.len(), 4);
    // Step 1, the news: the years since the coup (checked in `story_coup.rs`).
    assert_eq!(s.steps[0].caption, Caption::Since);
    // Step 2: Myanmar's suppliers over the decades, computed: China first, Russia second.
    let (f1, issues) = s.steps[1].state.resolve(ds);
    assert!(issues.is_empty());
    assert_eq!(f1.years, None);
    let ranked = ranked_suppliers(ds, &f1);
    assert_eq!(&ranked[..2], ["China", "Russia"], "{ranked:?}");
    let c1 = caption_in(Tr::new(Locale::En), ds, &s.steps[1]);
    println!("step 2: {c1}");
    assert!(c1.contains("China largest ("), "{c1}");
    assert!(c1.contains("Russia second ("), "{c1}");
    // The caption's numbers are the aggregates' numbers.
    let agg = Aggregates::compute(ds, &f1);
    let total = Tr::new(Locale::En).tiv(agg.total);
    assert!(c1.contains(&format!("Of the {total} million TIV")), "{c1}");
    // Step 3: Russia to Myanmar by category.
    assert_eq!(s.steps[2].state.stack, StackBy::Category);
    let c2 = caption_in(Tr::new(Locale::En), ds, &s.steps[2]);
    println!("step 3: {c2}");
    assert!(c2.starts_with("Russia delivered "), "{c2}");
    assert!(c2.contains("aircraft"), "{c2}");
    // Step 4: the flow map of Myanmar's imports.
    assert_eq!(s.steps[3].state.view.as_deref(), Some("map"));
    let c3 = caption_in(Tr::new(Locale::En), ds, &s.steps[3]);
    println!("step 4: {c3}");
    assert!(c3.contains("The thickest arcs: China ("), "{c3}");
}

#[test]
fn story_links_expand_to_explicit_filters_and_round_trip() {
    let b = common::bundle();
    let ds = Some(&b.dataset);
    let (st, issues) = parse_query("?story=myanmar");
    assert!(issues.is_empty());
    let e = st.expand_story(ds);
    assert_eq!(e.recipients, ["Myanmar"]);
    assert_eq!(e.show.step, Some(1));
    // The first step runs from the coup to the data's last year, written out.
    let (_, last) = b.dataset.year_span().expect("years");
    assert_eq!(
        e.to_query(),
        format!("?recipient=Myanmar&years=2021-{last}&view=map&story=myanmar&step=1")
    );
    // Before the data is there, only the presentation is read: the years stay open.
    assert_eq!(st.expand_story(None).years, None);
    assert_eq!(st.expand_story(None).show, e.show);
    // Reopened, the written link is kept as it is (it has filters of its own).
    let (again, _) = parse_query(&e.to_query());
    assert_eq!(again.expand_story(ds), e);
    let (st2, _) = parse_query("?story=myanmar&step=3&embed");
    let e2 = st2.expand_story(ds);
    assert_eq!(e2.suppliers, ["Russia"]);
    assert_eq!(e2.stack, StackBy::Category);
    assert_eq!(e2.years, None);
    assert!(e2.show.embed);
    let (back, issues) = parse_query(&e2.to_query());
    assert!(issues.is_empty());
    assert_eq!(back, e2);
    // Explicit filters win over the story's.
    let (st3, _) = parse_query("?recipient=Thailand&story=myanmar&step=1");
    assert_eq!(st3.expand_story(ds).recipients, ["Thailand"]);
    assert_eq!(st3.expand_story(ds).years, None);
    // Out-of-range steps clamp; unknown stories are reported.
    let (st4, _) = parse_query("?story=myanmar&step=9");
    assert_eq!(st4.expand_story(ds).show.step, Some(4));
    let (st5, issues) = parse_query("?story=nowhere&step=x");
    assert_eq!(st5.show.story, None);
    assert_eq!(issues.len(), 2);
}

#[test]
fn embed_titles_are_length_limited_text() {
    let long = "A".repeat(500);
    let (st, _) = parse_query(&format!("?embed&title={long}"));
    assert_eq!(st.show.title.as_deref().map(str::len), Some(120));
    let (st, _) = parse_query("?embed&title=%3Cscript%3Ealert(1)%3C%2Fscript%3E&controls=1");
    assert_eq!(st.show.title.as_deref(), Some("<script>alert(1)</script>"));
    assert!(st.show.controls);
    assert!(st
        .to_query()
        .contains("title=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
    let (st, _) = parse_query("?embed=0");
    assert!(!st.show.embed);
    assert_eq!(UrlState::default().to_query(), "");
}

fn render_annotated(width: u32, notes: &[&Annotation]) -> String {
    let b = common::bundle();
    let ds = &b.dataset;
    let (f, _) = story("myanmar").expect("story").steps[1].state.resolve(ds);
    let series = Aggregates::compute(ds, &f).stacked(StackBy::Supplier, 7);
    common::timeline_svg(&series, (width, 300), "none", Tr::new(Locale::En), notes).0
}

/// `(x, y, anchor)` of each `<text>` whose content is `label`.
fn text_pos(svg: &str, label: &str) -> Option<(f64, f64, String)> {
    let needle = format!("\n{}\n</text>", label.replace('&', "&amp;"));
    let end = svg.find(&needle)?;
    let start = svg[..end].rfind("<text")?;
    let tag = &svg[start..end];
    let attr = |name: &str| -> Option<String> {
        let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[i..].split('"').next()?.to_owned())
    };
    Some((
        attr("x")?.parse().ok()?,
        attr("y")?.parse().ok()?,
        attr("text-anchor").unwrap_or_else(|| "start".into()),
    ))
}

#[test]
fn markers_are_drawn_at_their_dates_with_labels_apart() {
    // The committed coup, with two reported items of a journalist's own file close to it.
    let mut notes = committed_notes();
    let (mine, issues) = parse_annotations(&format!(
        "{HEADER}\
        2021-01\treported\tPantsir-S1, Orlan-10E agreed\tA checked outlet\tMyanmar\tRussia\n\
        2021-02\treported\t$14.7M Russian radars\tA checked outlet\tMyanmar\tRussia\n"
    ));
    assert!(issues.is_empty(), "{issues:?}");
    notes.extend(mine);
    let refs: Vec<&Annotation> = notes.iter().collect();
    for width in [375u32, 800] {
        let svg = render_annotated(width, &refs);
        let plain = render_annotated(width, &[]);
        let mut boxes = Vec::new();
        for n in &notes {
            let label = n.chart_label_in(Tr::new(Locale::En));
            let (x, y, anchor) =
                text_pos(&svg, &label).unwrap_or_else(|| panic!("{label} not drawn at {width}"));
            let w = text_width(&label, 11.0);
            let (a, b) = if anchor == "end" {
                (x - w, x)
            } else {
                (x, x + w)
            };
            assert!(
                a >= 0.0 && b <= f64::from(width),
                "{label} cut off: {a}..{b}"
            );
            boxes.push((a, b, y));
        }
        for (i, p) in boxes.iter().enumerate() {
            for q in &boxes[i + 1..] {
                let same_row = (p.2 - q.2).abs() < 12.0;
                assert!(
                    !same_row || p.1 <= q.0 || q.1 <= p.0,
                    "labels overlap at {width}: {p:?} {q:?}"
                );
            }
        }
        // Reported markers are dashed (many short segments) in their own colour.
        let reported = REPORTED_COLOR.hex().to_uppercase();
        let segments = svg
            .to_uppercase()
            .matches(&format!("STROKE=\"{reported}\""))
            .count();
        assert!(
            segments > 20,
            "dashed markers: {segments} segments at {width}"
        );
        assert!(!plain.to_uppercase().contains(&reported));
    }
    // Markers sit at their dates: in 1950–2024 over ~740 px, 2021 is near the right end.
    let svg = render_annotated(800, &refs);
    let (x, _, _) = text_pos(&svg, "Military coup").expect("coup");
    assert!(x > 650.0 && x < 790.0, "coup label at {x}");
}

#[test]
fn the_method_panel_facts_come_from_the_bundle() {
    let b = common::bundle();
    let facts = atlas_core::text::facts::data_facts_in(Tr::new(Locale::En), &b.dataset);
    let all = facts.join("\n");
    println!("{all}");
    assert!(all.contains("delivery years 1950–2024"), "{all}");
    assert!(all.contains("SIPRI's 2024 release"), "{all}");
    assert!(all.contains("SIPRI's 2025 release"), "{all}");
    assert!(all.contains("1994/1995"), "{all}");
    assert!(
        all.contains("% of its TIV is marked by SIPRI as estimated"),
        "{all}"
    );
}
