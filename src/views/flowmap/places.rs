//! The places the map draws, as a text list: the screen-reader alternative to the canvas,
//! the order the arrow keys step through, and a test hook (each place with its screen
//! position).

use atlas_core::model::EntityId;
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

/// How many places the text list names, largest first. The list stays this short
/// whatever the data (a change patches at most this many items); the arrow keys on the
/// map still step through every place, and the last item says how many the list leaves
/// out.
pub(super) const PLACES_LISTED: usize = 25;

impl MapView {
    /// The places drawn, largest first, with their screen positions; their words are
    /// written only for the first `words_for` (the others get none).
    fn places_with_words(self, words_for: usize) -> Vec<PlaceItem> {
        let MapView {
            state,
            input,
            viewport,
            ..
        } = self;
        let (Some(b), Some(inp), Some(vp)) = (state.bundle(), input.get(), viewport.get()) else {
            return Vec::new();
        };
        let mut drawn: Vec<_> = inp.drawn_places().map(|(_, p)| p).collect();
        drawn.sort_by_key(|p| std::cmp::Reverse(p.weight()));
        drawn
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let (x, y) = vp.screen_from_lonlat(p.lonlat.0, p.lonlat.1);
                PlaceItem {
                    entity: p.entity,
                    name: b.dataset.entity(p.entity).name.clone(),
                    // Totals as in the rankings; what the arcs leave out is said with them.
                    words: if i < words_for {
                        place_words_in(tr(), &b.dataset, p)
                    } else {
                        String::new()
                    },
                    x: x.round(),
                    y: y.round(),
                }
            })
            .collect()
    }

    /// Every place drawn, largest first: the order the arrow keys step through.
    pub(super) fn place_order(self) -> Vec<EntityId> {
        self.places_with_words(0)
            .into_iter()
            .map(|p| p.entity)
            .collect()
    }

    /// The words for the place the keyboard is on.
    pub(super) fn focus_words(self) -> Option<String> {
        let MapView {
            state,
            input,
            focus,
            ..
        } = self;
        let e = focus.get()?;
        let b = state.bundle()?;
        input.with(|inp| {
            let p = inp.as_ref()?.drawn_places().find(|(_, p)| p.entity == e)?.1;
            let words = place_words_in(tr(), &b.dataset, p);
            Some(tr().f("map.place_focus", &[("place", &words)]))
        })
    }
}

/// The list of places (visually hidden). Items are keyed by the place: a filter change
/// that keeps a place patches its words and position in place.
pub(super) fn places_list(m: MapView) -> impl IntoView {
    let all = Memo::new(move |_| m.places_with_words(PLACES_LISTED));
    let items =
        Memo::new(move |_| all.with(|v| v.iter().take(PLACES_LISTED).cloned().collect::<Vec<_>>()));
    let left_out = Memo::new(move |_| all.with(|v| v.len().saturating_sub(PLACES_LISTED)));
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
            <Show when=move || { left_out.get() > 0 }>
                <li data-testid="flowmap-places-more">{move || {
                    tr().p("map.places_more", left_out.get() as u64, &[])
                }}</li>
            </Show>
        </ul>
    }
}
