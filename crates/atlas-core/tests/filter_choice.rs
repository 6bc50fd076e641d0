//! Choosing several suppliers and recipients (issue 16): finding them by typing, and the
//! one-line summary that names them all. On the bundled data, as the filters offer them.

mod common;

use atlas_core::analysis::filter::Filter;
use atlas_core::model::{Dataset, EntityId};
use atlas_core::text::typeahead::NameIndex;
use atlas_core::text::views::filters_summary_in;
use atlas_core::text::{Locale, Tr};

/// The index the filter panel builds (`src/panels/entity_picker.rs`): each entity by the
/// name shown in `tr`'s language and by SIPRI's, in the order the select lists them.
fn index_in(tr: Tr, ds: &Dataset, ids: Vec<EntityId>) -> NameIndex<EntityId> {
    NameIndex::new(
        tr.sorted_by_name(ds, ids)
            .into_iter()
            .map(|(id, shown)| (id, [shown, ds.entity(id).label()])),
    )
}

fn index(ds: &Dataset, ids: Vec<EntityId>) -> NameIndex<EntityId> {
    index_in(Tr::new(Locale::En), ds, ids)
}

fn names(ds: &Dataset, ids: &[EntityId]) -> Vec<String> {
    ids.iter()
        .map(|id| ds.entity(*id).label().to_owned())
        .collect()
}

fn id(ds: &Dataset, name: &str) -> EntityId {
    ds.entity_by_name(name)
        .unwrap_or_else(|| panic!("{name} in the bundled data"))
}

#[test]
fn typing_finds_suppliers_prefix_first_whatever_the_case() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ix = index(ds, ds.suppliers());
    assert_eq!(ix.len(), ds.suppliers().len());
    let rus = ix.search("rus", |_| false);
    assert_eq!(names(ds, &rus[..1]), ["Russia"], "{:?}", names(ds, &rus));
    // Every hit contains the query; the ones that start with it come first.
    let all = names(ds, &rus);
    let starts = all
        .iter()
        .take_while(|n| n.to_lowercase().starts_with("rus"))
        .count();
    assert!(all[starts..]
        .iter()
        .all(|n| !n.to_lowercase().starts_with("rus")));
    assert!(
        all.iter().all(|n| n.to_lowercase().contains("rus")),
        "{all:?}"
    );
    assert_eq!(names(ds, &ix.search("CHI", |_| false)[..1]), ["China"]);
    assert_eq!(names(ds, &ix.search("  china ", |_| false)), ["China"]);
    // Once Russia is chosen, it is no longer offered.
    let russia = id(ds, "Russia");
    assert!(!ix.search("rus", |k| k == russia).contains(&russia));
    // Nothing typed: every supplier, in the order the select lists them.
    let listed: Vec<EntityId> = Tr::new(Locale::En)
        .sorted_by_name(ds, ds.suppliers())
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ix.search("", |_| false), listed);
}

#[test]
fn typing_finds_recipients_by_any_word() {
    let b = common::bundle();
    let ds = &b.dataset;
    let ix = index(ds, ds.recipients());
    let hits = names(ds, &ix.search("myan", |_| false));
    assert_eq!(
        hits.first().map(String::as_str),
        Some("Myanmar"),
        "{hits:?}"
    );
    // Non-state actors named after the country come after it (a word starts with it).
    assert!(hits.len() > 1, "{hits:?}");
    assert!(hits[1..].iter().all(|h| h.contains("Myanmar")), "{hits:?}");
    let viet = names(ds, &ix.search("VIET", |_| false));
    assert!(viet.iter().any(|n| n == "Viet Nam"), "{viet:?}");
}

#[test]
fn typing_finds_names_in_the_readers_language_and_sipris() {
    let b = common::bundle();
    let ds = &b.dataset;
    let china = id(ds, "China");
    let russia = id(ds, "Russia");
    let fr = Tr::new(Locale::Fr);
    let ix = index_in(fr, ds, ds.suppliers());
    assert_eq!(ix.search("chin", |_| false).first(), Some(&china));
    // "Biélorussie" holds "russie" too, but does not start with it.
    let belarus = id(ds, "Belarus");
    assert_eq!(ix.search("RUSSIE", |_| false), [russia, belarus]);
    // SIPRI's English spelling still finds it.
    assert_eq!(ix.search("russia", |_| false), [russia]);
    let us = ix.search("etats", |_| false);
    assert_eq!(
        us.first().map(|e| fr.entity(ds, *e)),
        Some("États-Unis"),
        "{:?}",
        us.iter().map(|e| fr.entity(ds, *e)).collect::<Vec<_>>()
    );
    let ru = Tr::new(Locale::Ru);
    let ix = index_in(ru, ds, ds.suppliers());
    assert_eq!(ix.search("кит", |_| false).first(), Some(&china));
    assert_eq!(ix.search("РОСС", |_| false), [russia]);
    let de = Tr::new(Locale::De);
    let ix = index_in(de, ds, ds.recipients());
    let myanmar = id(ds, "Myanmar");
    assert_eq!(ix.search("myan", |_| false).first(), Some(&myanmar));
}

#[test]
fn the_summary_names_every_supplier_and_recipient() {
    let b = common::bundle();
    let ds = &b.dataset;
    let span = ds.year_span().expect("deliveries");
    let f = Filter {
        suppliers: vec![id(ds, "Russia"), id(ds, "China")],
        recipients: vec![id(ds, "Myanmar")],
        ..Filter::default()
    };
    let en = Tr::new(Locale::En);
    assert_eq!(
        filters_summary_in(en, ds, &f, span),
        format!("Russia, China → Myanmar · {}–{}", span.0, span.1)
    );
    let only = Filter {
        suppliers: f.suppliers.clone(),
        ..Filter::default()
    };
    assert_eq!(
        filters_summary_in(en, ds, &only, span),
        format!("from Russia, China · {}–{}", span.0, span.1)
    );
    let fr = Tr::new(Locale::Fr);
    assert_eq!(
        filters_summary_in(fr, ds, &f, span),
        format!("Russie, Chine → Myanmar (Birmanie) · {}–{}", span.0, span.1)
    );
    assert_eq!(
        filters_summary_in(en, ds, &Filter::default(), span),
        format!("{}–{}", span.0, span.1)
    );
}
