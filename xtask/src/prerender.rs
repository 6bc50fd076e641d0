//! The first screen before the wasm runs: the default view's map and timeline, drawn at
//! build time by the same plotters functions the app draws its canvases with
//! (`draw_flowmap`, `draw_timeline_annotated`, here on the SVG backend), from the bundle,
//! map and annotation file that the build ships, and written into `index.html` between
//! `<!--prerender-->` and `<!--/prerender-->`.
//!
//! `assets/pre.js` (a classic script in the head, so it runs before the first paint)
//! shows it only to a reader who will see exactly that view: no link parameters, English,
//! the light theme. The app hides itself under it while it starts and removes it once its
//! own charts have painted (`App` in `src/app.rs`), so nothing on the page moves.

use std::fmt::Write as _;
use std::path::Path;

use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::Filter;
use atlas_core::geo::world::WorldMap;
use atlas_core::import::places::PlaceTable;
use atlas_core::render::flowmap::{draw_flowmap, fit_to_flows, FlowMapInput, FlowMapOptions};
use atlas_core::render::flowmap::{globe_outline, land_fill, land_order, ringed_places};
use atlas_core::render::timeline::{draw_timeline_annotated, TimelineOptions, TIMELINE_TOP_N};
use atlas_core::render::Palette;
use atlas_core::render::{ColorMap, ColourRanks};
use atlas_core::store::bundle::{decode, Bundle};
use atlas_core::story::annotations::parse_annotations;
use atlas_core::text::views::{
    filters_summary_in, flowmap_alt_in, flowmap_title_in, timeline_alt, timeline_summary,
    timeline_title_in,
};
use atlas_core::text::{Locale, Tr};
use plotters::prelude::{IntoDrawingArea, SVGBackend};

use crate::util::Result;

const START: &str = "<!--prerender-->";
const END: &str = "<!--/prerender-->";
/// The canvases' font, as the app sets it.
const FONT: &str = "system-ui, sans-serif";

/// Chart sizes in CSS pixels: one for phones, one for wider screens, one for the wide
/// screens that show the map and the timeline side by side (`.views-lead` in
/// `style/main.css`, from 1200 px). The page's CSS shows one of them, as tall as the
/// canvas it stands in for; each is drawn close to that canvas's shape, so its text has
/// the size it will have when the app takes over. Below 1200 px the map only: the
/// timeline is under the map's key, notes and flow list (about 180 px at 800 px wide,
/// text that wraps with the width), below the first screen of a phone or a tablet held
/// upright; an image of it there landed 184 px above its canvas at 800 px.
const NARROW: Sizes = Sizes {
    map: (360, 280),
    timeline: None,
};
const WIDE: Sizes = Sizes {
    map: (880, 500),
    timeline: None,
};
const LEAD: Sizes = Sizes {
    map: (580, 400),
    timeline: Some((480, 420)),
};

#[derive(Clone, Copy)]
struct Sizes {
    map: (u32, u32),
    timeline: Option<(u32, u32)>,
}

/// What the prerendered screen says and shows.
#[derive(Debug)]
pub struct Snapshot {
    pub dek: String,
    pub map_title: String,
    pub map_alt: String,
    pub timeline_title: String,
    pub timeline_alt: String,
    /// The timeline's summary line under its title.
    pub timeline_summary: String,
    /// The timeline's "Show SIPRI's … release" toggle, when the data carries an earlier
    /// release (the app shows it then, and it takes a line in the view's head).
    pub overlay_label: Option<String>,
    /// The filters' one-line summary (a phone's "Filters" button shows it).
    pub filters_summary: String,
    /// (narrow, wide, lead) SVGs; below 1200 px no timeline (empty).
    pub map_svg: [String; 3],
    pub timeline_svg: [String; 3],
}

/// Draws the default view (no filter, stacked by supplier, English, light theme).
pub fn snapshot(bundle: &Bundle, world: Option<&WorldMap>, notes_tsv: &str) -> Snapshot {
    let tr = Tr::new(Locale::En);
    let ds = &bundle.dataset;
    let filter = Filter::default();
    let stack = StackBy::Supplier;
    let agg = Aggregates::compute(ds, &filter);
    let palette = Palette::light();
    let colors = ColorMap::new(&ColourRanks::of_dataset(ds), &agg, TIMELINE_TOP_N, &palette);
    let series = agg.stacked(stack, TIMELINE_TOP_N);
    let bands: Vec<_> = series.keys.iter().map(|k| colors.key(stack, *k)).collect();
    let (notes, _) = parse_annotations(notes_tsv);
    let marks: Vec<_> = notes.iter().filter(|a| a.applies(&[], &[])).collect();
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin());

    let timeline = |(w, h): (u32, u32)| {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            let opts = TimelineOptions {
                colors: &bands,
                palette: &palette,
                font: FONT,
                scale: 1.0,
                selected: None,
                highlight: None,
                empty_message: tr.t("alt.empty"),
                tr,
            };
            // A drawing error leaves a partial SVG: the app replaces it anyway.
            let _ = draw_timeline_annotated(&root, &series, &opts, &marks);
            let _ = root.present();
        }
        responsive(&svg)
    };
    let map = |(w, h): (u32, u32)| {
        let mut svg = String::new();
        let base = {
            let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            let mut opts = FlowMapOptions {
                world,
                viewport: fit_to_flows(&input, world, f64::from(w), f64::from(h)),
                palette: &palette,
                font: FONT,
                scale: 1.0,
                emphasis: Default::default(),
                focus: None,
                empty_message: tr.t("map.empty_short"),
                tr,
                base_drawn: false,
                labels_by_caller: false,
            };
            // The base layer as the app paints it (one path per country, see
            // `LandPaths`), written here one path per colour; plotters draws the rest.
            let base = world
                .filter(|_| ringed_places(&input, &opts).is_empty())
                .map(|wm| base_svg(wm, &input, &opts));
            opts.base_drawn = base.is_some();
            let _ = draw_flowmap(&root, &input, &opts);
            let _ = root.present();
            base
        };
        match base {
            Some(base) => responsive(&after_root(&svg, &base)),
            None => responsive(&svg),
        }
    };
    Snapshot {
        dek: atlas_core::text::facts::meta_words_in(tr, &bundle.meta.title, "").0,
        map_title: flowmap_title_in(tr, ds, &filter, agg.years),
        map_alt: flowmap_alt_in(tr, ds, &filter, &agg),
        timeline_title: timeline_title_in(tr, ds, &filter, series.years, stack),
        timeline_alt: timeline_alt(tr, ds, &filter, &agg, stack),
        timeline_summary: timeline_summary(tr, &agg, false),
        overlay_label: bundle.earlier.as_ref().map(|e| {
            let older = e.dataset.releases.iter().map(|r| r.year).max().unwrap_or(0);
            tr.f(
                "changes.overlay",
                &[("older", &atlas_core::text::changes::release_name(tr, older))],
            )
        }),
        filters_summary: filters_summary_in(
            tr,
            ds,
            &filter,
            ds.year_span().unwrap_or((1950, 2024)),
        ),
        map_svg: [NARROW, WIDE, LEAD].map(|s| map(s.map)),
        timeline_svg: [NARROW, WIDE, LEAD].map(|s| s.timeline.map(timeline).unwrap_or_default()),
    }
}

/// The map's base layer in SVG: background, sea, and the land with its choropleth, the
/// countries of one colour as one path (they do not overlap, so painting them by colour
/// draws what painting them one by one does, but for the order of the hairline between
/// two colours), each outlined with the background's hairline as the canvas does. Points
/// are whole pixels in relative steps, repeated and nearly collinear ones dropped.
fn base_svg(world: &WorldMap, input: &FlowMapInput, opt: &FlowMapOptions<'_>) -> String {
    let vp = opt.viewport;
    let pal = opt.palette;
    let bg = pal.background.hex();
    let ring_d = |pts: Vec<(f64, f64)>| -> String {
        let mut px: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
        for (x, y) in pts {
            let q = (x.round().clamp(-1e7, 1e7), y.round().clamp(-1e7, 1e7));
            if px.last() != Some(&q) {
                px.push(q);
            }
        }
        let px = douglas_peucker(&px, 0.6);
        let (minx, maxx) = px
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (miny, maxy) = px
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        if px.len() < 3 || (maxx - minx < 1.0 && maxy - miny < 1.0) {
            return String::new();
        }
        let mut d = String::new();
        let (mut lx, mut ly) = px[0];
        let _ = write!(d, "M{lx} {ly}");
        for &(x, y) in &px[1..] {
            let _ = write!(d, "l{} {}", x - lx, y - ly);
            (lx, ly) = (x, y);
        }
        d.push('z');
        d
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"{bg}\"/>",
        vp.width(),
        vp.height()
    );
    let sea = globe_outline()
        .into_iter()
        .map(|(x, y)| vp.screen_from_projected(x, y))
        .collect();
    let _ = write!(
        out,
        "<path fill=\"{}\" d=\"{}\"/>",
        pal.sea.hex(),
        ring_d(sea)
    );
    let visible = vp.visible_projected_box();
    // (fill, path data), in the order each colour is first painted.
    let mut groups: Vec<(String, String)> = Vec::new();
    for ci in land_order(world) {
        let c = &world.countries()[ci];
        let fill = land_fill(input, pal, c.id()).hex();
        if !c.bbox().projected().intersects(&visible) {
            continue;
        }
        let mut d = String::new();
        for ring in c.rings() {
            d.push_str(&ring_d(
                ring.iter()
                    .map(|p| vp.screen_from_lonlat(f64::from(p[0]), f64::from(p[1])))
                    .collect(),
            ));
        }
        match groups.iter_mut().find(|(f, _)| *f == fill) {
            Some((_, gd)) => gd.push_str(&d),
            None => groups.push((fill, d)),
        }
    }
    for (fill, d) in groups.into_iter().filter(|(_, d)| !d.is_empty()) {
        let _ = write!(
            out,
            "<path fill=\"{fill}\" stroke=\"{bg}\" stroke-width=\"1\" stroke-linejoin=\"round\" d=\"{d}\"/>"
        );
    }
    out
}

/// `svg` with `inner` right after its root's start tag, so it is painted first.
fn after_root(svg: &str, inner: &str) -> String {
    let Some(open) = svg.find("<svg") else {
        return svg.to_owned();
    };
    match svg[open..].find('>') {
        Some(end) => {
            let at = open + end + 1;
            format!("{}{inner}{}", &svg[..at], &svg[at..])
        }
        None => svg.to_owned(),
    }
}

/// The SVG without its fixed width and height (its viewBox stays), shorter numbers, and
/// no XML declaration, to sit inline in HTML and scale with its column.
fn responsive(svg: &str) -> String {
    let body = svg.trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(rest, |(_, r)| r).trim_start(),
        None => body,
    };
    let Some((head, rest)) = body.split_once('>') else {
        return String::new();
    };
    let mut tag = String::new();
    for attr in split_attrs(head) {
        if attr.starts_with("width=") || attr.starts_with("height=") {
            continue;
        }
        if !tag.is_empty() {
            tag.push(' ');
        }
        tag.push_str(attr);
    }
    let rest = as_paths(&simplify_points(&rest.replace(" opacity=\"1\"", "")));
    format!("{tag} aria-hidden=\"true\" focusable=\"false\">{rest}")
}

/// Every `points="…"` list with repeated and nearly collinear points dropped: land
/// outlines drawn at screen size carry many vertices on the same pixel or line, which
/// cost bytes and draw nothing.
fn simplify_points(svg: &str) -> String {
    const KEY: &str = "points=\"";
    let mut out = String::with_capacity(svg.len() / 2);
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let Some(end) = tail.find('"') else {
            rest = tail;
            break;
        };
        let pts: Vec<(f64, f64)> = tail[..end]
            .split_whitespace()
            .filter_map(|p| {
                let (x, y) = p.split_once(',')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
            .collect();
        let mut kept: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
        for p in pts {
            if kept.last() != Some(&p) {
                kept.push(p);
            }
        }
        let kept = douglas_peucker(&kept, 0.6);
        let text: Vec<String> = kept.iter().map(|(x, y)| format!("{x},{y}")).collect();
        out.push_str(&text.join(" "));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Runs of `<polyline>`/`<polygon>` elements with the same attributes, as one `<path>`
/// each, in relative coordinates: the same drawing in about half the bytes. Shapes
/// smaller than a pixel are left out.
fn as_paths(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    // (attributes, path data) of the run being gathered.
    let mut run: Option<(String, String)> = None;
    let flush = |run: &mut Option<(String, String)>, out: &mut String| {
        if let Some((attrs, d)) = run.take() {
            if !d.is_empty() {
                let _ = write!(out, "<path {attrs} d=\"{d}\"/>");
            }
        }
    };
    let mut rest = svg;
    loop {
        let next = ["<polyline ", "<polygon "]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, *t)))
            .min();
        let Some((i, tag)) = next else { break };
        let between = &rest[..i];
        if !between.trim().is_empty() {
            flush(&mut run, &mut out);
            out.push_str(between);
        }
        let after = &rest[i + tag.len()..];
        let Some(end) = after.find("/>") else { break };
        let body = &after[..end];
        rest = &after[end + 2..];
        let Some(pi) = body.find("points=\"") else {
            continue;
        };
        let pe = pi + 8 + body[pi + 8..].find('"').unwrap_or(0);
        let pts: Vec<(i64, i64)> = body[pi + 8..pe]
            .split_whitespace()
            .filter_map(|p| {
                let (x, y) = p.split_once(',')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
            .collect();
        let attrs = format!("{} {}", body[..pi].trim(), body[pe + 1..].trim())
            .trim()
            .to_owned();
        let closed = tag == "<polygon ";
        let attrs = if closed || attrs.contains("fill=") {
            attrs
        } else {
            format!("fill=\"none\" {attrs}")
        };
        let (minx, maxx) = pts
            .iter()
            .fold((i64::MAX, i64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (miny, maxy) = pts
            .iter()
            .fold((i64::MAX, i64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        if pts.len() < 2 || (maxx - minx < 1 && maxy - miny < 1) {
            continue;
        }
        let mut d = String::new();
        let (mut px, mut py) = pts[0];
        let _ = write!(d, "M{px} {py}");
        for &(x, y) in &pts[1..] {
            let _ = write!(d, "l{} {}", x - px, y - py);
            (px, py) = (x, y);
        }
        if closed {
            d.push('z');
        }
        match &mut run {
            Some((a, dd)) if *a == attrs => dd.push_str(&d),
            _ => {
                flush(&mut run, &mut out);
                run = Some((attrs, d));
            }
        }
    }
    flush(&mut run, &mut out);
    out.push_str(rest);
    out
}

/// Ramer–Douglas–Peucker: the points that keep the line within `eps` pixels.
fn douglas_peucker(pts: &[(f64, f64)], eps: f64) -> Vec<(f64, f64)> {
    if pts.len() < 3 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (ax, ay) = pts[a];
        let (bx, by) = pts[b];
        let (dx, dy) = (bx - ax, by - ay);
        let len = dx.hypot(dy);
        let (mut far, mut dmax) = (a, 0.0);
        for (i, &(px, py)) in pts.iter().enumerate().take(b).skip(a + 1) {
            let d = if len == 0.0 {
                (px - ax).hypot(py - ay)
            } else {
                ((px - ax) * dy - (py - ay) * dx).abs() / len
            };
            if d > dmax {
                dmax = d;
                far = i;
            }
        }
        if dmax > eps {
            keep[far] = true;
            stack.push((a, far));
            stack.push((far, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// The space-separated parts of a start tag, keeping quoted values whole.
fn split_attrs(tag: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in tag.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if i > start {
                    out.push(&tag[start..i]);
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if start < tag.len() {
        out.push(&tag[start..]);
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The HTML of the prerendered screen: the masthead's words and the two views with the
/// app's own classes and words, so the page's CSS lays them out where the app's will be
/// (tests/e2e/prerender.test.mjs measures that each chart sits where its canvas then
/// does). The app's controls are held in place unseen (`pre-hold`): before the app runs
/// they would do nothing.
pub fn html(s: &Snapshot) -> String {
    let tr = Tr::new(Locale::En);
    let t = |k: &'static str| esc(tr.t(k));
    let charts = |svg: &[String; 3]| {
        ["pre-narrow", "pre-wide", "pre-lead"]
            .iter()
            .zip(svg)
            .filter(|(_, svg)| !svg.is_empty())
            .map(|(class, svg)| format!("<div class=\"{class}\">{svg}</div>"))
            .collect::<String>()
    };
    let chart = |alt: &str, svg: &[String; 3]| {
        format!(
            "<div class=\"pre-chart\" role=\"img\" aria-label=\"{}\">{}</div>",
            esc(alt),
            charts(svg)
        )
    };
    let download = format!(
        "<div class=\"download pre-hold\"><button type=\"button\" class=\"download-button\" \
         tabindex=\"-1\" disabled>{}<span class=\"download-caret\"> ▾</span></button></div>",
        t("export.download")
    );
    let map = format!(
        "<section class=\"view flowmap\"><div class=\"view-head\"><h2>{}</h2>\
         <div class=\"map-zoom pre-hold\"><button type=\"button\" tabindex=\"-1\" disabled>+</button>\
         <button type=\"button\" tabindex=\"-1\" disabled>−</button>\
         <button type=\"button\" tabindex=\"-1\" disabled>{}</button>\
         <button type=\"button\" tabindex=\"-1\" disabled>{}</button></div>{download}</div>{}</section>",
        esc(&s.map_title),
        t("map.fit"),
        t("map.world"),
        chart(&s.map_alt, &s.map_svg),
    );
    let timeline = format!(
        "<section class=\"view timeline\"><div class=\"view-head\"><h2>{}</h2>\
         <div class=\"toggle pre-hold\"><button type=\"button\" tabindex=\"-1\" disabled>{}</button>\
         <button type=\"button\" tabindex=\"-1\" disabled>{}</button></div>{}{download}</div>\
         <p class=\"summary\">{}</p>{}</section>",
        esc(&s.timeline_title),
        t("timeline.by_supplier"),
        t("timeline.by_category"),
        s.overlay_label.as_deref().map_or_else(String::new, |l| format!(
            "<button type=\"button\" class=\"overlay-toggle pre-hold\" tabindex=\"-1\" disabled>{}</button>",
            esc(l)
        )),
        esc(&s.timeline_summary),
        chart(&s.timeline_alt, &s.timeline_svg),
    );
    let story = atlas_core::story::story("myanmar").map_or_else(String::new, |st| {
        format!(
            "<a class=\"story-entry\" href=\"?story=myanmar\">{}</a>",
            t(st.title_key)
        )
    });
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"atlas\"><header class=\"masthead\"><h1>{}</h1>\
         <div class=\"masthead-switches pre-hold\"></div><p class=\"dek\">{}</p>\
         <p class=\"tiv-note\">{} <a href=\"#about-tiv\">{}</a></p>\
         <p class=\"masthead-actions\">{story}<span class=\"copy-link pre-hold\">\
         <button type=\"button\" class=\"copy-link-button\" tabindex=\"-1\" disabled>{}</button></span>\
         <button type=\"button\" class=\"embed-open-button pre-hold\" tabindex=\"-1\" disabled>{}</button></p>\
         </header><main class=\"workspace\"><div class=\"filters pre-filters\">\
         <span class=\"filters-toggle pre-hold\"><span class=\"filters-toggle-label\">{}</span>\
         <span class=\"filters-summary\">{}</span></span></div>\
         <div class=\"views\"><div class=\"views-lead\"><div class=\"lead-map\">{map}</div>\
         <div class=\"lead-timeline\">{timeline}</div></div></div></main>\
         <footer class=\"credit\"><p>Information from the SIPRI Arms Transfers Database, \
         https://www.sipri.org/databases/armstransfers. {}</p></footer></div>",
        t("app.title"),
        esc(&s.dek),
        t("app.tiv_note"),
        t("app.what_is_tiv"),
        t("share.copy_link"),
        t("embed.open"),
        t("filters.label"),
        esc(&s.filters_summary),
        t("app.credit_ours"),
    );
    out
}

/// `index.html` with `inner` between the markers (what was there before is replaced, so
/// a second run gives the same page). `None` when the markers are missing.
pub fn splice(index: &str, inner: &str) -> Option<String> {
    let a = index.find(START)? + START.len();
    let b = a + index[a..].find(END)?;
    Some(format!("{}{inner}{}", &index[..a], &index[b..]))
}

/// Draws the default view from the build's own assets into `dir/index.html`. A page
/// without the markers is left as it is.
pub fn inject(dir: &Path) -> Result {
    let read = |rel: &str| {
        std::fs::read(dir.join(rel)).map_err(|e| format!("{}: {e}", dir.join(rel).display()))
    };
    let index_path = dir.join("index.html");
    let index = String::from_utf8_lossy(&read("index.html")?).into_owned();
    if splice(&index, "").is_none() {
        eprintln!(
            "{}: no {START}…{END} markers, nothing prerendered",
            index_path.display()
        );
        return Ok(());
    }
    let bundle =
        decode(&read("assets/sea.atlas")?).map_err(|e| format!("assets/sea.atlas: {e}"))?;
    // Without the map the land is left out, as the app draws it when the map fails.
    let world = read("assets/world.map")
        .ok()
        .and_then(|b| WorldMap::decode(&b).ok());
    let notes = read("assets/annotations/myanmar.tsv")
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let snap = snapshot(&bundle, world.as_ref(), &notes);
    let inner = html(&snap);
    let page = splice(&index, &inner).unwrap_or(index);
    std::fs::write(&index_path, page).map_err(|e| format!("{}: {e}", index_path.display()))?;
    eprintln!(
        "{}: default view prerendered ({} KB of HTML and SVG)",
        index_path.display(),
        inner.len() / 1024
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responsive_drops_size_keeps_viewbox() {
        let svg = r#"<svg width="360" height="240" viewBox="0 0 360 240" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="10" height="10"/></svg>"#;
        let out = responsive(svg);
        assert!(out.starts_with(r#"<svg viewBox="0 0 360 240" xmlns="http://www.w3.org/2000/svg" aria-hidden="true""#), "{out}");
        assert!(out.contains(r#"<rect x="0" y="0" width="10" height="10"/>"#));
    }

    #[test]
    fn points_lose_repeats_and_collinear_vertices_only() {
        let svg = r#"<polyline points="0,0 0,0 5,0 10,0 10,5 10,10 3,4"/>"#;
        assert_eq!(
            simplify_points(svg),
            r#"<polyline points="0,0 10,0 10,10 3,4"/>"#
        );
    }

    #[test]
    fn polylines_become_one_path_per_run() {
        let svg = r#"<g><polyline fill="none" stroke="red" points="0,0 10,0 10,10"/><polyline fill="none" stroke="red" points="20,20 25,25"/><polygon fill="blue" points="0,0 5,0 5,5"/></g>"#;
        assert_eq!(
            as_paths(svg),
            r#"<g><path fill="none" stroke="red" d="M0 0l10 0l0 10M20 20l5 5"/><path fill="blue" d="M0 0l5 0l0 5z"/></g>"#
        );
    }

    #[test]
    fn splice_replaces_between_markers_and_repeats() {
        let page = "<body><div id=\"prerender\"><!--prerender--><!--/prerender--></div></body>";
        let once = splice(page, "<p>a</p>").unwrap();
        assert_eq!(
            once,
            "<body><div id=\"prerender\"><!--prerender--><p>a</p><!--/prerender--></div></body>"
        );
        assert_eq!(splice(&once, "<p>a</p>").unwrap(), once);
        assert!(splice("<body></body>", "x").is_none());
    }

    /// The bundled subset, drawn: both charts, their words, and every title escaped.
    #[test]
    fn bundled_default_view() {
        let root = crate::util::root();
        let bundle = decode(&std::fs::read(root.join("assets/sea.atlas")).unwrap()).unwrap();
        let world =
            WorldMap::decode(&std::fs::read(root.join("assets/world.map")).unwrap()).unwrap();
        let notes = std::fs::read_to_string(root.join("assets/annotations/myanmar.tsv")).unwrap();
        let s = snapshot(&bundle, Some(&world), &notes);
        assert!(
            s.timeline_svg[0].is_empty() && s.timeline_svg[1].is_empty(),
            "below 1200 px no timeline is drawn"
        );
        for svg in s.map_svg.iter().chain(&s.timeline_svg[2..]) {
            assert!(
                svg.starts_with("<svg viewBox="),
                "{}",
                &svg[..80.min(svg.len())]
            );
            assert!(svg.trim_end().ends_with("</svg>"));
        }
        // The map has land and arcs; the timeline has its bands and year axis.
        let subpaths = s.map_svg[1].matches(" d=\"M").count() + s.map_svg[1].matches('M').count();
        assert!(
            subpaths > 100,
            "land and arcs are drawn: {subpaths} subpaths"
        );
        // The land is one path per colour, painted first (after the background and the
        // sea), outlined with the background's hairline.
        let land = Palette::light().land.hex();
        for svg in &s.map_svg {
            let fills = svg.matches(&format!("<path fill=\"{land}\"")).count();
            assert_eq!(fills, 1, "plain land as one path");
            let first_land = svg.find(&format!("fill=\"{land}\"")).unwrap();
            let first_text = svg.find("<text").unwrap();
            assert!(first_land < first_text, "land before labels");
            assert!(svg.len() < 200_000, "{} bytes", svg.len());
        }
        assert!(s.timeline_svg[2].contains("1950") || s.timeline_svg[2].contains("1960"));
        assert!(
            s.timeline_title.contains("1950") && s.timeline_title.contains("2024"),
            "{}",
            s.timeline_title
        );
        assert!(!s.timeline_alt.is_empty() && !s.map_alt.is_empty());
        let page = html(&s);
        assert!(page.contains("Information from the SIPRI Arms Transfers Database"));
        assert!(
            page.contains("not dollars"),
            "the TIV note is on the first screen"
        );
    }
}
