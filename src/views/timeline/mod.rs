//! The timeline view: TIV delivered per year over every year, stacked by supplier or
//! category, with the selected years shaded. Drawn on a canvas by
//! `atlas_core::render::draw_timeline` (the same function renders SVG in tests).
//!
//! Pointer: hover (or tap) shows the year's exact breakdown; drag across years sets the
//! year filter. Keyboard: the chart is focusable; arrows move through years, Enter
//! selects the year, Escape hides the breakdown. Play steps the year filter through the
//! years for the other views; with `prefers-reduced-motion` it does not auto-advance and
//! the step buttons remain.

use atlas_core::data::{Filter, SeriesKey, StackBy, Year, YearRange};
use atlas_core::render::text::{timeline_alt, timeline_summary, timeline_title_in};
use atlas_core::render::{draw_timeline_annotated, Palette, Rgb, TimelineLayout, TimelineOptions};
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;

use crate::state::locale::{t, tr};
use crate::state::notes::Notes;
use crate::state::perf;
use crate::state::{use_app_state, Selection, Shared, TOP_N};
use crate::views::export::TimelineDownloads;
use crate::widgets::canvas;
use annotations::AnnotationList;

pub mod annotations;

/// A band's label and colour.
#[derive(Clone, PartialEq)]
struct Band {
    label: String,
    color: Rgb,
}

/// Where the pointer is: the year and the CSS-pixel position inside the canvas.
#[derive(Clone, Copy, PartialEq)]
struct Hover {
    year: Year,
    x: f64,
    y: f64,
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The timeline with its title, controls, legend, tooltip and summary.
#[component]
pub fn Timeline() -> impl IntoView {
    let state = use_app_state();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let canvas_size = canvas::observed_size(canvas_ref);
    let layout = StoredValue::new(None::<(TimelineLayout, f64)>);
    let hover = RwSignal::new(None::<Hover>);
    let drag_start = StoredValue::new(None::<Year>);
    let brush = RwSignal::new(None::<YearRange>);
    let playing = RwSignal::new(false);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let no_autoplay = reduced_motion();
    let notes = use_context::<Notes>();

    let series = Memo::new(move |_| {
        let agg = state.all_years.get()?;
        Some(Shared(std::sync::Arc::new(
            agg.stacked(state.stack.get(), TOP_N),
        )))
    });
    let legend = Memo::new(move |_| {
        let (Some(s), Some(b), Some(colors)) = (series.get(), state.bundle(), state.colors.get())
        else {
            return Vec::new();
        };
        s.keys
            .iter()
            .map(|k| Band {
                label: match k {
                    SeriesKey::Entity(e) => b.dataset.entity(*e).label().to_owned(),
                    SeriesKey::Category(c) => atlas_core::i18n::capitalize(tr().category(*c)),
                    SeriesKey::Other => tr().t("timeline.other").to_owned(),
                },
                color: colors.key(*k),
            })
            .collect::<Vec<_>>()
    });
    let span = move || series.get().map(|s| s.years);
    let title = move || {
        let (Some(b), Some(years)) = (state.bundle(), span()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| timeline_title_in(tr(), &b.dataset, f, years, state.stack.get()))
    };
    let summary = move || {
        let agg = state.aggregates.get()?;
        let shaded = state.filter.with(|f| f.years.is_some());
        Some(timeline_summary(tr(), &agg, shaded))
    };

    // Drawing: an Effect, the bridge to the canvas.
    Effect::new(move |_| {
        let css_size = canvas_size.get();
        let (Some(el), Some(s)) = (canvas_ref.get(), series.get()) else {
            return;
        };
        let bands = legend.get();
        // Legend hover wins; otherwise a supplier pointed at in another view.
        let highlight = state.highlight.get().or_else(|| {
            let e = match state.selection.get()? {
                Selection::Supplier(e) | Selection::Flow(e, _) => e,
                _ => return None,
            };
            s.keys.iter().position(|k| *k == SeriesKey::Entity(e))
        });
        let selected = brush.get().or(state.filter.with(|f| f.years));
        let Some((backend, ratio)) = canvas::prepare_at(&el, css_size) else {
            return;
        };
        perf::mark("atlas:draw:timeline:start");
        let colors: Vec<Rgb> = bands.iter().map(|b| b.color).collect();
        let palette: Palette = state.scheme.get().palette();
        let opts = TimelineOptions {
            colors: &colors,
            palette: &palette,
            font: "system-ui, sans-serif",
            scale: ratio,
            selected,
            highlight,
            empty_message: tr().t("alt.empty"),
            tr: tr(),
        };
        let root = backend.into_drawing_area();
        let marks = notes.map(|n| n.applicable(state)).unwrap_or_default();
        let marks: Vec<_> = marks.iter().collect();
        match draw_timeline_annotated(&root, &s, &opts, &marks) {
            Ok(l) => layout.set_value(Some((l, ratio))),
            Err(e) => leptos::logging::warn!("timeline drawing failed: {e:?}"),
        }
        perf::measure("atlas:draw:timeline", "atlas:draw:timeline:start");
        perf::mark_once("atlas:first-chart");
    });

    let year_at = move |x_css: f64| -> Option<Year> {
        let (l, ratio) = layout.get_value()?;
        l.year_at(x_css * ratio)
    };
    let set_years = move |r: Option<YearRange>| {
        let whole = span();
        state
            .filter
            .update(|f| f.years = r.filter(|r| Some(*r) != whole));
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        let (x, py) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        if let Some(y) = year_at(x) {
            // A tap shows what a hover shows.
            hover.set(Some(Hover { year: y, x, y: py }));
            drag_start.set_value(Some(y));
            if let Some(el) = canvas_ref.get() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        match year_at(x) {
            Some(year) => {
                hover.set(Some(Hover { year, x, y }));
                state.selection.set(Some(Selection::Year(year)));
                if let Some(start) = drag_start.get_value() {
                    if start != year {
                        brush.set(Some(
                            YearRange::new(i64::from(start.min(year)), i64::from(start.max(year)))
                                .expect("years from the plotted range"),
                        ));
                    }
                }
            }
            None => hover.set(None),
        }
    };
    let on_up = move |_ev: web_sys::PointerEvent| {
        if drag_start.get_value().is_some() {
            if let Some(r) = brush.get_untracked() {
                set_years(Some(r));
            }
        }
        drag_start.set_value(None);
        brush.set(None);
    };
    let on_leave = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && drag_start.get_value().is_none() {
            hover.set(None);
            state.selection.set(None);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(years) = span() else { return };
        let current = hover.get_untracked().map(|h| h.year);
        let step = |d: i32| {
            // Home and End jump to the ends; arrows step from the year shown (or start at
            // the near end).
            let base = if d.abs() >= 10_000 {
                if d > 0 {
                    years.to()
                } else {
                    years.from()
                }
            } else {
                current.map_or(if d > 0 { years.from() } else { years.to() }, |y| {
                    (i32::from(y) + d).clamp(i32::from(years.from()), i32::from(years.to())) as Year
                })
            };
            let x = layout.get_value().map_or(0.0, |(l, r)| l.x_of(base) / r);
            hover.set(Some(Hover {
                year: base,
                x,
                y: 40.0,
            }));
            state.selection.set(Some(Selection::Year(base)));
        };
        match ev.key().as_str() {
            "ArrowRight" => step(1),
            "ArrowLeft" => step(-1),
            "Home" => step(-10_000),
            "End" => step(10_000),
            "Enter" | " " => {
                if let Some(y) = current {
                    set_years(YearRange::new(i64::from(y), i64::from(y)).ok());
                }
            }
            "Escape" => {
                hover.set(None);
                state.selection.set(None);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };

    // Stepping and playing through single years.
    let step_year = move |d: i32| -> bool {
        let Some(years) = span() else { return false };
        let current = state
            .filter
            .with_untracked(|f| f.years.filter(|r| r.from() == r.to()));
        let next = match current {
            Some(r) => i32::from(r.from()) + d,
            None if d > 0 => i32::from(years.from()),
            None => i32::from(years.to()),
        };
        if next < i32::from(years.from()) || next > i32::from(years.to()) {
            return false;
        }
        set_years(YearRange::new(i64::from(next), i64::from(next)).ok());
        true
    };
    let stop = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    on_cleanup(stop);
    let toggle_play = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        let at_end =
            state.filter.with_untracked(|f| f.years.map(|r| r.to())) == span().map(|s| s.to());
        if at_end {
            state.filter.update(|f| f.years = None);
        }
        step_year(1);
        playing.set(true);
        if let Ok(h) = set_interval_with_handle(
            move || {
                if !step_year(1) {
                    stop();
                }
            },
            std::time::Duration::from_millis(900),
        ) {
            timer.set_value(Some(h));
        }
    };

    let tooltip = move || {
        let h = hover.get()?;
        let s = series.get()?;
        let i = usize::from(h.year.checked_sub(s.years.from())?);
        let bands = legend.get();
        let rows = s.breakdown(i);
        let total = s.year_total(i);
        let width = canvas_ref
            .get()
            .map_or(400.0, |c| f64::from(c.client_width()));
        let left = if h.x > width / 2.0 {
            h.x - 228.0
        } else {
            h.x + 16.0
        }
        .max(0.0);
        Some(view! {
            <div class="chart-tooltip" data-testid="timeline-tooltip" role="status"
                style:left=format!("{left:.0}px") style:top=format!("{:.0}px", (h.y - 10.0).max(0.0))>
                <p class="tt-head"><strong>{h.year}</strong>" · "{tr().tiv(total)}" TIV"</p>
                {if rows.is_empty() {
                    view! { <p>{tr().t("timeline.no_deliveries")}</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <tbody>
                                {rows.into_iter().map(|(k, t, est)| {
                                    let b = bands.get(k).cloned();
                                    let (label, color) = b.map_or(("?".to_owned(), Rgb(128, 128, 128)), |b| (b.label, b.color));
                                    view! {
                                        <tr>
                                            <td><svg class="swatch" width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill=color.hex()/></svg></td>
                                            <td>{label}</td>
                                            <td class="num">{tr().tiv(t)}{(est.0 > 0).then_some(" ≈")}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </div>
        })
    };

    let alt = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| timeline_alt(tr(), &b.dataset, f, &agg, state.stack.get()))
    };
    view! {
        <section class="view timeline" aria-labelledby="timeline-title" data-testid="view-timeline">
            <div class="view-head">
                <h2 id="timeline-title" data-testid="timeline-title">{title}</h2>
                <div class="toggle" role="group" aria-label=t("timeline.stack_by")>
                    <button type="button" data-testid="stack-supplier"
                        aria-pressed=move || (state.stack.get() == StackBy::Supplier).to_string()
                        on:click=move |_| state.stack.set(StackBy::Supplier)>{t("timeline.by_supplier")}</button>
                    <button type="button" data-testid="stack-category"
                        aria-pressed=move || (state.stack.get() == StackBy::Category).to_string()
                        on:click=move |_| state.stack.set(StackBy::Category)>{t("timeline.by_category")}</button>
                </div>
                <TimelineDownloads/>
            </div>
            <p class="summary" data-testid="timeline-summary">{summary}</p>
            <div class="chart-wrap">
                <canvas node_ref=canvas_ref class="chart-canvas" data-testid="timeline-canvas"
                    tabindex="0" role="img" aria-label=alt
                    on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
                    on:pointercancel=move |_| { drag_start.set_value(None); brush.set(None); }
                    on:pointerleave=on_leave on:keydown=on_key
                    on:blur=move |_| hover.set(None)></canvas>
                {tooltip}
            </div>
            <div class="timeline-controls">
                <button type="button" data-testid="timeline-prev" aria-label=t("timeline.prev")
                    on:click=move |_| { stop(); step_year(-1); }>"◀"</button>
                {(!no_autoplay).then(|| view! {
                    <button type="button" data-testid="timeline-play" aria-pressed=move || playing.get().to_string()
                        on:click=toggle_play>{move || if playing.get() { tr().t("timeline.pause") } else { tr().t("timeline.play") }}</button>
                })}
                <button type="button" data-testid="timeline-next" aria-label=t("timeline.next")
                    on:click=move |_| { stop(); step_year(1); }>"▶"</button>
                <button type="button" data-testid="timeline-all-years"
                    disabled=move || state.filter.with(|f| f.years.is_none())
                    on:click=move |_| { stop(); state.filter.update(|f: &mut Filter| f.years = None); }>{t("timeline.all_years")}</button>
                <span class="hint">{t("timeline.drag_hint")}</span>
            </div>
            <ul class="legend" data-testid="timeline-legend" aria-label=t("timeline.legend")>
                <For each=move || legend.get().into_iter().enumerate()
                    key=|(i, b)| (*i, b.label.clone(), b.color)
                    children=move |(i, b)| view! {
                        <li on:mouseenter=move |_| state.highlight.set(Some(i))
                            on:mouseleave=move |_| state.highlight.set(None)>
                            <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                                <rect width="12" height="12" rx="2" fill=b.color.hex()/>
                            </svg>
                            {b.label.clone()}
                        </li>
                    }/>
                <li class="legend-estimate">
                    <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                        <rect class="est-swatch-fill" width="12" height="12" rx="2"/>
                        <path class="est-swatch-hatch" d="M0 12L12 0M-3 3L3 -3M9 15L15 9M0 6L6 0M6 12L12 6" stroke-width="1.2"/>
                    </svg>
                    {t("timeline.estimate")}
                </li>
            </ul>
            <p class="view-note">{t("timeline.note")}" " {move || state.bundle().map(|b| atlas_core::data::user::meta_words_in(tr(), &b.meta.title, &b.meta.note).1)}</p>
            <AnnotationList/>
        </section>
    }
}
