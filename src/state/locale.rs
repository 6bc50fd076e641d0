//! The reader's language, in context: chosen once from the `lang=` URL parameter, else
//! the first supported entry of `navigator.languages`, else English; changed by the
//! language switch (`crate::widgets::lang`, which writes `lang=` into the URL). Everything
//! else is pure (`atlas_core::text`): components ask [`tr`] for words and numbers.
//!
//! Only English is compiled into the app. The French, German and Russian tables are
//! files that `assets/boot.js` fetches (the reader's own as soon as the page starts, in
//! parallel with the wasm; another when the switch asks for it): [`table_ready`] installs
//! a table before the first paint when it has arrived, and the locale signal names the
//! language shown, so the page shows English, complete, until a table has arrived, then
//! switches in place. A table that cannot be fetched leaves the page in English.

use atlas_core::text::{install, is_available, Locale, Tr};
use atlas_core::url::query::parse_query;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

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

/// The language the reader asked for: the link's `lang=`, else the browser's languages.
pub fn wanted_locale() -> Locale {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (url, _) = parse_query(&search);
    let prefs = browser_languages();
    url.lang
        .unwrap_or_else(|| Locale::negotiate(prefs.iter().map(String::as_str)))
}

/// `boot.js`'s fetch of a language's table (`window.armsAtlasTable(tag)`, a promise of
/// its text; started at most once per language), if the page has one for `l`.
fn table_fetch(l: Locale) -> Option<js_sys::Promise> {
    let w = web_sys::window()?;
    let f = js_sys::Reflect::get(&w, &JsValue::from_str("armsAtlasTable")).ok()?;
    let f = f.dyn_into::<js_sys::Function>().ok()?;
    f.call1(&JsValue::NULL, &JsValue::from_str(l.tag()))
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Waits for the table of `l` and installs it; true when it can be shown now.
pub async fn table_ready(l: Locale) -> bool {
    if is_available(l) {
        return true;
    }
    let Some(fetch) = table_fetch(l) else {
        return false;
    };
    match wasm_bindgen_futures::JsFuture::from(fetch).await {
        Ok(text) => {
            let problems = install(l, text.as_string().unwrap_or_default());
            if !problems.is_empty() {
                leptos::logging::warn!("locales/{}.tsv: {}", l.tag(), problems.join("; "));
            }
            is_available(l)
        }
        Err(e) => {
            leptos::logging::warn!("the {} table could not be fetched: {e:?}", l.tag());
            false
        }
    }
}

/// Shows `l` once its table is there (at once if it is); until then the page stays in
/// the language it shows.
pub fn switch_to(lang: Lang, l: Locale) {
    if is_available(l) {
        lang.0.set(l);
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if table_ready(l).await {
            lang.0.set(l);
        }
    });
}

/// Chooses the locale, puts it in context and keeps `<html lang>` in step. The signal
/// holds the language shown: the wanted one if its table is there (`main` waits for it
/// before mounting), else English until it arrives.
pub fn provide_locale() -> Lang {
    let wanted = wanted_locale();
    let locale = if is_available(wanted) {
        wanted
    } else {
        Locale::En
    };
    let lang = Lang(RwSignal::new(locale));
    if locale != wanted {
        switch_to(lang, wanted);
    }
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
