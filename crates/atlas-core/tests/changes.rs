//! What changed between SIPRI's 2024 and 2025 releases (`analysis::changes`), checked
//! against the raw files read by a plain loop here (not the app's parser or aggregation),
//! against a hand-made list of deal classifications for three pairs of the bundled region,
//! and on small hand-made datasets for what the real files do not show (renumbered deals,
//! re-used ids, releases that share no year). Tests that need ../shared/data say SKIPPED
//! when it is absent and fail when ARMS_ATLAS_REQUIRE_DATA=1.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use atlas_core::analysis::changes::{ChangeKind, Changes, DealChange, Field, Match, ReleasePair};
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::import::builder::DatasetBuilder;
use atlas_core::import::sipri::parse;
use atlas_core::model::{Dataset, Tiv};

const OLD_FILE: &str = "sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv";
const NEW_FILE: &str = "sipri_transfers_per_delivery_year_1995-2024_generated_2026-02-12.csv";

/// One data row of a raw per-year export, read plainly.
#[derive(Debug, Clone)]
struct RawRow {
    id: String,
    supplier: String,
    recipient: String,
    designation: String,
    order_year: String,
    year: u16,
    tiv_cents: i64,
}

/// A decimal like `12`, `0.3` or `5.76` in hundredths, by hand (the files have at most
/// two decimals; anything else fails the test).
fn cents(s: &str) -> i64 {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assert!(frac.len() <= 2, "{s}: more than two decimals");
    let int: i64 = if int.is_empty() {
        0
    } else {
        int.parse().expect("digits")
    };
    let mut f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().expect("digits")
    };
    if frac.len() == 1 {
        f *= 10;
    }
    int * 100 + f
}

/// Every data row of a raw per-year export: latin-1 bytes as chars, the 11 preamble lines
/// and the header skipped, one trailing `;` and CR stripped, split on commas (SIPRI's
/// exports quote nothing and have no comma inside a field).
fn raw_rows(bytes: &[u8]) -> Vec<RawRow> {
    let text: String = bytes.iter().map(|&b| b as char).collect();
    text.lines()
        .skip(12)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim_end_matches('\r');
            let l = l.strip_suffix(';').unwrap_or(l);
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 17, "{l}");
            RawRow {
                id: f[0].to_owned(),
                supplier: f[1].to_owned(),
                recipient: f[2].to_owned(),
                designation: f[3].to_owned(),
                order_year: f[6].to_owned(),
                year: f[10].parse().expect("delivery year"),
                tiv_cents: if f[15].is_empty() { 0 } else { cents(f[15]) },
            }
        })
        .collect()
}

/// The dataset a journalist gets by loading one export (the app's import).
fn dataset(bytes: &[u8], keep: impl Fn(&str, u16) -> bool) -> Dataset {
    let parsed = parse(bytes).expect("parses");
    assert!(parsed.errors.is_empty());
    let mut b = DatasetBuilder::new();
    b.add(&parsed, |k| keep(k.recipient, k.year.unwrap_or(0)));
    b.finish()
}

fn tiv(c: i64) -> Tiv {
    Tiv(c)
}

/// Both raw files' bytes and rows: `((old, new), (old rows, new rows))`.
type RawFiles = ((Vec<u8>, Vec<u8>), (Vec<RawRow>, Vec<RawRow>));

/// Both raw files, or a recorded skip.
fn raw_files(test: &str) -> Option<RawFiles> {
    let old = common::data_file(test, "1990-2023_generated_2024")?;
    let new = common::data_file(test, "1995-2024_generated_2026")?;
    assert!(old.ends_with(OLD_FILE) && new.ends_with(NEW_FILE));
    let read = |p: std::path::PathBuf| std::fs::read(&p).expect("raw file");
    let (ob, nb) = (read(old), read(new));
    let rows = (raw_rows(&ob), raw_rows(&nb));
    Some(((ob, nb), rows))
}

type Cells = BTreeMap<(String, u16), (i64, i64)>;

/// Per-entity per-year totals `(then, now)` over the compared years, from the raw rows.
fn loop_cells(
    old: &[RawRow],
    new: &[RawRow],
    side: fn(&RawRow) -> &str,
    years: YearRange,
) -> Cells {
    let mut cells = Cells::new();
    for r in old.iter().filter(|r| years.contains(r.year)) {
        cells.entry((side(r).to_owned(), r.year)).or_default().0 += r.tiv_cents;
    }
    for r in new.iter().filter(|r| years.contains(r.year)) {
        cells.entry((side(r).to_owned(), r.year)).or_default().1 += r.tiv_cents;
    }
    cells
}

/// Per-pair totals `(then, now)` over the compared years, from the raw rows.
fn loop_pairs(
    old: &[RawRow],
    new: &[RawRow],
    years: YearRange,
) -> BTreeMap<(String, String), (i64, i64)> {
    let mut pairs: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for r in old.iter().filter(|r| years.contains(r.year)) {
        pairs
            .entry((r.supplier.clone(), r.recipient.clone()))
            .or_default()
            .0 += r.tiv_cents;
    }
    for r in new.iter().filter(|r| years.contains(r.year)) {
        pairs
            .entry((r.supplier.clone(), r.recipient.clone()))
            .or_default()
            .1 += r.tiv_cents;
    }
    pairs
}

fn pair_map(c: &Changes) -> BTreeMap<(String, String), (i64, i64)> {
    c.pairs
        .iter()
        .map(|p| {
            (
                (p.supplier.clone(), p.recipient.clone()),
                (p.then.0, p.now.0),
            )
        })
        .collect()
}

/// The whole register of both releases, as loaded by a journalist: every per-year cell
/// (recipient × year and supplier × year), every pair and every year's total equals the
/// plain loop's; deals only in one release (by id within the pair) are exactly the added
/// and removed ones plus the uncertain matches.
#[test]
fn changes_equal_a_plain_loop_over_the_raw_files() {
    let test = "changes_equal_a_plain_loop_over_the_raw_files";
    let Some(((ob, nb), (old_rows, new_rows))) = raw_files(test) else {
        return;
    };
    let older = dataset(&ob, |_, _| true);
    let newer = dataset(&nb, |_, _| true);
    let pair = ReleasePair::new(&older, &newer);
    let window = pair.window().expect("the releases share years");
    assert_eq!((window.from(), window.to()), (1995, 2023));

    let all = pair.compare(&older, &newer, &Filter::default());
    assert_eq!(all.years, Some(window));
    // Years.
    let mut by_year: BTreeMap<u16, (i64, i64)> = BTreeMap::new();
    for r in old_rows.iter().filter(|r| window.contains(r.year)) {
        by_year.entry(r.year).or_default().0 += r.tiv_cents;
    }
    for r in new_rows.iter().filter(|r| window.contains(r.year)) {
        by_year.entry(r.year).or_default().1 += r.tiv_cents;
    }
    let ours: BTreeMap<u16, (i64, i64)> = all
        .by_year
        .iter()
        .map(|y| (y.year, (y.then.0, y.now.0)))
        .collect();
    assert_eq!(ours, by_year, "world totals per year");
    assert!(
        all.by_year
            .windows(2)
            .all(|w| w[0].difference().0.abs() >= w[1].difference().0.abs()),
        "years largest difference first"
    );
    // Pairs.
    let pairs = loop_pairs(&old_rows, &new_rows, window);
    assert_eq!(pair_map(&all), pairs, "every pair's totals");
    assert!(
        all.pairs
            .windows(2)
            .all(|w| w[0].difference().0.abs() >= w[1].difference().0.abs()),
        "pairs largest difference first"
    );
    // Each pair's deals add up to its difference.
    for p in &all.pairs {
        let sum: i64 = p.deals.iter().map(|d| d.difference().0).sum();
        assert_eq!(sum, p.difference().0, "{} → {}", p.supplier, p.recipient);
    }

    // Per-cell: each recipient and each supplier alone, per year.
    let mut moved = [0usize; 2];
    let mut total = [0usize; 2];
    for (k, side) in [
        (
            0,
            (|r: &RawRow| r.recipient.as_str()) as fn(&RawRow) -> &str,
        ),
        (1, |r: &RawRow| r.supplier.as_str()),
    ] {
        let cells = loop_cells(&old_rows, &new_rows, side, window);
        total[k] = cells.len();
        moved[k] = cells.values().filter(|(a, b)| (b - a).abs() > 50).count();
        let names: BTreeSet<&String> = cells.keys().map(|(n, _)| n).collect();
        for name in names {
            let expected: BTreeMap<u16, (i64, i64)> = cells
                .iter()
                .filter(|((n, _), _)| n == name)
                .map(|((_, y), v)| (*y, *v))
                .collect();
            let got: BTreeMap<u16, (i64, i64)> = match newer.entity_by_name(name) {
                Some(id) => {
                    let f = if k == 0 {
                        Filter {
                            recipients: vec![id],
                            ..Filter::default()
                        }
                    } else {
                        Filter {
                            suppliers: vec![id],
                            ..Filter::default()
                        }
                    };
                    pair.compare(&older, &newer, &f)
                        .by_year
                        .iter()
                        .filter(|y| y.then != Tiv::ZERO || y.now != Tiv::ZERO)
                        .map(|y| (y.year, (y.then.0, y.now.0)))
                        .collect()
                }
                // A name only the older release has (the 2025 release dropped it): its
                // cells are its pairs' totals then, and nothing now.
                None => {
                    let mut m: BTreeMap<u16, (i64, i64)> = BTreeMap::new();
                    for r in old_rows.iter().filter(|r| window.contains(r.year)) {
                        if side(r) == name.as_str() {
                            m.entry(r.year).or_default().0 += r.tiv_cents;
                        }
                    }
                    let from_pairs: i64 = all
                        .pairs
                        .iter()
                        .filter(|p| (if k == 0 { &p.recipient } else { &p.supplier }) == name)
                        .map(|p| {
                            assert_eq!(p.now, Tiv::ZERO);
                            p.then.0
                        })
                        .sum();
                    assert_eq!(from_pairs, m.values().map(|v| v.0).sum::<i64>(), "{name}");
                    m
                }
            };
            let expected: BTreeMap<u16, (i64, i64)> = expected
                .into_iter()
                .filter(|(_, (a, b))| *a != 0 || *b != 0)
                .collect();
            assert_eq!(got, expected, "{} {name}", ["recipient", "supplier"][k]);
        }
    }
    eprintln!(
        "cells moved by more than 0.5: recipient × year {} of {}, supplier × year {} of {}",
        moved[0], total[0], moved[1], total[1]
    );

    // Deals only in one release, by id within the pair, over each file's rows (a deal
    // whose compared-year deliveries moved out of the window is still in both).
    let keys = |rows: &[RawRow], window_only: bool| -> BTreeSet<(String, String, String)> {
        rows.iter()
            .filter(|r| !window_only || window.contains(r.year))
            .map(|r| (r.supplier.clone(), r.recipient.clone(), r.id.clone()))
            .collect()
    };
    let only_old: BTreeSet<_> = keys(&old_rows, true)
        .difference(&keys(&new_rows, false))
        .cloned()
        .collect();
    let only_new: BTreeSet<_> = keys(&new_rows, true)
        .difference(&keys(&old_rows, false))
        .cloned()
        .collect();
    let key = |p: &atlas_core::analysis::changes::PairChange, d: &DealChange, older: bool| {
        let side = if older { &d.older } else { &d.newer };
        side.as_ref().map(|s| {
            (
                p.supplier.clone(),
                p.recipient.clone(),
                s.sipri_id.expect("per-year files have ids").to_string(),
            )
        })
    };
    let mut removed_or_renumbered = BTreeSet::new();
    let mut added_or_renumbered = BTreeSet::new();
    let mut uncertain = 0;
    for p in &all.pairs {
        for d in &p.deals {
            match d.kind {
                ChangeKind::Removed => {
                    removed_or_renumbered.extend(key(p, d, true));
                }
                ChangeKind::Added => {
                    added_or_renumbered.extend(key(p, d, false));
                }
                ChangeKind::Revised => {
                    if d.uncertain() {
                        uncertain += 1;
                        assert!(d.fields.contains(&Field::DealId));
                        let (a, b) = (
                            d.older.as_ref().expect("older"),
                            d.newer.as_ref().expect("newer"),
                        );
                        assert_eq!(a.order_year, b.order_year);
                        if !a.deliveries.is_empty() {
                            removed_or_renumbered.extend(key(p, d, true));
                        }
                        if !b.deliveries.is_empty() {
                            added_or_renumbered.extend(key(p, d, false));
                        }
                    } else {
                        assert_eq!(d.matched, Some(Match::Id));
                        let (a, b) = (
                            d.older.as_ref().expect("older"),
                            d.newer.as_ref().expect("newer"),
                        );
                        assert_eq!(a.sipri_id, b.sipri_id);
                    }
                }
            }
        }
    }
    assert_eq!(
        removed_or_renumbered, only_old,
        "deals only in the 2024 release"
    );
    assert_eq!(
        added_or_renumbered, only_new,
        "deals only in the 2025 release"
    );
    // SIPRI renumbered a few deals: the same designation and order year within a pair
    // under another id, found from the raw rows here.
    let mut renumbered = 0;
    let first = |rows: &[RawRow], k: &(String, String, String)| {
        rows.iter()
            .find(|r| (&r.supplier, &r.recipient, &r.id) == (&k.0, &k.1, &k.2))
            .map(|r| {
                (
                    r.designation.trim().trim_end_matches(" -").to_lowercase(),
                    r.order_year.clone(),
                )
            })
    };
    for o in &only_old {
        if only_new
            .iter()
            .any(|n| (&n.0, &n.1) == (&o.0, &o.1) && first(&new_rows, n) == first(&old_rows, o))
        {
            renumbered += 1;
        }
    }
    assert!(renumbered > 0, "the files hold renumbered deals");
    assert_eq!(
        uncertain, renumbered,
        "each renumbered deal is an uncertain match"
    );
    let (added, removed, revised, unc) = all.deal_counts();
    eprintln!(
        "world 1995–2023: {} pairs ({} moved), deals added {added}, removed {removed}, revised {revised} ({unc} uncertain); (pair, id) only in 2024: {}, only in 2025: {}",
        all.pairs.len(),
        all.pairs_moved(),
        only_old.len(),
        only_new.len()
    );
}

/// The committed bundle's earlier release and its own data: per pair and per year, the
/// plain loop's totals over the region's raw rows, and the figures
/// (Russia→Myanmar 1995–2023 went from 1,992.49 to 2,043.24).
#[test]
fn bundled_changes_equal_the_raw_files_for_the_region() {
    let test = "bundled_changes_equal_the_raw_files_for_the_region";
    let b = common::bundle();
    let earlier = b
        .earlier
        .as_ref()
        .expect("the bundle carries the 2024 release");
    let pair = ReleasePair::new(&earlier.dataset, &b.dataset);
    let all = pair.compare(&earlier.dataset, &b.dataset, &Filter::default());
    let window = all.years.expect("compared years");
    assert_eq!((window.from(), window.to()), (1995, 2023));
    let rm = all
        .pairs
        .iter()
        .find(|p| p.supplier == "Russia" && p.recipient == "Myanmar")
        .expect("Russia → Myanmar");
    assert_eq!((rm.then, rm.now), (Tiv(199_249), Tiv(204_324)));
    let Some((_, (old_rows, new_rows))) = raw_files(test) else {
        return;
    };
    let region = |rows: Vec<RawRow>| -> Vec<RawRow> {
        rows.into_iter()
            .filter(|r| atlas_core::import::subset::in_region(&r.recipient))
            .collect()
    };
    let (old_rows, new_rows) = (region(old_rows), region(new_rows));
    let pairs = loop_pairs(&old_rows, &new_rows, window);
    assert_eq!(pair_map(&all), pairs);
    let moved = pairs.values().filter(|(a, b)| (b - a).abs() > 50).count();
    eprintln!(
        "region 1995–2023: {} pairs, {moved} moved by more than 0.5 ({} at all)",
        pairs.len(),
        all.pairs_moved()
    );
    // Every year under every recipient of the region.
    let cells = loop_cells(&old_rows, &new_rows, |r| r.recipient.as_str(), window);
    for id in b.dataset.recipients() {
        let name = &b.dataset.entity(id).name;
        let c = pair.compare(
            &earlier.dataset,
            &b.dataset,
            &Filter {
                recipients: vec![id],
                ..Filter::default()
            },
        );
        for y in &c.by_year {
            let (then, now) = cells
                .get(&(name.clone(), y.year))
                .copied()
                .unwrap_or_default();
            assert_eq!((y.then, y.now), (tiv(then), tiv(now)), "{name} {}", y.year);
        }
    }
}

/// What one deal change is, in the terms of the hand-made list: kind, SIPRI id, fields.
fn summary(d: &DealChange) -> (ChangeKind, u32, Vec<Field>) {
    (
        d.kind,
        d.side().and_then(|s| s.sipri_id).expect("id"),
        d.fields.clone(),
    )
}

/// A pair of the hand-made list: supplier, recipient, deals selected in both releases and
/// unchanged, and the changed deals as (kind, SIPRI id, fields).
type Expected<'a> = (&'a str, &'a str, usize, Vec<(ChangeKind, u32, Vec<Field>)>);

/// Deal-level classifications for three pairs of the bundled region, against a list made
/// by reading the raw rows of both releases (1995–2023) by hand, row by row.
#[test]
fn bundled_deal_changes_match_a_hand_made_list() {
    use ChangeKind::{Added, Removed, Revised};
    use Field::*;
    let b = common::bundle();
    let earlier = b
        .earlier
        .as_ref()
        .expect("the bundle carries the 2024 release");
    let pair = ReleasePair::new(&earlier.dataset, &b.dataset);
    let ds = &b.dataset;
    let id = |n: &str| ds.entity_by_name(n).expect(n);
    // (supplier, recipient, deals selected in both and unchanged, changes)
    let expected: [Expected<'_>; 3] = [
        (
            "Russia",
            "Myanmar",
            // 24 ids in both releases; 59522 only renamed (RD-33 (6200) → RD-33 (8900)).
            23,
            vec![
                // Mi-17, ordered 2005: 3 in 2005 (21.75) and 4 in 2006 (29), new in 2025.
                (Added, 68463, vec![]),
                (Revised, 59522, vec![Designation]),
            ],
        ),
        (
            "China",
            "Myanmar",
            // 53 ids in both; 6 revised.
            47,
            vec![
                // C-802A: 5 + 5 became 12 + 13 (1 TIV each).
                (Revised, 63074, vec![NumberDelivered, TivDelivered]),
                // Y-12, ordered 2015: 2 in 2015, 1 in 2016 (2.5 each).
                (Added, 68113, vec![]),
                // ZFB-05: 0.14 → 0.13 per unit, 10 units.
                (Revised, 54609, vec![TivPerUnit, TivDelivered]),
                // PL-12: 12 in 2018 became 13 (0.4 each).
                (Revised, 63076, vec![NumberDelivered, TivDelivered]),
                // Renamed only: Houxin → Type-037-1G, Smart Hunter → TH-5711 Smart
                // Hunter, Type-360 → Type-360 Seagull.
                (Revised, 22960, vec![Designation]),
                (Revised, 50315, vec![Designation]),
                (Revised, 60656, vec![Designation]),
            ],
        ),
        (
            "United States",
            "Thailand",
            // 71 ids in both; 7 revised.
            64,
            vec![
                // Piranha-3 (2020, est.) became LAV-3 (2019): 38 + 32 in 2022–2023 became
                // 19, 44, 17, 50 in 2019, 2020, 2022, 2023 (0.14 each).
                (
                    Revised,
                    64177,
                    vec![
                        Designation,
                        OrderYear,
                        NumberDelivered,
                        DeliveryYears,
                        TivDelivered,
                    ],
                ),
                // MK-41 SAMS, ordered 1989: 1 in 1995 (20).
                (Added, 67797, vec![]),
                // PC-9 became T-6 Texan-2 at 2 instead of 1.65 per unit: 3.3 + 16.5
                // became 4 + 20.
                (Revised, 63407, vec![Designation, TivPerUnit, TivDelivered]),
                // Piranha-3 ordered 2019: 10 in 2019, 50 in 2020 (1.4 + 7), gone in 2025.
                (Removed, 62653, vec![]),
                // Mk-54 LWT: 10 became 15 in 2019 (0.5 each).
                (Revised, 60080, vec![NumberDelivered, TivDelivered]),
                // AQS-13F, ordered 2001: 2 in 2004 (1.5 each).
                (Added, 67670, vec![]),
                // Renamed only, or the order year only.
                (Revised, 32249, vec![Designation]),
                (Revised, 37192, vec![OrderYear]),
                (Revised, 52373, vec![Designation]),
                (Revised, 58762, vec![Designation]),
            ],
        ),
    ];
    for (sup, rec, unchanged, changes) in expected {
        let c = pair.compare(
            &earlier.dataset,
            ds,
            &Filter {
                suppliers: vec![id(sup)],
                recipients: vec![id(rec)],
                ..Filter::default()
            },
        );
        assert_eq!(c.pairs.len(), 1, "{sup} → {rec}");
        let p = &c.pairs[0];
        let got: Vec<_> = p.deals.iter().map(summary).collect();
        let got_set: BTreeSet<_> = got.iter().cloned().collect();
        let want_set: BTreeSet<_> = changes.iter().cloned().collect();
        assert_eq!(got_set, want_set, "{sup} → {rec}");
        assert_eq!(p.unchanged, unchanged, "{sup} → {rec} unchanged deals");
        assert!(p.deals.iter().all(|d| !d.uncertain()), "matched by id");
        assert!(
            p.deals
                .windows(2)
                .all(|w| w[0].difference().0.abs() >= w[1].difference().0.abs()),
            "{sup} → {rec}: largest difference first"
        );
    }
}

// ---------------------------------------------------------------- hand-made datasets

const HEADER: &str = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";

/// A per-year export of SIPRI's `release` (by its generated date) with these rows:
/// `(id, supplier, recipient, designation, order year, number, year, unit TIV)`, loaded.
fn export(release: u16, rows: &[Row<'_>]) -> Dataset {
    let parsed = parse(export_text(release, rows).as_bytes()).expect("parses");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut b = DatasetBuilder::new();
    b.add(&parsed, |_| true);
    b.finish()
}

type Row<'a> = (u32, &'a str, &'a str, &'a str, u16, u32, u16, &'a str);

fn all_changes(older: &Dataset, newer: &Dataset, f: &Filter) -> Changes {
    ReleasePair::new(older, newer).compare(older, newer, f)
}

#[test]
fn a_renumbered_deal_is_an_uncertain_match_and_a_reused_id_is_another_deal() {
    let older = export(
        2024,
        &[
            (10, "Russia", "Myanmar", "Mi-17", 2005, 3, 2006, "7"),
            // Re-used by SIPRI for another pair in the newer release.
            (20, "France", "Thailand", "Exocet", 2000, 4, 2006, "1"),
            (30, "France", "Thailand", "Gun -", 2001, 1, 2006, "2"),
        ],
    );
    let newer = export(
        2025,
        &[
            // Renumbered: same pair, designation and order year, another id.
            (11, "Russia", "Myanmar", "Mi-17", 2005, 3, 2006, "7"),
            (20, "Sweden", "Thailand", "RBS-70", 2005, 5, 2006, "1"),
            // Same id, SIPRI's trailing marker dropped: a revised designation.
            (30, "France", "Thailand", "Gun", 2001, 1, 2006, "2"),
        ],
    );
    let c = all_changes(&older, &newer, &Filter::default());
    let deal = |sup: &str| {
        c.pairs
            .iter()
            .find(|p| p.supplier == sup)
            .map(|p| p.deals.iter().map(summary).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let rm = c.pairs.iter().find(|p| p.supplier == "Russia").unwrap();
    assert_eq!(rm.deals.len(), 1);
    assert!(rm.deals[0].uncertain());
    assert_eq!(rm.deals[0].fields, vec![Field::DealId]);
    assert_eq!(rm.difference(), Tiv::ZERO);
    let fr: Vec<_> = deal("France");
    assert!(fr.contains(&(ChangeKind::Removed, 20, vec![])), "{fr:?}");
    assert!(fr.contains(&(ChangeKind::Revised, 30, vec![Field::Designation])));
    assert_eq!(deal("Sweden"), vec![(ChangeKind::Added, 20, vec![])]);
    assert_eq!(c.deal_counts(), (1, 1, 2, 1));
}

#[test]
fn the_filter_applies_to_the_older_release_by_names() {
    let older = export(
        2024,
        &[
            (1, "Russia", "Myanmar", "Mi-17", 2005, 2, 2006, "7"),
            (2, "China", "Myanmar", "K-8", 2005, 2, 2007, "3"),
            (5, "China", "Myanmar", "JF-17", 2020, 1, 2023, "10"),
        ],
    );
    let newer = export(
        2025,
        &[
            (2, "China", "Myanmar", "K-8", 2005, 4, 2007, "3"),
            (5, "China", "Myanmar", "JF-17", 2020, 1, 2023, "10"),
            (3, "India", "Myanmar", "Revathi", 2005, 1, 2006, "7.5"),
            (4, "India", "Myanmar", "Revathi", 2020, 1, 2024, "7.5"),
        ],
    );
    let id = |n: &str| newer.entity_by_name(n).unwrap();
    // A supplier the older release lacks: nothing then (not "everything"). The window is
    // the years both cover, 2006–2023 (2024 only in the newer).
    let india = all_changes(
        &older,
        &newer,
        &Filter {
            suppliers: vec![id("India")],
            ..Filter::default()
        },
    );
    assert_eq!(india.years.map(|y| (y.from(), y.to())), Some((2006, 2023)));
    assert_eq!((india.then, india.now), (Tiv::ZERO, Tiv(750)));
    // Russia is only in the older release: its deal counts then, under "all".
    let all = all_changes(&older, &newer, &Filter::default());
    assert_eq!(
        (all.then, all.now),
        (Tiv(1400 + 600 + 1000), Tiv(1200 + 1000 + 750))
    );
    let years = all.years_in_order();
    assert_eq!(years.first().map(|y| y.year), Some(2006));
    assert_eq!(years.len(), 18);
    // A filter's years narrow the window.
    let narrow = all_changes(
        &older,
        &newer,
        &Filter {
            years: YearRange::new(2007, 2030).ok(),
            ..Filter::default()
        },
    );
    assert_eq!(narrow.years.map(|y| (y.from(), y.to())), Some((2007, 2023)));
    assert_eq!((narrow.then, narrow.now), (Tiv(1600), Tiv(2200)));
    // A system the older release does not have selects nothing there.
    let revathi = newer.strings.get("Revathi").unwrap();
    let r = all_changes(
        &older,
        &newer,
        &Filter {
            systems: vec![revathi],
            ..Filter::default()
        },
    );
    assert_eq!((r.then, r.now), (Tiv::ZERO, Tiv(750)));
    // A system both have: the K-8's two more units.
    let k8 = newer.strings.get("K-8").unwrap();
    let k = all_changes(
        &older,
        &newer,
        &Filter {
            systems: vec![k8],
            ..Filter::default()
        },
    );
    assert_eq!((k.then, k.now), (Tiv(600), Tiv(1200)));
}

#[test]
fn releases_that_share_no_year_or_other_datasets_give_nothing() {
    let older = export(
        2024,
        &[(1, "Russia", "Myanmar", "Mi-17", 1980, 2, 1981, "7")],
    );
    let newer = export(
        2025,
        &[(1, "Russia", "Myanmar", "Mi-17", 1980, 2, 1999, "7")],
    );
    let pair = ReleasePair::new(&older, &newer);
    assert_eq!(pair.window(), None);
    assert_eq!(
        pair.compare(&older, &newer, &Filter::default()),
        Changes::default()
    );
    // A pair built for datasets of other sizes gives nothing; one of the same sizes gives
    // meaningless numbers, but never indexes out of range.
    let other = export(
        2025,
        &[
            (5, "USA", "Laos", "X", 2000, 1, 2001, "1"),
            (6, "USA", "Laos", "Y", 2000, 1, 2002, "1"),
        ],
    );
    let p2 = ReleasePair::new(&other, &other);
    assert_eq!(
        p2.compare(&older, &newer, &Filter::default()),
        Changes::default()
    );
    let same_size = export(2025, &[(5, "USA", "Laos", "X", 2000, 1, 2001, "1")]);
    let p3 = ReleasePair::new(&same_size, &same_size);
    let _ = p3.compare(&older, &newer, &Filter::default());
    assert_eq!(
        ReleasePair::new(&Dataset::default(), &Dataset::default()).compare(
            &Dataset::default(),
            &Dataset::default(),
            &Filter::default()
        ),
        Changes::default()
    );
}

#[test]
fn a_deal_across_the_seam_is_one_deal() {
    // The newer dataset holds deal 7 twice, as the bundle does across 1994/1995: its
    // 1994 row from the 2024 release and its 1995 row from the 2025 release.
    let old_rows: [Row<'_>; 2] = [
        (7, "China", "Myanmar", "F-7", 1990, 2, 1994, "5"),
        (7, "China", "Myanmar", "F-7", 1990, 2, 1995, "5"),
    ];
    let new_row: [Row<'_>; 1] = [(7, "China", "Myanmar", "F-7", 1990, 3, 1995, "5")];
    let older = export(2024, &old_rows[1..]);
    let mut b = DatasetBuilder::new();
    for (release, rows) in [(2024, &old_rows[..1]), (2025, &new_row[..])] {
        b.add(
            &parse(export_text(release, rows).as_bytes()).unwrap(),
            |_| true,
        );
    }
    let newer = b.finish();
    assert_eq!(newer.deals.len(), 2);
    let c = all_changes(&older, &newer, &Filter::default());
    assert_eq!(c.years.map(|y| (y.from(), y.to())), Some((1995, 1995)));
    let d: Vec<_> = c.pairs[0].deals.iter().map(summary).collect();
    assert_eq!(
        d,
        vec![(
            ChangeKind::Revised,
            7,
            vec![Field::NumberDelivered, Field::TivDelivered]
        )]
    );
    assert_eq!(c.difference(), Tiv(500));
}

/// The text of [`export`].
fn export_text(release: u16, rows: &[Row<'_>]) -> String {
    let generated = match release {
        2024 => "13 Apr 2024 3:44:54 PM",
        _ => "12 Feb 2026 12:26:12 PM",
    };
    let mut text = String::new();
    for i in 0..10 {
        text.push_str(&format!("preamble line {i}\n"));
    }
    text.push_str(&format!("Data generated: {generated}\n{HEADER}\n"));
    for (id, s, r, d, o, n, y, unit) in rows {
        let u = cents(unit);
        let total = u * i64::from(*n);
        text.push_str(&format!(
            "{id},{s},{r},{d},thing,Aircraft,{o},No,{n},No,{y},No,New,{unit},{unit},{}.{:02},No\n",
            total / 100,
            total % 100
        ));
    }
    text
}
