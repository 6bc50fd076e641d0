//! The choropleth's classes: round, geometrically growing breaks of the TIV imported.

/// Class breaks of the choropleth, in millions of TIV (the classes' colours are the
/// palette's `choropleth`): `breaks[0] = 0`, then four
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
    pub(crate) fn for_max(max: f64) -> ChoroplethScale {
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
}
