//! Parsing SIPRI's CSV exports exactly as SIPRI writes them.
//!
//! Two formats exist (see `PROVENANCE.md` in the shared data folder):
//! * the per-delivery-year export: 17 columns, one row per deal and delivery year, with the
//!   deal id and armament category; sometimes CRLF with a stray `;` ending every line;
//! * the deal-level trade register: 16 columns, one row per deal, latin-1, three unnamed `?`
//!   columns, delivery years as a `"; "`-separated list and no per-year split.
//!
//! Both start with a free-text preamble (11 lines in SIPRI's exports) that holds the
//! "Data generated" date, from which the SIPRI release is worked out. The header is found
//! by its content, not its position, so a file whose preamble was trimmed still loads.
//!
//! A bad row never stops the import: it becomes a [`RowError`] that says the line, the
//! column and the reason, and every valid row is kept. Only a file that is not a SIPRI
//! export at all gives an [`ImportError`].

use std::borrow::Cow;

use thiserror::Error;

use crate::model::{Category, Flag, SourceFormat, Status, Tiv, Year, MAX_YEAR, MIN_YEAR};

/// How many leading lines are searched for the header.
const HEADER_SEARCH_LINES: usize = 40;

/// Column names of the per-delivery-year export, in SIPRI's order.
pub const PER_YEAR_COLUMNS: [&str; 17] = [
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Order date is estimate",
    "Numbers delivered",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "Status",
    "SIPRI estimate",
    "TIV deal unit",
    "TIV delivery values",
    "Local production",
];

/// Column names of the deal-level trade register. The three unnamed `?` columns are
/// named here after the column they qualify.
pub const DEAL_COLUMNS: [&str; 16] = [
    "Recipient",
    "Supplier",
    "Year of order",
    "Year of order ?",
    "Number ordered",
    "Number ordered ?",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Number delivered ?",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
];

/// A file that cannot be read as a SIPRI export at all.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "this file is {mb} MB; SIPRI's complete register is under 10 MB, so this is probably \
         not a SIPRI export (files over {limit_mb} MB are not read)"
    )]
    TooLarge { mb: u64, limit_mb: u64 },
    #[error(
        "this is not a text file (byte {offset} is a control byte); \
         choose the CSV file that SIPRI's Trade Register exported"
    )]
    Binary { offset: usize },
    #[error(
        "no SIPRI header found in the first {searched} lines: expected a line starting with \
         \"SIPRI AT Database ID,Supplier,Recipient\" (per-delivery-year export) or \
         \"Recipient,Supplier,Year of order\" (trade register)"
    )]
    NoHeader { searched: usize },
    #[error(
        "line {line}: the header has {found} columns, expected {expected} for SIPRI's {format} \
         export (column {column}: found \"{found_name}\", expected \"{expected_name}\")"
    )]
    BadHeader {
        line: usize,
        format: &'static str,
        expected: usize,
        found: usize,
        column: usize,
        found_name: String,
        expected_name: String,
    },
}

/// Files larger than this are refused before they are read: SIPRI's complete register
/// is under 10 MB, and a browser tab should not hold hundreds of MB for nothing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Refuses a file by its size alone, before reading it (see [`MAX_FILE_BYTES`]).
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_FILE_BYTES {
        Err(ImportError::TooLarge {
            mb: bytes.div_ceil(1024 * 1024),
            limit_mb: MAX_FILE_BYTES / 1024 / 1024,
        })
    } else {
        Ok(())
    }
}

/// Why one row was rejected.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RowProblem {
    #[error("expected {expected} fields, found {found}")]
    FieldCount { expected: usize, found: usize },
    #[error("a quoted field is not closed")]
    UnclosedQuote,
    #[error("is empty")]
    Missing,
    #[error("\"{0}\" is not a whole number")]
    NotANumber(String),
    #[error("year {0} is outside {MIN_YEAR}–{MAX_YEAR}")]
    YearOutOfRange(String),
    #[error("\"{0}\" is not a TIV value (a non-negative decimal number)")]
    NotATiv(String),
    #[error("\"{0}\" is not Yes, No or blank")]
    NotAFlag(String),
    #[error("\"{0}\" is not one of SIPRI's armament categories")]
    UnknownCategory(String),
    #[error("\"{0}\" is not New, Second hand or Second hand but modernized")]
    UnknownStatus(String),
    #[error("\"{0}\" is not a list of years separated by \"; \"")]
    BadYearList(String),
    #[error("{0} deliveries listed for {1} delivery years")]
    Inconsistent(String, String),
}

/// A rejected row: where it is and what is wrong.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("line {line}, column \"{column}\": {problem}")]
pub struct RowError {
    /// 1-based physical line in the file.
    pub line: usize,
    /// The column's header name (or `row` for whole-row problems).
    pub column: &'static str,
    pub problem: RowProblem,
}

/// A row of the per-delivery-year export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerYearRow {
    pub line: usize,
    pub deal_id: u32,
    pub supplier: String,
    pub recipient: String,
    pub designation: String,
    pub description: String,
    pub category: Category,
    pub order_year: Year,
    pub order_year_estimate: Flag,
    pub number: u32,
    pub number_estimate: Flag,
    pub year: Year,
    pub year_estimate: Flag,
    pub status: Status,
    pub tiv_unit_new: Option<Tiv>,
    pub tiv_unit_deal: Option<Tiv>,
    pub tiv: Tiv,
    pub local_production: Flag,
}

/// A row of the deal-level trade register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRow {
    pub line: usize,
    pub recipient: String,
    pub supplier: String,
    pub order_year: Year,
    pub order_year_estimate: Flag,
    pub number_ordered: Option<u32>,
    pub number_ordered_estimate: Flag,
    pub designation: String,
    pub description: String,
    pub number_delivered: u32,
    pub number_delivered_estimate: Flag,
    pub delivery_years: Vec<Year>,
    pub status: Status,
    pub comments: Option<String>,
    pub tiv_per_unit: Option<Tiv>,
    pub tiv_total_order: Option<Tiv>,
    /// Over all delivery years; `None` when nothing has been delivered.
    pub tiv_delivered: Option<Tiv>,
}

/// The parsed rows of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    PerYear(Vec<PerYearRow>),
    Deals(Vec<DealRow>),
}

impl Rows {
    /// Number of valid rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::PerYear(r) => r.len(),
            Rows::Deals(r) => r.len(),
        }
    }

    /// True when no row was valid.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One SIPRI export, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub format: SourceFormat,
    /// Text after "Data generated:" in the preamble, if present.
    pub generated: Option<String>,
    /// SIPRI release worked out from the generated date (see [`release_from_generated`]).
    pub release: Option<u16>,
    /// 1-based line of the header.
    pub header_line: usize,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// Non-blank lines after the header (valid and rejected rows together).
    pub data_lines: usize,
    pub rows: Rows,
    pub errors: Vec<RowError>,
}

/// Text encodings the importer recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Latin1,
    Utf16Le,
}

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16LE with BOM (what a
/// spreadsheet's "Unicode text" gives), else latin-1, which SIPRI's trade register uses.
/// Control bytes other than tab, CR and LF mean the file is not text.
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let text = String::from_utf16_lossy(&units);
        if let Some(offset) = text.find(is_junk_char) {
            return Err(ImportError::Binary { offset });
        }
        return Ok((Cow::Owned(text), Encoding::Utf16Le));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) = body
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
    {
        return Err(ImportError::Binary { offset });
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok((Cow::Borrowed(s), Encoding::Utf8)),
        Err(_) => Ok((
            Cow::Owned(body.iter().map(|&b| b as char).collect()),
            Encoding::Latin1,
        )),
    }
}

fn is_junk_char(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\r' | '\n')
}

/// Works out SIPRI's annual release from a "Data generated" date such as
/// `12 Feb 2026 12:26:12 PM`. SIPRI publishes each release in mid-March, so a file
/// generated before 15 March reflects the previous year's release.
pub fn release_from_generated(generated: &str) -> Option<u16> {
    let mut parts = generated.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.get(..3)?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let year: u16 = parts.next()?.parse().ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) || day == 0 || day > 31 {
        return None;
    }
    Some(if month < 3 || (month == 3 && day < 15) {
        year - 1
    } else {
        year
    })
}

/// Splits one CSV line. SIPRI never quotes, but a file saved again by a spreadsheet may,
/// so RFC 4180 quotes (`"a,b"`, `""` for a quote) are honoured within a line.
pub fn split_fields(line: &str, delim: u8) -> Result<Vec<Cow<'_, str>>, RowProblem> {
    let mut out = Vec::with_capacity(17);
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        if bytes.get(i) == Some(&b'"') {
            let mut value = String::new();
            let mut j = i + 1;
            loop {
                match line[j..].find('"') {
                    None => return Err(RowProblem::UnclosedQuote),
                    Some(k) => {
                        value.push_str(&line[j..j + k]);
                        j += k + 1;
                        if bytes.get(j) == Some(&b'"') {
                            value.push('"');
                            j += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            // Anything between the closing quote and the delimiter is kept verbatim.
            match line[j..].bytes().position(|b| b == delim) {
                Some(k) => {
                    value.push_str(&line[j..j + k]);
                    out.push(Cow::Owned(value));
                    i = j + k + 1;
                }
                None => {
                    value.push_str(&line[j..]);
                    out.push(Cow::Owned(value));
                    return Ok(out);
                }
            }
        } else {
            match line[i..].bytes().position(|b| b == delim) {
                Some(k) => {
                    out.push(Cow::Borrowed(&line[i..i + k]));
                    i += k + 1;
                }
                None => {
                    out.push(Cow::Borrowed(&line[i..]));
                    return Ok(out);
                }
            }
        }
    }
}

/// Strips the CR of a CRLF ending and the one stray `;` that re-saved SIPRI files put
/// at the end of every line.
fn clean_line(line: &str, delim: u8) -> &str {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if delim == b',' {
        line.strip_suffix(';').unwrap_or(line)
    } else {
        line
    }
}

fn header_format(fields: &[Cow<'_, str>]) -> Option<SourceFormat> {
    let first = fields.first()?.trim();
    let second = fields.get(1).map(|s| s.trim()).unwrap_or("");
    if first.eq_ignore_ascii_case("SIPRI AT Database ID") {
        Some(SourceFormat::PerDeliveryYear)
    } else if first.eq_ignore_ascii_case("Recipient") && second.eq_ignore_ascii_case("Supplier") {
        Some(SourceFormat::DealRegister)
    } else {
        None
    }
}

/// Parses a SIPRI export from its raw bytes.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    check_size(bytes.len() as u64)?;
    let (text, encoding) = decode_text(bytes)?;
    parse_text(&text, encoding)
}

/// Parses already-decoded text (see [`parse`]).
pub fn parse_text(text: &str, encoding: Encoding) -> Result<ParsedFile, ImportError> {
    let mut import = Import::start(text.to_owned(), encoding)?;
    while !import.step(usize::MAX) {}
    Ok(import.finish())
}

/// An import that can be run a few thousand lines at a time, so that a browser stays
/// responsive and can show progress while a large export is read. [`parse`] is this run
/// to the end in one go.
#[derive(Debug)]
pub struct Import {
    text: String,
    encoding: Encoding,
    format: SourceFormat,
    generated: Option<String>,
    header_line: usize,
    delim: u8,
    /// Byte offset of the next unread line.
    pos: usize,
    /// 0-based index of the next unread line.
    line_index: usize,
    data_lines: usize,
    per_year: Vec<PerYearRow>,
    deals: Vec<DealRow>,
    errors: Vec<RowError>,
}

impl Import {
    /// Decodes `bytes` and finds the header; fails only when the file is not a SIPRI export.
    pub fn from_bytes(bytes: &[u8]) -> Result<Import, ImportError> {
        check_size(bytes.len() as u64)?;
        let (text, encoding) = decode_text(bytes)?;
        Import::start(text.into_owned(), encoding)
    }

    /// Finds the preamble's date and the header in decoded text.
    pub fn start(text: String, encoding: Encoding) -> Result<Import, ImportError> {
        if text.trim().is_empty() {
            return Err(ImportError::Empty);
        }
        let mut generated = None;
        let mut header = None;
        let mut pos = 0;
        for (i, raw) in text.split('\n').take(HEADER_SEARCH_LINES).enumerate() {
            pos += raw.len() + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if let Some(rest) = line.trim_start().strip_prefix("Data generated:") {
                generated = Some(rest.trim().trim_end_matches(';').trim().to_owned());
            }
            for delim in [b',', b';', b'\t'] {
                let Ok(fields) = split_fields(clean_line(line, delim), delim) else {
                    continue;
                };
                if fields.len() < 3 {
                    continue;
                }
                if let Some(format) = header_format(&fields) {
                    let names: Vec<String> = fields.iter().map(|f| f.trim().to_owned()).collect();
                    header = Some((i + 1, delim, format, names));
                    break;
                }
            }
            if header.is_some() {
                break;
            }
        }
        let Some((header_line, delim, format, names)) = header else {
            return Err(ImportError::NoHeader {
                searched: HEADER_SEARCH_LINES,
            });
        };
        check_header(header_line, format, &names)?;
        Ok(Import {
            pos: pos.min(text.len()),
            text,
            encoding,
            format,
            generated,
            header_line,
            delim,
            line_index: header_line,
            data_lines: 0,
            per_year: Vec::new(),
            deals: Vec::new(),
            errors: Vec::new(),
        })
    }

    /// Which export this is.
    pub fn format(&self) -> SourceFormat {
        self.format
    }

    /// Share of the text read so far, 0.0 to 1.0.
    pub fn progress(&self) -> f64 {
        if self.text.is_empty() {
            1.0
        } else {
            self.pos as f64 / self.text.len() as f64
        }
    }

    /// Reads up to `max_lines` more lines; returns true when the file is done.
    pub fn step(&mut self, max_lines: usize) -> bool {
        let expected = match self.format {
            SourceFormat::PerDeliveryYear => PER_YEAR_COLUMNS.len(),
            SourceFormat::DealRegister => DEAL_COLUMNS.len(),
        };
        let mut n = 0;
        while self.pos < self.text.len() && n < max_lines {
            let rest = &self.text[self.pos..];
            let raw = rest.split('\n').next().unwrap_or("");
            // The last line may have no newline: never step past the end.
            self.pos = (self.pos + raw.len() + 1).min(self.text.len());
            self.line_index += 1;
            n += 1;
            let line_no = self.line_index;
            let line = clean_line(raw, self.delim);
            if line.trim().is_empty() {
                continue;
            }
            self.data_lines += 1;
            let mut fields = match split_fields(line, self.delim) {
                Ok(f) => f,
                Err(problem) => {
                    self.errors.push(RowError {
                        line: line_no,
                        column: "row",
                        problem,
                    });
                    continue;
                }
            };
            // A trailing delimiter (a re-saved file) leaves one empty extra field.
            if fields.len() == expected + 1 && fields.last().is_some_and(|f| f.trim().is_empty()) {
                fields.pop();
            }
            if fields.len() != expected {
                self.errors.push(RowError {
                    line: line_no,
                    column: "row",
                    problem: RowProblem::FieldCount {
                        expected,
                        found: fields.len(),
                    },
                });
                continue;
            }
            let result = match self.format {
                SourceFormat::PerDeliveryYear => {
                    per_year_row(line_no, &fields).map(|r| self.per_year.push(r))
                }
                SourceFormat::DealRegister => {
                    deal_row(line_no, &fields).map(|r| self.deals.push(r))
                }
            };
            if let Err(e) = result {
                self.errors.push(e);
            }
        }
        self.pos >= self.text.len()
    }

    /// The rows read so far (all of them once [`Import::step`] returned true).
    pub fn finish(self) -> ParsedFile {
        let rows = match self.format {
            SourceFormat::PerDeliveryYear => Rows::PerYear(self.per_year),
            SourceFormat::DealRegister => Rows::Deals(self.deals),
        };
        let release = self.generated.as_deref().and_then(release_from_generated);
        ParsedFile {
            format: self.format,
            generated: self.generated,
            release,
            header_line: self.header_line,
            encoding: self.encoding,
            data_lines: self.data_lines,
            rows,
            errors: self.errors,
        }
    }
}

fn check_header(line: usize, format: SourceFormat, names: &[String]) -> Result<(), ImportError> {
    let (expected, label): (&[&str], &'static str) = match format {
        SourceFormat::PerDeliveryYear => (&PER_YEAR_COLUMNS, "per-delivery-year"),
        SourceFormat::DealRegister => (&DEAL_COLUMNS, "trade-register"),
    };
    let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
    if names.len() == expected.len() + 1 && names.last() == Some(&"") {
        names.pop();
    }
    let mismatch = expected.iter().enumerate().find(|(i, want)| {
        let got = names.get(*i).copied().unwrap_or("");
        // The deal register's `?` columns are unnamed (a single space).
        if want.ends_with(" ?") {
            !got.is_empty() && got != "?"
        } else {
            !got.eq_ignore_ascii_case(want)
        }
    });
    if names.len() != expected.len() || mismatch.is_some() {
        let column = mismatch.map_or(expected.len().min(names.len()), |(i, _)| i);
        return Err(ImportError::BadHeader {
            line,
            format: label,
            expected: expected.len(),
            found: names.len(),
            column: column + 1,
            found_name: short(names.get(column).copied().unwrap_or("(nothing)")),
            expected_name: expected
                .get(column)
                .copied()
                .unwrap_or("(nothing)")
                .to_owned(),
        });
    }
    Ok(())
}

/// Field access that turns problems into located errors.
struct Fields<'r, 'a> {
    line: usize,
    fields: &'r [Cow<'a, str>],
    names: &'static [&'static str],
}

impl Fields<'_, '_> {
    fn err(&self, i: usize, problem: RowProblem) -> RowError {
        RowError {
            line: self.line,
            column: self.names[i],
            problem,
        }
    }

    fn raw(&self, i: usize) -> &str {
        self.fields[i].trim()
    }

    fn text(&self, i: usize) -> Result<String, RowError> {
        let v = clean_text(self.raw(i));
        if v.is_empty() {
            Err(self.err(i, RowProblem::Missing))
        } else {
            Ok(v)
        }
    }

    fn opt_text(&self, i: usize) -> Option<String> {
        let v = clean_text(self.raw(i));
        (!v.is_empty()).then_some(v)
    }

    fn number(&self, i: usize) -> Result<u32, RowError> {
        let v = self.raw(i);
        if v.is_empty() {
            return Err(self.err(i, RowProblem::Missing));
        }
        v.parse::<u32>()
            .map_err(|_| self.err(i, RowProblem::NotANumber(short(v))))
    }

    fn opt_number(&self, i: usize) -> Result<Option<u32>, RowError> {
        if self.raw(i).is_empty() {
            Ok(None)
        } else {
            self.number(i).map(Some)
        }
    }

    fn year(&self, i: usize) -> Result<Year, RowError> {
        parse_year(self.raw(i)).map_err(|p| self.err(i, p))
    }

    fn tiv(&self, i: usize) -> Result<Tiv, RowError> {
        let v = self.raw(i);
        if v.is_empty() {
            return Err(self.err(i, RowProblem::Missing));
        }
        Tiv::parse(v).ok_or_else(|| self.err(i, RowProblem::NotATiv(short(v))))
    }

    fn opt_tiv(&self, i: usize) -> Result<Option<Tiv>, RowError> {
        if self.raw(i).is_empty() {
            Ok(None)
        } else {
            self.tiv(i).map(Some)
        }
    }

    fn yes_no(&self, i: usize) -> Result<Flag, RowError> {
        match self.raw(i).to_ascii_lowercase().as_str() {
            "" => Ok(Flag::Blank),
            "yes" | "true" => Ok(Flag::Yes),
            "no" | "false" => Ok(Flag::No),
            other => Err(self.err(i, RowProblem::NotAFlag(short(other)))),
        }
    }

    fn question(&self, i: usize) -> Result<Flag, RowError> {
        match self.raw(i) {
            "" => Ok(Flag::No),
            "?" => Ok(Flag::Yes),
            other => Err(self.err(i, RowProblem::NotAFlag(short(other)))),
        }
    }

    fn status(&self, i: usize) -> Result<Status, RowError> {
        let v = self.raw(i);
        Status::parse(v).ok_or_else(|| self.err(i, RowProblem::UnknownStatus(short(v))))
    }
}

/// Removes invisible bidirectional overrides and zero-width characters, which SIPRI never
/// writes and which would let a name display as something else (`\u{202e}` reverses it).
pub fn clean_text(v: &str) -> String {
    v.chars()
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Keeps error messages short even for hostile, huge fields.
fn short(v: &str) -> String {
    let mut s: String = v.chars().take(60).collect();
    if s.len() < v.len() {
        s.push('…');
    }
    s
}

fn parse_year(v: &str) -> Result<Year, RowProblem> {
    if v.is_empty() {
        return Err(RowProblem::Missing);
    }
    let n: u32 = v.parse().map_err(|_| RowProblem::NotANumber(short(v)))?;
    match Year::try_from(n) {
        Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
        _ => Err(RowProblem::YearOutOfRange(short(v))),
    }
}

fn per_year_row(line: usize, fields: &[Cow<'_, str>]) -> Result<PerYearRow, RowError> {
    let f = Fields {
        line,
        fields,
        names: &PER_YEAR_COLUMNS,
    };
    let category_text = f.raw(5);
    let category = match Category::parse(category_text) {
        Some(Category::Unspecified) if category_text.is_empty() => {
            return Err(f.err(5, RowProblem::Missing))
        }
        Some(c) => c,
        None => return Err(f.err(5, RowProblem::UnknownCategory(short(category_text)))),
    };
    Ok(PerYearRow {
        line,
        deal_id: f.number(0)?,
        supplier: f.text(1)?,
        recipient: f.text(2)?,
        designation: f.text(3)?,
        description: clean_text(f.raw(4)),
        category,
        order_year: f.year(6)?,
        order_year_estimate: f.yes_no(7)?,
        number: f.number(8)?,
        number_estimate: f.yes_no(9)?,
        year: f.year(10)?,
        year_estimate: f.yes_no(11)?,
        status: f.status(12)?,
        tiv_unit_new: f.opt_tiv(13)?,
        tiv_unit_deal: f.opt_tiv(14)?,
        tiv: f.tiv(15)?,
        local_production: f.yes_no(16)?,
    })
}

fn deal_row(line: usize, fields: &[Cow<'_, str>]) -> Result<DealRow, RowError> {
    let f = Fields {
        line,
        fields,
        names: &DEAL_COLUMNS,
    };
    let years_text = f.raw(10);
    let mut delivery_years = Vec::new();
    if !years_text.is_empty() {
        for part in years_text.split(';') {
            let y = parse_year(part.trim()).map_err(|p| match p {
                RowProblem::YearOutOfRange(_) => f.err(10, p),
                _ => f.err(10, RowProblem::BadYearList(short(years_text))),
            })?;
            delivery_years.push(y);
        }
    }
    let number_delivered = f.number(8)?;
    if number_delivered > 0 && delivery_years.is_empty() {
        return Err(f.err(
            10,
            RowProblem::Inconsistent(number_delivered.to_string(), "no".into()),
        ));
    }
    Ok(DealRow {
        line,
        recipient: f.text(0)?,
        supplier: f.text(1)?,
        order_year: f.year(2)?,
        order_year_estimate: f.question(3)?,
        number_ordered: f.opt_number(4)?,
        number_ordered_estimate: f.question(5)?,
        designation: f.text(6)?,
        description: clean_text(f.raw(7)),
        number_delivered,
        number_delivered_estimate: f.question(9)?,
        delivery_years,
        status: f.status(11)?,
        comments: f.opt_text(12),
        tiv_per_unit: f.opt_tiv(13)?,
        tiv_total_order: f.opt_tiv(14)?,
        tiv_delivered: f.opt_tiv(15)?,
    })
}
