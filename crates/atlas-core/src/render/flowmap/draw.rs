//! Drawing the flow map for one viewport: arcs, dots, labels, the legend, and the layout
//! hover and clicks read back.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::base::draw_base;
use super::fit::{content_box, WidthScale};
use super::input::FlowMapInput;
use super::labels::{label_width, place_labels, LabelRequest, PlacedLabel, Rect};
use super::layout::{DrawnArc, DrawnDot, FlowMapLayout};
use super::legend::draw_legend;
use super::options::{FlowMapOptions, MapEmphasis};
use crate::geo::arcs::{ArcGeometry, ArcStyle, Pt};
use crate::model::Tiv;
use crate::render::Rgb;

// ---------------------------------------------------------------- drawing

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
    let arcs = draw_arcs(root, input, opt, &points, widths, &dev)?;

    // Dots for places that are not territories on this map; a small mark where a
    // territory is too small on screen to see where its arcs start or end.
    let dots = draw_dots(root, input, opt, &points, &dev)?;

    // The legend, bottom left, then labels around it.
    let legend = if input.is_empty() {
        None
    } else {
        Some(draw_legend(root, input, opt, widths, &dev)?)
    };
    let (labels, label_texts) = draw_labels(root, input, opt, &points, &dots, legend, &dev)?;

    if arcs.is_empty() {
        draw_no_arcs_message(root, input, opt, &dev)?;
    }
    root.present()?;
    let content = Some(content_box(input, opt.world))
        .filter(|b| !b.is_empty())
        .map(|b| {
            let (x0, y0) = vp.screen_from_projected(b.min_x, b.max_y);
            let (x1, y1) = vp.screen_from_projected(b.max_x, b.min_y);
            Rect { x0, y0, x1, y1 }
        });
    Ok(FlowMapLayout {
        content,
        viewport: vp,
        arcs,
        dots,
        points,
        labels,
        label_texts,
        legend,
    })
}

/// The arcs, each cased in the background colour, the emphasised one last and outlined.
fn draw_arcs<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    points: &[Pt],
    widths: WidthScale,
    dev: &dyn Fn(Pt) -> (i32, i32),
) -> Result<Vec<DrawnArc>, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
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
            estimate_dashes(root, &g, f.estimated, f.tiv, casing, s, dev)?;
        }
        arcs.push(DrawnArc {
            flow: i,
            geometry: g,
        });
    }

    Ok(arcs)
}

/// Dots for non-state actors, organisations and places the map lacks, marks for
/// territories too small to see, and the ring around the focused place.
fn draw_dots<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    points: &[Pt],
    dev: &dyn Fn(Pt) -> (i32, i32),
) -> Result<Vec<DrawnDot>, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let vp = opt.viewport;
    let mut dots = Vec::new();
    let territory_px = |iso: Option<u16>| -> Option<f64> {
        let world = opt.world?;
        let c = &world.countries()[world.find_by_id(iso?)?];
        let pb = c.bbox().projected();
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
    Ok(dots)
}

/// The labels placed, and the text of each.
type LabelsDrawn = (Vec<PlacedLabel>, Vec<String>);

/// The labels' font size in CSS pixels, for a map `width` CSS pixels wide.
pub fn label_font_px(width: f64) -> f64 {
    if width < 500.0 {
        10.5
    } else {
        11.5
    }
}

/// Where a placed label's text starts (its top-left, in CSS pixels): inside its box,
/// past the pixel of margin.
pub fn label_text_at(l: &PlacedLabel, font_px: f64) -> Pt {
    (l.rect.x0 + 1.0, l.rect.y0 + 0.1 * font_px)
}

/// How far a label's halo reaches around its letters, in backend pixels, at `scale`
/// backend pixels per CSS pixel.
pub fn label_halo(scale: f64) -> f64 {
    scale.round().max(1.0)
}

/// The place labels, haloed, clear of the legend and of every dot; returns them with
/// their texts.
fn draw_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    points: &[Pt],
    dots: &[DrawnDot],
    legend: Option<Rect>,
    dev: &dyn Fn(Pt) -> (i32, i32),
) -> Result<LabelsDrawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let (w, h) = (opt.viewport.width(), opt.viewport.height());
    let font_px = label_font_px(w);
    let requests: Vec<LabelRequest> = input
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| LabelRequest {
            text: if p.weight() > Tiv::ZERO {
                opt.tr.sipri_name(&p.label).to_owned()
            } else {
                String::new()
            },
            anchor: points[i],
            // The places the map is about (framed whole) are named before any other.
            priority: p.weight().millions()
                + if p.imported > Tiv::ZERO { 0.5 } else { 0.0 }
                + if input.outlined.contains(&i) {
                    1e12
                } else {
                    0.0
                },
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
    let off = label_halo(s) as i32;
    for l in &labels {
        let text = &requests[l.request].text;
        label_texts.push(text.clone());
        if opt.labels_by_caller {
            continue;
        }
        let (x, y) = dev(label_text_at(l, font_px));
        for (dx, dy) in [(-off, 0), (off, 0), (0, -off), (0, off)] {
            root.draw(&Text::new(
                text.clone(),
                (x + dx, y + dy),
                halo_style.clone(),
            ))?;
        }
        root.draw(&Text::new(text.clone(), (x, y), ink_style.clone()))?;
    }
    Ok((labels, label_texts))
}

/// Says why no arc is drawn: nothing matches, or the flows are too short at this zoom.
fn draw_no_arcs_message<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    dev: &dyn Fn(Pt) -> (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let (w, h) = (opt.viewport.width(), opt.viewport.height());
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

    Ok(())
}
