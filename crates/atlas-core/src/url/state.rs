//! The link's state: filter and view choices as names, written back as a query string,
//! resolved against a dataset, and a story link expanded into its step.

use super::codec::encode_component;
use crate::analysis::aggregate::StackBy;
use crate::analysis::filter::Filter;
use crate::analysis::names::{FilterNames, QueryIssue};
use crate::model::Dataset;
use crate::render::Scheme;
use crate::text::Locale;

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
    pub lang: Option<Locale>,
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
    pub fn scheme(self, system_dark: bool) -> Scheme {
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

impl UrlState {
    /// Writes the state as a query string, starting with `?` (empty when all default).
    /// Keys come in a fixed order so that equal states give equal links.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        // One pair per name (`supplier=Russia&supplier=China`), the form people write by
        // hand; a `|` list (`supplier=Russia|China`) is read too.
        let mut each = |key: &str, v: &[String]| {
            parts.extend(v.iter().map(|s| format!("{key}={}", encode_component(s))));
        };
        each("supplier", &self.suppliers);
        each("recipient", &self.recipients);
        each("category", &self.categories);
        each("system", &self.systems);
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
        FilterNames {
            suppliers: &self.suppliers,
            recipients: &self.recipients,
            categories: &self.categories,
            systems: &self.systems,
            text: &self.text,
            years: self.years,
        }
        .resolve(ds)
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
    pub(crate) fn has_no_filter(&self) -> bool {
        self.suppliers.is_empty()
            && self.recipients.is_empty()
            && self.categories.is_empty()
            && self.systems.is_empty()
            && self.text.is_empty()
            && self.years.is_none()
    }

    /// A story link without filters of its own (`?story=myanmar`, maybe `&step=2`) stands
    /// for its step's explicit filters, stacking and view; anything else is returned as is.
    /// A step that covers the years since an event runs to the last year of `ds`; without
    /// the data (`None`, before it has loaded) its years are left open: read only the
    /// presentation of such an expansion.
    pub fn expand_story(&self, ds: Option<&Dataset>) -> UrlState {
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
        let mut out = UrlState {
            suppliers: step.state.suppliers.clone(),
            recipients: step.state.recipients.clone(),
            stack: step.state.stack,
            view: step.state.view.clone(),
            years: ds.and_then(|ds| step.state.years(ds.year_span())),
            ..UrlState::default()
        };
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
