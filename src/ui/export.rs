//! The "Download" menu of each view: PNG and SVG of the chart (the figure of
//! `atlas_core::export`, drawn by the view's own draw function), and CSV of the view's
//! numbers. The files are built in the page from the state on show and handed to the
//! browser as a Blob behind a temporary `<a download>`; nothing is uploaded.
//!
//! The PNG is the same figure drawn on an offscreen canvas at
//! [`PNG_SCALE`] × [`atlas_core::export::FIGURE_WIDTH`] (2400 pixels wide), for print.
//!
//! The menu is a button (`aria-haspopup="menu"`, `aria-expanded`) and a list of menu items:
//! Enter, Space or ArrowDown opens it on the first item, arrows, Home and End move, Escape
//! closes it and returns to the button, a click elsewhere or Tab closes it.

use atlas_core::data::register::{register_title, Column, RegisterRow, Sort};
use atlas_core::data::SeriesKey;
use atlas_core::data::{Aggregates, Bundle, Filter, PlaceTable, StackBy, YearRange};
use atlas_core::export::{
    band_label, data_words, deals_csv, draw_figure, figure_layout, figure_svg, file_name,
    filter_words, flows_csv, map_key_in, rank_panels_in, rankings_csv, series_csv, Chart,
    DealsExport, Figure, Provenance, PNG_SCALE,
};
use atlas_core::geo::Viewport;
use atlas_core::render::flowmap::{flowmap_title, off_map_note_in, omitted_note_in};
use atlas_core::render::rankings::{rankings_title, RankKey};
use atlas_core::render::text::{
    flowmap_title_in, rankings_title_in, timeline_title, timeline_title_in,
};
use atlas_core::render::{ColorMap, FlowMapInput, Palette, Rgb};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::{JsCast, JsValue};

use super::i18n::{t, tr};
use crate::state::url::{current_link, data_id};
use crate::state::{use_app_state, AppState, MapLoad, Shared, TOP_N};
use crate::{CREDIT, SIPRI_URL};

/// Font of the figures (as on the page's canvases).
const FONT: &str = "system-ui, sans-serif";

/// What an item makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
    Csv,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Csv => "csv",
        }
    }
}

/// The file made, or why not, in words.
type Made = Result<String, String>;

/// One entry of a download menu.
#[derive(Clone, Copy)]
struct Item {
    /// Key of the label in the translation tables.
    label: &'static str,
    /// Test hook suffix: `download-<view>-<id>`.
    id: &'static str,
    run: Callback<(), Made>,
}

// ---------------------------------------------------------------- browser plumbing

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

/// Hands `blob` to the browser as a download named `name`.
fn save_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| tr().t("export.err_link").to_owned())?;
    let a = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| tr().t("export.err_link").to_owned())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Give the browser time to start reading the blob before it goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

fn save_text(name: &str, mime: &str, text: &str) -> Made {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| tr().t("export.err_blob").to_owned())?;
    save_blob(&blob, name)?;
    Ok(name.to_owned())
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
    let backend = super::canvas::Canvas2d::new(&canvas)
        .ok_or_else(|| tr().t("export.err_canvas").to_owned())?;
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
    let agg = state.all_years.get_untracked()?;
    Some(ColorMap::new(&agg, TOP_N, &Palette::light()))
}

fn timeline_export(state: AppState, format: Format) -> Made {
    let (b, agg, colors) = figure_inputs(state, state.all_years)?;
    let ds = &b.dataset;
    let stack = state.stack.get_untracked();
    let filter = state.filter.get_untracked();
    let series = agg.stacked(stack, TOP_N);
    let title = timeline_title(ds, &filter, series.years, stack);
    let prov = provenance(state, &b, &filter, filter.years.unwrap_or(series.years));
    let name = file_name("timeline", ds, &filter, series.years, format.ext());
    if format == Format::Csv {
        let text = series_csv(ds, &series, stack, filter.years, &title, &prov);
        return save_text(&name, CSV_MIME, &text);
    }
    // The figure speaks the reader's language; the CSV above stays English.
    let tr = tr();
    let title = timeline_title_in(tr, ds, &filter, series.years, stack);
    let band_colors: Vec<Rgb> = series.keys.iter().map(|k| colors.key(*k)).collect();
    let legend: Vec<(String, Rgb)> = series
        .keys
        .iter()
        .zip(&band_colors)
        .map(|(k, c)| {
            let label = match k {
                SeriesKey::Category(cat) => atlas_core::i18n::capitalize(tr.category(*cat)),
                SeriesKey::Other => tr.t("timeline.other").to_owned(),
                _ => band_label(ds, *k),
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
    let palette = Palette::light();
    let fig = Figure {
        title: &title,
        subtitle: &subtitle,
        legend: &legend,
        hatched_key: true,
        provenance: &prov,
        palette: &palette,
        font: FONT,
        tr,
    };
    let chart = Chart::Timeline {
        series: &series,
        colors: &band_colors,
        selected: filter.years,
    };
    save_figure(format, &fig, &chart, name)
}

fn map_export(state: AppState, format: Format, view: Option<Viewport>) -> Made {
    let (b, agg, colors) = figure_inputs(state, state.aggregates)?;
    let ds = &b.dataset;
    let filter = state.filter.get_untracked();
    let input = FlowMapInput::build(ds, &agg, &colors, PlaceTable::builtin());
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
        hatched_key: false,
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
        hatched_key: false,
        provenance: &prov,
        palette: &palette,
        font: FONT,
        tr,
    };
    save_figure(format, &fig, &Chart::Rankings { panels: &panels }, name)
}

// ---------------------------------------------------------------- the menu

fn focus_item(menu: &web_sys::HtmlElement, pick: impl Fn(usize, Option<usize>) -> usize) {
    let items = menu.children();
    let n = items.length() as usize;
    if n == 0 {
        return;
    }
    let active = document().active_element();
    let current = (0..n).find(|&i| {
        items
            .item(i as u32)
            .zip(active.as_ref())
            .is_some_and(|(li, a)| li.contains(Some(a.as_ref())))
    });
    let target = pick(n, current).min(n - 1);
    if let Some(el) = items
        .item(target as u32)
        .and_then(|li| li.first_element_child())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A "Download" button with its menu of formats.
#[component]
fn DownloadMenu(view: &'static str, what: &'static str, items: Vec<Item>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let wrap = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Ul>::new();
    let menu_id = format!("download-{view}-menu");
    let button_id = format!("download-{view}-button");
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let open_on = move |last: bool| {
        open.set(true);
        request_animation_frame(move || {
            if let Some(m) = menu.get_untracked() {
                focus_item(&m, |n, _| if last { n - 1 } else { 0 });
            }
        });
    };
    // A press anywhere outside closes the menu.
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = match (wrap.get_untracked(), ev.target()) {
            (Some(w), Some(t)) => t
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|n| w.contains(Some(n))),
            _ => false,
        };
        if !inside {
            close(false);
        }
    });
    on_cleanup(move || outside.remove());
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "ArrowDown" => focus_item(&m, |n, c| c.map_or(0, |c| (c + 1) % n)),
            "ArrowUp" => focus_item(&m, |n, c| c.map_or(n - 1, |c| (c + n - 1) % n)),
            "Home" => focus_item(&m, |_, _| 0),
            "End" => focus_item(&m, |n, _| n - 1),
            "Escape" => {
                ev.stop_propagation();
                close(true);
            }
            "Tab" => {
                close(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    let entries = items
        .into_iter()
        .map(|it| {
            view! {
                <li role="none">
                    <button type="button" role="menuitem" tabindex="-1"
                        data-testid=format!("download-{view}-{}", it.id)
                        on:click=move |_| {
                            close(true);
                            status.set(match it.run.run(()) {
                                Ok(name) => tr().f("export.downloading", &[("name", &name)]),
                                Err(e) => tr().f("export.failed", &[("error", &e)]),
                            });
                        }>{t(it.label)}</button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="download" node_ref=wrap data-testid=format!("download-{view}")>
            <button type="button" class="download-button" node_ref=button id=button_id.clone()
                data-testid=format!("download-{view}-button")
                aria-haspopup="menu" aria-controls=menu_id.clone()
                aria-expanded=move || open.get().to_string()
                title=move || tr().f("export.download_what", &[("what", tr().t(what))])
                on:click=move |_| if open.get_untracked() { close(false) } else { open_on(false) }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                    "ArrowDown" => { ev.prevent_default(); open_on(false); }
                    "ArrowUp" => { ev.prevent_default(); open_on(true); }
                    "Escape" if open.get_untracked() => { ev.prevent_default(); close(true); }
                    _ => {}
                }>
                {t("export.download")}<span class="visually-hidden">" "{t(what)}</span>
                <span class="download-caret" aria-hidden="true">" ▾"</span>
            </button>
            <ul class="download-menu" role="menu" id=menu_id node_ref=menu
                aria-labelledby=button_id hidden=move || !open.get()
                on:keydown=on_menu_key>
                {entries}
            </ul>
            <p class="visually-hidden" role="status" data-testid=format!("download-{view}-status")>{move || status.get()}</p>
        </div>
    }
}

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
    let items = items(state, timeline_export, "export.csv_series");
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
