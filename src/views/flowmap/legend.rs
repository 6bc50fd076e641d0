//! The flow map's colour key (the suppliers drawn, largest first, then "other suppliers"
//! and the dashed estimate) and the notes under it (nothing placed, flows off the map or
//! left out, the world map missing).

use std::collections::HashSet;

use atlas_core::model::Tiv;
use atlas_core::render::flowmap::{off_map_note_in, omitted_note_in};
use atlas_core::render::Rgb;
use leptos::prelude::*;

use super::MapView;
use crate::state::locale::{t, tr};
use crate::state::MapLoad;

/// A supplier's swatch in the colour key.
#[derive(Debug, Clone, PartialEq)]
struct Swatch {
    label: String,
    color: Rgb,
}

impl MapView {
    /// The notes under the map, in words.
    pub(super) fn notes(self) -> Vec<String> {
        let MapView { state, input, .. } = self;
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
    }

    /// The key's swatches: the suppliers drawn, largest first, then the others.
    fn swatches(self) -> Vec<Swatch> {
        let MapView { state, input, .. } = self;
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
                        label: tr().entity(&b.dataset, p.entity).to_owned(),
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
    }
}

/// The colour key.
pub(super) fn legend(m: MapView) -> impl IntoView {
    view! {
        <ul class="legend map-key" aria-label=t("map.key")>
            <For each=move || m.swatches() key=|s| (s.label.clone(), s.color) children=move |s| view! {
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
    }
}
