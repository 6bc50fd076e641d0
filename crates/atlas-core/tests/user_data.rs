//! Loading one's own exports: several files merge by deal id within a release, every line
//! is accounted for, and the result survives the bundle encoding used to keep it.

mod common;

use std::collections::HashSet;

use atlas_core::import::sipri::{parse, Rows};
use atlas_core::import::user::{describe, merge, rejects_csv, to_bundle};
use atlas_core::store::bundle::decode;

#[test]
fn two_files_of_one_release_merge_by_deal_id() {
    let Some(dir) = common::data_dir("two_files_of_one_release_merge_by_deal_id") else {
        return;
    };
    let names = [
        "sipri_transfers_per_delivery_year_1950-1989_generated_2024-04-16.csv",
        "sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv",
    ];
    let files: Vec<(String, _)> = names
        .iter()
        .map(|n| {
            (
                n.to_string(),
                parse(&std::fs::read(dir.join("raw").join(n)).unwrap()).unwrap(),
            )
        })
        .collect();
    let mut ids = HashSet::new();
    let mut rows = 0;
    for (_, f) in &files {
        let Rows::PerYear(r) = &f.rows else { panic!() };
        rows += r.len();
        ids.extend(r.iter().map(|r| r.deal_id));
    }
    let (ds, summary) = merge(&files);
    assert_eq!(ds.deliveries.len(), rows);
    assert_eq!(
        ds.deals.len(),
        ids.len(),
        "a deal delivered across 1989/1990 is one deal"
    );
    assert!(ids.len() < 14_610 + 13_893);
    assert_eq!(
        summary.files.iter().map(|f| f.rows_used).sum::<usize>(),
        rows
    );
    assert_eq!(summary.first_year, Some(1950));
    assert_eq!(summary.last_year, Some(2023));
    assert!(summary.unplaced.is_empty(), "{:?}", summary.unplaced);
    let (title, _) = describe(&summary);
    assert!(
        title.starts_with("Your files: sipri_transfers_per_delivery_year_1950-1989"),
        "{title}"
    );
    assert!(title.ends_with("(SIPRI release 2024)"));
    let back = decode(&to_bundle(&ds, &summary)).unwrap();
    assert_eq!(back.dataset.deliveries, ds.deliveries);
    assert_eq!(back.meta.title, title);
}

#[test]
fn the_same_file_twice_is_counted_as_duplicates() {
    let text = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production\n\
        1,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No\n\
        1,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2012,No,New,5,5,10,No\n\
        2,Russia,Atlantis,Mi-17,helicopter,Aircraft,2010,No,2,No,bad,No,New,5,5,10,No\n";
    let f = parse(text.as_bytes()).unwrap();
    let (ds, summary) = merge(&[("a.csv".into(), f.clone()), ("b.csv".into(), f)]);
    assert_eq!(ds.deliveries.len(), 2);
    assert_eq!(summary.files[0].rows_used, 2);
    assert_eq!(summary.files[1].rows_used, 0);
    assert_eq!(summary.files[1].duplicate_lines, vec![2, 3]);
    let csv = rejects_csv(&summary);
    assert!(
        csv.contains("\"a.csv\",4,\"Delivery year\",\"\"\"bad\"\" is not a whole number\""),
        "{csv}"
    );
    assert!(csv.contains("\"b.csv\",2,\"row\",\"duplicate"));
    assert_eq!(
        summary.unplaced,
        Vec::<String>::new(),
        "Atlantis's row was rejected, so it is not in the data"
    );
}
