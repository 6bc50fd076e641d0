//! The map's frame holds what it draws: "Fit to flows" keeps every vertex of each
//! recipient's land outline (and of a filtered supplier's main body), every arc's whole
//! painted shape and every label inside the surface, with a margin, at phone, embed,
//! page and export sizes — drawn into SVG by the same function the browser paints with.
//! (Issue #16: southern Myanmar, the Tanintharyi strip down to 10° N, was cut off at the
//! bottom edge of the page's map, of its PNG and SVG, and of the 320 px embed.)

mod common;

use atlas_core::analysis::aggregate::Aggregates;
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::geo::projection::Viewport;
use atlas_core::geo::world::WorldMap;
use atlas_core::import::places::PlaceTable;
use atlas_core::model::EntityId;
use atlas_core::render::flowmap::{
    content_box, draw_flowmap, fit_to_flows, legend_reserve, FlowMapInput, FlowMapLayout,
    FlowMapOptions, MapEmphasis, Rect,
};
use atlas_core::render::{ColorMap, ColourRanks, Palette};
use atlas_core::store::bundle::Bundle;
use atlas_core::text::{Locale, Tr};
use plotters::prelude::*;

fn world() -> WorldMap {
    let bytes = std::fs::read(common::repo_root().join("assets/world.map")).expect("asset");
    WorldMap::decode(&bytes).expect("decodes")
}

/// Surfaces the map is drawn on: the 320 px embed and a 375 px phone (the canvas is the
/// column minus its padding; the height is CSS's clamp(280px, 56vw, 580px)), a 700 px
/// embed, the page's map at 1440 px, the figure's chart box (1136 × 660), and shapes far
/// from those (a wide strip, a tall narrow one).
const SIZES: [(f64, f64); 9] = [
    (318.0, 280.0),
    (343.0, 280.0),
    (375.0, 300.0),
    (698.0, 392.0),
    (1100.0, 580.0),
    (1376.0, 580.0),
    (1136.0, 660.0),
    (1200.0, 300.0),
    (300.0, 640.0),
];

/// The least room, in pixels, between what is framed and the surface's edge.
const MARGIN: f64 = 20.0;

fn ids(b: &Bundle, names: &[&str]) -> Vec<EntityId> {
    names
        .iter()
        .map(|n| b.dataset.entity_by_name(n).unwrap_or_else(|| panic!("{n}")))
        .collect()
}

fn input_for(b: &Bundle, f: &Filter) -> FlowMapInput {
    let agg = Aggregates::compute(&b.dataset, f);
    let colors = ColorMap::new(
        &ColourRanks::of_dataset(&b.dataset),
        &agg,
        7,
        &Palette::light(),
    );
    FlowMapInput::build(&b.dataset, &agg, &colors, PlaceTable::builtin())
        .outline_suppliers(&f.suppliers)
}

/// Draws the map framed by `fit_to_flows` into an SVG of `size`.
fn draw(input: &FlowMapInput, world: &WorldMap, (w, h): (f64, f64)) -> (String, FlowMapLayout) {
    let pal = Palette::light();
    let mut svg = String::new();
    let layout = {
        let root = SVGBackend::with_string(&mut svg, (w as u32, h as u32)).into_drawing_area();
        draw_flowmap(
            &root,
            input,
            &FlowMapOptions {
                world: Some(world),
                viewport: fit_to_flows(input, Some(world), w, h),
                palette: &pal,
                font: "sans-serif",
                scale: 1.0,
                emphasis: MapEmphasis::None,
                focus: None,
                empty_message: "No arms flows match these filters",
                tr: Tr::new(Locale::En),
                base_drawn: false,
                labels_by_caller: false,
            },
        )
        .expect("draws")
    };
    if let Some(dir) = std::env::var_os("MAP_FRAME_SVG_DIR") {
        let name = format!(
            "frame-{}-{}x{}.svg",
            input.outlined.len() * 1000 + input.flows.len(),
            w,
            h
        );
        std::fs::write(std::path::Path::new(&dir).join(name), &svg).expect("write svg");
    }
    (svg, layout)
}

/// The map's country for an entity of the data.
fn country<'a>(
    world: &'a WorldMap,
    input: &FlowMapInput,
    e: EntityId,
) -> &'a atlas_core::geo::world::Country {
    let p = &input.places[input.place_index(e).expect("placed")];
    &world.countries()[world
        .find_by_id(p.iso.expect("a territory"))
        .expect("on the map")]
}

/// The room left for the map above the legend's strip (all of it on wide surfaces).
fn inner(input: &FlowMapInput, (w, h): (f64, f64)) -> Rect {
    Rect {
        x0: MARGIN,
        y0: MARGIN,
        x1: w - MARGIN,
        y1: h - legend_reserve(input, w, h) - MARGIN,
    }
}

/// Checks one drawing: every vertex of each of `whole` (all its rings) and of the main
/// body of each of `body` inside the margin; every arc's painted outline and every label
/// inside; every recipient named; no land shaded as a recipient clipped at an edge.
fn check_frame(
    what: &str,
    input: &FlowMapInput,
    world: &WorldMap,
    whole: &[EntityId],
    body: &[EntityId],
    size: (f64, f64),
) {
    let (svg, layout) = draw(input, world, size);
    let vp = layout.viewport;
    let room = inner(input, size);
    let (w, h) = size;
    let mut lowest = f64::NEG_INFINITY;
    for (e, all) in whole
        .iter()
        .map(|e| (e, true))
        .chain(body.iter().map(|e| (e, false)))
    {
        let c = country(world, input, *e);
        let rings: Vec<usize> = if all {
            (0..c.rings().len()).collect()
        } else {
            c.body_rings()
        };
        for r in rings {
            for p in &c.rings()[r] {
                let q = vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1]));
                lowest = lowest.max(q.1);
                assert!(
                    room.contains(q),
                    "{what} at {w}×{h}: {} vertex {p:?} lands at {q:?}, outside {room:?}",
                    c.name()
                );
            }
        }
    }
    assert!(!layout.arcs.is_empty(), "{what}: arcs drawn");
    for a in &layout.arcs {
        for p in a.geometry.silhouette() {
            assert!(
                p.0 >= 2.0 && p.0 <= w - 2.0 && p.1 >= 2.0 && p.1 <= h - 2.0,
                "{what} at {w}×{h}: arc {} reaches {p:?}",
                a.flow
            );
        }
    }
    // Nothing framed lies under the legend.
    let legend = layout.legend.expect("a legend");
    let mut under = Vec::new();
    for a in &layout.arcs {
        if a.geometry.silhouette().iter().any(|p| legend.contains(*p)) {
            under.push(format!("arc {}", a.flow));
        }
    }
    for e in whole.iter().chain(body) {
        let c = country(world, input, *e);
        if c.body_rings()
            .iter()
            .flat_map(|&r| &c.rings()[r])
            .any(|p| legend.contains(vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1]))))
        {
            under.push(c.name().to_owned());
        }
    }
    assert!(
        under.is_empty(),
        "{what} at {w}×{h}: under the legend {legend:?}: {under:?}"
    );
    let surface = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: w,
        y1: h,
    };
    for l in &layout.labels {
        assert!(surface.contains_rect(&l.rect), "{what}: label {:?}", l.rect);
    }
    for e in whole {
        let name = &input.places[input.place_index(*e).expect("placed")].label;
        assert!(
            layout.label_texts.contains(name),
            "{what} at {w}×{h}: {name} is labelled ({:?})",
            layout.label_texts
        );
    }
    // The drawing itself: land shaded as a recipient is never clamped to an edge (plotters
    // pulls points off the surface onto its border).
    let shades: Vec<String> = Palette::light()
        .choropleth
        .iter()
        .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
        .collect();
    let mut shaded = 0;
    for (fill, pts) in polygons(&svg) {
        if !shades.contains(&fill) {
            continue;
        }
        shaded += 1;
        for p in pts {
            assert!(
                p.0 > 1.0 && p.0 < w - 1.0 && p.1 > 1.0 && p.1 < h - 1.0,
                "{what} at {w}×{h}: a shaded country touches the edge at {p:?}"
            );
        }
    }
    assert!(shaded > 0, "{what}: recipients shaded");
    // The layout says where the content went, as the page's data-content attribute does.
    let c = layout.content.expect("content");
    assert!(
        c.y1 >= lowest - 0.5 && c.y1 <= room.y1 + 0.5,
        "{what}: {c:?}"
    );
}

/// Every `<polygon>` with its fill (upper case) and its points.
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

#[test]
fn each_recipient_is_framed_whole_at_every_size() {
    let b = common::bundle();
    let world = world();
    let all = YearRange::new(1950, 2024).ok();
    let since_1990 = YearRange::new(1990, 2024).ok();
    let since_2010 = YearRange::new(2010, 2024).ok();
    let coup = YearRange::new(2021, 2024).ok();
    let cases: [(&str, &[&str], Option<YearRange>); 10] = [
        ("Myanmar", &["Myanmar"], None),
        ("Myanmar since 2010", &["Myanmar"], since_2010),
        ("Myanmar since the coup", &["Myanmar"], coup),
        ("Thailand", &["Thailand"], all),
        ("Thailand since 2021", &["Thailand"], coup),
        ("Viet Nam", &["Viet Nam"], None),
        ("Viet Nam since 2021", &["Viet Nam"], coup),
        (
            "Myanmar, Thailand and Cambodia",
            &["Myanmar", "Thailand", "Cambodia"],
            None,
        ),
        (
            "Myanmar and Thailand since 2021",
            &["Myanmar", "Thailand"],
            coup,
        ),
        (
            "Viet Nam and Laos since 1990",
            &["Viet Nam", "Laos"],
            since_1990,
        ),
    ];
    let mut checked = 0;
    for (what, names, years) in cases {
        let f = Filter {
            recipients: ids(&b, names),
            years,
            ..Filter::default()
        };
        let input = input_for(&b, &f);
        for e in &f.recipients {
            let c = country(&world, &input, *e);
            assert_eq!(
                c.body_rings().len(),
                c.rings().len(),
                "every ring of {} is its body: the whole outline is framed",
                c.name()
            );
        }
        for size in SIZES {
            check_frame(what, &input, &world, &f.recipients, &[], size);
            checked += 1;
        }
    }
    assert_eq!(checked, 10 * SIZES.len());
}

#[test]
fn southern_myanmar_was_cut_off_by_a_fit_to_the_flows_alone() {
    // The framing before this fix took the flows' ends and the middles of their arcs.
    // Since the coup Myanmar's suppliers are its neighbours, the arcs are short, and a
    // fit to them alone (no world map given) leaves the Tanintharyi strip below the
    // 1440 px page's map, as a reader saw it (main's fit put the tip at y = 735 of 580).
    let b = common::bundle();
    let world = world();
    let f = Filter {
        recipients: ids(&b, &["Myanmar"]),
        years: YearRange::new(2021, 2024).ok(),
        ..Filter::default()
    };
    let input = input_for(&b, &f);
    let c = country(&world, &input, f.recipients[0]);
    let south = c
        .rings()
        .iter()
        .flatten()
        .map(|p| f64::from(p[1]))
        .fold(f64::INFINITY, f64::min);
    assert!(south < 10.5, "Myanmar reaches {south}° N");
    let (w, h) = (1376.0, 580.0);
    let tip = |vp: Viewport| {
        c.rings()
            .iter()
            .flatten()
            .map(|p| vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1])).1)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let flows_only = tip(fit_to_flows(&input, None, w, h));
    let framed = tip(fit_to_flows(&input, Some(&world), w, h));
    assert!(
        flows_only > h - MARGIN,
        "arcs alone: the tip at {flows_only} of {h}"
    );
    assert!(
        framed <= h - MARGIN,
        "with the outline: the tip at {framed} of {h}"
    );
}

#[test]
fn a_filtered_supplier_is_framed_by_its_main_body() {
    let b = common::bundle();
    let world = world();
    for (supplier, recipient) in [
        ("Russia", "Myanmar"),
        ("China", "Myanmar"),
        ("India", "Myanmar"),
    ] {
        let f = Filter {
            suppliers: ids(&b, &[supplier]),
            recipients: ids(&b, &[recipient]),
            ..Filter::default()
        };
        let input = input_for(&b, &f);
        for size in SIZES {
            check_frame(
                &format!("{supplier} → {recipient}"),
                &input,
                &world,
                &f.recipients,
                &f.suppliers,
                size,
            );
        }
    }
    // Without a supplier filter only the recipients are framed whole.
    let f = Filter {
        recipients: ids(&b, &["Myanmar"]),
        ..Filter::default()
    };
    let plain = input_for(&b, &f);
    let russia = ids(&b, &["Russia"])[0];
    let i = plain.place_index(russia).expect("Russia supplies Myanmar");
    assert!(!plain.outlined.contains(&i));
    let named = plain.clone().outline_suppliers(&[russia]);
    assert!(named.outlined.contains(&i));
    assert_ne!(
        content_box(&plain, Some(&world)),
        content_box(&named, Some(&world))
    );
}

#[test]
fn a_main_body_keeps_coastal_islands_and_leaves_far_territories() {
    let world = world();
    let by_name =
        |n: &str| &world.countries()[world.find_by_name(n).unwrap_or_else(|| panic!("{n}"))];
    // Russia: the sliver of Chukotka east of the antimeridian is not part of the body (it
    // would stretch the frame across the whole world); Kaliningrad is.
    let ru = by_name("Russia");
    let body = ru.body_rings();
    assert!(body.len() < ru.rings().len());
    let lons = |rings: &[usize]| {
        rings
            .iter()
            .flat_map(|&r| ru.rings()[r].iter().map(|p| p[0]))
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), x| {
                (a.min(x), b.max(x))
            })
    };
    let (west, east) = lons(&body);
    assert!(west > 19.0 && west < 21.0, "Kaliningrad at {west}");
    assert!(east > 179.0, "{east}");
    assert!(ru.rings().iter().flatten().any(|p| p[0] < -170.0));
    // The United States: Hawaii is too far from the rest to be framed with it.
    let us = by_name("United States of America");
    let hawaii = us
        .rings()
        .iter()
        .position(|r| r.iter().all(|p| p[1] < 23.0 && p[0] < -154.0))
        .expect("Hawaii");
    assert!(!us.body_rings().contains(&hawaii));
    // Indonesia: islands a few degrees apart, from Sumatra to New Guinea, are one body.
    let id = by_name("Indonesia");
    assert_eq!(id.body_rings().len(), id.rings().len());
}
