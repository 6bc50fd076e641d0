//! The world map: Equal Earth against published values, the viewport, the committed
//! `assets/world.map` (content and hit testing), and the decoder's robustness.

use atlas_core::geo::projection::{
    equal_earth, equal_earth_inverse, ProjectedBox, Viewport, AUTHALIC_RADIUS_KM,
    EQUAL_EARTH_HALF_HEIGHT, EQUAL_EARTH_HALF_WIDTH,
};
use atlas_core::geo::world::{Country, WorldMap};
use atlas_core::store::world::{dequantize, MapError, FORMAT_VERSION, MAGIC};
use proptest::prelude::*;

fn asset_bytes() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/world.map");
    std::fs::read(path).expect("assets/world.map (regenerate with `cargo xtask map`)")
}

fn asset() -> WorldMap {
    WorldMap::decode(&asset_bytes()).expect("assets/world.map decodes")
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

// ---------------------------------------------------------------- Equal Earth

#[test]
fn origin_maps_to_origin() {
    assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
    assert_eq!(equal_earth_inverse(0.0, 0.0), Some((0.0, 0.0)));
}

/// PROJ's test suite (`+proj=eqearth +ellps=WGS84`) lists these metres. On the equator and
/// at the poles the authalic latitude equals the geodetic one, so the spherical formula
/// times the authalic radius must reproduce them exactly (to the centimetre).
#[test]
fn matches_proj_reference_values() {
    let r_m = AUTHALIC_RADIUS_KM * 1000.0;
    let cases = [
        ((180.0, 0.0), (17_243_959.06, 0.0)),
        ((-180.0, 0.0), (-17_243_959.06, 0.0)),
        ((0.0, 90.0), (0.0, 8_392_927.6)),
        ((180.0, 90.0), (10_216_474.79, 8_392_927.6)),
        ((-180.0, 90.0), (-10_216_474.79, 8_392_927.6)),
    ];
    for ((lon, lat), (ex, ey)) in cases {
        let (x, y) = equal_earth(lon, lat);
        assert!(
            close(x * r_m, ex, 0.02),
            "({lon},{lat}): x = {} m, expected {ex}",
            x * r_m
        );
        assert!(
            close(y * r_m, ey, 0.05),
            "({lon},{lat}): y = {} m, expected {ey}",
            y * r_m
        );
    }
}

/// The published shape: the map is 2.05 times as wide as it is tall, and the exported
/// extent constants are the projection of the equator's end and of the pole.
#[test]
fn extent_constants_and_aspect_ratio() {
    assert!(close(
        equal_earth(180.0, 0.0).0,
        EQUAL_EARTH_HALF_WIDTH,
        1e-12
    ));
    assert!(close(
        equal_earth(0.0, 90.0).1,
        EQUAL_EARTH_HALF_HEIGHT,
        1e-12
    ));
    let ratio = EQUAL_EARTH_HALF_WIDTH / EQUAL_EARTH_HALF_HEIGHT;
    assert!(close(ratio, 2.05, 0.005), "aspect ratio {ratio}");
}

#[test]
fn symmetric_about_both_axes() {
    for lon in [-170.0, -90.0, -12.5, 0.0, 33.3, 120.0, 180.0] {
        for lat in [-89.0, -45.0, -10.0, 0.0, 16.84, 60.0, 90.0] {
            let (x, y) = equal_earth(lon, lat);
            let (xm, ym) = equal_earth(-lon, lat);
            let (xn, yn) = equal_earth(lon, -lat);
            assert!(close(xm, -x, 1e-15) && close(ym, y, 1e-15));
            assert!(close(xn, x, 1e-15) && close(yn, -y, 1e-15));
        }
    }
}

/// Equal-area means the Jacobian determinant of (λ, φ) ↦ (x, y) equals cos φ on the unit
/// sphere. Checked by central differences: this ties the x formula to the y polynomial.
#[test]
fn preserves_area() {
    let h = 1e-4;
    for lon in [-150.0, -60.0, 0.0, 45.0, 170.0] {
        for lat in [-80.0, -50.0, -20.0, 0.0, 15.0, 40.0, 75.0] {
            let (xl1, yl1) = equal_earth(lon + h, lat);
            let (xl0, yl0) = equal_earth(lon - h, lat);
            let (xp1, yp1) = equal_earth(lon, lat + h);
            let (xp0, yp0) = equal_earth(lon, lat - h);
            let d = 2.0 * h.to_radians();
            let (dxdl, dydl) = ((xl1 - xl0) / d, (yl1 - yl0) / d);
            let (dxdp, dydp) = ((xp1 - xp0) / d, (yp1 - yp0) / d);
            let det = dxdl * dydp - dxdp * dydl;
            let want = lat.to_radians().cos();
            assert!(
                close(det, want, 1e-6),
                "({lon},{lat}): det {det}, cos φ {want}"
            );
        }
    }
}

#[test]
fn inverse_round_trips_on_a_grid() {
    let mut lat = -90.0;
    while lat <= 90.0 {
        let mut lon = -180.0;
        while lon <= 180.0 {
            let (x, y) = equal_earth(lon, lat);
            let (lon2, lat2) = equal_earth_inverse(x, y).expect("inside the outline");
            assert!(
                close(lon2, lon, 1e-6) && close(lat2, lat, 1e-6),
                "({lon},{lat}) -> ({lon2},{lat2})"
            );
            lon += 7.5;
        }
        lat += 2.5;
    }
}

#[test]
fn inverse_rejects_points_off_the_map() {
    assert_eq!(
        equal_earth_inverse(EQUAL_EARTH_HALF_WIDTH + 0.01, 0.0),
        None
    );
    assert_eq!(
        equal_earth_inverse(0.0, EQUAL_EARTH_HALF_HEIGHT + 0.01),
        None
    );
    // The outline narrows towards the poles: a corner of the bounding box is off the map.
    assert_eq!(equal_earth_inverse(2.6, 1.3), None);
    assert_eq!(equal_earth_inverse(f64::NAN, 0.0), None);
}

proptest! {
    #[test]
    fn inverse_round_trips_anywhere(lon in -180.0f64..=180.0, lat in -90.0f64..=90.0) {
        let (x, y) = equal_earth(lon, lat);
        let (lon2, lat2) = equal_earth_inverse(x, y).expect("inside the outline");
        prop_assert!(close(lon2, lon, 1e-6), "lon {} -> {}", lon, lon2);
        prop_assert!(close(lat2, lat, 1e-6), "lat {} -> {}", lat, lat2);
    }

    #[test]
    fn forward_is_monotonic(lon in -179.0f64..179.0, lat in -89.0f64..89.0) {
        let (x, y) = equal_earth(lon, lat);
        let (x2, _) = equal_earth(lon + 1.0, lat);
        let (_, y2) = equal_earth(lon, lat + 1.0);
        prop_assert!(x2 > x);
        prop_assert!(y2 > y);
    }
}

// ---------------------------------------------------------------- Viewport

/// Screen points of a lon/lat box's outline (its edges, sampled).
fn box_outline(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Vec<(f64, f64)> {
    let mut pts = Vec::new();
    for i in 0..=20 {
        let t = f64::from(i) / 20.0;
        let lon = min_lon + t * (max_lon - min_lon);
        let lat = min_lat + t * (max_lat - min_lat);
        pts.extend([
            (lon, min_lat),
            (lon, max_lat),
            (min_lon, lat),
            (max_lon, lat),
        ]);
    }
    // Meridians bow outwards most at the equator, so sample it exactly when it is inside.
    if min_lat <= 0.0 && max_lat >= 0.0 {
        pts.extend([(min_lon, 0.0), (max_lon, 0.0)]);
    }
    pts
}

fn check_fit(b: [f64; 4], w: f64, h: f64, pad: f64) -> Result<(), TestCaseError> {
    let vp = Viewport::fit_lonlat_box(b[0], b[1], b[2], b[3], w, h, pad);
    let eps = 1e-6;
    let (mut lo_x, mut lo_y, mut hi_x, mut hi_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (lon, lat) in box_outline(b[0], b[1], b[2], b[3]) {
        let (sx, sy) = vp.screen_from_lonlat(lon, lat);
        prop_assert!(
            sx >= pad - eps && sx <= w - pad + eps,
            "x {} outside [{}, {}]",
            sx,
            pad,
            w - pad
        );
        prop_assert!(
            sy >= pad - eps && sy <= h - pad + eps,
            "y {} outside [{}, {}]",
            sy,
            pad,
            h - pad
        );
        (lo_x, lo_y, hi_x, hi_y) = (lo_x.min(sx), lo_y.min(sy), hi_x.max(sx), hi_y.max(sy));
        let (lon2, lat2) = vp.lonlat_from_screen(sx, sy).expect("on the globe");
        // At the pole y is flat in latitude (dy/dφ = 0), so a rounding error of 1e-16 in
        // y moves latitude by about 1e-6°: there, check the latitude more loosely.
        let lat_tol = if lat.abs() > 89.999 { 1e-4 } else { 1e-6 };
        prop_assert!(
            close(lon2, lon, 1e-6) && close(lat2, lat, lat_tol),
            "({}, {}) -> ({}, {})",
            lon,
            lat,
            lon2,
            lat2
        );
    }
    // The fit is tight along at least one axis, and centred along both.
    let tight_x = close(hi_x - lo_x, w - 2.0 * pad, 1e-6);
    let tight_y = close(hi_y - lo_y, h - 2.0 * pad, 1e-6);
    prop_assert!(
        tight_x || tight_y,
        "fit not tight: {}x{} in {}x{}",
        hi_x - lo_x,
        hi_y - lo_y,
        w,
        h
    );
    prop_assert!(
        close(lo_x + hi_x, w, 1e-6) && close(lo_y + hi_y, h, 1e-6),
        "fit not centred"
    );
    Ok(())
}

#[test]
fn fit_puts_southeast_asia_inside_the_phone_view() {
    check_fit([92.0, 5.0, 110.0, 24.0], 375.0, 420.0, 12.0).expect("fit");
    check_fit([-180.0, -60.0, 180.0, 84.0], 1200.0, 600.0, 0.0).expect("fit");
}

proptest! {
    #[test]
    fn fit_contains_and_round_trips(
        lon0 in -180.0f64..170.0, dlon in 1.0f64..200.0,
        lat0 in -85.0f64..80.0, dlat in 1.0f64..90.0,
        w in 50.0f64..2000.0, h in 50.0f64..2000.0, pad in 0.0f64..20.0,
    ) {
        let b = [lon0, lat0, (lon0 + dlon).min(180.0), (lat0 + dlat).min(90.0)];
        check_fit(b, w, h, pad)?;
    }

    #[test]
    fn zoom_keeps_the_anchor_and_pan_moves_it(
        factor in 0.1f64..10.0, ax in 0.0f64..375.0, ay in 0.0f64..600.0,
        dx in -300.0f64..300.0, dy in -300.0f64..300.0,
    ) {
        let mut vp = Viewport::world(375.0, 600.0, 8.0);
        let before = vp.projected_from_screen(ax, ay);
        let scale = vp.scale();
        vp.zoom(factor, ax, ay);
        let after = vp.projected_from_screen(ax, ay);
        prop_assert!(close(before.0, after.0, 1e-9) && close(before.1, after.1, 1e-9));
        prop_assert!(close(vp.scale(), scale * factor, 1e-9 * scale * factor));
        let (sx, sy) = vp.screen_from_projected(before.0, before.1);
        vp.pan(dx, dy);
        let (sx2, sy2) = vp.screen_from_projected(before.0, before.1);
        prop_assert!(close(sx2 - sx, dx, 1e-9) && close(sy2 - sy, dy, 1e-9));
    }
}

#[test]
fn fit_points_and_degenerate_inputs_stay_finite() {
    let pts = [equal_earth(96.16, 16.84), equal_earth(100.5, 13.75)];
    let vp = Viewport::fit_projected_points(pts, 375.0, 300.0, 10.0).expect("points");
    for (x, y) in pts {
        let (sx, sy) = vp.screen_from_projected(x, y);
        assert!(
            (10.0 - 1e-9..=365.0 + 1e-9).contains(&sx)
                && (10.0 - 1e-9..=290.0 + 1e-9).contains(&sy)
        );
    }
    assert!(Viewport::fit_projected_points(std::iter::empty(), 375.0, 300.0, 10.0).is_none());
    // A single point, a zero-size surface and silly padding still give a usable viewport.
    let one = Viewport::fit_projected_points([(0.5, 0.5)], 0.0, f64::NAN, 1e9).expect("point");
    assert!(one.scale().is_finite() && one.scale() > 0.0);
    let mut vp = Viewport::world(375.0, 300.0, 0.0);
    let s = vp.scale();
    vp.zoom(0.0, 10.0, 10.0);
    vp.zoom(f64::NAN, 10.0, 10.0);
    assert_eq!(vp.scale(), s);
}

#[test]
fn projected_box_of_a_lonlat_box_includes_the_bulge() {
    // Equal Earth meridians bow outwards towards the equator: the box of (10..20, -30..30)
    // must reach the x of (20, 0), not only that of the corners.
    let b = ProjectedBox::from_lonlat(10.0, -30.0, 20.0, 30.0);
    assert!(close(b.max_x, equal_earth(20.0, 0.0).0, 1e-15));
    assert!(b.max_x > equal_earth(20.0, 30.0).0);
    assert!(close(b.min_x, equal_earth(10.0, 30.0).0, 1e-15));
}

#[test]
fn resize_keeps_scale_and_centre() {
    let mut vp = Viewport::world(400.0, 300.0, 0.0);
    let centre = vp.projected_from_screen(200.0, 150.0);
    let s = vp.scale();
    vp.resize(800.0, 500.0);
    let c2 = vp.projected_from_screen(400.0, 250.0);
    assert_eq!(vp.scale(), s);
    assert!(close(centre.0, c2.0, 1e-12) && close(centre.1, c2.1, 1e-12));
}

// ---------------------------------------------------------------- the committed asset

#[test]
fn asset_has_the_countries() {
    let map = asset();
    let n = map.countries().len();
    assert!(n >= 175, "only {n} countries");
    assert_eq!(
        map.source(),
        "Natural Earth 1:50m via world-atlas 2.0.2, public domain"
    );
    let myanmar = map.find_by_id(104).expect("Myanmar");
    assert_eq!(map.countries()[myanmar].name(), "Myanmar");
    let thailand = map.find_by_id(764).expect("Thailand");
    assert_eq!(map.countries()[thailand].name(), "Thailand");
    // Natural Earth also gives Ashmore and Cartier Is. the code 036: Australia comes first.
    assert_eq!(
        map.countries()[map.find_by_id(36).expect("036")].name(),
        "Australia"
    );
    assert_eq!(map.find_by_id(10), None, "Antarctica is left out");
    assert_eq!(map.find_by_id(0), None);
    for name in ["Kosovo", "N. Cyprus", "Somaliland"] {
        let i = map.find_by_name(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(map.countries()[i].id(), 0);
        assert_eq!(map.countries()[i].iso_numeric(), None);
    }
    assert!(
        map.countries().windows(2).all(|w| w[0].id() <= w[1].id()),
        "sorted by id"
    );
    // The asset is meant to stay small enough for a phone.
    assert!(asset_bytes().len() < 80_000);
}

/// world-atlas is stitched across the antimeridian (for spherical rendering); the asset
/// must not be, or Russia and Fiji would draw streaks across the whole map.
#[test]
fn asset_rings_never_jump_across_the_antimeridian() {
    for c in asset().countries() {
        for ring in c.rings() {
            assert!(ring.len() >= 3);
            let n = ring.len();
            for i in 0..n {
                let (a, b) = (ring[i], ring[(i + 1) % n]);
                assert!(
                    (a[0] - b[0]).abs() < 180.0,
                    "{}: edge {:?} -> {:?}",
                    c.name(),
                    a,
                    b
                );
            }
        }
        let b = c.bbox();
        assert!(
            b.min_lon >= -180.0 && b.max_lon <= 180.0 && b.min_lat >= -90.0 && b.max_lat <= 90.0
        );
    }
}

#[test]
fn hit_testing_finds_the_right_country() {
    let map = asset();
    let name_at = |lon: f64, lat: f64| map.country_at(lon, lat).map(|i| map.countries()[i].name());
    assert_eq!(name_at(96.16, 16.84), Some("Myanmar"), "Yangon");
    assert_eq!(name_at(100.50, 13.75), Some("Thailand"), "Bangkok");
    assert_eq!(name_at(102.60, 17.97), Some("Laos"), "Vientiane");
    assert_eq!(name_at(104.92, 11.56), Some("Cambodia"), "Phnom Penh");
    assert_eq!(name_at(105.85, 21.03), Some("Vietnam"), "Hanoi");
    assert_eq!(name_at(-150.0, 0.0), None, "mid-Pacific");
    assert_eq!(name_at(-30.0, 30.0), None, "mid-Atlantic");
    // An enclave is a hole in its neighbour: Maseru is in Lesotho, not South Africa.
    assert_eq!(name_at(27.48, -29.31), Some("Lesotho"));
    assert_eq!(name_at(28.05, -26.20), Some("South Africa"), "Johannesburg");
    // Both sides of the antimeridian cut through Chukotka are Russia.
    assert_eq!(name_at(-175.0, 66.5), Some("Russia"));
    assert_eq!(name_at(179.9, 68.0), Some("Russia"));
    assert_eq!(name_at(178.0, 66.0), Some("Russia"));
    assert_eq!(name_at(f64::NAN, 0.0), None);
}

#[test]
fn hit_testing_through_the_viewport() {
    let map = asset();
    let vp = Viewport::fit_lonlat_box(92.0, 5.0, 110.0, 24.0, 375.0, 420.0, 0.0);
    let (sx, sy) = vp.screen_from_lonlat(96.16, 16.84);
    let i = map
        .country_at_screen(&vp, sx, sy)
        .expect("Yangon on screen");
    assert_eq!(map.countries()[i].id(), 104);
    // A corner of a world view lies outside the globe's outline.
    let world = Viewport::world(1000.0, 600.0, 0.0);
    assert_eq!(map.country_at_screen(&world, 1.0, 1.0), None);
}

#[test]
fn asset_reencodes_byte_for_byte() {
    let bytes = asset_bytes();
    let map = WorldMap::decode(&bytes).expect("decode");
    assert_eq!(map.encode().expect("encode"), bytes);
}

// ---------------------------------------------------------------- robustness

#[test]
fn rejects_wrong_headers_with_offsets() {
    let bytes = asset_bytes();
    assert_eq!(
        WorldMap::decode(&[])
            .expect_err("must be rejected")
            .offset(),
        0
    );
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert!(matches!(
        WorldMap::decode(&bad),
        Err(MapError::BadMagic { offset: 0 })
    ));
    let mut newer = bytes.clone();
    newer[4] = FORMAT_VERSION + 1;
    let e = WorldMap::decode(&newer).expect_err("must be rejected");
    assert!(
        matches!(e, MapError::UnsupportedVersion { offset: 4, .. }),
        "{e}"
    );
    assert!(e.to_string().starts_with("byte 4: "), "{e}");
    let mut long = bytes.clone();
    long.push(0);
    assert_eq!(
        WorldMap::decode(&long),
        Err(MapError::TrailingBytes {
            offset: bytes.len(),
            count: 1
        })
    );
    let e = WorldMap::decode(&bytes[..bytes.len() - 1]).expect_err("must be rejected");
    assert!(matches!(e, MapError::Truncated { .. }), "{e}");
}

#[test]
fn every_short_prefix_is_an_error() {
    let bytes = asset_bytes();
    for n in (0..2000).chain((2000..bytes.len()).step_by(97)) {
        let r = WorldMap::decode(&bytes[..n]);
        let e = r.expect_err("a prefix is never a whole map");
        assert!(
            e.offset() <= n,
            "offset {} beyond the {n} bytes given",
            e.offset()
        );
    }
}

#[test]
fn hostile_counts_do_not_allocate() {
    // A header claiming u32::MAX countries in a 10-byte file must fail fast.
    let mut b = MAGIC.to_vec();
    b.extend([FORMAT_VERSION, 100, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
    assert!(matches!(
        WorldMap::decode(&b),
        Err(MapError::OutOfRange { offset: 7, .. })
    ));
    // An overlong varint.
    let mut b = MAGIC.to_vec();
    b.extend([FORMAT_VERSION, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
    assert!(matches!(
        WorldMap::decode(&b),
        Err(MapError::BadVarint { offset: 5, .. })
    ));
    // Non-UTF-8 source note.
    let mut b = MAGIC.to_vec();
    b.extend([FORMAT_VERSION, 100, 2, 0xC3, 0x28, 0]);
    assert!(matches!(
        WorldMap::decode(&b),
        Err(MapError::BadUtf8 { offset: 7, .. })
    ));
    // A coordinate pushed off the globe: the last point is the pole (latitude delta +90
    // on a one-unit-per-degree grid, zigzag 180 = bytes B4 01); make it +91.
    let pole = WorldMap::new(
        "",
        1,
        vec![Country::new(
            4,
            "A",
            vec![vec![[0.0, 0.0], [1.0, 0.0], [0.0, 90.0]]],
        )],
    );
    let mut b = pole.encode().expect("encode");
    let at = b.len() - 2;
    assert_eq!(&b[at..], &[0xB4, 0x01]);
    b[at] = 0xB6;
    let e = WorldMap::decode(&b).expect_err("must be rejected");
    assert_eq!(e.offset(), at, "{e}");
    assert!(matches!(e, MapError::OutOfRange { .. }), "{e}");
}

#[test]
fn encoder_rejects_what_the_format_cannot_hold() {
    let short = WorldMap::new(
        "s",
        100,
        vec![Country::new(1, "A", vec![vec![[0.0, 0.0], [1.0, 1.0]]])],
    );
    assert!(short.encode().is_err());
    let off = WorldMap::new(
        "s",
        100,
        vec![Country::new(
            1,
            "A",
            vec![vec![[0.0, 0.0], [181.0, 0.0], [1.0, 1.0]]],
        )],
    );
    assert!(off.encode().is_err());
    let nan = WorldMap::new(
        "s",
        100,
        vec![Country::new(
            1,
            "A",
            vec![vec![[0.0, f32::NAN], [1.0, 0.0], [1.0, 1.0]]],
        )],
    );
    assert!(nan.encode().is_err());
    assert!(WorldMap::new("s", 0, vec![]).encode().is_err());
    assert!(WorldMap::new("s", 100, vec![Country::new(1, "A", vec![])])
        .encode()
        .is_err());
}

/// A random map whose coordinates lie on its grid, so encode → decode must be exact.
fn arb_map() -> impl Strategy<Value = WorldMap> {
    let upd = prop_oneof![Just(1u32), Just(100u32), 1u32..=10_000];
    upd.prop_flat_map(|upd| {
        let lon = -180 * i64::from(upd)..=180 * i64::from(upd);
        let lat = -90 * i64::from(upd)..=90 * i64::from(upd);
        let point = (lon, lat).prop_map(move |(x, y)| [dequantize(x, upd), dequantize(y, upd)]);
        let ring = prop::collection::vec(point, 3..12);
        let name = prop::collection::vec(any::<char>(), 0..16)
            .prop_map(|c| c.into_iter().collect::<String>());
        let country = (any::<u16>(), name, prop::collection::vec(ring, 1..4))
            .prop_map(|(id, name, rings)| Country::new(id, name, rings));
        let source = prop::collection::vec(any::<char>(), 0..40)
            .prop_map(|c| c.into_iter().collect::<String>());
        (source, prop::collection::vec(country, 0..6))
            .prop_map(move |(source, countries)| WorldMap::new(source, upd, countries))
    })
}

proptest! {
    #[test]
    fn encode_decode_round_trips_exactly(map in arb_map()) {
        let bytes = map.encode().expect("encodable");
        let back = WorldMap::decode(&bytes).expect("decodable");
        prop_assert_eq!(&back, &map);
        prop_assert_eq!(back.encode().expect("re-encodable"), bytes);
    }

    #[test]
    fn garbage_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = WorldMap::decode(&bytes);
        // The same garbage behind a valid header reaches the deeper parsers.
        let mut b = MAGIC.to_vec();
        b.push(FORMAT_VERSION);
        b.extend_from_slice(&bytes);
        if let Err(e) = WorldMap::decode(&b) {
            prop_assert!(e.offset() <= b.len());
        }
    }

    #[test]
    fn truncations_and_flips_never_panic(cut in 0usize..53_000, flip in 0usize..53_000, bit in 0u8..8) {
        let bytes = asset_bytes();
        let cut = cut % bytes.len();
        prop_assert!(WorldMap::decode(&bytes[..cut]).is_err());
        let mut b = bytes.clone();
        let flip = flip % b.len();
        b[flip] ^= 1 << bit;
        if let Err(e) = WorldMap::decode(&b) {
            prop_assert!(e.offset() <= b.len());
        }
    }

    #[test]
    fn random_maps_truncated_are_errors(map in arb_map(), frac in 0.0f64..1.0) {
        let bytes = map.encode().expect("encodable");
        let n = ((bytes.len() as f64) * frac) as usize;
        prop_assert!(n >= bytes.len() || WorldMap::decode(&bytes[..n]).is_err());
    }
}
