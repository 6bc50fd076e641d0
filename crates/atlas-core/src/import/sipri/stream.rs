//! The import itself, a few thousand lines at a time: header, then rows.

use super::rows::{deal_row, per_year_row, short};
use super::text::{clean_line, decode_text, header_format, release_from_generated, split_fields};
use super::types::{
    check_size, DealRow, Encoding, ImportError, ParsedFile, PerYearRow, RowError, RowProblem, Rows,
    DEAL_COLUMNS, HEADER_SEARCH_LINES, PER_YEAR_COLUMNS,
};
use crate::model::SourceFormat;

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
