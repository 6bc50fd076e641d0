//! The SIPRI importer on small hand-made files (every quirk of both formats, and hostile
//! input) and on the real exports in ../shared/data when they are present.

mod common;

use atlas_core::import::builder::DatasetBuilder;
use atlas_core::import::sipri::{
    parse, release_from_generated, Encoding, ImportError, RowProblem, Rows,
};
use atlas_core::model::EntityKind;
use atlas_core::model::{Category, Flag, SourceFormat, Status, Tiv};

const PREAMBLE: &str =
    "Transfers of major conventional arms from All countries to All countries.\n\
A '?' in a column indicates uncertain data.\n\
An empty field for 'Number ordered' indicates that data is not yet available.\n\
SIPRI trend-indicator values (TIVs) are in millions.\n\
An empty field for 'SIPRI TIV for total order' indicates that data is not available.\n\
A '0' for 'SIPRI TIV of delivered weapons' indicates ...\n\
Figures may not add up to stated totals due to the conventions of rounding.\n\
For the method used see <https://www.sipri.org/databases/armstransfers/sources-and-methods>.\n\
\n\
Source: SIPRI Arms Transfers Database (c) SIPRI.\n";

const PER_YEAR_HEADER: &str = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";

/// A per-year file the way the 2025-release export looks: CRLF and a `;` ending every line.
fn per_year_crlf(rows: &[&str]) -> Vec<u8> {
    let mut s = String::new();
    for line in PREAMBLE.lines() {
        s.push_str(line);
        s.push_str(";\r\n");
    }
    s.push_str("Data generated: 12 Feb 2026 12:26:12 PM;\r\n");
    s.push_str(PER_YEAR_HEADER);
    s.push_str(";\r\n");
    for r in rows {
        s.push_str(r);
        s.push_str(";\r\n");
    }
    s.into_bytes()
}

#[test]
fn per_year_export_with_every_quirk() {
    let bytes = per_year_crlf(&[
        "55238,Albania,Burkina Faso,PM-43 120mm,mortar,Artillery,2011,Yes,12,No,2011,No,Second hand,0.25,0.1,1.2,No",
        "60001,Russia,Myanmar,Yak-130,trainer/combat aircraft,Aircraft,2015,,6,,2017,,New,12,12,72,No",
        "60002,China,Myanmar,JY-8,air search radar,Air-defence systems,2000,No,1,No,2001,No,Second hand but modernized,2,0.8,0.8,Yes",
    ]);
    let f = parse(&bytes).expect("parses");
    assert_eq!(f.format, SourceFormat::PerDeliveryYear);
    assert_eq!(
        f.header_line, 12,
        "header is on line 12 after the 11-line preamble"
    );
    assert_eq!(f.generated.as_deref(), Some("12 Feb 2026 12:26:12 PM"));
    assert_eq!(
        f.release,
        Some(2025),
        "generated before the March update: 2025 release"
    );
    assert_eq!(f.encoding, Encoding::Utf8);
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    let Rows::PerYear(rows) = &f.rows else {
        panic!("per-year rows")
    };
    assert_eq!(rows.len(), 3);
    let r = &rows[0];
    assert_eq!(
        (r.deal_id, r.supplier.as_str(), r.recipient.as_str()),
        (55238, "Albania", "Burkina Faso")
    );
    assert_eq!(r.category, Category::Artillery);
    assert_eq!(r.order_year_estimate, Flag::Yes);
    assert_eq!(r.number_estimate, Flag::No);
    assert_eq!(r.tiv, Tiv(120));
    assert_eq!(
        r.local_production,
        Flag::No,
        "the trailing ';' must not stick to the last field"
    );
    assert_eq!(
        rows[1].order_year_estimate,
        Flag::Blank,
        "blank flags stay blank"
    );
    assert_eq!(rows[1].year_estimate, Flag::Blank);
    assert_eq!(rows[2].status, Status::SecondHandModernised);
    assert_eq!(rows[2].category, Category::AirDefence);
    assert_eq!(rows[2].local_production, Flag::Yes);
}

#[test]
fn bad_rows_are_located_and_valid_rows_kept() {
    let bytes = per_year_crlf(&[
        "1,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No",
        "2,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,two,No,2011,No,New,5,5,10,No",
        "3,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,99999,No,New,5,5,10,No",
        "4,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,-10,No",
        "5,Russia,Myanmar,Mi-17,helicopter,Spaceships,2010,No,2,No,2011,No,New,5,5,10,No",
        "6,Russia,Myanmar,Mi-17,helicopter",
        "7,Russia,Myanmar,Mi-17,helicopter,Aircraft,0,No,2,No,2011,No,New,5,5,10,No",
        "8,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,Maybe,2,No,2011,No,New,5,5,10,No",
        "9,<script>alert(1)</script>,\u{202e}Myanmar\u{200b},Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No",
    ]);
    let f = parse(&bytes).expect("parses");
    assert_eq!(f.data_lines, 9);
    assert_eq!(f.rows.len(), 2, "rows 1 and 9 are valid: {:?}", f.errors);
    let found: Vec<(usize, &str, String)> = f
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.to_string()))
        .collect();
    assert_eq!(found[0].0, 14);
    assert_eq!(found[0].1, "Numbers delivered");
    assert!(found[0].2.contains("\"two\""));
    assert_eq!((found[1].0, found[1].1), (15, "Delivery year"));
    assert!(matches!(f.errors[1].problem, RowProblem::YearOutOfRange(_)));
    assert_eq!((found[2].0, found[2].1), (16, "TIV delivery values"));
    assert_eq!((found[3].0, found[3].1), (17, "Armament category"));
    assert_eq!(
        f.errors[4].problem,
        RowProblem::FieldCount {
            expected: 17,
            found: 5
        }
    );
    assert_eq!((found[5].0, found[5].1), (19, "Order date"));
    assert_eq!((found[6].0, found[6].1), (20, "Order date is estimate"));
    assert!(f.errors[0]
        .to_string()
        .starts_with("line 14, column \"Numbers delivered\""));
    // A name with markup is data, kept verbatim; escaping is the view's job.
    let Rows::PerYear(rows) = &f.rows else {
        panic!()
    };
    assert_eq!(rows[1].supplier, "<script>alert(1)</script>");
    assert_eq!(
        rows[1].recipient, "Myanmar",
        "bidi overrides and zero-width characters are removed"
    );
}

#[test]
fn deal_register_latin1_with_question_marks_and_lists() {
    let mut s = String::new();
    s.push_str(PREAMBLE);
    s.push_str("Data generated: 18 May 2026 2:29:20 PM\n");
    s.push_str("Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons\n");
    s.push_str("Myanmar,Russia,2009,?,20,?,MiG-29,fighter aircraft,20,?,2010; 2011,Second hand but modernized,MiG-29B and MiG-29UB version; $570 m deal,9,180,180\n");
    s.push_str("Saudi Arabia,Russia,2021,?,39,,Pantsyr-S1,self-propelled air-defence system,0,,,New,,15,585,\n");
    s.push_str(
        "Finland,W\u{e4}rtsil\u{e4},1950,,,,B\u{fc}-181,trainer aircraft,3,,1951,New,,0.5,,1.5\n",
    );
    // Latin-1, as SIPRI writes the register.
    let bytes: Vec<u8> = s
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
        .collect();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test file must not be valid UTF-8"
    );
    let f = parse(&bytes).expect("parses");
    assert_eq!(f.format, SourceFormat::DealRegister);
    assert_eq!(f.encoding, Encoding::Latin1);
    assert_eq!(f.release, Some(2026));
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    let Rows::Deals(rows) = &f.rows else {
        panic!("deal rows")
    };
    let mig = &rows[0];
    assert_eq!(mig.order_year_estimate, Flag::Yes);
    assert_eq!(mig.number_ordered, Some(20));
    assert_eq!(mig.delivery_years, vec![2010, 2011]);
    assert_eq!(
        mig.comments.as_deref(),
        Some("MiG-29B and MiG-29UB version; $570 m deal")
    );
    assert_eq!(mig.tiv_delivered, Some(Tiv(18000)));
    let pantsyr = &rows[1];
    assert_eq!(pantsyr.number_delivered, 0);
    assert!(pantsyr.delivery_years.is_empty());
    assert_eq!(pantsyr.tiv_delivered, None, "nothing delivered yet");
    assert_eq!(pantsyr.tiv_per_unit, Some(Tiv(1500)));
    assert_eq!(pantsyr.comments, None);
    assert_eq!(rows[2].supplier, "W\u{e4}rtsil\u{e4}");
    assert_eq!(rows[2].designation, "B\u{fc}-181");
    assert_eq!(
        rows[2].number_ordered, None,
        "empty means not yet available"
    );

    // Into the model: no per-year split is invented silently.
    let mut b = DatasetBuilder::new();
    let rep = b.add(&f, |_| true);
    assert_eq!((rep.new_deals, rep.deliveries), (3, 3));
    let ds = b.finish();
    let mig_dels: Vec<_> = ds
        .deliveries
        .iter()
        .filter(|d| ds.deal(d.deal).number_ordered == Some(20))
        .collect();
    assert_eq!(mig_dels.len(), 2);
    assert!(
        mig_dels.iter().all(|d| d.approximate),
        "split figures are marked approximate"
    );
    assert_eq!(
        mig_dels.iter().map(|d| d.tiv).sum::<Tiv>(),
        Tiv(18000),
        "the total is kept exactly"
    );
    let single: Vec<_> = ds.deliveries.iter().filter(|d| d.year == 1951).collect();
    assert!(!single[0].approximate, "one delivery year needs no split");
    assert_eq!(
        ds.deals
            .iter()
            .filter(|d| d.category == Category::Unspecified)
            .count(),
        3
    );
}

#[test]
fn hostile_files_give_clear_errors_not_panics() {
    assert_eq!(parse(b""), Err(ImportError::Empty));
    assert_eq!(parse(b"   \n\n"), Err(ImportError::Empty));
    assert!(matches!(
        parse(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2]),
        Err(ImportError::Binary { .. })
    ));
    assert!(matches!(
        parse(b"name,age\nalice,3\n"),
        Err(ImportError::NoHeader { .. })
    ));
    // Truncated in the middle of a row: the partial row is rejected, the rest kept.
    let mut bytes = per_year_crlf(&[
        "1,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No",
    ]);
    bytes.extend_from_slice(b"2,Russia,Myan");
    let f = parse(&bytes).expect("parses");
    assert_eq!(f.rows.len(), 1);
    assert_eq!(f.errors.len(), 1);
    assert_eq!(f.errors[0].line, 14);
    // A header with the wrong columns says which.
    let e = parse(b"SIPRI AT Database ID,Supplier,Recipient,Designation\n1,a,b,c\n").unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::BadHeader {
                found: 4,
                expected: 17,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("line 1"));
    // Semicolon-separated (a spreadsheet's re-save): read the same way.
    let semi = PER_YEAR_HEADER.replace(',', ";")
        + "\n1;Russia;Myanmar;Mi-17;helicopter;Aircraft;2010;No;2;No;2011;No;New;5;5;10;No\n";
    let f = parse(semi.as_bytes()).expect("semicolon file parses");
    assert_eq!(f.rows.len(), 1, "{:?}", f.errors);
    // Quoted fields from a re-save, with an embedded comma and quote.
    let quoted = PER_YEAR_HEADER.to_owned()
        + "\n1,Russia,Myanmar,\"Mi-17, \"\"V5\"\"\",helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No\n";
    let f = parse(quoted.as_bytes()).expect("quoted file parses");
    let Rows::PerYear(rows) = &f.rows else {
        panic!()
    };
    assert_eq!(rows[0].designation, "Mi-17, \"V5\"");
    // UTF-16 with BOM.
    let mut u16file = vec![0xFF, 0xFE];
    for unit in quoted.encode_utf16() {
        u16file.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(parse(&u16file).expect("utf-16 parses").rows.len(), 1);
}

#[test]
fn releases_follow_the_march_update() {
    assert_eq!(
        release_from_generated("12 Feb 2026 12:26:12 PM"),
        Some(2025)
    );
    assert_eq!(
        release_from_generated("13 Apr 2024 10:05:18 PM"),
        Some(2024)
    );
    assert_eq!(release_from_generated("18 May 2026 2:29:20 PM"), Some(2026));
    assert_eq!(release_from_generated("nonsense"), None);
}

#[test]
fn entity_kinds_in_a_dataset() {
    let bytes = per_year_crlf(&[
        "1,Soviet Union,MTA (Myanmar)*,AK-47,rifle,Other,1960,No,2,No,1961,No,New,5,5,10,No",
        "2,unknown supplier(s),NATO**,X,y,Other,1960,No,2,No,1961,No,New,5,5,10,No",
    ]);
    let f = parse(&bytes).expect("parses");
    let mut b = DatasetBuilder::new();
    b.add(&f, |_| true);
    let ds = b.finish();
    let kind = |n: &str| ds.entity(ds.entity_by_name(n).expect(n)).kind;
    assert_eq!(kind("Soviet Union"), EntityKind::Historical);
    assert_eq!(kind("MTA (Myanmar)*"), EntityKind::NonState);
    assert_eq!(kind("unknown supplier(s)"), EntityKind::Unknown);
    assert_eq!(kind("NATO**"), EntityKind::Organisation);
}

/// The real exports: row counts and TIV sums as PROVENANCE.md records them, no rejects.
#[test]
fn real_exports_parse_completely() {
    let Some(dir) = common::data_dir("real_exports_parse_completely") else {
        return;
    };
    let cases: [(&str, usize, i64); 4] = [
        (
            "sipri_transfers_per_delivery_year_1995-2024_generated_2026-02-12.csv",
            25_024,
            769_811,
        ),
        (
            "sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv",
            27_838,
            872_910,
        ),
        (
            "sipri_transfers_per_delivery_year_1950-1989_generated_2024-04-16.csv",
            31_319,
            1_192_145,
        ),
        (
            "sipri_trade_register_deals_generated_2026-05-18.csv",
            29_916,
            2_133_348,
        ),
    ];
    for (name, rows, tiv_millions) in cases {
        let bytes = std::fs::read(dir.join("raw").join(name)).expect("read");
        let f = parse(&bytes).expect(name);
        assert!(
            f.errors.is_empty(),
            "{name}: {:?}",
            &f.errors[..f.errors.len().min(3)]
        );
        assert_eq!(f.rows.len(), rows, "{name}");
        assert_eq!(f.data_lines, rows, "{name}");
        let sum: Tiv = match &f.rows {
            Rows::PerYear(r) => r.iter().map(|r| r.tiv).sum(),
            Rows::Deals(r) => r.iter().filter_map(|r| r.tiv_delivered).sum(),
        };
        assert_eq!((sum.0 + 50) / 100, tiv_millions, "{name}: TIV sum {sum}");
    }
}

#[test]
fn chunked_import_equals_one_pass() {
    use atlas_core::import::sipri::Import;
    let bytes = per_year_crlf(&[
        "1,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No",
        "2,Russia,Myanmar,Mi-17,helicopter,Aircraft,2010,No,two,No,2011,No,New,5,5,10,No",
        "",
        "3,China,Myanmar,K-8,trainer,Aircraft,2010,No,2,No,2012,No,New,5,5,10,No",
    ]);
    let whole = parse(&bytes).unwrap();
    for chunk in [1, 2, 3, 7, 1000] {
        let mut imp = Import::from_bytes(&bytes).unwrap();
        let mut last = imp.progress();
        while !imp.step(chunk) {
            assert!(imp.progress() >= last && imp.progress() <= 1.0);
            last = imp.progress();
        }
        assert_eq!(imp.progress(), 1.0);
        assert_eq!(imp.finish(), whole, "chunk size {chunk}");
    }
}
