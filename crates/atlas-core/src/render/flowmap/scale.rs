//! The choropleth's classes: round, geometrically growing breaks of the TIV imported.

use crate::model::Tiv;
use crate::render::Rgb;

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
pub(super) fn one_two_five(k: i32) -> f64 {
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
