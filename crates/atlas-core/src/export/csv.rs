//! CSV downloads: RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark (so
//! spreadsheets read the dashes and accents), metadata first as `# ` comment lines. Cells
//! that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
//! get a leading `'`; comment lines are guarded the same way after every comma. The words
//! are machine-readable English whatever the reader's language.

use crate::analysis::aggregate::{Aggregates, SeriesKey, StackBy, StackedSeries};
use crate::analysis::filter::YearRange;
use crate::analysis::rankings::{rank_entries, RankKind};
use crate::analysis::register::{format_years, Column, RegisterRow, Sort};
use crate::export::clean::clean_line;
use crate::export::words::{band_label, year_span, Provenance};
use crate::model::{Dataset, Flag, Tiv};
use crate::render::flowmap::FlowMapInput;

use crate::clean::formula_trigger;
pub use crate::clean::{csv_field, unguard};

/// One metadata line: `# ` and the text on one line. A spreadsheet splits it at commas,
/// so every piece after a comma that would start a formula or a quoted field is guarded.
pub(crate) fn csv_comment(s: &str) -> String {
    let text = clean_line(s);
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str("# ");
    let mut after_comma = false;
    for c in text.chars() {
        if after_comma && c != ' ' {
            if formula_trigger(c) || c == '"' {
                out.push('\'');
            }
            after_comma = false;
        }
        out.push(c);
        if c == ',' {
            after_comma = true;
        }
    }
    out
}

/// Builds a CSV document: metadata comments, then records.
#[derive(Debug, Default)]
struct Csv {
    out: String,
}

impl Csv {
    fn new(meta: &[String]) -> Csv {
        let mut out = String::from("\u{FEFF}");
        for m in meta {
            out.push_str(&csv_comment(m));
            out.push_str("\r\n");
        }
        Csv { out }
    }

    fn record<S: AsRef<str>>(&mut self, cells: &[S]) {
        let line: Vec<String> = cells.iter().map(|c| csv_field(c.as_ref())).collect();
        self.out.push_str(&line.join(","));
        self.out.push_str("\r\n");
    }
}

// ---------------------------------------------------------------- CSV

/// The register's rows as shown, for [`deals_csv`].
#[derive(Debug, Clone, Copy)]
pub struct DealsExport<'a> {
    pub rows: &'a [RegisterRow],
    /// The rows shown, in the order shown (sort, then search): indices into `rows`.
    pub order: &'a [usize],
    /// The columns the table shows.
    pub columns: &'a [Column],
    pub sort: Sort,
    pub search: &'a str,
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The header of the deals CSV: ids, the table's columns, then the estimate flags.
pub fn deals_header(columns: &[Column]) -> Vec<String> {
    let mut h: Vec<String> = vec![
        "Arms Atlas deal".into(),
        "SIPRI deal ID".into(),
        "SIPRI release".into(),
    ];
    h.extend(columns.iter().map(|c| c.label().to_owned()));
    h.push("Ordered in is estimated".into());
    if columns.contains(&Column::Ordered) {
        h.push("No. ordered is estimated".into());
    }
    h.extend(
        [
            "No. delivered is estimated",
            "Delivered in is estimated",
            "TIV estimated",
            "TIV split by Arms Atlas",
        ]
        .map(String::from),
    );
    h
}

/// A register cell as plain text: what the table shows, without the marks (`≈`, `~`),
/// thousands separators or placeholders (`—` is an empty cell).
pub(crate) fn deal_cell(ds: &Dataset, r: &RegisterRow, c: Column) -> String {
    match c {
        Column::Supplier => ds.entity(r.supplier).label().to_owned(),
        Column::Recipient => ds.entity(r.recipient).label().to_owned(),
        Column::Designation => ds.str(r.designation).to_owned(),
        Column::Description => ds.str(r.description).to_owned(),
        Column::Category => r.category.name().to_owned(),
        Column::OrderYear => r.order_year.map(|y| y.to_string()).unwrap_or_default(),
        Column::Ordered => r.number_ordered.map(|n| n.to_string()).unwrap_or_default(),
        Column::Delivered => r.delivered.to_string(),
        Column::Years => format_years(&r.years),
        Column::Tiv => r.tiv.to_string(),
        Column::Status => r.status.name().to_owned(),
        Column::LocalProduction => match r.local_production {
            Flag::Yes => "Yes".to_owned(),
            Flag::No => "No".to_owned(),
            Flag::Blank => String::new(),
        },
        Column::Comments => r.comments.map(|s| ds.str(s).to_owned()).unwrap_or_default(),
    }
}

/// One record of the deals CSV, in [`deals_header`] order.
pub fn deal_record(ds: &Dataset, r: &RegisterRow, columns: &[Column]) -> Vec<String> {
    let deal = ds.deals.get(r.deal.0 as usize);
    let mut v = vec![
        r.deal.0.to_string(),
        deal.and_then(|d| d.sipri_id)
            .map(|i| i.to_string())
            .unwrap_or_default(),
        deal.and_then(|d| ds.releases.get(usize::from(d.release)))
            .map(|rel| rel.year.to_string())
            .unwrap_or_default(),
    ];
    v.extend(columns.iter().map(|&c| deal_cell(ds, r, c)));
    v.push(yes_no(r.order_year_estimate).into());
    if columns.contains(&Column::Ordered) {
        v.push(yes_no(r.number_ordered_estimate).into());
    }
    v.push(yes_no(r.delivered_estimate).into());
    v.push(yes_no(r.years_estimate).into());
    v.push(r.tiv_estimated.to_string());
    v.push(yes_no(r.approximate).into());
    v
}

/// The register's deals as shown — same rows, same order, same columns, plus ids and
/// estimate flags — as CSV.
pub fn deals_csv(ds: &Dataset, ex: &DealsExport<'_>, title: &str, prov: &Provenance) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Sorted by {}, {}",
        ex.sort.column.label(),
        ex.sort.direction.aria()
    ));
    if !ex.search.trim().is_empty() {
        meta.push(format!("Register search: “{}”", ex.search.trim()));
    }
    meta.push(format!(
        "{} deals of {} under the filter. TIV in millions, delivered in the filter's years; No. delivered likewise.",
        ex.order.len(),
        ex.rows.len()
    ));
    let mut csv = Csv::new(&meta);
    csv.record(&deals_header(ex.columns));
    for &i in ex.order {
        if let Some(r) = ex.rows.get(i) {
            csv.record(&deal_record(ds, r, ex.columns));
        }
    }
    csv.out
}

fn stack_words(by: StackBy) -> &'static str {
    match by {
        StackBy::Supplier => "supplier",
        StackBy::Recipient => "recipient",
        StackBy::Category => "category",
    }
}

/// The estimated part as a percentage with one decimal, empty when there is no total.
fn pct(part: Tiv, whole: Tiv) -> String {
    if whole.0 > 0 {
        format!("{:.1}", 100.0 * part.0 as f64 / whole.0 as f64)
    } else {
        String::new()
    }
}

/// The timeline's numbers as CSV: one record per year, one column per band in the order
/// the bars stack, then the year's total, its estimated part and that part's share.
pub fn series_csv(
    ds: &Dataset,
    series: &StackedSeries,
    by: StackBy,
    selected: Option<YearRange>,
    title: &str,
    prov: &Provenance,
) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Millions of SIPRI TIV delivered per year, by {} (the {} largest, then Other).",
        stack_words(by),
        series
            .keys
            .iter()
            .filter(|k| **k != SeriesKey::Other)
            .count()
    ));
    if let Some(r) = selected {
        meta.push(format!(
            "The timeline shows every year; the filter's years ({}) are shaded in the chart.",
            year_span(r)
        ));
    }
    let mut csv = Csv::new(&meta);
    let mut header: Vec<String> = vec!["Year".into()];
    header.extend(series.keys.iter().map(|k| band_label(ds, *k)));
    header.extend(["Total", "Estimated", "Estimated share (%)"].map(String::from));
    csv.record(&header);
    for y in 0..series.years.len() {
        let mut rec = vec![series.year_at(y).to_string()];
        rec.extend(series.values.iter().map(|band| band[y].to_string()));
        let total = series.year_total(y);
        let est: Tiv = series.estimated.iter().map(|band| band[y]).sum();
        rec.push(total.to_string());
        rec.push(est.to_string());
        rec.push(pct(est, total));
        csv.record(&rec);
    }
    csv.out
}

/// The map's flows as CSV: every supplier→recipient flow of the filter, largest first,
/// with whether the map draws it.
pub fn flows_csv(
    ds: &Dataset,
    agg: &Aggregates,
    input: &FlowMapInput,
    title: &str,
    prov: &Provenance,
) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(
        "One row per supplier→recipient flow; TIV in millions delivered in the filter's years."
            .to_owned(),
    );
    let mut csv = Csv::new(&meta);
    csv.record(&[
        "Supplier",
        "Recipient",
        "TIV delivered",
        "TIV estimated",
        "First year",
        "Last year",
        "Delivery rows",
        "On the map",
    ]);
    for f in &agg.flows {
        csv.record(&[
            ds.entity(f.supplier).label().to_owned(),
            ds.entity(f.recipient).label().to_owned(),
            f.tiv.to_string(),
            f.estimated.to_string(),
            f.first_year.to_string(),
            f.last_year.to_string(),
            f.deliveries.to_string(),
            yes_no(input.flow_index(f.supplier, f.recipient).is_some()).to_owned(),
        ]);
    }
    csv.out
}

/// The three rankings as CSV: every entry, not only the top ten.
pub fn rankings_csv(ds: &Dataset, agg: &Aggregates, title: &str, prov: &Provenance) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Millions of SIPRI TIV delivered, and each one's share of the {} total.",
        agg.total
    ));
    let mut csv = Csv::new(&meta);
    csv.record(&["Ranking", "Rank", "Name", "TIV delivered", "Share (%)"]);
    for kind in RankKind::ALL {
        for (i, e) in rank_entries(ds, agg, kind).iter().enumerate() {
            csv.record(&[
                kind.heading().to_owned(),
                (i + 1).to_string(),
                e.label.clone(),
                e.tiv.to_string(),
                format!("{:.2}", e.share * 100.0),
            ]);
        }
    }
    csv.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("Russia"), "Russia");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("=a,b"), "\"'=a,b\"");
        assert_eq!(csv_field("#1"), "\"#1\"");
        assert_eq!(csv_field("a\u{202E}b\u{0}c"), "abc");
        assert_eq!(unguard("'=1+1"), "=1+1");
        assert_eq!(unguard("'quoted'"), "'quoted'");
    }

    #[test]
    fn comments_are_guarded_after_commas() {
        assert_eq!(csv_comment("a, =HYPERLINK(x)"), "# a, '=HYPERLINK(x)");
        assert_eq!(csv_comment("a,\"b"), "# a,'\"b");
        assert_eq!(csv_comment("line\r\nbreak"), "# line  break");
        assert_eq!(csv_comment("1,2"), "# 1,2");
    }
}
