//! The "Download" menu of each view: PNG and SVG of the chart (the figure of
//! `atlas_core::export`, drawn by the view's own draw function), and CSV of the view's
//! numbers. The files are built in the page from the state on show and handed to the
//! browser as a Blob behind a temporary `<a download>`; nothing is uploaded.
//!
//! The PNG is the same figure drawn on an offscreen canvas at
//! [`PNG_SCALE`] × [`atlas_core::export::figure::FIGURE_WIDTH`] (2400 pixels wide), for print.
//!
//! The menu itself, and handing a file to the browser, are [`crate::widgets::download`].

use atlas_core::analysis::register::{Column, RegisterRow, Sort};

use atlas_core::analysis::aggregate::SeriesKey;
use atlas_core::analysis::aggregate::{Aggregates, StackBy};
use atlas_core::analysis::filter::{Filter, YearRange};
use atlas_core::analysis::rankings::RankKey;
use atlas_core::export::csv::{deals_csv, flows_csv, rankings_csv, series_csv, DealsExport};
use atlas_core::export::figure::{
    draw_figure, figure_layout, figure_svg, map_key_in, rank_panels_in, Chart, Figure, PNG_SCALE,
};
use atlas_core::export::words::flowmap_title;
use atlas_core::export::words::rankings_title;
use atlas_core::export::words::register_title;
use atlas_core::export::words::timeline_title;
use atlas_core::export::words::{data_words, file_name, filter_words, Provenance};
use atlas_core::geo::projection::Viewport;
use atlas_core::import::places::PlaceTable;
use atlas_core::render::flowmap::FlowMapInput;
use atlas_core::render::flowmap::{off_map_note_in, omitted_note_in};
use atlas_core::render::{ColorMap, Palette, Rgb};
use atlas_core::store::bundle::Bundle;
use atlas_core::story::annotations::{markers_words_in, Annotation};
use atlas_core::text::views::{flowmap_title_in, rankings_title_in, timeline_title_in};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::locale::tr;
use crate::state::notes::Notes;
use crate::state::url::{current_link, data_id};
use crate::state::{use_app_state, AppState, MapLoad, Shared, TOP_N};
use crate::widgets::canvas::Canvas2d;
use crate::widgets::download::{save_blob, save_text, DownloadMenu, Format, Item, Made};
use crate::{CREDIT, SIPRI_URL};

/// Font of the figures (as on the page's canvases).
const FONT: &str = "system-ui, sans-serif";

// ---------------------------------------------------------------- files

/// Today in UTC, `YYYY-MM-DD`.
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

fn provenance(state: AppState, b: &Bundle, f: &Filter, years: YearRange) -> Provenance {
    Provenance {
        credit: CREDIT.to_owned(),
        source_url: SIPRI_URL.to_owned(),
        filter: filter_words(&b.dataset, f, years),
        link: current_link(state),
        data: data_words(b, &data_id(state, b)),
        generated: today(),
    }
}

/// Draws the figure on an offscreen canvas at print resolution and downloads it as PNG.
fn save_png(fig: &Figure<'_>, chart: &Chart<'_>, name: String) -> Made {
    let lay = figure_layout(fig, chart);
    let canvas = document()
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or_else(|| tr().t("export.err_canvas").to_owned())?;
    canvas.set_width((lay.width * PNG_SCALE).round() as u32);
    canvas.set_height((lay.height * PNG_SCALE).round() as u32);
    let backend = Canvas2d::new(&canvas).ok_or_else(|| tr().t("export.err_canvas").to_owned())?;
    draw_figure(&backend.into_drawing_area(), fig, chart, PNG_SCALE)
        .map_err(|e| tr().f("export.err_draw", &[("error", &format!("{e:?}"))]))?;
    let file = name.clone();
    let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| match blob
        .dyn_into::<web_sys::Blob>(
    ) {
        Ok(b) => {
            if let Err(e) = save_blob(&b, &file) {
                leptos::logging::warn!("PNG download failed: {e}");
            }
        }
        Err(_) => leptos::logging::warn!("the canvas could not be encoded as PNG"),
    });
    canvas
        .to_blob(done.unchecked_ref())
        .map_err(|_| tr().t("export.err_png").to_owned())?;
    Ok(name)
}

fn save_figure(format: Format, fig: &Figure<'_>, chart: &Chart<'_>, name: String) -> Made {
    match format {
        Format::Png => save_png(fig, chart, name),
        _ => save_text(&name, "image/svg+xml", &figure_svg(fig, chart)),
    }
}

const CSV_MIME: &str = "text/csv;charset=utf-8";

// ---------------------------------------------------------------- the views' exports

/// Series colours for a printed figure: the same assignment as on screen (from the
/// all-years ranking), but from the light palette whatever the screen's theme, because
/// figures are printed on white (a dark-mode export used to get the dark theme's colours).
/// What every figure export needs: the data, the numbers it draws (`agg`) and the series
/// colours, or the message that the data is not there yet.
fn figure_inputs(
    state: AppState,
    agg: Memo<Option<Shared<Aggregates>>>,
) -> Result<(Shared<Bundle>, Shared<Aggregates>, ColorMap), String> {
    let not_ready = || tr().t("export.not_ready").to_owned();
    let b = state.bundle().ok_or_else(not_ready)?;
    let agg = agg.get_untracked().ok_or_else(not_ready)?;
    let colors = print_colors(state).ok_or_else(not_ready)?;
    Ok((b, agg, colors))
}

fn print_colors(state: AppState) -> Option<ColorMap> {
    let ranks = state.colour_ranks.get_untracked()?;
    let agg = state.all_years.get_untracked()?;
    Some(ColorMap::new(&ranks, &agg, TOP_N, &Palette::light()))
}

fn timeline_export(state: AppState, notes: Option<Notes>, format: Format) -> Made {
    let (b, agg, colors) = figure_inputs(state, state.all_years)?;
    let ds = &b.dataset;
    let stack = state.stack.get_untracked();
    let filter = state.filter.get_untracked();
    let series = agg.stacked(stack, TOP_N);
    let title = timeline_title(ds, &filter, series.years, stack);
    let prov = provenance(state, &b, &filter, filter.years.unwrap_or(series.years));
    // Named by the years selected (the chart draws every year and shades those).
    let name = file_name(
        "timeline",
        ds,
        &filter,
        filter.years.unwrap_or(series.years),
        format.ext(),
    );
    if format == Format::Csv {
        let text = series_csv(ds, &series, stack, filter.years, &title, &prov);
        return save_text(&name, CSV_MIME, &text);
    }
    // The figure speaks the reader's language; the CSV above stays English.
    let tr = tr();
    let title = timeline_title_in(tr, ds, &filter, series.years, stack);
    let band_colors: Vec<Rgb> = series.keys.iter().map(|k| colors.key(stack, *k)).collect();
    let legend: Vec<(String, Rgb)> = series
        .keys
        .iter()
        .zip(&band_colors)
        .map(|(k, c)| {
            let label = match k {
                SeriesKey::Category(cat) => atlas_core::text::capitalize(tr.category(*cat)),
                SeriesKey::Other => tr.t("timeline.other").to_owned(),
                SeriesKey::Entity(e) => tr.entity(ds, *e).to_owned(),
            };
            (label, *c)
        })
        .collect();
    let by = match stack {
        StackBy::Supplier => tr.t("by.supplier"),
        StackBy::Recipient => tr.t("by.recipient"),
        StackBy::Category => tr.t("by.category"),
    };
    let mut subtitle = tr.f("export.timeline_sub", &[("by", by)]);
    if let Some(r) = filter.years {
        subtitle.push(' ');
        subtitle.push_str(&tr.f(
            "export.timeline_shaded",
            &[("years", &tr.years(r.from(), r.to()))],
        ));
    }
    // The markers the page draws for this filter (those in the plotted years), drawn
    // the same way, and named with their sources as the list under the page's chart does.
    let marks: Vec<Annotation> = notes
        .map(|n| untrack(|| n.applicable(state)))
        .unwrap_or_default()
        .into_iter()
        .filter(|a| series.years.contains(a.date.year))
        .collect();
    if let Some(words) = markers_words_in(tr, &marks) {
        subtitle.push(' ');
        subtitle.push_str(&words);
    }
    let palette = Palette::light();
    let fig = Figure {
        title: &title,
        subtitle: &subtitle,
        legend: &legend,
        provenance: &prov,
        palette: &palette,
        font: FONT,
        tr,
    };
    let chart = Chart::Timeline {
        series: &series,
        colors: &band_colors,
        selected: filter.years,
        notes: &marks,
    };
    save_figure(format, &fig, &chart, name)
}

fn map_export(state: AppState, format: Format, view: Option<Viewport>) -> Made {
    let (b, agg, colors) = figure_inputs(state, state.aggregates)?;
    let ds = &b.dataset;
    let filter = state.filter.get_untracked();
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin())
        .outline_suppliers(&filter.suppliers);
    let title = flowmap_title(ds, &filter, agg.years);
    let prov = provenance(state, &b, &filter, agg.years);
    let name = file_name("map", ds, &filter, agg.years, format.ext());
    if format == Format::Csv {
        return save_text(&name, CSV_MIME, &flows_csv(ds, &agg, &input, &title, &prov));
    }
    let world = match state.map.get_untracked() {
        MapLoad::Ready(m) => Some(m),
        MapLoad::Loading => return Err(tr().t("export.map_loading").to_owned()),
        MapLoad::Failed(_) => None,
    };
    let palette = Palette::light();
    let tr = tr();
    let title = flowmap_title_in(tr, ds, &filter, agg.years);
    let key = map_key_in(tr, ds, &input, &palette);
    let mut subtitle = tr.t("export.map_sub").to_owned();
    for note in off_map_note_in(tr, ds, &input)
        .into_iter()
        .chain(omitted_note_in(tr, &input))
    {
        subtitle.push(' ');
        subtitle.push_str(&note);
    }
    subtitle.push(' ');
    subtitle.push_str(if world.is_some() {
        tr.t("export.map_source")
    } else {
        tr.t("export.map_no_land")
    });
    let fig = Figure {
        title: &title,
        subtitle: &subtitle,
        legend: &key,
        provenance: &prov,
        palette: &palette,
        font: FONT,
        tr,
    };
    let chart = Chart::FlowMap {
        input: &input,
        world: world.as_deref(),
        view,
    };
    save_figure(format, &fig, &chart, name)
}

fn rankings_export(state: AppState, format: Format) -> Made {
    let (b, agg, colors) = figure_inputs(state, state.aggregates)?;
    let ds = &b.dataset;
    let filter = state.filter.get_untracked();
    let title = rankings_title(ds, &filter, agg.years);
    let prov = provenance(state, &b, &filter, agg.years);
    let name = file_name("rankings", ds, &filter, agg.years, format.ext());
    if format == Format::Csv {
        return save_text(&name, CSV_MIME, &rankings_csv(ds, &agg, &title, &prov));
    }
    // Figures are printed on white: the light palette, whatever the screen's theme.
    let palette = Palette::light();
    let tr = tr();
    let title = rankings_title_in(tr, ds, &filter, agg.years);
    let panels = rank_panels_in(tr, ds, &agg, |e| match e.key {
        RankKey::Supplier(s) => colors.supplier(s),
        _ => palette.neutral,
    });
    let subtitle = tr.t("export.rankings_sub");
    let fig = Figure {
        title: &title,
        subtitle,
        legend: &[],
        provenance: &prov,
        palette: &palette,
        font: FONT,
        tr,
    };
    save_figure(format, &fig, &Chart::Rankings { panels: &panels }, name)
}

// ---------------------------------------------------------------- the menus

fn items(
    state: AppState,
    run: impl Fn(AppState, Format) -> Made + Copy + Send + Sync + 'static,
    csv_label: &'static str,
) -> Vec<Item> {
    [
        (Format::Png, "export.png", "png"),
        (Format::Svg, "export.svg", "svg"),
        (Format::Csv, csv_label, "csv"),
    ]
    .into_iter()
    .map(|(f, label, id)| Item {
        label,
        id,
        run: Callback::new(move |()| run(state, f)),
    })
    .collect()
}

/// The timeline's downloads: the figure, and the per-year series as CSV.
#[component]
pub fn TimelineDownloads() -> impl IntoView {
    let state = use_app_state();
    let notes = use_context::<Notes>();
    let items = items(
        state,
        move |s, f| timeline_export(s, notes, f),
        "export.csv_series",
    );
    view! { <DownloadMenu view="timeline" what="export.what_timeline" items/> }
}

/// The rankings' downloads: the figure (top ten of each), and every entry as CSV.
#[component]
pub fn RankingsDownloads() -> impl IntoView {
    let state = use_app_state();
    let items = items(state, rankings_export, "export.csv_rankings");
    view! { <DownloadMenu view="rankings" what="export.what_rankings" items/> }
}

/// The map's downloads: the figure (the area on screen when the reader zoomed, else the
/// flows framed), and the flows as CSV.
#[component]
pub fn MapDownloads(
    /// The viewport the reader zoomed or panned to, if any.
    #[prop(into)]
    view: Signal<Option<Viewport>>,
) -> impl IntoView {
    let state = use_app_state();
    let items = [
        (Format::Png, "export.png", "png"),
        (Format::Svg, "export.svg", "svg"),
        (Format::Csv, "export.csv_flows", "csv"),
    ]
    .into_iter()
    .map(|(f, label, id)| Item {
        label,
        id,
        run: Callback::new(move |()| map_export(state, f, view.get_untracked())),
    })
    .collect();
    view! { <DownloadMenu view="map" what="export.what_map" items/> }
}

/// The register's download: the deals shown — same rows, order and columns — as CSV.
#[component]
pub fn RegisterDownloads(
    #[prop(into)] rows: Signal<Shared<Vec<RegisterRow>>>,
    /// The rows shown, in order (sort, then search): indices into `rows`.
    #[prop(into)]
    order: Signal<Shared<Vec<usize>>>,
    #[prop(into)] sort: Signal<Sort>,
    #[prop(into)] search: Signal<String>,
    columns: Vec<Column>,
) -> impl IntoView {
    let state = use_app_state();
    let columns = StoredValue::new(columns);
    let run = move |()| -> Made {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get_untracked()) else {
            return Err(tr().t("export.not_ready").to_owned());
        };
        let ds = &b.dataset;
        let filter = state.filter.get_untracked();
        let (rows, order) = (rows.get_untracked(), order.get_untracked());
        let query = search.get_untracked();
        let title = register_title(ds, &filter, agg.years);
        let prov = provenance(state, &b, &filter, agg.years);
        let text = columns.with_value(|cols| {
            deals_csv(
                ds,
                &DealsExport {
                    rows: &rows,
                    order: &order,
                    columns: cols,
                    sort: sort.get_untracked(),
                    search: &query,
                },
                &title,
                &prov,
            )
        });
        save_text(
            &file_name("register", ds, &filter, agg.years, "csv"),
            CSV_MIME,
            &text,
        )
    };
    let items = vec![Item {
        label: "export.csv_deals",
        id: "csv",
        run: Callback::new(run),
    }];
    view! { <DownloadMenu view="register" what="export.what_deals" items/> }
}
