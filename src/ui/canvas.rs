//! Sizing a canvas for the screen's pixel density and handing plotters a backend.

use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Sets the canvas's backing store to its CSS size × devicePixelRatio and returns the
/// backend with that ratio (the drawing code scales its sizes by it). `None` while the
/// canvas has no size (not laid out yet).
pub fn prepare(canvas: &HtmlCanvasElement) -> Option<(CanvasBackend, f64)> {
    let size = (
        f64::from(canvas.client_width()),
        f64::from(canvas.client_height()),
    );
    prepare_at(canvas, size)
}

/// [`prepare`] for a CSS size already known (from [`observed_size`]): reading
/// `clientWidth` in a draw forces the browser to lay out the page there and then, after
/// every other view's DOM update; the observer reports sizes after layout for free.
pub fn prepare_at(canvas: &HtmlCanvasElement, (w, h): (f64, f64)) -> Option<(CanvasBackend, f64)> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    if w < 1.0 || h < 1.0 {
        return None;
    }
    let (pw, ph) = ((w * ratio).round() as u32, (h * ratio).round() as u32);
    if canvas.width() != pw {
        canvas.set_width(pw);
    }
    if canvas.height() != ph {
        canvas.set_height(ph);
    }
    CanvasBackend::with_canvas_object(canvas.clone()).map(|b| (b, ratio))
}

/// The canvas's CSS size in whole pixels, as a signal kept current by a
/// `ResizeObserver` (element resizes, not only window resizes), `(0, 0)` until the first
/// report. Draw effects track it instead of measuring, so no draw forces a layout.
pub fn observed_size(
    node: leptos::prelude::NodeRef<leptos::html::Canvas>,
) -> leptos::prelude::RwSignal<(f64, f64)> {
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let size = RwSignal::new((0.0f64, 0.0f64));
    node.on_load(move |el: HtmlCanvasElement| {
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .ok()
            else {
                return;
            };
            let r = entry.content_rect();
            let s = (r.width().round(), r.height().round());
            if size.try_get_untracked() != Some(s) {
                let _ = size.try_set(s);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            // No ResizeObserver (very old browsers): measure once.
            let _ = size.try_set((f64::from(el.client_width()), f64::from(el.client_height())));
            return;
        };
        observer.observe(&el);
        on_resize.forget();
        let observer = send_wrapper::SendWrapper::new(observer);
        on_cleanup(move || observer.disconnect());
    });
    size
}
