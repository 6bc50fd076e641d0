//! The flow map view: arcs from supplier to recipient on a world map, recipients shaded by
//! what they imported, drawn on a canvas by `atlas_core::render::flowmap::draw_flowmap` (the same
//! function renders SVG in the native tests).
//!
//! This component only wires events to pure code: the places and flows come from
//! [`FlowMapInput::build`], the framing from [`fit_to_flows`], hover from
//! [`FlowMapLayout::arc_at`], clicks from the world map's hit test.
//!
//! Interaction:
//! * hover an arc (or tap it) for a tooltip with the pair, TIV, years and top systems; the
//!   flow becomes the app's [`Selection`], so the other views highlight it too;
//! * click (or tap) a country or a dot for a menu that filters by it as supplier or
//!   recipient;
//! * zoom with the buttons, the wheel or a pinch, pan by dragging with a mouse (or with
//!   two fingers);
//! * keyboard: focus the map, arrow keys step through the places, Enter opens the menu,
//!   `+`/`-` zoom, `0` fits the flows, Escape closes.
//!
//! The pieces: `MapView` holds the map's signals (this file); `draw` paints; `interaction`
//! zooms, pans and handles keys; `tooltip`, `menu`, `legend` and `places` are what their
//! names say; `land` holds the land's paths.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use atlas_core::import::places::PlaceTable;

use atlas_core::geo::projection::Viewport;
use atlas_core::geo::world::WorldMap;
use atlas_core::model::EntityId;
use atlas_core::render::flowmap::{fit_to_flows, MapEmphasis};
use atlas_core::render::flowmap::{FlowMapInput, FlowMapLayout};
use atlas_core::text::views::{flowmap_alt_in, flowmap_title_in};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::{use_app_state, AppState, MapLoad, Selection, Shared};
use crate::views::export::MapDownloads;
use crate::widgets::canvas;
use interaction::Pointers;
use menu::{entities_by_country, Menu};
use tooltip::Tip;

mod draw;
mod interaction;
pub mod land;
mod legend;
mod menu;
mod places;
mod tooltip;

/// How far out and in the map may zoom, relative to the whole world fitted.
const MIN_ZOOM: f64 = 0.8;
const MAX_ZOOM: f64 = 80.0;
/// One press of "+" or "−".
const ZOOM_STEP: f64 = 1.6;
/// Pixels of slack when pointing at an arc (more for a finger).
const MOUSE_SLACK: f64 = 3.0;
const TOUCH_SLACK: f64 = 10.0;
/// Tooltip and menu widths, as in the stylesheet, to keep them inside the map.
const TIP_WIDTH: f64 = 230.0;
const MENU_WIDTH: f64 = 280.0;

/// The entities each country on the map stands for, by its ISO number.
type ByCountry = HashMap<u16, Vec<EntityId>>;
/// The data's suppliers and its recipients.
type Sides = (HashSet<EntityId>, HashSet<EntityId>);

/// The map's state: what it draws, what the reader did to it, and its DOM nodes. `Copy`
/// (signal handles), so event handlers and views each take their own.
#[derive(Clone, Copy)]
struct MapView {
    state: AppState,
    canvas_ref: NodeRef<leptos::html::Canvas>,
    frame_ref: NodeRef<leptos::html::Div>,
    menu_ref: NodeRef<leptos::html::Div>,
    /// The places and flows to draw, from the aggregates.
    input: Memo<Option<Shared<FlowMapInput>>>,
    world: Memo<Option<Shared<WorldMap>>>,
    /// The entities each country on the map stands for.
    countries: Memo<Option<Arc<ByCountry>>>,
    /// The suppliers and the recipients of the data (which menu buttons apply).
    sides: Memo<Option<Arc<Sides>>>,
    /// A zoom or pan, with the flows it was made on.
    manual: RwSignal<Option<(Shared<FlowMapInput>, Viewport)>>,
    tip: RwSignal<Option<Tip>>,
    menu: RwSignal<Option<Menu>>,
    /// The place the keyboard is on.
    focus: RwSignal<Option<EntityId>>,
    /// Where the last drawing put things, for hit tests.
    layout: StoredValue<Option<FlowMapLayout>>,
    pointers: StoredValue<Pointers>,
    /// The canvas size in CSS pixels.
    size: RwSignal<(f64, f64)>,
    viewport: Memo<Option<Viewport>>,
    emphasis: Memo<MapEmphasis>,
}

impl MapView {
    fn new() -> MapView {
        let state = use_app_state();
        let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
        let frame_ref = NodeRef::<leptos::html::Div>::new();
        let menu_ref = NodeRef::<leptos::html::Div>::new();

        let input = Memo::new(move |_| {
            let (Some(b), Some(agg), Some(colors)) =
                (state.bundle(), state.aggregates.get(), state.colors.get())
            else {
                return None;
            };
            let suppliers = state.filter.with(|f| f.suppliers.clone());
            Some(Shared(Arc::new(
                FlowMapInput::build(&b.dataset, &agg, &colors, PlaceTable::builtin())
                    .outline_suppliers(&suppliers),
            )))
        });
        let world = Memo::new(move |_| match state.map.get() {
            MapLoad::Ready(m) => Some(m),
            _ => None,
        });
        let countries = Memo::new(move |_| {
            state
                .bundle()
                .map(|b| Arc::new(entities_by_country(&b.dataset)))
        });
        let sides = Memo::new(move |_| {
            state.bundle().map(|b| {
                let s: HashSet<EntityId> = b.dataset.suppliers().into_iter().collect();
                let r: HashSet<EntityId> = b.dataset.recipients().into_iter().collect();
                Arc::new((s, r))
            })
        });

        // A zoom or pan holds only for the flows it was made on; a new filter frames anew.
        let manual = RwSignal::new(None::<(Shared<FlowMapInput>, Viewport)>);
        let tip = RwSignal::new(None::<Tip>);
        let menu = RwSignal::new(None::<Menu>);
        let focus = RwSignal::new(None::<EntityId>);
        let layout = StoredValue::new(None::<FlowMapLayout>);
        let pointers = StoredValue::new(Pointers::default());
        // The canvas size, reported by a ResizeObserver after layout (never measured in a draw).
        let size = canvas::observed_size(canvas_ref);
        // The viewport: the user's zoom, else a fit to the flows, at the measured size.
        let viewport = Memo::new(move |_| {
            let (w, h) = size.get();
            if w <= 0.0 || h <= 0.0 {
                return None;
            }
            let inp = input.get()?;
            Some(match user_view(input, manual) {
                Some(mut v) => {
                    v.resize(w, h);
                    v
                }
                None => fit_to_flows(&inp, world.get().as_deref(), w, h),
            })
        });

        // A memo, so that selections the map does not show (a year, a deal) cause no redraw.
        let emphasis = Memo::new(move |_| {
            if let Some(e) = focus.get() {
                return MapEmphasis::Entity(e);
            }
            match state.selection.get() {
                Some(Selection::Flow(s, r)) => MapEmphasis::Flow(s, r),
                Some(Selection::Supplier(e)) | Some(Selection::Recipient(e)) => {
                    MapEmphasis::Entity(e)
                }
                _ => MapEmphasis::None,
            }
        });
        MapView {
            state,
            canvas_ref,
            frame_ref,
            menu_ref,
            input,
            world,
            countries,
            sides,
            manual,
            tip,
            menu,
            focus,
            layout,
            pointers,
            size,
            viewport,
            emphasis,
        }
    }

    /// The reader's zoom or pan, if made on the flows shown now.
    fn override_vp(self) -> Option<Viewport> {
        user_view(self.input, self.manual)
    }

    /// The viewport of the last drawing.
    fn current_vp(self) -> Option<Viewport> {
        self.layout.with_value(|l| l.as_ref().map(|l| l.viewport))
    }

    /// The title: the filter in words, with the years.
    fn title(self) -> String {
        let MapView { state, .. } = self;
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| flowmap_title_in(tr(), &b.dataset, f, agg.years))
    }

    /// The map in words, for screen readers.
    fn alt(self) -> String {
        let MapView { state, .. } = self;
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| flowmap_alt_in(tr(), &b.dataset, f, &agg))
    }
}

/// A zoom or pan holds only for the flows it was made on; a new filter frames anew.
fn user_view(
    input: Memo<Option<Shared<FlowMapInput>>>,
    manual: RwSignal<Option<(Shared<FlowMapInput>, Viewport)>>,
) -> Option<Viewport> {
    let current = input.get()?;
    manual.get().filter(|(i, _)| *i == current).map(|(_, v)| v)
}

/// The flow map with its title, zoom buttons, tooltip, filter menu and notes.
#[component]
pub fn FlowMap() -> impl IntoView {
    let m = MapView::new();
    let state = m.state;
    draw::keep_painted(m);
    menu::focus_on_open(m);
    view! {
        <section class="view flowmap" aria-labelledby="flowmap-title" data-testid="view-flowmap"
            data-map=move || match state.map.get() {
                MapLoad::Loading => "loading",
                MapLoad::Ready(_) => "ready",
                MapLoad::Failed(_) => "failed",
            }>
            {head(m)}
            {frame(m)}
            <p class="visually-hidden" aria-live="polite">{move || m.focus_words()}</p>
            {legend::legend(m)}
            <For each=move || m.notes() key=|n| n.clone() children=move |n| view! {
                <p class="view-note map-note" data-testid="flowmap-note">{n}</p>
            }/>
            <p class="view-note">{t("map.note")}</p>
            {places::places_list(m)}
        </section>
    }
}

/// The title, the zoom buttons and the downloads.
fn head(m: MapView) -> impl IntoView {
    view! {
        <div class="view-head">
            <h2 id="flowmap-title" data-testid="flowmap-title">{move || m.title()}</h2>
            <div class="map-zoom" role="group" aria-label=t("map.zoom")>
                <button type="button" data-testid="map-zoom-in" aria-label=t("map.zoom_in") title=t("map.zoom_in")
                    on:click=move |_| m.zoom_by(ZOOM_STEP, None)>"+"</button>
                <button type="button" data-testid="map-zoom-out" aria-label=t("map.zoom_out") title=t("map.zoom_out")
                    on:click=move |_| m.zoom_by(1.0 / ZOOM_STEP, None)>"−"</button>
                <button type="button" data-testid="map-fit"
                    aria-pressed=move || m.override_vp().is_none().to_string()
                    on:click=move |_| m.fit()>{t("map.fit")}</button>
                <button type="button" data-testid="map-world" on:click=move |_| m.show_world()>{t("map.world")}</button>
            </div>
            <MapDownloads view=Signal::derive(move || m.override_vp())/>
        </div>
    }
}

/// The canvas with its tooltip and menu, in a focusable frame that takes the keys.
fn frame(m: MapView) -> impl IntoView {
    let MapView {
        canvas_ref,
        frame_ref,
        ..
    } = m;
    view! {
        <div class="map-frame" node_ref=frame_ref tabindex="0" role="group"
            aria-label=t("map.keys")
            on:keydown=move |ev| m.on_key(ev)>
            <canvas node_ref=canvas_ref class="map-canvas" data-testid="flowmap-canvas"
                role="img" aria-label=move || m.alt()
                on:pointerdown=move |ev| m.on_down(ev) on:pointermove=move |ev| m.on_move(ev)
                on:pointerup=move |ev| m.on_up(ev)
                on:pointercancel=move |ev| m.on_cancel(ev) on:pointerleave=move |ev| m.on_leave(ev)
                on:wheel=move |ev| m.on_wheel(ev)></canvas>
            {tooltip::tooltip(m)}
            {menu::menu(m)}
        </div>
    }
}

/// The bundle, read without tracking (for event handlers).
fn bundle_now(state: AppState) -> Option<Shared<atlas_core::store::bundle::Bundle>> {
    match state.load.get_untracked() {
        crate::state::Load::Ready(b) => Some(b),
        _ => None,
    }
}
