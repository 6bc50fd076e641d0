//! Colours shared by every view, so that a supplier has the same colour in the timeline,
//! the map and the rankings.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS and SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// For plotters.
    pub fn to_plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }
}

/// The categorical palette: built on Okabe & Ito's colour-blind-safe set, without its
/// yellow (too light on white) and with two darker additions, then grey for "Other".
#[derive(Debug, Clone)]
pub struct Palette {
    pub bands: Vec<Rgb>,
    pub other: Rgb,
    pub ink: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub background: Rgb,
}

impl Palette {
    /// Colours on a light background.
    pub fn light() -> Palette {
        Palette {
            bands: vec![
                Rgb(0x00, 0x72, 0xB2), // blue
                Rgb(0xD5, 0x5E, 0x00), // vermillion
                Rgb(0x00, 0x9E, 0x73), // bluish green
                Rgb(0xCC, 0x79, 0xA7), // reddish purple
                Rgb(0xE6, 0x9F, 0x00), // orange
                Rgb(0x56, 0xB4, 0xE9), // sky blue
                Rgb(0x88, 0x22, 0x55), // wine
                Rgb(0x44, 0x55, 0x22), // olive
            ],
            other: Rgb(0xA0, 0xA0, 0xA0),
            ink: Rgb(0x1A, 0x1A, 0x1A),
            muted: Rgb(0x5C, 0x5C, 0x5C),
            grid: Rgb(0xE2, 0xE2, 0xE2),
            background: Rgb(0xFF, 0xFF, 0xFF),
        }
    }

    /// Colour of band `i` (the palette repeats past its length).
    pub fn band(&self, i: usize) -> Rgb {
        self.bands[i % self.bands.len()]
    }
}

/// Which colour each supplier and category has right now. Built from the current
/// rankings, so the timeline, the map and the rankings agree: the top suppliers get the
/// palette in rank order, everyone else the "Other" grey.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorMap {
    suppliers: std::collections::HashMap<crate::data::EntityId, Rgb>,
    categories: std::collections::HashMap<crate::data::Category, Rgb>,
    other: Rgb,
}

impl ColorMap {
    /// Colours for the `top_n` first entries of each ranking.
    pub fn new(agg: &crate::data::Aggregates, top_n: usize, palette: &Palette) -> ColorMap {
        let keep = |len: usize| if len > top_n + 1 { top_n } else { len };
        ColorMap {
            suppliers: agg
                .suppliers
                .iter()
                .take(keep(agg.suppliers.len()))
                .enumerate()
                .map(|(i, (e, _))| (*e, palette.band(i)))
                .collect(),
            categories: agg
                .categories
                .iter()
                .take(keep(agg.categories.len()))
                .enumerate()
                .map(|(i, (c, _))| (*c, palette.band(i)))
                .collect(),
            other: palette.other,
        }
    }

    /// A supplier's colour.
    pub fn supplier(&self, e: crate::data::EntityId) -> Rgb {
        self.suppliers.get(&e).copied().unwrap_or(self.other)
    }

    /// A category's colour.
    pub fn category(&self, c: crate::data::Category) -> Rgb {
        self.categories.get(&c).copied().unwrap_or(self.other)
    }

    /// The colour of a timeline band.
    pub fn key(&self, k: crate::data::SeriesKey) -> Rgb {
        match k {
            crate::data::SeriesKey::Entity(e) => self.supplier(e),
            crate::data::SeriesKey::Category(c) => self.category(c),
            crate::data::SeriesKey::Other => self.other,
        }
    }
}
