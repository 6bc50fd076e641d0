//! The legend: the choropleth's classes and an arrow-width key, bottom left.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::fit::{WidthScale, LEGEND_HEIGHT};
use super::input::FlowMapInput;
use super::labels::{label_width, Rect};
use super::notes::legend_number_in;
use super::options::FlowMapOptions;
use super::scale::one_two_five;
use crate::geo::arcs::{ArcGeometry, ArcStyle, Pt};
use crate::model::Tiv;
use crate::render::Rgb;

/// Draws the legend box (choropleth classes and an arrow-width key) in the bottom-left
/// corner and returns its rectangle in CSS pixels.
pub(super) fn draw_legend<DB: DrawingBackend>(
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
pub(super) fn nice_floor(v: f64) -> f64 {
    let mut k = -3;
    while one_two_five(k + 1) <= v && k < 60 {
        k += 1;
    }
    one_two_five(k)
}
