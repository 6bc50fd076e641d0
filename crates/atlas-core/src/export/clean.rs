//! Hostile text out of every export: control, bidirectional formatting and invisible
//! characters removed (they can reorder the text around a name), and what XML 1.0 forbids.
//! The rule itself lives in [`crate::clean`], shared with everything else shown to readers.

pub use crate::clean::cell_text as clean_cell;
pub(crate) use crate::clean::is_hidden;

/// Whether XML 1.0 allows `c` in text.
pub(crate) fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for a figure: one line, without control, bidirectional formatting or invisible
/// characters (line breaks and tabs become spaces), trimmed.
pub(crate) fn clean_line(s: &str) -> String {
    crate::clean::plain_text(s)
}
