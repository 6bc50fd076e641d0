//! Zooming, panning and pointing at the flow map: the zoom buttons, the wheel (when the
//! map has the focus, or with Ctrl) and a pinch zoom; dragging pans; a click or tap opens
//! the filter menu, a tap on an arc its tooltip; the keyboard steps through the places,
//! opens the menu, zooms and fits.

use atlas_core::geo::projection::Viewport;
use atlas_core::render::flowmap::{legend_reserve, world_view};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{MapView, MAX_ZOOM, MIN_ZOOM, MOUSE_SLACK, TOUCH_SLACK, ZOOM_STEP};

/// Pointers currently down on the map, for drag and pinch.
#[derive(Debug, Clone, Default)]
pub(super) struct Pointers {
    down: Vec<(i32, f64, f64)>,
    start: Option<(f64, f64)>,
    moved: bool,
    touch: bool,
}

fn world_scale(w: f64, h: f64) -> f64 {
    Viewport::world(w, h, 8.0).scale()
}

/// Zooms `vp` by `factor` around a screen point, within the allowed range.
fn zoomed(mut vp: Viewport, factor: f64, at: (f64, f64)) -> Viewport {
    let base = world_scale(vp.width(), vp.height());
    let target = (vp.scale() * factor).clamp(base * MIN_ZOOM, base * MAX_ZOOM);
    vp.zoom(target / vp.scale(), at.0, at.1);
    vp
}

impl MapView {
    /// Holds `vp` as the reader's view of the flows shown now.
    fn set_view(self, vp: Viewport) {
        let MapView { input, manual, .. } = self;
        if let Some(i) = input.get_untracked() {
            manual.set(Some((i, vp)));
        }
    }

    /// Zooms by `factor` around a screen point (the buttons: the middle of the map).
    pub(super) fn zoom_by(self, factor: f64, at: Option<(f64, f64)>) {
        let MapView { input, .. } = self;
        if let (Some(vp), Some(inp)) = (self.current_vp(), input.get_untracked()) {
            // The buttons zoom around the middle of the map above the legend's strip.
            let strip = legend_reserve(&inp, vp.width(), vp.height());
            let at = at.unwrap_or((vp.width() / 2.0, (vp.height() - strip) / 2.0));
            self.set_view(zoomed(vp, factor, at));
        }
    }

    /// Back to the framing of the flows.
    pub(super) fn fit(self) {
        self.manual.set(None);
    }

    /// The whole world.
    pub(super) fn show_world(self) {
        let MapView { input, .. } = self;
        if let (Some(vp), Some(inp)) = (self.current_vp(), input.get_untracked()) {
            self.set_view(world_view(&inp, vp.width(), vp.height()));
        }
    }

    /// A pointer goes down: remembered for a drag, a pinch or a click.
    pub(super) fn on_down(self, ev: leptos::ev::PointerEvent) {
        let MapView {
            canvas_ref,
            pointers,
            ..
        } = self;
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        if let Some(el) = canvas_ref.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            p.down.push((ev.pointer_id(), x, y));
            if p.down.len() == 1 {
                p.start = Some((x, y));
                p.moved = false;
                p.touch = ev.pointer_type() != "mouse";
            } else {
                p.moved = true;
            }
        });
    }

    /// A pointer moves: hover with no button down, else pan (one pointer) or pinch (two).
    pub(super) fn on_move(self, ev: leptos::ev::PointerEvent) {
        let MapView { tip, pointers, .. } = self;
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let id = ev.pointer_id();
        let before = pointers.with_value(|p| p.down.clone());
        let Some(prev) = before.iter().find(|d| d.0 == id).copied() else {
            // No button down: hover.
            if ev.pointer_type() == "mouse" {
                self.hover_at(x, y, MOUSE_SLACK);
            }
            return;
        };
        pointers.update_value(|p| {
            if let Some(d) = p.down.iter_mut().find(|d| d.0 == id) {
                *d = (id, x, y);
            }
            if let Some(s) = p.start {
                if (x - s.0).hypot(y - s.1) > 4.0 {
                    p.moved = true;
                }
            }
        });
        let Some(vp) = self.current_vp() else {
            return;
        };
        if before.len() >= 2 {
            // Pinch: zoom by the change in finger distance, pan by the centroid's move.
            let other = before.iter().find(|d| d.0 != id).copied().unwrap_or(prev);
            let d0 = (prev.1 - other.1).hypot(prev.2 - other.2);
            let d1 = (x - other.1).hypot(y - other.2);
            let c0 = ((prev.1 + other.1) / 2.0, (prev.2 + other.2) / 2.0);
            let c1 = ((x + other.1) / 2.0, (y + other.2) / 2.0);
            let mut v = vp;
            v.pan(c1.0 - c0.0, c1.1 - c0.1);
            if d0 > 1.0 && d1 > 1.0 {
                v = zoomed(v, d1 / d0, c1);
            }
            self.set_view(v);
        } else if pointers.with_value(|p| p.moved) {
            let mut v = vp;
            v.pan(x - prev.1, y - prev.2);
            self.set_view(v);
            if tip.get_untracked().is_some() {
                self.clear_hover();
            }
        }
    }

    /// A pointer goes up: a click (no drag) opens the menu, or on touch shows an arc's tooltip.
    pub(super) fn on_up(self, ev: leptos::ev::PointerEvent) {
        let MapView {
            canvas_ref,
            menu,
            focus,
            pointers,
            ..
        } = self;
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let (was_click, touch, last) = pointers.with_value(|p| {
            (
                !p.moved && p.down.iter().any(|d| d.0 == ev.pointer_id()),
                p.touch,
                p.down.len() == 1,
            )
        });
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            if p.down.is_empty() {
                p.start = None;
            }
        });
        if let Some(el) = canvas_ref.get_untracked() {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        if !(was_click && last) {
            return;
        }
        focus.set(None);
        // A tap on an arc shows its tooltip; anywhere else it opens the menu there.
        if touch && self.hover_at(x, y, TOUCH_SLACK) {
            menu.set(None);
            return;
        }
        self.menu_at(x, y, if touch { 8.0 } else { 2.0 });
    }

    /// The browser took the pointer over (a scroll, say): forget it.
    pub(super) fn on_cancel(self, ev: leptos::ev::PointerEvent) {
        let MapView { pointers, .. } = self;
        pointers.update_value(|p| {
            p.down.retain(|d| d.0 != ev.pointer_id());
            if p.down.is_empty() {
                p.start = None;
            }
        });
    }

    /// The mouse leaves the map: the tooltip goes.
    pub(super) fn on_leave(self, ev: leptos::ev::PointerEvent) {
        let MapView { pointers, .. } = self;
        if ev.pointer_type() == "mouse" && pointers.with_value(|p| p.down.is_empty()) {
            self.clear_hover();
        }
    }

    /// The wheel zooms only when the map has the focus (after a click on it, or Tab) or
    /// with Ctrl (which is also how trackpads report a pinch); otherwise it scrolls the
    /// page, so a reader scrolling past the map is not caught by it.
    pub(super) fn on_wheel(self, ev: leptos::ev::WheelEvent) {
        let MapView { frame_ref, .. } = self;
        let focused = frame_ref.get_untracked().is_some_and(|f| {
            document()
                .active_element()
                .is_some_and(|a| f.contains(Some(a.as_ref())))
        });
        if !(focused || ev.ctrl_key()) {
            return;
        }
        ev.prevent_default();
        let unit = match ev.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let factor = (-ev.delta_y() * unit * 0.0025).exp().clamp(0.5, 2.0);
        self.zoom_by(
            factor,
            Some((f64::from(ev.offset_x()), f64::from(ev.offset_y()))),
        );
    }

    /// Keys on the map: arrows step through the places, Enter opens the menu, `+`/`-`
    /// zoom, `0` fits, Escape closes the menu (or drops the focus and the tooltip).
    pub(super) fn on_key(self, ev: leptos::ev::KeyboardEvent) {
        let MapView {
            frame_ref,
            menu,
            focus,
            ..
        } = self;
        // Keys typed inside the menu are the menu's business.
        let from_frame = match (ev.target(), frame_ref.get_untracked()) {
            (Some(t), Some(f)) => t.dyn_ref::<web_sys::Element>() == Some(f.as_ref()),
            _ => false,
        };
        let key = ev.key();
        if key == "Escape" {
            if menu.get_untracked().is_some() {
                self.close_menu();
            } else {
                focus.set(None);
                self.clear_hover();
            }
            ev.prevent_default();
            return;
        }
        if !from_frame {
            return;
        }
        let list = self.place_order();
        let step = |d: isize| {
            if list.is_empty() {
                return;
            }
            let n = list.len() as isize;
            let i = focus
                .get_untracked()
                .and_then(|e| list.iter().position(|p| *p == e))
                .map_or(if d > 0 { 0 } else { n - 1 }, |i| {
                    (i as isize + d).rem_euclid(n)
                });
            focus.set(Some(list[i as usize]));
        };
        match key.as_str() {
            "ArrowRight" | "ArrowDown" => step(1),
            "ArrowLeft" | "ArrowUp" => step(-1),
            "Enter" | " " => {
                if let Some(e) = focus.get_untracked() {
                    self.open_menu_for(e);
                }
            }
            "+" | "=" => self.zoom_by(ZOOM_STEP, None),
            "-" | "_" => self.zoom_by(1.0 / ZOOM_STEP, None),
            "0" => self.fit(),
            _ => return,
        }
        ev.prevent_default();
    }
}
