//! `--preview out.svg`: a window of the map drawn as the app would draw it, with the
//! full-detail source coastline over it, for judging the simplification by eye.

use std::fmt::Write as _;

use atlas_core::geo::projection::{ProjectedBox, Viewport};
use atlas_core::geo::world::WorldMap;

use super::options::Options;
use super::topology::Topology;

/// An SVG of a lon/lat window as the app would draw it (Equal Earth, fitted to the given
/// width): the simplified countries filled, with the full-detail source coastline drawn
/// over them as a thin red line for judging the simplification.
pub(super) fn preview_svg(map: &WorldMap, topo: &Topology, o: &Options) -> String {
    let [x0, y0, x1, y1] = o.preview_bbox;
    let b = ProjectedBox::from_lonlat(x0, y0, x1, y1);
    let width = o.preview_width;
    let height = (width * (b.max_y - b.min_y) / (b.max_x - b.min_x).max(1e-9)).ceil();
    let vp = Viewport::fit_projected_box(b, width, height, 0.0);
    let visible = vp.visible_projected_box();
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="#dde8f0"/>"##
    );
    let palette = [
        "#e8dcc4", "#d8e4c0", "#efd3c8", "#d5d8ea", "#e6e0a8", "#cfe3dc",
    ];
    for (i, c) in map.countries().iter().enumerate() {
        if !c.bbox().projected().intersects(&visible) {
            continue;
        }
        let mut d = String::new();
        for ring in c.rings() {
            for (k, p) in ring.iter().enumerate() {
                let (sx, sy) = vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1]));
                let _ = write!(d, "{}{sx:.1},{sy:.1}", if k == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        let _ = writeln!(
            svg,
            r##"<path fill-rule="evenodd" fill="{}" stroke="#555" stroke-width="0.6" d="{d}"><title>{}</title></path>"##,
            palette[i % palette.len()],
            c.name()
        );
    }
    for arc in &topo.source_arcs {
        if !arc
            .iter()
            .any(|p| p[0] >= x0 - 1.0 && p[0] <= x1 + 1.0 && p[1] >= y0 - 1.0 && p[1] <= y1 + 1.0)
        {
            continue;
        }
        let mut d = String::new();
        for (k, p) in arc.iter().enumerate() {
            let (sx, sy) = vp.screen_from_lonlat(p[0], p[1]);
            let _ = write!(d, "{}{sx:.1},{sy:.1}", if k == 0 { "M" } else { "L" });
        }
        let _ = writeln!(
            svg,
            r##"<path fill="none" stroke="#d02020" stroke-opacity="0.5" stroke-width="0.4" d="{d}"/>"##
        );
    }
    svg.push_str("</svg>\n");
    svg
}
