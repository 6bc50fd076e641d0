//! URL state: parsing never fails, hostile input is reported, and to_query/parse_query
//! round-trip for any state.

mod common;

use atlas_core::analysis::aggregate::StackBy;
use atlas_core::render::Scheme;
use atlas_core::store::bundle::decode as decode_bundle;
use atlas_core::url::codec::{decode_component, encode_component};
use atlas_core::url::query::parse_query;
use atlas_core::url::state::{Presentation, ThemeChoice, UrlState};
use proptest::prelude::*;

fn arb_name() -> impl Strategy<Value = String> {
    // Anything but the list separator and surrounding blanks, which lists drop, and the
    // controls and invisible characters every text read from a link loses (issue #15).
    "[^|]{1,20}"
        .prop_map(|s| atlas_core::clean::plain_text(&s))
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
        arb_presentation(),
        proptest::option::of(proptest::sample::select(ThemeChoice::ALL.to_vec())),
        proptest::option::of(proptest::sample::select(
            atlas_core::text::Locale::ALL.to_vec(),
        )),
    )
        .prop_map(
            |(s, r, c, sys, text, years, stack, view, data, show, theme, lang)| UrlState {
                suppliers: s,
                recipients: r,
                categories: c,
                systems: sys,
                text: text.unwrap_or_default(),
                years: years.map(|(a, len)| (a, (a + len).min(2100))),
                stack,
                view: view.map(str::to_owned),
                data,
                show,
                theme,
                lang,
            },
        )
}

fn arb_presentation() -> impl Strategy<Value = Presentation> {
    (
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(
            "[a-zA-Z0-9 <>&=#%+?'\"ü-]{1,40}"
                .prop_map(|s| s.trim().to_owned())
                .prop_filter("non-empty", |s| !s.is_empty()),
        ),
        proptest::option::of(Just("myanmar".to_owned())),
        proptest::option::of(1u8..=9),
        // Paths inside the page's folder: no `.`, `..` or empty segment (issue #15).
        proptest::option::of("[a-z0-9_-]{1,8}(/[a-z0-9_-]{1,8}){0,2}(\\.tsv)?"),
    )
        .prop_map(
            |(embed, controls, title, story, step, annotations)| Presentation {
                embed,
                controls,
                title,
                story,
                step,
                annotations,
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
        "?supplier=Russia&recipient=Myanmar&recipient=Viet+Nam&years=1990-2024&stack=category"
    );
    // The older `|` list reads the same.
    let (old, issues) =
        parse_query("?supplier=Russia&recipient=Myanmar|Viet+Nam&years=1990-2024&stack=category");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(old, st);
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

// ---- The data pin (`data=`): bundled data or a user's own SIPRI export ----

use atlas_core::text::{Locale, Tr};
use atlas_core::url::pin::{pin_notice_in, DataOrigin, DataPin, PinFormat};

fn arb_pin() -> impl Strategy<Value = DataPin> {
    (
        prop_oneof![Just(DataOrigin::Bundled), Just(DataOrigin::File)],
        proptest::collection::btree_set(prop_oneof![Just(0u16), 1900u16..2101], 1..5),
        prop_oneof![
            Just(PinFormat::PerYear),
            Just(PinFormat::Deals),
            Just(PinFormat::Mixed)
        ],
        any::<u32>(),
        "[0-9a-f]{12}",
    )
        .prop_map(|(origin, releases, format, rows, hash)| {
            let file = origin == DataOrigin::File;
            DataPin {
                origin,
                releases: releases.into_iter().collect(),
                format: file.then_some(format),
                rows: file.then_some(rows),
                hash,
            }
        })
}

proptest! {
    #[test]
    fn data_pins_round_trip(pin in arb_pin()) {
        let s = pin.to_string();
        prop_assert_eq!(DataPin::parse(&s), Some(pin.clone()), "{}", s);
        // And through a whole link.
        let st = UrlState { data: Some(s.clone()), ..UrlState::default() };
        let (back, issues) = parse_query(&st.to_query());
        prop_assert!(issues.is_empty());
        prop_assert_eq!(back.data.as_deref().and_then(DataPin::parse), Some(pin));
    }

    #[test]
    fn data_pin_parse_is_total_and_canonical(s in "[-a-z0-9.]{0,60}|.{0,60}") {
        if let Some(p) = DataPin::parse(&s) {
            prop_assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn data_pin_from_parts_is_valid(
        origin in prop_oneof![Just(DataOrigin::Bundled), Just(DataOrigin::File)],
        releases in proptest::collection::vec(any::<u16>(), 0..12),
        rows in any::<usize>(),
        hash in any::<u64>(),
    ) {
        let pin = DataPin::new(origin, releases.iter().map(|r| r % 2101), Some(PinFormat::Deals), rows, hash);
        prop_assert_eq!(DataPin::parse(&pin.to_string()), Some(pin.clone()));
        prop_assert_eq!(pin.hash.len(), 12);
        prop_assert_eq!(pin.origin, origin);
    }
}

#[test]
fn old_bundled_links_read_the_same() {
    let b = common::bundle();
    let pin = DataPin::for_dataset(&b.dataset, DataOrigin::Bundled, b.meta.hash);
    // What links carried before user data was marked: releases, then 12 hex digits.
    let old = format!("2024.2025-{}", &b.meta.hash_hex()[..12]);
    assert_eq!(pin.to_string(), old);
    assert_eq!(DataPin::parse(&old), Some(pin.clone()));
    assert_eq!(pin_notice_in(Tr::new(Locale::En), &old, &pin, "x"), None);
    assert_eq!(pin.format, None);
    assert_eq!(pin.rows, None);
}

#[test]
fn malformed_pins_are_refused() {
    for s in [
        "",
        "-",
        "2024-8f3a01c2d4e",
        "2024-8F3A01C2D4E5",
        "2024..2025-8f3a01c2d4e5",
        "2025.2024-8f3a01c2d4e5",
        "02024-8f3a01c2d4e5",
        "file-2025-peryear-8f3a01c2d4e5",
        "file-2025-csv-10-8f3a01c2d4e5",
        "file-2025-peryear-010-8f3a01c2d4e5",
        "file-2025-peryear-99999999999-8f3a01c2d4e5",
        "file-2025-peryear--1-8f3a01c2d4e5",
        "url-2025-peryear-1-8f3a01c2d4e5",
        "file-2025-peryear-1-8f3a01c2d4e5-x",
    ] {
        assert_eq!(DataPin::parse(s), None, "{s}");
    }
}

#[test]
fn a_file_link_opened_on_bundled_data_explains_what_is_missing() {
    let b = common::bundle();
    let here = DataPin::for_dataset(&b.dataset, DataOrigin::Bundled, b.meta.hash);
    let n = pin_notice_in(
        Tr::new(Locale::En),
        "file-2025-peryear-60312-0123456789ab",
        &here,
        "Deliveries to mainland Southeast Asia",
    )
    .expect("a notice");
    assert!(n.offer_load);
    assert!(
        n.text
            .contains("SIPRI's per-delivery-year export from SIPRI release 2025, 60,312 rows"),
        "{}",
        n.text
    );
    assert!(
        n.text
            .contains("bundled with this page instead (Deliveries to mainland Southeast Asia)"),
        "{}",
        n.text
    );
    let how = n.how.expect("how");
    assert!(how.contains("Load a SIPRI export"), "{how}");
    assert!(how.contains("filters of this link stay applied"), "{how}");
    // The register, two releases.
    let n = pin_notice_in(
        Tr::new(Locale::En),
        "file-2024.2026-deals-20451-0123456789ab",
        &here,
        "t",
    )
    .expect("a notice");
    assert!(
        n.text
            .contains("deal-level trade register from SIPRI releases 2024 and 2026, 20,451 rows"),
        "{}",
        n.text
    );
}

#[test]
fn other_mismatches_say_what_they_can() {
    let user = DataPin::new(DataOrigin::File, [2024], Some(PinFormat::PerYear), 59157, 7);
    assert_eq!(
        pin_notice_in(Tr::new(Locale::En), &user.to_string(), &user, "t"),
        None
    );
    // Another export than the one loaded.
    let n = pin_notice_in(
        Tr::new(Locale::En),
        "file-2025-deals-20451-0123456789ab",
        &user,
        "t",
    )
    .expect("notice");
    assert!(n.text.contains("a different SIPRI export"), "{}", n.text);
    assert!(n.text.contains("59,157 rows"), "{}", n.text);
    assert!(n.offer_load);
    // A bundled link opened on a user's file.
    let n =
        pin_notice_in(Tr::new(Locale::En), "2024.2025-0123456789ab", &user, "t").expect("notice");
    assert!(n.how.expect("how").contains("Back to the bundled data"));
    assert!(!n.offer_load);
    // Unknown data: the plain message, value clipped.
    let b = DataPin::new(DataOrigin::Bundled, [2024, 2025], None, 0, 1);
    let n = pin_notice_in(Tr::new(Locale::En), "2019-000000000000", &b, "t").expect("notice");
    assert!(n.text.contains("made with other data (2019-000000000000)"));
    let n = pin_notice_in(Tr::new(Locale::En), &"x".repeat(150), &b, "t").expect("notice");
    assert!(n.text.chars().count() < 200);
}

#[test]
fn theme_param_for_embeds() {
    for (q, want) in [
        ("theme=dark", ThemeChoice::Dark),
        ("theme=light", ThemeChoice::Light),
        ("theme=auto", ThemeChoice::Auto),
        ("theme=DARK", ThemeChoice::Dark),
        ("theme=+dark+", ThemeChoice::Dark),
    ] {
        let (st, issues) = parse_query(q);
        assert!(issues.is_empty(), "{q}: {issues:?}");
        assert_eq!(st.theme, Some(want), "{q}");
        let back = st.to_query();
        assert_eq!(back, format!("?theme={}", want.name()));
        assert_eq!(parse_query(&back).0, st);
    }
    let (st, issues) = parse_query("?recipient=Myanmar&theme=sepia");
    assert_eq!(st.theme, None);
    assert_eq!(st.recipients, ["Myanmar"]);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].param, "theme");
    assert!(issues[0].message.contains("sepia"), "{}", issues[0].message);
    assert_eq!(parse_query("").0.theme, None);
    // Auto follows the system; the fixed choices ignore it.
    assert_eq!(ThemeChoice::Auto.scheme(true), Scheme::Dark);
    assert_eq!(ThemeChoice::Auto.scheme(false), Scheme::Light);
    assert_eq!(ThemeChoice::Light.scheme(true), Scheme::Light);
    assert_eq!(ThemeChoice::Dark.scheme(false), Scheme::Dark);
}
