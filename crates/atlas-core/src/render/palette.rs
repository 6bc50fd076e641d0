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
    pub(crate) fn to_plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }
}

/// The categorical palette: built on Okabe & Ito's colour-blind-safe set, adjusted so that
/// every band keeps a 3:1 contrast with the background (WCAG 1.4.11) and stays apart from
/// the others under simulated protanopia, deuteranopia and tritanopia (see
/// `tests/colour.rs`), then grey for "Other".
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub bands: Vec<Rgb>,
    pub other: Rgb,
    pub ink: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub background: Rgb,
    /// Bars that carry no series colour (recipients and systems in the rankings).
    pub neutral: Rgb,
    /// Map: land that imported nothing, and the sea inside the globe.
    pub land: Rgb,
    pub sea: Rgb,
    /// Map: the choropleth's five classes, least to most.
    pub choropleth: [Rgb; 5],
}

/// Light or dark: which [`Palette`] the charts draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scheme {
    #[default]
    Light,
    Dark,
}

impl Scheme {
    /// The palette of this scheme.
    pub fn palette(self) -> Palette {
        match self {
            Scheme::Light => Palette::light(),
            Scheme::Dark => Palette::dark(),
        }
    }
}

impl Palette {
    /// Colours on a light background.
    pub fn light() -> Palette {
        Palette {
            // Okabe–Ito's hues, moved (by a seeded search, each channel within 35 of a
            // darkened start) until every colour has 3:1 on white and all pairs stay
            // ≥ 12 CIEDE2000 apart under each simulated deficiency.
            bands: vec![
                Rgb(0x0A, 0x56, 0xC8), // blue
                Rgb(0xB5, 0x43, 0x09), // vermillion
                Rgb(0x01, 0x89, 0x50), // bluish green
                Rgb(0xBB, 0x68, 0x9C), // reddish purple
                Rgb(0xA6, 0x94, 0x09), // mustard (Okabe–Ito's orange, darkened)
                Rgb(0x48, 0x96, 0xE6), // sky blue
                Rgb(0x6F, 0x33, 0x68), // plum
                Rgb(0x2B, 0x53, 0x3A), // forest
            ],
            other: Rgb(0x69, 0x69, 0x69),
            ink: Rgb(0x1A, 0x1A, 0x1A),
            muted: Rgb(0x5C, 0x5C, 0x5C),
            grid: Rgb(0xE2, 0xE2, 0xE2),
            background: Rgb(0xFF, 0xFF, 0xFF),
            neutral: Rgb(0x5f, 0x6f, 0x7f),
            land: Rgb(0xE6, 0xE6, 0xE3),
            sea: Rgb(0xF2, 0xF6, 0xF9),
            choropleth: [
                Rgb(0xF1, 0xE6, 0xC8),
                Rgb(0xE2, 0xCB, 0x98),
                Rgb(0xCD, 0xAB, 0x6D),
                Rgb(0xAD, 0x86, 0x4A),
                Rgb(0x7E, 0x5E, 0x30),
            ],
        }
    }

    /// Colours on a dark background (the page's dark theme).
    pub fn dark() -> Palette {
        Palette {
            // The same hues, lighter, found the same way against the dark background.
            bands: vec![
                Rgb(0x2F, 0x91, 0xFC), // blue
                Rgb(0xE2, 0x60, 0x12), // vermillion
                Rgb(0x05, 0xE2, 0xAB), // bluish green
                Rgb(0xC6, 0x89, 0xAC), // reddish purple
                Rgb(0xD5, 0xD7, 0x37), // yellow
                Rgb(0xBE, 0xCD, 0xFF), // pale blue
                Rgb(0x9F, 0x40, 0x98), // purple
                Rgb(0x79, 0x90, 0x75), // sage
            ],
            other: Rgb(0x66, 0x66, 0x66),
            ink: Rgb(0xEC, 0xEC, 0xEA),
            muted: Rgb(0xB4, 0xB4, 0xB0),
            grid: Rgb(0x3A, 0x3D, 0x42),
            background: Rgb(0x16, 0x18, 0x1C),
            neutral: Rgb(0x8E, 0x9C, 0xAB),
            land: Rgb(0x33, 0x36, 0x3B),
            sea: Rgb(0x1E, 0x23, 0x2A),
            choropleth: [
                Rgb(0x4A, 0x40, 0x2E),
                Rgb(0x6E, 0x5A, 0x36),
                Rgb(0x94, 0x78, 0x45),
                Rgb(0xBC, 0x9A, 0x5C),
                Rgb(0xE6, 0xC8, 0x8A),
            ],
        }
    }

    /// Colour of band `i` (the palette repeats past its length).
    pub fn band(&self, i: usize) -> Rgb {
        self.bands[i % self.bands.len()]
    }
}
