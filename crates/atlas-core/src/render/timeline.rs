//! The timeline: TIV delivered per year as stacked bars, one band per supplier (or
//! recipient, or category) plus "Other". The estimated part of each bar segment is
//! hatched, so estimates are told apart by pattern, not only by colour.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::aggregate::StackedSeries;
use crate::analysis::filter::YearRange;
use crate::model::Year;
use crate::render::{text_width, Palette, Rgb};
use crate::story::annotations::{Annotation, AnnotationKind};
use crate::text::Tr;

/// The plotting area of the bars: years across, millions of TIV up.
type Plot<DB> = DrawingArea<
    DB,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// What the drawing needs besides the numbers.
#[derive(Debug, Clone)]
pub struct TimelineOptions<'a> {
    /// Colour of each band, in `series.keys` order.
    pub colors: &'a [Rgb],
    pub palette: &'a Palette,
    /// CSS font family for axis labels.
    pub font: &'a str,
    /// Device pixels per CSS pixel: sizes are given in CSS pixels and multiplied.
    pub scale: f64,
    /// Years to mark as selected (the brush), if any.
    pub selected: Option<YearRange>,
    /// Band to emphasise (hover on a legend entry); the others are drawn lighter.
    pub highlight: Option<usize>,
    /// Shown in the plot area when every value is zero.
    pub empty_message: &'a str,
    /// The reader's language: the value axis is numbered its way (`1 234`, `1.234`).
    pub tr: Tr,
}

/// Where things landed, in backend pixels, so pointer positions map back to years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineLayout {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub years: YearRange,
    /// The top of the value axis, in millions of TIV.
    pub y_max: f64,
}

impl TimelineLayout {
    /// The year under horizontal pixel `x`, clamped to the plotted years when `x` is
    /// within the plot's horizontal extent, `None` outside it.
    pub fn year_at(&self, x: f64) -> Option<Year> {
        if x < f64::from(self.left) || x > f64::from(self.right) || self.right <= self.left {
            return None;
        }
        let n = self.years.len() as f64;
        let frac = (x - f64::from(self.left)) / f64::from(self.right - self.left);
        let i = (frac * n).floor().clamp(0.0, n - 1.0) as u16;
        Some(self.years.from() + i)
    }

    /// Horizontal pixel of the centre of `year`'s bar.
    pub fn x_of(&self, year: Year) -> f64 {
        let n = self.years.len() as f64;
        let i = f64::from(year.saturating_sub(self.years.from()));
        f64::from(self.left) + (i + 0.5) / n * f64::from(self.right - self.left)
    }
}

/// Rounds the axis maximum up to a readable number (1, 2, 2.5, 5 × 10^k).
pub(crate) fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if v <= m * mag {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Draws the timeline onto `root`, which it fills.
pub fn draw_timeline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &StackedSeries,
    opt: &TimelineOptions<'_>,
) -> Result<TimelineLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    draw_timeline_annotated(root, series, opt, &[])
}

/// How many suppliers (or categories) the timeline names before "Other"; its colour
/// map names the same ones.
pub const TIMELINE_TOP_N: usize = 7;

/// Colour of `reported` annotations: told apart from events (ink) and from the bands.
pub const REPORTED_COLOR: Rgb = Rgb(0xA6, 0x3D, 0x00);
/// Height of one row of annotation labels, in CSS pixels.
const NOTE_ROW: f64 = 15.0;
const NOTE_FONT: f64 = 11.0;

/// Where an annotation's label goes: which row (0 = top) and whether the text runs left
/// of the marker (right-aligned) instead of right of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelPlace {
    pub row: usize,
    pub leftward: bool,
}

/// Places labels so that none overlap: each label (marker x, text width, both in pixels)
/// runs rightward from its marker unless that would cross `right`, then leftward; it
/// takes the first row where it does not collide with a label already placed. `gap` is
/// the minimum space between labels in a row.
pub fn place_labels(items: &[(f64, f64)], left: f64, right: f64, gap: f64) -> Vec<LabelPlace> {
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for &(x, w) in items {
        let pad = 4.0;
        let leftward = x + pad + w > right && x - pad - w >= left;
        let (a, b) = if leftward {
            (x - pad - w, x)
        } else {
            (x, x + pad + w)
        };
        let row = rows
            .iter()
            .position(|r| r.iter().all(|&(ra, rb)| b + gap <= ra || a >= rb + gap))
            .unwrap_or(rows.len());
        if row == rows.len() {
            rows.push(Vec::new());
        }
        rows[row].push((a, b));
        out.push(LabelPlace { row, leftward });
    }
    out
}

/// Draws the timeline with annotations: each a vertical marker at its date (solid for
/// events, dashed for `reported`, which are labelled "(reported)" and coloured apart),
/// its label in a row above the bars placed so that no two labels overlap. Annotations
/// outside the plotted years are left out.
pub fn draw_timeline_annotated<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &StackedSeries,
    opt: &TimelineOptions<'_>,
    notes: &[&Annotation],
) -> Result<TimelineLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale;
    let px = |v: f64| (v * s).round() as i32;
    let years = series.years;
    let notes: Vec<&Annotation> = notes
        .iter()
        .copied()
        .filter(|a| years.contains(a.date.year))
        .collect();
    // Where the plot will be (ChartBuilder: margins plus the value-label area), to place
    // labels before drawing and reserve their rows above the bars.
    let n = years.len();
    let max_total = (0..n)
        .map(|y| series.year_total(y).millions())
        .fold(0.0, f64::max);
    let y_max = nice_ceiling(max_total * 1.02);
    let (w, _h) = root.dim_in_pixel();
    let y_label_width = px(8.0) + px(7.0) * opt.tr.int(y_max.round() as i64).chars().count() as i32;
    let left = f64::from(px(4.0) + y_label_width.max(px(28.0)));
    let right = f64::from(w as i32 - px(12.0));
    let x_at =
        |pos: f64| left + (pos - (f64::from(years.from()) - 0.5)) / n as f64 * (right - left);
    let labels: Vec<String> = notes.iter().map(|a| a.chart_label_in(opt.tr)).collect();
    let items: Vec<(f64, f64)> = notes
        .iter()
        .zip(&labels)
        .map(|(a, l)| (x_at(a.date.axis_position()), text_width(l, NOTE_FONT * s)))
        .collect();
    let places = place_labels(&items, 0.0, f64::from(w), 6.0 * s);
    let rows = places.iter().map(|p| p.row + 1).max().unwrap_or(0);
    let extra_top = px(NOTE_ROW * rows as f64);
    let layout = draw_bars(root, series, opt, extra_top)?;
    let pal = opt.palette;
    for ((a, label), (&(x, tw), place)) in notes.iter().zip(&labels).zip(items.iter().zip(&places))
    {
        let color = match a.kind {
            AnnotationKind::Event => pal.ink,
            AnnotationKind::Reported => REPORTED_COLOR,
        };
        let xi = x.round() as i32;
        let row_top = px(6.0) + px(NOTE_ROW * place.row as f64);
        let text_y = row_top + px(NOTE_ROW / 2.0);
        let line = color.to_plotters().stroke_width(px(1.5).max(1) as u32);
        // The layout is in the backend's pixels; `root` may be a part of the surface (a
        // figure's chart box), whose drawings are placed from its own corner.
        let (y0, y1) = (text_y, layout.bottom - root.get_base_pixel().1);
        match a.kind {
            AnnotationKind::Event => {
                root.draw(&PathElement::new(vec![(xi, y0), (xi, y1)], line))?;
            }
            AnnotationKind::Reported => {
                let (dash, gap) = (px(4.0).max(2), px(3.0).max(2));
                let mut y = y0;
                while y < y1 {
                    root.draw(&PathElement::new(
                        vec![(xi, y), (xi, (y + dash).min(y1))],
                        line,
                    ))?;
                    y += dash + gap;
                }
            }
        }
        let pad = px(4.0);
        let (tx0, tx1) = if place.leftward {
            (xi - pad - tw.ceil() as i32, xi - px(2.0))
        } else {
            (xi + px(2.0), xi + pad + tw.ceil() as i32)
        };
        root.draw(&Rectangle::new(
            [(tx0, row_top), (tx1, row_top + px(NOTE_ROW - 1.0))],
            pal.background.to_plotters().mix(0.9).filled(),
        ))?;
        let font = (opt.font, f64::from(px(NOTE_FONT)))
            .into_font()
            .color(&color.to_plotters());
        let (anchor, tx) = if place.leftward {
            (plotters::style::text_anchor::HPos::Right, xi - pad)
        } else {
            (plotters::style::text_anchor::HPos::Left, xi + pad)
        };
        let style = font.pos(plotters::style::text_anchor::Pos::new(
            anchor,
            plotters::style::text_anchor::VPos::Center,
        ));
        root.draw(&Text::new(label.clone(), (tx, text_y), style))?;
    }
    root.present()?;
    Ok(layout)
}

fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &StackedSeries,
    opt: &TimelineOptions<'_>,
    extra_top: i32,
) -> Result<TimelineLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale;
    let px = |v: f64| (v * s).round() as i32;
    let pal = opt.palette;
    root.fill(&pal.background.to_plotters())?;
    let years = series.years;
    let n = years.len();
    let max_total = (0..n)
        .map(|y| series.year_total(y).millions())
        .fold(0.0, f64::max);
    let y_max = nice_ceiling(max_total * 1.02);
    let (w, _h) = root.dim_in_pixel();
    let label_font = (opt.font, f64::from(px(12.0)))
        .into_font()
        .color(&pal.muted.to_plotters());
    let y_label_width = px(8.0) + px(7.0) * opt.tr.int(y_max.round() as i64).chars().count() as i32;
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(10.0) + extra_top)
        .margin_right(px(12.0))
        .margin_left(px(4.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(24.0))
        .y_label_area_size(y_label_width.max(px(28.0)))
        .build_cartesian_2d(
            f64::from(years.from()) - 0.5..f64::from(years.to()) + 0.5,
            0f64..y_max,
        )?;
    // About one year label per 56 CSS px, on round years.
    let room = ((f64::from(w) / s) / 56.0).max(2.0);
    let step = [1u16, 2, 5, 10, 20, 25, 50]
        .into_iter()
        .find(|st| (n as f64 / f64::from(*st)) <= room)
        .unwrap_or(50);
    let first_label = years.from().div_ceil(step) * step;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(pal.grid.to_plotters().stroke_width(px(1.0).max(1) as u32))
        .light_line_style(TRANSPARENT)
        .axis_style(pal.muted.to_plotters().stroke_width(px(1.0).max(1) as u32))
        .x_labels(n + 1)
        .x_label_formatter(&|x| {
            let y = x.round() as i64;
            if (x - y as f64).abs() < 1e-6
                && y >= i64::from(first_label)
                && (y - i64::from(first_label)) % i64::from(step) == 0
            {
                y.to_string()
            } else {
                String::new()
            }
        })
        .y_labels(5)
        .y_label_formatter(&|v| {
            // Small axes step by fractions (0.5, 1.5): keep one decimal there.
            if y_max < 10.0 && v.fract().abs() > 1e-9 {
                opt.tr.num(*v, 1)
            } else {
                opt.tr.int(v.round() as i64)
            }
        })
        .label_style(label_font.clone())
        .draw()?;

    let plot = chart.plotting_area();
    // The selected years are shaded behind the bars.
    if let Some(sel) = opt.selected.and_then(|sel| sel.intersect(years)) {
        let shade = pal.ink.to_plotters().mix(0.08).filled();
        let (a, b) = (f64::from(sel.from()) - 0.5, f64::from(sel.to()) + 0.5);
        plot.draw(&Rectangle::new([(a, 0.0), (b, y_max)], shade))?;
    }
    draw_stacks(plot, series, opt)?;
    let (xr, yr) = plot.get_pixel_range();
    let layout = TimelineLayout {
        left: xr.start,
        right: xr.end,
        top: yr.start,
        bottom: yr.end,
        years,
        y_max,
    };
    if series.is_empty() {
        let style = (opt.font, f64::from(px(15.0)))
            .into_font()
            .color(&pal.ink.to_plotters())
            .pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Center,
            ));
        root.draw(&Text::new(
            opt.empty_message.to_owned(),
            ((xr.start + xr.end) / 2, (yr.start + yr.end) / 2),
            style,
        ))?;
    }
    Ok(layout)
}

/// The stacked bars, one band per key, the estimated top of each segment hatched.
fn draw_stacks<DB: DrawingBackend>(
    plot: &Plot<DB>,
    series: &StackedSeries,
    opt: &TimelineOptions<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * opt.scale).round() as i32;
    let pal = opt.palette;
    let (years, n) = (series.years, series.years.len());
    let faded = |c: Rgb| -> RGBAColor { c.to_plotters().mix(0.35) };
    for y in 0..n {
        let x = f64::from(years.from()) + y as f64;
        let mut base = 0.0;
        for (k, band) in series.values.iter().enumerate() {
            let v = band[y].millions();
            if v <= 0.0 {
                continue;
            }
            let color = opt.colors.get(k).copied().unwrap_or(pal.other);
            let style = match opt.highlight {
                Some(h) if h != k => faded(color).filled(),
                _ => color.to_plotters().filled(),
            };
            let (x0, x1) = (x - 0.42, x + 0.42);
            plot.draw(&Rectangle::new([(x0, base), (x1, base + v)], style))?;
            let est = series.estimated[k][y].millions().min(v);
            if est > 0.0 {
                let top = base + v;
                hatch(
                    plot,
                    (x0, top - est),
                    (x1, top),
                    px(4.0).max(3),
                    &pal.background,
                )?;
            }
            base += v;
        }
    }
    Ok(())
}

/// Diagonal hatching inside a data-space rectangle: the mark of an estimate.
fn hatch<DB: DrawingBackend>(
    plot: &Plot<DB>,
    a: (f64, f64),
    b: (f64, f64),
    spacing: i32,
    color: &Rgb,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let p0 = plot.map_coordinate(&(a.0, b.1));
    let p1 = plot.map_coordinate(&(b.0, a.1));
    let (x0, y0, x1, y1) = (
        p0.0.min(p1.0),
        p0.1.min(p1.1),
        p0.0.max(p1.0),
        p0.1.max(p1.1),
    );
    if x1 - x0 < 2 || y1 - y0 < 1 {
        return Ok(());
    }
    let style = color.to_plotters().mix(0.75).stroke_width(1);
    let root = plot.strip_coord_spec();
    let (ox, oy) = {
        let (xr, yr) = plot.get_pixel_range();
        (xr.start, yr.start)
    };
    // Lines x - y = c for c across the rectangle, clipped to it.
    let mut c = x0 - y1;
    while c < x1 - y0 {
        let sx = (c + y1).clamp(x0, x1);
        let sy = sx - c;
        let ex = (c + y0).clamp(x0, x1);
        let ey = ex - c;
        if sx != ex {
            root.draw(&PathElement::new(
                vec![
                    (sx - ox, sy.clamp(y0, y1) - oy),
                    (ex - ox, ey.clamp(y0, y1) - oy),
                ],
                style,
            ))?;
        }
        c += spacing;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap() {
        let items = [(300.0, 80.0), (305.0, 120.0), (310.0, 60.0), (50.0, 40.0)];
        let places = place_labels(&items, 0.0, 340.0, 4.0);
        let spans: Vec<(usize, f64, f64)> = items
            .iter()
            .zip(&places)
            .map(|(&(x, w), p)| {
                if p.leftward {
                    (p.row, x - 4.0 - w, x)
                } else {
                    (p.row, x, x + 4.0 + w)
                }
            })
            .collect();
        for (i, a) in spans.iter().enumerate() {
            assert!(a.1 >= 0.0 && a.2 <= 340.0, "{a:?} sticks out");
            for b in &spans[i + 1..] {
                assert!(
                    a.0 != b.0 || a.2 <= b.1 || b.2 <= a.1,
                    "{a:?} overlaps {b:?}"
                );
            }
        }
        assert!(places[0].leftward && places[1].leftward);
        assert_eq!(
            places[3],
            LabelPlace {
                row: 0,
                leftward: false
            }
        );
    }

    #[test]
    fn nice_axis_tops() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(1800.0), 2000.0);
        assert_eq!(nice_ceiling(2100.0), 2500.0);
        assert_eq!(nice_ceiling(450.0), 500.0);
    }

    #[test]
    fn pixels_map_back_to_years() {
        let l = TimelineLayout {
            left: 100,
            top: 0,
            right: 200,
            bottom: 100,
            years: YearRange::new(2000, 2009).unwrap(),
            y_max: 10.0,
        };
        assert_eq!(l.year_at(100.0), Some(2000));
        assert_eq!(l.year_at(105.0), Some(2000));
        assert_eq!(l.year_at(155.0), Some(2005));
        assert_eq!(l.year_at(200.0), Some(2009));
        assert_eq!(l.year_at(99.0), None);
        assert_eq!(l.year_at(201.0), None);
        assert!((l.x_of(2000) - 105.0).abs() < 1e-9);
        for y in 2000..=2009 {
            assert_eq!(l.year_at(l.x_of(y)), Some(y));
        }
    }
}
