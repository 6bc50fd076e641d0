//! Sizing a canvas for the screen's pixel density and handing plotters a backend.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Sets the canvas's backing store to its CSS size × devicePixelRatio and returns the
/// backend with that ratio (the drawing code scales its sizes by it). `None` while the
/// canvas has no size (not laid out yet).
pub fn prepare(canvas: &HtmlCanvasElement) -> Option<(Canvas2d, f64)> {
    let size = (
        f64::from(canvas.client_width()),
        f64::from(canvas.client_height()),
    );
    prepare_at(canvas, size)
}

/// [`prepare`] for a CSS size already known (from [`observed_size`]): reading
/// `clientWidth` in a draw forces the browser to lay out the page there and then, after
/// every other view's DOM update; the observer reports sizes after layout for free.
pub fn prepare_at(canvas: &HtmlCanvasElement, (w, h): (f64, f64)) -> Option<(Canvas2d, f64)> {
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
    Canvas2d::new(canvas).map(|b| (b, ratio))
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

/// plotters' canvas backend, but measuring text with the canvas's own `measureText`.
///
/// Without this, plotters measures text (axis labels, legends) by adding a `<span>` with
/// an inline `style` attribute to the page: the page's Content-Security-Policy
/// (`style-src 'self'`) blocks that attribute and reports a violation, and the span is
/// then measured unstyled, so the sizes were wrong as well. Everything else is the
/// canvas backend's own drawing.
pub struct Canvas2d {
    inner: CanvasBackend,
    ctx: Option<web_sys::CanvasRenderingContext2d>,
}

impl Canvas2d {
    /// Wraps a canvas; `None` where it has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas2d> {
        use wasm_bindgen::JsCast;
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(Canvas2d { inner, ctx })
    }
}

type Err = plotters_backend::DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for Canvas2d {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Err> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Err> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Err> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Err> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Err> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Err> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Err> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Err> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Err> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Err> {
        let size = style.size();
        let Some(ctx) = &self.ctx else {
            // No context to ask: a plain estimate (average glyph ≈ 0.6 em).
            let w = text.chars().count() as f64 * size * 0.6;
            return Ok((w.ceil() as u32, size.ceil() as u32));
        };
        ctx.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            size,
            style.family().as_str()
        ));
        let width = ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.max(0.0).ceil() as u32, size.ceil() as u32))
    }
}

/// Repaints a canvas at most once per animation frame, never inside the change that asked,
/// and not at all while it is out of view once it has been painted.
///
/// `inputs` runs in an effect: it reads (and so tracks) every signal the drawing depends
/// on and returns what the painter needs, or `None` when there is nothing to paint yet.
/// `paint` runs in the next animation frame with the latest inputs only, so a burst of
/// changes (a filter, then the colours it implies, then a resize) costs one drawing, and
/// the filter's own event handler and microtasks stay free of canvas work. A canvas below
/// the fold (`in_view` false) is painted once, so the page is whole, then waits: its
/// effect tracks only `in_view`, and it paints the state of the moment it comes into view.
///
/// While a change waits, the canvas carries `data-held` (a test hook, and a fact for any
/// script: the pixels are older than the state); once painted, `data-painted`.
pub fn paint_on_frame<T: 'static>(
    canvas: leptos::prelude::NodeRef<leptos::html::Canvas>,
    inputs: impl Fn() -> Option<T> + 'static,
    paint: impl Fn(T) + 'static,
) {
    use leptos::prelude::*;
    use std::rc::Rc;
    let in_view = crate::widgets::in_view::in_view(canvas);
    let pending = StoredValue::new_local(None::<T>);
    let painted = StoredValue::new_local(false);
    let paint = Rc::new(paint);
    let mark_held = move |held: bool| {
        if let Some(el) = canvas.get_untracked() {
            let _ = if held {
                el.set_attribute("data-held", "")
            } else {
                el.remove_attribute("data-held")
            };
        }
    };
    Effect::new(move |first: Option<()>| {
        if painted.try_get_value() == Some(true) && !in_view.get() {
            // Something the drawing reads may have changed (or the view just left the
            // screen, with nothing changed: held all the same, to be safe).
            if first.is_some() {
                mark_held(true);
            }
            return;
        }
        let Some(next) = inputs() else {
            return;
        };
        let Some(was_pending) = pending.try_update_value(|p| p.replace(next).is_some()) else {
            return;
        };
        if was_pending {
            // A frame is already asked for; it will paint these newer inputs.
            return;
        }
        let paint = Rc::clone(&paint);
        request_animation_frame(move || {
            if let Some(Some(t)) = pending.try_update_value(Option::take) {
                untrack(|| paint(t));
                if painted.try_get_value() == Some(false) {
                    if let Some(el) = canvas.get_untracked() {
                        let _ = el.set_attribute("data-painted", "");
                    }
                }
                painted.try_set_value(true);
                mark_held(false);
            }
        });
    });
}
