//! The frame of a figure: title, subtitle, colour key, the chart's box and the footer
//! with the provenance lines, laid out at [`FIGURE_WIDTH`] and drawn on any backend.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use super::chart::{draw_chart, Chart};
use super::spec::{EstimateKey, Figure};
use crate::export::clean::{clean_line, is_hidden, xml_allowed};
use crate::render::{text_width, Rgb, EM_PER_CHAR};

/// Width of every figure, in CSS pixels (the SVG's user units).
pub const FIGURE_WIDTH: f64 = 1200.0;
/// Device pixels per CSS pixel of the PNG: 2400 pixels wide, for print.
pub const PNG_SCALE: f64 = 2.0;

/// Where each part of a figure goes, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLayout {
    pub width: f64,
    pub height: f64,
    /// `(text, baseline-free top y)` of each title line.
    pub title: Vec<(String, f64)>,
    pub subtitle: Vec<(String, f64)>,
    /// `(x, y, label, swatch)` of each key entry.
    pub legend: Vec<(f64, f64, String, KeySwatch)>,
    /// The chart's box: x, y, width, height.
    pub chart: (f64, f64, f64, f64),
    /// The rule above the footer.
    pub rule_y: f64,
    /// `(text, y, is the credit line)`.
    pub footer: Vec<(String, f64, bool)>,
}

/// What a key entry shows before its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySwatch {
    /// A band's or a supplier's colour.
    Colour(Rgb),
    /// Grey, hatched in white: an estimate on a bar.
    Hatched,
    /// Grey, a white dash down the middle: an estimate on an arc.
    Dashed,
}

const PAD: f64 = 32.0;
const TITLE_PX: f64 = 24.0;
const SUB_PX: f64 = 15.0;
const KEY_PX: f64 = 13.0;
const FOOT_PX: f64 = 12.0;

/// Breaks `text` into lines at most `width` wide, at spaces; a word longer than a line
/// (a URL) is cut.
pub fn wrap(text: &str, px: f64, width: f64) -> Vec<String> {
    let max = ((width / (px * EM_PER_CHAR)).floor() as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let len = line.chars().count();
            let sep = usize::from(len > 0);
            if len + sep + word.len() <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line.
            let rest = word.split_off(max);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays the figure out at [`FIGURE_WIDTH`].
pub fn figure_layout(fig: &Figure<'_>, chart: &Chart<'_>) -> FigureLayout {
    let width = FIGURE_WIDTH;
    let inner = width - 2.0 * PAD;
    let mut y = 26.0;
    let mut title = Vec::new();
    for l in wrap(&clean_line(fig.title), TITLE_PX, inner) {
        title.push((l, y));
        y += 31.0;
    }
    y += 2.0;
    let mut subtitle = Vec::new();
    for l in wrap(&clean_line(fig.subtitle), SUB_PX, inner) {
        subtitle.push((l, y));
        y += 20.0;
    }
    let mut legend = Vec::new();
    let mut items: Vec<(String, KeySwatch)> = fig
        .legend
        .iter()
        .map(|(l, c)| (clean_line(l), KeySwatch::Colour(*c)))
        .collect();
    match chart.estimate_key() {
        EstimateKey::Hatched => {
            items.push((fig.tr.t("timeline.estimate").to_owned(), KeySwatch::Hatched));
        }
        EstimateKey::Dashed => {
            items.push((
                fig.tr.t("map.dashed_estimated").to_owned(),
                KeySwatch::Dashed,
            ));
        }
    }
    if !items.is_empty() {
        y += 8.0;
        let mut x = PAD;
        for (label, swatch) in items {
            let w = swatch_width(swatch) + 6.0 + text_width(&label, KEY_PX) + 18.0;
            if x > PAD && x + w > width - PAD {
                x = PAD;
                y += 21.0;
            }
            legend.push((x, y, label, swatch));
            x += w;
        }
        y += 21.0;
    }
    y += 12.0;
    let ch = chart.height(inner);
    let chart_box = (PAD, y, inner, ch);
    y += ch + 18.0;
    let rule_y = y;
    y += 12.0;
    let mut footer = Vec::new();
    for (i, line) in fig.provenance.lines().iter().enumerate() {
        for l in wrap(&clean_line(line), FOOT_PX, inner) {
            footer.push((l, y, i == 0));
            y += 17.0;
        }
    }
    FigureLayout {
        width,
        height: (y + 20.0).ceil(),
        title,
        subtitle,
        legend,
        chart: chart_box,
        rule_y,
        footer,
    }
}

/// Draws the figure onto `root` (which should be `figure_layout`'s size × `scale`):
/// frame first, then the chart by its view's draw function.
pub fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure<'_>,
    chart: &Chart<'_>,
    scale: f64,
) -> Result<FigureLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = scale.max(0.1);
    let px = |v: f64| (v * s).round() as i32;
    let pal = fig.palette;
    let lay = figure_layout(fig, chart);
    root.fill(&pal.background.to_plotters())?;
    let top_left = |size: f64, color: Rgb, bold: bool| {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        (fig.font, size * s, style)
            .into_font()
            .color(&color.to_plotters())
            .pos(Pos::new(HPos::Left, VPos::Top))
    };
    for (l, y) in &lay.title {
        root.draw(&Text::new(
            l.clone(),
            (px(PAD), px(*y)),
            top_left(TITLE_PX, pal.ink, true),
        ))?;
    }
    for (l, y) in &lay.subtitle {
        root.draw(&Text::new(
            l.clone(),
            (px(PAD), px(*y)),
            top_left(SUB_PX, pal.muted, false),
        ))?;
    }
    for (x, y, label, swatch) in &lay.legend {
        draw_swatch(root, *swatch, (*x, *y), s, pal.background)?;
        root.draw(&Text::new(
            label.clone(),
            (px(*x + swatch_width(*swatch) + 6.0), px(*y + 1.0)),
            top_left(KEY_PX, pal.ink, false),
        ))?;
    }
    root.draw(&PathElement::new(
        vec![
            (px(PAD), px(lay.rule_y)),
            (px(lay.width - PAD), px(lay.rule_y)),
        ],
        pal.grid.to_plotters().stroke_width(px(1.0).max(1) as u32),
    ))?;
    for (l, y, credit) in &lay.footer {
        let color = if *credit { pal.ink } else { pal.muted };
        root.draw(&Text::new(
            l.clone(),
            (px(PAD), px(*y)),
            top_left(FOOT_PX, color, *credit),
        ))?;
    }
    let (cx, cy, cw, ch) = lay.chart;
    let area = root.clone().shrink(
        (px(cx), px(cy)),
        (px(cw).max(1) as u32, px(ch).max(1) as u32),
    );
    draw_chart(&area, chart, fig, (cw, ch), s)?;
    root.present()?;
    Ok(lay)
}

/// Width of a key entry's swatch, in CSS pixels (an arc's dash needs room to show).
fn swatch_width(swatch: KeySwatch) -> f64 {
    match swatch {
        KeySwatch::Dashed => 24.0,
        _ => 14.0,
    }
}

/// One key swatch at `(x, y)` (CSS pixels, top left), as the page draws it beside its
/// chart: a colour, or grey marked the way the chart marks an estimate.
fn draw_swatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    swatch: KeySwatch,
    (x, y): (f64, f64),
    s: f64,
    background: Rgb,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * s).round() as i32;
    let (x0, y0) = (px(x), px(y + 2.0));
    let (x1, y1) = (px(x + swatch_width(swatch)), px(y + 16.0));
    let grey = RGBColor(0x77, 0x77, 0x77);
    let white = background.to_plotters().stroke_width(px(1.2).max(1) as u32);
    match swatch {
        KeySwatch::Colour(c) => {
            root.draw(&Rectangle::new(
                [(x0, y0), (x1, y1)],
                c.to_plotters().filled(),
            ))?;
        }
        KeySwatch::Hatched => {
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], grey.filled()))?;
            for k in [-7, 0, 7] {
                let k = px(f64::from(k));
                let (a, b) = if k >= 0 {
                    ((x0 + k, y1), (x1, y0 + k))
                } else {
                    ((x0, y1 + k), (x1 + k, y0))
                };
                root.draw(&PathElement::new(vec![a, b], white))?;
            }
        }
        KeySwatch::Dashed => {
            root.draw(&Rectangle::new([(x0, y0), (x1, y1)], grey.filled()))?;
            let dash = background.to_plotters().stroke_width(px(2.5).max(1) as u32);
            let mid = px(y + 9.0);
            let mut a = x + 2.0;
            while a < x + 22.0 {
                let b = (a + 4.0).min(x + 22.0);
                root.draw(&PathElement::new(vec![(px(a), mid), (px(b), mid)], dash))?;
                a += 7.0;
            }
        }
    }
    Ok(())
}

/// The figure as a standalone SVG document (UTF-8), at [`FIGURE_WIDTH`] user units.
pub fn figure_svg(fig: &Figure<'_>, chart: &Chart<'_>) -> String {
    let lay = figure_layout(fig, chart);
    let mut body = String::new();
    {
        let root = SVGBackend::with_string(&mut body, (lay.width as u32, lay.height as u32))
            .into_drawing_area();
        if let Err(e) = draw_figure(&root, fig, chart, 1.0) {
            // Drawing into a string cannot fail for I/O; say so in the file if it ever does.
            let _ = root.draw(&Text::new(
                format!("The chart could not be drawn: {e:?}"),
                (32, 32),
                ("sans-serif", 14.0).into_font(),
            ));
        }
    }
    // Each draw function presents (closes the document); put one closing tag at the end.
    let body = body.replace("</svg>\n", "");
    let open_end = body.find('>').map_or(0, |i| i + 1);
    let (open, rest) = body.split_at(open_end);
    let esc = |t: &str| {
        clean_line(t)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let desc = fig.provenance.lines().join(" ");
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}\n<title>{}</title>\n<desc>{}</desc>{rest}</svg>\n",
        esc(fig.title),
        esc(&desc)
    );
    // Whatever reached the drawing unclean (a label inside a chart) is made safe here.
    doc.chars()
        .filter(|&c| xml_allowed(c) && !is_hidden(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width() {
        let t = "Arms deliveries from Russia, China and 3 others to Myanmar by supplier, 1950–2024, SIPRI TIV";
        let lines = wrap(t, 24.0, 400.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| text_width(l, 24.0) <= 400.0 + 1e-9));
        assert_eq!(lines.join(" "), t);
        let url = "https://example.org/".to_owned() + &"x".repeat(300);
        let lines = wrap(&url, 12.0, 300.0);
        assert_eq!(lines.concat(), url);
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 300.0 + 1e-9));
    }
}
