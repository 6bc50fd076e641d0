//! The chart inside a figure, drawn by its view's own draw function, and what the
//! rankings panels and the map's colour key hold.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::spec::{EstimateKey, Figure};
use crate::analysis::aggregate::{Aggregates, StackedSeries};
use crate::analysis::filter::YearRange;
use crate::analysis::rankings::{rank_entries, RankEntry, RankKind};
use crate::export::clean::clean_line;
use crate::geo::projection::Viewport;
use crate::geo::world::WorldMap;
use crate::model::{Dataset, EntityId, Tiv};
use crate::render::flowmap::{
    draw_flowmap, fit_to_flows, FlowMapInput, FlowMapOptions, MapEmphasis,
};
use crate::render::rankings::{draw_rankings, RankingsOptions};
use crate::render::timeline::{draw_timeline_annotated, TimelineOptions};
use crate::render::{Palette, Rgb};
use crate::story::annotations::Annotation;
use crate::text::Tr;

/// Entries of each ranking drawn in the rankings figure (the CSV holds all).
pub const FIGURE_TOP: usize = 10;

// ---------------------------------------------------------------- figures

/// One ranking of the rankings figure.
#[derive(Debug, Clone, PartialEq)]
pub struct RankPanel {
    pub title: String,
    pub entries: Vec<RankEntry>,
    /// Bar colours, in entry order.
    pub colors: Vec<Rgb>,
}

/// The chart inside a figure, drawn by its view's own draw function.
#[derive(Debug, Clone)]
pub enum Chart<'a> {
    Timeline {
        series: &'a StackedSeries,
        /// Band colours, in `series.keys` order.
        colors: &'a [Rgb],
        /// Shaded years (the filter's).
        selected: Option<YearRange>,
        /// The annotations the page draws on the timeline for this filter (those
        /// outside the plotted years are left out, as on the page).
        notes: &'a [Annotation],
    },
    FlowMap {
        input: &'a FlowMapInput,
        world: Option<&'a WorldMap>,
        /// The viewport on screen, when the reader zoomed or panned: the figure shows the
        /// same area. `None` frames the flows.
        view: Option<Viewport>,
    },
    Rankings {
        panels: &'a [RankPanel],
    },
}

const RANK_ROW: f64 = 26.0;
const RANK_HEAD: f64 = 34.0;
const RANK_GAP: f64 = 18.0;

impl Chart<'_> {
    /// How the chart marks SIPRI's estimates (the figure's key explains it): bars are
    /// hatched, arcs dashed down the middle, as on the page.
    pub fn estimate_key(&self) -> EstimateKey {
        match self {
            Chart::Timeline { .. } | Chart::Rankings { .. } => EstimateKey::Hatched,
            Chart::FlowMap { .. } => EstimateKey::Dashed,
        }
    }

    /// Height of the chart in CSS pixels at `width`.
    pub fn height(&self, width: f64) -> f64 {
        match self {
            Chart::Timeline { .. } => 440.0,
            Chart::FlowMap { view, .. } => match view {
                Some(v) if v.width() > 0.0 => (width * v.height() / v.width()).clamp(400.0, 900.0),
                _ => 660.0,
            },
            Chart::Rankings { panels } => {
                panels
                    .iter()
                    .map(|p| RANK_HEAD + RANK_ROW * p.entries.len().max(1) as f64 + 12.0)
                    .sum::<f64>()
                    + RANK_GAP * panels.len().saturating_sub(1) as f64
            }
        }
    }
}

pub(super) fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_>,
    fig: &Figure<'_>,
    (w, h): (f64, f64),
    s: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match chart {
        Chart::Timeline {
            series,
            colors,
            selected,
            notes,
        } => {
            let notes: Vec<&Annotation> = notes.iter().collect();
            draw_timeline_annotated(
                area,
                series,
                &TimelineOptions {
                    colors,
                    palette: fig.palette,
                    font: fig.font,
                    scale: s,
                    selected: *selected,
                    highlight: None,
                    empty_message: fig.tr.t("alt.empty"),
                    tr: fig.tr,
                },
                &notes,
            )?;
        }
        Chart::FlowMap { input, world, view } => {
            let viewport = match view {
                Some(v) => Viewport::fit_projected_box(v.visible_projected_box(), w, h, 0.0),
                None => fit_to_flows(input, *world, w, h),
            };
            draw_flowmap(
                area,
                input,
                &FlowMapOptions {
                    world: *world,
                    viewport,
                    palette: fig.palette,
                    font: fig.font,
                    scale: s,
                    emphasis: MapEmphasis::None,
                    focus: None,
                    empty_message: fig.tr.t("map.empty_short"),
                    tr: fig.tr,
                    base_drawn: false,
                    labels_by_caller: false,
                },
            )?;
        }
        Chart::Rankings { panels } => {
            let mut y = 0.0;
            for p in panels.iter() {
                let ph = RANK_HEAD + RANK_ROW * p.entries.len().max(1) as f64 + 12.0;
                let sub = area.clone().shrink(
                    (0, (y * s).round() as i32),
                    (
                        (w * s).round().max(1.0) as u32,
                        (ph * s).round().max(1.0) as u32,
                    ),
                );
                let title = clean_line(&p.title);
                draw_rankings(
                    &sub,
                    &p.entries,
                    &RankingsOptions {
                        title: &title,
                        colors: &p.colors,
                        palette: fig.palette,
                        font: fig.font,
                        scale: s,
                        highlight: None,
                        empty_message: fig.tr.t("rank.empty_short"),
                        tr: fig.tr,
                    },
                )?;
                y += ph + RANK_GAP;
            }
        }
    }
    Ok(())
}

/// The rankings figure's panels: the top [`FIGURE_TOP`] of each ranking, coloured by
/// `color` (suppliers in their shared colours, others neutral, as on the page), with
/// headings in the reader's language.
pub fn rank_panels_in(
    tr: Tr,
    ds: &Dataset,
    agg: &Aggregates,
    color: impl Fn(&RankEntry) -> Rgb,
) -> Vec<RankPanel> {
    RankKind::ALL
        .iter()
        .map(|&kind| {
            let all = rank_entries(ds, agg, kind);
            let n = all.len();
            let entries: Vec<RankEntry> = all
                .into_iter()
                .take(FIGURE_TOP)
                .map(|mut e| {
                    e.label = clean_line(&e.label);
                    e
                })
                .collect();
            let colors = entries.iter().map(&color).collect();
            let heading = tr.t(kind.heading_key());
            let title = if n > FIGURE_TOP {
                tr.f(
                    "export.rank_panel_top",
                    &[
                        ("heading", heading),
                        ("top", &tr.int(FIGURE_TOP as i64)),
                        ("all", &tr.int(n as i64)),
                    ],
                )
            } else {
                heading.to_owned()
            };
            RankPanel {
                title,
                entries,
                colors,
            }
        })
        .collect()
}

/// The map's colour key: each supplier with its own colour, largest first, then "Other
/// suppliers" (in the reader's language) when some share the grey.
pub fn map_key_in(
    tr: Tr,
    ds: &Dataset,
    input: &FlowMapInput,
    palette: &Palette,
) -> Vec<(String, Rgb)> {
    let mut by: Vec<(EntityId, Tiv, Rgb)> = Vec::new();
    for f in &input.flows {
        match by.iter_mut().find(|(e, _, _)| *e == f.supplier) {
            Some(entry) => entry.1 += f.tiv,
            None => by.push((f.supplier, f.tiv, f.color)),
        }
    }
    by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let others = by.iter().any(|(_, _, c)| *c == palette.other);
    let mut v: Vec<(String, Rgb)> = by
        .into_iter()
        .filter(|(_, _, c)| *c != palette.other)
        .map(|(e, _, c)| (tr.entity(ds, e).to_owned(), c))
        .collect();
    if others {
        v.push((tr.t("map.other_suppliers").to_owned(), palette.other));
    }
    v
}
