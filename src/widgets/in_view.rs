//! Whether a view is on the screen, so that views below the fold can leave a filter
//! change alone until the reader gets to them.
//!
//! A filter change then costs the work of what the reader sees, not of the whole page:
//! the canvases and lists out of view update when they come into view (an
//! `IntersectionObserver` says when, before they are painted). Their words for screen
//! readers, their exports and the permalink never wait: they read the state itself.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Whether the element is in (or within a short scroll of) the viewport, kept live by an
/// `IntersectionObserver`. `true` until the first report, and always where the browser
/// has no observer, so that nothing waits for a report that never comes.
pub fn in_view<E>(node: NodeRef<E>) -> Signal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let seen = RwSignal::new(true);
    node.on_load(move |el: E::Output| {
        let el: web_sys::Element = el.unchecked_into();
        let report = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // Several reports may come at once: the last one is the current state.
            let last = entries.iter().last();
            let Some(entry) =
                last.and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            else {
                return;
            };
            let now = entry.is_intersecting();
            if seen.try_get_untracked() != Some(now) {
                let _ = seen.try_set(now);
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        // A little ahead of the scroll, so a view is usually up to date before it shows.
        init.set_root_margin(MARGIN);
        let Ok(observer) =
            web_sys::IntersectionObserver::new_with_options(report.as_ref().unchecked_ref(), &init)
        else {
            return;
        };
        observer.observe(&el);
        report.forget();
        let observer = send_wrapper::SendWrapper::new(observer);
        on_cleanup(move || observer.disconnect());
    });
    seen.into()
}

/// How far beyond the viewport's edges a view counts as in view: a quarter screen, so
/// the view just below the fold (the timeline under the map on a laptop) follows every
/// change and is current when the reader scrolls a little.
const MARGIN: &str = "25% 0px 25% 0px";

/// A memo of `compute` that, while `in_view` is false, keeps the value it last computed
/// instead of following the filter; it computes again when the view comes into view, and
/// always for a newly loaded dataset (a value built from another dataset's ids must never
/// meet the new one).
///
/// The second signal is true while the value may be older than the state (it was held
/// at least once since it was computed): views show it as `data-held`, a test hook.
pub fn held_out_of_view<T>(
    in_view: Signal<bool>,
    compute: impl Fn() -> T + Send + Sync + 'static,
) -> (Memo<T>, Signal<bool>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let state = crate::state::use_app_state();
    let built_for = StoredValue::new(None::<usize>);
    let held = RwSignal::new(false);
    let memo = Memo::new(move |prev: Option<&T>| {
        let data = crate::state::data_key(state);
        if let Some(p) = prev {
            if built_for.get_value() == data && !in_view.get() {
                if !held.get_untracked() {
                    held.set(true);
                }
                return p.clone();
            }
        }
        built_for.set_value(data);
        if held.get_untracked() {
            held.set(false);
        }
        compute()
    });
    (memo, held.into())
}
