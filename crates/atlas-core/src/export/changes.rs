//! The changes view as CSV: both releases' values side by side, per year, per
//! supplier→recipient pair and per deal, in the order the view shows them, with the credit
//! line, the provenance every export carries and the names of the two releases. Same
//! conventions as [`crate::export::csv`]: UTF-8 with a byte-order mark, CRLF, `# `
//! metadata lines, formula-looking cells guarded, fixed English.

use crate::analysis::changes::{ChangeKind, Changes, DealChange, DealSide, Field};
use crate::analysis::filter::Filter;
use crate::clean::csv_field;
use crate::export::csv::csv_comment;
use crate::export::words::{filter_phrase, year_span, Provenance};
use crate::model::{Dataset, Tiv};

/// A release's name in a header: `2024 release`, or `unknown release`.
fn release(r: u16) -> String {
    if r == 0 {
        "unknown release".to_owned()
    } else {
        format!("{r} release")
    }
}

/// The title of the changes export: "What changed from SIPRI's 2024 release to its 2025
/// release: Arms deliveries from Russia to Myanmar, 1995–2023".
pub fn changes_title(ds: &Dataset, f: &Filter, c: &Changes, (older, newer): (u16, u16)) -> String {
    let subject = filter_phrase(ds, f, "Arms deliveries", "Deliveries of");
    let years = c
        .years
        .map(year_span)
        .unwrap_or_else(|| "no common year".to_owned());
    format!(
        "What changed from SIPRI's {} to its {}: {subject}, {years}",
        release(older),
        release(newer)
    )
}

fn tiv(t: Tiv) -> String {
    t.to_string()
}

fn kind(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Revised => "revised",
    }
}

fn years(s: &DealSide) -> String {
    s.years()
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The per-side cells of a deal: id, designation, order year, number delivered, delivery
/// years, TIV per unit (empty when the side is absent).
fn side_cells(s: Option<&DealSide>) -> [String; 6] {
    match s {
        None => Default::default(),
        Some(s) => [
            s.sipri_id.map(|i| i.to_string()).unwrap_or_default(),
            s.designation.trim().to_owned(),
            s.order_year.map(|y| y.to_string()).unwrap_or_default(),
            s.number_delivered().to_string(),
            years(s),
            s.tiv_unit.map(tiv).unwrap_or_default(),
        ],
    }
}

fn fields(f: &[Field]) -> String {
    f.iter().map(|f| f.token()).collect::<Vec<_>>().join("; ")
}

/// The changes view as CSV (see the module docs). `releases` are `(older, newer)`.
pub fn changes_csv(c: &Changes, releases: (u16, u16), title: &str, prov: &Provenance) -> String {
    let (older, newer) = (release(releases.0), release(releases.1));
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Compared: SIPRI's {older} (then) and SIPRI's {newer} (now), delivery years {}. \
         Deals match by SIPRI deal ID within a supplier-recipient pair, otherwise by \
         designation and order year (match = uncertain). Descriptions are not compared.",
        c.years
            .map(year_span)
            .unwrap_or_else(|| "none in common".to_owned())
    ));
    meta.push(
        "Rows: the total, each year and each pair (largest difference first, as shown), \
         each pair followed by its changed deals."
            .to_owned(),
    );
    let mut out = String::from("\u{FEFF}");
    for m in &meta {
        out.push_str(&csv_comment(m));
        out.push_str("\r\n");
    }
    let mut record = |cells: Vec<String>| {
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    let side_header = |what: &str| {
        [
            "SIPRI deal ID",
            "designation",
            "order year",
            "number delivered",
            "delivery years",
            "TIV per unit",
        ]
        .map(|h| format!("{h}, {what}"))
    };
    let mut header: Vec<String> = [
        "level",
        "year",
        "supplier",
        "recipient",
        "change",
        "match",
        "fields changed",
    ]
    .map(String::from)
    .to_vec();
    header.extend(side_header(&older));
    header.extend(side_header(&newer));
    header.push(format!("TIV, {older}"));
    header.push(format!("TIV, {newer}"));
    header.push("difference".to_owned());
    record(header);
    let row = |level: &str,
               year: String,
               sup: &str,
               rec: &str,
               d: Option<&DealChange>,
               then: Tiv,
               now: Tiv| {
        let mut v = vec![
            level.to_owned(),
            year,
            sup.to_owned(),
            rec.to_owned(),
            d.map(|d| kind(d.kind).to_owned()).unwrap_or_default(),
            d.and_then(|d| d.matched)
                .map(|m| match m {
                    crate::analysis::changes::Match::Id => "id".to_owned(),
                    crate::analysis::changes::Match::DesignationYear => {
                        "designation and order year (uncertain)".to_owned()
                    }
                })
                .unwrap_or_default(),
            d.map(|d| fields(&d.fields)).unwrap_or_default(),
        ];
        v.extend(side_cells(d.and_then(|d| d.older.as_ref())));
        v.extend(side_cells(d.and_then(|d| d.newer.as_ref())));
        v.push(tiv(then));
        v.push(tiv(now));
        v.push(tiv(crate::analysis::changes::difference(then, now)));
        v
    };
    if c.years.is_some() {
        record(row("total", String::new(), "", "", None, c.then, c.now));
    }
    for y in &c.by_year {
        record(row("year", y.year.to_string(), "", "", None, y.then, y.now));
    }
    for p in &c.pairs {
        let (s, r) = (
            p.supplier.trim_end_matches('*'),
            p.recipient.trim_end_matches('*'),
        );
        record(row("pair", String::new(), s, r, None, p.then, p.now));
        for d in &p.deals {
            record(row("deal", String::new(), s, r, Some(d), d.then, d.now));
        }
    }
    out
}
