//! The deal register, the system passport and the rankings: rows against plain loops,
//! sorting (correct and stable on every column, both directions), search, the virtual
//! scrolling window, year lists, and the rankings drawn to SVG. Random datasets and
//! filters, then the bundled subset, then (when present) SIPRI's full register.

mod common;

use std::collections::BTreeMap;

use atlas_core::analysis::aggregate::Aggregates;
use atlas_core::analysis::filter::{DealIndex, Filter, YearRange};
use atlas_core::analysis::passport::{find_designation, Passport};
use atlas_core::analysis::rankings::{rank_entries, RankKey, RankKind};
use atlas_core::analysis::register::{
    build_rows, build_rows_with, deal_deliveries, format_years, row_matches, search, sort_indices,
    sort_rows, visible_window, Column, Direction, RegisterRow, Sort, TextIndex,
};
use atlas_core::export::words::rankings_title;
use atlas_core::export::words::register_title;
use atlas_core::model::{
    Category, Dataset, Deal, DealIdx, Delivery, Entity, EntityId, EntityKind, Flag, Interner,
    Release, SourceFormat, Status, StrId, Tiv, Year,
};
use atlas_core::render::{Palette, Rgb};
use atlas_core::text::register::count_label_in;
use atlas_core::text::{Locale, Tr};
use proptest::prelude::*;

/// Strings with mixed case, shared prefixes and duplicates up to case, so collation and
/// search meet ties and case folding.
const WORDS: [&str; 10] = [
    "Mi-17",
    "mi-17",
    "Yak-130",
    "T-72",
    "transport helicopter",
    "Tank",
    "tank",
    "Second-hand; aid",
    "BM-21 122mm",
    "",
];

fn arb_dataset() -> impl Strategy<Value = Dataset> {
    (2usize..7, 1usize..30).prop_flat_map(|(n_ent, n_deals)| {
        let n_str = WORDS.len() as u32;
        let deal = (
            0..n_ent as u32,
            0..n_ent as u32,
            0..n_str,
            0..n_str,
            0..12u8,
            proptest::option::of(1950u16..1956),
            0..3u8,
            proptest::option::of(0u32..4),
            proptest::option::of(0..n_str),
        );
        let deals = proptest::collection::vec(deal, n_deals);
        let dels = proptest::collection::vec(
            (
                0..n_deals as u32,
                1950u16..1962,
                0u32..4,
                0i64..400,
                0..3u8,
                0..3u8,
                any::<bool>(),
            ),
            0..70,
        );
        (Just(n_ent), deals, dels).prop_map(|(n_ent, deals, dels)| {
            let strings = Interner::from_strings(WORDS.iter().map(|s| (*s).to_owned()).collect());
            let names = [
                "China",
                "russia",
                "Russia",
                "Soviet Union",
                "MTA (Myanmar)*",
                "NATO**",
                "Ukraine",
            ];
            let entities = (0..n_ent)
                .map(|i| Entity {
                    name: names[i].to_owned(),
                    kind: EntityKind::from_name(names[i]),
                })
                .collect();
            let deals = deals
                .into_iter()
                .map(|(s, r, des, desc, cat, oy, st, no, com)| Deal {
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
                    tiv_unit_new: None,
                    tiv_unit_deal: None,
                    tiv_total_order: None,
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
                    last_year: 1961,
                }],
            }
        })
    })
}

fn arb_filter() -> impl Strategy<Value = Filter> {
    (
        proptest::option::of((1948i64..1963, 0i64..6)),
        proptest::collection::vec(0u32..7, 0..2),
        proptest::collection::vec(0u32..7, 0..2),
        proptest::collection::vec(0u8..12, 0..2),
        proptest::collection::vec(0u32..10, 0..2),
        prop_oneof![
            Just(String::new()),
            Just("mi-1".to_owned()),
            Just("TANK".to_owned())
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

fn arb_column() -> impl Strategy<Value = Column> {
    proptest::sample::select(Column::ALL.to_vec())
}

fn arb_direction() -> impl Strategy<Value = Direction> {
    prop_oneof![Just(Direction::Ascending), Just(Direction::Descending)]
}

/// What a row says, without its private sort keys: compared against the plain loop.
type Plain = (
    DealIdx,
    u32,
    bool,
    Vec<Year>,
    bool,
    Tiv,
    Tiv,
    bool,
    usize,
    Option<Year>,
    Option<u32>,
);

fn plain_of(r: &RegisterRow) -> Plain {
    (
        r.deal,
        r.delivered,
        r.delivered_estimate,
        r.years.clone(),
        r.years_estimate,
        r.tiv,
        r.tiv_estimated,
        r.approximate,
        r.deliveries,
        r.order_year,
        r.number_ordered,
    )
}

/// The register the slow, obvious way: every delivery through `Filter::matches`.
fn plain_register(ds: &Dataset, f: &Filter) -> Vec<Plain> {
    let mut by_deal: BTreeMap<DealIdx, Vec<&Delivery>> = BTreeMap::new();
    for d in ds.deliveries.iter().filter(|d| f.matches(ds, d)) {
        by_deal.entry(d.deal).or_default().push(d);
    }
    by_deal
        .into_iter()
        .map(|(idx, ds_)| {
            let deal = ds.deal(idx);
            let mut years: Vec<Year> = ds_.iter().map(|d| d.year).collect();
            years.sort_unstable();
            (
                idx,
                ds_.iter().map(|d| d.number).sum(),
                ds_.iter().any(|d| d.number_estimate.is_yes()),
                years,
                ds_.iter().any(|d| d.year_estimate.is_yes()),
                ds_.iter().map(|d| d.tiv).sum(),
                ds_.iter().filter(|d| d.is_estimate()).map(|d| d.tiv).sum(),
                ds_.iter().any(|d| d.approximate),
                ds_.len(),
                deal.order_year,
                deal.number_ordered,
            )
        })
        .collect()
}

/// The meaning of each column, from the dataset's strings and numbers directly: the
/// oracle the sort is checked against. `None` sorts last in both directions.
fn oracle(
    ds: &Dataset,
    a: &RegisterRow,
    b: &RegisterRow,
    c: Column,
    dir: Direction,
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let text = |s: &str, raw: &str| (s.to_lowercase(), raw.to_owned());
    let ent = |e: EntityId| (text(ds.entity(e).label(), &ds.entity(e).name), e);
    let st = |s: StrId| (text(ds.str(s), ds.str(s)), s);
    let d = |o: Ordering| {
        if dir == Direction::Descending {
            o.reverse()
        } else {
            o
        }
    };
    let last = |x: Option<i64>, y: Option<i64>| match (x, y) {
        (Some(x), Some(y)) => d(x.cmp(&y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let flag = |f: Flag| match f {
        Flag::Yes => Some(1),
        Flag::No => Some(0),
        Flag::Blank => None,
    };
    match c {
        Column::Supplier => d(ent(a.supplier).cmp(&ent(b.supplier))),
        Column::Recipient => d(ent(a.recipient).cmp(&ent(b.recipient))),
        Column::Designation => d(st(a.designation).cmp(&st(b.designation))),
        Column::Description => d(st(a.description).cmp(&st(b.description))),
        Column::Category => d(a.category.name().cmp(b.category.name())),
        Column::OrderYear => last(a.order_year.map(i64::from), b.order_year.map(i64::from)),
        Column::Ordered => last(
            a.number_ordered.map(i64::from),
            b.number_ordered.map(i64::from),
        ),
        Column::Delivered => d(a.delivered.cmp(&b.delivered)),
        Column::Years => d(a.years.cmp(&b.years)),
        Column::Tiv => d(a.tiv.cmp(&b.tiv)),
        Column::Status => d(a.status.name().cmp(b.status.name())),
        Column::LocalProduction => last(flag(a.local_production), flag(b.local_production)),
        Column::Comments => {
            let key = |r: &RegisterRow| r.comments.map(st);
            match (key(a), key(b)) {
                (Some(x), Some(y)) => d(x.cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
    }
}

proptest! {
    /// With the deal index, the register has exactly the scan's rows (deliveries, years,
    /// flags and all).
    #[test]
    fn indexed_rows_equal_the_scan(ds in arb_dataset(), f in arb_filter()) {
        let text = TextIndex::new(&ds);
        let deals = DealIndex::new(&ds);
        let scan = build_rows(&ds, &text, &f);
        let indexed = build_rows_with(&ds, &text, Some(&deals), &f);
        prop_assert_eq!(format!("{scan:?}"), format!("{indexed:?}"));
    }

    /// The one-pass rows equal a plain loop over the deliveries.
    #[test]
    fn rows_equal_a_plain_loop(ds in arb_dataset(), f in arb_filter()) {
        let index = TextIndex::new(&ds);
        let rows = build_rows(&ds, &index, &f);
        let fast: Vec<Plain> = rows.iter().map(plain_of).collect();
        prop_assert_eq!(fast, plain_register(&ds, &f));
        for r in &rows {
            let deal = ds.deal(r.deal);
            prop_assert_eq!((r.supplier, r.recipient, r.designation), (deal.supplier, deal.recipient, deal.designation));
            prop_assert!(!r.years.is_empty());
        }
    }

    /// Sorting agrees with the oracle on every column in both directions, and rows the
    /// oracle calls equal keep their previous order (stability).
    #[test]
    fn sorting_is_correct_and_stable(ds in arb_dataset(), f in arb_filter(), col in arb_column(), dir in arb_direction(), pre in arb_column()) {
        let index = TextIndex::new(&ds);
        let mut rows = build_rows(&ds, &index, &f);
        // Sort by something else first so that stability is visible.
        sort_rows(&mut rows, pre, Direction::Ascending);
        let before: Vec<DealIdx> = rows.iter().map(|r| r.deal).collect();
        let pos = |d: DealIdx| before.iter().position(|x| *x == d).expect("present");
        let mut sorted = rows.clone();
        sort_rows(&mut sorted, col, dir);
        prop_assert_eq!(sorted.len(), rows.len());
        for w in sorted.windows(2) {
            let o = oracle(&ds, &w[0], &w[1], col, dir);
            prop_assert!(o != std::cmp::Ordering::Greater, "{:?} {:?} out of order", col, dir);
            if o == std::cmp::Ordering::Equal {
                prop_assert!(pos(w[0].deal) < pos(w[1].deal), "{:?} {:?} not stable", col, dir);
            }
        }
        // The index sort the page uses gives the same order.
        let mut order: Vec<usize> = (0..rows.len()).collect();
        sort_indices(&rows, &mut order, col, dir);
        let via_index: Vec<DealIdx> = order.iter().map(|&i| rows[i].deal).collect();
        let direct: Vec<DealIdx> = sorted.iter().map(|r| r.deal).collect();
        prop_assert_eq!(via_index, direct);
    }

    /// Search equals the plain per-row check, keeps order, and narrows as words are added.
    #[test]
    fn search_equals_a_plain_check(ds in arb_dataset(), f in arb_filter(), q in proptest::sample::select(vec![
        "", " ", "mi", "MI-17", "tank", "russia", "china mi", "myanmar", "second", "aircraft", "new", "zzz", "t-72 soviet", ";",
    ])) {
        let index = TextIndex::new(&ds);
        let rows = build_rows(&ds, &index, &f);
        let hits = search(&rows, &index, q);
        let plain: Vec<usize> = (0..rows.len()).filter(|&i| row_matches(&ds, &rows[i], q)).collect();
        prop_assert_eq!(&hits, &plain);
        let narrower = search(&rows, &index, &format!("{q} tank"));
        prop_assert!(narrower.iter().all(|i| hits.contains(i)));
    }

    /// The window stays within bounds, covers every row the viewport shows, and is no
    /// bigger than the viewport plus the overscan.
    #[test]
    fn window_is_bounded_and_covers_the_viewport(
        top in -100.0f64..50_000.0, vh in 0.0f64..2_000.0, rh in 1.0f64..80.0,
        n in 0usize..2_000, over in 0usize..20,
    ) {
        let w = visible_window(top, vh, rh, n, over);
        prop_assert!(w.start <= w.end && w.end <= n);
        if n == 0 {
            prop_assert!(w.is_empty());
            return Ok(());
        }
        prop_assert!(!w.is_empty());
        let total = rh * n as f64;
        let t = top.max(0.0).min((total - vh).max(0.0));
        for i in 0..n {
            let (a, b) = (i as f64 * rh, (i + 1) as f64 * rh);
            if b > t && a < t + vh {
                prop_assert!(w.contains(&i), "row {} visible but outside {:?}", i, w);
            }
        }
        let max_len = (vh / rh).ceil() as usize + 2 + 2 * over;
        prop_assert!(w.len() <= max_len, "{:?} longer than {}", w, max_len);
    }

    /// Year lists list exactly the given years, in runs of consecutive years.
    #[test]
    fn year_lists_round_trip(years in proptest::collection::vec(1950u16..2030, 0..30)) {
        let s = format_years(&years);
        let mut want = years.clone();
        want.sort_unstable();
        want.dedup();
        let mut got = Vec::new();
        for part in s.split(", ").filter(|p| !p.is_empty()) {
            match part.split_once('–') {
                Some((a, b)) => {
                    let (a, b): (u16, u16) = (a.parse().unwrap(), b.parse().unwrap());
                    prop_assert!(a < b);
                    got.extend(a..=b);
                }
                None => got.push(part.parse::<u16>().unwrap()),
            }
        }
        prop_assert_eq!(&got, &want);
        // Runs are maximal: no two parts could be joined.
        prop_assert_eq!(s.split(", ").filter(|p| !p.is_empty()).count(),
            want.windows(2).filter(|w| w[1] != w[0] + 1).count() + usize::from(!want.is_empty()));
    }

    /// A passport's rows add up to a plain loop over the designation's deliveries.
    #[test]
    fn passport_equals_a_plain_loop(ds in arb_dataset(), des in 0u32..10) {
        let p = Passport::build(&ds, StrId(des));
        let dels: Vec<&Delivery> = ds.deliveries.iter().filter(|d| ds.deal(d.deal).designation == StrId(des)).collect();
        prop_assert_eq!(p.tiv, dels.iter().map(|d| d.tiv).sum::<Tiv>());
        prop_assert_eq!(p.number, dels.iter().map(|d| d.number).sum::<u32>());
        prop_assert_eq!(p.deals, ds.deals.iter().filter(|d| d.designation == StrId(des)).count());
        prop_assert_eq!(p.rows.iter().map(|r| r.tiv).sum::<Tiv>(), p.tiv);
        prop_assert_eq!(p.rows.iter().map(|r| r.deals).sum::<usize>(), p.deals);
        for r in &p.rows {
            prop_assert_eq!(r.years.iter().map(|y| y.tiv).sum::<Tiv>(), r.tiv);
            prop_assert!(r.years.windows(2).all(|w| w[0].year < w[1].year));
            let plain: Tiv = dels.iter().filter(|d| {
                let deal = ds.deal(d.deal);
                (deal.recipient, deal.supplier, deal.status, deal.local_production) == (r.recipient, r.supplier, r.status, r.local_production)
            }).map(|d| d.tiv).sum();
            prop_assert_eq!(r.tiv, plain);
        }
    }
}

#[test]
fn sort_clicks_flip_and_start_in_the_natural_direction() {
    let s = Sort::default();
    let tiv = s.click(Column::Tiv);
    assert_eq!(
        tiv.direction,
        Direction::Descending,
        "numbers: largest first"
    );
    assert_eq!(tiv.click(Column::Tiv).direction, Direction::Ascending);
    assert_eq!(tiv.click(Column::Supplier).direction, Direction::Ascending);
    assert_eq!(tiv.aria_for(Column::Tiv), "descending");
    assert_eq!(tiv.aria_for(Column::Supplier), "none");
}

#[test]
fn the_bundled_register_has_every_deal_and_sorts_by_tiv() {
    let b = common::bundle();
    let ds = &b.dataset;
    let index = TextIndex::new(ds);
    let mut rows = build_rows(ds, &index, &Filter::default());
    assert_eq!(rows.len(), 1445, "every bundled deal has deliveries");
    assert_eq!(
        count_label_in(Tr::new(Locale::En), rows.len(), rows.len()),
        "1,445 deals"
    );
    assert_eq!(rows.iter().map(|r| r.tiv).sum::<Tiv>(), ds.total_tiv());
    sort_rows(&mut rows, Column::Tiv, Direction::Descending);
    assert!(rows.windows(2).all(|w| w[0].tiv >= w[1].tiv));
    let myanmar = ds.entity_by_name("Myanmar").expect("Myanmar");
    let f = Filter {
        recipients: vec![myanmar],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    };
    let rows = build_rows(ds, &index, &f);
    assert!(rows.iter().all(|r| r.recipient == myanmar));
    assert!(rows
        .iter()
        .all(|r| r.years.iter().all(|y| (1990..=2024).contains(y))));
    assert_eq!(
        register_title(ds, &f, f.years.expect("years")),
        "Deal register: arms deliveries to Myanmar, 1990–2024"
    );
    let hits = search(&rows, &index, "russia helicopter");
    assert!(!hits.is_empty() && hits.len() < rows.len());
    // The detail card's deliveries are the deal's, all years, in order.
    let r = &rows[hits[0]];
    let dels = deal_deliveries(ds, r.deal);
    assert!(dels.windows(2).all(|w| w[0].year < w[1].year));
    assert!(dels.iter().all(|d| d.deal == r.deal));
    assert!(dels.len() >= r.deliveries);
}

#[test]
fn the_mi17_passport_lists_myanmar() {
    let b = common::bundle();
    let ds = &b.dataset;
    let mi17 = find_designation(ds, "mi-17 ").expect("Mi-17 is a designation");
    assert_eq!(ds.str(mi17), "Mi-17");
    assert_eq!(find_designation(ds, "no such weapon"), None);
    let p = Passport::build(ds, mi17);
    let recipients: Vec<&str> = p
        .rows
        .iter()
        .map(|r| ds.entity(r.recipient).label())
        .collect();
    for r in ["Myanmar", "Cambodia", "Thailand", "Laos", "Viet Nam"] {
        assert!(recipients.contains(&r), "{r} missing from {recipients:?}");
    }
    assert!(recipients
        .windows(2)
        .all(|w| w[0].to_lowercase() <= w[1].to_lowercase()));
    let myanmar = p
        .rows
        .iter()
        .find(|r| ds.entity(r.recipient).label() == "Myanmar")
        .expect("row");
    assert_eq!(ds.entity(myanmar.supplier).label(), "Russia");
    assert!(
        p.title_in(Tr::new(Locale::En), ds)
            .starts_with("Where the Mi-17 (transport helicopter) went: 5 recipients, "),
        "{}",
        p.title_in(Tr::new(Locale::En), ds)
    );
    let yak = Passport::build(ds, find_designation(ds, "Yak-130").expect("Yak-130"));
    assert!(yak
        .rows
        .iter()
        .any(|r| ds.entity(r.recipient).label() == "Myanmar"));
}

#[test]
fn rankings_render_labels_values_and_shares() {
    let b = common::bundle();
    let ds = &b.dataset;
    let myanmar = ds.entity_by_name("Myanmar").expect("Myanmar");
    let f = Filter {
        recipients: vec![myanmar],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    };
    let agg = Aggregates::compute(ds, &f);
    let entries = rank_entries(ds, &agg, RankKind::Suppliers);
    assert_eq!(entries.iter().map(|e| e.tiv).sum::<Tiv>(), agg.total);
    assert_eq!(entries[0].label, "China");
    assert_eq!(
        entries[0].key,
        RankKey::Supplier(ds.entity_by_name("China").expect("China"))
    );
    assert!((entries.iter().map(|e| e.share).sum::<f64>() - 1.0).abs() < 1e-9);
    let title = "Top suppliers to Myanmar, 1990–2024, SIPRI TIV".to_owned();
    assert_eq!(
        rankings_title(ds, &f, agg.years),
        "Rankings: arms deliveries to Myanmar, 1990–2024, SIPRI TIV"
    );
    let top: Vec<_> = entries.iter().take(10).cloned().collect();
    let pal = Palette::light();
    let colors: Vec<Rgb> = (0..top.len()).map(|i| pal.band(i)).collect();
    let (svg, layout) = common::rankings_svg(
        &top,
        (640, 360),
        &title,
        &colors,
        &pal,
        "No deliveries match these filters",
        Tr::new(Locale::En),
    );
    let labels = common::svg_texts(&svg);
    assert!(labels.contains(&title), "title missing from {labels:?}");
    for e in &top {
        assert!(
            labels.contains(&e.label),
            "{} missing from {labels:?}",
            e.label
        );
        let v = e.value_label_in(Tr::new(Locale::En));
        assert!(labels.contains(&v), "{v} missing");
    }
    let v = top[0].value_label_in(Tr::new(Locale::En));
    assert!(v.contains(" · ") && v.ends_with('%'), "{v}");
    assert!(svg
        .to_uppercase()
        .contains(&pal.band(0).hex().to_uppercase()));
    assert_eq!(layout.rows.len(), top.len());
    assert!(layout.rows.windows(2).all(|w| w[0].1 <= w[1].0));
    assert_eq!(layout.entry_at(layout.rows[2].0 + 1), Some(2));
    assert!(layout.rows.last().expect("rows").1 <= 360);

    // Nothing to rank: words, not a blank picture.
    let (svg, _) = common::rankings_svg(
        &[],
        (400, 200),
        "",
        &[],
        &pal,
        "No deliveries match these filters",
        Tr::new(Locale::En),
    );
    assert!(common::svg_texts(&svg)
        .iter()
        .any(|t| t == "No deliveries match these filters"));
}

/// SIPRI's full deal register (about 30,000 deals, with comments, numbers ordered and
/// per-year splits marked approximate): rows, sort and search stay correct at that size.
#[test]
fn the_full_register_builds_sorts_and_searches() {
    let Some(path) = common::data_file(
        "the_full_register_builds_sorts_and_searches",
        "trade_register_deals",
    ) else {
        return;
    };
    let bytes = std::fs::read(&path).expect("read");
    let parsed = atlas_core::import::sipri::parse(&bytes).expect("parses");
    let mut builder = atlas_core::import::builder::DatasetBuilder::new();
    builder.add(&parsed, |_| true);
    let ds = builder.finish();
    assert!(ds.deals.len() > 20_000, "{} deals", ds.deals.len());
    let index = TextIndex::new(&ds);
    let rows = build_rows(&ds, &index, &Filter::default());
    let delivered = ds
        .deals
        .iter()
        .enumerate()
        .filter(|(i, _)| ds.deliveries.iter().any(|d| d.deal.0 as usize == *i))
        .count();
    assert_eq!(rows.len(), delivered);
    assert_eq!(rows.iter().map(|r| r.tiv).sum::<Tiv>(), ds.total_tiv());
    assert!(rows.iter().any(|r| r.approximate) && rows.iter().any(|r| r.comments.is_some()));
    for col in Column::ALL {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        sort_indices(&rows, &mut order, col, col.default_direction());
        assert!(order
            .windows(2)
            .all(|w| atlas_core::analysis::register::compare(
                &rows[w[0]],
                &rows[w[1]],
                col,
                col.default_direction()
            ) != std::cmp::Ordering::Greater));
    }
    let hits = search(&rows, &index, "mi-17 russia");
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|&i| row_matches(&ds, &rows[i], "mi-17 russia")));
}

/// The register is one Tab stop; these keys move between its rows.
#[test]
fn row_keys_move_within_the_table() {
    use atlas_core::analysis::register::row_key_target;
    let (n, page) = (100, 12);
    assert_eq!(row_key_target("ArrowDown", 5, n, page), Some(6));
    assert_eq!(row_key_target("ArrowUp", 5, n, page), Some(4));
    assert_eq!(
        row_key_target("ArrowUp", 0, n, page),
        None,
        "no row above the first"
    );
    assert_eq!(
        row_key_target("ArrowDown", 99, n, page),
        Some(99),
        "stays on the last"
    );
    assert_eq!(row_key_target("PageDown", 95, n, page), Some(99));
    assert_eq!(row_key_target("PageDown", 10, n, page), Some(22));
    assert_eq!(row_key_target("PageUp", 5, n, page), Some(0));
    assert_eq!(row_key_target("PageUp", 50, n, page), Some(38));
    assert_eq!(row_key_target("Home", 50, n, page), Some(0));
    assert_eq!(row_key_target("End", 3, n, page), Some(99));
    assert_eq!(
        row_key_target("Tab", 3, n, page),
        None,
        "Tab leaves the table"
    );
    assert_eq!(row_key_target("a", 3, n, page), None);
    assert_eq!(row_key_target("End", 0, 0, page), None, "an empty table");
}

/// On the bundled data, each supplier and recipient alone and twice over (a hand-edited
/// link), with and without a year range: the indexed register equals the scan.
#[test]
fn indexed_rows_equal_the_scan_on_the_bundle() {
    let bytes =
        std::fs::read(common::repo_root().join("assets/sea.atlas")).expect("assets/sea.atlas");
    let ds = atlas_core::store::bundle::decode(&bytes)
        .expect("the committed bundle decodes")
        .dataset;
    let text = TextIndex::new(&ds);
    let deals = DealIndex::new(&ds);
    let years = [None, YearRange::new(1990, 2024).ok()];
    let mut n = 0;
    for y in years {
        for s in ds.suppliers() {
            for f in [
                Filter {
                    suppliers: vec![s],
                    years: y,
                    ..Filter::default()
                },
                Filter {
                    suppliers: vec![s, s],
                    years: y,
                    ..Filter::default()
                },
            ] {
                let scan = build_rows(&ds, &text, &f);
                assert_eq!(
                    format!("{scan:?}"),
                    format!("{:?}", build_rows_with(&ds, &text, Some(&deals), &f)),
                    "{f:?}"
                );
                n += 1;
            }
        }
        for r in ds.recipients() {
            let f = Filter {
                recipients: vec![r, r],
                years: y,
                ..Filter::default()
            };
            let scan = build_rows(&ds, &text, &f);
            assert_eq!(
                format!("{scan:?}"),
                format!("{:?}", build_rows_with(&ds, &text, Some(&deals), &f)),
                "{f:?}"
            );
            n += 1;
        }
    }
    assert!(n >= 200, "{n} filters");
}

/// The bundled register unfiltered, indexed for French readers.
fn french_register() -> (
    atlas_core::store::bundle::Bundle,
    Tr,
    TextIndex,
    Vec<RegisterRow>,
) {
    let b = common::bundle();
    let fr = Tr::new(Locale::Fr);
    let index = atlas_core::text::register::text_index(&b.dataset, fr);
    let rows = build_rows(&b.dataset, &index, &Filter::default());
    (b, fr, index, rows)
}

/// In French the register sorts suppliers by the names shown ("Allemagne" under A, before
/// "Chine"; "États-Unis" among the E) and a search finds a country by the name shown, in
/// any case and without its accents, or by SIPRI's spelling (issue #16).
#[test]
fn in_french_the_register_sorts_and_searches_by_the_names_shown() {
    use atlas_core::text::names::collation_key;
    let (b, fr, index, rows) = french_register();
    let ds = &b.dataset;
    let germany = ds
        .entity_by_name("Germany")
        .expect("Germany supplies the region");
    let china = ds.entity_by_name("China").expect("China");
    let us = ds.entity_by_name("United States").expect("United States");
    assert_eq!(fr.entity(ds, germany), "Allemagne");
    assert_eq!(fr.entity(ds, us), "États-Unis");
    let mut order: Vec<usize> = (0..rows.len()).collect();
    sort_indices(&rows, &mut order, Column::Supplier, Direction::Ascending);
    let shown: Vec<&str> = order
        .iter()
        .map(|&i| fr.entity(ds, rows[i].supplier))
        .collect();
    for w in shown.windows(2) {
        assert!(
            collation_key(w[0]) <= collation_key(w[1]),
            "{} before {}",
            w[0],
            w[1]
        );
    }
    let first = |e: EntityId| {
        order
            .iter()
            .position(|&i| rows[i].supplier == e)
            .expect("supplies a deal")
    };
    assert!(first(germany) < first(china), "Allemagne before Chine");
    let first_f = shown.iter().position(|n| n.starts_with('F'));
    assert!(first_f.is_none_or(|f| first(us) < f), "États-Unis before F");
    // Found by the name shown (any case, accents or not) and by SIPRI's spelling: the
    // same deals, every one with Germany as supplier or recipient.
    let german: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].supplier == germany || rows[i].recipient == germany)
        .collect();
    assert!(!german.is_empty());
    for q in ["allemagne", "ALLEMAGNE", "Allem", "Germany", "germ"] {
        let hits = search(&rows, &index, q);
        let by_name: Vec<usize> = hits
            .iter()
            .copied()
            .filter(|&i| rows[i].supplier == germany || rows[i].recipient == germany)
            .collect();
        assert_eq!(by_name, german, "{q}");
    }
    let american: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].supplier == us || rows[i].recipient == us)
        .collect();
    for q in ["etats-unis", "états unis", "United States"] {
        let hits = search(&rows, &index, q);
        assert!(american.iter().all(|i| hits.contains(i)), "{q}");
    }
    // English still sorts and finds SIPRI's names.
    let en = atlas_core::text::register::text_index(ds, Tr::new(Locale::En));
    let en_rows = build_rows(ds, &en, &Filter::default());
    let mut en_order: Vec<usize> = (0..en_rows.len()).collect();
    sort_indices(
        &en_rows,
        &mut en_order,
        Column::Supplier,
        Direction::Ascending,
    );
    let pos = |e: EntityId| en_order.iter().position(|&i| en_rows[i].supplier == e);
    assert!(pos(china) < pos(germany), "China before Germany in English");
    assert!(search(&en_rows, &en, "allemagne").is_empty());
}

#[test]
fn in_french_the_register_finds_categories_and_statuses_by_their_french_names() {
    use atlas_core::model::{Category, Status};
    let (b, fr, index, rows) = french_register();
    let ds = &b.dataset;
    let armoured: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].category == Category::ArmouredVehicles)
        .collect();
    assert!(
        !armoured.is_empty(),
        "the region received armoured vehicles"
    );
    assert_eq!(fr.category(Category::ArmouredVehicles), "véhicules blindés");
    // Every armoured-vehicle deal is found by the French name, with or without accents,
    // and still by SIPRI's English.
    for q in ["blindés", "BLINDES", "vehicules blind", "armoured"] {
        let hits = search(&rows, &index, q);
        for i in &armoured {
            assert!(hits.contains(i), "{q:?} misses row {i}");
        }
    }
    // Second-hand deals by the French status ("D’occasion"); new ones are not among them
    // unless another column says so.
    let second: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].status != Status::New)
        .collect();
    assert!(
        !second.is_empty(),
        "the region received second-hand weapons"
    );
    let hits = search(&rows, &index, "occasion");
    for i in &second {
        assert!(hits.contains(i), "occasion misses row {i}");
    }
    // In English the index finds nothing by the French words.
    let en = atlas_core::analysis::register::TextIndex::new(ds);
    let en_rows = build_rows(ds, &en, &Filter::default());
    assert!(search(&en_rows, &en, "blindés").is_empty());
}
