//! Annotations: dated events drawn on the timeline, from a small tab-separated file a
//! journalist can edit without touching Rust (`assets/annotations/*.tsv`).
//!
//! They are NOT SIPRI data. Each carries a kind: `event` (a date of record, such as a
//! coup) or `reported` (something news reports say happened, e.g. a deal, that SIPRI's
//! database does not hold); `reported` ones are drawn dashed and labelled "reported".
//!
//! The format (UTF-8, tab-separated, `#` starts a comment line, blank lines ignored):
//! a header line naming the columns, in any order, then one annotation per line.
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `date` | yes | `YYYY-MM-DD` or `YYYY-MM` (month precision) |
//! | `kind` | yes | `event` or `reported` |
//! | `label` | yes | short text drawn on the chart (at most 40 characters) |
//! | `source` | yes | who reported it: outlet or publication and title |
//! | `detail` | no | a sentence shown in the list under the chart |
//! | `url` | no | an `https://` address of the source, only when verified |
//! | `recipient` | no | names as in the data, `\|`-separated: shown only when the recipient filter includes one |
//! | `supplier` | no | the same for the supplier filter |
//!
//! Every cell is cleaned of control, bidi formatting and invisible characters
//! ([`crate::clean::plain_text`]) before it is checked: a label is text, never layout.
//!
//! Parsing never fails as a whole: a bad line is skipped and reported with its line
//! number and column.
//!
//! Three rules keep unverified or misleading words off the chart (readers see markers,
//! not the file):
//!
//! * **A named source, or nothing.** A line whose source is empty, or says it is still to
//!   be checked ("to confirm", "unconfirmed", "TBC", "citation needed", …; see
//!   [`source_is_unconfirmed`]), is refused with a located message: it is neither drawn
//!   nor listed. Confirm the source, then name it.
//! * **Only about the pair on screen.** An annotation naming recipients (suppliers) shows
//!   only when the recipient (supplier) filter is non-empty and shares a name with them;
//!   one naming none shows under any filter ([`Annotation::applies`]). So a marker with
//!   `supplier` Russia and `recipient` Myanmar is drawn on Russia → Myanmar, never on
//!   China → Myanmar nor on "all suppliers → Myanmar".
//! * **Dollars are marked as dollars.** The chart's axis is TIV, a volume index. A label
//!   that states a dollar figure (`$`, `US$`, `USD`, "dollar") is drawn with
//!   "(US$, not TIV)" in the reader's language ([`Annotation::in_dollars`]).

use std::fmt;

use crate::analysis::names::clip;
use crate::clean::plain_text;

/// How far to trust an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnotationKind {
    /// A date of record (e.g. a coup).
    Event,
    /// Reported in the news, not in SIPRI's database.
    Reported,
}

impl AnnotationKind {
    /// The word used in files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            AnnotationKind::Event => "event",
            AnnotationKind::Reported => "reported",
        }
    }
}

/// A date with day or month precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct AnnotationDate {
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31 when the day is known.
    pub day: Option<u8>,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl AnnotationDate {
    /// Reads `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(s: &str) -> Result<AnnotationDate, String> {
        let bad = || format!("“{}” is not a date like 2021-02-01 or 2021-02", clip(s));
        let parts: Vec<&str> = s.trim().split('-').collect();
        if !(2..=3).contains(&parts.len()) || parts[0].len() != 4 {
            return Err(bad());
        }
        let num = |p: &str| -> Result<u16, String> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<u16>().map_err(|_| bad())
        };
        let year = num(parts[0])?;
        let month = num(parts[1])?;
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} in “{}” is not 1–12", clip(s)));
        }
        let month = month as u8;
        let day = match parts.get(2) {
            None => None,
            Some(d) => {
                let d = num(d)?;
                if d == 0 || d > u16::from(days_in_month(year, month)) {
                    return Err(format!("day {d} does not exist in “{}”", clip(s)));
                }
                Some(d as u8)
            }
        };
        if !(crate::model::MIN_YEAR..=crate::model::MAX_YEAR).contains(&year) {
            return Err(format!(
                "year {year} is outside {}–{}",
                crate::model::MIN_YEAR,
                crate::model::MAX_YEAR
            ));
        }
        Ok(AnnotationDate { year, month, day })
    }

    /// Position within the year, 0.0 (1 January) to just under 1.0. A month-precision date
    /// sits in the middle of its month.
    pub fn fraction(self) -> f64 {
        let m = f64::from(self.month - 1);
        let dim = f64::from(days_in_month(self.year, self.month));
        let d = match self.day {
            Some(d) => (f64::from(d) - 1.0) / dim,
            None => 0.5,
        };
        (m + d) / 12.0
    }

    /// On the timeline's axis, where year `y`'s bar spans `y - 0.5 .. y + 0.5`.
    pub(crate) fn axis_position(self) -> f64 {
        f64::from(self.year) - 0.5 + self.fraction()
    }
}

const MONTH_KEYS: [&str; 12] = [
    "month.jan",
    "month.feb",
    "month.mar",
    "month.apr",
    "month.may",
    "month.jun",
    "month.jul",
    "month.aug",
    "month.sep",
    "month.oct",
    "month.nov",
    "month.dec",
];

impl AnnotationDate {
    /// The date written the reader's way (CLDR's medium date): `1 Feb 2021`,
    /// `1 févr. 2021`, `1. Feb. 2021`, `1 февр. 2021 г.`.
    pub fn format_in(&self, tr: crate::text::Tr) -> String {
        let month = tr.t(MONTH_KEYS[usize::from(self.month.clamp(1, 12) - 1)]);
        let year = self.year.to_string();
        match self.day {
            Some(d) => tr.f(
                "date.day_month_year",
                &[("day", &d.to_string()), ("month", month), ("year", &year)],
            ),
            None => tr.f("date.month_year", &[("month", month), ("year", &year)]),
        }
    }
}

/// One annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub date: AnnotationDate,
    pub kind: AnnotationKind,
    pub label: String,
    pub detail: String,
    pub source: String,
    pub url: Option<String>,
    pub recipients: Vec<String>,
    pub suppliers: Vec<String>,
}

/// Words in a source that say it has not been checked yet. Compared in lower case.
const UNCONFIRMED: [&str; 11] = [
    "to confirm",
    "to be confirmed",
    "unconfirmed",
    "not confirmed",
    "to verify",
    "unverified",
    "to check",
    "citation needed",
    "tbc",
    "todo",
    "tbd",
];

/// True when a source names no one or says it is still to be checked: such an
/// annotation is not shown (module docs). Short markers (`TBC`, `TODO`, `TBD`) count
/// only as whole words.
pub fn source_is_unconfirmed(source: &str) -> bool {
    let lower = source.trim().to_lowercase();
    if lower.is_empty() {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    UNCONFIRMED.iter().any(|m| {
        if m.contains(' ') || m.len() > 4 {
            lower.contains(m)
        } else {
            words.contains(m)
        }
    })
}

impl Annotation {
    /// True when the label states a figure in US dollars (`$`, `US$`, `USD`, "dollar"),
    /// which must not pass for a TIV value on the chart.
    pub fn in_dollars(&self) -> bool {
        let lower = self.label.to_lowercase();
        lower.contains('$')
            || lower.contains("dollar")
            || lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "usd")
    }

    /// The label as the reader sees it in lists: with "(US$, not TIV)" (in the reader's
    /// language) when it states a dollar figure.
    pub fn label_in(&self, tr: crate::text::Tr) -> String {
        if self.in_dollars() {
            tr.f("note.dollars", &[("label", &self.label)])
        } else {
            self.label.clone()
        }
    }

    /// The text drawn on the chart: [`Annotation::label_in`], with "(reported)" (in the
    /// reader's language: "(rapporté)") for reported events.
    pub fn chart_label_in(&self, tr: crate::text::Tr) -> String {
        let label = self.label_in(tr);
        match self.kind {
            AnnotationKind::Event => label,
            AnnotationKind::Reported => tr.f("note.reported", &[("label", &label)]),
        }
    }

    /// True when the annotation belongs to a view filtered on these names. An annotation
    /// that names recipients (suppliers) shows only when the recipient (supplier) filter is
    /// non-empty and selects at least one of them; one that names none shows under any
    /// filter. An empty filter ("all") does not match a named list: a Russia → Myanmar
    /// marker is not drawn over every supplier's bars.
    pub fn applies(&self, recipients: &[&str], suppliers: &[&str]) -> bool {
        let ok = |mine: &[String], chosen: &[&str]| {
            mine.is_empty() || mine.iter().any(|m| chosen.contains(&m.as_str()))
        };
        ok(&self.recipients, recipients) && ok(&self.suppliers, suppliers)
    }
}

/// The markers a chart draws, in words, for a figure that has no list under its chart:
/// "Markers on the chart (not SIPRI data): 1 Feb 2021 Military coup — Source: Date of
/// record (common knowledge)." As the page's list says it: each date, the label drawn,
/// and its source (with its address when there is one). `None` for no marker.
pub fn markers_words_in(tr: crate::text::Tr, notes: &[Annotation]) -> Option<String> {
    if notes.is_empty() {
        return None;
    }
    let items: Vec<String> = notes
        .iter()
        .map(|a| {
            let mut item = format!(
                "{} {} — {} {}",
                a.date.format_in(tr),
                a.chart_label_in(tr),
                tr.t("notes.source"),
                a.source
            );
            if let Some(u) = &a.url {
                item.push(' ');
                item.push_str(u);
            }
            item
        })
        .collect();
    Some(format!("{}: {}.", tr.t("notes.head"), items.join("; ")))
}

/// A line of an annotation file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationIssue {
    /// 1-based line number in the file.
    pub line: usize,
    /// The column's name, when the problem is in one column.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for AnnotationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column “{c}”: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

const COLUMNS: [&str; 8] = [
    "date",
    "kind",
    "label",
    "detail",
    "source",
    "url",
    "recipient",
    "supplier",
];
const REQUIRED: [&str; 4] = ["date", "kind", "label", "source"];
/// Longest chart label, in characters (it must fit a phone-width chart).
pub(crate) const MAX_LABEL: usize = 40;
const MAX_TEXT: usize = 600;
const MAX_LINES: usize = 500;

/// Parses an annotation file (see the module docs). Returns the usable annotations, sorted
/// by their place on the time axis, and one issue per problem. A file without a usable header yields no
/// annotations and one issue.
pub fn parse_annotations(text: &str) -> (Vec<Annotation>, Vec<AnnotationIssue>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut issues = Vec::new();
    let mut out = Vec::new();
    let mut header: Option<Vec<Option<usize>>> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line_no > MAX_LINES {
            issues.push(AnnotationIssue {
                line: line_no,
                column: None,
                message: format!("only the first {MAX_LINES} lines are read"),
            });
            break;
        }
        // Every cell is data shown to readers: controls, bidi overrides and invisible
        // characters go before anything is checked or shown (see `crate::clean`).
        let owned: Vec<String> = line.split('\t').map(plain_text).collect();
        let cells: Vec<&str> = owned.iter().map(String::as_str).collect();
        match &header {
            // The first content line is the header.
            None => match read_header(line_no, &cells, &mut issues) {
                Some(map) => header = Some(map),
                None => return (out, issues),
            },
            Some(cols) => out.extend(read_row(line_no, &cells, cols, &mut issues)),
        }
    }
    if header.is_none() && issues.is_empty() {
        issues.push(AnnotationIssue {
            line: 1,
            column: None,
            message: "the file is empty (it needs a header line and one line per annotation)"
                .into(),
        });
    }
    // In the order they sit on the axis (a month-precision date sits mid-month).
    out.sort_by(|a, b| a.date.axis_position().total_cmp(&b.date.axis_position()));
    (out, issues)
}

/// The header line: which cell holds each known column. `None`, with the issue noted,
/// when it is not a usable header (no tab, or a required column missing).
fn read_header(
    line_no: usize,
    cells: &[&str],
    issues: &mut Vec<AnnotationIssue>,
) -> Option<Vec<Option<usize>>> {
    if cells.len() < 2 {
        issues.push(AnnotationIssue {
            line: line_no,
            column: None,
            message: "the header must name tab-separated columns (date, kind, label, source, …); no tab found".into(),
        });
        return None;
    }
    let mut map = vec![None; COLUMNS.len()];
    for (j, c) in cells.iter().enumerate() {
        let name = c.to_ascii_lowercase();
        match COLUMNS.iter().position(|k| *k == name) {
            Some(k) if map[k].is_none() => map[k] = Some(j),
            Some(_) => issues.push(AnnotationIssue {
                line: line_no,
                column: Some(name),
                message: "this column is named twice; the first is used".into(),
            }),
            None => issues.push(AnnotationIssue {
                line: line_no,
                column: Some(clip(c)),
                message: format!("unknown column, ignored (known: {})", COLUMNS.join(", ")),
            }),
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|r| map[COLUMNS.iter().position(|k| k == *r).unwrap_or(0)].is_none())
        .copied()
        .collect();
    if !missing.is_empty() {
        issues.push(AnnotationIssue {
            line: line_no,
            column: None,
            message: format!("the header lacks the column(s) {}", missing.join(", ")),
        });
        return None;
    }
    Some(map)
}

/// One annotation line under the header `cols`, or `None` with the issue noted.
fn read_row(
    line_no: usize,
    cells: &[&str],
    cols: &[Option<usize>],
    issues: &mut Vec<AnnotationIssue>,
) -> Option<Annotation> {
    let get = |name: &str| -> &str {
        COLUMNS
            .iter()
            .position(|k| *k == name)
            .and_then(|k| cols[k])
            .and_then(|j| cells.get(j).copied())
            .unwrap_or("")
    };
    let fail = |column: &str, message: String| AnnotationIssue {
        line: line_no,
        column: Some(column.to_owned()),
        message,
    };
    let date = match AnnotationDate::parse(get("date")) {
        Ok(d) => d,
        Err(m) => {
            issues.push(fail("date", m));
            return None;
        }
    };
    let kind = match get("kind").to_ascii_lowercase().as_str() {
        "event" => AnnotationKind::Event,
        "reported" => AnnotationKind::Reported,
        other => {
            issues.push(fail(
                "kind",
                format!("“{}” is not event or reported", clip(other)),
            ));
            return None;
        }
    };
    let label = get("label");
    if label.is_empty() {
        issues.push(fail("label", "the label is empty".into()));
        return None;
    }
    if label.chars().count() > MAX_LABEL {
        issues.push(fail(
            "label",
            format!(
                "the label has {} characters; at most {MAX_LABEL} fit on a phone (put the rest in detail)",
                label.chars().count()
            ),
        ));
        return None;
    }
    let source = get("source");
    if source.is_empty() {
        issues.push(fail(
            "source",
            "every annotation needs a source (who reported it)".into(),
        ));
        return None;
    }
    if source_is_unconfirmed(source) {
        issues.push(fail(
            "source",
            format!(
                "“{}” says the source is not confirmed yet; the line is not shown until it names a checked source",
                clip(source)
            ),
        ));
        return None;
    }
    let url = get("url");
    let url = if url.is_empty() {
        None
    } else if url.starts_with("https://") && !url.contains(char::is_whitespace) {
        Some(url.to_owned())
    } else {
        issues.push(fail(
            "url",
            format!(
                "“{}” is not an https:// address; the line is kept without it",
                clip(url)
            ),
        ));
        None
    };
    let list = |s: &str| -> Vec<String> {
        s.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let long = |s: &str| s.chars().take(MAX_TEXT).collect::<String>();
    Some(Annotation {
        date,
        kind,
        label: label.to_owned(),
        detail: long(get("detail")),
        source: long(source),
        url,
        recipients: list(get("recipient")),
        suppliers: list(get("supplier")),
    })
}

/// Checks the `annotations=` link parameter: annotation files come only from the app's
/// own folder or below it, so a link can neither make the page fetch from another site nor
/// put words from elsewhere on the same host (`../../uploads/x.tsv`) into the publisher's
/// graphic. The path is resolved against the page's folder by the caller
/// (`crate::url::embed::beside_page`). Refused, with the reason:
///
/// * a scheme or a host (`https:`, `javascript:`, `//host`), a leading `/`, a backslash;
/// * any `..` or `.` segment, anywhere (`a/../../x`, `./../x`), and empty segments (`a//b`);
/// * any `%`: the link's value is already decoded once, and a browser reads `%2e%2e` in a
///   path as `..`;
/// * `?` or `#`, spaces, controls and invisible characters.
///
/// Returns the path to fetch.
pub fn check_annotation_path(p: &str) -> Result<String, String> {
    let p = p.trim();
    let refuse = |why: &str| {
        Err(format!(
            "“{}” {why}; give a path inside this page's folder, relative to this page, like annotations/my-notes.tsv",
            clip(p)
        ))
    };
    if p.is_empty() {
        return refuse("is empty");
    }
    if p.len() > 200 {
        return refuse("is too long");
    }
    if p.contains(':') {
        return refuse("names a scheme or another site");
    }
    if p.starts_with("//") {
        return refuse("names another site");
    }
    if p.starts_with('/') || p.contains('\\') {
        return refuse("is not a relative path");
    }
    if p.contains('%') {
        return refuse("contains a percent escape (such as %2e%2e, which means ..)");
    }
    if p.contains(['?', '#']) {
        return refuse("contains ? or #");
    }
    if p.chars()
        .any(|c| c.is_whitespace() || crate::clean::is_hidden(c))
    {
        return refuse("contains spaces, control or invisible characters");
    }
    for seg in p.split('/') {
        match seg {
            ".." => return refuse("climbs out of this page's folder (a .. segment)"),
            "." => return refuse("has a . segment"),
            "" => return refuse("has an empty segment (//) or ends with /"),
            _ => {}
        }
    }
    Ok(p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Locale, Tr};

    #[test]
    fn dates() {
        let d = AnnotationDate::parse("2021-02-01").unwrap();
        assert_eq!(d.format_in(Tr::new(Locale::En)), "1 Feb 2021");
        assert!((d.axis_position() - (2020.5 + 1.0 / 12.0)).abs() < 1e-9);
        let m = AnnotationDate::parse("2021-01").unwrap();
        assert_eq!(m.format_in(Tr::new(Locale::En)), "Jan 2021");
        assert!(m < d);
        assert!(AnnotationDate::parse("2021-02-29").is_err());
        assert!(AnnotationDate::parse("2020-02-29").is_ok());
        assert!(AnnotationDate::parse("2021-13").is_err());
        assert!(AnnotationDate::parse("21-01").is_err());
        assert!(AnnotationDate::parse("2021").is_err());
        assert!(AnnotationDate::parse("1800-01").is_err());
        assert!(AnnotationDate::parse("2021-+1").is_err());
    }
}
