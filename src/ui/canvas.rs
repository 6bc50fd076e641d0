//! Sizing a canvas for the screen's pixel density and handing plotters a backend.

use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Sets the canvas's backing store to its CSS size × devicePixelRatio and returns the
/// backend with that ratio (the drawing code scales its sizes by it). `None` while the
/// canvas has no size (not laid out yet).
pub fn prepare(canvas: &HtmlCanvasElement) -> Option<(CanvasBackend, f64)> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    let (pw, ph) = (
        (f64::from(w) * ratio).round() as u32,
        (f64::from(h) * ratio).round() as u32,
    );
    if canvas.width() != pw {
        canvas.set_width(pw);
    }
    if canvas.height() != ph {
        canvas.set_height(ph);
    }
    CanvasBackend::with_canvas_object(canvas.clone()).map(|b| (b, ratio))
}

/// A counter that ticks on every window resize, for canvas effects to track so they
/// redraw at the new size. The listener goes away with the calling component.
pub fn resize_tick() -> leptos::prelude::RwSignal<u32> {
    use leptos::prelude::*;
    let tick = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| tick.update(|t| *t += 1));
    on_cleanup(move || handle.remove());
    tick
}
