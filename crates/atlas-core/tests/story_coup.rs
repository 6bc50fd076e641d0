//! The story leads with the news (issue #16): its first step covers the years since
//! Myanmar's coup, and its caption says who supplied the junta since then and with which
//! systems. Every number in it is checked here against a plain loop over the bundled
//! rows (not `Aggregates`); the caption templates hold no digits; the step starts in the
//! year of the coup as the story's annotation file records it.

mod common;

use std::collections::HashMap;

use atlas_core::analysis::aggregate::StackBy;
use atlas_core::model::{Dataset, EntityId, Tiv};
use atlas_core::story::annotations::parse_annotations;
use atlas_core::story::{caption_in, story, Caption, StoryStep, COUP_YEAR};
use atlas_core::text::number::{format_share, format_tiv, format_year_range};
use atlas_core::text::{catalog, Locale, Tr};

/// What the coup step must say, computed with plain loops over the dataset's rows.
struct Expected {
    first: u16,
    last: u16,
    total: i64,
    /// Suppliers by TIV, largest first (ties by id, as every ranking of the app).
    suppliers: Vec<(EntityId, i64)>,
    /// Each supplier's weapon systems by TIV, largest first (ties by name).
    systems: HashMap<EntityId, Vec<(String, i64)>>,
}

fn expected(ds: &Dataset, recipient: &str, from: u16) -> Expected {
    let last = ds.deliveries.iter().map(|d| d.year).max().expect("rows");
    let mut total = 0i64;
    let mut by_supplier: HashMap<EntityId, i64> = HashMap::new();
    let mut by_system: HashMap<(EntityId, String), i64> = HashMap::new();
    for d in &ds.deliveries {
        if d.year < from {
            continue;
        }
        let deal = &ds.deals[d.deal.0 as usize];
        if ds.entities[deal.recipient.0 as usize].name != recipient {
            continue;
        }
        total += d.tiv.0;
        *by_supplier.entry(deal.supplier).or_default() += d.tiv.0;
        let name = ds.str(deal.designation).to_owned();
        *by_system.entry((deal.supplier, name)).or_default() += d.tiv.0;
    }
    let mut suppliers: Vec<(EntityId, i64)> =
        by_supplier.into_iter().filter(|(_, t)| *t > 0).collect();
    suppliers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut systems: HashMap<EntityId, Vec<(String, i64)>> = HashMap::new();
    for ((e, name), t) in by_system {
        if t > 0 {
            systems.entry(e).or_default().push((name, t));
        }
    }
    for v in systems.values_mut() {
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    Expected {
        first: from,
        last,
        total,
        suppliers,
        systems,
    }
}

fn coup_step() -> StoryStep {
    let s = story("myanmar").expect("the story");
    s.steps[0].clone()
}

#[test]
fn the_first_step_is_the_years_since_the_coup() {
    let b = common::bundle();
    let ds = &b.dataset;
    let step = coup_step();
    assert_eq!(step.caption, Caption::Since);
    assert_eq!(step.heading, "Since the coup");
    assert_eq!(step.state.recipients, ["Myanmar"]);
    assert!(step.state.suppliers.is_empty(), "every supplier");
    assert_eq!(step.state.stack, StackBy::Supplier);
    assert_eq!(step.state.view.as_deref(), Some("map"));
    // From the coup to the last year of the data, whichever that is.
    let (filter, issues) = step.state.resolve(ds);
    assert!(issues.is_empty(), "{issues:?}");
    let years = filter.years.expect("a year range");
    let last = ds.deliveries.iter().map(|d| d.year).max().expect("rows");
    assert_eq!((years.from(), years.to()), (2021, last));
    // Data ending before the coup gives the coup year alone, not a reversed range.
    assert_eq!(step.state.years(Some((1950, 1989))), Some((2021, 2021)));
    assert_eq!(step.state.years(Some((1950, 2030))), Some((2021, 2030)));
}

#[test]
fn the_step_starts_in_the_year_the_annotation_file_dates_the_coup() {
    let text = std::fs::read_to_string(common::repo_root().join("assets/annotations/myanmar.tsv"))
        .expect("assets/annotations/myanmar.tsv");
    let (notes, issues) = parse_annotations(&text);
    assert!(issues.is_empty(), "{issues:?}");
    let coup = notes
        .iter()
        .find(|n| n.label == "Military coup")
        .expect("the coup in myanmar.tsv");
    assert!(
        !coup.source.trim().is_empty(),
        "the coup has a named source"
    );
    assert_eq!(coup.date.year, COUP_YEAR);
    assert_eq!(coup_step().state.since, Some(coup.date.year));
}

#[test]
fn the_coup_caption_is_computed_from_the_rows() {
    let b = common::bundle();
    let ds = &b.dataset;
    let want = expected(ds, "Myanmar", COUP_YEAR);
    assert!(want.total > 0, "no deliveries to Myanmar since the coup");
    let label = |e: EntityId| ds.entities[e.0 as usize].name.trim_end_matches('*');
    for l in Locale::ALL {
        // Suppliers are named in the reader's language (tests/country_names.rs checks
        // the names themselves).
        let label = |e: EntityId| Tr::new(l).entity(ds, e);
        let caption = caption_in(Tr::new(l), ds, &coup_step());
        println!("{l:?}: {caption}");
        // Each named supplier's share and its two largest systems, in rank order; then
        // what the others delivered together.
        let mut items = Vec::new();
        for &(e, t) in want.suppliers.iter().take(3) {
            let systems: Vec<&str> = want.systems[&e]
                .iter()
                .take(2)
                .map(|(n, _)| n.as_str())
                .collect();
            items.push(format!(
                "{} {} ({})",
                label(e),
                format_share(l, t, want.total),
                systems.join(", ")
            ));
        }
        let named: i64 = want.suppliers.iter().take(3).map(|(_, t)| t).sum();
        let others = want.total - named;
        let years = format_year_range(l, want.first, want.last);
        let tiv = format_tiv(l, Tiv(want.total));
        let list = items.join(", ");
        let others_word = match l {
            Locale::En => "others",
            Locale::Fr => "autres",
            Locale::De => "übrige",
            Locale::Ru => "прочие",
        };
        let list = if others > 0 {
            format!(
                "{list}, {others_word} {}",
                format_share(l, others, want.total)
            )
        } else {
            list
        };
        let full = match l {
            Locale::En => format!(
                "Since the coup ({years}), Myanmar received {tiv} million TIV of major arms: {list}."
            ),
            Locale::Fr => format!(
                "Depuis le coup d’État ({years}), Myanmar (Birmanie)\u{A0}: {tiv} millions de TIV d’armes majeures reçus\u{202F}; {list}."
            ),
            Locale::De => format!(
                "Seit dem Putsch ({years}), Empfänger Myanmar: {tiv} Mio. TIV an Großwaffen; {list}."
            ),
            Locale::Ru => format!(
                "После переворота ({years}): получатель — Мьянма (Бирма), {tiv} млн TIV основных вооружений; {list}."
            ),
        };
        assert_eq!(caption, full, "{l:?}");
    }
    // Russia leads the years since the coup in the bundled data, with China second.
    let en = caption_in(Tr::new(Locale::En), ds, &coup_step());
    let first = label(want.suppliers[0].0);
    assert!(
        en.contains(&format!("major arms: {first} ")),
        "the largest supplier comes first: {en}"
    );
}

#[test]
fn caption_templates_hold_no_numbers() {
    // Every number of a caption is computed: the templates have placeholders only.
    for l in Locale::ALL {
        let c = catalog(l);
        for key in c.keys().into_iter().filter(|k| k.starts_with("story.")) {
            let text = c.get(key).expect("key");
            assert!(
                !text.chars().any(char::is_numeric),
                "{l:?} {key} has a number typed in: {text}"
            );
        }
    }
}

#[test]
fn french_captions_put_no_preposition_before_a_country() {
    // "à Myanmar" is wrong ("au Myanmar"), and so would be "à" or "de" before most
    // names: the French captions name countries without a preposition.
    let b = common::bundle();
    let ds = &b.dataset;
    let fr = Tr::new(Locale::Fr);
    for step in story("myanmar").expect("the story").steps {
        let c = caption_in(fr, ds, &step);
        for bad in [
            "à Myanmar",
            "de Myanmar",
            "à Russia",
            "de Russia",
            "au Myanmar",
        ] {
            assert!(!c.contains(bad), "{bad:?} in {c}");
        }
    }
    // German and Russian have their own captions now, not English ones.
    for (l, word) in [
        (Locale::De, "TIV an Großwaffen"),
        (Locale::Ru, "основных вооружений"),
    ] {
        let tr = Tr::new(l);
        for step in story("myanmar").expect("the story").steps {
            let c = caption_in(tr, ds, &step);
            assert!(!c.contains("million TIV"), "{l:?}: {c}");
            if step.caption != Caption::Map {
                assert!(c.contains(word), "{l:?}: {c}");
            }
        }
    }
}
