//! The flow map: arc geometry (ends, taper, direction, hover distance), label placement,
//! framing, and SVG renders of the committed data drawn by the same function the browser
//! uses on its canvas.

mod common;

use atlas_core::analysis::aggregate::top_systems;
use atlas_core::analysis::aggregate::Aggregates;
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::export::words::flowmap_title;
use atlas_core::geo::arcs::{dist, ArcGeometry, ArcStyle, Pt};
use atlas_core::geo::projection::Viewport;
use atlas_core::geo::world::WorldMap;
use atlas_core::import::places::PlaceTable;
use atlas_core::model::Tiv;
use atlas_core::render::flowmap::{draw_flowmap, FlowMapInput, FlowMapLayout, FlowMapOptions};
use atlas_core::render::flowmap::{
    fit_to_flows, legend_reserve, off_map_note_in, place_labels, world_view, LabelRequest,
    MapEmphasis, Rect,
};
use atlas_core::render::{ColorMap, ColourRanks, Palette};
use atlas_core::store::bundle::Bundle;
use atlas_core::text::views::flowmap_alt_in;
use atlas_core::text::{Locale, Tr};
use plotters::prelude::*;
use proptest::prelude::*;

fn world() -> WorldMap {
    let bytes = std::fs::read(common::repo_root().join("assets/world.map")).expect("asset");
    WorldMap::decode(&bytes).expect("decodes")
}

// ---------------------------------------------------------------- arcs

fn arc(a: Pt, b: Pt, w: f64) -> ArcGeometry {
    ArcGeometry::new(a, b, w, &ArcStyle::default()).expect("long enough")
}

/// Signed side of `p` relative to the directed line a→b on a y-down screen:
/// positive on the left of the direction of travel.
fn side(a: Pt, b: Pt, p: Pt) -> f64 {
    (b.0 - a.0) * (a.1 - p.1) - (b.1 - a.1) * (a.0 - p.0)
}

#[test]
fn arc_starts_at_the_supplier_and_points_at_the_recipient() {
    let (a, b) = ((100.0, 300.0), (500.0, 200.0));
    let g = arc(a, b, 12.0);
    assert_eq!(g.spine[0], a, "the body starts on the supplier");
    let style = ArcStyle::default();
    let tip = g.tip();
    assert!(
        (dist(tip, b) - style.tip_gap).abs() < 0.5,
        "the tip stops {} px short of the recipient",
        dist(tip, b)
    );
    // The head's base joins the body's last point, and the tip is further along.
    let base = *g.spine.last().unwrap();
    let head_mid = (
        0.5 * (g.head[0].0 + g.head[2].0),
        0.5 * (g.head[0].1 + g.head[2].1),
    );
    assert!(dist(base, head_mid) < 1e-9);
    assert!(dist(tip, b) < dist(base, b));
    // The arrowhead is wider than the body where it meets it.
    assert!(g.head_width() > *g.widths.last().unwrap());
}

#[test]
fn taper_widens_monotonically_from_supplier_to_recipient() {
    for w in [1.5, 4.0, 12.0, 20.0] {
        let g = arc((20.0, 20.0), (600.0, 380.0), w);
        assert!(g.widths.windows(2).all(|p| p[1] >= p[0] - 1e-12));
        assert!(g.start_width() < *g.widths.last().unwrap() || w <= 1.5);
        assert!(
            (g.widths.last().unwrap() - w).abs() < 1e-9,
            "full width at the end"
        );
        assert!(g.start_width() >= ArcStyle::default().min_start_width);
        assert_eq!(g.widths.len(), g.spine.len());
    }
}

#[test]
fn opposite_flows_bulge_to_opposite_sides() {
    let (a, b) = ((100.0, 100.0), (400.0, 250.0));
    let ab = arc(a, b, 8.0);
    let ba = arc(b, a, 8.0);
    let mid_ab = ab.spine[ab.spine.len() / 2];
    let mid_ba = ba.spine[ba.spine.len() / 2];
    let s1 = side(a, b, mid_ab);
    let s2 = side(a, b, mid_ba);
    assert!(s1 * s2 < 0.0, "A→B on side {s1}, B→A on side {s2}");
    // Apart by much more than their widths, so neither hides the other.
    assert!(dist(mid_ab, mid_ba) > 50.0);
    let c = ab.control;
    assert!(side(a, b, c) > 0.0, "A→B bows to the left of its direction");
}

#[test]
fn outline_wraps_the_spine() {
    let g = arc((50.0, 50.0), (350.0, 50.0), 10.0);
    let o = g.outline();
    assert_eq!(o.len(), 2 * g.spine.len());
    // Each outline point lies half the local width from its spine point.
    for ((p, s), w) in o.iter().zip(&g.spine).zip(&g.widths) {
        let d = dist(*p, *s);
        assert!((d - w / 2.0).abs() < 1e-6, "{d} vs {w}");
    }
    assert_eq!(g.silhouette().len(), o.len() + 3);
}

#[test]
fn short_or_broken_chords_are_not_drawn() {
    let s = ArcStyle::default();
    assert!(ArcGeometry::new((10.0, 10.0), (10.5, 10.5), 5.0, &s).is_none());
    assert!(ArcGeometry::new((f64::NAN, 10.0), (100.0, 10.0), 5.0, &s).is_none());
    // A short arc still gets a body and a head that fit.
    let g = ArcGeometry::new((10.0, 10.0), (20.0, 10.0), 14.0, &s).expect("10 px is enough");
    assert!(g.spine.len() >= 2);
}

#[test]
fn hit_testing_measures_distance_to_the_arc() {
    let (a, b) = ((100.0, 200.0), (500.0, 200.0));
    let g = arc(a, b, 10.0);
    // On the spine: inside.
    let on = g.spine[g.spine.len() / 2];
    assert_eq!(g.outside_by(on), 0.0);
    // Far away: the distance grows as we move away along the normal.
    let far = (on.0, on.1 - 60.0);
    let farther = (on.0, on.1 - 90.0);
    assert!(g.outside_by(far) > 20.0);
    assert!(g.outside_by(farther) > g.outside_by(far));
    // The chord's midpoint is off the arc (it bulges).
    assert!(g.outside_by((300.0, 200.0)) > 10.0);
    // Near the thin start, a point 3 px off the spine is outside; near the thick end, inside.
    let start = g.spine[1];
    let (d, half) = g.distance(start);
    assert!(d < 1e-9 && half < 2.0);
    let tipward = g.spine[g.spine.len() - 2];
    assert!(g.distance(tipward).1 > 4.0);
    // The arrowhead counts.
    let head_c = (
        (g.head[0].0 + g.head[1].0 + g.head[2].0) / 3.0,
        (g.head[0].1 + g.head[1].1 + g.head[2].1) / 3.0,
    );
    assert_eq!(g.outside_by(head_c), 0.0);
}

#[test]
fn layout_picks_the_arc_under_the_pointer_and_prefers_the_top_one() {
    let big = arc((0.0, 100.0), (400.0, 100.0), 20.0);
    let small = arc((0.0, 100.0), (400.0, 100.0), 2.0);
    let on_small = small.spine[small.spine.len() / 2];
    let layout = FlowMapLayout {
        viewport: Viewport::world(400.0, 300.0, 0.0),
        arcs: vec![
            atlas_core::render::flowmap::DrawnArc {
                flow: 0,
                geometry: big,
            },
            atlas_core::render::flowmap::DrawnArc {
                flow: 1,
                geometry: small,
            },
        ],
        dots: vec![atlas_core::render::flowmap::DrawnDot {
            place: 3,
            at: (380.0, 280.0),
            radius: 4.0,
        }],
        points: vec![],
        labels: vec![],
        label_texts: vec![],
        content: None,
        legend: None,
    };
    assert_eq!(
        layout.arc_at(on_small, 3.0),
        Some(1),
        "the small arc is drawn on top"
    );
    assert_eq!(layout.arc_at((200.0, 290.0), 3.0), None);
    assert_eq!(layout.dot_at((381.0, 281.0), 2.0), Some(3));
    assert_eq!(layout.dot_at((300.0, 281.0), 2.0), None);
}

proptest! {
    #[test]
    fn arcs_are_well_formed_anywhere(
        ax in -100.0f64..1500.0, ay in -100.0f64..900.0,
        bx in -100.0f64..1500.0, by in -100.0f64..900.0,
        w in 0.5f64..30.0,
    ) {
        let style = ArcStyle::default();
        match ArcGeometry::new((ax, ay), (bx, by), w, &style) {
            None => prop_assert!(dist((ax, ay), (bx, by)) < 2.0),
            Some(g) => {
                prop_assert_eq!(g.spine[0], (ax, ay));
                prop_assert!(g.widths.windows(2).all(|p| p[1] >= p[0] - 1e-9));
                prop_assert!(g.silhouette().iter().all(|p| p.0.is_finite() && p.1.is_finite()));
                prop_assert!(dist(g.tip(), (bx, by)) <= dist(g.spine[0], (bx, by)));
                prop_assert_eq!(g.outside_by(g.spine[g.spine.len() / 2]), 0.0);
            }
        }
    }
}

// ---------------------------------------------------------------- labels

fn overlapping(placed: &[atlas_core::render::flowmap::PlacedLabel]) -> Option<(usize, usize)> {
    for i in 0..placed.len() {
        for j in i + 1..placed.len() {
            if placed[i].rect.overlaps(&placed[j].rect) {
                return Some((i, j));
            }
        }
    }
    None
}

#[test]
fn labels_go_largest_first_and_skip_collisions() {
    let req = |t: &str, x: f64, y: f64, p: f64| LabelRequest {
        text: t.into(),
        anchor: (x, y),
        priority: p,
        clearance: 2.0,
    };
    let bounds = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 400.0,
        y1: 300.0,
    };
    let reqs = vec![
        req("Small", 100.0, 100.0, 1.0),
        req("Big", 100.0, 100.0, 10.0),
        req("Middle", 101.0, 101.0, 5.0),
        req("Edge", 398.0, 150.0, 3.0),
        req("Hidden", 30.0, 280.0, 9.0),
    ];
    let legend = Rect {
        x0: 0.0,
        y0: 250.0,
        x1: 150.0,
        y1: 300.0,
    };
    let placed = place_labels(&reqs, 11.0, bounds, &[legend]);
    assert_eq!(overlapping(&placed), None);
    assert_eq!(placed[0].request, 1, "Big first");
    // "Big" sits to the right of its point, "Middle" finds another side.
    assert!(placed[0].rect.x0 > 100.0);
    assert!(placed.iter().any(|p| p.request == 2));
    // "Edge" flips to the left to stay inside.
    let edge = placed.iter().find(|p| p.request == 3).expect("Edge placed");
    assert!(edge.rect.x1 <= 398.0 && bounds.contains_rect(&edge.rect));
    // Nothing lands on the legend.
    assert!(placed.iter().all(|p| !p.rect.overlaps(&legend)));
}

proptest! {
    #[test]
    fn placed_labels_never_overlap(
        pts in prop::collection::vec((0.0f64..375.0, 0.0f64..320.0, 0.0f64..100.0, 1usize..18), 0..60),
        font in 9.0f64..14.0,
    ) {
        let reqs: Vec<LabelRequest> = pts.iter().map(|(x, y, p, n)| LabelRequest {
            text: "M".repeat(*n),
            anchor: (*x, *y),
            priority: *p,
            clearance: 3.0,
        }).collect();
        let bounds = Rect { x0: 2.0, y0: 2.0, x1: 373.0, y1: 318.0 };
        let obstacle = Rect { x0: 8.0, y0: 250.0, x1: 200.0, y1: 312.0 };
        let placed = place_labels(&reqs, font, bounds, &[obstacle]);
        prop_assert_eq!(overlapping(&placed), None);
        for p in &placed {
            prop_assert!(bounds.contains_rect(&p.rect));
            prop_assert!(!p.rect.overlaps(&obstacle));
        }
        // Each request is used at most once.
        let mut ids: Vec<usize> = placed.iter().map(|p| p.request).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), placed.len());
    }
}

// ---------------------------------------------------------------- data and framing

fn myanmar_filter(b: &Bundle) -> Filter {
    let myanmar = b.dataset.entity_by_name("Myanmar").expect("Myanmar");
    Filter {
        recipients: vec![myanmar],
        years: YearRange::new(1990, 2024).ok(),
        ..Filter::default()
    }
}

fn input_for(b: &Bundle, f: &Filter) -> (Aggregates, ColorMap, FlowMapInput) {
    let agg = Aggregates::compute(&b.dataset, f);
    let colors = ColorMap::new(
        &ColourRanks::of_dataset(&b.dataset),
        &agg,
        7,
        &Palette::light(),
    );
    let input = FlowMapInput::build(&b.dataset, &agg, &colors, PlaceTable::builtin());
    (agg, colors, input)
}

#[test]
fn myanmar_input_places_flows_and_reports_the_unknown() {
    let b = common::bundle();
    let ds = &b.dataset;
    let f = myanmar_filter(&b);
    let (agg, colors, input) = input_for(&b, &f);
    let id = |n: &str| ds.entity_by_name(n).unwrap();
    // Every flow but the unknown supplier's is drawn.
    assert_eq!(input.flows.len(), agg.flows.len() - 1);
    assert_eq!(input.flows[0].supplier, id("China"));
    assert_eq!(input.flows[0].color, colors.supplier(id("China")));
    assert_eq!(input.off_map, vec![(id("unknown supplier(s)"), Tiv(2850))]);
    assert_eq!(
        off_map_note_in(Tr::new(Locale::En), ds, &input).as_deref(),
        Some("Not on the map: unknown supplier(s), 28 million TIV.")
    );
    // The choropleth: only Myanmar imported, everything the drawn flows carry.
    let drawn: Tiv = input.flows.iter().map(|f| f.tiv).sum();
    assert_eq!(input.imports.get(&104), Some(&drawn));
    assert_eq!(input.imports.len(), 1);
    assert_eq!(input.scale.class_of(drawn.millions()), Some(4));
    // Yugoslavia is a historical state drawn on Serbia's territory.
    let yu = input
        .place_index(id("Yugoslavia"))
        .expect("Yugoslavia placed");
    assert_eq!(input.places[yu].iso, Some(688));
    assert_eq!(
        flowmap_title(ds, &f, agg.years),
        "Arms flows to Myanmar, 1990–2024, SIPRI TIV"
    );
    let alt = flowmap_alt_in(Tr::new(Locale::En), ds, &f, &agg);
    assert!(
        alt.contains("the largest: China to Myanmar, 3,579 million TIV; Russia to Myanmar, 2,175 million TIV; India to Myanmar, 224 million TIV"),
        "{alt}"
    );
    // The tooltip's systems for China → Myanmar: the largest comes first.
    let sys = top_systems(ds, &f, agg.years, id("China"), id("Myanmar"), 3);
    assert_eq!(sys.len(), 3);
    assert!(sys[0].1 >= sys[1].1 && sys[1].1 >= sys[2].1);
    let total: i64 = top_systems(ds, &f, agg.years, id("China"), id("Myanmar"), 1000)
        .iter()
        .map(|s| s.1 .0)
        .sum();
    assert_eq!(Tiv(total), input.flows[0].tiv);
}

#[test]
fn historical_and_current_states_share_a_territory() {
    let b = common::bundle();
    let ds = &b.dataset;
    let (_, _, input) = input_for(&b, &Filter::default());
    // Viet Nam and South Vietnam both shade Viet Nam's territory (704).
    let vn: Tiv = input
        .flows
        .iter()
        .filter(|f| {
            let n = ds.entity(f.recipient).name.as_str();
            n == "Viet Nam" || n == "South Vietnam"
        })
        .map(|f| f.tiv)
        .sum();
    assert_eq!(input.imports.get(&704), Some(&vn));
    // A non-state recipient is a dot and does not shade its host country.
    assert!(input.places.iter().any(|p| p.is_dot()));
}

#[test]
fn fit_frames_the_flows_not_the_world() {
    let b = common::bundle();
    let ds = &b.dataset;
    // Thailand's deliveries from Viet Nam's neighbours only: a small region.
    let f = Filter {
        suppliers: vec![ds.entity_by_name("Singapore").unwrap()],
        ..Filter::default()
    };
    let (_, _, input) = input_for(&b, &f);
    assert!(!input.is_empty());
    let vp = fit_to_flows(&input, None, 375.0, 320.0);
    let world = Viewport::world(375.0, 320.0, 8.0);
    assert!(
        vp.scale() > 4.0 * world.scale(),
        "zoomed in: {} vs world {}",
        vp.scale(),
        world.scale()
    );
    for fl in &input.flows {
        for i in [fl.from, fl.to] {
            let (lon, lat) = input.places[i].lonlat;
            let (x, y) = vp.screen_from_lonlat(lon, lat);
            assert!((0.0..=375.0).contains(&x) && (0.0..=320.0).contains(&y));
        }
    }
    // The Myanmar view spans Canada to Korea: still on screen, never beyond the world.
    let (_, _, mm) = input_for(&b, &myanmar_filter(&b));
    let vp = fit_to_flows(&mm, None, 1100.0, 520.0);
    assert!(vp.scale() >= Viewport::world(1100.0, 520.0, 28.0).scale() * 0.999);
    for p in &mm.places {
        let (x, y) = vp.screen_from_lonlat(p.lonlat.0, p.lonlat.1);
        assert!(
            (0.0..=1100.0).contains(&x) && (0.0..=520.0).contains(&y),
            "{}",
            p.label
        );
    }
    // On a phone the legend gets a strip of its own below the flows.
    let reserve = legend_reserve(&mm, 343.0, 280.0);
    assert!(reserve >= 68.0);
    let vp = fit_to_flows(&mm, None, 343.0, 280.0);
    assert_eq!((vp.width(), vp.height()), (343.0, 280.0));
    for p in &mm.places {
        let (x, y) = vp.screen_from_lonlat(p.lonlat.0, p.lonlat.1);
        assert!(
            (0.0..=343.0).contains(&x) && (0.0..=280.0 - reserve).contains(&y),
            "{}",
            p.label
        );
    }
    let world = world_view(&mm, 343.0, 280.0);
    let (_, south_pole) = world.screen_from_lonlat(0.0, -90.0);
    assert!(south_pole <= 280.0 - reserve + 1e-9);
    assert_eq!(legend_reserve(&mm, 1100.0, 520.0), 0.0);
    // Nothing to frame: the world.
    let empty = FlowMapInput {
        flows: vec![],
        ..mm.clone()
    };
    assert_eq!(
        fit_to_flows(&empty, None, 375.0, 320.0),
        Viewport::world(375.0, 320.0, 8.0)
    );
}

// ---------------------------------------------------------------- SVG renders

struct Render {
    svg: String,
    layout: FlowMapLayout,
}

fn render(
    input: &FlowMapInput,
    world: Option<&WorldMap>,
    size: (u32, u32),
    emphasis: MapEmphasis,
) -> Render {
    let pal = Palette::light();
    let vp = fit_to_flows(input, world, f64::from(size.0), f64::from(size.1));
    let mut svg = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw_flowmap(
            &root,
            input,
            &FlowMapOptions {
                world,
                viewport: vp,
                palette: &pal,
                font: "sans-serif",
                scale: 1.0,
                emphasis,
                focus: None,
                empty_message: "No arms flows match these filters",
                tr: Tr::new(Locale::En),
                base_drawn: false,
                labels_by_caller: false,
            },
        )
        .expect("draws")
    };
    if let Some(dir) = std::env::var_os("FLOWMAP_SVG_DIR") {
        let name = format!("flowmap-{}x{}-{}.svg", size.0, size.1, input.flows.len());
        std::fs::write(std::path::Path::new(&dir).join(name), &svg).expect("write svg");
    }
    Render { svg, layout }
}

/// Every `<polygon>` with its fill and its points.
fn polygons(svg: &str) -> Vec<(String, Vec<(f64, f64)>)> {
    svg.split("<polygon")
        .skip(1)
        .filter_map(|p| {
            let tag = p.split('>').next()?;
            let attr = |name: &str| -> Option<String> {
                let rest = tag.split(&format!("{name}=\"")).nth(1)?;
                Some(rest.split('"').next()?.to_owned())
            };
            let pts = attr("points")?
                .split_whitespace()
                .filter_map(|xy| {
                    let (x, y) = xy.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            Some((attr("fill")?.to_uppercase(), pts))
        })
        .collect()
}

fn point_in(poly: &[(f64, f64)], p: (f64, f64)) -> bool {
    let mut inside = false;
    let n = poly.len();
    for i in 0..n {
        let (a, b) = (poly[i], poly[(i + n - 1) % n]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) * (b.0 - a.0) / (b.1 - a.1) {
            inside = !inside;
        }
    }
    inside
}

#[test]
fn myanmar_view_renders_arcs_choropleth_legend_and_labels() {
    let b = common::bundle();
    let ds = &b.dataset;
    let map = world();
    let f = myanmar_filter(&b);
    let (_, colors, input) = input_for(&b, &f);
    for size in [(1100, 540), (375, 320)] {
        let r = render(&input, Some(&map), size, MapEmphasis::None);
        let polys = polygons(&r.svg);
        // Arcs in the supplier colours: China's and Russia's at least.
        for name in ["China", "Russia", "India"] {
            let hex = colors
                .supplier(ds.entity_by_name(name).unwrap())
                .hex()
                .to_uppercase();
            assert!(
                polys.iter().any(|(fill, _)| *fill == hex),
                "{name}'s arc ({hex}) missing at {size:?}"
            );
        }
        assert_eq!(r.layout.arcs.len(), input.flows.len(), "every flow drawn");
        // Myanmar is a country polygon in the darkest class, around Yangon.
        let dark = Palette::light().choropleth[input
            .scale
            .class_of(input.imports[&104].millions())
            .unwrap()]
        .hex()
        .to_uppercase();
        let yangon = r.layout.viewport.screen_from_lonlat(96.16, 16.84);
        assert!(
            polys
                .iter()
                .any(|(fill, pts)| *fill == dark && point_in(pts, yangon)),
            "no Myanmar polygon in {dark} around {yangon:?} at {size:?}"
        );
        // The legend: its title and the class breaks in millions of TIV.
        let t = common::svg_texts(&r.svg);
        assert!(
            t.iter()
                .any(|s| s == Tr::new(Locale::En).t("map.legend_title")),
            "{t:?}"
        );
        assert_eq!(
            input.scale.breaks,
            [0.0, 20.0, 100.0, 500.0, 2000.0, 10000.0]
        );
        for label in ["0", "20", "100", "500", "2,000", "10,000"] {
            assert!(
                t.iter().any(|s| s == label),
                "legend {label} missing: {t:?}"
            );
        }
        assert!(t
            .iter()
            .any(|s| s.ends_with("million TIV") && s.starts_with("= ")));
        // Labels: the biggest places are named, and no two labels overlap.
        for name in ["Myanmar", "China"] {
            assert!(
                r.layout.label_texts.iter().any(|s| s == name),
                "{name} unlabelled"
            );
            assert!(t.iter().any(|s| s == name));
        }
        for (i, a) in r.layout.labels.iter().enumerate() {
            for b in &r.layout.labels[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect));
            }
            assert!(!a.rect.overlaps(r.layout.legend.as_ref().unwrap()));
        }
        // The legend stays inside the surface.
        let l = r.layout.legend.unwrap();
        assert!(
            l.x0 >= 0.0 && l.y0 >= 0.0 && l.x1 <= f64::from(size.0) && l.y1 <= f64::from(size.1)
        );
        assert!(!r.svg.contains("No arms flows match"));
        // Hovering the middle of China's arc finds it.
        let china = input
            .flow_index(
                ds.entity_by_name("China").unwrap(),
                ds.entity_by_name("Myanmar").unwrap(),
            )
            .unwrap();
        let g = &r
            .layout
            .arcs
            .iter()
            .find(|a| a.flow == china)
            .unwrap()
            .geometry;
        let mid = g.spine[g.spine.len() / 2];
        assert_eq!(r.layout.arc_at(mid, 4.0), Some(china));
    }
}

#[test]
fn no_streaks_across_the_map() {
    // Country polygons never jump across most of the map in one edge (the antimeridian).
    let b = common::bundle();
    let map = world();
    let (_, _, input) = input_for(&b, &Filter::default());
    let r = render(&input, Some(&map), (1200, 600), MapEmphasis::None);
    let land: Vec<String> = std::iter::once(Palette::light().land)
        .chain(Palette::light().choropleth)
        .map(|c| c.hex().to_uppercase())
        .collect();
    for (fill, pts) in polygons(&r.svg) {
        if !land.contains(&fill) {
            continue;
        }
        for w in pts.windows(2) {
            assert!((w[0].0 - w[1].0).abs() < 600.0, "a streak in {fill}: {w:?}");
        }
    }
}

#[test]
fn emphasis_puts_the_flow_on_top() {
    let b = common::bundle();
    let ds = &b.dataset;
    let (_, _, input) = input_for(&b, &myanmar_filter(&b));
    let china = ds.entity_by_name("China").unwrap();
    let myanmar = ds.entity_by_name("Myanmar").unwrap();
    let r = render(&input, None, (800, 400), MapEmphasis::Flow(china, myanmar));
    let last = r.layout.arcs.last().unwrap().flow;
    assert_eq!(input.flows[last].supplier, china);
    // Without emphasis the smallest flow is on top.
    let r = render(&input, None, (800, 400), MapEmphasis::None);
    let top = r.layout.arcs.last().unwrap().flow;
    assert_eq!(top, input.flows.len() - 1);
    // Arcs draw without the land too (the map file may still be loading).
    assert_eq!(r.layout.arcs.len(), input.flows.len());
}

#[test]
fn empty_input_renders_the_empty_message() {
    let b = common::bundle();
    let f = Filter {
        text: "no such weapon anywhere".into(),
        ..Filter::default()
    };
    let (agg, _, input) = input_for(&b, &f);
    assert!(input.is_empty());
    let r = render(&input, Some(&world()), (375, 320), MapEmphasis::None);
    assert!(common::svg_texts(&r.svg)
        .iter()
        .any(|t| t == "No arms flows match these filters"));
    assert!(r.layout.arcs.is_empty() && r.layout.legend.is_none());
    assert!(flowmap_alt_in(Tr::new(Locale::En), &b.dataset, &f, &agg).contains("No flow"));
}

#[test]
fn dots_mark_non_state_actors() {
    let b = common::bundle();
    let (_, _, input) = input_for(&b, &Filter::default());
    let r = render(&input, Some(&world()), (1200, 600), MapEmphasis::None);
    let dotted: Vec<&str> = r
        .layout
        .dots
        .iter()
        .map(|d| input.places[d.place].label.as_str())
        .collect();
    assert!(!dotted.is_empty());
    for d in &r.layout.dots {
        let p = &input.places[d.place];
        assert!(p.is_dot(), "{} is a territory", p.label);
        // Pointing at a dot finds it (or another dot drawn at the very same spot).
        let hit = r
            .layout
            .dot_at(d.at, 0.0)
            .expect("a dot under its own centre");
        assert!(dist(r.layout.points[hit], d.at) < 1.0, "{}", p.label);
    }
    assert!(
        dotted
            .iter()
            .any(|l| l.contains("(Cambodia)") || l.contains("(Laos)")),
        "{dotted:?}"
    );
}
