//! The map's words about its own input: the legend's numbers and the notes on what is
//! not drawn. They live here, not in `text`, because they read the flow-map input,
//! which sits in `render` (each flow carries its colour) where `text` may not reach.

use super::input::{FlowMapInput, MapFlow};
use crate::model::Dataset;
use crate::text::views::{group_thousands, tiv_label};
use crate::text::Tr;

/// A legend number: `0.2`, `5`, `1,000`.
pub fn legend_number(v: f64) -> String {
    legend_number_in(Tr::new(crate::text::Locale::En), v)
}

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

/// "China to Myanmar, 3,579 million TIV".
pub fn flow_words(ds: &Dataset, f: &MapFlow) -> String {
    format!(
        "{} to {}, {} million TIV",
        ds.entity(f.supplier).label(),
        ds.entity(f.recipient).label(),
        tiv_label(f.tiv)
    )
}

/// The canvas's text alternative: the title and the three largest flows in words.
pub fn flowmap_alt(ds: &Dataset, input: &FlowMapInput, title: &str) -> String {
    if input.is_empty() {
        return format!("Map: {title}. No flow can be drawn for these filters.");
    }
    let top: Vec<String> = input
        .flows
        .iter()
        .take(3)
        .map(|f| flow_words(ds, f))
        .collect();
    let more = input.flows.len() + input.omitted;
    format!(
        "Map: {title}. {} flow{} drawn; the largest: {}.",
        group_thousands(more as i64),
        if more == 1 { "" } else { "s" },
        top.join("; ")
    )
}

/// "Not on the map: unknown supplier(s), 28.5 million TIV", or `None` when every party
/// has a place.
pub fn off_map_note(ds: &Dataset, input: &FlowMapInput) -> Option<String> {
    if input.off_map.is_empty() {
        return None;
    }
    let parts: Vec<String> = input
        .off_map
        .iter()
        .map(|(e, t)| format!("{}, {t} million TIV", ds.entity(*e).label()))
        .collect();
    Some(format!("Not on the map: {}.", parts.join("; ")))
}

/// "Showing the 300 largest of 412 flows (the other 112 carry 85 million TIV).", when
/// flows were left out.
pub fn omitted_note(input: &FlowMapInput) -> Option<String> {
    (input.omitted > 0).then(|| {
        format!(
            "Showing the {} largest of {} flows; the other {} carry {} million TIV.",
            group_thousands(input.flows.len() as i64),
            group_thousands((input.flows.len() + input.omitted) as i64),
            group_thousands(input.omitted as i64),
            tiv_label(input.omitted_tiv)
        )
    })
}

/// [`off_map_note`] in the reader's language, numbers written its way.
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

/// [`omitted_note`] in the reader's language.
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
