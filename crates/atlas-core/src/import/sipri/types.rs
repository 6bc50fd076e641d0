//! What the importer reads into: rows, files and the errors that locate a problem.

use thiserror::Error;

use crate::model::{
    Category, Flag, SourceFormat, Status, Tiv, Year, MAX_ITEMS, MAX_TIV, MAX_YEAR, MIN_YEAR,
};

/// How many leading lines are searched for the header.
pub(super) const HEADER_SEARCH_LINES: usize = 40;

/// How many rejected rows a file keeps with their line, column and reason. The rest are
/// only counted ([`ParsedFile::rejected`]): a file of ten million junk lines then costs
/// the memory of its rows, not of its junk.
pub const MAX_KEPT_ERRORS: usize = 1_000;

/// How many physical lines one record may span (a quoted field may hold line breaks).
/// A quote still open after this many lines is reported where it opened, and reading
/// resumes on the next line, so one stray quote cannot swallow the rest of a file.
pub const MAX_RECORD_LINES: usize = 32;

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
pub(crate) const DEAL_COLUMNS: [&str; 16] = [
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
        "line {line}: this is not the header of SIPRI's {format} export: column {column} reads \
         \"{found_name}\" where \"{expected_name}\" was expected ({found} columns found, \
         {expected} expected)"
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
    #[error(
        "{0} million TIV is implausibly large (the limit is {max} million; SIPRI's largest \
         deal is about 10,100 million)",
        max = MAX_TIV.0 / 100
    )]
    TivTooLarge(String),
    #[error(
        "{0} items is implausibly many (the limit is {MAX_ITEMS}; SIPRI's largest count is \
         50,000)"
    )]
    CountTooLarge(String),
    #[error(
        "holds bytes that are not valid UTF-8 while the rest of the file is UTF-8; the row is \
         left out rather than read with garbled letters"
    )]
    InvalidUtf8,
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
    /// SIPRI release worked out from the generated date (see [`release_from_generated`](super::release_from_generated)).
    pub release: Option<u16>,
    /// 1-based line of the header.
    pub header_line: usize,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// Non-blank records after the header (valid and rejected rows together); a record
    /// is one line unless a quoted field holds line breaks.
    pub data_lines: usize,
    pub rows: Rows,
    /// How many records were rejected: `rows.len() + rejected == data_lines`.
    pub rejected: usize,
    /// The first [`MAX_KEPT_ERRORS`] rejected records, with line, column and reason.
    pub errors: Vec<RowError>,
}

/// Text encodings the importer recognises. UTF-8 is chosen whenever the file holds valid
/// multi-byte UTF-8; latin-1 only for a file with bytes above 0x7F none of which forms a
/// UTF-8 sequence (SIPRI's trade register); UTF-16LE when the file starts with its BOM
/// (a spreadsheet's "Unicode text").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Latin1,
    Utf16Le,
}

impl Encoding {
    /// The encoding's standard name (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Latin1 => "ISO-8859-1 (latin-1)",
            Encoding::Utf16Le => "UTF-16LE",
        }
    }
}
