//! [`parse_query`], which reads any text into a [`UrlState`] without failing (what it
//! cannot read becomes a [`QueryIssue`]), and [`with_lang`].

use super::codec::{decode_component, MAX_VALUE};
use super::state::{ThemeChoice, UrlState, MAX_TITLE};
use crate::analysis::aggregate::StackBy;
use crate::analysis::filter::YearRange;
use crate::analysis::names::{clip, QueryIssue};
use crate::clean::plain_text;
use crate::text::Locale;

const MAX_QUERY: usize = 8192;

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
        // Text from a link is data: controls, bidi overrides and invisible characters
        // never reach the page, whatever the parameter (see `crate::clean`).
        let key = plain_text(&decode_component(k));
        let value = plain_text(&decode_component(v));
        if value.chars().count() > MAX_VALUE * 20 {
            issues.push(QueryIssue {
                param: key.clone(),
                message: "the value is too long".into(),
            });
            continue;
        }
        apply(&mut st, &mut issues, &key, value);
    }
    (st, issues)
}

/// Applies one `key=value` pair of a link to `st`, or notes why it cannot be.
fn apply(st: &mut UrlState, issues: &mut Vec<QueryIssue>, key: &str, value: String) {
    match key {
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

/// `query` with its `lang=` parameter set to `lang` (or removed), every other part kept
/// exactly as written: `?supplier=Russia&embed` + fr → `?supplier=Russia&embed&lang=fr`.
pub fn with_lang(query: &str, lang: Option<Locale>) -> String {
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
