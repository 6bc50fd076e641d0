//! The map's words about its own input: the legend's numbers and the notes on what is
//! not drawn. They live here, not in `text`, because they read the flow-map input,
//! which sits in `render` (each flow carries its colour) where `text` may not reach.

use super::input::{FlowMapInput, MapPlace};
use crate::model::{Dataset, EntityId, Tiv};
use crate::text::Tr;

/// A legend number written the reader's way: `0,2`, `5`, `1 000` (fr), `1.000` (de).
pub fn legend_number_in(tr: Tr, v: f64) -> String {
    if v >= 1.0 || v == 0.0 {
        tr.int(v.round() as i64)
    } else {
        let decimals = if (v * 10.0 - (v * 10.0).round()).abs() < 1e-9 {
            1
        } else {
            2
        };
        tr.num(v, decimals)
    }
}

/// "Not on the map: unknown supplier(s), 28 million TIV.", or `None` when every party
/// has a place; in the reader's language, numbers written its way.
pub fn off_map_note_in(tr: Tr, ds: &Dataset, input: &FlowMapInput) -> Option<String> {
    if input.off_map.is_empty() {
        return None;
    }
    let parts: Vec<String> = input
        .off_map
        .iter()
        .map(|(e, t)| {
            tr.f(
                "map.off_entry",
                &[("name", tr.entity(ds, *e)), ("tiv", &tr.tiv(*t))],
            )
        })
        .collect();
    Some(tr.f("map.off_map", &[("list", &parts.join("; "))]))
}

/// "Showing the 300 largest of 412 flows; the other 112 carry 85 million TIV.", when
/// flows were left out; in the reader's language.
pub fn omitted_note_in(tr: Tr, input: &FlowMapInput) -> Option<String> {
    (input.omitted > 0).then(|| {
        tr.f(
            "map.omitted",
            &[
                ("shown", &tr.int(input.flows.len() as i64)),
                ("all", &tr.int((input.flows.len() + input.omitted) as i64)),
                ("rest", &tr.int(input.omitted as i64)),
                ("tiv", &tr.tiv(input.omitted_tiv)),
            ],
        )
    })
}

/// How many parties off the map a place's words name before "…".
const OFF_MAP_NAMED: usize = 3;

/// A place in words, for the map's list of places and the keyboard: "Myanmar, received
/// 7,339 million TIV (29 of it from unknown supplier(s), not on the map)". The totals are
/// everything the place received and supplied under the filter, the numbers the rankings
/// and the timeline give; the part the arcs do not show is said right there, with why.
pub fn place_words_in(tr: Tr, ds: &Dataset, p: &MapPlace) -> String {
    let names = |list: &[(EntityId, Tiv)]| {
        let mut v: Vec<&str> = list
            .iter()
            .take(OFF_MAP_NAMED)
            .map(|(e, _)| tr.entity(ds, *e))
            .collect();
        if list.len() > OFF_MAP_NAMED {
            v.push("…");
        }
        v.join(", ")
    };
    let side = |total: Tiv,
                key: &'static str,
                off: &[(EntityId, Tiv)],
                off_key: &'static str,
                omitted: Tiv| {
        let mut s = tr.f(key, &[("tiv", &tr.tiv(total))]);
        let mut why = Vec::new();
        if !off.is_empty() {
            let t: Tiv = off.iter().map(|(_, t)| *t).sum();
            why.push(tr.f(off_key, &[("tiv", &tr.tiv(t)), ("names", &names(off))]));
        }
        if omitted > Tiv::ZERO {
            why.push(tr.f("map.place_omitted", &[("tiv", &tr.tiv(omitted))]));
        }
        if !why.is_empty() {
            s.push_str(" (");
            s.push_str(&why.join("; "));
            s.push(')');
        }
        s
    };
    let mut words = tr.sipri_name(&p.label).to_owned();
    let u = &p.undrawn;
    if p.imported_total() > Tiv::ZERO {
        words.push_str(&side(
            p.imported_total(),
            "map.place_received",
            &u.from_off_map,
            "map.place_from_off_map",
            u.imported_omitted,
        ));
    }
    if p.exported_total() > Tiv::ZERO {
        words.push_str(&side(
            p.exported_total(),
            "map.place_supplied",
            &u.to_off_map,
            "map.place_to_off_map",
            u.exported_omitted,
        ));
    }
    words
}
