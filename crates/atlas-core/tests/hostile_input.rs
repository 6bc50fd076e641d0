//! Hostile and broken input, one case per item of the issue: each gives a clear, located
//! message and no panic; valid rows around a bad one are kept; markup and invisible
//! characters are data, never anything else. (More cases in `sipri_import.rs`.)

mod common;

use atlas_core::import::sipri::{check_size, parse, ImportError, Rows, MAX_FILE_BYTES};
use atlas_core::import::user::{merge, rejects_csv};

const HEADER: &str = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";
const DEAL_HEADER: &str = "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons";
const ROW: &str =
    "1,Ruritania,Freedonia,XY-17,helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No";

fn msg(r: Result<atlas_core::import::sipri::ParsedFile, ImportError>) -> String {
    r.expect_err("an error").to_string()
}

#[test]
fn truncated_files() {
    // Cut inside the header: the header is recognised but wrong.
    let m = msg(parse(&HEADER.as_bytes()[..60]));
    assert!(m.contains("line 1") && m.contains("17 expected"), "{m}");
    // Cut inside a quoted field of the last row.
    let text = format!("{HEADER}\n{ROW}\n2,Ruritania,\"Freedo");
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!(f.rows.len(), 1);
    assert_eq!(
        f.errors[0].to_string(),
        "line 3, column \"row\": a quoted field is not closed"
    );
    // Cut in the middle of a multi-byte character (UTF-8 becomes latin-1, still no panic).
    let mut bytes = format!("{HEADER}\n{ROW}\n2,Côte").into_bytes();
    bytes.pop();
    let f = parse(&bytes).expect("parses");
    assert_eq!((f.rows.len(), f.errors.len()), (1, 1));
}

#[test]
fn wrong_delimiters() {
    // Pipes: not a delimiter SIPRI or a spreadsheet writes; the message says what was looked for.
    let piped = format!("{}\n{}\n", HEADER.replace(',', "|"), ROW.replace(',', "|"));
    let m = msg(parse(piped.as_bytes()));
    assert!(
        m.contains("no SIPRI header found") && m.contains("SIPRI AT Database ID"),
        "{m}"
    );
    // Tabs and semicolons are a spreadsheet's re-save: read.
    for d in ['\t', ';'] {
        let text = format!(
            "{}\n{}\n",
            HEADER.replace(',', &d.to_string()),
            ROW.replace(',', &d.to_string())
        );
        assert_eq!(
            parse(text.as_bytes()).expect("parses").rows.len(),
            1,
            "{d:?}"
        );
    }
    // A comma header with semicolon rows: every row is rejected with its field count.
    let mixed = format!("{HEADER}\n{}\n", ROW.replace(',', ";"));
    let f = parse(mixed.as_bytes()).expect("parses");
    assert_eq!(f.rows.len(), 0);
    assert_eq!(
        f.errors[0].to_string(),
        "line 2, column \"row\": expected 17 fields, found 1"
    );
}

#[test]
fn binary_junk() {
    // A NUL in the middle of an otherwise valid file: the offset is given.
    let mut bytes = format!("{HEADER}\n{ROW}\n").into_bytes();
    let at = bytes.len();
    bytes.extend_from_slice(&[0, 159, 146, 150, 0, 1, 2]);
    match parse(&bytes) {
        Err(ImportError::Binary { offset }) => assert_eq!(offset, at),
        other => panic!("{other:?}"),
    }
    // Random bytes (a zip file's start).
    let m = msg(parse(b"PK\x03\x04\x14\x00\x06\x00\x08\x00"));
    assert!(m.contains("not a text file") && m.contains("CSV"), "{m}");
    // Only high bytes (latin-1 text of nothing useful).
    let m = msg(parse(&[0xE9; 4096]));
    assert!(m.contains("no SIPRI header"), "{m}");
}

#[test]
fn a_200_mb_file_is_refused_by_its_size() {
    // Decided from the size alone, before anything is read.
    let m = check_size(200 * 1024 * 1024)
        .expect_err("refused")
        .to_string();
    assert!(
        m.contains("200 MB") && m.contains("not a SIPRI export"),
        "{m}"
    );
    assert!(check_size(MAX_FILE_BYTES).is_ok());
    assert!(check_size(MAX_FILE_BYTES + 1).is_err());
    // SIPRI's own exports pass, with room to spare.
    if let Some(dir) = common::data_dir("a_200_mb_file_is_refused_by_its_size") {
        for e in std::fs::read_dir(dir.join("raw")).expect("raw/").flatten() {
            let len = e.metadata().expect("metadata").len();
            assert!(len * 4 < MAX_FILE_BYTES, "{}", e.path().display());
            assert!(check_size(len).is_ok());
        }
    }
}

#[test]
fn a_large_file_under_the_limit_parses_in_one_pass() {
    // 6 MB on one line (no newline at all): no header, said quickly.
    let one_line = "x,".repeat(3 * 1024 * 1024);
    assert!(msg(parse(one_line.as_bytes())).contains("no SIPRI header"));
    // 100,000 rows, every tenth broken: all accounted for.
    let mut text = String::from(HEADER);
    for i in 0..100_000 {
        text.push('\n');
        if i % 10 == 0 {
            text.push_str("broken row");
        } else {
            text.push_str(&ROW.replacen('1', &i.to_string(), 1));
        }
    }
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!(f.data_lines, 100_000);
    assert_eq!((f.rows.len(), f.rejected), (90_000, 10_000));
    // Only the first of them are kept with their reason.
    assert_eq!(f.errors.len(), atlas_core::import::sipri::MAX_KEPT_ERRORS);
}

#[test]
fn a_csv_of_something_else() {
    for other in [
        // SIPRI's own TIV table: also a SIPRI CSV, but not the trade register.
        "Recipient,1950,1951,1952,Total\nIndia,12,0 ,,12\n",
        "Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n",
        "Supplier,Recipient,TIV\nRuritania,Freedonia,10\n",
        "\u{feff}id;name;amount\n1;x;2\n",
    ] {
        let m = msg(parse(other.as_bytes()));
        assert!(m.contains("no SIPRI header found"), "{other}: {m}");
    }
    // A register-like header with the columns reordered says which column.
    let swapped = HEADER.replace("Designation,Description", "Description,Designation");
    let m = msg(parse(format!("{swapped}\n").as_bytes()));
    assert!(
        m.contains("column 4") && m.contains("\"Designation\""),
        "{m}"
    );
}

#[test]
fn markup_and_direction_marks_are_plain_data() {
    let text = format!(
        "{HEADER}\n1,<script>alert(1)</script>,\u{202e}Freedonia\u{200f},\"<img src=x onerror=alert(1)>\",helicopter,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No\n"
    );
    let f = parse(text.as_bytes()).expect("parses");
    let Rows::PerYear(rows) = &f.rows else {
        panic!()
    };
    assert_eq!(rows[0].supplier, "<script>alert(1)</script>");
    assert_eq!(rows[0].recipient, "Freedonia", "direction marks removed");
    assert_eq!(rows[0].designation, "<img src=x onerror=alert(1)>");
    let (_, summary) = merge(&[("x.csv".into(), f)]);
    assert!(summary
        .unplaced
        .contains(&"<script>alert(1)</script>".to_owned()));
}

#[test]
fn impossible_numbers_are_rejected_with_their_column() {
    let rows = [
        ROW.replace(",2011,", ",0,"),
        ROW.replace(",2011,", ",99999,"),
        ROW.replace(",2010,", ",-2010,"),
        ROW.replace(",5,5,10,", ",5,5,-10,"),
        ROW.replace(",5,5,10,", ",5,5,1e9,"),
        ROW.replace(",2,No,", ",-2,No,"),
    ];
    let text = format!("{HEADER}\n{}\n", rows.join("\n"));
    let f = parse(text.as_bytes()).expect("parses");
    assert!(f.rows.is_empty());
    let got: Vec<String> = f.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "line 2, column \"Delivery year\": year 0 is outside 1900–2100",
            "line 3, column \"Delivery year\": year 99999 is outside 1900–2100",
            "line 4, column \"Order date\": \"-2010\" is not a whole number",
            "line 5, column \"TIV delivery values\": \"-10\" is not a TIV value (a non-negative decimal number)",
            "line 6, column \"TIV delivery values\": \"1e9\" is not a TIV value (a non-negative decimal number)",
            "line 7, column \"Numbers delivered\": \"-2\" is not a whole number",
        ]
    );
    // The same in the deal-level register.
    let deals = format!(
        "{DEAL_HEADER}\nFreedonia,Ruritania,0,,1,,XY,jet,1,,2011,New,,1,1,1\nFreedonia,Ruritania,2010,,1,,XY,jet,1,,2011; 99999,New,,1,1,1\nFreedonia,Ruritania,2010,,1,,XY,jet,1,,2011,New,,1,1,-1\n"
    );
    let f = parse(deals.as_bytes()).expect("parses");
    let got: Vec<String> = f.errors.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[0].contains("\"Year of order\": year 0 is outside"),
        "{}",
        got[0]
    );
    assert!(
        got[1].contains("\"Year(s) of delivery\": year 99999 is outside"),
        "{}",
        got[1]
    );
    assert!(got[2].contains("\"-1\" is not a TIV value"), "{}", got[2]);
    // The rejected rows download as CSV, one line each, hostile text quoted.
    let (_, summary) = merge(&[("a \"b\".csv".into(), f)]);
    let csv = rejects_csv(&summary);
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.contains("\"a \"\"b\"\".csv\""));
}
