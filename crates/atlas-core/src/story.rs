//! Story presets: a named sequence of views (`?story=myanmar`), each step an explicit
//! filter (so the link stays readable and reproducible), with a caption computed from
//! the loaded data — never typed numbers.

use crate::data::{Aggregates, Dataset, Filter, StackBy};
use crate::query::UrlState;
use crate::render::text::{entity_names, group_thousands, tiv_label, year_span};

/// One step of a story: a heading and the view it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryStep {
    pub heading: &'static str,
    /// Filters, stacking and the view (`timeline` or `map`); no presentation flags.
    pub state: UrlState,
}

/// A story preset.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The `story=` value.
    pub key: &'static str,
    pub title: &'static str,
    /// The annotation file shown with it, relative to the page.
    pub annotations: &'static str,
    pub steps: Vec<StoryStep>,
}

/// Every story the app knows.
pub const STORIES: [&str; 1] = ["myanmar"];

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// The story called `key`, if there is one.
pub fn story(key: &str) -> Option<Story> {
    match key {
        "myanmar" => Some(Story {
            key: "myanmar",
            title: "The story: Russia arms Myanmar's junta",
            annotations: "assets/annotations/myanmar.tsv",
            steps: vec![
                StoryStep {
                    heading: "Who supplies Myanmar's arms",
                    state: UrlState {
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Supplier,
                        view: Some("timeline".into()),
                        ..UrlState::default()
                    },
                },
                StoryStep {
                    heading: "What Russia delivered",
                    state: UrlState {
                        suppliers: names(&["Russia"]),
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Category,
                        view: Some("timeline".into()),
                        ..UrlState::default()
                    },
                },
                StoryStep {
                    heading: "Where Myanmar's arms come from",
                    state: UrlState {
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Supplier,
                        view: Some("map".into()),
                        ..UrlState::default()
                    },
                },
            ],
        }),
        _ => None,
    }
}

fn pct(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "0".into();
    }
    format!("{:.0}", 100.0 * part as f64 / whole as f64)
}

/// The caption of a step, computed from `ds` under the step's filter. Says so plainly when
/// the data lacks what the step is about (e.g. a user's own export without Myanmar).
pub fn caption(ds: &Dataset, step: &StoryStep) -> String {
    let (filter, issues) = step.state.resolve(ds);
    if !issues.is_empty() {
        return format!(
            "The data loaded now cannot show this step ({}).",
            issues
                .iter()
                .map(|i| i.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let agg = Aggregates::compute(ds, &filter);
    if agg.total.0 == 0 {
        return "No deliveries in the data loaded now match this step.".into();
    }
    let who = entity_names(ds, &filter.recipients);
    let span = year_span(agg.years);
    match (step.state.view.as_deref(), step.state.stack) {
        (Some("map"), _) => {
            let flows: Vec<String> = agg
                .flows
                .iter()
                .take(3)
                .map(|f| {
                    format!(
                        "{} ({} million TIV)",
                        ds.entity(f.supplier).label(),
                        tiv_label(f.tiv)
                    )
                })
                .collect();
            format!(
                "{} suppliers delivered major arms to {who} in {span}. The thickest arcs: {}.",
                agg.suppliers.len(),
                flows.join(", ")
            )
        }
        (_, StackBy::Category) => {
            let from = entity_names(ds, &filter.suppliers);
            let cats: Vec<String> = agg
                .categories
                .iter()
                .take(3)
                .map(|(c, t)| format!("{} {} %", c.name().to_lowercase(), pct(t.0, agg.total.0)))
                .collect();
            let peak = agg
                .per_year()
                .into_iter()
                .max_by_key(|(y, t)| (t.0, std::cmp::Reverse(*y)));
            let peak = peak
                .map(|(y, t)| format!(" The largest year was {y}, with {} million.", tiv_label(t)))
                .unwrap_or_default();
            format!(
                "{from} delivered {} million TIV of major arms to {who} in {span}, in {} deals: {}.{peak}",
                tiv_label(agg.total),
                group_thousands(agg.deals as i64),
                cats.join(", ")
            )
        }
        _ => {
            let ranked: Vec<String> = agg
                .suppliers
                .iter()
                .take(3)
                .enumerate()
                .map(|(i, (e, t))| {
                    let rank = ["largest", "second", "third"][i];
                    format!(
                        "{} {rank} ({} million TIV, {} %)",
                        ds.entity(*e).label(),
                        tiv_label(*t),
                        pct(t.0, agg.total.0)
                    )
                })
                .collect();
            format!(
                "Of the {} million TIV of major arms delivered to {who} in {span}, by supplier: {}.",
                tiv_label(agg.total),
                ranked.join("; ")
            )
        }
    }
}

/// The suppliers of a step, ranked by TIV, as names (for checks and captions).
pub fn ranked_suppliers(ds: &Dataset, filter: &Filter) -> Vec<String> {
    Aggregates::compute(ds, filter)
        .suppliers
        .iter()
        .map(|(e, _)| ds.entity(*e).name.clone())
        .collect()
}
