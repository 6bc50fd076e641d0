//! Text from a link or a file is data, never markup or layout (issue #15): one sanitiser
//! (`atlas_core::clean`) for everything shown to readers, and one CSV cell writer, with its
//! formula guard, for every cell the app writes, whatever its source.

use atlas_core::clean::{csv_field, plain_text};
use atlas_core::import::sipri::parse;
use atlas_core::import::user::{merge, rejects_csv};
use atlas_core::url::query::parse_query;

const HEADER: &str = "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";

#[test]
fn the_sanitiser_drops_controls_bidi_and_invisible_characters() {
    // Each character the rule names, alone between two letters.
    for c in [
        '\u{0}', '\u{7}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}', // C0, DEL, C1
        '\u{AD}', '\u{61C}', '\u{180E}', // soft hyphen, Arabic letter mark, MVS
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', // zero-width, marks
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', // embeddings, overrides
        '\u{2060}', '\u{2061}', '\u{2062}', '\u{2063}',
        '\u{2064}', // word joiner, invisible ops
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // isolates
        '\u{FEFF}',
    ] {
        assert_eq!(plain_text(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
    }
    // Line breaks become spaces; the result is trimmed; ordinary text is untouched.
    assert_eq!(plain_text(" a\tb\r\nc\u{2028}d "), "a b  c d");
    assert_eq!(
        plain_text("Côte d’Ivoire — 2024 <b>&"),
        "Côte d’Ivoire — 2024 <b>&"
    );
    assert_eq!(plain_text("Россия"), "Россия");
    // The issue's example reads in logical order.
    assert_eq!(
        plain_text("Deliveries \u{202E}aissuR morf\u{202C} 2024"),
        "Deliveries aissuR morf 2024"
    );
}

#[test]
fn a_links_title_and_other_texts_lose_bidi_overrides() {
    let (st, issues) =
        parse_query("?embed&title=Deliveries%20%E2%80%AEaissuR%20morf%E2%80%AC%202024");
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(
        st.show.title.as_deref(),
        Some("Deliveries aissuR morf 2024")
    );
    // Names, the search text and the words quoted back in an issue too.
    let (st, issues) =
        parse_query("?supplier=Rus%E2%80%8Bsia&q=%E2%80%AEabc&story=x%E2%80%AEy&na%E2%81%A6me=1");
    assert_eq!(st.suppliers, ["Russia"]);
    assert_eq!(st.text, "abc");
    for i in &issues {
        assert!(!i.param.chars().any(atlas_core::clean::is_hidden), "{i:?}");
        assert!(
            !i.message.chars().any(atlas_core::clean::is_hidden),
            "{i:?}"
        );
    }
    assert_eq!(issues.len(), 2, "{issues:?}");
}

#[test]
fn every_csv_cell_is_guarded_against_formulas() {
    for (cell, want) in [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=a,b", "\"'=a,b\""),
        ("\u{202E}=x", "'=x"),
        ("Russia", "Russia"),
    ] {
        assert_eq!(csv_field(cell), want, "{cell:?}");
    }
}

#[test]
fn the_rejects_csv_guards_file_names_and_reasons() {
    // A file named like a formula, and a rejected value that starts like one (quoted in the
    // reason): no cell of the download starts a formula.
    let text = format!(
        "{HEADER}\n1,Ruritania,Freedonia,XY,jet,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No\n\
         2,Ruritania,Freedonia,XY,jet,=HYPERLINK(1),2010,No,2,No,2011,No,New,5,5,10,No\n"
    );
    let f = parse(text.as_bytes()).expect("parses");
    assert_eq!(f.errors.len(), 1);
    let (_, summary) = merge(&[("=cmd|' /C calc'!A0.csv".into(), f)]);
    let csv = rejects_csv(&summary);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[1].starts_with("\"'=cmd|' /C calc'!A0.csv\",3,"),
        "{csv}"
    );
    // Every cell of every line, however the reason quotes the value.
    for line in &lines {
        for cell in split_csv(line) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {line:?}"
            );
        }
    }
}

/// Splits one CSV line into its cells (RFC 4180 quotes).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn a_users_file_name_is_shown_without_bidi_overrides() {
    let text = format!(
        "{HEADER}\n1,Ruritania,Freedonia,XY,jet,Aircraft,2010,No,2,No,2011,No,New,5,5,10,No\n"
    );
    let f = parse(text.as_bytes()).expect("parses");
    let (_, summary) = merge(&[("exe.\u{202E}vsc.csv".into(), f)]);
    assert_eq!(summary.files[0].name, "exe.vsc.csv");
}
