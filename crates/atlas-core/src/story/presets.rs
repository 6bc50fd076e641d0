//! Story presets: a named sequence of views (`?story=myanmar`), each step an explicit
//! filter (so the link stays readable and reproducible), with a caption computed from
//! the loaded data — never typed numbers.

use crate::analysis::aggregate::{Aggregates, StackBy};
use crate::analysis::filter::Filter;
use crate::analysis::names::{FilterNames, QueryIssue};
use crate::model::{Dataset, Year};

/// One step of a story: a heading, the view it shows and what its caption says.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryStep {
    pub heading: &'static str,
    /// The heading's key in the translation tables.
    pub heading_key: &'static str,
    /// Filters, stacking and the view (`timeline` or `map`).
    pub state: StepState,
    /// What the caption computes and says (see [`super::caption_in`]).
    pub caption: Caption,
}

/// The kinds of caption a step can have; each is computed from the data under the step's
/// filter, in the reader's language, with no number typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caption {
    /// The suppliers ranked, with their TIV and share of the total.
    Suppliers,
    /// One supplier's deliveries by armament category, with the largest year.
    Categories,
    /// The flow map: how many suppliers, the thickest arcs.
    Map,
    /// The years since an event (the step's [`StepState::since`]): each supplier's share
    /// of the deliveries, with its largest weapon systems.
    Since,
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
    /// The first year shown, when the step covers the years since an event: from this
    /// year to the last delivery year of the data loaded, whichever that is.
    pub since: Option<Year>,
}

impl StepState {
    /// The years this step shows on data spanning `span` (first and last delivery year):
    /// `None` (every year) unless the step starts at [`StepState::since`]. Data that ends
    /// before that year gives that one year (and so no deliveries), never a reversed range.
    pub fn years(&self, span: Option<(Year, Year)>) -> Option<(Year, Year)> {
        let from = self.since?;
        let to = span.map_or(from, |(_, last)| last.max(from));
        Some((from, to))
    }

    /// The filter this step means for `ds`; names the dataset lacks are reported.
    pub fn resolve(&self, ds: &Dataset) -> (Filter, Vec<QueryIssue>) {
        FilterNames {
            suppliers: &self.suppliers,
            recipients: &self.recipients,
            years: self.years(ds.year_span()),
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

/// The year of Myanmar's military coup (1 February 2021), where the story's first step
/// starts. A date of record, also in `assets/annotations/myanmar.tsv` with its source.
pub const COUP_YEAR: Year = 2021;

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
                // The news first: the years since the coup of 1 February 2021 (the event
                // of record in the story's annotation file; a test keeps the two equal).
                // The map: who supplied the junta since then, one arc per supplier.
                StoryStep {
                    heading: "Since the coup",
                    heading_key: "story.myanmar.coup",
                    state: StepState {
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Supplier,
                        view: Some("map".into()),
                        since: Some(COUP_YEAR),
                        ..StepState::default()
                    },
                    caption: Caption::Since,
                },
                // Then the long view.
                StoryStep {
                    heading: "Who supplies Myanmar's arms",
                    heading_key: "story.myanmar.step1",
                    state: StepState {
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Supplier,
                        view: Some("timeline".into()),
                        ..StepState::default()
                    },
                    caption: Caption::Suppliers,
                },
                StoryStep {
                    heading: "What Russia delivered",
                    heading_key: "story.myanmar.step2",
                    state: StepState {
                        suppliers: names(&["Russia"]),
                        recipients: names(&["Myanmar"]),
                        stack: StackBy::Category,
                        view: Some("timeline".into()),
                        ..StepState::default()
                    },
                    caption: Caption::Categories,
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
                    caption: Caption::Map,
                },
            ],
        }),
        _ => None,
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
