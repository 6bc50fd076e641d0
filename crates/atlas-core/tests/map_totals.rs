//! The map's words about a place give the same totals as the rankings and the timeline, and
//! say, right beside the number, how much of it the arcs do not show and why (issue 16:
//! the map's list said Myanmar received 7,310 while the rankings said 7,339; the
//! difference, unknown suppliers, was only in a note).

mod common;

use atlas_core::analysis::aggregate::Aggregates;
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::import::places::PlaceTable;
use atlas_core::model::{Dataset, Deal, DealIdx, Delivery, EntityId, Tiv};
use atlas_core::render::flowmap::{place_words_in, FlowMapInput};
use atlas_core::render::{ColorMap, ColourRanks, Palette};
use atlas_core::text::{Locale, Tr};

fn input(ds: &Dataset, agg: &Aggregates) -> FlowMapInput {
    let colors = ColorMap::new(&ColourRanks::of_dataset(ds), agg, 7, &Palette::light());
    FlowMapInput::build(ds, agg, &colors, PlaceTable::builtin())
}

fn id(ds: &Dataset, name: &str) -> EntityId {
    ds.entity_by_name(name).expect("in the bundled data")
}

fn total_of(list: &[(EntityId, Tiv)], e: EntityId) -> Tiv {
    list.iter()
        .find(|(x, _)| *x == e)
        .map_or(Tiv::ZERO, |(_, t)| *t)
}

#[test]
fn myanmar_on_the_map_received_what_the_rankings_say_in_every_language() {
    let b = common::bundle();
    let ds = &b.dataset;
    let myanmar = id(ds, "Myanmar");
    let unknown = id(ds, "unknown supplier(s)");
    let f = Filter {
        recipients: vec![myanmar],
        ..Filter::default()
    };
    let agg = Aggregates::compute(ds, &f);
    let inp = input(ds, &agg);
    let p = &inp.places[inp.place_index(myanmar).expect("Myanmar is placed")];
    // The rankings' and the timeline's number.
    let ranked = total_of(&agg.recipients, myanmar);
    assert_eq!(ranked, agg.total);
    assert_eq!(p.imported_total(), ranked);
    // The arcs carry less: the unknown suppliers' flows cannot be drawn.
    let from_unknown = total_of(&agg.suppliers, unknown);
    assert!(from_unknown > Tiv::ZERO);
    assert_eq!(p.imported + from_unknown, ranked);
    assert_eq!(p.undrawn.from_off_map, vec![(unknown, from_unknown)]);
    let en = place_words_in(Tr::new(Locale::En), ds, p);
    assert_eq!(
        en,
        format!(
            "Myanmar, received {} million TIV ({} of it from unknown supplier(s), not on the map)",
            Tr::new(Locale::En).tiv(ranked),
            Tr::new(Locale::En).tiv(from_unknown)
        )
    );
    for l in Locale::ALL {
        let tr = Tr::new(l);
        let w = place_words_in(tr, ds, p);
        for part in [tr.tiv(ranked), tr.tiv(from_unknown)] {
            assert!(w.contains(&part), "{l:?}: {part} in {w}");
        }
        assert!(
            !w.contains(&tr.tiv(p.imported)),
            "{l:?}: only the total: {w}"
        );
        assert!(
            w.contains(tr.entity(ds, unknown)) && !w.contains('{'),
            "{l:?}: {w}"
        );
        if l != Locale::En {
            assert!(
                !w.contains("received") && !w.contains("not on the map"),
                "{l:?}: {w}"
            );
        }
    }
}

#[test]
fn every_place_totals_agree_with_the_rankings_under_many_filters() {
    let b = common::bundle();
    let ds = &b.dataset;
    let all = Aggregates::compute(ds, &Filter::default());
    let mut filters = vec![Filter::default()];
    filters.extend(all.recipients.iter().map(|(e, _)| Filter {
        recipients: vec![*e],
        ..Filter::default()
    }));
    filters.extend(all.suppliers.iter().map(|(e, _)| Filter {
        suppliers: vec![*e],
        ..Filter::default()
    }));
    filters.extend(all.categories.iter().map(|(c, _)| Filter {
        categories: vec![*c],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    }));
    let mut with_undrawn = 0;
    for f in &filters {
        let agg = Aggregates::compute(ds, f);
        let inp = input(ds, &agg);
        for (_, p) in inp.drawn_places() {
            assert_eq!(
                p.imported_total(),
                total_of(&agg.recipients, p.entity),
                "{f:?}: {}",
                p.label
            );
            assert_eq!(
                p.exported_total(),
                total_of(&agg.suppliers, p.entity),
                "{f:?}: {}",
                p.label
            );
            let words = place_words_in(Tr::new(Locale::En), ds, p);
            if p.undrawn.imported() + p.undrawn.exported() > Tiv::ZERO {
                with_undrawn += 1;
                assert!(words.contains(" of it "), "{words}");
            } else {
                assert!(!words.contains(" of it "), "{words}");
            }
        }
    }
    assert!(with_undrawn > 0, "some place has flows off the map");
}

/// The bundled data with every deal copied to every recipient: more supplier→recipient
/// pairs than the map draws.
fn every_pair(ds: &Dataset) -> Dataset {
    let mut out = ds.clone();
    let n = ds.deals.len();
    for r in ds.recipients() {
        for (i, deal) in ds.deals.iter().enumerate() {
            if deal.recipient == r {
                continue;
            }
            let idx = DealIdx(out.deals.len() as u32);
            out.deals.push(Deal {
                recipient: r,
                ..deal.clone()
            });
            let copies: Vec<_> = ds
                .deliveries
                .iter()
                .filter(|d| d.deal == DealIdx(i as u32))
                .map(|d| Delivery { deal: idx, ..*d })
                .collect();
            out.deliveries.extend(copies);
        }
    }
    assert!(out.deals.len() > n);
    out.deliveries.sort_by_key(|d| (d.year, d.deal));
    out
}

#[test]
fn flows_left_out_past_the_limit_are_said_too() {
    let b = common::bundle();
    let ds = every_pair(&b.dataset);
    let agg = Aggregates::compute(&ds, &Filter::default());
    let inp = input(&ds, &agg);
    assert!(inp.omitted > 0, "{} flows, none left out", agg.flows.len());
    let mut said = 0;
    for (_, p) in inp.drawn_places() {
        // Whole totals, as in the rankings, whatever the map leaves out.
        assert_eq!(
            p.imported_total(),
            total_of(&agg.recipients, p.entity),
            "{}",
            p.label
        );
        assert_eq!(
            p.exported_total(),
            total_of(&agg.suppliers, p.entity),
            "{}",
            p.label
        );
        if p.undrawn.imported_omitted > Tiv::ZERO {
            said += 1;
            let tr = Tr::new(Locale::En);
            let w = place_words_in(tr, &ds, p);
            let part = format!(
                "{} of it in smaller flows not drawn",
                tr.tiv(p.undrawn.imported_omitted)
            );
            assert!(w.contains(&part), "{w}");
        }
    }
    assert!(said > 0, "some drawn place lost a flow past the limit");
}
