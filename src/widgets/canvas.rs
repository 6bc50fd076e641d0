//! Sizing a canvas for the screen's pixel density and handing plotters a backend.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle};
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

/// A plotters backend for a 2D canvas: plotters-canvas's `CanvasBackend`, with two
/// changes.
///
/// * Text is measured with the canvas's own `measureText`. plotters measures it by adding
///   a `<span>` with an inline `style` attribute to the page: the page's
///   Content-Security-Policy (`style-src 'self'`) blocks that attribute and reports a
///   violation, and the span is then measured unstyled, so the sizes were wrong as well.
/// * The context's styles (fill and stroke colour, line width, font, text alignment) are
///   set only when they change. plotters-canvas formats a colour string and hands it to
///   the context for every rectangle and line; a timeline of the full register has
///   hundreds of rectangles in a handful of colours, and that formatting and crossing
///   into JavaScript took about a third of its drawing time (sampled profile).
///
/// Rectangles, lines, paths and text (the calls a chart makes by the hundred) are drawn
/// here; circles, polygons and pixels go to plotters-canvas as before, and the cache is
/// forgotten after them. The cache lives as long as this value, which is made for one
/// drawing: code that draws on the same context directly must do it before or after,
/// never in between.
pub struct Canvas2d {
    inner: plotters_canvas::CanvasBackend,
    canvas: HtmlCanvasElement,
    ctx: web_sys::CanvasRenderingContext2d,
    fill: Option<BackendColor>,
    stroke: Option<(BackendColor, u32)>,
    font: Option<(String, f64, String)>,
    anchor: Option<(&'static str, &'static str)>,
}

type CanvasError = <plotters_canvas::CanvasBackend as DrawingBackend>::ErrorType;

/// A canvas exception as a drawing error, with its JSON as plotters-canvas reports one.
/// plotters-canvas's own error type cannot be made outside it, so this is plotters'
/// other kind of error.
fn canvas_error(e: wasm_bindgen::JsValue) -> Err {
    plotters_backend::DrawingErrorKind::FontError(Box::new(JsError(
        js_sys::JSON::stringify(&e)
            .map(String::from)
            .unwrap_or_else(|_| "unknown".to_string()),
    )))
}

/// What a canvas call threw, as text.
#[derive(Debug)]
struct JsError(String);

impl std::fmt::Display for JsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsError {}

/// The CSS colour for a plotters colour (`#rrggbb` when opaque).
fn css_color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    if c.alpha >= 1.0 {
        format!("#{r:02x}{g:02x}{b:02x}")
    } else {
        format!("rgba({r},{g},{b},{})", c.alpha)
    }
}

fn same_color(a: &BackendColor, b: &BackendColor) -> bool {
    a.rgb == b.rgb && a.alpha == b.alpha
}

impl Canvas2d {
    /// Wraps a canvas; `None` where it has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas2d> {
        use wasm_bindgen::JsCast;
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        Some(Canvas2d {
            inner: plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())?,
            canvas: canvas.clone(),
            ctx,
            fill: None,
            stroke: None,
            font: None,
            anchor: None,
        })
    }

    /// After a call to plotters-canvas, which sets styles on its own.
    fn forget_styles(&mut self) {
        (self.fill, self.stroke) = (None, None);
    }

    fn set_fill(&mut self, c: BackendColor) {
        if self.fill.as_ref().is_some_and(|f| same_color(f, &c)) {
            return;
        }
        self.ctx.set_fill_style_str(&css_color(c));
        self.fill = Some(c);
    }

    fn set_line<S: BackendStyle>(&mut self, style: &S) {
        let (c, w) = (style.color(), style.stroke_width());
        if self
            .stroke
            .as_ref()
            .is_some_and(|(sc, sw)| *sw == w && same_color(sc, &c))
        {
            return;
        }
        if self
            .stroke
            .as_ref()
            .is_none_or(|(sc, _)| !same_color(sc, &c))
        {
            self.ctx.set_stroke_style_str(&css_color(c));
        }
        if self.stroke.as_ref().is_none_or(|(_, sw)| *sw != w) {
            self.ctx.set_line_width(f64::from(w));
        }
        self.stroke = Some((c, w));
    }

    fn set_font<S: BackendTextStyle>(&mut self, style: &S) {
        let (st, size, family) = (style.style(), style.size(), style.family());
        let same = self
            .font
            .as_ref()
            .is_some_and(|(s, z, f)| s == st.as_str() && *z == size && f == family.as_str());
        if !same {
            self.ctx
                .set_font(&format!("{} {}px {}", st.as_str(), size, family.as_str()));
            self.font = Some((st.as_str().to_string(), size, family.as_str().to_string()));
        }
    }
}

type Err = plotters_backend::DrawingErrorKind<CanvasError>;

/// Lines along a pixel row or column are moved half a pixel, so that a one-pixel line
/// covers one row of pixels instead of two half-lit ones (as plotters-canvas does).
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if a.0 == b.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if a.1 == b.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), Err> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Err> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Err> {
        self.forget_styles();
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Err> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (a, b) = crisp(from, to);
        self.set_line(style);
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Err> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        if fill {
            self.set_fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.set_line(style);
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Err> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut path = path.into_iter();
        self.ctx.begin_path();
        if let Some(start) = path.next() {
            self.set_line(style);
            self.ctx.move_to(f64::from(start.0), f64::from(start.1));
            for p in path {
                self.ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
        }
        self.ctx.stroke();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Err> {
        self.forget_styles();
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Err> {
        self.forget_styles();
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Err> {
        use plotters_backend::text_anchor::{HPos, VPos};
        use plotters_backend::FontTransform;
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        } * std::f64::consts::TAU;
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if turn != 0.0 {
            self.ctx.save();
            self.ctx.translate(x, y).map_err(canvas_error)?;
            self.ctx.rotate(turn).map_err(canvas_error)?;
            (x, y) = (0.0, 0.0);
        }
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.anchor != Some((baseline, align)) {
            self.ctx.set_text_baseline(baseline);
            self.ctx.set_text_align(align);
            self.anchor = Some((baseline, align));
        }
        self.set_fill(color);
        self.set_font(style);
        let drawn = self.ctx.fill_text(text, x, y).map_err(canvas_error);
        if turn != 0.0 {
            // `restore` brings back the styles saved before the turn: forget the cache.
            self.ctx.restore();
            (self.fill, self.stroke, self.font, self.anchor) = (None, None, None, None);
        }
        drawn
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Err> {
        let size = style.size();
        // Measuring sets the font; the cache is `&self` here, so it sets it back after.
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            size,
            style.family().as_str()
        );
        self.ctx.set_font(&font);
        let width = self
            .ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        if let Some((s, z, f)) = &self.font {
            self.ctx.set_font(&format!("{s} {z}px {f}"));
        }
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
