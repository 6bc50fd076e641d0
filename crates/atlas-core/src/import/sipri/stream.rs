//! The import itself, a few thousand records at a time: header, then rows.
//!
//! Records are read by `csv-core`, so a quoted field may hold the delimiter, quotes and
//! line breaks; a record's line is its first physical line. Work and memory grow with
//! the rows kept: a rejected record is counted, and only the first
//! [`MAX_KEPT_ERRORS`] are kept with their line, column and reason.

use csv_core::ReadRecordResult;

use super::rows::{deal_row, per_year_row, short};
use super::text::{
    clean_last_field, csv_reader, decode_text, header_format, release_from_generated, split_line,
    INVALID,
};
use super::types::{
    check_size, DealRow, Encoding, ImportError, ParsedFile, PerYearRow, RowError, RowProblem, Rows,
    DEAL_COLUMNS, HEADER_SEARCH_LINES, MAX_KEPT_ERRORS, MAX_RECORD_LINES, PER_YEAR_COLUMNS,
};
use crate::model::SourceFormat;

/// A line longer than this cannot be SIPRI's header (which is about 300 bytes).
const MAX_HEADER_BYTES: usize = 4096;

/// Fields kept per record; a record with more is rejected for its field count, which is
/// still counted exactly.
const MAX_FIELDS: usize = 64;

/// Parses a SIPRI export from its raw bytes.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    check_size(bytes.len() as u64)?;
    let (text, encoding) = decode_text(bytes)?;
    parse_text(&text, encoding)
}

/// Parses already-decoded text (see [`parse`]).
pub(crate) fn parse_text(text: &str, encoding: Encoding) -> Result<ParsedFile, ImportError> {
    let mut import = Import::start(text.to_owned(), encoding)?;
    while !import.step(usize::MAX) {}
    Ok(import.finish())
}

/// An import that can be run a few thousand records at a time, so that a browser stays
/// responsive and can show progress while a large export is read. [`parse`] is this run
/// to the end in one go.
#[derive(Debug)]
pub struct Import {
    text: String,
    encoding: Encoding,
    /// The decoded text holds [`INVALID`] (some bytes were not valid UTF-8).
    has_invalid: bool,
    format: SourceFormat,
    generated: Option<String>,
    header_line: usize,
    delim: u8,
    reader: csv_core::Reader,
    /// Field bytes of the record being read, and where each field ends.
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Byte offset of the next unread line.
    pos: usize,
    /// Physical lines before `pos`.
    line_index: usize,
    data_lines: usize,
    per_year: Vec<PerYearRow>,
    deals: Vec<DealRow>,
    rejected: usize,
    errors: Vec<RowError>,
}

/// How reading one record ended.
enum Record {
    /// `fields` fields (more than [`MAX_FIELDS`] are counted, not kept) ending at `next`.
    Read { fields: usize, next: usize },
    /// A quote opened and not closed (within [`MAX_RECORD_LINES`] lines or before the end).
    Unclosed,
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
                let rest: String = rest.chars().take(80).collect();
                generated = Some(rest.trim().trim_end_matches(';').trim().to_owned());
            }
            if line.len() > MAX_HEADER_BYTES {
                continue;
            }
            for delim in [b',', b';', b'\t'] {
                let fields = split_line(line, delim);
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
            has_invalid: text.contains(INVALID),
            text,
            encoding,
            format,
            generated,
            header_line,
            delim,
            reader: csv_reader(delim),
            out: vec![0; 1024],
            ends: vec![0; 32],
            line_index: header_line,
            data_lines: 0,
            per_year: Vec::new(),
            deals: Vec::new(),
            rejected: 0,
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

    /// Reads up to `max_records` more records; returns true when the file is done.
    pub fn step(&mut self, max_records: usize) -> bool {
        let mut n = 0;
        while n < max_records {
            self.skip_blank_lines();
            if self.pos >= self.text.len() {
                break;
            }
            n += 1;
            self.data_lines += 1;
            let line_no = self.line_index + 1;
            match self.read_record() {
                Record::Read { fields, next } => {
                    self.line_index += count_newlines(&self.text.as_bytes()[self.pos..next]);
                    self.pos = next;
                    if let Err(e) = self.use_record(line_no, fields) {
                        self.reject(e);
                    }
                }
                Record::Unclosed => {
                    // Report it where the quote's record began and go on with the next line.
                    self.reader.reset();
                    let next = next_line(self.text.as_bytes(), self.pos);
                    self.line_index += count_newlines(&self.text.as_bytes()[self.pos..next]);
                    self.pos = next;
                    self.reject(RowError {
                        line: line_no,
                        column: "row",
                        problem: RowProblem::UnclosedQuote,
                    });
                }
            }
        }
        self.pos >= self.text.len()
    }

    fn reject(&mut self, e: RowError) {
        self.rejected += 1;
        if self.errors.len() < MAX_KEPT_ERRORS {
            self.errors.push(e);
        }
    }

    /// Skips empty and whitespace-only lines, which are not records.
    fn skip_blank_lines(&mut self) {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let next = next_line(bytes, self.pos);
            if !bytes[self.pos..next].iter().all(u8::is_ascii_whitespace) {
                break;
            }
            self.line_index += count_newlines(&bytes[self.pos..next]);
            self.pos = next;
        }
    }

    /// Reads one record starting at `self.pos` into `self.out` / `self.ends`, a line at a
    /// time, so that an open quote is given up after [`MAX_RECORD_LINES`] lines.
    fn read_record(&mut self) -> Record {
        let bytes = self.text.as_bytes();
        let (mut nout, mut nend, mut dropped) = (0usize, 0usize, 0usize);
        let mut at = self.pos;
        let mut lines = 0;
        loop {
            let line_end = next_line(bytes, at);
            let mut input = &bytes[at..line_end];
            let at_eof = line_end >= bytes.len();
            lines += 1;
            loop {
                let (res, i, o, e) =
                    self.reader
                        .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
                input = &input[i..];
                nout += o;
                nend += e;
                match res {
                    ReadRecordResult::Record | ReadRecordResult::End => {
                        return Record::Read {
                            fields: dropped + nend,
                            next: line_end - input.len(),
                        }
                    }
                    ReadRecordResult::OutputFull => {
                        let len = self.out.len();
                        self.out.resize(len * 2, 0);
                    }
                    ReadRecordResult::OutputEndsFull => {
                        if self.ends.len() < MAX_FIELDS + 1 {
                            let len = self.ends.len();
                            self.ends.resize(len * 2, 0);
                        } else {
                            // Far too many fields: count them, keep none.
                            dropped += nend;
                            nend = 0;
                            nout = 0;
                        }
                    }
                    ReadRecordResult::InputEmpty if !input.is_empty() => {}
                    ReadRecordResult::InputEmpty if at_eof => {
                        // The end of the file: the record ends here, unless a quote is open.
                        // (csv-core 0.1.13 does not say, and a cloned `Reader` loses its
                        // tables, so the record's bytes are scanned again.)
                        if quote_open(&bytes[self.pos..], self.delim) {
                            return Record::Unclosed;
                        }
                        // Only the final field's end is still to come: ask for it.
                        if nend >= self.ends.len() {
                            let len = self.ends.len();
                            self.ends.resize(len + 1, 0);
                        }
                        let (_, _, _, e) = self.reader.read_record(
                            &[],
                            &mut self.out[nout..],
                            &mut self.ends[nend..],
                        );
                        nend += e;
                        self.reader.reset();
                        return Record::Read {
                            fields: dropped + nend,
                            next: bytes.len(),
                        };
                    }
                    ReadRecordResult::InputEmpty => break,
                }
            }
            if lines >= MAX_RECORD_LINES {
                return Record::Unclosed;
            }
            at = line_end;
        }
    }

    /// Turns the record just read into a row, or says why not.
    fn use_record(&mut self, line_no: usize, found: usize) -> Result<(), RowError> {
        let (expected, names): (usize, &'static [&'static str]) = match self.format {
            SourceFormat::PerDeliveryYear => (PER_YEAR_COLUMNS.len(), &PER_YEAR_COLUMNS),
            SourceFormat::DealRegister => (DEAL_COLUMNS.len(), &DEAL_COLUMNS),
        };
        let row_err = |problem| RowError {
            line: line_no,
            column: "row",
            problem,
        };
        let mut fields: Vec<&str> = Vec::new();
        if found <= MAX_FIELDS {
            let mut start = 0;
            for &end in &self.ends[..found] {
                let end = end.clamp(start, self.out.len());
                // Fields end at ASCII delimiters, so each is whole UTF-8.
                fields.push(std::str::from_utf8(&self.out[start..end]).unwrap_or("\u{1a}"));
                start = end;
            }
        }
        if let Some(last) = fields.last_mut() {
            *last = clean_last_field(last, self.delim);
        }
        // A trailing delimiter (a re-saved file) leaves one empty extra field.
        if fields.len() == expected + 1 && fields.last().is_some_and(|f| f.trim().is_empty()) {
            fields.pop();
        }
        if self.has_invalid {
            if let Some(i) = fields.iter().position(|f| f.contains(INVALID)) {
                let column = if fields.len() == expected {
                    names[i]
                } else {
                    "row"
                };
                return Err(RowError {
                    line: line_no,
                    column,
                    problem: RowProblem::InvalidUtf8,
                });
            }
        }
        let found = if found <= MAX_FIELDS {
            fields.len()
        } else {
            found
        };
        if found != expected {
            return Err(row_err(RowProblem::FieldCount { expected, found }));
        }
        match self.format {
            SourceFormat::PerDeliveryYear => {
                per_year_row(line_no, &fields).map(|r| self.per_year.push(r))
            }
            SourceFormat::DealRegister => deal_row(line_no, &fields).map(|r| self.deals.push(r)),
        }
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
            rejected: self.rejected,
            errors: self.errors,
        }
    }
}

/// Byte offset just past the next `\n` at or after `from` (or the end).
fn next_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |k| from + k + 1)
}

/// Whether a quoted field is still open at the end of `record`, under the rules
/// `csv-core` follows: a quote opens a field only at its start, `""` inside is a quote,
/// and after the closing quote the field goes on unquoted.
fn quote_open(record: &[u8], delim: u8) -> bool {
    #[derive(PartialEq)]
    enum S {
        Start,
        Plain,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::Start;
    for &b in record {
        let boundary = b == delim || b == b'\n';
        s = match s {
            S::Start if b == b'"' => S::Quoted,
            S::Quoted if b == b'"' => S::QuoteInQuoted,
            S::Quoted => S::Quoted,
            S::QuoteInQuoted if b == b'"' => S::Quoted,
            _ if boundary => S::Start,
            _ => S::Plain,
        };
    }
    s == S::Quoted
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
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
