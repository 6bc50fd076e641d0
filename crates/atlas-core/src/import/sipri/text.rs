//! From bytes to lines and fields: text encodings, the release date, CSV fields.

use std::borrow::Cow;

use super::types::{Encoding, ImportError};
use crate::model::{SourceFormat, MAX_YEAR, MIN_YEAR};

/// Stands in for every byte sequence that is not valid in the file's encoding. It is a
/// control character (SUB, "substitute"), and a file holding control characters is refused
/// as binary before decoding, so in decoded text it can only mean "invalid bytes here":
/// the row holding it is rejected with [`RowProblem::InvalidUtf8`](super::RowProblem).
pub(crate) const INVALID: char = '\u{1a}';

/// Decodes a file's bytes, deciding the encoding honestly:
/// * UTF-16LE when the file starts with its BOM (a spreadsheet's "Unicode text");
/// * UTF-8 (with or without BOM) when the bytes are valid UTF-8;
/// * UTF-8 as well when the file holds valid multi-byte UTF-8 *and* some invalid bytes
///   (a UTF-8 file cut or damaged): each invalid sequence becomes [`INVALID`], so only
///   the rows holding one are rejected and every other row keeps its accents;
/// * latin-1 (ISO-8859-1) only when bytes above 0x7F occur but none of them forms a
///   UTF-8 sequence, as in SIPRI's trade register.
///
/// Control bytes other than tab, CR and LF mean the file is not text.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16le(rest).map(|t| (Cow::Owned(t), Encoding::Utf16Le));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(offset) = body
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
    {
        return Err(ImportError::Binary { offset });
    }
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok((Cow::Borrowed(s), Encoding::Utf8));
    }
    let has_utf8_sequence = body
        .utf8_chunks()
        .any(|c| c.valid().bytes().any(|b| b >= 0x80));
    if !has_utf8_sequence {
        return Ok((
            Cow::Owned(body.iter().map(|&b| b as char).collect()),
            Encoding::Latin1,
        ));
    }
    let mut text = String::with_capacity(body.len());
    for chunk in body.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(INVALID);
        }
    }
    Ok((Cow::Owned(text), Encoding::Utf8))
}

/// UTF-16LE after its BOM; unpaired surrogates and an odd last byte become [`INVALID`].
fn decode_utf16le(rest: &[u8]) -> Result<String, ImportError> {
    let units = rest
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]));
    let mut text = String::with_capacity(rest.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) if is_junk_char(c) => return Err(ImportError::Binary { offset: 2 + 2 * i }),
            Ok(c) => text.push(c),
            Err(_) => text.push(INVALID),
        }
    }
    if rest.len() % 2 == 1 {
        text.push(INVALID);
    }
    Ok(text)
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

/// A CSV reader for `delim`: RFC 4180 quotes (`"a,b"`, `""` for a quote, line breaks
/// inside quotes), records ended by LF only. A CR before the LF stays in the last field
/// and is removed by [`clean_last_field`], so a lone CR never splits a line.
pub(super) fn csv_reader(delim: u8) -> csv_core::Reader {
    csv_core::ReaderBuilder::new()
        .delimiter(delim)
        .terminator(csv_core::Terminator::Any(b'\n'))
        .build()
}

/// Splits one line (no line break in it) into fields, for finding the header.
pub(super) fn split_line(line: &str, delim: u8) -> Vec<String> {
    if !line.contains('"') {
        // No quotes (every SIPRI line): a plain split, without building a CSV reader.
        let mut fields: Vec<String> = line.split(char::from(delim)).map(str::to_owned).collect();
        if let Some(last) = fields.last_mut() {
            let cleaned = clean_last_field(last, delim).len();
            last.truncate(cleaned);
        }
        return fields;
    }
    let mut reader = csv_reader(delim);
    let mut out = vec![0u8; line.len() + 1];
    let mut ends = vec![0usize; line.len() + 2];
    let mut input = line.as_bytes();
    let (mut nout, mut nend) = (0, 0);
    loop {
        let (res, i, o, e) = reader.read_record(input, &mut out[nout..], &mut ends[nend..]);
        input = &input[i..];
        nout += o;
        nend += e;
        // The buffers are larger than the line, so only these two can happen.
        if matches!(
            res,
            csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End
        ) || (input.is_empty() && i == 0 && o == 0 && e == 0)
        {
            break;
        }
    }
    let mut fields = Vec::with_capacity(nend);
    let mut start = 0;
    for &end in &ends[..nend] {
        let end = end.min(nout);
        fields.push(String::from_utf8_lossy(&out[start.min(end)..end]).into_owned());
        start = end;
    }
    if let Some(last) = fields.last_mut() {
        let cleaned = clean_last_field(last, delim).len();
        last.truncate(cleaned);
    }
    fields
}

/// Strips the CR of a CRLF ending and the one stray `;` that re-saved SIPRI files put at
/// the end of every line (kept by a spreadsheet's tab-delimited save as well). With `;`
/// as the delimiter that stray `;` is an empty extra field instead, dropped by the caller.
pub(super) fn clean_last_field(field: &str, delim: u8) -> &str {
    let field = field.strip_suffix('\r').unwrap_or(field);
    if delim == b';' {
        field
    } else {
        field.strip_suffix(';').unwrap_or(field)
    }
}

pub(super) fn header_format(fields: &[String]) -> Option<SourceFormat> {
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
