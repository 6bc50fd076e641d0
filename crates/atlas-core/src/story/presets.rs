//! Story presets: a named sequence of views (`?story=myanmar`), each step an explicit
//! filter (so the link stays readable and reproducible), with a caption computed from
//! the loaded data — never typed numbers.

use crate::analysis::aggregate::{Aggregates, StackBy};
use crate::analysis::filter::Filter;
use crate::analysis::names::{FilterNames, QueryIssue};
use crate::model::Dataset;
use crate::text::views::entity_names_in;
use crate::text::Tr;

/// One step of a story: a heading and the view it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryStep {
    pub heading: &'static str,
    /// The heading's key in the translation tables.
    pub heading_key: &'static str,
    /// Filters, stacking and the view (`timeline` or `map`).
    pub state: StepState,
}

/// What a story step shows: its explicit filters as names (so the link stays readable
/// and reproducible), the stacking and the view. The link of a step is written by `url`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepState {
    pub suppliers: Vec<String>,
    pub recipients: Vec<String>,
    pub stack: StackBy,
    /// `timeline` or `map`.
    pub view: Option<String>,
}

impl StepState {
    /// The filter this step means for `ds`; names the dataset lacks are reported.
    pub fn resolve(&self, ds: &Dataset) -> (Filter, Vec<QueryIssue>) {
        FilterNames {
            suppliers: &self.suppliers,
            recipients: &self.recipients,
            ..FilterNames::default()
        }
        .resolve(ds)
    }
}

/// A story preset.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// The `story=` value.
    pub key: &'static str,
    pub title: &'static str,
    /// The title's key in the translation tables.
    pub title_key: &'static str,
    /// The annotation file shown with it, relative to the page.
    pub annotations: &'static str,
    pub steps: Vec<StoryStep>,
}

/// Every story the app knows.
pub(crate) const STORIES: [&str; 1] = ["myanmar"];

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// The story called `key`, if there is one.
pub fn story(key: &str) -> Option<Story> {
    match key {
        "myanmar" => Some(Story {
            key: "myanmar",
            title: "The story: Russia arms Myanmar's junta",
            title_key: "story.myanmar.title",
            annotations: "assets/annotations/myanmar.tsv",
            steps: vec![
                StoryStep {
                    heading: "Who supplies Myanmar's arms",
                    heading_key: "story.myanmar.step1",
                    state: StepState {
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Supplier,
                        view: Some("timeline".into()),
                        ..StepState::default()
                    },
                },
                StoryStep {
                    heading: "What Russia delivered",
                    heading_key: "story.myanmar.step2",
                    state: StepState {
                        suppliers: names(&["Russia"]),
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Category,
                        view: Some("timeline".into()),
                    },
                },
                StoryStep {
                    heading: "Where Myanmar's arms come from",
                    heading_key: "story.myanmar.step3",
                    state: StepState {
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Supplier,
                        view: Some("map".into()),
                        ..StepState::default()
                    },
                },
            ],
        }),
        _ => None,
    }
}

/// The caption of a step, computed from `ds` under the step's filter, in the reader's
/// language, numbers written its way. Says so plainly when the data lacks what the step
/// is about (e.g. a user's own export without Myanmar).
pub fn caption_in(tr: Tr, ds: &Dataset, step: &StoryStep) -> String {
    let (filter, issues) = step.state.resolve(ds);
    if !issues.is_empty() {
        let why = issues
            .iter()
            .map(|i| i.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return tr.f("story.cannot", &[("why", &why)]);
    }
    let agg = Aggregates::compute(ds, &filter);
    if agg.total.0 == 0 {
        return tr.t("story.nothing").to_owned();
    }
    let who = entity_names_in(tr, ds, &filter.recipients);
    let span = tr.years(agg.years.from(), agg.years.to());
    match (step.state.view.as_deref(), step.state.stack) {
        (Some("map"), _) => {
            let flows: Vec<String> = agg
                .flows
                .iter()
                .take(3)
                .map(|f| {
                    tr.f(
                        "story.arc",
                        &[
                            ("name", ds.entity(f.supplier).label()),
                            ("tiv", &tr.tiv(f.tiv)),
                        ],
                    )
                })
                .collect();
            tr.f(
                "story.map",
                &[
                    (
                        "suppliers",
                        &tr.p("count.suppliers", agg.suppliers.len() as u64, &[]),
                    ),
                    ("who", &who),
                    ("years", &span),
                    ("list", &flows.join(", ")),
                ],
            )
        }
        (_, StackBy::Category) => {
            let from = entity_names_in(tr, ds, &filter.suppliers);
            let cats: Vec<String> = agg
                .categories
                .iter()
                .take(3)
                .map(|(c, t)| format!("{} {}", tr.category(*c), tr.share(t.0, agg.total.0)))
                .collect();
            let peak = agg
                .per_year()
                .into_iter()
                .max_by_key(|(y, t)| (t.0, std::cmp::Reverse(*y)));
            let peak = peak
                .map(|(y, t)| {
                    format!(
                        " {}",
                        tr.f(
                            "story.peak",
                            &[("year", &y.to_string()), ("tiv", &tr.tiv(t))]
                        )
                    )
                })
                .unwrap_or_default();
            let text = tr.f(
                "story.categories",
                &[
                    ("from", &from),
                    ("tiv", &tr.tiv(agg.total)),
                    ("who", &who),
                    ("years", &span),
                    ("deals", &tr.p("count.deals", agg.deals as u64, &[])),
                    ("list", &cats.join(", ")),
                ],
            );
            format!("{text}{peak}")
        }
        _ => {
            let ranked: Vec<String> = agg
                .suppliers
                .iter()
                .take(3)
                .enumerate()
                .map(|(i, (e, t))| {
                    let rank = ["story.largest", "story.second", "story.third"][i];
                    tr.f(
                        "story.ranked",
                        &[
                            ("name", ds.entity(*e).label()),
                            ("rank", tr.t(rank)),
                            ("tiv", &tr.tiv(*t)),
                            ("share", &tr.share(t.0, agg.total.0)),
                        ],
                    )
                })
                .collect();
            tr.f(
                "story.suppliers",
                &[
                    ("tiv", &tr.tiv(agg.total)),
                    ("who", &who),
                    ("years", &span),
                    ("list", &ranked.join("; ")),
                ],
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
