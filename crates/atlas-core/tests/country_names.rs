//! Country names in the reader's language: CLDR's names for present-day states, SIPRI's for
//! everything else, and a name for every state of the bundled data in every language.

mod common;

use atlas_core::import::places::{PlaceRule, PlaceTable};
use atlas_core::model::EntityKind;
use atlas_core::text::names::{collation_key, iso3_of};
use atlas_core::text::{catalog, Locale, Tr};

/// What CLDR 48 calls them (`cldr-localenames-full`, `main/<lang>/territories.json`).
const EXPECTED: [(&str, [&str; 4]); 5] = [
    (
        "Myanmar",
        ["Myanmar", "Myanmar (Birmanie)", "Myanmar", "Мьянма (Бирма)"],
    ),
    ("Russia", ["Russia", "Russie", "Russland", "Россия"]),
    ("China", ["China", "Chine", "China", "Китай"]),
    ("Viet Nam", ["Viet Nam", "Viêt Nam", "Vietnam", "Вьетнам"]),
    (
        "United States",
        [
            "United States",
            "États-Unis",
            "Vereinigte Staaten",
            "Соединенные Штаты",
        ],
    ),
];

#[test]
fn states_take_cldr_names_and_english_keeps_sipri_spelling() {
    let b = common::bundle();
    let ds = &b.dataset;
    for (sipri, names) in EXPECTED {
        let id = ds
            .entity_by_name(sipri)
            .unwrap_or_else(|| panic!("{sipri} in the bundle"));
        for (l, want) in Locale::ALL.into_iter().zip(names) {
            let tr = Tr::new(l);
            assert_eq!(tr.entity(ds, id), want, "{l:?} {sipri}");
            // The tooltip gives SIPRI's spelling where the name shown differs.
            let note = tr.sipri_note(ds.entity(id));
            if want == sipri {
                assert_eq!(note, None, "{l:?} {sipri}");
            } else {
                let note = note.unwrap_or_default();
                assert!(note.starts_with("SIPRI") && note.ends_with(sipri), "{note}");
            }
        }
    }
}

#[test]
fn historical_states_armed_groups_and_organisations_keep_sipri_names() {
    let b = common::bundle();
    let ds = &b.dataset;
    let mut seen = [0usize; 3];
    for e in &ds.entities {
        let place = PlaceTable::builtin().get(&e.name);
        let kind = match (e.kind, place.map(|p| p.rule)) {
            (_, Some(PlaceRule::Historical)) | (EntityKind::Historical, _) => 0,
            (EntityKind::NonState, _) => 1,
            (EntityKind::Organisation, _) => 2,
            _ => continue,
        };
        seen[kind] += 1;
        for l in Locale::ALL {
            assert_eq!(Tr::new(l).entity_name(e), e.label(), "{l:?} {}", e.name);
        }
    }
    // The bundled region has historical states and armed groups (South Vietnam, the
    // Soviet Union, the armed groups of Myanmar); organisations come from the table.
    assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
    for l in Locale::ALL {
        for org in ["NATO**", "African Union**"] {
            assert_eq!(Tr::new(l).sipri_name(org), org.trim_end_matches('*'));
        }
    }
    // SIPRI's words for a party it does not know are words, translated.
    let unknown = ds
        .entity_by_name("unknown supplier(s)")
        .expect("in the bundle");
    let said: Vec<&str> = Locale::ALL
        .into_iter()
        .map(|l| Tr::new(l).entity(ds, unknown))
        .collect();
    assert_eq!(
        said,
        [
            "unknown supplier(s)",
            "fournisseur(s) inconnu(s)",
            "unbekannte Lieferanten",
            "неизвестные поставщики"
        ]
    );
    for l in Locale::ALL {
        let tr = Tr::new(l);
        for keep in [
            "South Vietnam",
            "Soviet Union",
            "MTA (Myanmar)*",
            "Libya GNC",
        ] {
            assert_eq!(tr.sipri_name(keep), keep.trim_end_matches('*'), "{l:?}");
        }
    }
}

#[test]
fn every_state_with_an_iso_code_has_a_name_in_every_language() {
    let b = common::bundle();
    let ds = &b.dataset;
    let states: Vec<&str> = ds
        .entities
        .iter()
        .filter(|e| iso3_of(&e.name).is_some())
        .map(|e| e.name.as_str())
        .collect();
    assert!(states.len() > 40, "only {} states", states.len());
    // And every state of the placement table, for the user's own files.
    let table: Vec<&str> = PlaceTable::builtin()
        .places()
        .iter()
        .filter(|p| iso3_of(&p.name).is_some())
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        table.len() > 180,
        "only {} states in places.tsv",
        table.len()
    );
    for l in [Locale::Fr, Locale::De, Locale::Ru] {
        let c = catalog(l);
        for name in states.iter().chain(&table) {
            let iso = iso3_of(name).expect("a state");
            let local = c
                .country(iso)
                .unwrap_or_else(|| panic!("{l:?} has no name for {name} ({iso})"));
            assert!(!local.trim().is_empty());
        }
        // Names a reader of Russian can read: Cyrillic for every state.
        if l == Locale::Ru {
            for iso in c.country_codes() {
                let n = c.country(iso).unwrap_or_default();
                assert!(
                    n.chars().any(|ch| ('\u{0400}'..='\u{04FF}').contains(&ch)),
                    "{iso}: {n}"
                );
            }
        }
    }
}

#[test]
fn lists_sort_by_the_names_shown() {
    let b = common::bundle();
    let ds = &b.dataset;
    for l in Locale::ALL {
        let tr = Tr::new(l);
        let sorted = tr.sorted_by_name(ds, ds.suppliers());
        assert_eq!(sorted.len(), ds.suppliers().len());
        for w in sorted.windows(2) {
            assert!(
                collation_key(w[0].1) <= collation_key(w[1].1),
                "{l:?}: {} before {}",
                w[0].1,
                w[1].1
            );
        }
    }
    // In French the United States sort among the E, not after Z.
    let fr = Tr::new(Locale::Fr);
    let names: Vec<&str> = fr
        .sorted_by_name(ds, ds.suppliers())
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    let us = names.iter().position(|n| *n == "États-Unis").expect("US");
    let first_f = names
        .iter()
        .position(|n| n.starts_with('F'))
        .expect("France");
    assert!(us < first_f, "{names:?}");
}
