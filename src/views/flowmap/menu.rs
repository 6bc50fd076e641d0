//! The flow map's filter menu: click (or tap) a country or a dot, or press Enter on a
//! place, for a menu that filters by it as supplier or recipient. A country stands for its
//! state, the historical states on its territory and the non-state actors placed there.

use std::collections::HashMap;

use atlas_core::import::places::{PlaceRule, PlaceTable};

use atlas_core::model::EntityId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{bundle_now, MapView, MENU_WIDTH};
use crate::state::locale::{t, tr};

/// The filter menu: a country or dot and the entities it stands for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Menu {
    title: String,
    pub(super) entities: Vec<EntityId>,
    x: f64,
    y: f64,
}

/// Which entities a country on the map stands for: its state, the historical states on its
/// territory, then the non-state actors placed there, each only if it is in the dataset.
pub(super) fn entities_by_country(ds: &atlas_core::model::Dataset) -> HashMap<u16, Vec<EntityId>> {
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

impl MapView {
    /// The menu for whatever is under a point: a dot first, then a country.
    pub(super) fn menu_at(self, x: f64, y: f64, slack: f64) {
        let MapView {
            state,
            input,
            world,
            countries,
            menu,
            layout,
            ..
        } = self;
        let (Some(b), Some(inp)) = (bundle_now(state), input.get_untracked()) else {
            return;
        };
        let dot = layout.with_value(|l| l.as_ref().and_then(|l| l.dot_at((x, y), slack)));
        let found = if let Some(i) = dot {
            let p = &inp.places[i];
            Some((tr().sipri_name(&p.label).to_owned(), vec![p.entity]))
        } else {
            let world = world.get_untracked();
            let vp = self.current_vp();
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
                        .map(|e| tr().entity(&b.dataset, *e).to_owned())
                        .unwrap_or_else(|| c.name().to_owned());
                    (title, ids)
                }),
                _ => None,
            }
        };
        self.clear_hover();
        menu.set(found.map(|(title, entities)| Menu {
            title,
            entities,
            x,
            y,
        }));
    }

    /// The menu of a place (from the keyboard).
    pub(super) fn open_menu_for(self, e: EntityId) {
        let MapView {
            state,
            input,
            countries,
            menu,
            layout,
            ..
        } = self;
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
            title: tr().entity(&b.dataset, e).to_owned(),
            entities,
            x,
            y,
        }));
    }

    /// Closes the menu and gives the focus back to the map.
    pub(super) fn close_menu(self) {
        let MapView {
            frame_ref, menu, ..
        } = self;
        menu.set(None);
        if let Some(f) = frame_ref.get_untracked() {
            let _ = f.focus();
        }
    }

    /// Filters by `e` as supplier or recipient, and closes the menu.
    pub(super) fn apply(self, e: EntityId, recipient: bool) {
        let MapView {
            state,
            frame_ref,
            tip,
            menu,
            focus,
            ..
        } = self;
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
    }
}

/// Focuses the menu's first button when it opens, so the keyboard can use it at once.
/// The node exists before it is in the document, so focus on the next frame.
pub(super) fn focus_on_open(m: MapView) {
    let MapView { menu, menu_ref, .. } = m;
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
}

/// The menu, while open.
pub(super) fn menu(map: MapView) -> impl IntoView {
    let MapView {
        state,
        menu_ref,
        sides,
        menu,
        size,
        ..
    } = map;
    move || {
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
                let (name, label) = (ent.name.clone(), tr().entity_name(ent).to_owned());
                let can_supply = sides.0.contains(&e);
                let can_receive = sides.1.contains(&e);
                view! {
                    <div class="map-menu-row">
                        {several.then(|| view! { <span class="map-menu-entity">{label.clone()}</span> })}
                        <button type="button" data-testid="map-filter-supplier" data-entity=name.clone()
                            disabled=!can_supply
                            title=(!can_supply).then(|| tr().f("map.supplies_nothing", &[("name", &label)]))
                            on:click=move |_| map.apply(e, false)>{t("map.filter_supplier")}</button>
                        <button type="button" data-testid="map-filter-recipient" data-entity=name.clone()
                            disabled=!can_receive
                            title=(!can_receive).then(|| tr().f("map.receives_nothing", &[("name", &label)]))
                            on:click=move |_| map.apply(e, true)>{t("map.filter_recipient")}</button>
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
                        map.close_menu();
                    }
                }>
                <div class="map-menu-head">
                    <p class="map-menu-title">{m.title.clone()}</p>
                    <button type="button" class="map-menu-close" aria-label=t("map.close")
                        on:click=move |_| map.close_menu()>"×"</button>
                </div>
                {empty.then(|| view! { <p class="map-menu-note">{t("map.no_transfers")}</p> })}
                {rows_view}
            </div>
        })
    }
}
