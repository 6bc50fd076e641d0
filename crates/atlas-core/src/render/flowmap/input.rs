//! What the flow map shows for one filter: places and drawable flows, built once per
//! filter change from the aggregates (pure data, no geometry). It sits with the drawing
//! rather than in `analysis` because each flow carries its supplier's colour.

use std::collections::HashMap;

use super::scale::ChoroplethScale;
use crate::analysis::aggregate::Aggregates;
use crate::import::places::{PlaceRule, PlaceTable};
use crate::model::{Dataset, EntityId, Tiv, Year};
use crate::render::{ColorMap, Rgb};

/// More flows than this are not drawn (the smallest are left out and the view says how
/// many): a full-register world view would otherwise be an unreadable hairball.
pub const MAX_FLOWS: usize = 300;

// ---------------------------------------------------------------- input

/// An entity that has a point on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPlace {
    pub entity: EntityId,
    /// The name without SIPRI's `*` markers.
    pub label: String,
    /// Where its arcs start or end, in degrees.
    pub lonlat: (f64, f64),
    /// The country whose territory it stands for (successor state for historical ones).
    pub iso: Option<u16>,
    pub rule: PlaceRule,
    /// TIV it received and supplied in the flows on show.
    pub imported: Tiv,
    pub exported: Tiv,
    /// What its flows carry that the map does not draw, so that its words can give the
    /// same total as the rankings and the timeline and say where the rest is.
    pub undrawn: Undrawn,
}

/// A place's TIV in flows that are not drawn: with a party the map cannot place (unknown
/// suppliers, names missing from the placement table), by that party, largest first; and
/// in flows left out past [`MAX_FLOWS`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Undrawn {
    pub from_off_map: Vec<(EntityId, Tiv)>,
    pub to_off_map: Vec<(EntityId, Tiv)>,
    pub imported_omitted: Tiv,
    pub exported_omitted: Tiv,
}

impl Undrawn {
    fn add(list: &mut Vec<(EntityId, Tiv)>, e: EntityId, t: Tiv) {
        match list.iter_mut().find(|(x, _)| *x == e) {
            Some((_, sum)) => *sum += t,
            None => list.push((e, t)),
        }
    }

    fn sort(&mut self) {
        for l in [&mut self.from_off_map, &mut self.to_off_map] {
            l.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
    }

    /// TIV received in flows not drawn.
    pub fn imported(&self) -> Tiv {
        self.from_off_map.iter().map(|(_, t)| *t).sum::<Tiv>() + self.imported_omitted
    }

    /// TIV supplied in flows not drawn.
    pub fn exported(&self) -> Tiv {
        self.to_off_map.iter().map(|(_, t)| *t).sum::<Tiv>() + self.exported_omitted
    }
}

impl MapPlace {
    /// Non-state actors and organisations are dots with a label, not territories.
    pub fn is_dot(&self) -> bool {
        matches!(self.rule, PlaceRule::NonState | PlaceRule::Organisation)
    }

    /// How much it weighs on the map, for label priority.
    pub fn weight(&self) -> Tiv {
        self.imported + self.exported
    }

    /// Everything it received under the filter, drawn or not: the recipient's total in
    /// the rankings and the timeline.
    pub fn imported_total(&self) -> Tiv {
        self.imported + self.undrawn.imported()
    }

    /// Everything it supplied under the filter, drawn or not.
    pub fn exported_total(&self) -> Tiv {
        self.exported + self.undrawn.exported()
    }
}

/// A flow both of whose ends are on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapFlow {
    pub supplier: EntityId,
    pub recipient: EntityId,
    /// Indexes into [`FlowMapInput::places`].
    pub from: usize,
    pub to: usize,
    pub tiv: Tiv,
    /// The part of `tiv` SIPRI marks as estimated (or that is an approximate split).
    pub estimated: Tiv,
    pub first_year: Year,
    pub last_year: Year,
    /// The supplier's colour in every view.
    pub color: Rgb,
}

/// What the flow map shows for one filter; see [`FlowMapInput::build`].
#[derive(Debug, Clone, PartialEq)]
pub struct FlowMapInput {
    pub places: Vec<MapPlace>,
    /// Largest first, at most [`MAX_FLOWS`].
    pub flows: Vec<MapFlow>,
    /// TIV imported per territory (ISO 3166-1 numeric), states and historical states
    /// together; the choropleth.
    pub imports: HashMap<u16, Tiv>,
    pub scale: ChoroplethScale,
    /// Entities that cannot be placed (unknown parties, names missing from the placement
    /// table), with the TIV of their flows, largest first.
    pub off_map: Vec<(EntityId, Tiv)>,
    /// Flows that could be drawn but were left out beyond [`MAX_FLOWS`], and their TIV.
    pub omitted: usize,
    pub omitted_tiv: Tiv,
    /// The largest drawn flow (arc widths are relative to it).
    pub max_tiv: Tiv,
    /// Places whose whole land outline the framing keeps in view (indexes into
    /// `places`): every territory that receives a drawn flow, and the suppliers named by
    /// [`FlowMapInput::outline_suppliers`]. Dots have no outline and are never listed.
    pub outlined: Vec<usize>,
}

impl FlowMapInput {
    /// Places and drawable flows for the aggregates of the current filter. Entities are
    /// placed by `places` (see [`PlaceTable`]); colours come from `colors` so the map
    /// agrees with the other views.
    pub fn build(
        ds: &Dataset,
        agg: &Aggregates,
        colors: &ColorMap,
        places: &PlaceTable,
    ) -> FlowMapInput {
        let mut index: HashMap<EntityId, Option<usize>> = HashMap::new();
        let mut out_places: Vec<MapPlace> = Vec::new();
        let mut off: HashMap<EntityId, Tiv> = HashMap::new();
        let mut place_of = |id: EntityId, out: &mut Vec<MapPlace>| -> Option<usize> {
            *index.entry(id).or_insert_with(|| {
                let e = ds.entity(id);
                let p = places.get(&e.name).filter(|p| p.is_drawn())?;
                let (lon, lat) = p.lonlat?;
                out.push(MapPlace {
                    entity: id,
                    label: e.label().to_owned(),
                    lonlat: (f64::from(lon), f64::from(lat)),
                    iso: p.isonum,
                    rule: p.rule,
                    imported: Tiv::ZERO,
                    exported: Tiv::ZERO,
                    undrawn: Undrawn::default(),
                });
                Some(out.len() - 1)
            })
        };
        let mut flows = Vec::new();
        let mut imports: HashMap<u16, Tiv> = HashMap::new();
        let (mut omitted, mut omitted_tiv) = (0, Tiv::ZERO);
        for f in &agg.flows {
            let from = place_of(f.supplier, &mut out_places);
            let to = place_of(f.recipient, &mut out_places);
            let (Some(from), Some(to)) = (from, to) else {
                for (id, p) in [(f.supplier, from), (f.recipient, to)] {
                    if p.is_none() {
                        *off.entry(id).or_default() += f.tiv;
                    }
                }
                // The placed end, if any, says what it lost.
                match (from, to) {
                    (Some(i), None) => {
                        Undrawn::add(&mut out_places[i].undrawn.to_off_map, f.recipient, f.tiv)
                    }
                    (None, Some(i)) => {
                        Undrawn::add(&mut out_places[i].undrawn.from_off_map, f.supplier, f.tiv)
                    }
                    _ => {}
                }
                continue;
            };
            if flows.len() >= MAX_FLOWS {
                omitted += 1;
                omitted_tiv += f.tiv;
                out_places[from].undrawn.exported_omitted += f.tiv;
                out_places[to].undrawn.imported_omitted += f.tiv;
                continue;
            }
            out_places[from].exported += f.tiv;
            out_places[to].imported += f.tiv;
            let rp = &out_places[to];
            if !rp.is_dot() {
                if let Some(iso) = rp.iso {
                    *imports.entry(iso).or_default() += f.tiv;
                }
            }
            flows.push(MapFlow {
                supplier: f.supplier,
                recipient: f.recipient,
                from,
                to,
                tiv: f.tiv,
                estimated: f.estimated,
                first_year: f.first_year,
                last_year: f.last_year,
                color: colors.supplier(f.supplier),
            });
        }
        for p in &mut out_places {
            p.undrawn.sort();
        }
        // Places that only appeared in omitted flows carry no weight; keep them (indexes
        // stay valid) but they get no label because nothing is drawn there.
        let mut off_map: Vec<(EntityId, Tiv)> = off.into_iter().collect();
        off_map.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let max_import = imports.values().copied().max().unwrap_or(Tiv::ZERO);
        // The recipients are the map's subject (and its shaded countries): framed whole.
        let outlined = out_places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.imported > Tiv::ZERO && !p.is_dot() && p.iso.is_some())
            .map(|(i, _)| i)
            .collect();
        FlowMapInput {
            outlined,
            places: out_places,
            max_tiv: flows.first().map_or(Tiv::ZERO, |f| f.tiv),
            flows,
            imports,
            scale: ChoroplethScale::for_max(max_import.millions()),
            off_map,
            omitted,
            omitted_tiv,
        }
    }

    /// Frames the whole outline of these suppliers too (the filter's, when it names
    /// some): a reader who picked Russia sees Russia, not only the point its arcs leave
    /// from. Suppliers with no drawn flow, dots and entities off the map are skipped.
    pub fn outline_suppliers(mut self, suppliers: &[EntityId]) -> FlowMapInput {
        for e in suppliers {
            let Some(i) = self.place_index(*e) else {
                continue;
            };
            let p = &self.places[i];
            if p.exported > Tiv::ZERO
                && !p.is_dot()
                && p.iso.is_some()
                && !self.outlined.contains(&i)
            {
                self.outlined.push(i);
            }
        }
        self
    }

    /// True when there is no arc to draw.
    pub fn is_empty(&self) -> bool {
        self.flows.is_empty()
    }

    /// Index of the drawn flow between two entities.
    pub fn flow_index(&self, supplier: EntityId, recipient: EntityId) -> Option<usize> {
        self.flows
            .iter()
            .position(|f| f.supplier == supplier && f.recipient == recipient)
    }

    /// Index of an entity's place.
    pub fn place_index(&self, e: EntityId) -> Option<usize> {
        self.places.iter().position(|p| p.entity == e)
    }

    /// Places that are drawn (they take part in a drawn flow).
    pub fn drawn_places(&self) -> impl Iterator<Item = (usize, &MapPlace)> {
        self.places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.weight() > Tiv::ZERO)
    }
}
