//! From bytes to lines and fields: text encodings, the release date, CSV splitting.

use std::borrow::Cow;

use super::types::{Encoding, ImportError, RowProblem};
use crate::model::{SourceFormat, MAX_YEAR, MIN_YEAR};

/// Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16LE with BOM (what a
/// spreadsheet's "Unicode text" gives), else latin-1, which SIPRI's trade register uses.
/// Control bytes other than tab, CR and LF mean the file is not text.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ImportError> {
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
pub(crate) fn split_fields(line: &str, delim: u8) -> Result<Vec<Cow<'_, str>>, RowProblem> {
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
pub(super) fn clean_line(line: &str, delim: u8) -> &str {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if delim == b',' {
        line.strip_suffix(';').unwrap_or(line)
    } else {
        line
    }
}

pub(super) fn header_format(fields: &[Cow<'_, str>]) -> Option<SourceFormat> {
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
