//! Text from outside the app (a link's parameters, a CSV the reader loads, an annotation
//! file) is data, never markup or layout. This is the one place that makes it so: the
//! sanitiser every such text passes before a reader sees it ([`plain_text`]), and the one
//! CSV cell writer every download uses ([`csv_field`], with its formula guard). A leaf: it
//! uses nothing of the crate, so every layer may use it (issue #15).
//!
//! What [`plain_text`] removes, and why:
//!
//! * C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F). Tab, CR and LF become a
//!   space: the texts it cleans are one line (a title, a name, a label).
//! * Bidirectional formatting characters: U+061C (Arabic letter mark), U+200E–U+200F
//!   (marks), U+202A–U+202E (embeddings and overrides), U+2066–U+2069 (isolates). An
//!   override makes `\u{202E}aissuR morf\u{202C}` display as "from Russia": the text would read
//!   differently from what it is.
//! * Invisible characters: U+200B–U+200D (zero-width space, non-joiner, joiner), U+2060–U+2064
//!   (word joiner and invisible operators), U+FEFF (zero-width no-break space, a stray byte
//!   order mark), U+180E (Mongolian vowel separator, formerly a space) and U+00AD (soft
//!   hyphen). They make two names that look the same compare different ("Rus\u{AD}sia" is
//!   not "Russia") and hide text inside a label. The cost, accepted: Persian or Indic text
//!   loses its zero-width joiners, which changes how letters join, never which letters
//!   they are; SIPRI writes names in English.
//! * U+2028 and U+2029 (line and paragraph separators) become a space, like a line break.
//!
//! The result is trimmed.

/// True for the characters [`plain_text`] drops: controls other than whitespace, bidi
/// formatting characters and invisible ones (see the module docs).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// True for the characters that break a line: tab, CR, LF and the Unicode line and
/// paragraph separators.
fn is_line_break(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Text from outside the app, made safe to show: one line, without control, bidi
/// formatting or invisible characters (see the module docs), trimmed.
pub fn plain_text(s: &str) -> String {
    if !s.chars().any(|c| is_hidden(c) || is_line_break(c)) {
        return s.trim().to_owned();
    }
    let out: String = s
        .chars()
        .filter(|&c| !is_hidden(c))
        .map(|c| if is_line_break(c) { ' ' } else { c })
        .collect();
    out.trim().to_owned()
}

/// Text for a CSV cell: as [`plain_text`] but keeping tabs and line breaks (quoting
/// carries them) and the spaces around it.
pub fn cell_text(s: &str) -> String {
    s.chars().filter(|&c| !is_hidden(c)).collect()
}

/// True for a first character that makes a spreadsheet evaluate the cell.
pub fn formula_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// The value of a CSV cell, whatever its source, before any quoting: cleaned
/// ([`cell_text`]) and guarded against formula injection (a cell starting with `=`, `+`,
/// `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet shows it as text).
pub fn formula_safe(s: &str) -> String {
    let mut v = cell_text(s);
    if v.starts_with(formula_trigger) {
        v.insert(0, '\'');
    }
    v
}

/// One CSV field: [`formula_safe`], then quoted when RFC 4180 needs it (or when it starts
/// with `#`, which readers would take for a comment line, or with or ends with a space).
pub fn csv_field(s: &str) -> String {
    let v = formula_safe(s);
    let quote = v.contains([',', '"', '\r', '\n'])
        || v.starts_with('#')
        || v.starts_with(' ')
        || v.ends_with(' ');
    if quote {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// Undoes [`csv_field`]'s formula guard on a parsed value (for comparing with the source).
pub fn unguard(v: &str) -> &str {
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(formula_trigger) => rest,
        _ => v,
    }
}
