//! The reader's language, in context: chosen once from the `lang=` URL parameter, else
//! the first supported entry of `navigator.languages`, else English; changed by the
//! language switch (`crate::widgets::lang`, which writes `lang=` into the URL). Everything
//! else is pure (`atlas_core::text`): components ask [`tr`] for words and numbers.

use atlas_core::text::{Locale, Tr};
use atlas_core::url::query::parse_query;
use leptos::prelude::*;

/// The locale signal in context.
#[derive(Clone, Copy)]
pub struct Lang(pub RwSignal<Locale>);

thread_local! {
    /// The app's locale for code that runs outside the component tree, where the context
    /// cannot be reached: timer and animation-frame callbacks, plain DOM listeners. Kept
    /// equal to the signal by [`provide_locale`].
    static OUTSIDE: std::cell::Cell<Locale> = const { std::cell::Cell::new(Locale::En) };
}

fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut v: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    if v.is_empty() {
        v.extend(nav.language());
    }
    v
}

/// Chooses the locale, puts it in context and keeps `<html lang>` in step.
pub fn provide_locale() -> Lang {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (url, _) = parse_query(&search);
    let prefs = browser_languages();
    let locale = url
        .lang
        .unwrap_or_else(|| Locale::negotiate(prefs.iter().map(String::as_str)));
    let lang = Lang(RwSignal::new(locale));
    OUTSIDE.with(|o| o.set(locale));
    Effect::new(move |_| {
        let l = lang.0.get();
        OUTSIDE.with(|o| o.set(l));
        let tag = l.tag();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", tag);
        }
    });
    provide_context(lang);
    lang
}

/// Words and numbers in the current locale. Reading it inside a closure tracks the
/// locale. Outside the component tree (a timeout, an animation frame, a DOM listener) it
/// is the app's locale all the same; English where no app chose one (tests that mount
/// one component).
pub fn tr() -> Tr {
    use_context::<Lang>().map_or_else(
        || Tr::new(OUTSIDE.with(std::cell::Cell::get)),
        |l| Tr::new(l.0.get()),
    )
}

/// The text of a key in the current locale, as a reactive view.
pub fn t(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || tr().t(key)
}
