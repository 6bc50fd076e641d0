//! Pointing at the timeline: hover (or tap) shows the year's breakdown, a drag across years
//! sets the year filter; the keyboard moves through the years (arrows, Home, End), Enter
//! or Space selects one, Escape hides the breakdown.

use atlas_core::analysis::filter::YearRange;

use atlas_core::model::Year;
use leptos::prelude::*;

use super::TimelineView;
use crate::state::Selection;

/// Where the pointer is: the year and the CSS-pixel position inside the canvas.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Hover {
    pub(super) year: Year,
    pub(super) x: f64,
    pub(super) y: f64,
}

impl TimelineView {
    /// The year under a CSS-pixel x, from the last drawing's layout.
    fn year_at(self, x_css: f64) -> Option<Year> {
        let TimelineView { layout, .. } = self;
        let (l, ratio) = layout.get_value()?;
        l.year_at(x_css * ratio)
    }

    /// A pointer goes down on a year: its breakdown shows, and a drag may start.
    pub(super) fn on_down(self, ev: web_sys::PointerEvent) {
        let TimelineView {
            canvas_ref,
            hover,
            drag_start,
            ..
        } = self;
        let (x, py) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        if let Some(y) = self.year_at(x) {
            // A tap shows what a hover shows.
            hover.set(Some(Hover { year: y, x, y: py }));
            drag_start.set_value(Some(y));
            if let Some(el) = canvas_ref.get() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
    }

    /// The pointer moves: the year under it shows; while dragging, the brush follows.
    pub(super) fn on_move(self, ev: web_sys::PointerEvent) {
        let TimelineView {
            state,
            hover,
            drag_start,
            brush,
            ..
        } = self;
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        match self.year_at(x) {
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
    }

    /// The pointer goes up: a drag across years sets the year filter.
    pub(super) fn on_up(self) {
        let TimelineView {
            drag_start, brush, ..
        } = self;
        if drag_start.get_value().is_some() {
            if let Some(r) = brush.get_untracked() {
                self.set_years(Some(r));
            }
        }
        drag_start.set_value(None);
        brush.set(None);
    }

    /// The mouse leaves the chart: the breakdown goes (not during a drag).
    pub(super) fn on_leave(self, ev: web_sys::PointerEvent) {
        let TimelineView {
            state,
            hover,
            drag_start,
            ..
        } = self;
        if ev.pointer_type() == "mouse" && drag_start.get_value().is_none() {
            hover.set(None);
            state.selection.set(None);
        }
    }

    /// Keys on the chart: arrows, Home and End move through the years, Enter or Space
    /// selects the year shown, Escape hides it.
    pub(super) fn on_key(self, ev: web_sys::KeyboardEvent) {
        let TimelineView {
            state,
            layout,
            hover,
            ..
        } = self;
        let Some(years) = self.span() else { return };
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
                    self.set_years(YearRange::new(i64::from(y), i64::from(y)).ok());
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
    }
}
