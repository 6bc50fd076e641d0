//! URL state: parsing never fails, hostile input is reported, and to_query/parse_query
//! round-trip for any state.

mod common;

use atlas_core::data::{decode_bundle, StackBy};
use atlas_core::query::{decode_component, encode_component, parse_query, UrlState};
use proptest::prelude::*;

fn arb_name() -> impl Strategy<Value = String> {
    // Anything but the list separator and surrounding blanks, which lists drop.
    "[^|]{1,20}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn arb_state() -> impl Strategy<Value = UrlState> {
    (
        proptest::collection::vec(arb_name(), 0..3),
        proptest::collection::vec(arb_name(), 0..3),
        proptest::collection::vec(arb_name(), 0..2),
        proptest::collection::vec(arb_name(), 0..2),
        proptest::option::of("[a-zA-Z0-9 <>&=#%+?ü-]{1,30}".prop_map(|s| s.trim().to_owned())),
        proptest::option::of((1900u16..2100, 0u16..50)),
        prop_oneof![
            Just(StackBy::Supplier),
            Just(StackBy::Category),
            Just(StackBy::Recipient)
        ],
        proptest::option::of(prop_oneof![Just("map"), Just("timeline"), Just("register")]),
        proptest::option::of("[0-9a-f]{16}"),
        proptest::option::of(proptest::sample::select(
            atlas_core::i18n::Locale::ALL.to_vec(),
        )),
    )
        .prop_map(
            |(s, r, c, sys, text, years, stack, view, data, lang)| UrlState {
                suppliers: s,
                recipients: r,
                categories: c,
                systems: sys,
                text: text.unwrap_or_default(),
                years: years.map(|(a, len)| (a, (a + len).min(2100))),
                stack,
                view: view.map(str::to_owned),
                data,
                lang,
            },
        )
}

proptest! {
    #[test]
    fn query_round_trips(st in arb_state()) {
        let q = st.to_query();
        let (back, issues) = parse_query(&q);
        prop_assert!(issues.is_empty(), "{:?} from {}", issues, q);
        prop_assert_eq!(&back, &st);
        prop_assert_eq!(back.to_query(), q);
    }

    #[test]
    fn components_round_trip(s in ".{0,40}") {
        prop_assert_eq!(decode_component(&encode_component(&s)), s);
    }

    #[test]
    fn any_text_parses_without_panicking(q in ".{0,300}") {
        let _ = parse_query(&q);
    }
}

#[test]
fn readable_links() {
    let st = UrlState {
        suppliers: vec!["Russia".into()],
        recipients: vec!["Myanmar".into(), "Viet Nam".into()],
        years: Some((1990, 2024)),
        stack: StackBy::Category,
        ..UrlState::default()
    };
    assert_eq!(
        st.to_query(),
        "?supplier=Russia&recipient=Myanmar|Viet+Nam&years=1990-2024&stack=category"
    );
    assert_eq!(UrlState::default().to_query(), "");
}

#[test]
fn bad_parts_fall_back_alone() {
    let (st, issues) = parse_query("?supplier=Russia&years=2024-1990&stack=sideways&bogus=1&view=<script>alert(1)</script>&recipient=Myanmar");
    assert_eq!(st.suppliers, ["Russia"]);
    assert_eq!(st.recipients, ["Myanmar"]);
    assert_eq!(st.years, None);
    assert_eq!(st.stack, StackBy::Supplier);
    assert_eq!(st.view, None);
    let params: Vec<&str> = issues.iter().map(|i| i.param.as_str()).collect();
    assert_eq!(params, ["years", "stack", "bogus", "view"]);
    assert!(issues[0].message.contains("ends earlier"));
    let (_, issues) = parse_query("years=0-99999");
    assert!(issues[0].message.contains("outside"));
    let (st, issues) = parse_query("years=abc&q=%E0%A4%A&q2");
    assert_eq!(st.years, None);
    assert_eq!(issues.len(), 2);
    let long = format!("q={}", "a".repeat(20_000));
    let (st, issues) = parse_query(&long);
    assert!(st.text.len() <= 200);
    assert_eq!(issues[0].param, "link");
}

#[test]
fn names_resolve_against_the_dataset() {
    let bytes = std::fs::read(common::repo_root().join("assets/sea.atlas")).unwrap();
    let ds = decode_bundle(&bytes).unwrap().dataset;
    let (st, _) = parse_query("?supplier=Russia|Atlantis&recipient=Myanmar&category=Aircraft|Spaceships&system=Yak-130|Death+Star&years=2000-2024");
    let (f, issues) = st.resolve(&ds);
    assert_eq!(f.suppliers, vec![ds.entity_by_name("Russia").unwrap()]);
    assert_eq!(f.recipients.len(), 1);
    assert_eq!(f.categories.len(), 1);
    assert_eq!(f.systems.len(), 1);
    let msgs: Vec<String> = issues
        .iter()
        .map(|i| format!("{}: {}", i.param, i.message))
        .collect();
    assert_eq!(
        msgs,
        [
            "supplier: “Atlantis” is not in this dataset",
            "category: “Spaceships” is not one of SIPRI's armament categories",
            "system: no weapon system “Death Star” in this dataset",
        ]
    );
    // And back: the filter gives the same link.
    let again = UrlState::from_filter(&ds, &f, StackBy::Supplier);
    assert_eq!(
        again.to_query(),
        "?supplier=Russia&recipient=Myanmar&category=Aircraft&system=Yak-130&years=2000-2024"
    );
}
