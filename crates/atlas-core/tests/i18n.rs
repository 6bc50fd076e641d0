//! Languages: the translation tables agree with English, partial ones fall back plainly,
//! and the text alternatives say what the bundled data says (expected numbers are
//! computed here from the dataset's rows with plain loops, not with `Aggregates`).

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::Filter;
use atlas_core::model::{Category, Dataset, EntityId, Tiv};
use atlas_core::text::number::{format_share, format_tiv, format_year_range};
use atlas_core::text::plural::integer_categories;
use atlas_core::text::views::{announce, describe, flow_lines, flowmap_alt_in, timeline_alt};
use atlas_core::text::{catalog, placeholders, Catalog};
use atlas_core::text::{Locale, Tr};
use atlas_core::url::query::{parse_query, with_lang};

/// Keys without their plural suffix, each with the forms present.
fn bases(c: &Catalog) -> BTreeMap<&'static str, Vec<&'static str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for k in c.keys() {
        let (base, form) = k.split_once('#').unwrap_or((k, ""));
        m.entry(base).or_default().push(form);
    }
    m
}

fn text_placeholders(c: &Catalog, key: &str) -> BTreeSet<String> {
    placeholders(c.get(key).expect("key present"))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[test]
fn tables_read_cleanly() {
    for l in Locale::ALL {
        let c = catalog(l);
        assert!(c.problems.is_empty(), "{l:?}: {:?}", c.problems);
        assert!(!c.keys().is_empty(), "{l:?} is empty");
    }
}

#[test]
fn every_language_uses_english_keys_and_placeholders() {
    let en = catalog(Locale::En);
    let en_bases = bases(en);
    for l in Locale::ALL {
        let c = catalog(l);
        for (base, forms) in bases(c) {
            let en_forms = en_bases
                .get(base)
                .unwrap_or_else(|| panic!("{l:?} has a key English lacks: {base}"));
            let plural = !en_forms.contains(&"");
            for form in forms {
                assert_eq!(
                    form.is_empty(),
                    !plural,
                    "{l:?} {base}#{form}: plural mismatch"
                );
                let key = if form.is_empty() {
                    base.to_owned()
                } else {
                    format!("{base}#{form}")
                };
                let en_key = if plural {
                    format!("{base}#other")
                } else {
                    base.to_owned()
                };
                // `{count}` may be left out of a singular form ("one contract").
                let mut want = text_placeholders(en, &en_key);
                let got = text_placeholders(c, &key);
                if form == "one" && !got.contains("count") {
                    want.remove("count");
                }
                assert_eq!(got, want, "{l:?} {key}: placeholders differ from English");
            }
        }
    }
}

#[test]
fn every_language_is_complete() {
    let en_bases = bases(catalog(Locale::En));
    for l in Locale::ALL {
        let mine = bases(catalog(l));
        for (base, en_forms) in &en_bases {
            let forms = mine
                .get(base)
                .unwrap_or_else(|| panic!("{l:?} lacks {base}"));
            if !en_forms.contains(&"") {
                for cat in integer_categories(l) {
                    assert!(
                        forms.contains(&cat.name()),
                        "{l:?} {base} lacks the plural form {}",
                        cat.name()
                    );
                }
            }
        }
    }
    // An unknown key shows itself rather than nothing.
    assert_eq!(Tr::new(Locale::Fr).t("no.such.key"), "no.such.key");
}

#[test]
fn counted_phrases_follow_each_language() {
    let ru = Tr::new(Locale::Ru);
    assert_eq!(ru.p("count.deals", 1, &[]), "1 сделка");
    assert_eq!(ru.p("count.deals", 3, &[]), "3 сделки");
    assert_eq!(ru.p("count.deals", 5, &[]), "5 сделок");
    assert_eq!(ru.p("count.deals", 11, &[]), "11 сделок");
    assert_eq!(ru.p("count.deals", 21, &[]), "21 сделка");
    assert_eq!(ru.p("count.suppliers", 1234, &[]), "1\u{A0}234 поставщика");
    let fr = Tr::new(Locale::Fr);
    assert_eq!(fr.p("count.deals", 0, &[]), "0 contrat");
    assert_eq!(fr.p("count.deals", 1, &[]), "1 contrat");
    assert_eq!(fr.p("count.deals", 2, &[]), "2 contrats");
    assert_eq!(
        fr.p("count.deals", 1_000_000, &[]),
        "1\u{202F}000\u{202F}000 de contrats"
    );
    let en = Tr::new(Locale::En);
    assert_eq!(en.p("count.deals", 1, &[]), "1 deal");
    assert_eq!(en.p("count.deals", 0, &[]), "0 deals");
    assert_eq!(en.p("count.deals", 12_345, &[]), "12,345 deals");
    let de = Tr::new(Locale::De);
    assert_eq!(de.p("count.suppliers", 4, &[]), "4 Lieferanten");
    assert_eq!(
        de.p("names.more", 1234, &[("a", "A"), ("b", "B")]),
        "A, B und 1.234 weitere"
    );
    assert_eq!(
        de.p("flows.more", 1234, &[]),
        "…und 1.234 kleinere Lieferungen: siehe Register."
    );
    assert_eq!(
        ru.p("flows.more", 22, &[]),
        "…и ещё 22 меньших потока: см. реестр."
    );
}

#[test]
fn lang_parameter_round_trips() {
    for l in Locale::ALL {
        let (st, issues) = parse_query(&format!("?supplier=Russia&lang={}", l.tag()));
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(st.lang, Some(l));
        assert_eq!(st.to_query(), format!("?supplier=Russia&lang={}", l.tag()));
    }
    let (st, issues) = parse_query("?lang=fr-CA");
    assert_eq!(st.lang, Some(Locale::Fr));
    assert!(issues.is_empty());
    assert_eq!(
        with_lang("?supplier=Russia&lang=de&embed", Some(Locale::Fr)),
        "?supplier=Russia&embed&lang=fr"
    );
    assert_eq!(with_lang("?lang=de", None), "");
    assert_eq!(with_lang("", Some(Locale::Ru)), "?lang=ru");
    let (st, issues) = parse_query("?lang=klingon");
    assert_eq!(st.lang, None);
    assert_eq!(issues[0].param, "lang");
}

// ------------------------------------------------------------- text alternatives

/// What the rows say about a filter, summed with plain loops.
struct Expected {
    total: i64,
    estimated: i64,
    years: (u16, u16),
    by_supplier: HashMap<EntityId, i64>,
    by_recipient: HashMap<EntityId, i64>,
    by_category: HashMap<Category, i64>,
    deals: HashSet<u32>,
}

fn expected(ds: &Dataset, keep: impl Fn(EntityId, EntityId) -> bool) -> Expected {
    let mut e = Expected {
        total: 0,
        estimated: 0,
        years: (u16::MAX, 0),
        by_supplier: HashMap::new(),
        by_recipient: HashMap::new(),
        by_category: HashMap::new(),
        deals: HashSet::new(),
    };
    for d in &ds.deliveries {
        let deal = &ds.deals[d.deal.0 as usize];
        if !keep(deal.supplier, deal.recipient) || d.tiv.0 == 0 {
            continue;
        }
        e.total += d.tiv.0;
        if d.is_estimate() {
            e.estimated += d.tiv.0;
        }
        e.years = (e.years.0.min(d.year), e.years.1.max(d.year));
        *e.by_supplier.entry(deal.supplier).or_default() += d.tiv.0;
        *e.by_recipient.entry(deal.recipient).or_default() += d.tiv.0;
        *e.by_category.entry(deal.category).or_default() += d.tiv.0;
        e.deals.insert(d.deal.0);
    }
    e
}

fn largest<K: Copy + Ord>(m: &HashMap<K, i64>) -> (K, i64) {
    m.iter()
        .map(|(k, v)| (*k, *v))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .expect("not empty")
}

fn id(ds: &Dataset, name: &str) -> EntityId {
    ds.entity_by_name(name)
        .unwrap_or_else(|| panic!("{name} in the bundle"))
}

#[test]
fn russia_to_myanmar_in_words() {
    let b = common::bundle();
    let ds = &b.dataset;
    let (ru, mm) = (id(ds, "Russia"), id(ds, "Myanmar"));
    let exp = expected(ds, |s, r| s == ru && r == mm);
    assert!(
        exp.total > 0,
        "the bundle has Russian deliveries to Myanmar"
    );
    let f = Filter {
        suppliers: vec![ru],
        recipients: vec![mm],
        ..Filter::default()
    };
    let agg = Aggregates::compute(ds, &f);
    let (top_cat, top_cat_tiv) = largest(&exp.by_category);
    for l in Locale::ALL {
        let tr = Tr::new(l);
        let words = describe(tr, ds, &agg);
        let tiv = format_tiv(l, Tiv(exp.total));
        let years = format_year_range(l, exp.years.0, exp.years.1);
        let share = format_share(l, top_cat_tiv, exp.total);
        for part in [
            tr.entity(ds, ru),
            tr.entity(ds, mm),
            &tiv,
            &years,
            &share,
            tr.category(top_cat),
        ] {
            assert!(words.contains(part), "{l:?}: “{part}” not in “{words}”");
        }
        if exp.estimated > 0 {
            let est = format_share(l, exp.estimated, exp.total);
            assert!(words.contains(&est), "{l:?}: {est} not in {words}");
        }
    }
    let en = describe(Tr::new(Locale::En), ds, &agg);
    assert!(
        en.starts_with(&format!(
            "Russia delivered {} million TIV of major arms to Myanmar in {}, {} of it {}",
            format_tiv(Locale::En, Tiv(exp.total)),
            format_year_range(Locale::En, exp.years.0, exp.years.1),
            format_share(Locale::En, top_cat_tiv, exp.total),
            Tr::new(Locale::En).category(top_cat)
        )),
        "{en}"
    );
    let fr = describe(Tr::new(Locale::Fr), ds, &agg);
    // French names the countries its way, and puts no preposition before one (“à
    // Myanmar” would be wrong: “au Myanmar”).
    assert!(
        fr.starts_with("Russie → Myanmar (Birmanie)\u{A0}: "),
        "{fr}"
    );
    assert!(fr.contains(" millions de TIV d’armes majeures ("), "{fr}");
    assert!(fr.contains(", dont "), "{fr}");
    let de = describe(Tr::new(Locale::De), ds, &agg);
    assert!(de.starts_with("Russland → Myanmar: "), "{de}");
    let ru = describe(Tr::new(Locale::Ru), ds, &agg);
    assert!(ru.starts_with("Россия → Мьянма (Бирма): "), "{ru}");
}

#[test]
fn recipient_myanmar_names_its_top_suppliers_in_order() {
    let b = common::bundle();
    let ds = &b.dataset;
    let mm = id(ds, "Myanmar");
    let exp = expected(ds, |_, r| r == mm);
    let mut ranked: Vec<(EntityId, i64)> = exp.by_supplier.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert!(ranked.len() >= 3, "Myanmar has several suppliers");
    let f = Filter {
        recipients: vec![mm],
        ..Filter::default()
    };
    let agg = Aggregates::compute(ds, &f);
    let tr = Tr::new(Locale::En);
    let words = describe(tr, ds, &agg);
    let list: Vec<String> = ranked
        .iter()
        .take(3)
        .map(|(e, t)| {
            format!(
                "{} {} ({})",
                ds.entity(*e).label(),
                format_tiv(Locale::En, Tiv(*t)),
                format_share(Locale::En, *t, exp.total)
            )
        })
        .collect();
    let want = format!("Top suppliers: {}.", list.join(", "));
    assert!(words.contains(&want), "“{want}” not in “{words}”");
    assert!(words.starts_with(&format!("{} suppliers delivered", ranked.len())));
    // The live announcement counts deals and suppliers like the rows do.
    let live = announce(tr, &agg);
    assert_eq!(
        live,
        format!(
            "Showing {} deals from {} suppliers, {} million TIV, {}.",
            exp.deals.len(),
            ranked.len(),
            format_tiv(Locale::En, Tiv(exp.total)),
            format_year_range(Locale::En, exp.years.0, exp.years.1)
        )
    );
    // The timeline's alternative carries the same description and the peak year.
    let mut per_year: BTreeMap<u16, i64> = BTreeMap::new();
    for d in &ds.deliveries {
        if ds.deals[d.deal.0 as usize].recipient == mm {
            *per_year.entry(d.year).or_default() += d.tiv.0;
        }
    }
    let (peak_year, peak) = per_year
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(y, t)| (*y, *t))
        .expect("years");
    let alt = timeline_alt(tr, ds, &f, &agg, StackBy::Supplier);
    assert!(alt.contains(&words), "{alt}");
    assert!(
        alt.contains(&format!(
            "The largest year is {peak_year}, with {} million TIV.",
            format_tiv(Locale::En, Tiv(peak))
        )),
        "{alt}"
    );
}

#[test]
fn the_words_change_with_the_filter() {
    let b = common::bundle();
    let ds = &b.dataset;
    let tr = Tr::new(Locale::Fr);
    let all = Aggregates::compute(ds, &Filter::default());
    let f = Filter {
        suppliers: vec![id(ds, "China")],
        ..Filter::default()
    };
    let china = Aggregates::compute(ds, &f);
    let a = flowmap_alt_in(tr, ds, &Filter::default(), &all);
    let c = flowmap_alt_in(tr, ds, &f, &china);
    assert_ne!(a, c);
    assert!(c.contains("fournisseur\u{A0}: Chine"), "{c}");
    let none = Filter {
        text: "no weapon is called this".into(),
        ..Filter::default()
    };
    let empty = Aggregates::compute(ds, &none);
    assert_eq!(
        describe(tr, ds, &empty),
        "Aucune livraison ne correspond à ces filtres."
    );
    assert_eq!(
        announce(tr, &empty),
        "Aucune livraison ne correspond à ces filtres."
    );
    assert!(flowmap_alt_in(tr, ds, &none, &empty)
        .ends_with("Aucun flux ne peut être tracé pour ces filtres."));
    // In English the localised titles read exactly as the English-only ones.
    let en = Tr::new(Locale::En);
    for f in [Filter::default(), f.clone(), none.clone()] {
        let years = Aggregates::compute(ds, &f).years;
        assert_eq!(
            atlas_core::text::views::rankings_title_in(en, ds, &f, years),
            atlas_core::export::words::rankings_title(ds, &f, years),
        );
        assert_eq!(
            atlas_core::text::views::timeline_title_in(en, ds, &f, years, StackBy::Category),
            atlas_core::export::words::timeline_title(ds, &f, years, StackBy::Category),
        );
        assert_eq!(
            atlas_core::text::views::flowmap_title_in(en, ds, &f, years),
            atlas_core::export::words::flowmap_title(ds, &f, years),
        );
    }
}

#[test]
fn flow_lines_are_ranked_by_tiv() {
    let b = common::bundle();
    let ds = &b.dataset;
    let mm = id(ds, "Myanmar");
    let exp = expected(ds, |_, r| r == mm);
    let f = Filter {
        recipients: vec![mm],
        ..Filter::default()
    };
    let agg = Aggregates::compute(ds, &f);
    let lines = flow_lines(Tr::new(Locale::De), ds, &agg, 50);
    assert_eq!(lines.len(), exp.by_supplier.len().min(50));
    for w in lines.windows(2) {
        assert!(w[0].tiv >= w[1].tiv);
    }
    let (top, t) = largest(&exp.by_supplier);
    assert_eq!(lines[0].supplier, top);
    assert_eq!(lines[0].tiv, Tiv(t));
    assert!(lines[0].text.starts_with(&format!(
        "{} → Myanmar: {} Mio. TIV",
        ds.entity(top).label(),
        format_tiv(Locale::De, Tiv(t))
    )));
}
