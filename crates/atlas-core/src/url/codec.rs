//! Percent-encoding of query values and URL paths: one encoder, one decoder (the app's
//! links and `cargo xtask serve` both use it). Uses nothing else of the crate.

/// Longest value of one query parameter that is kept, in characters.
pub(crate) const MAX_VALUE: usize = 200;

/// Percent-encodes everything but unreserved characters and a few that read well.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'*'
            | b'('
            | b')'
            | b'\'' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `+` and `%XX`; invalid escapes are kept as typed; invalid UTF-8 is replaced.
pub fn decode_component(s: &str) -> String {
    let bytes = percent_decode(s, true, false).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Decodes the `%XX` escapes of a URL path (`+` stays a plus); `None` for an invalid
/// escape or text that is not UTF-8, which a server should refuse.
pub fn decode_path(s: &str) -> Option<String> {
    String::from_utf8(percent_decode(s, false, true)?).ok()
}

/// The one percent-decoder: `%XX` to its byte, and `+` to a space in a query (`plus`).
/// An escape that is not two hex digits is kept as typed, or is `None` when `strict`.
fn percent_decode(s: &str, plus: bool, strict: bool) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' if plus => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None if strict => return None,
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    Some(out)
}
