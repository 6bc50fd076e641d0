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

// ------------------------------------------------- a load that adds nothing (issue #15)

mod load_decision {
    use atlas_core::import::sipri::parse;
    use atlas_core::import::user::{decide, describe, merge, Closing, NothingUsed};

    const HEADER: &str = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";
    const GOOD: &str = "1,Ruritania,Freedonia,XY,jet,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No";
    const BAD: &str = "2,Ruritania,Freedonia,XY,jet,Spaceships,2010,No,2,No,2011,No,New,5,5,10,No";

    fn file(name: &str, rows: &[&str]) -> (String, atlas_core::import::sipri::ParsedFile) {
        let text = format!("{HEADER}\n{}", rows.join("\n"));
        (name.to_owned(), parse(text.as_bytes()).expect("parses"))
    }

    #[test]
    fn a_header_only_file_changes_nothing() {
        let (_, summary) = merge(&[file("header-only.csv", &[])]);
        let d = decide(Some(&summary));
        assert!(
            !d.replace,
            "a file without rows must not replace the data shown"
        );
        assert_eq!(d.empty.len(), 1);
        assert_eq!(d.empty[0].name, "header-only.csv");
        assert_eq!(d.empty[0].why, NothingUsed::NoDataLines);
        assert_eq!(d.closing(0), Some(Closing::StillShown));
    }

    #[test]
    fn a_file_whose_every_row_is_rejected_changes_nothing() {
        let (_, summary) = merge(&[file("all-bad.csv", &[BAD, BAD])]);
        let d = decide(Some(&summary));
        assert!(!d.replace);
        match &d.empty[0].why {
            NothingUsed::AllRejected { rejected, first } => {
                assert_eq!(*rejected, 2);
                let first = first.as_deref().unwrap_or_default();
                assert!(
                    first.starts_with("line 2, column \"Armament category\""),
                    "{first}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(d.closing(0), Some(Closing::StillShown));
    }

    #[test]
    fn no_file_read_changes_nothing() {
        let d = decide(None);
        assert!(!d.replace);
        assert!(d.empty.is_empty());
        assert_eq!(d.closing(2), Some(Closing::StillShown));
    }

    #[test]
    fn a_good_file_with_a_bad_one_replaces_and_names_the_bad_one() {
        let (ds, summary) = merge(&[
            file("good.csv", &[GOOD]),
            file("header-only.csv", &[]),
            file("all-bad.csv", &[BAD]),
        ]);
        assert_eq!(ds.deliveries.len(), 1);
        let d = decide(Some(&summary));
        assert!(d.replace, "the good file's rows are used");
        let names: Vec<&str> = d.empty.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["header-only.csv", "all-bad.csv"]);
        // Not "the data shown before is still shown": it was replaced.
        assert_eq!(d.closing(0), Some(Closing::OthersShown));
        // The data's title names the file whose rows it holds.
        assert_eq!(
            describe(&summary).0,
            "Your file: good.csv (SIPRI release unknown)"
        );
    }

    #[test]
    fn a_good_load_has_nothing_to_add() {
        let (_, summary) = merge(&[file("good.csv", &[GOOD, BAD])]);
        let d = decide(Some(&summary));
        assert!(d.replace);
        assert!(
            d.empty.is_empty(),
            "a file with some rows used is not empty"
        );
        assert_eq!(d.closing(0), None);
        // A file that could not be read beside a good one: the others' rows are shown.
        assert_eq!(d.closing(1), Some(Closing::OthersShown));
    }
}
