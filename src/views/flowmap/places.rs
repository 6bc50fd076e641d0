//! The places the map draws, as a text list: the screen-reader alternative to the canvas,
//! the order the arrow keys step through, and a test hook (each place with its screen
//! position).

use atlas_core::model::{EntityId, Tiv};
use atlas_core::render::flowmap::place_words_in;
use leptos::prelude::*;

use super::MapView;
use crate::state::locale::{t, tr};

/// A place in the text list (screen-reader alternative and test hook).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PlaceItem {
    pub(super) entity: EntityId,
    name: String,
    words: String,
    x: f64,
    y: f64,
}

impl MapView {
    /// The places drawn, largest first, with their words and screen positions.
    pub(super) fn places(self) -> Vec<PlaceItem> {
        let MapView {
            state,
            input,
            viewport,
            ..
        } = self;
        let (Some(b), Some(inp), Some(vp)) = (state.bundle(), input.get(), viewport.get()) else {
            return Vec::new();
        };
        let mut v: Vec<(Tiv, PlaceItem)> = inp
            .drawn_places()
            .map(|(_, p)| {
                let (x, y) = vp.screen_from_lonlat(p.lonlat.0, p.lonlat.1);
                // Totals as in the rankings; what the arcs leave out is said with them.
                let words = place_words_in(tr(), &b.dataset, p);
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
    }

    /// The words for the place the keyboard is on.
    pub(super) fn focus_words(self) -> Option<String> {
        let MapView { focus, .. } = self;
        let e = focus.get()?;
        self.places()
            .into_iter()
            .find(|p| p.entity == e)
            .map(|p| tr().f("map.place_focus", &[("place", &p.words)]))
    }
}

/// The list of places (visually hidden). Items are keyed by the place: a filter change
/// that keeps a place patches its words and position in place.
pub(super) fn places_list(m: MapView) -> impl IntoView {
    let items = Memo::new(move |_| m.places());
    let by_entity = Memo::new(move |_| {
        items.with(|v| {
            v.iter()
                .map(|p| (p.entity, p.clone()))
                .collect::<std::collections::HashMap<EntityId, PlaceItem>>()
        })
    });
    let field = move |e: EntityId, f: fn(&PlaceItem) -> String| {
        move || by_entity.with(|m| m.get(&e).map(f).unwrap_or_default())
    };
    view! {
        <ul class="visually-hidden" data-testid="flowmap-places" aria-label=t("map.places")>
            <For each=move || items.get() key=|p| p.entity children=move |p| {
                let e = p.entity;
                view! {
                    <li data-entity=p.name.clone()
                        data-x=field(e, |p| p.x.to_string())
                        data-y=field(e, |p| p.y.to_string())>
                        {field(e, |p| p.words.clone())}
                    </li>
                }
            }/>
        </ul>
    }
}
