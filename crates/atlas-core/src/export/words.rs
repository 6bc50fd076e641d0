//! The fixed English of downloads: the provenance lines every export carries, the CSV
//! titles, band names and file names. They stay machine-readable English whatever the
//! reader's language (figures speak it; see `text`), so this is the one place in the
//! crate with English sentences built outside the translation tables.

use crate::analysis::aggregate::{SeriesKey, StackBy};
use crate::analysis::filter::{Filter, YearRange};
use crate::model::{Category, Dataset, EntityId};
use crate::store::bundle::Bundle;

/// Says what TIV is, on every export.
pub const TIV_NOTE: &str = "Figures in SIPRI TIV (millions): a volume index, not dollars.";
/// Says whose the totals are, on every export.
pub const OURS_NOTE: &str = "Totals calculated by Arms Atlas, not by SIPRI.";

/// Where an export's numbers come from; every export prints all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// "Information from the SIPRI Arms Transfers Database".
    pub credit: String,
    /// SIPRI's address for the database.
    pub source_url: String,
    /// The filter in words with its years, from [`filter_words`].
    pub filter: String,
    /// The link that reproduces the view.
    pub link: String,
    /// The data behind it, from [`data_words`].
    pub data: String,
    /// When the export was made, e.g. `2026-11-28` (passed in: no clock here).
    pub generated: String,
}

impl Provenance {
    /// The lines every export carries, in order.
    pub fn lines(&self) -> Vec<String> {
        vec![
            format!("{}, {}", self.credit, self.source_url),
            format!("{TIV_NOTE} {OURS_NOTE}"),
            format!("Filter: {}", self.filter),
            format!("Link: {}", self.link),
            format!("Data: {}", self.data),
            format!("Generated: {} with Arms Atlas", self.generated),
        ]
    }
}

/// The filter in words with its years: "Arms deliveries to Myanmar, 1990–2024".
pub fn filter_words(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    format!(
        "{}, {}",
        filter_phrase(ds, f, "Arms deliveries", "Deliveries of"),
        year_span(years)
    )
}

/// The data in words: what the dataset is, the SIPRI releases it holds with their years,
/// and its identity in links (`data_id`).
pub fn data_words(b: &Bundle, data_id: &str) -> String {
    let releases: Vec<String> = b
        .dataset
        .releases
        .iter()
        .map(|r| {
            let span = if r.first_year == r.last_year {
                r.first_year.to_string()
            } else {
                format!("{}–{}", r.first_year, r.last_year)
            };
            format!("{} release (delivery years {span})", r.year)
        })
        .collect();
    let releases = if releases.is_empty() {
        "no SIPRI release recorded".to_owned()
    } else {
        format!("SIPRI {}", releases.join(", "))
    };
    format!("{}; {releases}; data {data_id}", b.meta.title)
}

// ---------------------------------------------------------------- file names

/// Lowercase ASCII letters and digits, everything else one `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// A download's file name, e.g. `arms-atlas_timeline_to-myanmar_1990-2024.svg`: only
/// `[a-z0-9._-]`, at most about 120 characters.
pub fn file_name(view: &str, ds: &Dataset, f: &Filter, years: YearRange, ext: &str) -> String {
    let names = |v: Vec<String>| -> String {
        let n = v.len();
        let mut s: Vec<String> = v.into_iter().take(3).collect();
        if n > 3 {
            s.push(format!("{} more", n - 3));
        }
        s.join(" and ")
    };
    let mut parts: Vec<String> = Vec::new();
    if !f.systems.is_empty() {
        parts.push(names(
            f.systems.iter().map(|s| ds.str(*s).to_owned()).collect(),
        ));
    } else if !f.categories.is_empty() {
        parts.push(names(
            f.categories.iter().map(|c| c.name().to_owned()).collect(),
        ));
    }
    let ent = |ids: &[EntityId]| {
        names(
            ids.iter()
                .map(|e| ds.entity(*e).label().to_owned())
                .collect(),
        )
    };
    if !f.suppliers.is_empty() {
        parts.push(format!("from {}", ent(&f.suppliers)));
    }
    if !f.recipients.is_empty() {
        parts.push(format!("to {}", ent(&f.recipients)));
    }
    if !f.text.trim().is_empty() {
        parts.push(format!("matching {}", f.text.trim()));
    }
    let mut s = slug(&parts.join(" "));
    if s.len() > 80 {
        s.truncate(80);
        if let Some(i) = s.rfind('-') {
            s.truncate(i);
        }
    }
    if s.is_empty() {
        s = "all".to_owned();
    }
    format!(
        "arms-atlas_{}_{s}_{}-{}.{}",
        slug(view),
        years.from(),
        years.to(),
        slug(ext)
    )
}

/// A timeline band's name.
pub fn band_label(ds: &Dataset, k: SeriesKey) -> String {
    match k {
        SeriesKey::Entity(e) => ds.entity(e).label().to_owned(),
        SeriesKey::Category(c) => c.name().to_owned(),
        SeriesKey::Other => "Other".to_owned(),
    }
}

/// `1990–2024` or `2021`.
pub fn year_span(r: YearRange) -> String {
    if r.from() == r.to() {
        r.from().to_string()
    } else {
        format!("{}–{}", r.from(), r.to())
    }
}

/// The filter in plain words, without years: `all` names everything ("Arms deliveries"),
/// `of` starts a narrower subject ("Deliveries of" aircraft). Every view's title uses it.
pub(crate) fn filter_phrase(ds: &Dataset, f: &Filter, all: &str, of: &str) -> String {
    let mut t = all.to_owned();
    if !f.systems.is_empty() {
        let sys: Vec<&str> = f.systems.iter().map(|s| ds.str(*s)).collect();
        t = format!("{of} {}", sys.join(", "));
    } else if !f.categories.is_empty() {
        let cats: Vec<&str> = f.categories.iter().map(|c: &Category| c.name()).collect();
        t = format!("{of} {}", cats.join(", ").to_lowercase());
    }
    if !f.suppliers.is_empty() {
        t.push_str(" from ");
        t.push_str(&entity_names(ds, &f.suppliers));
    }
    if !f.recipients.is_empty() {
        t.push_str(" to ");
        t.push_str(&entity_names(ds, &f.recipients));
    }
    if !f.text.trim().is_empty() {
        t.push_str(&format!(" matching “{}”", f.text.trim()));
    }
    t
}

/// The timeline's title in plain language, e.g.
/// "Arms deliveries from Russia to Myanmar by category, 2000–2024, SIPRI TIV".
pub fn timeline_title(ds: &Dataset, f: &Filter, years: YearRange, by: StackBy) -> String {
    let t = filter_phrase(ds, f, "Arms deliveries", "Deliveries of");
    let by = match by {
        StackBy::Supplier => "supplier",
        StackBy::Recipient => "recipient",
        StackBy::Category => "category",
    };
    format!("{t} by {by}, {}, SIPRI TIV", year_span(years))
}

/// The map's title in plain language, e.g. "Arms flows to Myanmar, 1990–2024, SIPRI TIV".
pub fn flowmap_title(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let t = filter_phrase(ds, f, "Arms flows", "Flows of");
    format!("{t}, {}, SIPRI TIV", year_span(years))
}

/// The view's title: "Rankings: arms deliveries to Myanmar, 1990–2024, SIPRI TIV".
pub fn rankings_title(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    format!(
        "Rankings: {}, {}, SIPRI TIV",
        FilterWords::new(ds, f).deliveries(),
        year_span(years)
    )
}

/// The parts of a plain-language description of the filter (without years), shared by
/// the titles of the register and the rankings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterWords {
    /// `Yak-130`, `aircraft`, or empty.
    pub what: String,
    /// ` from Russia`, or empty.
    pub from: String,
    /// ` to Myanmar`, or empty.
    pub to: String,
    /// ` matching “radar”`, or empty.
    pub matching: String,
}

impl FilterWords {
    /// Describes `f` in words.
    pub fn new(ds: &Dataset, f: &Filter) -> FilterWords {
        let what = if !f.systems.is_empty() {
            f.systems
                .iter()
                .map(|s| ds.str(*s))
                .collect::<Vec<_>>()
                .join(", ")
        } else if !f.categories.is_empty() {
            f.categories
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
                .to_lowercase()
        } else {
            String::new()
        };
        let side = |prefix: &str, ids: &[EntityId]| {
            if ids.is_empty() {
                String::new()
            } else {
                format!(" {prefix} {}", entity_names(ds, ids))
            }
        };
        FilterWords {
            what,
            from: side("from", &f.suppliers),
            to: side("to", &f.recipients),
            matching: if f.text.trim().is_empty() {
                String::new()
            } else {
                format!(" matching “{}”", f.text.trim())
            },
        }
    }

    /// `arms deliveries from Russia to Myanmar`, `deliveries of Yak-130 to Myanmar`.
    pub fn deliveries(&self) -> String {
        let base = if self.what.is_empty() {
            "arms deliveries".to_owned()
        } else {
            format!("deliveries of {}", self.what)
        };
        format!("{base}{}{}{}", self.from, self.to, self.matching)
    }
}

/// The register's title, e.g. "Deal register: arms deliveries to Myanmar, 1990–2024".
pub fn register_title(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    format!(
        "Deal register: {}, {}",
        FilterWords::new(ds, f).deliveries(),
        year_span(years)
    )
}

/// Entity labels in English words: "Russia", "Russia and China", "Russia, China and 3
/// others".
fn entity_names(ds: &Dataset, ids: &[EntityId]) -> String {
    let labels: Vec<&str> = ids.iter().map(|id| ds.entity(*id).label()).collect();
    match labels.len() {
        0 => String::new(),
        1 => labels[0].to_owned(),
        2 => format!("{} and {}", labels[0], labels[1]),
        n => format!("{}, {} and {} others", labels[0], labels[1], n - 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Côte d'Ivoire <script>"), "c-te-d-ivoire-script");
        assert_eq!(slug("--"), "");
    }
}
