//! The map's words about its own input: the legend's numbers and the notes on what is
//! not drawn. They live here, not in `text`, because they read the flow-map input,
//! which sits in `render` (each flow carries its colour) where `text` may not reach.

use super::input::FlowMapInput;
use crate::model::Dataset;
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
                &[("name", ds.entity(*e).label()), ("tiv", &tr.tiv(*t))],
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
