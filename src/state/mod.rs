//! The one place state lives: the loaded dataset, the filter, and view choices, provided
//! in context as [`AppState`]; derived aggregates are a memo over them. Also what fills
//! and keeps it: loading the data and the map ([`loading`]), the reader's own files
//! ([`user_data`]), the annotations ([`notes`]), the reader's language ([`locale`]), the
//! URL ([`url`]), and the performance marks around all of it ([`perf`]).
//!
//! State imports no UI: nothing here may use `widgets`, `views`, `panels` or `app`; only
//! `atlas_core`, leptos' reactive primitives and the browser's APIs.

pub mod loading;
pub mod locale;
pub mod notes;
pub mod perf;
pub mod url;
pub mod user_data;

use std::sync::Arc;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};

use atlas_core::analysis::changes::{Changes, ReleasePair};
use atlas_core::analysis::filter::{DealIndex, Filter};

use atlas_core::model::{DealIdx, EntityId, StrId, Year};

use atlas_core::geo::world::WorldMap;
use atlas_core::import::sipri::ParsedFile;
use atlas_core::render::{ColorMap, ColourRanks, Palette, Scheme};
use atlas_core::store::bundle::Bundle;
use atlas_core::url::state::ThemeChoice;
use leptos::prelude::*;

/// Shares an expensive value; two handles are equal only when they point to the same
/// value, so memos downstream re-run exactly when it is recomputed.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where the dataset is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready(Shared<Bundle>),
    /// What went wrong, in words a reader can act on.
    Failed(String),
}

/// Where the world map asset is in its life. The map loads beside the data; the other
/// views do not wait for it.
#[derive(Debug, Clone, PartialEq)]
pub enum MapLoad {
    Loading,
    Ready(Shared<WorldMap>),
    Failed(String),
}

/// Something the user points at in one view, highlighted in all the others. It does not
/// filter; clicking does that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Supplier(EntityId),
    Recipient(EntityId),
    Flow(EntityId, EntityId),
    Year(Year),
    System(StrId),
    Deal(DealIdx),
}

/// A reader's files as parsed, with their names.
pub type UserFiles = Vec<(String, ParsedFile)>;

/// The app's state. `Copy`: it is a bundle of signal handles.
#[derive(Clone, Copy)]
pub struct AppState {
    pub load: RwSignal<Load>,
    pub filter: RwSignal<Filter>,
    pub stack: RwSignal<StackBy>,
    /// Index of the timeline band under the pointer (legend hover), if any.
    pub highlight: RwSignal<Option<usize>>,
    pub aggregates: Memo<Option<Shared<Aggregates>>>,
    /// Each supplier's and recipient's deals, built once per loaded dataset: filters on
    /// a few of them then visit their deals only (see `atlas_core::analysis::filter::DealIndex`).
    pub deal_index: Memo<Option<Shared<DealIndex>>>,
    /// The same filter over *all* years: the timeline shows every year and shades the
    /// selected ones, so playing or brushing years does not reshape it.
    pub all_years: Memo<Option<Shared<Aggregates>>>,
    /// Each supplier's, recipient's and category's place in the loaded dataset's overall
    /// ranking, computed once per dataset: where every colour comes from.
    pub colour_ranks: Memo<Option<Shared<ColourRanks>>>,
    /// Colours of suppliers and categories under the current filter (shared by all views):
    /// each keeps the colour of its overall rank whatever the filter; see
    /// `atlas_core::render::ColorMap`.
    pub colors: Memo<Option<Shared<ColorMap>>>,
    /// The linked highlight (hover or focus in any view).
    pub selection: RwSignal<Option<Selection>>,
    pub map: RwSignal<MapLoad>,
    /// Reading a user's file: which file and how far, 0.0–1.0.
    pub import_progress: RwSignal<Option<(String, f64)>>,
    /// Which import of the reader's files is the current one: every choice of files (and
    /// the way back to the bundled data) takes the next number, and an import that finds,
    /// after any wait, that its number is no longer the current one stops and sets
    /// nothing (see `user_data::load_files`). The newest choice always wins.
    pub import_run: StoredValue<u64>,
    /// What the last user load did (shown until dismissed).
    pub load_summary: RwSignal<Option<Shared<atlas_core::import::user::LoadSummary>>>,
    /// True when the dataset shown is one the user loaded (not the bundled subset).
    pub user_data: RwSignal<bool>,
    /// The reader's (or the host page's) colour-scheme choice; see `crate::widgets::theme`.
    pub theme: RwSignal<ThemeChoice>,
    /// Whether the system prefers dark (`prefers-color-scheme`), kept live.
    pub system_dark: RwSignal<bool>,
    /// The scheme the page and the charts are drawn in.
    pub scheme: Memo<Scheme>,
    /// The earlier SIPRI release the data carries (the bundle's 2024 release, or the older
    /// of a reader's two exports) and the data shown, prepared for comparison; `None` when
    /// there is no earlier release. Like every memo, computed on its first read only.
    pub release_pair: Memo<Option<Shared<ReleasePair>>>,
    /// What changed from the earlier release under the filter (the changes view, the
    /// banner of a link made with the earlier release).
    pub changes: Memo<Option<Shared<Changes>>>,
    /// The same over all years (the timeline's overlay draws every year it compares).
    pub changes_all_years: Memo<Option<Shared<Changes>>>,
    /// Whether the timeline overlays the earlier release's totals.
    pub overlay: RwSignal<bool>,
    /// The reader's parsed files while they hold two releases compared, so that the
    /// reader can say the other one is the newer (`user_data::swap_releases`); `None`
    /// otherwise (and after a reload, when only the kept data is there).
    pub user_files: StoredValue<Option<Shared<UserFiles>>>,
    /// The release the reader named the newer of their two (`None`: the later one).
    pub newer_release: RwSignal<Option<u16>>,
    /// Whether the reader can say the other of their two releases is the newer: their
    /// files are here, or the data compared the other way round is kept beside the data
    /// shown (Cache Storage, `user_data`), as it is after a reload.
    pub swappable: RwSignal<bool>,
}

impl AppState {
    /// Starts a new import of the reader's files (or the way back to the bundled data):
    /// any import still running is now stale. Returns the new import's number.
    pub fn start_import(&self) -> u64 {
        let run = self.import_run.get_value() + 1;
        self.import_run.set_value(run);
        run
    }

    /// Whether the import numbered `run` is still the newest.
    pub fn import_is_current(&self, run: u64) -> bool {
        self.import_run.get_value() == run
    }

    /// The bundle, when loaded.
    pub fn bundle(&self) -> Option<Shared<Bundle>> {
        match self.load.get() {
            Load::Ready(b) => Some(b),
            _ => None,
        }
    }

    /// `read` of the filter when `b` is the data shown, else of the empty filter. For a
    /// component built for one dataset (holding its `Shared<Bundle>`): when the data is
    /// replaced, the new filter (ids of the new data) is set before its parent draws it
    /// anew, and a new id looked up in the old data is out of bounds (it panicked on
    /// loading an export under a link's supplier and recipient).
    pub fn with_filter_for<R>(&self, b: &Shared<Bundle>, read: impl FnOnce(&Filter) -> R) -> R {
        if self.bundle().as_ref() == Some(b) {
            self.filter.with(read)
        } else {
            read(&Filter::default())
        }
    }
}

/// Which dataset is loaded (its address; tracked), `None` while none is: a value built
/// for one dataset's ids must not be read against another's.
pub fn data_key(state: AppState) -> Option<usize> {
    state.load.with(|l| match l {
        Load::Ready(b) => Some(Arc::as_ptr(&b.0) as usize),
        _ => None,
    })
}

/// How many suppliers (or categories) the timeline shows before "Other".
pub const TOP_N: usize = atlas_core::render::timeline::TIMELINE_TOP_N;

/// Creates the state and puts it in context.
pub fn provide_app_state() -> AppState {
    let load = RwSignal::new(Load::Loading);
    let filter = RwSignal::new(Filter::default());
    let deal_index = Memo::new(move |_| {
        let Load::Ready(b) = load.get() else {
            return None;
        };
        Some(Shared(Arc::new(DealIndex::new(&b.dataset))))
    });
    let aggregates = Memo::new(move |_| {
        let Load::Ready(b) = load.get() else {
            return None;
        };
        let f = filter.get();
        let ix = deal_index.get();
        perf::mark("atlas:aggregate:start");
        let agg = Aggregates::compute_with(&b.dataset, ix.as_deref(), &f);
        perf::measure("atlas:aggregate", "atlas:aggregate:start");
        Some(Shared(Arc::new(agg)))
    });
    // The filter without its years, and whether it has years: a change of years alone
    // leaves both as they were, so the all-years aggregates are not computed again.
    let without_years = Memo::new(move |_| {
        filter.with(|f| Filter {
            years: None,
            ..f.clone()
        })
    });
    let has_years = Memo::new(move |_| filter.with(|f| f.years.is_some()));
    let all_years = Memo::new(move |_| {
        let Load::Ready(b) = load.get() else {
            return None;
        };
        // Without a year filter this is the same computation: share it, don't redo it.
        if !has_years.get() {
            return aggregates.get();
        }
        let ix = deal_index.get();
        without_years.with(|f| {
            Some(Shared(Arc::new(Aggregates::compute_with(
                &b.dataset,
                ix.as_deref(),
                f,
            ))))
        })
    });
    let theme = RwSignal::new(ThemeChoice::Auto);
    let system_dark = RwSignal::new(false);
    let scheme = Memo::new(move |_| theme.get().scheme(system_dark.get()));
    // Colours come from the dataset's overall ranking, so a supplier keeps its colour
    // under every filter; the view's all-years ranking only says which suppliers are
    // shown by name (and settles the rare clash, see `ColorMap`). They follow the scheme,
    // so every canvas redraws when it flips.
    let colour_ranks = Memo::new(move |_| {
        let Load::Ready(b) = load.get() else {
            return None;
        };
        Some(Shared(Arc::new(ColourRanks::of_dataset(&b.dataset))))
    });
    let colors = Memo::new(move |_| {
        let ranks = colour_ranks.get()?;
        let agg = all_years.get()?;
        let palette: Palette = scheme.get().palette();
        Some(Shared(Arc::new(ColorMap::new(
            &ranks, &agg, TOP_N, &palette,
        ))))
    });
    let release_pair = Memo::new(move |_| {
        let Load::Ready(b) = load.get() else {
            return None;
        };
        let e = b.earlier.as_ref()?;
        Some(Shared(Arc::new(ReleasePair::new(&e.dataset, &b.dataset))))
    });
    let changes = Memo::new(move |_| {
        let Load::Ready(b) = load.get() else {
            return None;
        };
        let pair = release_pair.get()?;
        let e = b.earlier.as_ref()?;
        filter.with(|f| Some(Shared(Arc::new(pair.compare(&e.dataset, &b.dataset, f)))))
    });
    let changes_all_years = Memo::new(move |_| {
        if !has_years.get() {
            return changes.get();
        }
        let Load::Ready(b) = load.get() else {
            return None;
        };
        let pair = release_pair.get()?;
        let e = b.earlier.as_ref()?;
        without_years.with(|f| Some(Shared(Arc::new(pair.compare(&e.dataset, &b.dataset, f)))))
    });
    let state = AppState {
        load,
        filter,
        stack: RwSignal::new(StackBy::Supplier),
        highlight: RwSignal::new(None),
        aggregates,
        deal_index,
        all_years,
        colour_ranks,
        colors,
        selection: RwSignal::new(None),
        map: RwSignal::new(MapLoad::Loading),
        import_progress: RwSignal::new(None),
        import_run: StoredValue::new(0),
        load_summary: RwSignal::new(None),
        user_data: RwSignal::new(false),
        theme,
        system_dark,
        scheme,
        release_pair,
        changes,
        changes_all_years,
        overlay: RwSignal::new(false),
        user_files: StoredValue::new(None),
        newer_release: RwSignal::new(None),
        swappable: RwSignal::new(false),
    };
    provide_context(state);
    state
}

/// The state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
