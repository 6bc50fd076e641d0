//! The private build's full register (`cargo xtask bundle --full`): baked from the same
//! exports and seam as the subset, every recipient kept, in the same asset format. It
//! decodes, and its totals equal the source files' own, counted plainly. Skips, saying so,
//! when ../shared/data is absent.

mod common;

use std::collections::HashMap;

use atlas_core::import::sipri::{parse as parse_sipri, Rows};
use atlas_core::import::subset::SOURCES;
use atlas_core::import::subset::{build_full, FULL_TITLE};
use atlas_core::store::bundle::decode as decode_bundle;
use atlas_core::store::bundle::FORMAT_VERSION;

#[test]
fn full_bake_decodes_and_its_totals_equal_the_sources() {
    let Some(dir) = common::data_dir("full_bake_decodes_and_its_totals_equal_the_sources") else {
        return;
    };
    let files: Vec<(&str, Vec<u8>)> = SOURCES
        .iter()
        .map(|s| {
            (
                s.name,
                std::fs::read(dir.join("raw").join(s.name)).expect("source file"),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let built = build_full(&refs).expect("the full register builds");
    let bundle = decode_bundle(&built.bytes).expect("the full bake decodes");
    assert_eq!(
        bundle.meta.version, FORMAT_VERSION,
        "same asset format as the subset"
    );
    assert_eq!(bundle.meta.title, FULL_TITLE);
    assert!(bundle.meta.note.contains("permission"));
    let ds = &bundle.dataset;
    assert_eq!(ds.deliveries, built.dataset.deliveries);

    // Plain counts from the source files, inside each file's years.
    let (mut rows, mut tiv) = (0usize, 0i64);
    let mut by_year: HashMap<u16, i64> = HashMap::new();
    let mut by_recipient: HashMap<String, i64> = HashMap::new();
    for (spec, (_, bytes)) in SOURCES.iter().zip(&files) {
        let parsed = parse_sipri(bytes).expect("parses");
        assert!(parsed.errors.is_empty());
        let Rows::PerYear(rs) = parsed.rows else {
            panic!("per-year export expected")
        };
        for r in rs
            .iter()
            .filter(|r| (spec.first_year..=spec.last_year).contains(&r.year))
        {
            rows += 1;
            tiv += r.tiv.0;
            *by_year.entry(r.year).or_default() += r.tiv.0;
            *by_recipient.entry(r.recipient.clone()).or_default() += r.tiv.0;
        }
    }
    assert_eq!(ds.deliveries.len(), rows, "one delivery per source row");
    assert_eq!(built.rows_in_sources, rows);
    assert_eq!(ds.total_tiv().0, tiv, "total TIV");
    let mut ours_year: HashMap<u16, i64> = HashMap::new();
    let mut ours_recipient: HashMap<String, i64> = HashMap::new();
    for d in &ds.deliveries {
        *ours_year.entry(d.year).or_default() += d.tiv.0;
        let deal = ds.deal(d.deal);
        *ours_recipient
            .entry(ds.entity(deal.recipient).name.clone())
            .or_default() += d.tiv.0;
    }
    assert_eq!(ours_year, by_year, "TIV per delivery year");
    assert_eq!(ours_recipient, by_recipient, "TIV per recipient");
    // The earlier release's block: every row of the 2024 release's 1990–2023 file in
    // 1995–2023, counted plainly.
    let earlier = bundle
        .earlier
        .as_ref()
        .expect("the full bake carries the 2024 release");
    let parsed = parse_sipri(&files[1].1).expect("parses");
    let Rows::PerYear(rs) = parsed.rows else {
        panic!("per-year export expected")
    };
    let (e_rows, e_tiv) = rs
        .iter()
        .filter(|r| (1995..=2023).contains(&r.year))
        .fold((0usize, 0i64), |a, r| (a.0 + 1, a.1 + r.tiv.0));
    assert_eq!(earlier.dataset.deliveries.len(), e_rows);
    assert_eq!(earlier.dataset.total_tiv().0, e_tiv);
    // The full register is far more than the subset (under 10 % of it).
    let subset = common::bundle();
    assert!(subset.dataset.deliveries.len() * 10 < ds.deliveries.len());
    assert!(
        ds.recipients().len() > 150,
        "{} recipients",
        ds.recipients().len()
    );
    println!(
        "full bake: {} deliveries, {} deals, {} bytes",
        ds.deliveries.len(),
        ds.deals.len(),
        built.bytes.len()
    );
}
