//! The base layer: background, sea, land with the choropleth, and rings; and the pieces
//! a caller needs to paint it itself (fills, painting order, the globe's outline).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::input::FlowMapInput;
use super::options::{FlowMapOptions, MapEmphasis};
use crate::geo::arcs::Pt;
use crate::geo::projection::equal_earth;
use crate::geo::world::WorldMap;
use crate::render::{Palette, Rgb};

/// The fill of a country of the world map under these flows: the palette's choropleth
/// class of its imports, else plain land. Shared with callers that paint the land
/// themselves.
pub fn land_fill(input: &FlowMapInput, pal: &Palette, country_id: u16) -> Rgb {
    input
        .imports
        .get(&country_id)
        .filter(|_| country_id != 0)
        .and_then(|t| input.scale.class_of(t.millions()))
        .map_or(pal.land, |k| pal.choropleth[k])
}

/// The map ids of the countries to ring (the emphasised place and the focused one).
pub fn ringed_places(input: &FlowMapInput, opt: &FlowMapOptions<'_>) -> Vec<u16> {
    let emphasised_entity = match opt.emphasis {
        MapEmphasis::Entity(e) => Some(e),
        _ => None,
    };
    [emphasised_entity, opt.focus]
        .into_iter()
        .flatten()
        .filter_map(|e| input.place_index(e))
        .filter(|&i| !input.places[i].is_dot())
        .filter_map(|i| input.places[i].iso)
        .filter(|&iso| iso != 0)
        .collect()
}

/// The globe's outline in projected units (closed), to fill as sea.
pub fn globe_outline() -> Vec<(f64, f64)> {
    let mut outline = Vec::with_capacity(182);
    for i in 0..=90 {
        outline.push(equal_earth(180.0, 90.0 - 2.0 * f64::from(i)));
    }
    for i in 0..=90 {
        outline.push(equal_earth(-180.0, -90.0 + 2.0 * f64::from(i)));
    }
    outline
}

/// Indices of the map's countries, largest first (the order the land is painted in).
pub fn land_order(world: &WorldMap) -> Vec<usize> {
    let mut order: Vec<usize> = (0..world.countries().len()).collect();
    order.sort_by(|&a, &b| {
        let (ba, bb) = (world.countries()[a].bbox(), world.countries()[b].bbox());
        bb.area_deg2().total_cmp(&ba.area_deg2()).then(a.cmp(&b))
    });
    order
}

/// The base layer: background, sea, land with the choropleth, and rings.
pub(super) fn draw_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &FlowMapInput,
    opt: &FlowMapOptions<'_>,
    dev: &dyn Fn(Pt) -> (i32, i32),
    hair: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opt.scale.max(0.1);
    let pal = opt.palette;
    let vp = opt.viewport;
    root.fill(&pal.background.to_plotters())?;
    let outline: Vec<(i32, i32)> = globe_outline()
        .into_iter()
        .map(|(x, y)| dev(vp.screen_from_projected(x, y)))
        .collect();
    root.draw(&Polygon::new(outline, pal.sea.to_plotters().filled()))?;
    let ringed_isos = ringed_places(input, opt);
    if let Some(world) = opt.world {
        let visible = vp.visible_projected_box();
        let mut ringed: Vec<Vec<(i32, i32)>> = Vec::new();
        for ci in land_order(world) {
            let c = &world.countries()[ci];
            let fill = land_fill(input, pal, c.id());
            let ring_it = ringed_isos.contains(&c.id());
            for (ring, bb) in c.rings().iter().zip(c.ring_bboxes()) {
                if !bb.projected().intersects(&visible) {
                    continue;
                }
                let mut pts: Vec<(i32, i32)> = Vec::with_capacity(ring.len() + 1);
                for p in ring {
                    let q = dev(vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1])));
                    if pts.last() != Some(&q) {
                        pts.push(q);
                    }
                }
                if pts.len() < 3 {
                    continue;
                }
                root.draw(&Polygon::new(pts.clone(), fill.to_plotters().filled()))?;
                pts.push(pts[0]);
                root.draw(&PathElement::new(
                    pts.clone(),
                    pal.background.to_plotters().stroke_width(hair),
                ))?;
                if ring_it {
                    ringed.push(pts);
                }
            }
        }
        for pts in ringed {
            root.draw(&PathElement::new(
                pts,
                pal.ink
                    .to_plotters()
                    .stroke_width((1.5 * s).round().max(1.0) as u32),
            ))?;
        }
    }
    Ok(())
}
