//! The flow map view: arcs from supplier to recipient on a world map, recipients shaded by
//! what they imported, drawn on a canvas by `atlas_core::render::draw_flowmap` (the same
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

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use atlas_core::data::{EntityId, PlaceRule, PlaceTable, Tiv};
use atlas_core::geo::Viewport;
use atlas_core::render::flowmap::{
    fit_to_flows, legend_reserve, off_map_note_in, omitted_note_in, top_systems, world_view,
    MapEmphasis,
};
use atlas_core::render::text::{flowmap_alt_in, flowmap_title_in};
use atlas_core::render::{draw_flowmap, FlowMapInput, FlowMapLayout, FlowMapOptions, Palette, Rgb};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;

use crate::state::locale::{t, tr};
use crate::state::perf;
use crate::state::{use_app_state, AppState, MapLoad, Selection, Shared};
use crate::views::export::MapDownloads;
use crate::widgets::canvas;
use land::LandPaths;

pub mod land;

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

/// The tooltip: a flow and where the pointer was.
#[derive(Debug, Clone, PartialEq)]
struct Tip {
    supplier: EntityId,
    recipient: EntityId,
    x: f64,
    y: f64,
}

/// The filter menu: a country or dot and the entities it stands for.
#[derive(Debug, Clone, PartialEq)]
struct Menu {
    title: String,
    entities: Vec<EntityId>,
    x: f64,
    y: f64,
}

/// Pointers currently down on the map, for drag and pinch.
#[derive(Debug, Clone, Default)]
struct Pointers {
    down: Vec<(i32, f64, f64)>,
    start: Option<(f64, f64)>,
    moved: bool,
    touch: bool,
}

/// A supplier's swatch in the colour key.
#[derive(Debug, Clone, PartialEq)]
struct Swatch {
    label: String,
    color: Rgb,
}

/// A place in the text list (screen-reader alternative and test hook).
#[derive(Debug, Clone, PartialEq)]
struct PlaceItem {
    entity: EntityId,
    name: String,
    words: String,
    x: f64,
    y: f64,
}

fn world_scale(w: f64, h: f64) -> f64 {
    Viewport::world(w, h, 8.0).scale()
}

/// Zooms `vp` by `factor` around a screen point, within the allowed range.
fn zoomed(mut vp: Viewport, factor: f64, at: (f64, f64)) -> Viewport {
    let base = world_scale(vp.width(), vp.height());
    let target = (vp.scale() * factor).clamp(base * MIN_ZOOM, base * MAX_ZOOM);
    vp.zoom(target / vp.scale(), at.0, at.1);
    vp
}

/// Which entities a country on the map stands for: its state, the historical states on its
/// territory, then the non-state actors placed there, each only if it is in the dataset.
fn entities_by_country(ds: &atlas_core::data::Dataset) -> HashMap<u16, Vec<EntityId>> {
    let table = PlaceTable::builtin();
    let mut by: HashMap<u16, Vec<(u8, String, EntityId)>> = HashMap::new();
    for (i, e) in ds.entities.iter().enumerate() {
        let Some(p) = table.get(&e.name).filter(|p| p.is_drawn()) else {
            continue;
        };
        let rank = match p.rule {
            PlaceRule::State => 0,
            PlaceRule::Historical => 1,
            PlaceRule::NonState => 2,
            _ => continue,
        };
        if let Some(iso) = p.isonum {
            by.entry(iso)
                .or_default()
                .push((rank, e.name.clone(), EntityId(i as u32)));
        }
    }
    by.into_iter()
        .map(|(iso, mut v)| {
            v.sort();
            (iso, v.into_iter().map(|(_, _, id)| id).collect())
        })
        .collect()
}

/// The flow map with its title, zoom buttons, tooltip, filter menu and notes.
#[component]
pub fn FlowMap() -> impl IntoView {
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
        Some(Shared(Arc::new(FlowMapInput::build(
            &b.dataset,
            &agg,
            &colors,
            PlaceTable::builtin(),
        ))))
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
    let override_vp = move || {
        let current = input.get()?;
        manual.get().filter(|(i, _)| *i == current).map(|(_, v)| v)
    };
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
        Some(match override_vp() {
            Some(mut v) => {
                v.resize(w, h);
                v
            }
            None => fit_to_flows(&inp, w, h),
        })
    });

    // A memo, so that selections the map does not show (a year, a deal) cause no redraw.
    let emphasis = Memo::new(move |_| {
        if let Some(e) = focus.get() {
            return MapEmphasis::Entity(e);
        }
        match state.selection.get() {
            Some(Selection::Flow(s, r)) => MapEmphasis::Flow(s, r),
            Some(Selection::Supplier(e)) | Some(Selection::Recipient(e)) => MapEmphasis::Entity(e),
            _ => MapEmphasis::None,
        }
    });

    // The land's paths, built once per world map (keyed by its address).
    let land_paths = StoredValue::new_local(None::<(usize, LandPaths)>);
    Effect::new(move |_| {
        let (w, h) = size.get();
        let (Some(el), Some(inp)) = (canvas_ref.get(), input.get()) else {
            return;
        };
        let world = world.get();
        let emphasis = emphasis.get();
        let menu_focus = menu.with(|m| m.as_ref().and_then(|m| m.entities.first().copied()));
        let vp = viewport.get();
        let Some((backend, ratio)) = canvas::prepare_at(&el, (w, h)) else {
            return;
        };
        let vp = match vp {
            Some(mut v) => {
                if (v.width(), v.height()) != (w, h) {
                    v.resize(w, h);
                }
                v
            }
            None => fit_to_flows(&inp, w, h),
        };
        perf::mark("atlas:draw:map:start");
        let pal: Palette = state.scheme.get().palette();
        let opts = FlowMapOptions {
            world: world.as_deref(),
            viewport: vp,
            palette: &pal,
            font: "system-ui, sans-serif",
            scale: ratio,
            emphasis,
            focus: focus.get().or(menu_focus),
            empty_message: tr().t("map.empty_short"),
            tr: tr(),
            base_drawn: false,
        };
        let mut opts = opts;
        if let Some(w) = world.as_deref() {
            let key = std::ptr::from_ref(w) as usize;
            if land_paths.with_value(|l| l.as_ref().map(|(k, _)| *k)) != Some(key) {
                land_paths.set_value(LandPaths::build(w).map(|p| (key, p)));
            }
            opts.base_drawn = land_paths.with_value(|l| {
                l.as_ref()
                    .is_some_and(|(_, p)| p.paint(&el, &inp, &opts, ratio))
            });
        }
        let root = backend.into_drawing_area();
        match draw_flowmap(&root, &inp, &opts) {
            Ok(l) => layout.set_value(Some(l)),
            Err(e) => leptos::logging::warn!("flow map drawing failed: {e:?}"),
        }
        perf::measure("atlas:draw:map", "atlas:draw:map:start");
    });

    // ------------------------------------------------------------ words

    let title = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| flowmap_title_in(tr(), &b.dataset, f, agg.years))
    };
    let alt = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| flowmap_alt_in(tr(), &b.dataset, f, &agg))
    };
    let notes = move || {
        let (Some(b), Some(inp)) = (state.bundle(), input.get()) else {
            return Vec::new();
        };
        let mut v = Vec::new();
        if inp.is_empty() {
            v.push(if inp.off_map.is_empty() {
                tr().t("map.empty").to_owned()
            } else {
                tr().t("map.none_placed").to_owned()
            });
        }
        v.extend(off_map_note_in(tr(), &b.dataset, &inp));
        v.extend(omitted_note_in(tr(), &inp));
        if let MapLoad::Failed(e) = state.map.get() {
            v.push(tr().f("map.load_failed", &[("error", &e)]));
        }
        v
    };
    let swatches = move || {
        let (Some(b), Some(inp), Some(colors)) = (state.bundle(), input.get(), state.colors.get())
        else {
            return Vec::new();
        };
        let other = state.scheme.get().palette().other;
        let mut seen = HashSet::new();
        let mut out: Vec<(Tiv, Swatch)> = Vec::new();
        let mut others = false;
        for p in &inp.places {
            if p.exported == Tiv::ZERO || !seen.insert(p.entity) {
                continue;
            }
            let c = colors.supplier(p.entity);
            if c == other {
                others = true;
            } else {
                out.push((
                    p.exported,
                    Swatch {
                        label: b.dataset.entity(p.entity).label().to_owned(),
                        color: c,
                    },
                ));
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut v: Vec<Swatch> = out.into_iter().map(|(_, s)| s).collect();
        if others {
            v.push(Swatch {
                label: tr().t("map.other_suppliers").into(),
                color: other,
            });
        }
        v
    };
    let places = move || -> Vec<PlaceItem> {
        let (Some(b), Some(inp), Some(vp)) = (state.bundle(), input.get(), viewport.get()) else {
            return Vec::new();
        };
        let mut v: Vec<(Tiv, PlaceItem)> = inp
            .drawn_places()
            .map(|(_, p)| {
                let (x, y) = vp.screen_from_lonlat(p.lonlat.0, p.lonlat.1);
                let mut words = p.label.clone();
                let tr = tr();
                if p.imported > Tiv::ZERO {
                    words.push_str(&tr.f("map.place_received", &[("tiv", &tr.tiv(p.imported))]));
                }
                if p.exported > Tiv::ZERO {
                    words.push_str(&tr.f("map.place_supplied", &[("tiv", &tr.tiv(p.exported))]));
                }
                (
                    p.weight(),
                    PlaceItem {
                        entity: p.entity,
                        name: b.dataset.entity(p.entity).name.clone(),
                        words,
                        x: x.round(),
                        y: y.round(),
                    },
                )
            })
            .collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.0));
        v.into_iter().map(|(_, p)| p).collect()
    };

    // ------------------------------------------------------------ actions

    let current_vp =
        move || -> Option<Viewport> { layout.with_value(|l| l.as_ref().map(|l| l.viewport)) };
    let set_view = move |vp: Viewport| {
        if let Some(i) = input.get_untracked() {
            manual.set(Some((i, vp)));
        }
    };
    let zoom_by = move |factor: f64, at: Option<(f64, f64)>| {
        if let (Some(vp), Some(inp)) = (current_vp(), input.get_untracked()) {
            // The buttons zoom around the middle of the map above the legend's strip.
            let strip = legend_reserve(&inp, vp.width(), vp.height());
            let at = at.unwrap_or((vp.width() / 2.0, (vp.height() - strip) / 2.0));
            set_view(zoomed(vp, factor, at));
        }
    };
    let fit = move || manual.set(None);
    let show_world = move || {
        if let (Some(vp), Some(inp)) = (current_vp(), input.get_untracked()) {
            set_view(world_view(&inp, vp.width(), vp.height()));
        }
    };
    let clear_hover = move || {
        tip.set(None);
        if matches!(state.selection.get_untracked(), Some(Selection::Flow(_, _))) {
            state.selection.set(None);
        }
    };
    let hover_at = move |x: f64, y: f64, slack: f64| -> bool {
        let Some(inp) = input.get_untracked() else {
            return false;
        };
        // While the menu is open it has the user's attention; no tooltip beside it.
        if menu.with_untracked(Option::is_some) {
            return false;
        }
        let hit = layout.with_value(|l| l.as_ref().and_then(|l| l.arc_at((x, y), slack)));
        match hit.and_then(|i| inp.flows.get(i)) {
            Some(f) => {
                let t = Tip {
                    supplier: f.supplier,
                    recipient: f.recipient,
                    x,
                    y,
                };
                if tip.get_untracked().as_ref() != Some(&t) {
                    tip.set(Some(t));
                }
                let sel = Some(Selection::Flow(f.supplier, f.recipient));
                if state.selection.get_untracked() != sel {
                    state.selection.set(sel);
                }
                true
            }
            None => {
                if tip.get_untracked().is_some() {
                    clear_hover();
                }
                false
            }
        }
    };
    // The menu for whatever is under a point: a dot first, then a country.
    let menu_at = move |x: f64, y: f64, slack: f64| {
        let (Some(b), Some(inp)) = (bundle_now(state), input.get_untracked()) else {
            return;
        };
        let dot = layout.with_value(|l| l.as_ref().and_then(|l| l.dot_at((x, y), slack)));
        let found = if let Some(i) = dot {
            let p = &inp.places[i];
            Some((p.label.clone(), vec![p.entity]))
        } else {
            let world = world.get_untracked();
            let vp = current_vp();
            match (world, vp) {
                (Some(m), Some(vp)) => m.country_at_screen(&vp, x, y).map(|ci| {
                    let c = &m.countries()[ci];
                    let ids = countries
                        .get_untracked()
                        .and_then(|by| by.get(&c.id()).cloned())
                        .filter(|_| c.id() != 0)
                        .unwrap_or_default();
                    let title = ids
                        .first()
                        .map(|e| b.dataset.entity(*e).label().to_owned())
                        .unwrap_or_else(|| c.name().to_owned());
                    (title, ids)
                }),
                _ => None,
            }
        };
        clear_hover();
        menu.set(found.map(|(title, entities)| Menu {
            title,
            entities,
            x,
            y,
        }));
    };
    let open_menu_for = move |e: EntityId| {
        let (Some(b), Some(inp)) = (bundle_now(state), input.get_untracked()) else {
            return;
        };
        let Some(i) = inp.place_index(e) else {
            return;
        };
        let (x, y) = layout.with_value(|l| {
            l.as_ref()
                .and_then(|l| l.points.get(i).copied())
                .unwrap_or((20.0, 20.0))
        });
        let p = &inp.places[i];
        let mut entities = vec![e];
        if !p.is_dot() {
            if let Some(more) = countries
                .get_untracked()
                .and_then(|c| p.iso.and_then(|iso| c.get(&iso).cloned()))
            {
                entities.extend(more.into_iter().filter(|m| *m != e));
            }
        }
        menu.set(Some(Menu {
            title: b.dataset.entity(e).label().to_owned(),
            entities,
            x,
            y,
        }));
    };
    let close_menu = move || {
        menu.set(None);
        if let Some(f) = frame_ref.get_untracked() {
            let _ = f.focus();
        }
    };
    let apply = move |e: EntityId, recipient: bool| {
        state.filter.update(|f| {
            if recipient {
                f.recipients = vec![e];
            } else {
                f.suppliers = vec![e];
            }
        });
        menu.set(None);
        tip.set(None);
        focus.set(None);
        if let Some(f) = frame_ref.get_untracked() {
            let _ = f.focus();
        }
    };

    // Focus the menu's first button when it opens, so the keyboard can use it at once.
    // The node exists before it is in the document, so focus on the next frame.
    Effect::new(move |_| {
        if menu.with(Option::is_some) {
            if let Some(el) = menu_ref.get() {
                request_animation_frame(move || {
                    if let Ok(Some(b)) = el.query_selector(".map-menu-row button:not([disabled])") {
                        if let Ok(b) = b.dyn_into::<web_sys::HtmlElement>() {
                            let _ = b.focus();
                        }
                    }
                });
            }
        }
    });

    // ------------------------------------------------------------ pointer events

    let on_down = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        if let Some(el) = canvas_ref.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            p.down.push((ev.pointer_id(), x, y));
            if p.down.len() == 1 {
                p.start = Some((x, y));
                p.moved = false;
                p.touch = ev.pointer_type() != "mouse";
            } else {
                p.moved = true;
            }
        });
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let id = ev.pointer_id();
        let before = pointers.with_value(|p| p.down.clone());
        let Some(prev) = before.iter().find(|d| d.0 == id).copied() else {
            // No button down: hover.
            if ev.pointer_type() == "mouse" {
                hover_at(x, y, MOUSE_SLACK);
            }
            return;
        };
        pointers.update_value(|p| {
            if let Some(d) = p.down.iter_mut().find(|d| d.0 == id) {
                *d = (id, x, y);
            }
            if let Some(s) = p.start {
                if (x - s.0).hypot(y - s.1) > 4.0 {
                    p.moved = true;
                }
            }
        });
        let Some(vp) = current_vp() else {
            return;
        };
        if before.len() >= 2 {
            // Pinch: zoom by the change in finger distance, pan by the centroid's move.
            let other = before.iter().find(|d| d.0 != id).copied().unwrap_or(prev);
            let d0 = (prev.1 - other.1).hypot(prev.2 - other.2);
            let d1 = (x - other.1).hypot(y - other.2);
            let c0 = ((prev.1 + other.1) / 2.0, (prev.2 + other.2) / 2.0);
            let c1 = ((x + other.1) / 2.0, (y + other.2) / 2.0);
            let mut v = vp;
            v.pan(c1.0 - c0.0, c1.1 - c0.1);
            if d0 > 1.0 && d1 > 1.0 {
                v = zoomed(v, d1 / d0, c1);
            }
            set_view(v);
        } else if pointers.with_value(|p| p.moved) {
            let mut v = vp;
            v.pan(x - prev.1, y - prev.2);
            set_view(v);
            if tip.get_untracked().is_some() {
                clear_hover();
            }
        }
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let (was_click, touch, last) = pointers.with_value(|p| {
            (
                !p.moved && p.down.iter().any(|d| d.0 == ev.pointer_id()),
                p.touch,
                p.down.len() == 1,
            )
        });
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            if p.down.is_empty() {
                p.start = None;
            }
        });
        if let Some(el) = canvas_ref.get_untracked() {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        if !(was_click && last) {
            return;
        }
        focus.set(None);
        // A tap on an arc shows its tooltip; anywhere else it opens the menu there.
        if touch && hover_at(x, y, TOUCH_SLACK) {
            menu.set(None);
            return;
        }
        menu_at(x, y, if touch { 8.0 } else { 2.0 });
    };
    let on_cancel = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            if p.down.is_empty() {
                p.start = None;
            }
        });
    };
    let on_leave = move |ev: leptos::ev::PointerEvent| {
        if ev.pointer_type() == "mouse" && pointers.with_value(|p| p.down.is_empty()) {
            clear_hover();
        }
    };
    // The wheel zooms only when the map has the focus (after a click on it, or Tab) or
    // with Ctrl (which is also how trackpads report a pinch); otherwise it scrolls the
    // page, so a reader scrolling past the map is not caught by it.
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        let focused = frame_ref.get_untracked().is_some_and(|f| {
            document()
                .active_element()
                .is_some_and(|a| f.contains(Some(a.as_ref())))
        });
        if !(focused || ev.ctrl_key()) {
            return;
        }
        ev.prevent_default();
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-ev.delta_y() * unit * 0.0025).exp().clamp(0.5, 2.0);
        zoom_by(
            factor,
            Some((f64::from(ev.offset_x()), f64::from(ev.offset_y()))),
        );
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Keys typed inside the menu are the menu's business.
        let from_frame = match (ev.target(), frame_ref.get_untracked()) {
            (Some(t), Some(f)) => t.dyn_ref::<web_sys::Element>() == Some(f.as_ref()),
            _ => false,
        };
        let key = ev.key();
        if key == "Escape" {
            if menu.get_untracked().is_some() {
                close_menu();
            } else {
                focus.set(None);
                clear_hover();
            }
            ev.prevent_default();
            return;
        }
        if !from_frame {
            return;
        }
        let list = places();
        let step = |d: isize| {
            if list.is_empty() {
                return;
            }
            let n = list.len() as isize;
            let i = focus
                .get_untracked()
                .and_then(|e| list.iter().position(|p| p.entity == e))
                .map_or(if d > 0 { 0 } else { n - 1 }, |i| {
                    (i as isize + d).rem_euclid(n)
                });
            focus.set(Some(list[i as usize].entity));
        };
        match key.as_str() {
            "ArrowRight" | "ArrowDown" => step(1),
            "ArrowLeft" | "ArrowUp" => step(-1),
            "Enter" | " " => {
                if let Some(e) = focus.get_untracked() {
                    open_menu_for(e);
                }
            }
            "+" | "=" => zoom_by(ZOOM_STEP, None),
            "-" | "_" => zoom_by(1.0 / ZOOM_STEP, None),
            "0" => fit(),
            _ => return,
        }
        ev.prevent_default();
    };
    let focus_words = move || {
        let e = focus.get()?;
        places()
            .into_iter()
            .find(|p| p.entity == e)
            .map(|p| tr().f("map.place_focus", &[("place", &p.words)]))
    };

    // ------------------------------------------------------------ view

    let tip_view = move || {
        let t = tip.get()?;
        let (b, inp, agg) = (state.bundle()?, input.get()?, state.aggregates.get()?);
        let f = inp
            .flows
            .get(inp.flow_index(t.supplier, t.recipient)?)?
            .clone();
        let ds = &b.dataset;
        let systems = state
            .filter
            .with(|filter| top_systems(ds, filter, agg.years, f.supplier, f.recipient, 3));
        let systems: Vec<String> = systems.iter().map(|(s, _)| ds.str(*s).to_owned()).collect();
        let (w, h) = size.get();
        let left = if t.x + 14.0 + TIP_WIDTH > w {
            (t.x - 14.0 - TIP_WIDTH).max(4.0)
        } else {
            t.x + 14.0
        };
        let top = if t.y + 120.0 > h {
            (t.y - 120.0).max(4.0)
        } else {
            t.y + 14.0
        };
        let years =
            atlas_core::data::YearRange::new(i64::from(f.first_year), i64::from(f.last_year))
                .map(|r| tr().years(r.from(), r.to()))
                .unwrap_or_default();
        let tr = tr();
        Some(view! {
            <div class="map-tooltip" role="status" data-testid="flowmap-tooltip"
                style:left=format!("{left:.0}px") style:top=format!("{top:.0}px")>
                <p class="map-tooltip-pair">
                    {ds.entity(f.supplier).label().to_owned()}" → "{ds.entity(f.recipient).label().to_owned()}
                </p>
                <p><strong>{tr.tiv(f.tiv)}</strong>" "{tr.f("map.tip_tiv", &[("years", &years)])}</p>
                {(f.estimated.0 > 0).then(|| view! {
                    <p class="map-tooltip-est">{tr.f("map.tip_est", &[("share", &tr.share(f.estimated.0, f.tiv.0.max(1)))])}</p>
                })}
                {(!systems.is_empty()).then(|| view! {
                    <p class="map-tooltip-systems">{tr.f("map.tip_systems", &[("list", &systems.join(", "))])}</p>
                })}
            </div>
        })
    };
    let menu_view = move || {
        let m = menu.get()?;
        let b = state.bundle()?;
        let sides = sides.get()?;
        let (w, h) = size.get();
        let left = (m.x - MENU_WIDTH / 2.0).clamp(4.0, (w - MENU_WIDTH - 4.0).max(4.0));
        let per_row = if m.entities.len() > 1 { 62.0 } else { 44.0 };
        let menu_h = 48.0 + per_row * m.entities.len().max(1) as f64;
        let top = if m.y + 10.0 + menu_h > h {
            (m.y - 10.0 - menu_h).max(4.0)
        } else {
            m.y + 10.0
        };
        let several = m.entities.len() > 1;
        let rows_view = m
            .entities
            .iter()
            .map(|&e| {
                let ent = b.dataset.entity(e);
                let (name, label) = (ent.name.clone(), ent.label().to_owned());
                let can_supply = sides.0.contains(&e);
                let can_receive = sides.1.contains(&e);
                view! {
                    <div class="map-menu-row">
                        {several.then(|| view! { <span class="map-menu-entity">{label.clone()}</span> })}
                        <button type="button" data-testid="map-filter-supplier" data-entity=name.clone()
                            disabled=!can_supply
                            title=(!can_supply).then(|| tr().f("map.supplies_nothing", &[("name", &label)]))
                            on:click=move |_| apply(e, false)>{t("map.filter_supplier")}</button>
                        <button type="button" data-testid="map-filter-recipient" data-entity=name.clone()
                            disabled=!can_receive
                            title=(!can_receive).then(|| tr().f("map.receives_nothing", &[("name", &label)]))
                            on:click=move |_| apply(e, true)>{t("map.filter_recipient")}</button>
                    </div>
                }
            })
            .collect_view();
        let empty = m.entities.is_empty();
        Some(view! {
            <div class="map-menu" role="dialog" aria-label=tr().f("map.menu_label", &[("name", &m.title)])
                data-testid="flowmap-menu" node_ref=menu_ref
                style:left=format!("{left:.0}px") style:top=format!("{top:.0}px")
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        ev.stop_propagation();
                        close_menu();
                    }
                }>
                <div class="map-menu-head">
                    <p class="map-menu-title">{m.title.clone()}</p>
                    <button type="button" class="map-menu-close" aria-label=t("map.close")
                        on:click=move |_| close_menu()>"×"</button>
                </div>
                {empty.then(|| view! { <p class="map-menu-note">{t("map.no_transfers")}</p> })}
                {rows_view}
            </div>
        })
    };

    view! {
        <section class="view flowmap" aria-labelledby="flowmap-title" data-testid="view-flowmap"
            data-map=move || match state.map.get() {
                MapLoad::Loading => "loading",
                MapLoad::Ready(_) => "ready",
                MapLoad::Failed(_) => "failed",
            }>
            <div class="view-head">
                <h2 id="flowmap-title" data-testid="flowmap-title">{title}</h2>
                <div class="map-zoom" role="group" aria-label=t("map.zoom")>
                    <button type="button" data-testid="map-zoom-in" aria-label=t("map.zoom_in") title=t("map.zoom_in")
                        on:click=move |_| zoom_by(ZOOM_STEP, None)>"+"</button>
                    <button type="button" data-testid="map-zoom-out" aria-label=t("map.zoom_out") title=t("map.zoom_out")
                        on:click=move |_| zoom_by(1.0 / ZOOM_STEP, None)>"−"</button>
                    <button type="button" data-testid="map-fit"
                        aria-pressed=move || override_vp().is_none().to_string()
                        on:click=move |_| fit()>{t("map.fit")}</button>
                    <button type="button" data-testid="map-world" on:click=move |_| show_world()>{t("map.world")}</button>
                </div>
                <MapDownloads view=Signal::derive(override_vp)/>
            </div>
            <div class="map-frame" node_ref=frame_ref tabindex="0" role="group"
                aria-label=t("map.keys")
                on:keydown=on_key>
                <canvas node_ref=canvas_ref class="map-canvas" data-testid="flowmap-canvas"
                    role="img" aria-label=alt
                    on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
                    on:pointercancel=on_cancel on:pointerleave=on_leave on:wheel=on_wheel></canvas>
                {tip_view}
                {menu_view}
            </div>
            <p class="visually-hidden" aria-live="polite">{focus_words}</p>
            <ul class="legend map-key" aria-label=t("map.key")>
                <For each=swatches key=|s| (s.label.clone(), s.color) children=move |s| view! {
                    <li>
                        <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                            <rect width="12" height="12" rx="2" fill=s.color.hex()/>
                        </svg>
                        {s.label.clone()}
                    </li>
                }/>
                <li class="legend-estimate">
                    <svg class="swatch" width="24" height="12" viewBox="0 0 24 12" aria-hidden="true">
                        <rect class="est-swatch-fill" width="24" height="12" rx="2"/>
                        <path class="est-swatch-dash" d="M2 6H22" stroke-width="2.5" stroke-dasharray="4 3"/>
                    </svg>
                    {t("map.dashed_estimated")}
                </li>
            </ul>
            <For each=notes key=|n| n.clone() children=move |n| view! {
                <p class="view-note map-note" data-testid="flowmap-note">{n}</p>
            }/>
            <p class="view-note">{t("map.note")}</p>
            <ul class="visually-hidden" data-testid="flowmap-places" aria-label=t("map.places")>
                <For each=places key=|p| (p.entity, p.x as i64, p.y as i64, p.words.clone()) children=move |p| view! {
                    <li data-entity=p.name.clone() data-x=p.x.to_string() data-y=p.y.to_string()>{p.words.clone()}</li>
                }/>
            </ul>
        </section>
    }
}

/// The bundle, read without tracking (for event handlers).
fn bundle_now(state: AppState) -> Option<Shared<atlas_core::data::Bundle>> {
    match state.load.get_untracked() {
        crate::state::Load::Ready(b) => Some(b),
        _ => None,
    }
}
