//! Colours stay put across filters (issue 16): a supplier's and a category's colour comes
//! from the loaded dataset's overall ranking (`ColourRanks`), not from the view's, and the
//! bands a view shows never share a colour nor use the "Other" grey. On the bundled data,
//! under every single-party, category and supplier→recipient filter.

mod common;

use std::collections::HashMap;

use atlas_core::analysis::aggregate::{Aggregates, SeriesKey, StackBy};
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::model::{Category, Dataset, EntityId};
use atlas_core::render::{ColorMap, ColourRanks, Palette, Rgb};
use atlas_core::store::bundle::Bundle;

/// The timeline's bands before "Other", as in the app (`state::TOP_N`).
const TOP_N: usize = 7;

fn palettes() -> [(&'static str, Palette); 2] {
    [("light", Palette::light()), ("dark", Palette::dark())]
}

fn id(ds: &Dataset, name: &str) -> EntityId {
    ds.entity_by_name(name)
        .unwrap_or_else(|| panic!("{name} in the bundled data"))
}

fn recipient(ds: &Dataset, name: &str) -> Filter {
    Filter {
        recipients: vec![id(ds, name)],
        ..Filter::default()
    }
}

/// The colour map the app builds for `f`: from the dataset's ranks and the filter over all
/// years (the years never change colours, as in `state::colors`).
fn colours_for(ds: &Dataset, ranks: &ColourRanks, f: &Filter, pal: &Palette) -> ColorMap {
    ColorMap::new(ranks, &all_years(ds, f), TOP_N, pal)
}

/// The three filters of the report: everything, recipient Myanmar, Russia→Myanmar.
fn the_three(ds: &Dataset) -> [(&'static str, Filter); 3] {
    [
        ("all data", Filter::default()),
        ("recipient Myanmar", recipient(ds, "Myanmar")),
        (
            "Russia → Myanmar",
            Filter {
                suppliers: vec![id(ds, "Russia")],
                ..recipient(ds, "Myanmar")
            },
        ),
    ]
}

/// Every filter the checks below run over: no filter, each supplier, each recipient, each
/// category, each supplier→recipient pair that has a flow, and a few year ranges.
fn many_filters(b: &Bundle) -> Vec<Filter> {
    let ds = &b.dataset;
    let all = Aggregates::compute(ds, &Filter::default());
    let mut v = vec![Filter::default()];
    v.extend(all.suppliers.iter().map(|(e, _)| Filter {
        suppliers: vec![*e],
        ..Filter::default()
    }));
    v.extend(all.recipients.iter().map(|(e, _)| Filter {
        recipients: vec![*e],
        ..Filter::default()
    }));
    v.extend(all.categories.iter().map(|(c, _)| Filter {
        categories: vec![*c],
        ..Filter::default()
    }));
    v.extend(all.flows.iter().map(|fl| Filter {
        suppliers: vec![fl.supplier],
        recipients: vec![fl.recipient],
        ..Filter::default()
    }));
    for (from, to) in [(1950, 1975), (1990, 2024), (2021, 2024)] {
        v.push(Filter {
            years: YearRange::new(from, to).ok(),
            ..Filter::default()
        });
    }
    v
}

#[test]
fn russia_keeps_one_colour_under_the_three_filters_of_the_report() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    let russia = id(ds, "Russia");
    let rank = ranks.supplier(russia).expect("Russia supplies");
    for (scheme, pal) in palettes() {
        let seen: Vec<(&str, Rgb)> = the_three(ds)
            .iter()
            .map(|(what, f)| (*what, colours_for(ds, &ranks, f, &pal).supplier(russia)))
            .collect();
        // Its colour is the one of its overall rank, under each filter.
        for (what, c) in &seen {
            assert_eq!(*c, pal.band(rank), "{scheme}, {what}: {seen:?}");
            assert_ne!(*c, pal.other, "{scheme}, {what}: Russia is named, not grey");
        }
    }
}

#[test]
fn every_supplier_shown_under_the_three_filters_keeps_its_colour() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    for (scheme, pal) in palettes() {
        let mut colour_of: HashMap<EntityId, (Rgb, &str)> = HashMap::new();
        let mut compared = 0;
        for (what, f) in the_three(ds) {
            let cm = colours_for(ds, &ranks, &f, &pal);
            let agg = Aggregates::compute(ds, &f);
            for k in agg.stacked(StackBy::Supplier, TOP_N).keys {
                let SeriesKey::Entity(e) = k else { continue };
                let c = cm.supplier(e);
                if let Some((before, where_)) = colour_of.insert(e, (c, what)) {
                    compared += 1;
                    assert_eq!(
                        before,
                        c,
                        "{scheme}: {} is {} under {where_} but {} under {what}",
                        ds.entity(e).name,
                        before.hex(),
                        c.hex()
                    );
                }
            }
        }
        // China, Russia, the United States, the United Kingdom, Ukraine, Israel: in the
        // top seven overall and for Myanmar (Russia a third time under Russia→Myanmar).
        assert!(compared >= 6, "{scheme}: only {compared} comparisons");
    }
}

#[test]
fn myanmars_fourth_supplier_india_is_named_not_grey() {
    // The rejected attempt gave the overall top eight their colours and everyone else
    // grey: India, 17th overall, became "Other" in Myanmar's timeline.
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    let f = recipient(ds, "Myanmar");
    let agg = Aggregates::compute(ds, &f);
    let india = id(ds, "India");
    assert_eq!(
        agg.suppliers[3].0, india,
        "India is Myanmar's fourth supplier"
    );
    assert!(
        ranks.supplier(india).expect("ranked") >= 8,
        "past the palette"
    );
    for (scheme, pal) in palettes() {
        let c = colours_for(ds, &ranks, &f, &pal).supplier(india);
        assert!(pal.bands.contains(&c), "{scheme}: India is {}", c.hex());
    }
}

#[test]
fn a_clash_takes_the_next_free_colour_and_the_larger_supplier_keeps_its_own() {
    // Thailand's suppliers include the United States (2nd overall) and Germany (10th):
    // both have palette band 1 as their home colour. The United States, larger overall,
    // keeps it; Germany takes the next band after 1 that none of Thailand's shown
    // suppliers holds.
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    let (us, de) = (id(ds, "United States"), id(ds, "Germany"));
    let n = Palette::light().bands.len();
    let (r_us, r_de) = (ranks.supplier(us).unwrap(), ranks.supplier(de).unwrap());
    assert_eq!(
        r_us % n,
        r_de % n,
        "the test's premise: the same home colour"
    );
    let f = recipient(ds, "Thailand");
    let shown: Vec<EntityId> = Aggregates::compute(ds, &f)
        .stacked(StackBy::Supplier, TOP_N)
        .keys
        .iter()
        .filter_map(|k| match k {
            SeriesKey::Entity(e) => Some(*e),
            _ => None,
        })
        .collect();
    assert!(shown.contains(&us) && shown.contains(&de), "both shown");
    for (scheme, pal) in palettes() {
        let cm = colours_for(ds, &ranks, &f, &pal);
        assert_eq!(cm.supplier(us), pal.band(r_us), "{scheme}");
        let held: Vec<Rgb> = shown
            .iter()
            .filter(|e| **e != de)
            .map(|e| cm.supplier(*e))
            .collect();
        let next_free = (1..=n)
            .map(|s| pal.band(r_de + s))
            .find(|c| !held.contains(c))
            .expect("a free colour");
        assert_eq!(cm.supplier(de), next_free, "{scheme}");
    }
}

/// The filter over all years, as the timeline and the colours see it.
fn all_years(ds: &Dataset, f: &Filter) -> Aggregates {
    let all_years = Filter {
        years: None,
        ..f.clone()
    };
    Aggregates::compute(ds, &all_years)
}

/// The colours of a view's shown bands (`agg` over all years), stacked `by`, with their
/// keys.
fn band_colours(agg: &Aggregates, cm: &ColorMap, by: StackBy) -> Vec<(SeriesKey, Rgb)> {
    agg.stacked(by, TOP_N)
        .keys
        .into_iter()
        .map(|k| (k, cm.key(by, k)))
        .collect()
}

#[test]
fn shown_bands_never_share_a_colour_and_only_other_is_grey() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    let filters = many_filters(&b);
    assert!(filters.len() > 100, "{} filters", filters.len());
    for (scheme, pal) in palettes() {
        assert!(!pal.bands.contains(&pal.other), "{scheme}: grey is no band");
        assert!(pal.bands.len() > TOP_N, "{scheme}: a colour per shown band");
        for f in &filters {
            let agg = all_years(ds, f);
            let cm = ColorMap::new(&ranks, &agg, TOP_N, &pal);
            for by in [StackBy::Supplier, StackBy::Category, StackBy::Recipient] {
                let bands = band_colours(&agg, &cm, by);
                for (i, (k, c)) in bands.iter().enumerate() {
                    if *k == SeriesKey::Other {
                        assert_eq!(*c, pal.other, "{scheme} {by:?} {f:?}");
                        continue;
                    }
                    assert!(
                        pal.bands.contains(c),
                        "{scheme} {by:?} {f:?}: {k:?} is {}, not a palette band",
                        c.hex()
                    );
                    if let Some((j, (k2, _))) = bands
                        .iter()
                        .enumerate()
                        .find(|(j, (_, c2))| *j < i && c2 == c)
                    {
                        panic!(
                            "{scheme} {by:?} {f:?}: bands {j} {k2:?} and {i} {k:?} share {}",
                            c.hex()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_overall_top_eight_keep_their_colour_in_every_view() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    let all = Aggregates::compute(ds, &Filter::default());
    let pal = Palette::light();
    let n = pal.bands.len();
    let filters = many_filters(&b);
    let mut checked = 0usize;
    for f in &filters {
        let agg = all_years(ds, f);
        let cm = ColorMap::new(&ranks, &agg, TOP_N, &pal);
        for by in [StackBy::Supplier, StackBy::Category] {
            for (k, c) in band_colours(&agg, &cm, by) {
                let rank = match k {
                    SeriesKey::Entity(e) => ranks.supplier(e),
                    SeriesKey::Category(c) => ranks.category(c),
                    SeriesKey::Other => continue,
                }
                .expect("every shown key is ranked overall");
                if rank < n {
                    checked += 1;
                    assert_eq!(c, pal.band(rank), "{by:?} {f:?}: {k:?} (rank {rank})");
                }
            }
        }
    }
    assert!(checked > filters.len(), "{checked} bands checked");
    // And the ranks are the overall ranking's order.
    for (i, (e, _)) in all.suppliers.iter().enumerate() {
        assert_eq!(ranks.supplier(*e), Some(i));
    }
    for (i, (c, _)) in all.categories.iter().enumerate() {
        assert_eq!(ranks.category(*c), Some(i));
    }
}

#[test]
fn categories_keep_their_colour_under_the_three_filters() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ranks = ColourRanks::of_dataset(ds);
    let pal = Palette::light();
    let mut colour_of: HashMap<Category, Rgb> = HashMap::new();
    let mut compared = 0;
    for (what, f) in the_three(ds) {
        let agg = all_years(ds, &f);
        let cm = ColorMap::new(&ranks, &agg, TOP_N, &pal);
        for (k, c) in band_colours(&agg, &cm, StackBy::Category) {
            let SeriesKey::Category(cat) = k else {
                continue;
            };
            if let Some(before) = colour_of.insert(cat, c) {
                compared += 1;
                assert_eq!(before, c, "{cat:?} changes colour under {what}");
            }
        }
    }
    assert!(compared >= 8, "only {compared} comparisons");
}
