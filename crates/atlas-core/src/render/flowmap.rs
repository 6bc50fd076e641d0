//! The flow map: land, recipients shaded by the TIV they imported, one arc per
//! supplier→recipient flow (width ∝ TIV, tapering towards an arrowhead at the recipient),
//! labelled places, and a legend. Generic over the plotters backend like every chart.
//!
//! The work is split so that the browser redraws cheaply:
//!
//! * [`FlowMapInput::build`] turns the aggregates into places and drawable flows once per
//!   filter change (pure data, no geometry);
//! * [`fit_to_flows`] frames them;
//! * [`draw_flowmap`] projects and paints for one viewport and returns a [`FlowMapLayout`]
//!   with the screen geometry hover and clicks need.
//!
//! All positions are CSS pixels of the drawing surface; [`FlowMapOptions::scale`] converts
//! them to backend pixels (devicePixelRatio in the browser, 1 in SVG tests).
//!
//! Countries are filled ring by ring, largest country first. Plotters has no even-odd fill,
//! and the asset does not flag holes; filling a hole ring in its host's colour changes
//! nothing, and the enclave (Lesotho, San Marino…) is a country of its own, drawn later
//! because it is smaller, so it paints over its host. The only cost is that a hole which
//! belongs to no country would show as land; Natural Earth's countries have none that
//! matter at this scale.

use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::aggregate::Aggregates;
use crate::analysis::filter::{year_slice, DealMask};
use crate::analysis::filter::{Filter, YearRange};
use crate::geo::arcs::{ArcGeometry, ArcStyle, Pt};
use crate::geo::projection::{equal_earth, ProjectedBox, Viewport};
use crate::geo::world::WorldMap;
use crate::import::places::{PlaceRule, PlaceTable};
use crate::model::{Dataset, EntityId, StrId, Tiv, Year};
use crate::render::{ColorMap, Palette, Rgb};
use crate::text::views::{group_thousands, tiv_label, year_span};
use crate::text::Tr;

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
                continue;
            };
            if flows.len() >= MAX_FLOWS {
                omitted += 1;
                omitted_tiv += f.tiv;
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
        // Places that only appeared in omitted flows carry no weight; keep them (indexes
        // stay valid) but they get no label because nothing is drawn there.
        let mut off_map: Vec<(EntityId, Tiv)> = off.into_iter().collect();
        off_map.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let max_import = imports.values().copied().max().unwrap_or(Tiv::ZERO);
        FlowMapInput {
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

// ---------------------------------------------------------------- choropleth

/// The choropleth's five single-hue classes, light to dark (sand to umber). The hue is
/// one the supplier palette does not use, so arrowheads stay visible on the recipients.
pub const CHOROPLETH: [Rgb; 5] = [
    Rgb(0xF1, 0xE6, 0xC8),
    Rgb(0xE2, 0xCB, 0x98),
    Rgb(0xCD, 0xAB, 0x6D),
    Rgb(0xAD, 0x86, 0x4A),
    Rgb(0x7E, 0x5E, 0x30),
];

/// Land that imported nothing in the current selection.
pub const LAND: Rgb = Rgb(0xE6, 0xE6, 0xE3);
/// The sea inside the globe's outline.
pub const SEA: Rgb = Rgb(0xF2, 0xF6, 0xF9);

/// Class breaks of the choropleth, in millions of TIV: `breaks[0] = 0`, then four
/// thresholds and the top. Imports are very skewed (Viet Nam took 40 times what Laos did),
/// so the breaks grow geometrically along the 1–2–5 series (×5, ×4, ×5, ×4): each class
/// stays readable and the numbers on the legend are round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChoroplethScale {
    pub breaks: [f64; 6],
}

/// The `k`-th number of the series …, 0.5, 1, 2, 5, 10, 20, 50, …
fn one_two_five(k: i32) -> f64 {
    let m = [1.0, 2.0, 5.0][k.rem_euclid(3) as usize];
    m * 10f64.powi(k.div_euclid(3))
}

impl ChoroplethScale {
    /// Breaks whose top is the smallest 1–2–5 number at or above `max` (and at least 100).
    pub fn for_max(max: f64) -> ChoroplethScale {
        let max = if max.is_finite() {
            max.max(100.0)
        } else {
            100.0
        };
        let mut k = 6; // 100
        while one_two_five(k) < max && k < 60 {
            k += 1;
        }
        ChoroplethScale {
            breaks: [
                0.0,
                one_two_five(k - 8),
                one_two_five(k - 6),
                one_two_five(k - 4),
                one_two_five(k - 2),
                one_two_five(k),
            ],
        }
    }

    /// The class (0..5) of a value in millions of TIV; `None` for nothing imported.
    pub fn class_of(&self, millions: f64) -> Option<usize> {
        if millions.is_nan() || millions <= 0.0 {
            return None;
        }
        Some(
            self.breaks[1..5]
                .iter()
                .take_while(|b| millions >= **b)
                .count(),
        )
    }

    /// The fill of a territory that imported `t`.
    pub fn color(&self, t: Tiv) -> Rgb {
        self.class_of(t.millions()).map_or(LAND, |c| CHOROPLETH[c])
    }
}

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

// ---------------------------------------------------------------- labels

/// An axis-aligned rectangle in screen pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies entirely inside.
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// Whether the point lies inside (edges included).
    pub fn contains(&self, p: Pt) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }
}

/// A label the map would like to show.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    pub text: String,
    /// The point labelled.
    pub anchor: Pt,
    /// Larger first.
    pub priority: f64,
    /// Keep this far from the anchor (a dot's radius).
    pub clearance: f64,
}

/// A label that found room.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// Index into the requests.
    pub request: usize,
    pub rect: Rect,
}

/// A generous estimate of a label's width: system sans-serif fonts average about half an
/// em per character; 0.58 em leaves room for wide names in capitals.
pub fn label_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * 0.58 * font_px + 2.0
}

/// Greedy placement: labels in priority order, each at the first of four positions (right
/// of, left of, above, below its anchor) that lies inside `bounds` and overlaps neither an
/// obstacle nor a label already placed. A label with no such position is skipped, so the
/// result never overlaps, and the most important places are named first.
pub fn place_labels(
    requests: &[LabelRequest],
    font_px: f64,
    bounds: Rect,
    obstacles: &[Rect],
) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| {
        requests[b]
            .priority
            .total_cmp(&requests[a].priority)
            .then(a.cmp(&b))
    });
    let h = (font_px * 1.25).ceil();
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for i in order {
        let r = &requests[i];
        if !(r.anchor.0.is_finite() && r.anchor.1.is_finite()) || r.text.is_empty() {
            continue;
        }
        let w = label_width(&r.text, font_px);
        let gap = r.clearance + 2.0;
        let (x, y) = r.anchor;
        let candidates = [
            (x + gap, y - h / 2.0),
            (x - gap - w, y - h / 2.0),
            (x - w / 2.0, y - gap - h),
            (x - w / 2.0, y + gap),
        ];
        let found = candidates.into_iter().find_map(|(x0, y0)| {
            let rect = Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            };
            let free = bounds.contains_rect(&rect)
                && !obstacles.iter().any(|o| o.overlaps(&rect))
                && !placed.iter().any(|p| p.rect.overlaps(&rect));
            free.then_some(rect)
        });
        if let Some(rect) = found {
            placed.push(PlacedLabel { request: i, rect });
        }
    }
    placed
}

// ---------------------------------------------------------------- framing

/// Arc widths for a surface: the largest flow gets `max`, none gets less than `min`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WidthScale {
    pub max: f64,
    pub min: f64,
}

impl WidthScale {
    /// Wider arcs on larger surfaces: 1/24 of the shorter side, between 8 and 20 px.
    pub fn for_surface(width: f64, height: f64) -> WidthScale {
        WidthScale {
            max: (width.min(height) / 24.0).clamp(8.0, 20.0),
            min: 1.5,
        }
    }

    /// Width of a flow of `t` when the largest is `max_tiv`: proportional, floored.
    pub fn width(&self, t: Tiv, max_tiv: Tiv) -> f64 {
        if max_tiv.0 <= 0 {
            return self.min;
        }
        (self.max * t.0 as f64 / max_tiv.0 as f64).max(self.min)
    }
}

/// Extra room around the flows in a fit, in pixels (labels and arrowheads need it).
pub const FIT_PADDING: f64 = 28.0;

/// The smallest extent a fit shows, in projected units (about 1,900 km): a flow between
/// neighbours is framed with its region, not blown up to fill the screen.
pub const MIN_FLOW_SPAN: f64 = 0.3;

/// The default framing: the box of every endpoint of the drawn flows and of the middles
/// of their arcs, padded, at least [`MIN_FLOW_SPAN`] across; the world when nothing is
/// drawn. Arcs bulge in screen space, so their middles are found on a first fit of the
/// endpoints and the box is then fitted again.
///
/// On narrow surfaces the legend would cover a good part of the map, so the framing
/// keeps a strip at the bottom free for it (see [`legend_reserve`]).
pub fn fit_to_flows(input: &FlowMapInput, width: f64, height: f64) -> Viewport {
    let reserve = legend_reserve(input, width, height);
    above_strip(width, height, reserve, |w, h| fit_inside(input, w, h))
}

/// The whole world, leaving the legend's strip free like [`fit_to_flows`].
pub fn world_view(input: &FlowMapInput, width: f64, height: f64) -> Viewport {
    let reserve = legend_reserve(input, width, height);
    above_strip(width, height, reserve, |w, h| Viewport::world(w, h, 8.0))
}

/// Height of the legend box, in pixels.
pub const LEGEND_HEIGHT: f64 = 68.0;

/// Pixels at the bottom that framings leave to the legend: on surfaces narrower than
/// 500 px when there is a legend (there is one whenever flows are drawn), else none.
pub fn legend_reserve(input: &FlowMapInput, width: f64, height: f64) -> f64 {
    if !input.is_empty() && width < 500.0 && height > 3.0 * LEGEND_HEIGHT {
        LEGEND_HEIGHT + 8.0
    } else {
        0.0
    }
}

/// A viewport fitted by `fit` into the surface minus a strip of `reserve` pixels at the
/// bottom, then extended to the whole surface without moving the map.
fn above_strip(
    width: f64,
    height: f64,
    reserve: f64,
    fit: impl Fn(f64, f64) -> Viewport,
) -> Viewport {
    let mut vp = fit(width, height - reserve);
    let h0 = vp.height();
    vp.resize(width, height);
    vp.pan(0.0, -0.5 * (vp.height() - h0));
    vp
}

fn fit_inside(input: &FlowMapInput, width: f64, height: f64) -> Viewport {
    let pts: Vec<(f64, f64)> = input
        .flows
        .iter()
        .flat_map(|f| [f.from, f.to])
        .map(|i| {
            let (lon, lat) = input.places[i].lonlat;
            equal_earth(lon, lat)
        })
        .collect();
    let widen = |mut b: ProjectedBox| {
        for (span, lo, hi) in [
            (b.max_x - b.min_x, &mut b.min_x, &mut b.max_x),
            (b.max_y - b.min_y, &mut b.min_y, &mut b.max_y),
        ] {
            if span < MIN_FLOW_SPAN {
                let grow = 0.5 * (MIN_FLOW_SPAN - span);
                *lo -= grow;
                *hi += grow;
            }
        }
        b
    };
    let boxed = pts
        .iter()
        .fold(ProjectedBox::EMPTY, |b, p| b.extended(p.0, p.1));
    if boxed.is_empty() {
        return Viewport::world(width, height, 8.0);
    }
    let first = Viewport::fit_projected_box(widen(boxed), width, height, FIT_PADDING);
    let style = ArcStyle::default();
    let mut b = boxed;
    for f in &input.flows {
        let (p0, p1) = (
            place_screen(&first, input, f.from),
            place_screen(&first, input, f.to),
        );
        let c = crate::geo::arcs::control_point(p0, p1, style.bulge);
        let mid = crate::geo::arcs::bezier(p0, c, p1, 0.5);
        let (x, y) = first.projected_from_screen(mid.0, mid.1);
        b = b.extended(x, y);
    }
    // Never wider than the world itself.
    let w = ProjectedBox::WORLD;
    let b = ProjectedBox {
        min_x: b.min_x.max(w.min_x),
        min_y: b.min_y.max(w.min_y),
        max_x: b.max_x.min(w.max_x),
        max_y: b.max_y.min(w.max_y),
    };
    let mut vp = Viewport::fit_projected_box(widen(b), width, height, FIT_PADDING);
    // When the box is wider than the surface's shape, the fit leaves room above and
    // below; spend it on the globe rather than on the empty page beyond a pole.
    let (_, pole_n) = vp.screen_from_projected(0.0, w.max_y);
    let (_, pole_s) = vp.screen_from_projected(0.0, w.min_y);
    let (_, flows_top) = vp.screen_from_projected(0.0, b.max_y);
    let (_, flows_bottom) = vp.screen_from_projected(0.0, b.min_y);
    if pole_n > 0.0 && pole_s > height {
        let up = pole_n
            .min(pole_s - height)
            .min(flows_top - FIT_PADDING)
            .max(0.0);
        vp.pan(0.0, -up);
    } else if pole_s < height && pole_n < 0.0 {
        let down = (height - pole_s)
            .min(-pole_n)
            .min(height - FIT_PADDING - flows_bottom)
            .max(0.0);
        vp.pan(0.0, down);
    }
    vp
}

fn place_screen(vp: &Viewport, input: &FlowMapInput, i: usize) -> Pt {
    let (lon, lat) = input.places[i].lonlat;
    vp.screen_from_lonlat(lon, lat)
}

// ---------------------------------------------------------------- drawing

/// What to bring forward, mirroring the app's linked selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapEmphasis {
    #[default]
    None,
    /// One flow: drawn on top, outlined; the others fade.
    Flow(EntityId, EntityId),
    /// Every flow of one supplier or recipient; the others fade.
    Entity(EntityId),
}

/// How to draw, besides the data.
#[derive(Debug, Clone)]
pub struct FlowMapOptions<'a> {
    /// The land; `None` while it loads (arcs and places are still drawn).
    pub world: Option<&'a WorldMap>,
    /// CSS pixels of the surface.
    pub viewport: Viewport,
    pub palette: &'a Palette,
    /// CSS font family of the labels.
    pub font: &'a str,
    /// Backend pixels per CSS pixel.
    pub scale: f64,
    pub emphasis: MapEmphasis,
    /// A place to ring (keyboard focus or an open menu).
    pub focus: Option<EntityId>,
    /// Shown over the map when there is no flow to draw.
    pub empty_message: &'a str,
    /// The reader's language: the legend's words and numbers follow it.
    pub tr: Tr,
    /// The caller has already painted the base layer (background, sea, land, rings) the
    /// way [`land_fill`] and [`ringed_places`] say, e.g. from paths cached on a canvas:
    /// draw only what lies on top. Exports and tests leave it `false`.
    pub base_drawn: bool,
}

/// The fill of a country of the world map under these flows: the palette's choropleth
/// class of its imports, else plain land. Shared with callers that paint the land
/// themselves.
pub fn land_fill(input: &FlowMapInput, pal: &Palette, country_id: u16) -> Rgb {
    input
        .imports
        .get(&country_id)
        .filter(|_| country_id != 0)
        .and_then(|t| input.scale.class_of(t.millions()))
        .map_or(pal.land, |k| pal.choropleth[k])
}

/// The map ids of the countries to ring (the emphasised place and the focused one).
pub fn ringed_places(input: &FlowMapInput, opt: &FlowMapOptions<'_>) -> Vec<u16> {
    let emphasised_entity = match opt.emphasis {
        MapEmphasis::Entity(e) => Some(e),
        _ => None,
    };
    [emphasised_entity, opt.focus]
        .into_iter()
        .flatten()
        .filter_map(|e| input.place_index(e))
        .filter(|&i| !input.places[i].is_dot())
        .filter_map(|i| input.places[i].iso)
        .filter(|&iso| iso != 0)
        .collect()
}

/// The globe's outline in projected units (closed), to fill as sea.
pub fn globe_outline() -> Vec<(f64, f64)> {
    let mut outline = Vec::with_capacity(182);
    for i in 0..=90 {
        outline.push(crate::geo::projection::equal_earth(
            180.0,
            90.0 - 2.0 * f64::from(i),
        ));
    }
    for i in 0..=90 {
        outline.push(crate::geo::projection::equal_earth(
            -180.0,
            -90.0 + 2.0 * f64::from(i),
        ));
    }
    outline
}

/// Indices of the map's countries, largest first (the order the land is painted in).
pub fn land_order(world: &WorldMap) -> Vec<usize> {
    let mut order: Vec<usize> = (0..world.countries().len()).collect();
    order.sort_by(|&a, &b| {
        let (ba, bb) = (world.countries()[a].bbox(), world.countries()[b].bbox());
        bb.area_deg2().total_cmp(&ba.area_deg2()).then(a.cmp(&b))
    });
    order
}

/// An arc as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnArc {
    /// Index into [`FlowMapInput::flows`].
    pub flow: usize,
    pub geometry: ArcGeometry,
}

/// A dot as drawn (non-state actors, organisations, states missing from the map).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawnDot {
    /// Index into [`FlowMapInput::places`].
    pub place: usize,
    pub at: Pt,
    pub radius: f64,
}

/// Where everything landed, in CSS pixels, for hover, clicks and the text alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowMapLayout {
    pub viewport: Viewport,
    /// In drawing order: the last one is on top.
    pub arcs: Vec<DrawnArc>,
    pub dots: Vec<DrawnDot>,
    /// Screen point of every place of the input (parallel to `places`).
    pub points: Vec<Pt>,
    pub labels: Vec<PlacedLabel>,
    /// The label text of each placed label, in the same order.
    pub label_texts: Vec<String>,
    pub legend: Option<Rect>,
}

impl FlowMapLayout {
    /// The flow under the point: the arc whose painted area is nearest, within `slack`
    /// pixels; when several contain the point, the one on top (the smaller flow).
    pub fn arc_at(&self, p: Pt, slack: f64) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for a in self.arcs.iter().rev() {
            let (x0, y0, x1, y1) = a.geometry.bbox();
            if p.0 < x0 - slack || p.0 > x1 + slack || p.1 < y0 - slack || p.1 > y1 + slack {
                continue;
            }
            let d = a.geometry.outside_by(p);
            if d <= slack && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((a.flow, d));
            }
        }
        best.map(|(f, _)| f)
    }

    /// The dot under the point, within `slack` pixels of its edge; the nearest wins.
    pub fn dot_at(&self, p: Pt, slack: f64) -> Option<usize> {
        self.dots
            .iter()
            .map(|d| (d.place, crate::geo::arcs::dist(p, d.at) - d.radius))
            .filter(|(_, d)| *d <= slack)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

/// The mark of an estimate on an arc: background-coloured dashes down the middle of the
/// body, over the share of its length that the estimated share of the flow's TIV takes,
/// from the supplier end (so estimates are told apart by pattern, not only colour).
/// Nothing when the arc is too thin to hold a dash or nothing is estimated.
fn estimate_dashes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &ArcGeometry,
    estimated: Tiv,
    tiv: Tiv,
    color: Rgb,
    scale: f64,
    dev: &dyn Fn(Pt) -> (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let share = if tiv.0 > 0 {
        (estimated.0 as f64 / tiv.0 as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    if share <= 0.0 || g.width < 3.0 || g.spine.len() < 2 {
        return Ok(());
    }
    let lens: Vec<f64> = g
        .spine
        .windows(2)
        .map(|w| crate::geo::arcs::dist(w[0], w[1]))
        .collect();
    let total: f64 = lens.iter().sum();
    let stop = total * share;
    let (dash, gap) = (4.0_f64, 3.0_f64);
    let stroke = ((g.width * 0.3).clamp(1.0, 3.0) * scale).round().max(1.0) as u32;
    let style = color.to_plotters().stroke_width(stroke);
    // Walk the spine, emitting the "on" parts of a dash pattern up to `stop`.
    let mut at = 0.0;
    let mut on = true;
    let mut left = dash;
    let mut current: Vec<(i32, i32)> = vec![dev(g.spine[0])];
    for (i, len) in lens.iter().enumerate() {
        let (a, b) = (g.spine[i], g.spine[i + 1]);
        let mut t0 = 0.0;
        while t0 < *len && at < stop {
            let step = left.min(len - t0).min(stop - at);
            let t1 = t0 + step;
            let p = (a.0 + (b.0 - a.0) * t1 / len, a.1 + (b.1 - a.1) * t1 / len);
            if on {
                current.push(dev(p));
            }
            at += step;
            left -= step;
            t0 = t1;
            if left <= 1e-9 {
                if on && current.len() >= 2 {
                    root.draw(&PathElement::new(std::mem::take(&mut current), style))?;
                }
                on = !on;
                left = if on { dash } else { gap };
                current = vec![dev(p)];
            }
        }
    }
    if on && current.len() >= 2 {
        root.draw(&PathElement::new(current, style))?;
    }
    Ok(())
}

/// Colour `c` faded towards `bg` (opaque, so overlaps stay clean).
fn fade(c: Rgb, bg: Rgb, keep: f64) -> Rgb {
    let m = |a: u8, b: u8| (f64::from(a) * keep + f64::from(b) * (1.0 - keep)).round() as u8;
    Rgb(m(c.0, bg.0), m(c.1, bg.1), m(c.2, bg.2))
}

/// Draws the flow map onto `root`, which it fills. See the module docs.
pub fn draw_flowmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
) -> Result<FlowMapLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let vp = opt.viewport;
    let (w, h) = (vp.width(), vp.height());
    // CSS pixels to backend pixels; far-off points are clamped so i32 never overflows.
    let dev = |p: Pt| -> (i32, i32) {
        (
            (p.0 * s).round().clamp(-1e7, 1e7) as i32,
            (p.1 * s).round().clamp(-1e7, 1e7) as i32,
        )
    };
    let hair = (s * 0.75).round().max(1.0) as u32;
    if !opt.base_drawn {
        draw_base(root, input, opt, &dev, hair)?;
    }

    // Arcs: largest first, so the small ones stay visible on top.
    let points: Vec<Pt> = input
        .places
        .iter()
        .map(|p| vp.screen_from_lonlat(p.lonlat.0, p.lonlat.1))
        .collect();
    let widths = WidthScale::for_surface(w, h);
    let style = ArcStyle::default();
    let mut order: Vec<usize> = (0..input.flows.len()).collect();
    let emphasised_flow = match opt.emphasis {
        MapEmphasis::Flow(a, b) => input.flow_index(a, b),
        _ => None,
    };
    if let Some(i) = emphasised_flow {
        order.retain(|&j| j != i);
        order.push(i);
    }
    let mut arcs = Vec::with_capacity(order.len());
    let casing = pal.background;
    for i in order {
        let f = &input.flows[i];
        let picked = emphasised_flow == Some(i);
        // The emphasised flow is never thinner than 3 px, so a small one can be seen.
        let width = widths.width(f.tiv, input.max_tiv);
        let width = if picked { width.max(3.0) } else { width };
        let Some(g) = ArcGeometry::new(points[f.from], points[f.to], width, &style) else {
            continue;
        };
        let strong = match opt.emphasis {
            MapEmphasis::None => true,
            MapEmphasis::Flow(_, _) => emphasised_flow.is_none_or(|e| e == i),
            MapEmphasis::Entity(e) => f.supplier == e || f.recipient == e,
        };
        let color = if strong {
            f.color
        } else {
            fade(f.color, pal.background, 0.3)
        };
        let mut sil: Vec<(i32, i32)> = g.silhouette().into_iter().map(dev).collect();
        sil.dedup();
        if sil.len() >= 3 {
            let mut ring = sil.clone();
            ring.push(sil[0]);
            // The casing: a light outline under the fill, so crossings stay legible; a
            // wider one, edged in ink, lifts the emphasised flow off the others.
            if picked {
                root.draw(&PathElement::new(
                    ring.clone(),
                    pal.muted
                        .to_plotters()
                        .stroke_width((5.0 * s).round().max(1.0) as u32),
                ))?;
            }
            let case_w = if picked { 3.0 } else { 2.0 };
            root.draw(&PathElement::new(
                ring,
                casing
                    .to_plotters()
                    .stroke_width((case_w * s).round().max(1.0) as u32),
            ))?;
            root.draw(&Polygon::new(sil, color.to_plotters().filled()))?;
            estimate_dashes(root, &g, f.estimated, f.tiv, casing, s, &dev)?;
        }
        arcs.push(DrawnArc {
            flow: i,
            geometry: g,
        });
    }

    // Dots for places that are not territories on this map; a small mark where a
    // territory is too small on screen to see where its arcs start or end.
    let mut dots = Vec::new();
    let territory_px = |iso: Option<u16>| -> Option<f64> {
        let world = opt.world?;
        let c = &world.countries()[world.find_by_id(iso?)?];
        let b = c.bbox();
        let pb = ProjectedBox::from_lonlat(
            f64::from(b.min_lon),
            f64::from(b.min_lat),
            f64::from(b.max_lon),
            f64::from(b.max_lat),
        );
        Some(((pb.max_x - pb.min_x).max(pb.max_y - pb.min_y)) * vp.scale())
    };
    for (i, p) in input.drawn_places() {
        let at = points[i];
        let size = territory_px(p.iso);
        if p.is_dot() || (opt.world.is_some() && size.is_none()) {
            let r = 3.2;
            root.draw(&Circle::new(
                dev(at),
                ((r + 1.2) * s).round() as u32,
                pal.background.to_plotters().filled(),
            ))?;
            root.draw(&Circle::new(
                dev(at),
                (r * s).round() as u32,
                pal.ink.to_plotters().filled(),
            ))?;
            dots.push(DrawnDot {
                place: i,
                at,
                radius: r,
            });
        } else if size.is_some_and(|px| px < 8.0) {
            root.draw(&Circle::new(
                dev(at),
                (2.0 * s).round().max(1.0) as u32,
                pal.muted.to_plotters().filled(),
            ))?;
        }
    }
    if let Some(focus) = opt.focus.and_then(|e| input.place_index(e)) {
        root.draw(&Circle::new(
            dev(points[focus]),
            (9.0 * s).round() as u32,
            pal.ink
                .to_plotters()
                .stroke_width((2.0 * s).round().max(1.0) as u32),
        ))?;
    }

    // The legend, bottom left, then labels around it.
    let legend = if input.is_empty() {
        None
    } else {
        Some(draw_legend(root, input, opt, widths, &dev)?)
    };
    let font_px = if w < 500.0 { 10.5 } else { 11.5 };
    let requests: Vec<LabelRequest> = input
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| LabelRequest {
            text: if p.weight() > Tiv::ZERO {
                p.label.clone()
            } else {
                String::new()
            },
            anchor: points[i],
            priority: p.weight().millions() + if p.imported > Tiv::ZERO { 0.5 } else { 0.0 },
            clearance: if dots.iter().any(|d| d.place == i) {
                4.5
            } else {
                2.0
            },
        })
        .collect();
    let bounds = Rect {
        x0: 2.0,
        y0: 2.0,
        x1: w - 2.0,
        y1: h - 2.0,
    };
    // Labels keep clear of the legend and of every dot.
    let obstacles: Vec<Rect> = legend
        .iter()
        .copied()
        .chain(dots.iter().map(|d| Rect {
            x0: d.at.0 - d.radius - 1.0,
            y0: d.at.1 - d.radius - 1.0,
            x1: d.at.0 + d.radius + 1.0,
            y1: d.at.1 + d.radius + 1.0,
        }))
        .collect();
    let labels = place_labels(&requests, font_px, bounds, &obstacles);
    let mut label_texts = Vec::with_capacity(labels.len());
    let halo_style = (opt.font, font_px * s)
        .into_font()
        .color(&pal.background.to_plotters())
        .pos(Pos::new(HPos::Left, VPos::Top));
    let ink_style = (opt.font, font_px * s)
        .into_font()
        .color(&pal.ink.to_plotters())
        .pos(Pos::new(HPos::Left, VPos::Top));
    let off = s.round().max(1.0) as i32;
    for l in &labels {
        let text = &requests[l.request].text;
        let (x, y) = dev((l.rect.x0 + 1.0, l.rect.y0 + 0.1 * font_px));
        for (dx, dy) in [(-off, 0), (off, 0), (0, -off), (0, off)] {
            root.draw(&Text::new(
                text.clone(),
                (x + dx, y + dy),
                halo_style.clone(),
            ))?;
        }
        root.draw(&Text::new(text.clone(), (x, y), ink_style.clone()))?;
        label_texts.push(text.clone());
    }

    if arcs.is_empty() {
        let msg = if input.is_empty() {
            opt.empty_message.to_owned()
        } else {
            opt.tr.t("map.too_short").to_owned()
        };
        let bw = label_width(&msg, 15.0).min(w - 16.0);
        let (cx, cy) = (w / 2.0, h / 2.0);
        root.draw(&Rectangle::new(
            [
                dev((cx - bw / 2.0 - 10.0, cy - 18.0)),
                dev((cx + bw / 2.0 + 10.0, cy + 18.0)),
            ],
            pal.background.to_plotters().mix(0.9).filled(),
        ))?;
        let style = (opt.font, 15.0 * s)
            .into_font()
            .color(&pal.ink.to_plotters())
            .pos(Pos::new(HPos::Center, VPos::Center));
        root.draw(&Text::new(msg, dev((cx, cy)), style))?;
    }
    root.present()?;
    Ok(FlowMapLayout {
        viewport: vp,
        arcs,
        dots,
        points,
        labels,
        label_texts,
        legend,
    })
}

/// The legend text above the classes (English; drawn from `map.legend_title`).
pub const LEGEND_TITLE: &str = "Arms imported, million TIV";

/// Draws the legend box (choropleth classes and an arrow-width key) in the bottom-left
/// corner and returns its rectangle in CSS pixels.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    widths: WidthScale,
    dev: &dyn Fn(Pt) -> (i32, i32),
) -> Result<Rect, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let h = opt.viewport.height();
    let font_px = 10.5;
    let pad = 6.0;
    // Swatch width: room for two centred numbers such as "10,000" and "50,000" side by side.
    let sw = 40.0;
    let key = nice_floor(input.max_tiv.millions() / 2.0);
    let tr = opt.tr;
    let legend_title = tr.t("map.legend_title");
    let key_text = tr.f("map.legend_key", &[("tiv", &legend_number_in(tr, key))]);
    let title_w = label_width(legend_title, font_px);
    let top_label = label_width(&legend_number_in(tr, input.scale.breaks[5]), font_px);
    let box_w = (5.0 * sw + 2.0 * pad + 0.5 * top_label)
        .max(title_w + 2.0 * pad)
        .max(44.0 + label_width(&key_text, font_px) + 2.0 * pad);
    let box_h = LEGEND_HEIGHT;
    let x0 = 8.0;
    let y0 = h - 8.0 - box_h;
    let rect = Rect {
        x0,
        y0,
        x1: x0 + box_w,
        y1: y0 + box_h,
    };
    root.draw(&Rectangle::new(
        [dev((rect.x0, rect.y0)), dev((rect.x1, rect.y1))],
        pal.background.to_plotters().mix(0.88).filled(),
    ))?;
    let text = |t: String, at: Pt, hpos: HPos, color: Rgb| {
        Text::new(
            t,
            dev(at),
            (opt.font, font_px * s)
                .into_font()
                .color(&color.to_plotters())
                .pos(Pos::new(hpos, VPos::Top)),
        )
    };
    root.draw(&text(
        legend_title.to_owned(),
        (x0 + pad, y0 + pad),
        HPos::Left,
        pal.ink,
    ))?;
    let sy = y0 + pad + 14.0;
    for (i, c) in pal.choropleth.iter().enumerate() {
        let sx = x0 + pad + i as f64 * sw;
        root.draw(&Rectangle::new(
            [dev((sx, sy)), dev((sx + sw, sy + 10.0))],
            c.to_plotters().filled(),
        ))?;
    }
    for (i, b) in input.scale.breaks.iter().enumerate() {
        let bx = x0 + pad + i as f64 * sw;
        let hpos = if i == 0 { HPos::Left } else { HPos::Center };
        root.draw(&text(
            legend_number_in(tr, *b),
            (bx, sy + 12.0),
            hpos,
            pal.muted,
        ))?;
    }
    // The width key: a flow of `key` million TIV, drawn like the arcs.
    let ky = sy + 10.0 + 14.0 + 9.0;
    let kw = widths.width(Tiv((key * 100.0).round() as i64), input.max_tiv);
    let g = ArcGeometry::new(
        (x0 + pad, ky),
        (x0 + pad + 38.0, ky),
        kw,
        &ArcStyle {
            bulge: 0.0,
            ..ArcStyle::default()
        },
    );
    if let Some(g) = g {
        let sil: Vec<(i32, i32)> = g.silhouette().into_iter().map(dev).collect();
        root.draw(&Polygon::new(sil, pal.muted.to_plotters().filled()))?;
    }
    root.draw(&Text::new(
        key_text,
        dev((x0 + pad + 44.0, ky)),
        (opt.font, font_px * s)
            .into_font()
            .color(&pal.ink.to_plotters())
            .pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    Ok(rect)
}

/// The largest 1–2–5 number at or below `v` (at least 0.1).
fn nice_floor(v: f64) -> f64 {
    let mut k = -3;
    while one_two_five(k + 1) <= v && k < 60 {
        k += 1;
    }
    one_two_five(k)
}

// ---------------------------------------------------------------- words

/// The map's title in plain language, e.g. "Arms flows to Myanmar, 1990–2024, SIPRI TIV".
pub fn flowmap_title(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let t = crate::text::views::filter_phrase(ds, f, "Arms flows", "Flows of");
    format!("{t}, {}, SIPRI TIV", year_span(years))
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

/// The weapon systems of one flow under the current filter, largest TIV first, at most `n`.
/// Computed on demand (for the tooltip) with the same deal mask the aggregates use.
pub fn top_systems(
    ds: &Dataset,
    filter: &Filter,
    years: YearRange,
    supplier: EntityId,
    recipient: EntityId,
    n: usize,
) -> Vec<(StrId, Tiv)> {
    let mask = DealMask::new(ds, filter);
    let mut by: HashMap<StrId, Tiv> = HashMap::new();
    for d in year_slice(ds, Some(years)) {
        let di = d.deal.0 as usize;
        if !mask.passes(di) {
            continue;
        }
        let deal = &ds.deals[di];
        if deal.supplier == supplier && deal.recipient == recipient {
            *by.entry(deal.designation).or_default() += d.tiv;
        }
    }
    let mut v: Vec<(StrId, Tiv)> = by.into_iter().filter(|(_, t)| t.0 > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(ds.str(a.0).cmp(ds.str(b.0))));
    v.truncate(n);
    v
}

/// The base layer: background, sea, land with the choropleth, and rings.
fn draw_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    dev: &dyn Fn(Pt) -> (i32, i32),
    hair: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let vp = opt.viewport;
    root.fill(&pal.background.to_plotters())?;
    let outline: Vec<(i32, i32)> = globe_outline()
        .into_iter()
        .map(|(x, y)| dev(vp.screen_from_projected(x, y)))
        .collect();
    root.draw(&Polygon::new(outline, pal.sea.to_plotters().filled()))?;
    let ringed_isos = ringed_places(input, opt);
    if let Some(world) = opt.world {
        let visible = vp.visible_projected_box();
        let mut ringed: Vec<Vec<(i32, i32)>> = Vec::new();
        for ci in land_order(world) {
            let c = &world.countries()[ci];
            let fill = land_fill(input, pal, c.id());
            let ring_it = ringed_isos.contains(&c.id());
            for (ring, bb) in c.rings().iter().zip(c.ring_bboxes()) {
                let pb = ProjectedBox::from_lonlat(
                    f64::from(bb.min_lon),
                    f64::from(bb.min_lat),
                    f64::from(bb.max_lon),
                    f64::from(bb.max_lat),
                );
                if !pb.intersects(&visible) {
                    continue;
                }
                let mut pts: Vec<(i32, i32)> = Vec::with_capacity(ring.len() + 1);
                for p in ring {
                    let q = dev(vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1])));
                    if pts.last() != Some(&q) {
                        pts.push(q);
                    }
                }
                if pts.len() < 3 {
                    continue;
                }
                root.draw(&Polygon::new(pts.clone(), fill.to_plotters().filled()))?;
                pts.push(pts[0]);
                root.draw(&PathElement::new(
                    pts.clone(),
                    pal.background.to_plotters().stroke_width(hair),
                ))?;
                if ring_it {
                    ringed.push(pts);
                }
            }
        }
        for pts in ringed {
            root.draw(&PathElement::new(
                pts,
                pal.ink
                    .to_plotters()
                    .stroke_width((1.5 * s).round().max(1.0) as u32),
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_two_five_series() {
        let v: Vec<f64> = (-2..=7).map(one_two_five).collect();
        assert_eq!(v, [0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]);
        assert_eq!(nice_floor(1789.0), 1000.0);
        assert_eq!(nice_floor(2500.0), 2000.0);
        assert_eq!(nice_floor(0.0), 0.1);
    }

    #[test]
    fn choropleth_breaks_are_round_and_classes_follow() {
        let s = ChoroplethScale::for_max(3578.64);
        assert_eq!(s.breaks, [0.0, 10.0, 50.0, 200.0, 1000.0, 5000.0]);
        assert_eq!(s.class_of(0.0), None);
        assert_eq!(s.class_of(3.0), Some(0));
        assert_eq!(s.class_of(10.0), Some(1));
        assert_eq!(s.class_of(999.0), Some(3));
        assert_eq!(s.class_of(3578.0), Some(4));
        assert_eq!(s.class_of(1e9), Some(4));
        assert_eq!(
            ChoroplethScale::for_max(0.0).breaks,
            [0.0, 0.2, 1.0, 5.0, 20.0, 100.0]
        );
        assert_eq!(legend_number(0.2), "0.2");
        assert_eq!(legend_number(10000.0), "10,000");
    }
}
