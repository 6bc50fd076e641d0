//! The URL is the filter's source of truth: every filter and view choice lives in the
//! query string, in readable words, e.g.
//! `?recipient=Myanmar&supplier=Russia&years=1990-2024&stack=category`.
//!
//! Two steps, both pure: [`parse_query`] turns text into a [`UrlState`] of names (never
//! failing: what it cannot read becomes a [`QueryIssue`] and falls back to the default
//! for that part only), and [`UrlState::resolve`] turns names into ids of one dataset
//! (names the dataset lacks become issues too). [`UrlState::to_query`] writes it back;
//! the pair round-trips (property-tested).

pub mod embed;

use crate::analysis::aggregate::StackBy;
use crate::analysis::filter::{Filter, YearRange};
use crate::model::{Category, Dataset};
use crate::text::{Locale, Tr};

/// Filter and view choices as names, before they meet a dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    pub suppliers: Vec<String>,
    pub recipients: Vec<String>,
    pub categories: Vec<String>,
    pub systems: Vec<String>,
    pub text: String,
    pub years: Option<(u16, u16)>,
    pub stack: StackBy,
    /// The view an embed shows (`map`, `timeline`, `rankings`, `register`), if any.
    pub view: Option<String>,
    /// The dataset the link was made with: `<release(s)>-<content hash>`.
    pub data: Option<String>,
    /// How the page presents itself (embed mode, story, annotations).
    pub show: Presentation,
    /// Colour scheme asked for by the link (`theme=light|dark|auto`), so that an embed
    /// can follow its host page; `None` leaves it to the reader's choice or system.
    pub theme: Option<ThemeChoice>,
    /// The interface language chosen by the reader (`lang=fr`), if any.
    pub lang: Option<crate::text::Locale>,
}

/// A colour-scheme choice: follow the system (`prefers-color-scheme`), or a fixed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark];

    /// The word used in links and storage: `auto`, `light`, `dark`.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// Reads [`ThemeChoice::name`] back (case-insensitive, surrounding spaces ignored).
    pub fn parse(s: &str) -> Option<ThemeChoice> {
        let s = s.trim();
        ThemeChoice::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s))
    }

    /// The scheme to draw with, given whether the system prefers dark.
    pub fn scheme(self, system_dark: bool) -> crate::render::Scheme {
        match self {
            ThemeChoice::Light => crate::render::Scheme::Light,
            ThemeChoice::Dark => crate::render::Scheme::Dark,
            ThemeChoice::Auto if system_dark => crate::render::Scheme::Dark,
            ThemeChoice::Auto => crate::render::Scheme::Light,
        }
    }
}

/// Presentation choices of a link, apart from the filter: `embed`, `controls=1`,
/// `title=`, `story=`, `step=`, `annotations=`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presentation {
    /// Chromeless graphic for an article (`?embed`).
    pub embed: bool,
    /// In an embed, show the filter panel too (`controls=1`).
    pub controls: bool,
    /// A title set by the journalist for the embed (at most [`MAX_TITLE`] characters).
    pub title: Option<String>,
    /// A story preset, e.g. `myanmar` (see [`crate::story`]).
    pub story: Option<String>,
    /// The story step shown, 1-based.
    pub step: Option<u8>,
    /// An annotation file, a path relative to the page.
    pub annotations: Option<String>,
}

/// Longest `title=` kept, in characters.
pub const MAX_TITLE: usize = 120;

/// Something in a link that could not be applied, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryIssue {
    pub param: String,
    pub message: String,
}

const MAX_QUERY: usize = 8192;
const MAX_VALUE: usize = 200;

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
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn list(v: &str) -> Vec<String> {
    v.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads a query string (with or without the leading `?`). Never fails.
pub fn parse_query(query: &str) -> (UrlState, Vec<QueryIssue>) {
    let mut st = UrlState::default();
    let mut issues = Vec::new();
    let q = query.strip_prefix('?').unwrap_or(query);
    let q = if q.len() > MAX_QUERY {
        issues.push(QueryIssue {
            param: "link".into(),
            message: format!(
                "the link is {} characters long; only the first {MAX_QUERY} were read",
                q.len()
            ),
        });
        let mut end = MAX_QUERY;
        while !q.is_char_boundary(end) {
            end -= 1;
        }
        &q[..end]
    } else {
        q
    };
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode_component(k);
        let value = decode_component(v);
        if value.chars().count() > MAX_VALUE * 20 {
            issues.push(QueryIssue {
                param: key.clone(),
                message: "the value is too long".into(),
            });
            continue;
        }
        match key.as_str() {
            "supplier" => st.suppliers.extend(list(&value)),
            "recipient" => st.recipients.extend(list(&value)),
            "category" => st.categories.extend(list(&value)),
            "system" => st.systems.extend(list(&value)),
            // Trimmed after the cut too, so that what is written back reads the same.
            "q" => {
                let cut: String = value.trim().chars().take(MAX_VALUE).collect();
                st.text = cut.trim_end().to_owned();
            }
            "years" => match parse_years(&value) {
                Ok(r) => st.years = Some(r),
                Err(m) => issues.push(QueryIssue {
                    param: "years".into(),
                    message: m,
                }),
            },
            "stack" => match value.as_str() {
                "supplier" => st.stack = StackBy::Supplier,
                "category" => st.stack = StackBy::Category,
                "recipient" => st.stack = StackBy::Recipient,
                other => issues.push(QueryIssue {
                    param: "stack".into(),
                    message: format!("“{}” is not supplier or category", clip(other)),
                }),
            },
            "view" => match value.as_str() {
                "map" | "timeline" | "rankings" | "register" | "passport" => st.view = Some(value),
                other => issues.push(QueryIssue {
                    param: "view".into(),
                    message: format!(
                        "“{}” is not map, timeline, rankings, register or passport",
                        clip(other)
                    ),
                }),
            },
            "data" => st.data = Some(value.chars().take(MAX_VALUE).collect()),
            "embed" => st.show.embed = !matches!(value.as_str(), "0" | "false" | "no"),
            "controls" => st.show.controls = matches!(value.as_str(), "1" | "true" | "yes" | ""),
            "title" => {
                let t: String = value.trim().chars().take(MAX_TITLE).collect();
                st.show.title = (!t.is_empty()).then_some(t);
            }
            "story" => {
                if crate::story::STORIES.contains(&value.as_str()) {
                    st.show.story = Some(value);
                } else {
                    issues.push(QueryIssue {
                        param: "story".into(),
                        message: format!(
                            "there is no story “{}” (known: {})",
                            clip(&value),
                            crate::story::STORIES.join(", ")
                        ),
                    });
                }
            }
            "step" => match value.parse::<u8>() {
                Ok(n @ 1..=9) => st.show.step = Some(n),
                _ => issues.push(QueryIssue {
                    param: "step".into(),
                    message: format!("“{}” is not a step number", clip(&value)),
                }),
            },
            "annotations" => match crate::story::annotations::check_annotation_path(&value) {
                Ok(p) => st.show.annotations = Some(p),
                Err(m) => issues.push(QueryIssue {
                    param: "annotations".into(),
                    message: m,
                }),
            },
            "theme" => match ThemeChoice::parse(&value) {
                Some(t) => st.theme = Some(t),
                None => issues.push(QueryIssue {
                    param: "theme".into(),
                    message: format!("“{}” is not light, dark or auto", clip(&value)),
                }),
            },
            "lang" => match crate::text::Locale::parse(&value) {
                Some(l) => st.lang = Some(l),
                None => issues.push(QueryIssue {
                    param: "lang".into(),
                    message: format!(
                        "“{}” is not one of the languages shipped (en, fr, de, ru)",
                        clip(&value)
                    ),
                }),
            },
            // Flags handled elsewhere.
            "filters" => {}
            other => issues.push(QueryIssue {
                param: clip(other),
                message: "is not a setting Arms Atlas knows".into(),
            }),
        }
    }
    (st, issues)
}

/// `query` with its `lang=` parameter set to `lang` (or removed), every other part kept
/// exactly as written: `?supplier=Russia&embed` + fr → `?supplier=Russia&embed&lang=fr`.
pub fn with_lang(query: &str, lang: Option<crate::text::Locale>) -> String {
    let q = query.strip_prefix('?').unwrap_or(query);
    let mut parts: Vec<String> = q
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| decode_component(p.split_once('=').map_or(p, |(k, _)| k)) != "lang")
        .map(str::to_owned)
        .collect();
    if let Some(l) = lang {
        parts.push(format!("lang={}", l.tag()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn clip(s: &str) -> String {
    let mut c: String = s.chars().take(40).collect();
    if c.len() < s.len() {
        c.push('…');
    }
    c
}

fn parse_years(v: &str) -> Result<(u16, u16), String> {
    let (a, b) = v.split_once(['-', '–']).unwrap_or((v, v));
    let parse = |t: &str| {
        t.trim()
            .parse::<i64>()
            .map_err(|_| format!("“{}” is not a year range like 1990-2024", clip(v)))
    };
    let (a, b) = (parse(a)?, parse(b)?);
    let r = YearRange::new(a, b).map_err(|e| e.to_string())?;
    Ok((r.from(), r.to()))
}

impl UrlState {
    /// Writes the state as a query string, starting with `?` (empty when all default).
    /// Keys come in a fixed order so that equal states give equal links.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        let join = |v: &[String]| {
            v.iter()
                .map(|s| encode_component(s))
                .collect::<Vec<_>>()
                .join("|")
        };
        if !self.suppliers.is_empty() {
            parts.push(format!("supplier={}", join(&self.suppliers)));
        }
        if !self.recipients.is_empty() {
            parts.push(format!("recipient={}", join(&self.recipients)));
        }
        if !self.categories.is_empty() {
            parts.push(format!("category={}", join(&self.categories)));
        }
        if !self.systems.is_empty() {
            parts.push(format!("system={}", join(&self.systems)));
        }
        if !self.text.is_empty() {
            parts.push(format!("q={}", encode_component(&self.text)));
        }
        if let Some((a, b)) = self.years {
            parts.push(format!("years={a}-{b}"));
        }
        match self.stack {
            StackBy::Supplier => {}
            StackBy::Category => parts.push("stack=category".into()),
            StackBy::Recipient => parts.push("stack=recipient".into()),
        }
        if let Some(v) = &self.view {
            parts.push(format!("view={}", encode_component(v)));
        }
        self.show.write(&mut parts);
        if let Some(d) = &self.data {
            parts.push(format!("data={}", encode_component(d)));
        }
        if let Some(t) = self.theme {
            parts.push(format!("theme={}", t.name()));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.tag()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The filter this state means for `ds`. Names the dataset does not have are reported
    /// and left out; the rest applies.
    pub fn resolve(&self, ds: &Dataset) -> (Filter, Vec<QueryIssue>) {
        let mut issues = Vec::new();
        let mut entities = |names: &[String], param: &str| {
            names
                .iter()
                .filter_map(|n| {
                    let id = ds.entity_by_name(n);
                    if id.is_none() {
                        issues.push(QueryIssue {
                            param: param.into(),
                            message: format!("“{}” is not in this dataset", clip(n)),
                        });
                    }
                    id
                })
                .collect::<Vec<_>>()
        };
        let suppliers = entities(&self.suppliers, "supplier");
        let recipients = entities(&self.recipients, "recipient");
        let categories = self
            .categories
            .iter()
            .filter_map(|c| {
                let cat = Category::parse(c).filter(|_| !c.is_empty());
                if cat.is_none() {
                    issues.push(QueryIssue {
                        param: "category".into(),
                        message: format!("“{}” is not one of SIPRI's armament categories", clip(c)),
                    });
                }
                cat
            })
            .collect();
        let systems = self
            .systems
            .iter()
            .filter_map(|s| {
                let id = ds
                    .strings
                    .get(s)
                    .filter(|id| ds.deals.iter().any(|d| d.designation == *id));
                if id.is_none() {
                    issues.push(QueryIssue {
                        param: "system".into(),
                        message: format!("no weapon system “{}” in this dataset", clip(s)),
                    });
                }
                id
            })
            .collect();
        let years = self
            .years
            .and_then(|(a, b)| YearRange::new(i64::from(a), i64::from(b)).ok());
        (
            Filter {
                years,
                suppliers,
                recipients,
                categories,
                systems,
                text: self.text.clone(),
            },
            issues,
        )
    }

    /// The state that describes `filter` on `ds`.
    pub fn from_filter(ds: &Dataset, filter: &Filter, stack: StackBy) -> UrlState {
        UrlState {
            suppliers: filter
                .suppliers
                .iter()
                .map(|e| ds.entity(*e).name.clone())
                .collect(),
            recipients: filter
                .recipients
                .iter()
                .map(|e| ds.entity(*e).name.clone())
                .collect(),
            categories: filter
                .categories
                .iter()
                .map(|c| c.name().to_owned())
                .collect(),
            systems: filter
                .systems
                .iter()
                .map(|s| ds.str(*s).to_owned())
                .collect(),
            text: filter.text.clone(),
            years: filter.years.map(|r| (r.from(), r.to())),
            stack,
            view: None,
            data: None,
            show: Presentation::default(),
            theme: None,
            lang: None,
        }
    }

    /// True when the link sets no filter of its own (only stacking and presentation).
    pub fn has_no_filter(&self) -> bool {
        self.suppliers.is_empty()
            && self.recipients.is_empty()
            && self.categories.is_empty()
            && self.systems.is_empty()
            && self.text.is_empty()
            && self.years.is_none()
    }

    /// A story link without filters of its own (`?story=myanmar`, maybe `&step=2`) stands
    /// for its step's explicit filters, stacking and view; anything else is returned as is.
    pub fn expand_story(&self) -> UrlState {
        let Some(story) = self.show.story.as_deref().and_then(crate::story::story) else {
            return self.clone();
        };
        if !self.has_no_filter() {
            return self.clone();
        }
        let n = usize::from(self.show.step.unwrap_or(1).max(1)) - 1;
        let Some(step) = story.steps.get(n.min(story.steps.len() - 1)) else {
            return self.clone();
        };
        let mut out = step.state.clone();
        out.show = self.show.clone();
        out.show.step = Some((n.min(story.steps.len() - 1) + 1) as u8);
        out.data = self.data.clone();
        out
    }
}

impl Presentation {
    fn write(&self, parts: &mut Vec<String>) {
        if self.embed {
            parts.push("embed".into());
        }
        if self.controls {
            parts.push("controls=1".into());
        }
        if let Some(t) = &self.title {
            parts.push(format!("title={}", encode_component(t)));
        }
        if let Some(s) = &self.story {
            parts.push(format!("story={}", encode_component(s)));
        }
        if let Some(n) = self.step {
            parts.push(format!("step={n}"));
        }
        if let Some(a) = &self.annotations {
            parts.push(format!("annotations={}", encode_component(a)));
        }
    }
}

/// Where the data of a link came from: the dataset bundled with the app (or a private
/// build's baked-in one), or SIPRI exports a reader loaded in their browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataOrigin {
    Bundled,
    File,
}

/// The SIPRI export format(s) a user dataset was loaded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinFormat {
    /// SIPRI's per-delivery-year export.
    PerYear,
    /// SIPRI's deal-level trade register.
    Deals,
    /// Files of both formats together.
    Mixed,
}

impl PinFormat {
    fn token(self) -> &'static str {
        match self {
            PinFormat::PerYear => "peryear",
            PinFormat::Deals => "deals",
            PinFormat::Mixed => "mixed",
        }
    }

    fn from_token(t: &str) -> Option<PinFormat> {
        match t {
            "peryear" => Some(PinFormat::PerYear),
            "deals" => Some(PinFormat::Deals),
            "mixed" => Some(PinFormat::Mixed),
            _ => None,
        }
    }

    /// In words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            PinFormat::PerYear => "per-delivery-year export",
            PinFormat::Deals => "deal-level trade register",
            PinFormat::Mixed => "per-delivery-year export and deal-level trade register",
        }
    }

    /// The format of a dataset's releases (`None` when it has none).
    pub fn of(formats: impl IntoIterator<Item = crate::model::SourceFormat>) -> Option<PinFormat> {
        use crate::model::SourceFormat;
        let mut out = None;
        for f in formats {
            let this = match f {
                SourceFormat::PerDeliveryYear => PinFormat::PerYear,
                SourceFormat::DealRegister => PinFormat::Deals,
            };
            out = Some(match out {
                None => this,
                Some(prev) if prev == this => this,
                Some(_) => PinFormat::Mixed,
            });
        }
        out
    }
}

/// The `data=` value of a link: which dataset it was made with.
///
/// * bundled data: `<releases>-<hash>`, e.g. `2024.2025-8f3a01c2d4e5` (the form every
///   link had before user data was marked, so old links read the same);
/// * a user's own SIPRI export: `file-<releases>-<format>-<rows>-<hash>`, e.g.
///   `file-2025-peryear-60312-8f3a01c2d4e5`, where `<format>` is `peryear`, `deals` or
///   `mixed`, `<rows>` the rows used (deliveries for the per-year export, deals for the
///   register) and release `0` means "unknown".
///
/// `<hash>` is 12 lower-case hex digits. [`DataPin::parse`] returns `None` for anything
/// else (such a link is then treated as made with unknown other data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPin {
    pub origin: DataOrigin,
    /// SIPRI release years, ascending, without repeats.
    pub releases: Vec<u16>,
    /// Only for [`DataOrigin::File`].
    pub format: Option<PinFormat>,
    /// Only for [`DataOrigin::File`].
    pub rows: Option<u32>,
    /// 12 lower-case hex digits of a content hash.
    pub hash: String,
}

/// More releases than this in one pin is not a real dataset.
const MAX_PIN_RELEASES: usize = 8;

impl DataPin {
    /// Reads a `data=` value (see the type's docs). Never panics; `None` when malformed.
    pub fn parse(s: &str) -> Option<DataPin> {
        if s.len() > MAX_VALUE {
            return None;
        }
        let parts: Vec<&str> = s.split('-').collect();
        let (origin, releases, format, rows, hash) = match parts.as_slice() {
            [rel, hash] => (DataOrigin::Bundled, *rel, None, None, *hash),
            ["file", rel, format, rows, hash] => {
                let format = PinFormat::from_token(format)?;
                let digits_ok = !rows.is_empty()
                    && rows.len() <= 10
                    && rows.bytes().all(|b| b.is_ascii_digit())
                    && (rows.len() == 1 || !rows.starts_with('0'));
                if !digits_ok {
                    return None;
                }
                let rows: u32 = rows.parse().ok()?;
                (DataOrigin::File, *rel, Some(format), Some(rows), *hash)
            }
            _ => return None,
        };
        if hash.len() != 12
            || !hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return None;
        }
        let mut years = Vec::new();
        for r in releases.split('.') {
            // Canonical numbers only, so that parse and to_string agree.
            if r.is_empty() || r.len() > 4 || (r.len() > 1 && r.starts_with('0')) {
                return None;
            }
            if !r.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            years.push(r.parse::<u16>().ok()?);
        }
        if years.len() > MAX_PIN_RELEASES || years.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        Some(DataPin {
            origin,
            releases: years,
            format,
            rows,
            hash: hash.to_owned(),
        })
    }

    /// The pin of a dataset: its release years, a 64-bit content hash and, for a user
    /// dataset, its format and rows used.
    pub fn new(
        origin: DataOrigin,
        releases: impl IntoIterator<Item = u16>,
        format: Option<PinFormat>,
        rows: usize,
        hash: u64,
    ) -> DataPin {
        let mut releases: Vec<u16> = releases.into_iter().collect();
        releases.sort_unstable();
        releases.dedup();
        releases.truncate(MAX_PIN_RELEASES);
        if releases.is_empty() {
            releases.push(0);
        }
        let file = origin == DataOrigin::File;
        DataPin {
            origin,
            releases,
            format: if file {
                Some(format.unwrap_or(PinFormat::PerYear))
            } else {
                None
            },
            rows: file.then(|| u32::try_from(rows).unwrap_or(u32::MAX)),
            hash: format!("{hash:016x}")[..12].to_owned(),
        }
    }

    /// The pin of `ds`: `hash` is the bundle's content hash for bundled data, and
    /// [`crate::import::user::content_hash`] for a user's (so that the same exports loaded
    /// under other file names give the same pin). Rows are the deliveries, or the deals
    /// when the data is the deal-level register alone (one row per deal).
    pub fn for_dataset(ds: &crate::model::Dataset, origin: DataOrigin, hash: u64) -> DataPin {
        let format = PinFormat::of(ds.releases.iter().map(|r| r.format));
        let rows = match format {
            Some(PinFormat::Deals) => ds.deals.len(),
            _ => ds.deliveries.len(),
        };
        DataPin::new(
            origin,
            ds.releases.iter().map(|r| r.year),
            format,
            rows,
            hash,
        )
    }
}

impl std::fmt::Display for DataPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rel = self
            .releases
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(".");
        match self.origin {
            DataOrigin::Bundled => write!(f, "{rel}-{}", self.hash),
            DataOrigin::File => write!(
                f,
                "file-{rel}-{}-{}-{}",
                self.format.unwrap_or(PinFormat::PerYear).token(),
                self.rows.unwrap_or(0),
                self.hash
            ),
        }
    }
}

/// What to tell a reader who opens a link made with other data than the data shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinNotice {
    /// What the link was made with and what is shown instead.
    pub text: String,
    /// How to get the same view, when the reader can do something about it.
    pub how: Option<String>,
    /// True when loading a SIPRI export would help (the app then offers its button).
    pub offer_load: bool,
}

fn pin_format_key(f: PinFormat) -> &'static str {
    match f {
        PinFormat::PerYear => "pin.per_year",
        PinFormat::Deals => "pin.deals",
        PinFormat::Mixed => "pin.mixed",
    }
}

fn pin_releases(tr: Tr, p: &DataPin) -> String {
    let known: Vec<String> = p
        .releases
        .iter()
        .filter(|r| **r != 0)
        .map(u16::to_string)
        .collect();
    match known.as_slice() {
        [] => tr.t("pin.release_unknown").to_owned(),
        [one] => tr.f("pin.release_one", &[("release", one)]),
        [init @ .., last] => tr.f(
            "pin.release_many",
            &[("list", &init.join(", ")), ("last", last)],
        ),
    }
}

fn pin_file_phrase(tr: Tr, p: &DataPin) -> String {
    let format = tr.t(pin_format_key(p.format.unwrap_or(PinFormat::PerYear)));
    let releases = pin_releases(tr, p);
    match p.rows {
        Some(r) => tr.p(
            "pin.file_rows",
            u64::from(r),
            &[("format", format), ("releases", &releases)],
        ),
        None => tr.f("pin.file", &[("format", format), ("releases", &releases)]),
    }
}

/// The notice for a link whose `data=` value is `link`, opened on the data `current`
/// (whose title is `current_title`); `None` when they are the same data.
pub fn pin_notice(link: &str, current: &DataPin, current_title: &str) -> Option<PinNotice> {
    pin_notice_in(Tr::new(Locale::En), link, current, current_title)
}

/// [`pin_notice`] in the reader's language.
pub fn pin_notice_in(
    tr: Tr,
    link: &str,
    current: &DataPin,
    current_title: &str,
) -> Option<PinNotice> {
    let parsed = DataPin::parse(link);
    if parsed.as_ref() == Some(current) || link == current.to_string() {
        return None;
    }
    let how_load = tr.t("pin.how_load").to_owned();
    let notice = match (parsed, current.origin) {
        (Some(p), DataOrigin::Bundled) if p.origin == DataOrigin::File => PinNotice {
            text: tr.f(
                "pin.file_vs_bundled",
                &[("link", &pin_file_phrase(tr, &p)), ("title", current_title)],
            ),
            how: Some(how_load),
            offer_load: true,
        },
        (Some(p), DataOrigin::File) if p.origin == DataOrigin::File => PinNotice {
            text: tr.f(
                "pin.file_vs_file",
                &[
                    ("link", &pin_file_phrase(tr, &p)),
                    ("now", &pin_file_phrase(tr, current)),
                ],
            ),
            how: Some(how_load),
            offer_load: true,
        },
        (Some(p), DataOrigin::File) => PinNotice {
            text: tr.f(
                "pin.bundled_vs_file",
                &[("releases", &pin_releases(tr, &p))],
            ),
            how: Some(tr.t("pin.how_back").to_owned()),
            offer_load: false,
        },
        _ => PinNotice {
            text: tr.f("app.other_data", &[("data", &clip(link))]),
            how: None,
            offer_load: false,
        },
    };
    Some(notice)
}
