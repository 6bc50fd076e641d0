//! Rankings drawn: the entries of `analysis::rankings` as horizontal bars with their value
//! and share of the total ("China 1,234 · 38 %"), with plotters (SVG and PNG exports,
//! native tests); and the hatching path the page draws over a bar's estimated part.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::analysis::rankings::RankEntry;
use crate::render::{Palette, Rgb, EM_PER_CHAR};
use crate::text::Tr;

/// What the drawing needs besides the entries.
#[derive(Debug, Clone)]
pub struct RankingsOptions<'a> {
    /// Drawn above the bars (an export carries its own title); empty for none.
    pub title: &'a str,
    /// Colour of each bar, in entry order (missing ones are the palette's "Other").
    pub colors: &'a [Rgb],
    pub palette: &'a Palette,
    /// CSS font family.
    pub font: &'a str,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Entry to emphasise; the others are drawn lighter.
    pub highlight: Option<usize>,
    /// Shown when there are no entries.
    pub empty_message: &'a str,
    /// The reader's language: values and shares are written its way.
    pub tr: Tr,
}

/// Where the bars landed, in backend pixels, so a pointer maps back to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankingsLayout {
    /// `(top, bottom)` of each row, in entry order.
    pub rows: Vec<(i32, i32)>,
    /// Left edge of the bars (right edge of the labels).
    pub bar_left: i32,
    /// Where a bar of the largest entry ends.
    pub bar_right: i32,
}

impl RankingsLayout {
    /// The entry whose row contains vertical pixel `y`.
    pub fn entry_at(&self, y: i32) -> Option<usize> {
        self.rows.iter().position(|(a, b)| (*a..*b).contains(&y))
    }
}

/// Cuts `s` to at most `max` characters, ending with "…" when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Draws `entries` as horizontal bars onto `root`, which it fills: label on the left,
/// bar, then value and share. Text widths are estimated ([`EM_PER_CHAR`]) because the SVG
/// backend cannot measure text.
pub fn draw_rankings<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[RankEntry],
    opt: &RankingsOptions<'_>,
) -> Result<RankingsLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale;
    let px = |v: f64| (v * s).round() as i32;
    let pal = opt.palette;
    root.fill(&pal.background.to_plotters())?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let font_px = px(13.0).max(1);
    let char_w = (f64::from(font_px) * EM_PER_CHAR).max(1.0);
    let ink = pal.ink.to_plotters();
    let muted = pal.muted.to_plotters();
    let text = |anchor: HPos, color: &RGBColor| {
        (opt.font, f64::from(font_px))
            .into_font()
            .color(color)
            .pos(Pos::new(anchor, VPos::Center))
    };
    let mut top = px(6.0);
    if !opt.title.is_empty() {
        let title_style = (opt.font, f64::from(px(15.0)))
            .into_font()
            .color(&ink)
            .pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(
            opt.title.to_owned(),
            (px(4.0), top),
            title_style,
        ))?;
        top += px(28.0);
    }
    if entries.is_empty() {
        root.draw(&Text::new(
            opt.empty_message.to_owned(),
            (w / 2, (top + h) / 2),
            text(HPos::Center, &ink),
        ))?;
        root.present()?;
        return Ok(RankingsLayout {
            rows: Vec::new(),
            bar_left: 0,
            bar_right: 0,
        });
    }
    let gap = px(8.0);
    // Labels take what they need, up to 40 % of the width.
    let longest = entries
        .iter()
        .map(|e| e.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = ((longest as f64 * char_w).ceil() as i32 + gap)
        .min(w * 2 / 5)
        .max(px(40.0));
    let max_chars = ((f64::from(label_w - gap) / char_w) + 1e-9)
        .floor()
        .max(3.0) as usize;
    let value_w = entries
        .iter()
        .map(|e| e.value_label_in(opt.tr).chars().count())
        .max()
        .unwrap_or(0) as f64
        * char_w;
    let bar_left = px(4.0) + label_w;
    let bar_right = (w - px(4.0) - value_w as i32 - gap).max(bar_left + px(20.0));
    let row_h = ((h - top - px(6.0)) / entries.len() as i32).clamp(px(12.0).max(1), px(30.0));
    let bar_h = (f64::from(row_h) * 0.68).round().max(1.0) as i32;
    let mut rows = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let y0 = top + i as i32 * row_h;
        let mid = y0 + row_h / 2;
        rows.push((y0, y0 + row_h));
        let color = opt.colors.get(i).copied().unwrap_or(pal.other);
        let faded = matches!(opt.highlight, Some(k) if k != i);
        let fill = if faded {
            color.to_plotters().mix(0.35).filled()
        } else {
            color.to_plotters().filled()
        };
        let len = ((bar_right - bar_left) as f64 * e.relative.clamp(0.0, 1.0)).round() as i32;
        let len = if e.tiv.0 > 0 { len.max(1) } else { 0 };
        if len > 0 {
            let (y0, y1) = (mid - bar_h / 2, mid - bar_h / 2 + bar_h);
            root.draw(&Rectangle::new(
                [(bar_left, y0), (bar_left + len, y1)],
                fill,
            ))?;
            // The estimated part, at the bar's end, hatched in the background colour.
            let est_len = (f64::from(len) * e.estimated_share()).round() as i32;
            if est_len >= 2 {
                hatch_rect(
                    root,
                    (bar_left + len - est_len, y0, bar_left + len, y1),
                    px(4.0).max(3),
                    pal.background,
                )?;
            }
        }
        root.draw(&Text::new(
            truncate(&e.label, max_chars),
            (bar_left - gap, mid),
            text(HPos::Right, &ink),
        ))?;
        root.draw(&Text::new(
            e.value_label_in(opt.tr),
            (bar_left + len + gap, mid),
            text(HPos::Left, &muted),
        ))?;
    }
    root.present()?;
    Ok(RankingsLayout {
        rows,
        bar_left,
        bar_right,
    })
}

/// An SVG path of diagonal hatching over `x0..x1` of a bar `height` tall (one stroke
/// every `spacing` units, clipped to the box): how the page marks a bar's estimated part.
/// Empty when the box is empty.
pub fn estimate_hatch_path(x0: f64, x1: f64, height: f64, spacing: f64) -> String {
    let mut d = String::new();
    if !(x1 - x0 > 0.0 && height > 0.0 && spacing > 0.0 && x0.is_finite() && x1.is_finite()) {
        return d;
    }
    // Lines from (a, height) to (a + height, 0), clipped to x0..x1.
    let mut a = x0 - height;
    while a < x1 {
        let (sx, ex) = (a.max(x0), (a + height).min(x1));
        if ex > sx {
            let y = |x: f64| height - (x - a);
            d.push_str(&format!("M{sx:.2} {:.2}L{ex:.2} {:.2}", y(sx), y(ex)));
        }
        a += spacing;
    }
    d
}

/// Diagonal lines (x − y = c) across a pixel rectangle `(x0, y0, x1, y1)`, every
/// `spacing` pixels: the mark of an estimate, as in the timeline.
fn hatch_rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    spacing: i32,
    color: Rgb,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = color.to_plotters().stroke_width(1);
    let mut c = x0 - y1;
    while c < x1 - y0 {
        let sx = (c + y1).clamp(x0, x1);
        let ex = (c + y0).clamp(x0, x1);
        root.draw(&PathElement::new(vec![(sx, sx - c), (ex, ex - c)], style))?;
        c += spacing.max(1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Locale;

    #[test]
    fn shares_read_well() {
        let en = Tr::new(Locale::En);
        assert_eq!(en.fraction(0.384), "38%");
        assert_eq!(en.fraction(0.004), "<1%");
        assert_eq!(en.fraction(0.0), "0%");
        assert_eq!(en.fraction(1.0), "100%");
        assert_eq!(en.fraction(f64::NAN), "0%");
        assert_eq!(truncate("Soviet Union", 20), "Soviet Union");
        assert_eq!(truncate("Soviet Union", 6), "Sovie…");
    }

    #[test]
    fn hatch_paths_stay_in_their_box() {
        assert_eq!(estimate_hatch_path(5.0, 5.0, 10.0, 3.0), "");
        assert_eq!(estimate_hatch_path(0.0, 10.0, 10.0, 0.0), "");
        let d = estimate_hatch_path(60.0, 90.0, 10.0, 3.0);
        let nums: Vec<f64> = d
            .split(['M', 'L', ' '])
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().expect("a number"))
            .collect();
        assert!(nums.len() >= 40, "{d}");
        for xy in nums.chunks(2) {
            assert!((60.0 - 1e-9..=90.0 + 1e-9).contains(&xy[0]), "{d}");
            assert!((0.0 - 1e-9..=10.0 + 1e-9).contains(&xy[1]), "{d}");
        }
        // Every stroke runs at 45° (the box is hatched, not filled).
        for seg in d.split('M').filter(|t| !t.is_empty()) {
            let v: Vec<f64> = seg
                .split(['L', ' '])
                .map(|t| t.parse().expect("n"))
                .collect();
            assert!(((v[2] - v[0]) - (v[1] - v[3])).abs() < 0.02, "{seg}");
        }
    }
}
