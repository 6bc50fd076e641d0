//! Every entity name in every SIPRI file under ../shared/data/sipri has a placement.

mod common;

use std::collections::BTreeSet;

use atlas_core::import::places::{PlaceRule, PlaceTable};
use atlas_core::import::sipri::{parse, Rows};

/// Names from a file with a plain header (the derived CSVs and the TIV tables).
fn names_from_table(text: &str, header_starts: &[&str], cols: &[&str]) -> BTreeSet<String> {
    let mut lines = text
        .lines()
        .skip_while(|l| !header_starts.iter().any(|h| l.starts_with(h)));
    let Some(header) = lines.next() else {
        return BTreeSet::new();
    };
    let header: Vec<&str> = header.split(',').collect();
    let idx: Vec<usize> = cols
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    assert!(!idx.is_empty(), "no {cols:?} column in {header:?}");
    lines
        .flat_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            idx.iter()
                .filter_map(move |&i| f.get(i).map(|s| s.to_string()))
                .collect::<Vec<_>>()
        })
        .filter(|n| !n.is_empty() && !n.starts_with("Total world"))
        .collect()
}

#[test]
fn every_sipri_name_is_placed() {
    let table = PlaceTable::builtin();
    assert!(table.places().len() >= 260);
    let Some(dir) = common::data_dir("every_sipri_name_is_placed") else {
        return;
    };
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(dir.join("raw")).expect("raw/") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if file.starts_with("sipri_tiv_") {
            let text = String::from_utf8_lossy(&bytes);
            names.extend(names_from_table(
                &text,
                &["Recipient,", "Exports by,", "Supplier,"],
                &["Recipient", "Exports by", "Supplier"],
            ));
        } else {
            let f = parse(&bytes).expect(&file);
            match &f.rows {
                Rows::PerYear(r) => names.extend(
                    r.iter()
                        .flat_map(|r| [r.supplier.clone(), r.recipient.clone()]),
                ),
                Rows::Deals(r) => names.extend(
                    r.iter()
                        .flat_map(|r| [r.supplier.clone(), r.recipient.clone()]),
                ),
            }
        }
    }
    for derived in ["sipri_deals.csv", "sipri_deliveries_by_year.csv"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(derived)) {
            names.extend(names_from_table(
                &text,
                &["recipient,", "deal_id,"],
                &["supplier", "recipient"],
            ));
        }
    }
    assert!(names.len() > 250, "only {} names found", names.len());
    let missing: Vec<&String> = names.iter().filter(|n| table.get(n).is_none()).collect();
    assert!(missing.is_empty(), "names without a placement: {missing:?}");
    // The rules agree with SIPRI's markers.
    for n in &names {
        let p = table.get(n).expect("placed");
        if n.ends_with("**") {
            assert_eq!(p.rule, PlaceRule::Organisation, "{n}");
        } else if n.ends_with('*') {
            assert!(
                matches!(p.rule, PlaceRule::NonState | PlaceRule::Unknown),
                "{n}"
            );
        }
        assert_eq!(p.is_drawn(), p.rule != PlaceRule::Unknown, "{n}");
    }
    eprintln!("{} names placed", names.len());
}
