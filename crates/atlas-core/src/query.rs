//! The URL is the filter's source of truth: every filter and view choice lives in the
//! query string, in readable words, e.g.
//! `?recipient=Myanmar&supplier=Russia&years=1990-2024&stack=category`.
//!
//! Two steps, both pure: [`parse_query`] turns text into a [`UrlState`] of names (never
//! failing: what it cannot read becomes a [`QueryIssue`] and falls back to the default
//! for that part only), and [`UrlState::resolve`] turns names into ids of one dataset
//! (names the dataset lacks become issues too). [`UrlState::to_query`] writes it back;
//! the pair round-trips (property-tested).

use crate::data::{Category, Dataset, Filter, StackBy, YearRange};

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
    /// The interface language chosen by the reader (`lang=fr`), if any.
    pub lang: Option<crate::i18n::Locale>,
}

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
            "q" => st.text = value.trim().chars().take(MAX_VALUE).collect(),
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
            "lang" => match crate::i18n::Locale::parse(&value) {
                Some(l) => st.lang = Some(l),
                None => issues.push(QueryIssue {
                    param: "lang".into(),
                    message: format!(
                        "“{}” is not one of the languages shipped (en, fr, de, ru)",
                        clip(&value)
                    ),
                }),
            },
            // Flags handled elsewhere (embed mode and its options).
            "embed" | "filters" | "theme" => {}
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
pub fn with_lang(query: &str, lang: Option<crate::i18n::Locale>) -> String {
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
        if let Some(d) = &self.data {
            parts.push(format!("data={}", encode_component(d)));
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
            lang: None,
        }
    }
}
