//! Colour science for the accessibility checks of the palettes: sRGB ↔ linear light,
//! WCAG 2 relative luminance and contrast ratio, simulation of colour-vision deficiencies,
//! and CIEDE2000 colour difference. Test code (included by `tests/colour.rs`, not part of
//! atlas-core's API), so that a palette change that hurts readers fails a test.
//!
//! Sources:
//! - sRGB transfer function and relative luminance: WCAG 2.2, "relative luminance"
//!   (IEC 61966-2-1 coefficients), contrast ratio `(L1 + 0.05) / (L2 + 0.05)`.
//! - Colour-vision deficiency: Machado, Oliveira & Fernandes (2009), "A Physiologically-
//!   based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6); the
//!   published matrices at severity 1.0 (protanopia, deuteranopia, tritanopia), applied to
//!   linear RGB.
//! - CIELAB from sRGB under D65 (CIE 15), and CIEDE2000 as in Sharma, Wu & Dalal (2005),
//!   "The CIEDE2000 Color-Difference Formula: Implementation Notes…", whose test pairs
//!   the tests use.

use atlas_core::render::Rgb;

/// One sRGB channel (0–255) to linear light (0–1).
pub fn srgb_to_linear(c: u8) -> f64 {
    let v = f64::from(c) / 255.0;
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear light (clamped to 0–1) to one sRGB channel (0–255).
pub fn linear_to_srgb(v: f64) -> u8 {
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let s = if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (s * 255.0).round().clamp(0.0, 255.0) as u8
}

/// The colour in linear RGB.
pub fn to_linear(c: Rgb) -> [f64; 3] {
    [
        srgb_to_linear(c.0),
        srgb_to_linear(c.1),
        srgb_to_linear(c.2),
    ]
}

/// Back to sRGB from linear RGB (out-of-gamut values are clamped).
pub fn from_linear(l: [f64; 3]) -> Rgb {
    Rgb(
        linear_to_srgb(l[0]),
        linear_to_srgb(l[1]),
        linear_to_srgb(l[2]),
    )
}

/// WCAG 2 relative luminance, 0 (black) to 1 (white).
pub fn relative_luminance(c: Rgb) -> f64 {
    let [r, g, b] = to_linear(c);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// WCAG 2 contrast ratio, 1 to 21, whichever colour is lighter.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A colour-vision deficiency, simulated at full severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cvd {
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

impl Cvd {
    pub const ALL: [Cvd; 3] = [Cvd::Protanopia, Cvd::Deuteranopia, Cvd::Tritanopia];

    /// Machado et al. (2009), severity 1.0, for linear RGB.
    pub fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Cvd::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
            Cvd::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Cvd::Tritanopia => [
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ],
        }
    }

    /// Lowercase name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Cvd::Protanopia => "protanopia",
            Cvd::Deuteranopia => "deuteranopia",
            Cvd::Tritanopia => "tritanopia",
        }
    }
}

/// How `c` looks to a reader with `cvd` (Machado et al. 2009, severity 1.0).
pub fn simulate(c: Rgb, cvd: Cvd) -> Rgb {
    let l = to_linear(c);
    let m = cvd.matrix();
    let row = |r: [f64; 3]| r[0] * l[0] + r[1] * l[1] + r[2] * l[2];
    from_linear([row(m[0]), row(m[1]), row(m[2])])
}

/// CIELAB (D65 white) of an sRGB colour: `[L*, a*, b*]`.
pub fn to_lab(c: Rgb) -> [f64; 3] {
    let [r, g, b] = to_linear(c);
    // sRGB (D65) to XYZ, normalised by the D65 white point.
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f64| {
        const D: f64 = 6.0 / 29.0;
        if t > D * D * D {
            t.cbrt()
        } else {
            t / (3.0 * D * D) + 4.0 / 29.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// CIEDE2000 colour difference between two CIELAB colours (kL = kC = kH = 1).
/// About 1 is a just-noticeable difference; categorical colours want well over 10.
pub fn ciede2000(lab1: [f64; 3], lab2: [f64; 3]) -> f64 {
    use std::f64::consts::PI;
    let deg = |r: f64| r * 180.0 / PI;
    let rad = |d: f64| d * PI / 180.0;
    let [l1, a1, b1] = lab1;
    let [l2, a2, b2] = lab2;
    let c1 = a1.hypot(b1);
    let c2 = a2.hypot(b2);
    let c_bar = (c1 + c2) / 2.0;
    let c7 = c_bar.powi(7);
    let g = 0.5 * (1.0 - (c7 / (c7 + 25f64.powi(7))).sqrt());
    let a1p = (1.0 + g) * a1;
    let a2p = (1.0 + g) * a2;
    let c1p = a1p.hypot(b1);
    let c2p = a2p.hypot(b2);
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            let h = deg(b.atan2(a));
            if h < 0.0 {
                h + 360.0
            } else {
                h
            }
        }
    };
    let h1p = hue(b1, a1p);
    let h2p = hue(b2, a2p);
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dhp = if c1p * c2p == 0.0 {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let dh = 2.0 * (c1p * c2p).sqrt() * rad(dhp / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let hp_bar = if c1p * c2p == 0.0 {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(hp_bar - 30.0).cos()
        + 0.24 * rad(2.0 * hp_bar).cos()
        + 0.32 * rad(3.0 * hp_bar + 6.0).cos()
        - 0.20 * rad(4.0 * hp_bar - 63.0).cos();
    let d_theta = 30.0 * (-((hp_bar - 275.0) / 25.0).powi(2)).exp();
    let cp7 = cp_bar.powi(7);
    let rc = 2.0 * (cp7 / (cp7 + 25f64.powi(7))).sqrt();
    let l50 = (l_bar - 50.0).powi(2);
    let sl = 1.0 + 0.015 * l50 / (20.0 + l50).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -rad(2.0 * d_theta).sin() * rc;
    let (tl, tc, th) = (dl / sl, dc / sc, dh / sh);
    (tl * tl + tc * tc + th * th + rt * tc * th).sqrt()
}

/// CIEDE2000 between two sRGB colours.
pub fn delta_e(a: Rgb, b: Rgb) -> f64 {
    ciede2000(to_lab(a), to_lab(b))
}

/// The smallest CIEDE2000 difference between any two of `colors`, with normal vision and
/// under each simulated deficiency: `(distance, i, j, vision)` where vision is `None` for
/// normal vision. `None` when there are fewer than two colours.
pub fn min_pair_distance(colors: &[Rgb]) -> Option<(f64, usize, usize, Option<Cvd>)> {
    let visions = std::iter::once(None).chain(Cvd::ALL.into_iter().map(Some));
    let mut best: Option<(f64, usize, usize, Option<Cvd>)> = None;
    for v in visions {
        let seen: Vec<Rgb> = colors
            .iter()
            .map(|&c| v.map_or(c, |cvd| simulate(c, cvd)))
            .collect();
        for i in 0..seen.len() {
            for j in i + 1..seen.len() {
                let d = delta_e(seen[i], seen[j]);
                if best.is_none_or(|(bd, ..)| d < bd) {
                    best = Some((d, i, j, v));
                }
            }
        }
    }
    best
}
