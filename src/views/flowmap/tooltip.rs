//! The flow map's tooltip: the flow under the pointer (hover, or a tap on touch screens),
//! with its TIV, years, estimated share and top systems. The flow becomes the app's
//! [`Selection`], so the other views highlight it too.

use atlas_core::analysis::aggregate::top_systems;
use atlas_core::model::EntityId;
use leptos::prelude::*;

use super::{MapView, TIP_WIDTH};
use crate::state::locale::tr;
use crate::state::Selection;

/// The tooltip: a flow and where the pointer was.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tip {
    supplier: EntityId,
    recipient: EntityId,
    x: f64,
    y: f64,
}

impl MapView {
    /// Hides the tooltip, and drops the linked selection if it was the flow.
    pub(super) fn clear_hover(self) {
        let MapView { state, tip, .. } = self;
        tip.set(None);
        if matches!(state.selection.get_untracked(), Some(Selection::Flow(_, _))) {
            state.selection.set(None);
        }
    }

    /// Shows the tooltip of the arc at a point, if any; whether there was one.
    pub(super) fn hover_at(self, x: f64, y: f64, slack: f64) -> bool {
        let MapView {
            state,
            input,
            tip,
            menu,
            layout,
            ..
        } = self;
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
                    self.clear_hover();
                }
                false
            }
        }
    }
}

/// The tooltip, while a flow is pointed at.
pub(super) fn tooltip(m: MapView) -> impl IntoView {
    let MapView {
        state,
        input,
        tip,
        size,
        ..
    } = m;
    move || {
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
        let years = atlas_core::analysis::filter::YearRange::new(
            i64::from(f.first_year),
            i64::from(f.last_year),
        )
        .map(|r| tr().years(r.from(), r.to()))
        .unwrap_or_default();
        let tr = tr();
        let (from, to) = (ds.entity(f.supplier), ds.entity(f.recipient));
        let pair = format!("{} → {}", tr.entity_name(from), tr.entity_name(to));
        // SIPRI's spelling, where the reader's language names a side otherwise.
        let sipri = (tr.sipri_note(from).is_some() || tr.sipri_note(to).is_some()).then(|| {
            // (An unknown party is words, not a name: shown translated.)
            fn spelt(tr: atlas_core::text::Tr, e: &atlas_core::model::Entity) -> &str {
                match tr.sipri_note(e) {
                    Some(_) => e.label(),
                    None => tr.entity_name(e),
                }
            }
            let names = format!("{} → {}", spelt(tr, from), spelt(tr, to));
            tr.f("names.sipri", &[("name", &names)])
        });
        Some(view! {
            <div class="map-tooltip" role="status" data-testid="flowmap-tooltip"
                style:left=format!("{left:.0}px") style:top=format!("{top:.0}px")>
                <p class="map-tooltip-pair">{pair}</p>
                {sipri.map(|s| view! { <p class="map-tooltip-sipri">{s}</p> })}
                <p><strong>{tr.tiv(f.tiv)}</strong>" "{tr.f("map.tip_tiv", &[("years", &years)])}</p>
                {(f.estimated.0 > 0).then(|| view! {
                    <p class="map-tooltip-est">{tr.f("map.tip_est", &[("share", &tr.share(f.estimated.0, f.tiv.0.max(1)))])}</p>
                })}
                {(!systems.is_empty()).then(|| view! {
                    <p class="map-tooltip-systems">{tr.f("map.tip_systems", &[("list", &systems.join(", "))])}</p>
                })}
            </div>
        })
    }
}
