//! The palettes stay readable: WCAG contrast for text and marks, and series colours that
//! stay apart under simulated colour-vision deficiencies (Machado et al. 2009, severity
//! 1.0), measured with CIEDE2000. See `common/colour.rs`.

#[path = "common/colour.rs"]
mod colour;

use atlas_core::render::{Palette, Rgb, Scheme};
use colour::{
    ciede2000, contrast_ratio, delta_e, from_linear, min_pair_distance, relative_luminance,
    simulate, to_lab, to_linear, Cvd,
};

/// Smallest CIEDE2000 difference allowed between two series colours drawn together, under
/// normal vision and under each simulated deficiency. About 1 is a just-noticeable
/// difference for patches side by side; 12 keeps even small bars apart.
const MIN_SERIES_DELTA_E: f64 = 12.0;
/// WCAG 1.4.3 (AA), normal-size text.
const TEXT_CONTRAST: f64 = 4.5;
/// WCAG 1.4.11, graphical objects needed to understand the chart.
const MARK_CONTRAST: f64 = 3.0;

fn palettes() -> [(&'static str, Palette); 2] {
    [("light", Palette::light()), ("dark", Palette::dark())]
}

/// Every colour that can be on screen at once as a series: any of the bands (a supplier's
/// colour comes from its overall rank, so a view can show any of them together, all
/// eight when it names eight; see `render/colours.rs`) and "Other". Categories use the
/// same bands.
fn series(p: &Palette) -> Vec<Rgb> {
    let mut v = p.bands.clone();
    v.push(p.other);
    v
}

#[test]
fn srgb_and_luminance_match_wcag() {
    assert_eq!(relative_luminance(Rgb(0, 0, 0)), 0.0);
    assert!((relative_luminance(Rgb(255, 255, 255)) - 1.0).abs() < 1e-12);
    assert!((contrast_ratio(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    assert_eq!(contrast_ratio(Rgb(9, 9, 9), Rgb(9, 9, 9)), 1.0);
    // WebAIM's checker: #767676 on white is 4.54:1, the lightest grey passing AA.
    let r = contrast_ratio(Rgb(0x76, 0x76, 0x76), Rgb(255, 255, 255));
    assert!((r - 4.54).abs() < 0.01, "{r}");
    // Order does not matter.
    assert_eq!(
        contrast_ratio(Rgb(0x0A, 0x56, 0xC8), Rgb(255, 255, 255)),
        contrast_ratio(Rgb(255, 255, 255), Rgb(0x0A, 0x56, 0xC8))
    );
    // Linear ↔ sRGB round-trips every channel value.
    for v in 0..=255u8 {
        assert_eq!(from_linear(to_linear(Rgb(v, v, v))), Rgb(v, v, v));
    }
}

#[test]
fn lab_of_known_colours() {
    let close = |a: [f64; 3], b: [f64; 3]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.05);
    assert!(
        close(to_lab(Rgb(255, 255, 255)), [100.0, 0.0, 0.0]),
        "{:?}",
        to_lab(Rgb(255, 255, 255))
    );
    assert!(close(to_lab(Rgb(0, 0, 0)), [0.0, 0.0, 0.0]));
    // sRGB red, D65: L* 53.24, a* 80.09, b* 67.20.
    assert!(
        close(to_lab(Rgb(255, 0, 0)), [53.24, 80.09, 67.20]),
        "{:?}",
        to_lab(Rgb(255, 0, 0))
    );
}

#[test]
fn ciede2000_matches_sharma_test_data() {
    // Pairs from Sharma, Wu & Dalal (2005), table 1, with their published ΔE00.
    let pairs: [([f64; 3], [f64; 3], f64); 8] = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615),
        ([50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ([50.0, 2.5, 0.0], [56.0, -27.0, -3.0], 31.9030),
        ([50.0, 2.5, 0.0], [58.0, 24.0, 15.0], 19.4535),
        (
            [60.2574, -34.0099, 36.2677],
            [60.4626, -34.1751, 39.4387],
            1.2644,
        ),
        (
            [2.0776, 0.0795, -1.1350],
            [0.9033, -0.0636, -0.5514],
            0.9082,
        ),
    ];
    for (a, b, want) in pairs {
        let got = ciede2000(a, b);
        assert!((got - want).abs() < 1e-4, "{a:?} {b:?}: {got} ≠ {want}");
        assert!((ciede2000(b, a) - want).abs() < 1e-4, "symmetric");
    }
    assert_eq!(ciede2000([40.0, 10.0, -5.0], [40.0, 10.0, -5.0]), 0.0);
}

#[test]
fn cvd_simulation_behaves() {
    // Greys and black/white are unchanged (each Machado row sums to 1).
    for cvd in Cvd::ALL {
        for v in [0u8, 64, 128, 200, 255] {
            let g = Rgb(v, v, v);
            let s = simulate(g, cvd);
            assert!(delta_e(g, s) < 1.0, "{} moved grey {v}: {s:?}", cvd.name());
        }
    }
    // The classic confusion: pure red and green collapse for protans and deutans far
    // more than for tritans or normal vision.
    let (red, green) = (Rgb(0xD0, 0x30, 0x30), Rgb(0x50, 0x90, 0x20));
    let normal = delta_e(red, green);
    for cvd in [Cvd::Protanopia, Cvd::Deuteranopia] {
        let d = delta_e(simulate(red, cvd), simulate(green, cvd));
        assert!(d < normal / 2.0, "{}: {d} vs {normal}", cvd.name());
    }
    // Tritans confuse blue with green-ish teal more than red-green.
    let (blue, teal) = (Rgb(0x30, 0x60, 0xD0), Rgb(0x20, 0x90, 0x90));
    let t = delta_e(
        simulate(blue, Cvd::Tritanopia),
        simulate(teal, Cvd::Tritanopia),
    );
    assert!(t < delta_e(blue, teal), "{t}");
    // And the check itself catches a bad palette.
    let bad = [
        Rgb(0xD0, 0x30, 0x30),
        Rgb(0x50, 0x90, 0x20),
        Rgb(0x30, 0x60, 0xD0),
    ];
    let (d, _, _, v) = min_pair_distance(&bad).expect("three colours");
    assert!(d < MIN_SERIES_DELTA_E && v.is_some(), "{d} {v:?}");
}

#[test]
fn series_colours_stay_apart_under_every_simulated_deficiency() {
    let mut report = Vec::new();
    for (name, p) in palettes() {
        let s = series(&p);
        let (d, i, j, v) = min_pair_distance(&s).expect("a palette");
        report.push(format!(
            "{name}: closest pair {} / {} at ΔE00 {d:.1} ({})",
            s[i].hex(),
            s[j].hex(),
            v.map_or("normal vision", Cvd::name)
        ));
        assert!(d >= MIN_SERIES_DELTA_E, "{}", report.join("\n"));
    }
    println!("{}", report.join("\n"));
}

#[test]
fn series_colours_and_marks_have_3_to_1_against_the_background() {
    for (name, p) in palettes() {
        let mut marks = series(&p);
        marks.push(p.neutral);
        for c in marks {
            let r = contrast_ratio(c, p.background);
            assert!(
                r >= MARK_CONTRAST,
                "{name}: {} on {} is {r:.2}:1",
                c.hex(),
                p.background.hex()
            );
            // The estimate hatching is drawn in the background colour over the band,
            // so the same ratio keeps the pattern visible in every band.
        }
    }
}

#[test]
fn chart_text_meets_aa() {
    for (name, p) in palettes() {
        for (what, c) in [("ink", p.ink), ("muted", p.muted)] {
            let r = contrast_ratio(c, p.background);
            assert!(r >= TEXT_CONTRAST, "{name} {what}: {r:.2}:1");
        }
        // Map labels are drawn over land and sea too.
        for bg in [p.land, p.sea] {
            let r = contrast_ratio(p.ink, bg);
            assert!(r >= TEXT_CONTRAST, "{name} ink on {}: {r:.2}:1", bg.hex());
        }
    }
}

#[test]
fn choropleth_classes_are_ordered_in_lightness_and_apart() {
    for (name, p) in palettes() {
        let l: Vec<f64> = p.choropleth.iter().map(|c| to_lab(*c)[0]).collect();
        // Light: more imports, darker; dark: more imports, lighter (away from the page).
        let monotone = l.windows(2).all(|w| match name {
            "light" => w[1] < w[0],
            _ => w[1] > w[0],
        });
        assert!(monotone, "{name}: {l:?}");
        // Neighbouring classes stay apart for every reader (a single-hue ramp is carried
        // by lightness, which the simulations keep).
        for cvd in std::iter::once(None).chain(Cvd::ALL.map(Some)) {
            for w in p.choropleth.windows(2) {
                let (a, b) = cvd.map_or((w[0], w[1]), |c| (simulate(w[0], c), simulate(w[1], c)));
                let d = delta_e(a, b);
                assert!(
                    d >= 5.0,
                    "{name} {cvd:?}: {} / {} ΔE00 {d:.1}",
                    w[0].hex(),
                    w[1].hex()
                );
            }
        }
        // The least class is told apart from land that imported nothing.
        assert!(delta_e(p.choropleth[0], p.land) >= 5.0, "{name}");
    }
}

#[test]
fn schemes_pick_their_palettes() {
    assert_eq!(Scheme::Light.palette(), Palette::light());
    assert_eq!(Scheme::Dark.palette(), Palette::dark());
    assert!(relative_luminance(Palette::dark().background) < 0.05);
    assert!(relative_luminance(Palette::light().background) > 0.9);
}
