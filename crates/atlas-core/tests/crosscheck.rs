//! Our aggregates against SIPRI's own published numbers: every recipient × year and
//! supplier × year total of the 2024-release per-year files, computed by the app's
//! aggregation code, must equal SIPRI's TIV tables (2024 release) within rounding.
//! Skips, saying so, when ../shared/data is absent.

mod common;

use std::collections::HashMap;

use atlas_core::analysis::aggregate::{Aggregates, SeriesKey, StackBy};
use atlas_core::analysis::filter::Filter;
use atlas_core::import::builder::DatasetBuilder;
use atlas_core::import::sipri::parse as parse_sipri;
use atlas_core::model::Tiv;

/// A cell of SIPRI's TIV table: whole millions, rounded; `0 ` (with a space) means more
/// than 0 and at most 0.5; empty means no deliveries.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    Empty,
    Small,
    Value(i64),
}

/// Parses a TIV table export (`Recipient,1950,…` or `Exports by,1950,…`).
fn tiv_table(text: &str) -> HashMap<(String, u16), Cell> {
    let mut lines = text.lines().skip_while(|l| {
        !(l.starts_with("Recipient,") || l.starts_with("Exports by,") || l.starts_with("Supplier,"))
    });
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let years: Vec<(usize, u16)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.parse::<u16>().ok().map(|y| (i, y)))
        .collect();
    let mut out = HashMap::new();
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < header.len() || f[0].starts_with("Total world") || f[0].is_empty() {
            continue;
        }
        for &(i, y) in &years {
            let cell = match f[i] {
                "" => Cell::Empty,
                "0 " => Cell::Small,
                v => Cell::Value(v.trim().parse().expect("a number")),
            };
            out.insert((f[0].to_owned(), y), cell);
        }
    }
    out
}

fn agrees(ours: Tiv, cell: Cell) -> bool {
    match cell {
        Cell::Empty => ours == Tiv::ZERO,
        Cell::Small => ours.0 > 0 && ours.0 <= 50,
        Cell::Value(v) => (ours.0 - v * 100).abs() <= 50,
    }
}

#[test]
fn per_year_totals_equal_sipri_tiv_tables() {
    let Some(dir) = common::data_dir("per_year_totals_equal_sipri_tiv_tables") else {
        return;
    };
    let raw = dir.join("raw");
    let mut b = DatasetBuilder::new();
    for name in [
        "sipri_transfers_per_delivery_year_1950-1989_generated_2024-04-16.csv",
        "sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv",
    ] {
        let f = parse_sipri(&std::fs::read(raw.join(name)).expect("read")).expect(name);
        assert!(f.errors.is_empty());
        b.add(&f, |_| true);
    }
    let ds = b.finish();
    let agg = Aggregates::compute(&ds, &Filter::default());

    for (by, table_file) in [
        (
            StackBy::Recipient,
            "sipri_tiv_imports_by_recipient_1950-2024_generated_2024-10-13.csv",
        ),
        (
            StackBy::Supplier,
            "sipri_tiv_exports_by_supplier_1950-2024_generated_2024-10-13.csv",
        ),
    ] {
        let table = tiv_table(&std::fs::read_to_string(raw.join(table_file)).expect("read"));
        let series = agg.stacked(by, usize::MAX - 1);
        let mut ours: HashMap<(String, u16), Tiv> = HashMap::new();
        for (k, key) in series.keys.iter().enumerate() {
            let SeriesKey::Entity(e) = key else {
                panic!("no Other band with unlimited top N")
            };
            for (y, v) in series.values[k].iter().enumerate() {
                ours.insert((ds.entity(*e).name.clone(), series.year_at(y)), *v);
            }
        }
        let mut checked = 0;
        let mut disagreements = Vec::new();
        let mut missing_entities = std::collections::BTreeSet::new();
        for ((name, year), tiv) in &ours {
            if *year > 2023 {
                continue;
            }
            match table.get(&(name.clone(), *year)) {
                None => {
                    if *tiv != Tiv::ZERO {
                        missing_entities.insert(name.clone());
                    }
                }
                Some(cell) => {
                    checked += 1;
                    if !agrees(*tiv, *cell) {
                        disagreements.push(format!("{name} {year}: ours {tiv}, SIPRI {cell:?}"));
                    }
                }
            }
        }
        // Cells SIPRI fills that we have no deliveries for at all.
        for ((name, year), cell) in &table {
            if *year <= 2023 && *cell != Cell::Empty && !ours.contains_key(&(name.clone(), *year)) {
                disagreements.push(format!("{name} {year}: ours nothing, SIPRI {cell:?}"));
            }
        }
        assert!(
            missing_entities.is_empty(),
            "{table_file}: entities not in SIPRI's table: {missing_entities:?}"
        );
        assert!(
            disagreements.is_empty(),
            "{table_file}: {} of {checked} cells disagree: {:?}",
            disagreements.len(),
            &disagreements[..disagreements.len().min(10)]
        );
        assert!(
            checked > 10_000,
            "{table_file}: only {checked} cells compared"
        );
        eprintln!("{table_file}: {checked} entity×year cells agree with SIPRI's table");
    }
}
