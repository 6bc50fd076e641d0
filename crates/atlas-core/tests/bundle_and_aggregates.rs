//! The bundle format (round trip, corruption, the committed asset) and the aggregates
//! (fast path against plain loops on random datasets and filters).

mod common;

use atlas_core::analysis::aggregate::{Aggregates, SeriesKey, StackBy};
use atlas_core::analysis::filter::{DealIndex, Filter, YearRange};
use atlas_core::import::subset;
use atlas_core::model::{
    Category, Dataset, Deal, DealIdx, Delivery, Entity, EntityId, EntityKind, Flag, Interner,
    Release, SourceFormat, Status, StrId, Tiv,
};
use atlas_core::store::bundle::{decode, encode, encode_with_earlier, BundleError};
use proptest::prelude::*;

/// A random but valid dataset: `n_ent` entities, `n_str` strings, deals and deliveries
/// with unique (deal, year), sorted as the builder sorts them.
fn arb_dataset() -> impl Strategy<Value = Dataset> {
    (2usize..8, 2usize..10, 1usize..40).prop_flat_map(|(n_ent, n_str, n_deals)| {
        let deal = (
            0..n_ent as u32,
            0..n_ent as u32,
            0..n_str as u32,
            0..n_str as u32,
            0..12u8,
            proptest::option::of(1950u16..2025),
            0..3u8,
            proptest::option::of(0u32..100),
            proptest::option::of(0..n_str as u32),
            proptest::option::of(0i64..100_000),
        );
        let deals = proptest::collection::vec(deal, n_deals);
        let dels = proptest::collection::vec(
            (
                0..n_deals as u32,
                1950u16..1960,
                0u32..50,
                0i64..50_000,
                0..3u8,
                0..3u8,
                any::<bool>(),
            ),
            0..80,
        );
        (Just((n_ent, n_str)), deals, dels).prop_map(|((n_ent, n_str), deals, dels)| {
            let strings =
                Interner::from_strings((0..n_str).map(|i| format!("str {i} Mi-{i}")).collect());
            let entities = (0..n_ent)
                .map(|i| Entity {
                    name: format!("Entity {i}"),
                    kind: EntityKind::from_code((i % 5) as u8).expect("kind"),
                })
                .collect();
            let deals = deals
                .into_iter()
                .map(|(s, r, des, desc, cat, oy, st, no, com, tu)| Deal {
                    release: 0,
                    sipri_id: Some(s * 1000 + r),
                    supplier: EntityId(s),
                    recipient: EntityId(r),
                    designation: StrId(des),
                    description: StrId(desc),
                    category: Category::from_code(cat).expect("category"),
                    order_year: oy,
                    order_year_estimate: Flag::from_code(st),
                    number_ordered: no,
                    number_ordered_estimate: Flag::from_code(st + 1),
                    status: Status::from_code(st).expect("status"),
                    local_production: Flag::from_code(st + 2),
                    comments: com.map(StrId),
                    tiv_unit_new: tu.map(Tiv),
                    tiv_unit_deal: None,
                    tiv_total_order: tu.map(|t| Tiv(t * 3)),
                })
                .collect();
            let mut deliveries: Vec<Delivery> = dels
                .into_iter()
                .map(|(d, y, n, t, ye, ne, ap)| Delivery {
                    deal: DealIdx(d),
                    year: y,
                    year_estimate: Flag::from_code(ye),
                    number: n,
                    number_estimate: Flag::from_code(ne),
                    tiv: Tiv(t),
                    approximate: ap,
                })
                .collect();
            deliveries.sort_by_key(|d| (d.year, d.deal));
            deliveries.dedup_by_key(|d| (d.year, d.deal));
            Dataset {
                strings,
                entities,
                deals,
                deliveries,
                releases: vec![Release {
                    year: 2025,
                    generated: "12 Feb 2026".into(),
                    format: SourceFormat::PerDeliveryYear,
                    first_year: 1950,
                    last_year: 1959,
                }],
            }
        })
    })
}

fn arb_filter() -> impl Strategy<Value = Filter> {
    (
        proptest::option::of((1948i64..1962, 0i64..8)),
        proptest::collection::vec(0u32..8, 0..3),
        proptest::collection::vec(0u32..8, 0..3),
        proptest::collection::vec(0u8..12, 0..3),
        proptest::collection::vec(0u32..10, 0..2),
        prop_oneof![
            Just(String::new()),
            Just("mi-1".to_owned()),
            Just("STR 3".to_owned()),
            Just("zzz".to_owned())
        ],
    )
        .prop_map(|(years, s, r, c, sys, text)| Filter {
            years: years.and_then(|(a, len)| YearRange::new(a, a + len).ok()),
            suppliers: s.into_iter().map(EntityId).collect(),
            recipients: r.into_iter().map(EntityId).collect(),
            categories: c.into_iter().filter_map(Category::from_code).collect(),
            systems: sys.into_iter().map(StrId).collect(),
            text,
        })
}

fn same(a: &Dataset, b: &Dataset) {
    assert_eq!(a.strings.strings(), b.strings.strings());
    assert_eq!(a.entities, b.entities);
    assert_eq!(a.deals, b.deals);
    assert_eq!(a.deliveries, b.deliveries);
    assert_eq!(a.releases, b.releases);
}

proptest! {
    #[test]
    fn bundle_round_trips(ds in arb_dataset()) {
        let bytes = encode(&ds, "title", "note");
        let back = decode(&bytes).expect("decodes");
        same(&ds, &back.dataset);
        prop_assert_eq!(back.meta.title, "title");
        prop_assert_eq!(encode(&back.dataset, "title", "note"), bytes, "encoding is deterministic");
    }

    #[test]
    fn corrupt_bundles_are_errors_not_panics(ds in arb_dataset(), cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let bytes = encode(&ds, "t", "n");
        let _ = decode(&bytes[..cut.index(bytes.len())]);
        let mut bad = bytes.clone();
        let i = flip.index(bad.len());
        bad[i] ^= byte.max(1);
        prop_assert!(decode(&bad).is_err(), "a flipped byte at {} must be caught", i);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(&bytes);
        let mut with_magic = b"ARMSATLS\x01\x00".to_vec();
        with_magic.extend_from_slice(&bytes);
        let _ = decode(&with_magic);
    }

    /// With the deal index (a supplier or recipient filter visits only those deals), the
    /// aggregates are exactly the full scan's: every field, private ones included.
    #[test]
    fn indexed_aggregates_equal_the_scan(ds in arb_dataset(), f in arb_filter()) {
        let index = DealIndex::new(&ds);
        let scan = Aggregates::compute(&ds, &f);
        let indexed = Aggregates::compute_with(&ds, Some(&index), &f);
        prop_assert_eq!(format!("{scan:?}"), format!("{indexed:?}"));
    }

    /// The one-pass aggregates equal plain loops over every delivery with `Filter::matches`.
    #[test]
    fn aggregates_equal_plain_loops(ds in arb_dataset(), f in arb_filter(), top in 1usize..5) {
        let agg = Aggregates::compute(&ds, &f);
        let rows: Vec<&Delivery> = ds.deliveries.iter().filter(|d| f.matches(&ds, d)).collect();
        let total: Tiv = rows.iter().map(|d| d.tiv).sum();
        prop_assert_eq!(agg.total, total);
        prop_assert_eq!(agg.deliveries, rows.len());
        prop_assert_eq!(agg.estimated, rows.iter().filter(|d| d.is_estimate()).map(|d| d.tiv).sum::<Tiv>());
        let mut deals: Vec<DealIdx> = rows.iter().map(|d| d.deal).collect();
        deals.sort_unstable();
        deals.dedup();
        prop_assert_eq!(agg.deals, deals.len());
        for (e, tiv) in &agg.suppliers {
            let plain: Tiv = rows.iter().filter(|d| ds.deal(d.deal).supplier == *e).map(|d| d.tiv).sum();
            prop_assert_eq!(*tiv, plain);
        }
        for (e, tiv) in &agg.recipients {
            let plain: Tiv = rows.iter().filter(|d| ds.deal(d.deal).recipient == *e).map(|d| d.tiv).sum();
            prop_assert_eq!(*tiv, plain);
        }
        for (s, tiv) in &agg.systems {
            let plain: Tiv = rows.iter().filter(|d| ds.deal(d.deal).designation == *s).map(|d| d.tiv).sum();
            prop_assert_eq!(*tiv, plain);
        }
        // Rankings are sorted and complete: their sums equal the total.
        prop_assert!(agg.suppliers.windows(2).all(|w| w[0].1 >= w[1].1));
        prop_assert_eq!(agg.suppliers.iter().map(|x| x.1).sum::<Tiv>(), total);
        prop_assert_eq!(agg.categories.iter().map(|x| x.1).sum::<Tiv>(), total);
        prop_assert_eq!(agg.flows.iter().map(|x| x.tiv).sum::<Tiv>(), total);
        for fl in &agg.flows {
            let pair: Vec<&&Delivery> = rows.iter().filter(|d| {
                let deal = ds.deal(d.deal);
                deal.supplier == fl.supplier && deal.recipient == fl.recipient
            }).collect();
            prop_assert_eq!(fl.tiv, pair.iter().map(|d| d.tiv).sum::<Tiv>());
            prop_assert_eq!(fl.deliveries, pair.len());
            prop_assert_eq!(Some(fl.first_year), pair.iter().map(|d| d.year).min());
            prop_assert_eq!(Some(fl.last_year), pair.iter().map(|d| d.year).max());
        }
        // Per-year totals add up to the grand total, whatever the stacking.
        prop_assert_eq!(agg.per_year().iter().map(|x| x.1).sum::<Tiv>(), total);
        for by in [StackBy::Supplier, StackBy::Recipient, StackBy::Category] {
            let s = agg.stacked(by, top);
            prop_assert_eq!(s.total(), total);
            prop_assert!(s.keys.len() <= top + 1);
            for (y, (year, t)) in agg.per_year().iter().enumerate() {
                prop_assert_eq!(s.year_at(y), *year);
                prop_assert_eq!(s.year_total(y), *t);
                let plain: Tiv = rows.iter().filter(|d| d.year == *year).map(|d| d.tiv).sum();
                prop_assert_eq!(*t, plain);
            }
            for (k, key) in s.keys.iter().enumerate() {
                if let (StackBy::Supplier, SeriesKey::Entity(e)) = (by, key) {
                    for y in 0..s.years.len() {
                        let plain: Tiv = rows.iter()
                            .filter(|d| d.year == s.year_at(y) && ds.deal(d.deal).supplier == *e)
                            .map(|d| d.tiv).sum();
                        prop_assert_eq!(s.values[k][y], plain);
                    }
                }
            }
        }
    }
}

#[test]
fn decode_errors_say_what() {
    assert_eq!(
        decode(b"nope").unwrap_err(),
        BundleError::Truncated {
            needed: 22,
            found: 4
        }
    );
    assert_eq!(
        decode(b"PNG\0\0\0\0\0 and more bytes here").unwrap_err(),
        BundleError::BadMagic
    );
    let mut v = encode(&Dataset::default(), "", "");
    v[8] = 9;
    assert_eq!(decode(&v).unwrap_err(), BundleError::Version { found: 9 });
}

/// The committed asset decodes, holds the subset the README promises, and is
/// byte-identical to a fresh build from ../shared/data (when present).
#[test]
fn committed_bundle_matches_a_fresh_build() {
    let committed =
        std::fs::read(common::repo_root().join("assets/sea.atlas")).expect("assets/sea.atlas");
    let b = decode(&committed).expect("the committed bundle decodes");
    let ds = &b.dataset;
    assert!(
        ds.deliveries.len() > 2_500 && ds.deliveries.len() < 2_700,
        "{}",
        ds.deliveries.len()
    );
    assert_eq!(
        ds.releases
            .iter()
            .map(|r| (r.year, r.first_year, r.last_year))
            .collect::<Vec<_>>(),
        vec![(2024, 1950, 1994), (2025, 1995, 2024)],
        "the release seam is recorded"
    );
    for d in &ds.deals {
        assert!(
            subset::in_region(&ds.entity(d.recipient).name),
            "{} is outside the region",
            ds.entity(d.recipient).name
        );
    }
    let Some(dir) = common::data_dir("committed_bundle_matches_a_fresh_build") else {
        return;
    };
    let raw = dir.join("raw");
    let files: Vec<(&str, Vec<u8>)> = subset::SOURCES
        .iter()
        .map(|s| (s.name, std::fs::read(raw.join(s.name)).expect("read")))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let built = subset::build(&refs).expect("builds");
    assert!(
        built.bytes == committed,
        "assets/sea.atlas differs from a fresh build: run `cargo xtask bundle`"
    );
    let share = ds.deliveries.len() as f64 / built.rows_in_sources as f64;
    assert!(
        share < 0.05,
        "the bundle holds {:.1} % of the register; SIPRI's fair use is < 10 %",
        share * 100.0
    );
    // Both blocks together, per published release: under SIPRI's fair-use share, and the
    // README says so with these very numbers.
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let earlier = b.earlier.as_ref().expect("earlier block");
    let releases: Vec<u16> = built.shares.iter().map(|s| s.release).collect();
    assert_eq!(releases, vec![2024, 2025]);
    let bundled: usize = built.shares.iter().map(|s| s.bundled).sum();
    assert_eq!(
        bundled,
        ds.deliveries.len() + earlier.dataset.deliveries.len()
    );
    for s in &built.shares {
        assert!(s.percent() < 10.0, "{s:?}");
        let words = format!(
            "{} of the {} rows of SIPRI's {} release ({:.1} %)",
            group(s.bundled),
            group(s.published),
            s.release,
            s.percent()
        );
        assert!(readme.contains(&words), "README should say: {words}");
    }
}

/// `12345` as `12,345`.
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The earlier release's block: the 2024 release's rows of the region for 1995–2023 only,
/// after a first block that is byte for byte the bundle without it (so links pinned to
/// the bundle's content hash keep their meaning), and aligned on the first block's tables.
#[test]
fn the_committed_bundle_carries_the_2024_release_for_the_revised_years() {
    let committed =
        std::fs::read(common::repo_root().join("assets/sea.atlas")).expect("assets/sea.atlas");
    let b = decode(&committed).expect("decodes");
    let e = b.earlier.as_ref().expect("an earlier release follows");
    assert_eq!(e.meta.title, subset::EARLIER_TITLE);
    assert_eq!(
        e.dataset
            .releases
            .iter()
            .map(|r| (r.year, r.first_year, r.last_year))
            .collect::<Vec<_>>(),
        vec![(2024, 1995, 2023)]
    );
    for d in &e.dataset.deals {
        assert!(subset::in_region(&e.dataset.entity(d.recipient).name));
    }
    let first = encode(&b.dataset, &b.meta.title, &b.meta.note);
    assert_eq!(
        &committed[..first.len()],
        &first[..],
        "the first block stands alone"
    );
    assert_eq!(
        decode(&first).expect("decodes alone").meta.hash,
        b.meta.hash,
        "the same content hash with or without the earlier block"
    );
    assert_ne!(e.meta.hash, b.meta.hash);
}

#[test]
fn bytes_after_the_first_block_must_be_one_earlier_block() {
    let ds = Dataset::default();
    let one = encode(&ds, "a", "b");
    let two = encode_with_earlier(&ds, "a", "b", Some((&ds, "c", "d")));
    let b = decode(&two).expect("two blocks decode");
    assert_eq!(b.earlier.as_ref().map(|e| e.meta.title.as_str()), Some("c"));
    assert!(decode(&one).expect("one block").earlier.is_none());
    // Junk after the first block.
    let mut junk = one.clone();
    junk.extend_from_slice(b"xyzxyzxyz");
    assert!(matches!(
        decode(&junk),
        Err(BundleError::Corrupt { offset, .. }) if offset == one.len()
    ));
    // Three blocks.
    let mut three = two.clone();
    three.extend_from_slice(&one);
    assert!(matches!(
        decode(&three),
        Err(BundleError::Corrupt { offset, .. }) if offset == two.len()
    ));
    // A truncated second block says where, in the file.
    let cut = &two[..two.len() - 3];
    assert!(matches!(
        decode(cut),
        Err(BundleError::Truncated { needed, found }) if needed == two.len() && found == cut.len()
    ));
    // A damaged second block is caught by its own hash.
    let mut bad = two.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    assert_eq!(decode(&bad).unwrap_err(), BundleError::HashMismatch);
}

/// On the bundled data, for every supplier and every recipient alone, for pairs of them,
/// and with a year range and a category, the indexed aggregates equal the full scan.
#[test]
fn indexed_aggregates_equal_the_scan_on_the_bundle() {
    let bytes =
        std::fs::read(common::repo_root().join("assets/sea.atlas")).expect("assets/sea.atlas");
    let ds = decode(&bytes)
        .expect("the committed bundle decodes")
        .dataset;
    let index = DealIndex::new(&ds);
    let (sups, recs) = (ds.suppliers(), ds.recipients());
    let mut filters: Vec<Filter> = Vec::new();
    for &s in &sups {
        filters.push(Filter {
            suppliers: vec![s],
            ..Filter::default()
        });
        // The same supplier twice (a hand-edited link) counts once.
        filters.push(Filter {
            suppliers: vec![s, s],
            ..Filter::default()
        });
    }
    for &r in &recs {
        filters.push(Filter {
            recipients: vec![r],
            ..Filter::default()
        });
        filters.push(Filter {
            recipients: vec![r, r],
            suppliers: sups.iter().take(3).copied().collect(),
            years: YearRange::new(1990, 2024).ok(),
            ..Filter::default()
        });
        filters.push(Filter {
            recipients: vec![r],
            categories: vec![atlas_core::model::Category::Aircraft],
            text: "mi-".into(),
            ..Filter::default()
        });
    }
    let mut visited_fewer = 0;
    for f in &filters {
        let scan = Aggregates::compute(&ds, f);
        let indexed = Aggregates::compute_with(&ds, Some(&index), f);
        assert_eq!(format!("{scan:?}"), format!("{indexed:?}"), "filter {f:?}");
        if scan.deliveries < ds.deliveries.len() {
            visited_fewer += 1;
        }
    }
    assert!(filters.len() >= 132, "{} filters", filters.len());
    assert!(visited_fewer >= 80, "the filters select parts of the data");
}
