//! Invariants of the import, the URL parser and the bundle decoder, checked on arbitrary
//! input. One file, included as a module (`#[path]`) by the fuzz targets in `fuzz/` and by
//! the native test `tests/fuzz_corpus.rs`, which replays every corpus file on the stable
//! toolchain (what CI runs); it is test code, not part of atlas-core's API. Each function
//! panics, with the reason, when an invariant does not hold; that is the only reason it
//! may panic.

use std::collections::HashMap;

use atlas_core::analysis::aggregate::Aggregates;
use atlas_core::analysis::filter::Filter;
use atlas_core::import::sipri::{parse, Import, ImportError, ParsedFile, Rows, MAX_KEPT_ERRORS};
use atlas_core::import::user::{describe, merge, rejects_csv, to_bundle};
use atlas_core::model::{Dataset, MAX_ITEMS, MAX_TIV, MAX_YEAR, MIN_YEAR};
use atlas_core::store::bundle::{decode, encode_with_earlier};
use atlas_core::url::pin::DataPin;
use atlas_core::url::query::parse_query;
use atlas_core::url::state::UrlState;

/// Longest message a reader may be shown for one problem.
const MAX_MESSAGE: usize = 600;

/// Separates the two files of a [`user_import`] input.
pub const FILE_SEPARATOR: &[u8] = b"\n=====\n";

fn has_bidi_control(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    })
}

fn check_import_error(e: &ImportError) {
    let msg = e.to_string();
    assert!(!msg.is_empty(), "empty import error message");
    assert!(
        msg.chars().count() <= MAX_MESSAGE,
        "import error message of {} characters: {}…",
        msg.chars().count(),
        msg.chars().take(80).collect::<String>()
    );
}

/// Kept text may be at most this many times the input's bytes (latin-1 doubles the size
/// of a byte above 0x7F in UTF-8) plus a little.
const MAX_TEXT_GROWTH: usize = 2;

fn check_parsed(f: &ParsedFile, input_bytes: usize) {
    assert_eq!(
        f.rows.len() + f.rejected,
        f.data_lines,
        "every data line is a row or a rejected row"
    );
    assert_eq!(
        f.errors.len(),
        f.rejected.min(MAX_KEPT_ERRORS),
        "the first rejected rows are kept, at most MAX_KEPT_ERRORS"
    );
    let text_bytes: usize = match &f.rows {
        Rows::PerYear(rows) => rows
            .iter()
            .map(|r| {
                r.supplier.len() + r.recipient.len() + r.designation.len() + r.description.len()
            })
            .sum(),
        Rows::Deals(rows) => rows
            .iter()
            .map(|r| {
                r.supplier.len()
                    + r.recipient.len()
                    + r.designation.len()
                    + r.description.len()
                    + r.comments.as_ref().map_or(0, String::len)
            })
            .sum(),
    };
    assert!(
        text_bytes <= input_bytes * MAX_TEXT_GROWTH + 64,
        "{text_bytes} bytes of text kept from {input_bytes} bytes of input"
    );
    let mut last = f.header_line;
    for e in &f.errors {
        assert!(e.line > last, "rejected lines ascend after the header");
        last = e.line;
        let msg = e.to_string();
        assert!(
            msg.chars().count() <= MAX_MESSAGE,
            "row error message of {} characters",
            msg.chars().count()
        );
    }
    let year_ok = |y: u16| (MIN_YEAR..=MAX_YEAR).contains(&y);
    match &f.rows {
        Rows::PerYear(rows) => {
            for r in rows {
                assert!(
                    year_ok(r.year) && year_ok(r.order_year),
                    "year out of range"
                );
                assert!(r.tiv.0 >= 0, "negative TIV");
                assert!(
                    r.tiv <= MAX_TIV && r.number <= MAX_ITEMS,
                    "implausible value kept"
                );
                for t in [r.tiv_unit_new, r.tiv_unit_deal].into_iter().flatten() {
                    assert!(t <= MAX_TIV, "implausible unit TIV kept");
                }
                for name in [&r.supplier, &r.recipient, &r.designation] {
                    assert!(!name.is_empty(), "empty name kept");
                    assert!(
                        !has_bidi_control(name),
                        "invisible control kept in {name:?}"
                    );
                }
            }
        }
        Rows::Deals(rows) => {
            for r in rows {
                assert!(year_ok(r.order_year), "order year out of range");
                assert!(r.delivery_years.iter().all(|y| year_ok(*y)));
                assert!(r.tiv_delivered.is_none_or(|t| t.0 >= 0), "negative TIV");
                for t in [r.tiv_per_unit, r.tiv_total_order, r.tiv_delivered]
                    .into_iter()
                    .flatten()
                {
                    assert!(t <= MAX_TIV, "implausible TIV kept");
                }
                assert!(
                    r.number_delivered <= MAX_ITEMS
                        && r.number_ordered.is_none_or(|n| n <= MAX_ITEMS),
                    "implausible count kept"
                );
                for name in [&r.supplier, &r.recipient, &r.designation] {
                    assert!(!name.is_empty(), "empty name kept");
                    assert!(
                        !has_bidi_control(name),
                        "invisible control kept in {name:?}"
                    );
                }
            }
        }
    }
}

/// One file through the SIPRI import: no panic; errors are short and say something;
/// every data line is accounted for; kept values are in range; importing a few lines at a
/// time (the browser's way) gives exactly what one pass gives.
pub fn sipri_import(bytes: &[u8]) {
    let one_pass = parse(bytes);
    let chunk = bytes.first().map_or(1, |b| usize::from(b % 7) + 1);
    let chunked = Import::from_bytes(bytes).map(|mut imp| {
        let mut steps = 0usize;
        loop {
            let done = imp.step(chunk);
            let p = imp.progress();
            assert!((0.0..=1.0).contains(&p), "progress {p} out of 0..1");
            steps += 1;
            assert!(steps <= bytes.len() + 2, "the import does not advance");
            if done {
                break;
            }
        }
        imp.finish()
    });
    match (&one_pass, &chunked) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "chunked import differs from one pass");
            check_parsed(a, bytes.len());
            check_sums(a);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "chunked import fails differently");
            check_import_error(a);
        }
        _ => panic!("chunked import and one pass disagree on success"),
    }
}

/// The dataset built from one file: its total, the aggregates' total and per-year totals
/// equal a wide (i128) sum over the kept rows, computed by a plain loop.
fn check_sums(f: &ParsedFile) {
    let (ds, _) = merge(&[("f.csv".to_owned(), f.clone())]);
    let mut seen = std::collections::HashSet::new();
    let mut expected: i128 = 0;
    match &f.rows {
        Rows::PerYear(rows) => {
            for r in rows {
                if seen.insert((r.deal_id, r.year)) {
                    expected += i128::from(r.tiv.0);
                }
            }
        }
        Rows::Deals(rows) => {
            for r in rows {
                if !r.delivery_years.is_empty() {
                    expected += i128::from(r.tiv_delivered.map_or(0, |t| t.0));
                }
            }
        }
    }
    assert_eq!(i128::from(ds.total_tiv().0), expected, "dataset total");
    let agg = Aggregates::compute(&ds, &Filter::default());
    assert_eq!(i128::from(agg.total.0), expected, "aggregate total");
    let per_year: i128 = agg.per_year().iter().map(|(_, t)| i128::from(t.0)).sum();
    assert_eq!(per_year, expected, "per-year totals add up to the total");
}

fn same_dataset(a: &Dataset, b: &Dataset, what: &str) {
    assert_eq!(a.releases, b.releases, "{what}: releases differ");
    assert_eq!(a.entities, b.entities, "{what}: entities differ");
    assert_eq!(a.deliveries, b.deliveries, "{what}: deliveries differ");
    assert_eq!(a.deals.len(), b.deals.len(), "{what}: deal counts differ");
    for (x, y) in a.deals.iter().zip(&b.deals) {
        assert_eq!(
            (a.str(x.designation), a.str(x.description)),
            (b.str(y.designation), b.str(y.description)),
            "{what}: deal strings differ"
        );
        assert_eq!(
            (
                x.supplier,
                x.recipient,
                x.category,
                x.status,
                x.sipri_id,
                x.release
            ),
            (
                y.supplier,
                y.recipient,
                y.category,
                y.status,
                y.sipri_id,
                y.release
            ),
            "{what}: deals differ"
        );
    }
}

/// Two files (split at [`FILE_SEPARATOR`]) through the user-import path: parse, merge by
/// deal id within a release, summary, encode for keeping, decode. Every row is used or
/// counted as a duplicate; the merged TIV equals the first-read rows' TIV; the kept
/// bundle decodes to the same dataset.
pub fn user_import(bytes: &[u8]) {
    let (a, b) = match bytes
        .windows(FILE_SEPARATOR.len())
        .position(|w| w == FILE_SEPARATOR)
    {
        Some(i) => (&bytes[..i], &bytes[i + FILE_SEPARATOR.len()..]),
        None => (bytes, &[][..]),
    };
    let files: Vec<(String, ParsedFile)> = [("a.csv", a), ("b.csv", b)]
        .into_iter()
        .filter_map(|(n, bytes)| parse(bytes).ok().map(|f| (n.to_owned(), f)))
        .collect();
    if files.is_empty() {
        return;
    }
    let (ds, summary) = merge(&files);
    assert_eq!(summary.deliveries, ds.deliveries.len());
    assert_eq!(summary.deals, ds.deals.len());
    // What the merge must give, computed plainly: per-year rows by (release, format,
    // deal id, year), first one wins; register rows each their own deal.
    let mut first: HashMap<(u16, u32, u16), i128> = HashMap::new();
    let mut register_tiv = 0i128;
    for ((_, f), s) in files.iter().zip(&summary.files) {
        match &f.rows {
            Rows::PerYear(rows) => {
                assert_eq!(s.rows_used + s.duplicate_lines.len(), rows.len());
                for r in rows {
                    first
                        .entry((f.release.unwrap_or(0), r.deal_id, r.year))
                        .or_insert(i128::from(r.tiv.0));
                }
            }
            Rows::Deals(rows) => {
                assert_eq!(s.rows_used, rows.len());
                assert!(s.duplicate_lines.is_empty());
                register_tiv += rows
                    .iter()
                    .filter(|r| !r.delivery_years.is_empty())
                    .map(|r| i128::from(r.tiv_delivered.map_or(0, |t| t.0)))
                    .sum::<i128>();
            }
        }
    }
    let expected: i128 = first.values().sum::<i128>() + register_tiv;
    assert_eq!(
        i128::from(ds.total_tiv().0),
        expected,
        "merged TIV differs from the rows'"
    );
    let csv = rejects_csv(&summary);
    for (f, (_, p)) in summary.files.iter().zip(&files) {
        assert_eq!(f.rejected_count, p.rejected);
        assert_eq!(f.rows_used + f.rejected_total(), f.data_lines);
        assert!(f.rejected.len() <= MAX_KEPT_ERRORS);
    }
    let listed: usize = summary
        .files
        .iter()
        .map(|f| {
            f.rejected.len() + f.duplicate_lines.len() + usize::from(f.rejected_unlisted() > 0)
        })
        .sum();
    assert_eq!(
        csv.lines().count(),
        listed + 1,
        "one CSV line per kept rejected row, one for the rest"
    );
    let _ = describe(&summary);
    let kept = to_bundle(&ds, &summary);
    match decode(&kept) {
        Ok(back) => same_dataset(&ds, &back.dataset, "kept user bundle"),
        Err(e) => panic!("a user dataset's bundle does not decode: {e}"),
    }
}

/// A link's query against `ds`: parse (never fails, issues short), resolve, write the
/// resolved state back, parse and resolve again: the same filter, no issue (when the
/// written link is within the parser's length limit). A `data=` pin that parses writes
/// back to itself.
pub fn url_query(bytes: &[u8], ds: &Dataset) {
    let text = String::from_utf8_lossy(bytes);
    let (st, issues) = parse_query(&text);
    for i in &issues {
        assert!(
            i.param.chars().count() <= 60 && i.message.chars().count() <= MAX_MESSAGE,
            "issue too long: {i:?}"
        );
    }
    let (filter, _) = st.resolve(ds);
    let mut again = UrlState::from_filter(ds, &filter, st.stack);
    again.view = st.view.clone();
    again.data = st.data.clone();
    let q = again.to_query();
    if q.len() <= 8000 {
        let (st2, issues2) = parse_query(&q);
        assert!(issues2.is_empty(), "{issues2:?} from {q}");
        assert_eq!(st2, again, "written state does not read back: {q}");
        let (filter2, issues3) = st2.resolve(ds);
        assert!(issues3.is_empty(), "{issues3:?} from {q}");
        assert_eq!(filter2, filter, "resolved filter does not round-trip: {q}");
    }
    if let Some(d) = &st.data {
        if let Some(pin) = DataPin::parse(d) {
            let s = pin.to_string();
            assert_eq!(&s, d, "a parsed pin writes back differently");
            assert_eq!(DataPin::parse(&s), Some(pin));
        }
    }
}

/// Arbitrary bytes through the bundle decoder: no panic, and what decodes re-encodes to
/// something that decodes to the same dataset.
pub fn bundle_decode(bytes: &[u8]) {
    let Ok(b) = decode(bytes) else { return };
    let earlier = b
        .earlier
        .as_ref()
        .map(|e| (&e.dataset, e.meta.title.as_str(), e.meta.note.as_str()));
    let again = encode_with_earlier(&b.dataset, &b.meta.title, &b.meta.note, earlier);
    match decode(&again) {
        Ok(c) => {
            same_dataset(&b.dataset, &c.dataset, "re-encoded bundle");
            assert_eq!((&b.meta.title, &b.meta.note), (&c.meta.title, &c.meta.note));
            match (&b.earlier, &c.earlier) {
                (Some(x), Some(y)) => {
                    same_dataset(&x.dataset, &y.dataset, "re-encoded earlier release");
                    assert_eq!((&x.meta.title, &x.meta.note), (&y.meta.title, &y.meta.note));
                }
                (None, None) => {}
                _ => panic!("the earlier release was lost or made up in re-encoding"),
            }
        }
        Err(e) => panic!("a decoded bundle re-encodes to something undecodable: {e}"),
    }
}
