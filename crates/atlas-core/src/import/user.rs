//! A dataset the user loads from their own SIPRI exports: several files merged, and a
//! summary that accounts for every line (rows used, rows rejected with their reasons,
//! names the map cannot place).

use std::collections::BTreeSet;

use crate::clean::{formula_safe, plain_text};
use crate::import::builder::DatasetBuilder;
use crate::import::places::PlaceTable;
use crate::import::sipri::{Encoding, ParsedFile, RowError, Rows};
use crate::model::{Dataset, SourceFormat, Year};
use crate::store::bundle::{encode, encode_with_earlier};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub name: String,
    pub format: SourceFormat,
    pub release: Option<u16>,
    pub generated: Option<String>,
    /// How the file's bytes were decoded.
    pub encoding: Encoding,
    /// Non-blank records after the header.
    pub data_lines: usize,
    pub rows_used: usize,
    /// How many records were rejected (`rows + rejected_count == data_lines`).
    pub rejected_count: usize,
    /// The first [`MAX_KEPT_ERRORS`](crate::import::sipri::MAX_KEPT_ERRORS) of them, with
    /// line, column and reason.
    pub rejected: Vec<RowError>,
    /// Lines whose deal and year were already read from an earlier file or line.
    pub duplicate_lines: Vec<usize>,
}

/// What the whole load produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadSummary {
    pub files: Vec<FileSummary>,
    pub deals: usize,
    pub deliveries: usize,
    pub first_year: Option<u16>,
    pub last_year: Option<u16>,
    pub suppliers: usize,
    pub recipients: usize,
    /// Entity names the placement table does not know: usable everywhere but the map.
    pub unplaced: Vec<String>,
}

/// Merges parsed files into one dataset (deals merge by id within a release).
pub fn merge(files: &[(String, ParsedFile)]) -> (Dataset, LoadSummary) {
    let mut builder = DatasetBuilder::new();
    let reports: Vec<(usize, Vec<usize>)> = files
        .iter()
        .map(|(_, f)| {
            let r = builder.add(f, |_| true);
            (r.kept, r.duplicate_lines)
        })
        .collect();
    let ds = builder.finish();
    let summary = summarise(files, reports, &ds);
    (ds, summary)
}

/// The summary of a load: each file with the rows it added (`reports`: rows kept and
/// duplicate lines, per file), and what the dataset shown holds.
fn summarise(
    files: &[(String, ParsedFile)],
    reports: Vec<(usize, Vec<usize>)>,
    ds: &Dataset,
) -> LoadSummary {
    let summaries = files
        .iter()
        .zip(reports)
        .map(|((name, f), (kept, duplicate_lines))| FileSummary {
            // A file name is shown to readers: text, never layout (`crate::clean`).
            name: plain_text(name),
            format: f.format,
            release: f.release,
            generated: f.generated.clone(),
            encoding: f.encoding,
            data_lines: f.data_lines,
            rows_used: kept - duplicate_lines.len(),
            rejected_count: f.rejected,
            rejected: f.errors.clone(),
            duplicate_lines,
        })
        .collect();
    let places = PlaceTable::builtin();
    let unplaced: BTreeSet<String> = ds
        .entities
        .iter()
        .filter(|e| places.get(&e.name).is_none())
        .map(|e| e.name.clone())
        .collect();
    let span = ds.year_span();
    LoadSummary {
        files: summaries,
        deals: ds.deals.len(),
        deliveries: ds.deliveries.len(),
        first_year: span.map(|s| s.0),
        last_year: span.map(|s| s.1),
        suppliers: ds.suppliers().len(),
        recipients: ds.recipients().len(),
        unplaced: unplaced.into_iter().collect(),
    }
}

/// The delivery years of a file's rows, `None` when it has none.
fn file_years(f: &ParsedFile) -> Option<(Year, Year)> {
    let years: Vec<Year> = match &f.rows {
        Rows::PerYear(rows) => rows.iter().map(|r| r.year).collect(),
        Rows::Deals(rows) => rows.iter().flat_map(|r| r.delivery_years.clone()).collect(),
    };
    Some((*years.iter().min()?, *years.iter().max()?))
}

/// The years of the files of one release (`0` for files whose release is unknown).
fn release_years(files: &[(String, ParsedFile)], release: u16) -> Option<(Year, Year)> {
    files
        .iter()
        .filter(|(_, f)| f.release.unwrap_or(0) == release)
        .filter_map(|(_, f)| file_years(f))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

/// The two SIPRI releases of a load, when its files come from exactly two (a file with no
/// recognisable release counts as release `0`) whose delivery years overlap: then the
/// reader compares them instead of merging them, which would count the shared years twice.
/// Ascending; the caller decides which is the newer (by default the later one, and the
/// reader can swap them).
pub fn two_releases(files: &[(String, ParsedFile)]) -> Option<(u16, u16)> {
    let mut releases: Vec<u16> = files
        .iter()
        .filter(|(_, f)| !f.rows.is_empty())
        .map(|(_, f)| f.release.unwrap_or(0))
        .collect();
    releases.sort_unstable();
    releases.dedup();
    let [a, b] = releases[..] else {
        return None;
    };
    let (ya, yb) = (release_years(files, a)?, release_years(files, b)?);
    (ya.0 <= yb.1 && yb.0 <= ya.1).then_some((a, b))
}

/// Files of two releases, compared (issue #17): the data shown is every row of the
/// `newer` release's files, plus the `older` release's rows for the delivery years the
/// newer does not cover (the same seam as the bundled data); the earlier release is the
/// `older` release's rows for the years the newer covers. The summary is the data shown's,
/// each file's rows used counting both.
pub fn merge_two(
    files: &[(String, ParsedFile)],
    newer: u16,
    older: u16,
) -> (Dataset, Dataset, LoadSummary) {
    let span = release_years(files, newer).unwrap_or((Year::MAX, 0));
    let inside = move |y: Option<Year>| y.is_some_and(|y| (span.0..=span.1).contains(&y));
    let mut shown = DatasetBuilder::new();
    let mut earlier = DatasetBuilder::new();
    let reports: Vec<(usize, Vec<usize>)> = files
        .iter()
        .map(|(_, f)| {
            let release = f.release.unwrap_or(0);
            // One closure type for the three (`add` is generic: each type is a copy).
            type Keep<'a> = &'a dyn Fn(crate::import::builder::RowKey<'_>) -> bool;
            if release == newer {
                let all: Keep<'_> = &|_| true;
                let r = shown.add(f, all);
                (r.kept, r.duplicate_lines)
            } else if release == older {
                // Deal-level rows (no single year) go to the comparison only.
                let outside: Keep<'_> = &|k| k.year.is_some() && !inside(k.year);
                let within: Keep<'_> = &|k| k.year.is_none() || inside(k.year);
                let a = shown.add(f, outside);
                let b = earlier.add(f, within);
                let mut dups = a.duplicate_lines;
                dups.extend(b.duplicate_lines);
                (a.kept + b.kept, dups)
            } else {
                (0, Vec::new())
            }
        })
        .collect();
    let shown = shown.finish();
    let earlier = earlier.finish();
    let summary = summarise(files, reports, &shown);
    (shown, earlier, summary)
}

/// Encodes a compared load: the data shown, then the earlier release's block (see
/// `store::bundle`), for keeping it in the browser.
pub fn to_bundle_with_earlier(
    ds: &Dataset,
    summary: &LoadSummary,
    earlier: &Dataset,
    older: u16,
) -> Vec<u8> {
    let (title, note) = describe(summary);
    let e_title = if older == 0 {
        "Your files of an unknown SIPRI release, for comparison".to_owned()
    } else {
        format!("Your files of SIPRI release {older}, for comparison")
    };
    encode_with_earlier(
        ds,
        &title,
        &note,
        Some((
            earlier,
            &e_title,
            "Loaded from SIPRI exports in this browser.",
        )),
    )
}

/// Title and note for a user dataset's bundle ("Your files: … (SIPRI release 2024)").
pub fn describe(summary: &LoadSummary) -> (String, String) {
    // Only the files whose rows are in the data (a file that added nothing is named in
    // the load's message, not in the data's title); all of them if none did.
    let mut used: Vec<&FileSummary> = summary.files.iter().filter(|f| f.rows_used > 0).collect();
    if used.is_empty() {
        used = summary.files.iter().collect();
    }
    let names: Vec<&str> = used.iter().map(|f| f.name.as_str()).collect();
    let mut releases: Vec<u16> = used.iter().filter_map(|f| f.release).collect();
    releases.sort_unstable();
    releases.dedup();
    let rel = match releases.as_slice() {
        [] => "SIPRI release unknown".to_owned(),
        [one] => format!("SIPRI release {one}"),
        many => format!(
            "SIPRI releases {}",
            many.iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let title = format!(
        "Your {}: {} ({rel})",
        if names.len() == 1 { "file" } else { "files" },
        names.join(", ")
    );
    let mut note = String::from("Loaded from SIPRI exports in this browser.");
    if releases.len() > 1 {
        note.push_str(
            " The files come from different SIPRI releases; figures from different releases \
             may not match where SIPRI revised them.",
        );
    }
    if used.iter().any(|f| f.format == SourceFormat::DealRegister) {
        note.push_str(
            " The deal-level register has no per-year figures: a deal's TIV is split evenly \
             over its delivery years by Arms Atlas, shown as approximate, and has no armament \
             category.",
        );
    }
    (title, note)
}

/// Encodes a user dataset as a bundle (for keeping it in the browser).
pub fn to_bundle(ds: &Dataset, summary: &LoadSummary) -> Vec<u8> {
    let (title, note) = describe(summary);
    encode(ds, &title, &note)
}

impl FileSummary {
    /// Rejected and duplicate records together: what the summary calls rejected.
    pub fn rejected_total(&self) -> usize {
        self.rejected_count + self.duplicate_lines.len()
    }

    /// Rejected records counted but not kept with their reason.
    pub fn rejected_unlisted(&self) -> usize {
        self.rejected_count.saturating_sub(self.rejected.len())
    }
}

/// The rejected rows of every file as CSV (file, line, column, reason), for download:
/// the kept ones (the first [`MAX_KEPT_ERRORS`](crate::import::sipri::MAX_KEPT_ERRORS) of
/// each file), then one line saying how many more were only counted. Built only when the
/// reader asks for the download, never on load or on a language switch. Every text cell
/// goes through [`formula_safe`]: a file name, or a value quoted at the start of a reason,
/// that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) is never run by a spreadsheet.
pub fn rejects_csv(summary: &LoadSummary) -> String {
    let q = |s: &str| format!("\"{}\"", formula_safe(s).replace('"', "\"\""));
    let mut out = String::from("file,line,column,reason\n");
    for f in &summary.files {
        for e in &f.rejected {
            out.push_str(&format!(
                "{},{},{},{}\n",
                q(&f.name),
                e.line,
                q(e.column),
                q(&e.problem.to_string())
            ));
        }
        if f.rejected_unlisted() > 0 {
            out.push_str(&format!(
                "{},,\"row\",\"{} more rejected lines are counted but not listed\"\n",
                q(&f.name),
                f.rejected_unlisted()
            ));
        }
        for l in &f.duplicate_lines {
            out.push_str(&format!(
                "{},{l},\"row\",\"duplicate of a deal and year already read; the first was kept\"\n",
                q(&f.name)
            ));
        }
    }
    out
}

/// A hash of the dataset's content alone (not of the file names in its title), for the
/// data pin of links made on a user's data: the same exports give the same pin however
/// their files are named.
pub fn content_hash(ds: &Dataset) -> u64 {
    crate::store::bundle::fnv1a64(&encode(ds, "", ""))
}

// ---------------------------------------------------------------- what a load changes
//
// Issue #15: a load that yields no usable row changes nothing. The data shown before stays,
// nothing is kept for the next visit, and the message says which file added nothing and
// why. A file that adds nothing beside one that adds rows is named, and the others' rows
// are shown. The browser shell (`load_files` in the app) only carries this out.

/// Why a file that was read without error adds nothing to the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NothingUsed {
    /// A header and no data line.
    NoDataLines,
    /// Every data line was rejected or repeated an earlier one: how many, and the first
    /// rejection (`line 13, column "Delivery year": …`, cleaned like any text from a
    /// file), if any.
    AllRejected {
        rejected: usize,
        first: Option<String>,
    },
    /// Rows were read, but none of the files gave a delivery year: there is nothing to
    /// chart (a deal register of orders not yet delivered).
    NoDeliveries,
}

/// A file read that adds nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptyFile {
    pub name: String,
    pub why: NothingUsed,
}

/// What the reader is told after the list of problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Nothing was replaced: the data shown before is still shown (and kept).
    StillShown,
    /// The data was replaced by the rows of the files that had usable rows.
    OthersShown,
}

/// What a load does to the data shown: see [`decide`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadDecision {
    /// Whether the merged dataset replaces the data shown and is kept for the next visit.
    pub replace: bool,
    /// The files read that add nothing, in the order chosen.
    pub empty: Vec<EmptyFile>,
}

impl LoadDecision {
    /// The sentence after the problems, given how many files could not be read at all
    /// (refused by size, not text, no header): `None` when nothing went wrong.
    pub fn closing(&self, unreadable: usize) -> Option<Closing> {
        if !self.replace {
            Some(Closing::StillShown)
        } else if unreadable > 0 || !self.empty.is_empty() {
            Some(Closing::OthersShown)
        } else {
            None
        }
    }
}

/// Does this load replace the data shown? `summary` is what [`merge`] made of the files
/// that could be read (`None` when none could). It replaces the data only when the merged
/// dataset has at least one delivery: a header-only file, or one whose every row is
/// rejected, leaves the data shown (and the data kept for the next visit) as it was.
pub fn decide(summary: Option<&LoadSummary>) -> LoadDecision {
    let Some(summary) = summary else {
        return LoadDecision {
            replace: false,
            empty: Vec::new(),
        };
    };
    let replace = summary.deliveries > 0;
    let empty = summary
        .files
        .iter()
        .filter_map(|f| {
            let why = if f.rows_used > 0 {
                if replace {
                    return None;
                }
                NothingUsed::NoDeliveries
            } else if f.data_lines == 0 {
                NothingUsed::NoDataLines
            } else {
                NothingUsed::AllRejected {
                    rejected: f.rejected.len() + f.duplicate_lines.len(),
                    first: f.rejected.first().map(|e| plain_text(&e.to_string())),
                }
            };
            Some(EmptyFile {
                name: f.name.clone(),
                why,
            })
        })
        .collect();
    LoadDecision { replace, empty }
}
