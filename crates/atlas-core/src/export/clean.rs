//! Hostile text out of every export: control and bidirectional formatting characters
//! removed (they can reorder the text around a name), and what XML 1.0 forbids.

/// Bidirectional formatting characters: marks, embeddings, overrides and isolates.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether XML 1.0 allows `c` in text.
pub(crate) fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for a figure: one line, without control or bidirectional formatting characters
/// (line breaks and tabs become spaces).
pub(crate) fn clean_line(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                Some(' ')
            } else if c.is_control() || is_bidi_control(c) {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// Text for a CSV cell: control and bidirectional formatting characters removed, line
/// breaks and tabs kept (quoting carries them).
pub fn clean_cell(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || is_bidi_control(c)))
        .collect()
}
