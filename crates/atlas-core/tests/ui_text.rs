//! The UI's words live in the translation tables, not in Rust: every key the app asks for
//! exists in English (and so in French, which `i18n.rs` requires to be complete), and the
//! components (`src/app.rs`, `src/panels`, `src/views`, `src/widgets`, and `src/state`,
//! which loads files and words for them) hold no English text nodes, labels or sentences
//! of their own, except the few listed below on purpose.
//!
//! The scan reads Rust string literals with a small tokenizer (comments, char literals and
//! raw strings handled) and looks at what stands right before and after each one.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use atlas_core::text::catalog;
use atlas_core::text::Locale;

/// One string literal: its text, line, and the source just before and after it.
struct Lit {
    text: String,
    line: usize,
    before: String,
    after: String,
}

fn literals(src: &str) -> Vec<Lit> {
    let b: Vec<char> = src.chars().collect();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    let line_of = |pos: usize| b[..pos].iter().filter(|c| **c == '\n').count() + 1;
    let context = |a: usize, z: usize| {
        let before: String = b[a.saturating_sub(40)..a].iter().collect();
        let after: String = b[z..(z + 3).min(n)].iter().collect();
        (before.trim_end().to_owned(), after.trim_start().to_owned())
    };
    while i < n {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < n && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < n && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if c == '\'' {
            // A char literal ('x', '\n', '\u{202F}') or a lifetime ('a, 'static).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < n && b[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if b.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        let ident_before = i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_');
        if c == 'r' && !ident_before && matches!(next, Some('"') | Some('#')) {
            let mut j = i + 1;
            let mut hashes = 0;
            while j < n && b[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if j < n && b[j] == '"' {
                let start = j + 1;
                let mut k = start;
                loop {
                    if k >= n {
                        break;
                    }
                    if b[k] == '"' && (0..hashes).all(|h| b.get(k + 1 + h) == Some(&'#')) {
                        break;
                    }
                    k += 1;
                }
                let end = (k + 1 + hashes).min(n);
                let (before, after) = context(i, end);
                out.push(Lit {
                    text: b[start..k.min(n)].iter().collect(),
                    line: line_of(i),
                    before,
                    after,
                });
                i = end;
                continue;
            }
        }
        if c == '"' {
            let mut j = i + 1;
            let mut text = String::new();
            while j < n && b[j] != '"' {
                if b[j] == '\\' && j + 1 < n {
                    text.push(b[j]);
                    text.push(b[j + 1]);
                    j += 2;
                    continue;
                }
                text.push(b[j]);
                j += 1;
            }
            let end = (j + 1).min(n);
            let (before, after) = context(i, end);
            out.push(Lit {
                text,
                line: line_of(i),
                before,
                after,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Whether `text` looks like a translation key of one of the tables' namespaces.
fn key_like(text: &str, namespaces: &BTreeSet<String>) -> bool {
    let Some((ns, rest)) = text.split_once('.') else {
        return false;
    };
    namespaces.contains(ns)
        && !rest.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

/// `t("…")`, `tr().t("…")`, `tr.f("…"`, `x.p("…"`: a lookup in the tables (not `get("…")`
/// or `expect("…")`, which also end in `t(`).
fn ends_with_call(before: &str) -> bool {
    if [".t(", ".f(", ".p("].iter().any(|c| before.ends_with(c)) {
        return true;
    }
    before
        .strip_suffix("t(")
        .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// `path:line` of a place in the sources, the path relative to the repository.
fn at(root: &std::path::Path, file: &std::path::Path, line: usize) -> String {
    format!(
        "{}:{line}",
        file.strip_prefix(root).unwrap_or(file).display()
    )
}

#[test]
fn every_key_the_app_uses_is_in_english() {
    let en = catalog(Locale::En);
    let bases: BTreeSet<&str> = en
        .keys()
        .into_iter()
        .map(|k| k.split('#').next().unwrap_or(k))
        .collect();
    let namespaces: BTreeSet<String> = bases
        .iter()
        .filter_map(|k| k.split_once('.').map(|(ns, _)| ns.to_owned()))
        .collect();
    let root = common::repo_root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates/atlas-core/src"), &mut files);
    assert!(files.len() > 20, "found only {} sources", files.len());
    let mut used = 0;
    let mut missing = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).expect("readable source");
        for l in literals(&src) {
            let called = ends_with_call(&l.before);
            if !(called && !l.text.contains('{') || key_like(&l.text, &namespaces)) {
                continue;
            }
            // A call with a literal that is no key at all (`t("…")` of something else)
            // would show its key on the page: it must be a key too.
            used += 1;
            if !bases.contains(l.text.as_str()) {
                missing.push(format!("{}: “{}”", at(&root, f, l.line), l.text));
            }
        }
    }
    assert!(
        used > 300,
        "only {used} key uses found: is the scan still working?"
    );
    assert!(
        missing.is_empty(),
        "keys used but missing from en.tsv:\n{}",
        missing.join("\n")
    );
}

/// English text the components may hold: symbols and abbreviations that read the same in
/// every language, and the address of SIPRI's method page.
const ALLOWED: [&str; 5] = [
    // The CSS font family of the canvases.
    "system-ui, sans-serif",
    "TIV",
    " TIV",
    "sipri.org/databases/armstransfers/sources-and-methods",
    "tick tick-est",
];

/// Attributes whose values are never read by people.
const TECHNICAL_ATTRS: [&str; 34] = [
    "class",
    "data-testid",
    "id",
    "href",
    "type",
    "role",
    "accept",
    "autocomplete",
    "rel",
    "target",
    "viewBox",
    "preserveAspectRatio",
    "d",
    "fill",
    "stroke-dasharray",
    "lang",
    "value",
    "list",
    "name",
    "for",
    "aria-haspopup",
    "aria-controls",
    "aria-labelledby",
    "aria-describedby",
    "aria-modal",
    "aria-live",
    "aria-hidden",
    "maxlength",
    "rows",
    "width",
    "height",
    "rx",
    "x",
    "y",
];

/// Calls whose string arguments are not shown to readers (logs, keys, selectors, storage).
const TECHNICAL_CALLS: [&str; 15] = [
    "match_media(",
    "warn!(",
    "log!(",
    "error!(",
    "expect(",
    "mark(",
    "measure(",
    "mark_once(",
    "query_selector(",
    "get_item(",
    "set_item(",
    "from_str(",
    "closest(",
    "matches(",
    "Reflect::get(&nav,",
];

/// Text a reader would see: a literal next to a tag (`>"Download"<`), the value of a
/// reader-facing attribute (`aria-label="Close"`), or prose anywhere (two words).
fn suspicious(l: &Lit) -> bool {
    let text = l.text.as_str();
    let has_word = |t: &str| {
        t.chars()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
    };
    // Two words in a row: "Close the deal", "2 of 5 deals" (but not "col-{}" or "a.b").
    let prose = {
        let words: Vec<&str> = text.split(' ').collect();
        words.windows(2).any(|w| {
            w[0].chars().filter(char::is_ascii_alphabetic).count() >= 2
                && w[1].starts_with(|c: char| c.is_ascii_alphabetic() || c == '(' || c == '“')
        })
    };
    let node = (l.before.ends_with('>') && !l.before.ends_with("=>"))
        || l.after.starts_with('<')
        || (l.before.ends_with('}') && l.after.starts_with('{'));
    let attr = ["aria-label=", "title=", "placeholder=", "alt="]
        .iter()
        .any(|a| l.before.ends_with(a));
    prose || (node || attr) && has_word(text)
}

#[test]
fn components_hold_no_english_of_their_own() {
    let root = common::repo_root();
    let mut files = Vec::new();
    files.push(root.join("src/app.rs"));
    for dir in ["src/panels", "src/views", "src/widgets", "src/state"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 10, "found only {} components", files.len());
    let mut found = Vec::new();
    let mut seen = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).expect("readable source");
        for l in literals(&src) {
            seen += 1;
            let technical_attr = TECHNICAL_ATTRS
                .iter()
                .any(|a| l.before.ends_with(&format!("{a}=")));
            let technical_call =
                TECHNICAL_CALLS.iter().any(|c| l.before.ends_with(c)) || ends_with_call(&l.before);
            if technical_attr || technical_call || ALLOWED.contains(&l.text.as_str()) {
                continue;
            }
            if suspicious(&l) {
                found.push(format!("{}: {:?}", at(&root, f, l.line), l.text));
            }
        }
    }
    assert!(
        seen > 500,
        "only {seen} literals read: is the tokenizer broken?"
    );
    assert!(
        found.is_empty(),
        "English text in components (move it to crates/atlas-core/locales/en.tsv and fr.tsv, \
         or allow it in this test with a reason):\n{}",
        found.join("\n")
    );
}

/// The scan itself: it finds what it should, and not what it should not.
#[test]
fn the_scan_tells_text_from_code() {
    let src = r##"
        view! { <button on:click=go>"Close ✕"</button> }
        view! { <p class="note" title="Hatched bars">{t("a.b")}" of "{n}</p> }
        let msg = format!("No deal matches “{}”.", q);
        // "A comment is not text"
        match key { "Escape" => close(), "ArrowUp" => up(), _ => {} }
        leptos::logging::warn!("timeline drawing failed: {e:?}");
        let c = '"'; let s = "col-{}";
        let r = r#"raw "quoted" text"#;
    "##;
    let lits = literals(src);
    let flagged: Vec<&str> = lits
        .iter()
        .filter(|l| {
            !TECHNICAL_ATTRS
                .iter()
                .any(|a| l.before.ends_with(&format!("{a}=")))
                && !TECHNICAL_CALLS.iter().any(|c| l.before.ends_with(c))
                && suspicious(l)
        })
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        flagged,
        [
            "Close ✕",
            "Hatched bars",
            " of ",
            "No deal matches “{}”.",
            "raw \"quoted\" text"
        ]
    );
    assert!(lits.iter().all(|l| l.text != "A comment is not text"));
    assert!(lits.iter().any(|l| l.text == "col-{}"));
}
