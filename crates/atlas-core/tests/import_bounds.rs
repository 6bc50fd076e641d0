//! Issue #15, "Nothing a file can do breaks it": bounded work for junk, plausible numbers
//! and sums that cannot wrap, an honest choice of encoding, and spreadsheet re-saves
//! (UTF-16, tabs, quoted fields over several lines). Each test failed before its fix.

mod common;

use atlas_core::import::sipri::{
    parse, Encoding, ImportError, ParsedFile, RowProblem, Rows, MAX_KEPT_ERRORS,
};
use atlas_core::import::user::{merge, rejects_csv};
use atlas_core::model::{Tiv, MAX_TIV};
use atlas_core::store::bundle::{decode, encode};

const PREAMBLE: &str = "Transfers of major conventional arms;\nfrom All countries;\n;\nto All countries;\n;\nDeals with deliveries made for the year range '1995' to '2025';\n;\nSource: SIPRI Arms Transfers Database (c) SIPRI.;\nData generated: 12 Feb 2026 12:26:12 PM;\n;\nInformation from the SIPRI Arms Transfers Database;\n";
const HEADER: &str = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";
const DEAL_HEADER: &str = "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons";

fn per_year_row(id: u32, year: u16, number: &str, tiv: &str) -> String {
    format!("{id},Ruritania,Freedonia,XY-17,helicopter,Aircraft,2010,No,{number},No,{year},No,New,5,5,{tiv},No")
}

fn tiv_sum(f: &ParsedFile) -> i128 {
    match &f.rows {
        Rows::PerYear(r) => r.iter().map(|r| i128::from(r.tiv.0)).sum(),
        Rows::Deals(r) => r
            .iter()
            .map(|r| i128::from(r.tiv_delivered.map_or(0, |t| t.0)))
            .sum(),
    }
}

// 1. A junk file under 64 MB.

/// The issue's file: SIPRI's preamble and header, then `x\n` 22 × 2^20 times (45 MB).
/// Every line is counted; only the first rejected lines are kept; the summary and the
/// rejected-rows CSV stay small. (Before: 23 million errors kept, some 1.5 GB.)
#[test]
fn a_junk_file_costs_its_rows_not_its_junk() {
    let junk_lines = 22 << 20;
    let mut text = String::with_capacity(PREAMBLE.len() + HEADER.len() + 2 * junk_lines + 1);
    text.push_str(PREAMBLE);
    text.push_str(HEADER);
    text.push_str(";\n");
    for _ in 0..junk_lines {
        text.push_str("x\n");
    }
    assert!(text.len() > 45_000_000);
    let f = parse(text.as_bytes()).expect("a SIPRI header");
    drop(text);
    assert_eq!(f.data_lines, junk_lines);
    assert_eq!(f.rejected, junk_lines);
    assert_eq!(f.rows.len() + f.rejected, f.data_lines);
    assert_eq!(f.errors.len(), MAX_KEPT_ERRORS);
    assert_eq!(f.errors[0].line, 13);
    assert_eq!(f.errors[MAX_KEPT_ERRORS - 1].line, 12 + MAX_KEPT_ERRORS);
    let (_, summary) = merge(&[("junk.csv".to_owned(), f)]);
    let file = &summary.files[0];
    assert_eq!(file.rejected_total(), junk_lines);
    assert_eq!(file.rejected.len(), MAX_KEPT_ERRORS);
    assert_eq!(file.rejected_unlisted(), junk_lines - MAX_KEPT_ERRORS);
    // The download, when asked for: the kept rows and one line for the rest.
    let csv = rejects_csv(&summary);
    assert_eq!(csv.lines().count(), 1 + MAX_KEPT_ERRORS + 1);
    assert!(csv.len() < 200_000, "{} bytes", csv.len());
    assert!(csv.ends_with(&format!(
        "\"junk.csv\",,\"row\",\"{} more rejected lines are counted but not listed\"\n",
        junk_lines - MAX_KEPT_ERRORS
    )));
}

// 2. Numbers have plausible bounds; sums never wrap.

/// The issue's rows: a TIV of 90000000000000000 twice. Before, both loaded and the total
/// wrapped to a negative number; now each is a located row error.
#[test]
fn an_implausible_tiv_or_count_is_a_located_row_error() {
    let text = [
        HEADER.to_owned(),
        per_year_row(1, 2011, "2", "10"),
        per_year_row(2, 2011, "2", "90000000000000000"),
        per_year_row(3, 2012, "2", "90000000000000000"),
        per_year_row(4, 2012, "1000001", "10"),
        per_year_row(5, 2012, "2", "1000000.01"),
        per_year_row(6, 2013, "1000000", "1000000"),
    ]
    .join("\n");
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!((f.rows.len(), f.rejected), (2, 4));
    let found: Vec<(usize, &str, &RowProblem)> = f
        .errors
        .iter()
        .map(|e| (e.line, e.column, &e.problem))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                3,
                "TIV delivery values",
                &RowProblem::TivTooLarge("90000000000000000".into())
            ),
            (
                4,
                "TIV delivery values",
                &RowProblem::TivTooLarge("90000000000000000".into())
            ),
            (
                5,
                "Numbers delivered",
                &RowProblem::CountTooLarge("1000001".into())
            ),
            (
                6,
                "TIV delivery values",
                &RowProblem::TivTooLarge("1000000.01".into())
            ),
        ]
    );
    assert!(f.errors[0].to_string().contains("implausibly large"));
    let (ds, _) = merge(&[("f.csv".to_owned(), f)]);
    assert_eq!(ds.total_tiv(), Tiv(10 * 100 + 1_000_000 * 100));
}

/// Deal level: a huge TIV spread over many delivery years used to vanish from the totals
/// (wrapped); now the row is refused where it is, and the bound holds at the edge.
#[test]
fn a_huge_deal_level_tiv_is_refused_not_spread() {
    let years: Vec<String> = (1990..2025).map(|y| y.to_string()).collect();
    let row = |tiv: &str| {
        format!(
            "Freedonia,Ruritania,1989,,35,,Bü-181,trainer aircraft,35,,{},New,,1,35,{tiv}",
            years.join("; ")
        )
    };
    let text = [
        DEAL_HEADER.to_owned(),
        row("90000000000000000"),
        row("1000000"),
    ]
    .join("\n");
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!((f.rows.len(), f.rejected), (1, 1));
    assert_eq!(
        (f.errors[0].line, f.errors[0].column),
        (2, "SIPRI TIV of delivered weapons")
    );
    let (ds, _) = merge(&[("d.csv".to_owned(), f)]);
    assert_eq!(ds.total_tiv(), MAX_TIV);
    assert_eq!(ds.deliveries.len(), 35);
}

/// A kept (or hostile) bundle is held to the same bounds when decoded: a located error.
#[test]
fn a_bundle_with_an_implausible_tiv_does_not_decode() {
    let text = [HEADER.to_owned(), per_year_row(1, 2011, "2", "10")].join("\n");
    let f = parse(text.as_bytes()).expect("parses");
    let (mut ds, _) = merge(&[("f.csv".to_owned(), f)]);
    assert!(decode(&encode(&ds, "t", "n")).is_ok());
    ds.deliveries[0].tiv = Tiv(MAX_TIV.0 + 1);
    let e = decode(&encode(&ds, "t", "n")).expect_err("out of bounds");
    assert!(e.to_string().contains("TIV"), "{e}");
    ds.deliveries[0].tiv = Tiv(1);
    ds.deliveries[0].number = 2_000_000;
    let e = decode(&encode(&ds, "t", "n")).expect_err("out of bounds");
    assert!(e.to_string().contains("number"), "{e}");
}

// 3. The encoding is decided honestly.

/// A UTF-8 file with one character cut: read as UTF-8, the damaged row rejected where it
/// is, every other row keeps its accents. (Before: the whole file became latin-1.)
#[test]
fn one_invalid_byte_rejects_its_row_not_every_accent() {
    let row = |designation: &str| {
        format!("Freedonia,Ruritania,1939,,2,,{designation},trainer aircraft,2,,1940,Second hand,,0.2,0.4,0.4")
    };
    let mut bytes = [DEAL_HEADER.to_owned(), row("Bü-181"), row("Santa Fé")]
        .join("\n")
        .into_bytes();
    bytes.extend_from_slice(b"\n");
    // The third row's "é" loses its second byte.
    let mut cut = row("Santa Fé").into_bytes();
    let e = cut.iter().position(|&b| b == 0xC3).expect("é");
    cut.remove(e + 1);
    bytes.extend_from_slice(&cut);
    let f = parse(&bytes).expect("parses");
    assert_eq!(f.encoding, Encoding::Utf8);
    assert_eq!((f.rows.len(), f.rejected), (2, 1));
    assert_eq!(
        (f.errors[0].line, f.errors[0].column, &f.errors[0].problem),
        (4, "Weapon designation", &RowProblem::InvalidUtf8)
    );
    let Rows::Deals(rows) = &f.rows else {
        panic!("deal rows")
    };
    assert_eq!(rows[0].designation, "Bü-181");
    assert_eq!(rows[1].designation, "Santa Fé");
    // Latin-1 throughout (no UTF-8 sequence at all) is still latin-1.
    let latin1: Vec<u8> = [DEAL_HEADER.to_owned(), row("Bü-181")]
        .join("\n")
        .chars()
        .map(|c| c as u8)
        .collect();
    let f = parse(&latin1).expect("parses");
    assert_eq!(f.encoding, Encoding::Latin1);
    let Rows::Deals(rows) = &f.rows else {
        panic!("deal rows")
    };
    assert_eq!(rows[0].designation, "Bü-181");
}

/// The issue's case on the real register: re-encoded to UTF-8 and cut inside a
/// multi-byte character, it stays UTF-8 and keeps `Bü-181`.
#[test]
fn the_register_re_encoded_and_cut_stays_utf8() {
    let Some(path) = common::data_file(
        "the_register_re_encoded_and_cut_stays_utf8",
        "trade_register_deals",
    ) else {
        return;
    };
    let raw = std::fs::read(path).expect("readable");
    let original = parse(&raw).expect("parses");
    assert_eq!(original.encoding, Encoding::Latin1);
    let utf8: String = raw.iter().map(|&b| b as char).collect();
    let mut bytes = utf8.into_bytes();
    // Cut inside the last multi-byte character, as a broken download would.
    let last = bytes.iter().rposition(|&b| b >= 0xC0).expect("an accent");
    bytes.truncate(last + 1);
    let f = parse(&bytes).expect("parses");
    assert_eq!(f.encoding, Encoding::Utf8);
    assert_eq!(f.rejected, 1, "only the cut row");
    assert_eq!(f.errors[0].problem, RowProblem::InvalidUtf8);
    let Rows::Deals(rows) = &f.rows else {
        panic!("deal rows")
    };
    let texts = |r: &atlas_core::import::sipri::DealRow| {
        format!(
            "{} {} {}",
            r.designation,
            r.description,
            r.comments.clone().unwrap_or_default()
        )
    };
    assert_eq!(
        rows.iter().filter(|r| texts(r).contains("Bü-181")).count(),
        7
    );
    assert!(!rows.iter().any(|r| texts(r).contains('Ã')));
}

// 7. Spreadsheet re-saves.

/// Excel's "Unicode text" save of the 2025 per-year export: UTF-16LE with BOM, TAB
/// between fields, the stray `;` kept at the end of every line. Same rows, same TIV.
/// (Before: refused, "header has 17 columns, expected 17".)
#[test]
fn a_unicode_text_re_save_reads_like_the_original() {
    let Some(path) = common::data_file(
        "a_unicode_text_re_save_reads_like_the_original",
        "per_delivery_year_1995-2024",
    ) else {
        return;
    };
    let raw = std::fs::read(path).expect("readable");
    let original = parse(&raw).expect("parses");
    assert_eq!(original.rejected, 0);
    let text = std::str::from_utf8(&raw).expect("ASCII");
    assert!(text.split('\n').nth(11).is_some_and(|l| l.ends_with(";\r")));
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.replace(',', "\t").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let resaved = parse(&utf16).expect("a re-saved export loads");
    assert_eq!(resaved.encoding, Encoding::Utf16Le);
    assert_eq!(resaved.rejected, 0, "{:?}", resaved.errors.first());
    assert_eq!(resaved.rows, original.rows);
    assert_eq!(tiv_sum(&resaved), tiv_sum(&original));
}

/// The header message names the first column that does not match.
#[test]
fn a_wrong_header_names_its_first_wrong_column() {
    let text = HEADER.replace("Armament category", "Category");
    let e = parse(text.as_bytes()).expect_err("wrong header");
    assert!(
        matches!(e, ImportError::BadHeader { column: 6, .. }),
        "{e:?}"
    );
    let m = e.to_string();
    assert!(
        m.contains("column 6 reads \"Category\" where \"Armament category\" was expected"),
        "{m}"
    );
}

/// A quoted Comments cell holding a line break is one deal, not two rejected lines; the
/// line numbers after it still count physical lines.
#[test]
fn a_quoted_field_may_span_lines() {
    let text = format!(
        "{DEAL_HEADER}\n\
         Freedonia,Ruritania,1939,,2,,Bü-181,trainer aircraft,2,,1940,New,\"$2 m deal;\nsecond line, with a comma and \"\"quotes\"\"\",0.2,0.4,0.4\n\
         Freedonia,Ruritania,1939,,2,,XY,trainer aircraft,two,,1940,New,,0.2,0.4,0.4\n"
    );
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!((f.data_lines, f.rows.len(), f.rejected), (2, 1, 1));
    let Rows::Deals(rows) = &f.rows else {
        panic!("deal rows")
    };
    assert_eq!(rows[0].line, 2);
    // The cell is whole; its line break reads as a space, like every line break in a
    // file's text (`atlas_core::clean::plain_text`).
    assert_eq!(
        rows[0].comments.as_deref(),
        Some("$2 m deal; second line, with a comma and \"quotes\"")
    );
    assert_eq!(
        (f.errors[0].line, f.errors[0].column),
        (4, "Number delivered")
    );
    // A quote never closed costs its own line only: reading resumes on the next one.
    let text = format!(
        "{HEADER}\n{}\n2,\"Ruritania,x\n{}\n",
        per_year_row(1, 2011, "2", "10"),
        per_year_row(3, 2011, "2", "10")
    );
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!((f.rows.len(), f.rejected), (2, 1));
    assert_eq!(
        (f.errors[0].line, &f.errors[0].problem),
        (3, &RowProblem::UnclosedQuote)
    );
}
