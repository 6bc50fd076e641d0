//! The UI's words, keyed by id, in one plain file per language
//! (`crates/atlas-core/locales/<tag>.tsv`), compiled into the binary.
//!
//! File format, meant for translators: one entry per line, `key<TAB>text`; lines that are
//! empty or start with `#` are comments. Placeholders in braces (`{count}`, `{name}`) are
//! filled by the app and must be kept as they are (they may move within the sentence).
//! A phrase with a count has one line per CLDR plural category, `key#one`, `key#few`,
//! `key#many`, `key#other` (see [`crate::text::plural`]); English needs `one` and `other`.
//! A key missing from a language falls back to English, then to the key itself.
//!
//! Country names are entries too: `country.MMR<TAB>Myanmar (Birmanie)`, keyed by ISO 3166-1
//! alpha-3, in a block at the end of each non-English table that `cargo xtask countries`
//! writes from CLDR (see [`crate::text::names`] for which SIPRI names use them).
//!
//! English is compiled in everywhere. In the browser the other tables are not: the page
//! fetches the reader's table ([`install`]) and shows English until it has arrived, which
//! keeps about 60 KB of text out of the wasm for the readers who never need it. Native
//! builds (tests, tools) compile every table in.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::Tiv;
use crate::text::number;
use crate::text::plural::{count_category, PluralCategory};
use crate::text::Locale;

/// The raw text of a language's table, where it is compiled in: English always, the
/// others only outside the browser (the browser fetches them: [`install`]).
fn builtin_source(l: Locale) -> Option<&'static str> {
    match l {
        Locale::En => Some(include_str!("../../locales/en.tsv")),
        #[cfg(not(target_arch = "wasm32"))]
        Locale::Fr => Some(include_str!("../../locales/fr.tsv")),
        #[cfg(not(target_arch = "wasm32"))]
        Locale::De => Some(include_str!("../../locales/de.tsv")),
        #[cfg(not(target_arch = "wasm32"))]
        Locale::Ru => Some(include_str!("../../locales/ru.tsv")),
        #[cfg(target_arch = "wasm32")]
        _ => None,
    }
}

/// The key prefix of a country name: `country.MMR`.
const COUNTRY: &str = "country.";

/// One language's table, parsed.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: HashMap<&'static str, &'static str>,
    /// Country names by ISO 3166-1 alpha-3 (`country.` keys, kept apart from the UI's).
    countries: HashMap<&'static str, &'static str>,
    /// Lines that could not be read (`line N: why`); a test requires none.
    pub problems: Vec<String>,
}

impl Catalog {
    /// Parses a table. Never fails: bad lines are listed in [`Catalog::problems`].
    pub fn parse(src: &'static str) -> Catalog {
        let mut c = Catalog::default();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, text)) = line.split_once('\t') else {
                c.problems
                    .push(format!("line {}: no tab between key and text", n + 1));
                continue;
            };
            let key = key.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                c.problems.push(format!("line {}: bad key “{key}”", n + 1));
                continue;
            }
            if let Some((_, form)) = key.split_once('#') {
                if PluralCategory::parse(form).is_none() {
                    c.problems
                        .push(format!("line {}: unknown plural form “{form}”", n + 1));
                    continue;
                }
            }
            if let Some(iso3) = key.strip_prefix(COUNTRY) {
                let ok = iso3.len() == 3 && iso3.bytes().all(|b| b.is_ascii_uppercase());
                if !ok || text.trim().is_empty() {
                    c.problems
                        .push(format!("line {}: bad country entry “{key}”", n + 1));
                } else if c.countries.insert(iso3, text).is_some() {
                    c.problems.push(format!("line {}: “{key}” again", n + 1));
                }
                continue;
            }
            if c.entries.insert(key, text).is_some() {
                c.problems.push(format!("line {}: “{key}” again", n + 1));
            }
        }
        c
    }

    /// The text of a key, if this table has it.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.entries.get(key).copied()
    }

    /// The name of the country with ISO 3166-1 alpha-3 code `iso3`, if this table has it.
    pub fn country(&self, iso3: &str) -> Option<&'static str> {
        self.countries.get(iso3).copied()
    }

    /// Every country code with a name, sorted.
    pub fn country_codes(&self) -> Vec<&'static str> {
        let mut k: Vec<&'static str> = self.countries.keys().copied().collect();
        k.sort_unstable();
        k
    }

    /// Every key (country names aside), sorted.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut k: Vec<&'static str> = self.entries.keys().copied().collect();
        k.sort_unstable();
        k
    }
}

/// The placeholders of a text, sorted and without repeats: `{count} of {name}` →
/// `["count", "name"]`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

static TABLES: [OnceLock<Catalog>; 4] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];

fn slot(l: Locale) -> &'static OnceLock<Catalog> {
    &TABLES[Locale::ALL.iter().position(|x| *x == l).unwrap_or(0)]
}

/// The parsed table of a language (parsed once). A table the browser has not fetched yet
/// is empty: every key then falls back to English.
pub fn catalog(l: Locale) -> &'static Catalog {
    static EMPTY: OnceLock<Catalog> = OnceLock::new();
    let slot = slot(l);
    if let Some(c) = slot.get() {
        return c;
    }
    match builtin_source(l) {
        Some(src) => slot.get_or_init(|| Catalog::parse(src)),
        None => EMPTY.get_or_init(Catalog::default),
    }
}

/// True when the table of `l` is there to use: compiled in, or fetched and installed.
pub fn is_available(l: Locale) -> bool {
    slot(l).get().is_some() || builtin_source(l).is_some()
}

/// Installs a language's table fetched at run time (the text of `locales/<tag>.tsv`).
/// The first table of a language stays: a second call changes nothing. Returns the
/// problems of the text's lines (none for the tables shipped; a test checks them). The
/// text lives as long as the page, as compiled-in tables do (at most one per language).
pub fn install(l: Locale, text: String) -> Vec<String> {
    let slot = slot(l);
    if slot.get().is_some() || builtin_source(l).is_some() {
        return Vec::new();
    }
    let text: &'static str = Box::leak(text.into_boxed_str());
    let c = Catalog::parse(text);
    let problems = c.problems.clone();
    let _ = slot.set(c);
    problems
}

/// Fills `{name}` placeholders; unknown ones stay as written.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Translation and formatting for one locale: what every component asks for words and
/// numbers. `Copy`, so closures can hold it.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub locale: Locale,
    own: &'static Catalog,
    en: &'static Catalog,
}

impl Tr {
    pub fn new(locale: Locale) -> Tr {
        Tr {
            locale,
            own: catalog(locale),
            en: catalog(Locale::En),
        }
    }

    /// This language's own table (empty in the browser until it has arrived).
    pub(crate) fn own_catalog(&self) -> &'static Catalog {
        self.own
    }

    /// True when this language's own table has the key (no fallback).
    pub fn has_own(&self, key: &str) -> bool {
        self.own.get(key).is_some()
    }

    /// The text of `key`: this language's, else English, else the key itself (so that a
    /// missing entry shows up plainly instead of as a blank).
    pub fn t(&self, key: &'static str) -> &'static str {
        self.own
            .get(key)
            .or_else(|| self.en.get(key))
            .unwrap_or(key)
    }

    /// The text of `key` with placeholders filled.
    pub fn f(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }

    /// A counted phrase: the form of `key` for `n` in this language (`key#few`…), with
    /// `{count}` set to `n` formatted for the locale, and the other placeholders filled.
    /// A missing form falls back to `#other`, then to the English phrase.
    pub fn p(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let count = number::format_int(self.locale, n.min(i64::MAX as u64) as i64);
        let form = |c: &Catalog, cat: PluralCategory| {
            c.get(&format!("{key}#{}", cat.name()))
                .or_else(|| c.get(&format!("{key}#other")))
        };
        let text = form(self.own, count_category(self.locale, n))
            .or_else(|| form(self.en, count_category(Locale::En, n)))
            .unwrap_or(key);
        let mut all: Vec<(&str, &str)> = vec![("count", count.as_str())];
        all.extend_from_slice(args);
        fill(text, &all)
    }

    /// An integer, grouped for the locale.
    pub fn int(&self, n: i64) -> String {
        number::format_int(self.locale, n)
    }

    /// A decimal number with `decimals` digits.
    pub fn num(&self, x: f64, decimals: usize) -> String {
        number::format_decimal(self.locale, x, decimals)
    }

    /// Millions of TIV for a label.
    pub fn tiv(&self, t: Tiv) -> String {
        number::format_tiv(self.locale, t)
    }

    /// `part` as a whole percentage of `whole`.
    pub fn share(&self, part: i64, whole: i64) -> String {
        number::format_share(self.locale, part, whole)
    }

    /// A fraction as a whole percentage (`0.43` → `43%`).
    pub fn fraction(&self, f: f64) -> String {
        number::format_fraction(self.locale, f)
    }

    /// A percentage given in percent.
    pub(crate) fn pct(&self, percent: f64, decimals: usize) -> String {
        number::format_percent(self.locale, percent, decimals)
    }

    /// A range of years, `1990–2024`.
    pub fn years(&self, from: u16, to: u16) -> String {
        number::format_year_range(self.locale, from, to)
    }

    /// An armament category's name in this language (SIPRI's English name as fallback).
    pub fn category(&self, c: crate::model::Category) -> &'static str {
        let key = category_key(c);
        self.own
            .get(key)
            .or_else(|| self.en.get(key))
            .unwrap_or(c.name())
    }
}

/// The table key of an armament category's name, e.g. `cat.air_defence`.
pub(crate) fn category_key(c: crate::model::Category) -> &'static str {
    use crate::model::Category::*;
    match c {
        Aircraft => "cat.aircraft",
        AirDefence => "cat.air_defence",
        ArmouredVehicles => "cat.armoured_vehicles",
        Artillery => "cat.artillery",
        Engines => "cat.engines",
        Missiles => "cat.missiles",
        NavalWeapons => "cat.naval_weapons",
        Other => "cat.other",
        Satellites => "cat.satellites",
        Sensors => "cat.sensors",
        Ships => "cat.ships",
        Unspecified => "cat.unspecified",
    }
}
