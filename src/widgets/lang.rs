//! The language switch in the masthead. The locale itself (chosen at start, kept in
//! context, asked for with `tr()`) is state: [`crate::state::locale`].

use atlas_core::text::Locale;
use atlas_core::url::query::with_lang;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::locale::{switch_to, t, Lang};

fn set_url_lang(l: Locale) {
    let Some(w) = web_sys::window() else { return };
    let search = w.location().search().unwrap_or_default();
    let path = w.location().pathname().unwrap_or_default();
    let target = format!("{path}{}", with_lang(&search, Some(l)));
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&target));
    }
}

/// The language switch: a native select listing each language in itself.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let Some(lang) = use_context::<Lang>() else {
        return ().into_any();
    };
    view! {
        <label class="lang-switch">
            <span class="control-label">{t("app.language")}</span>
            <select data-testid="lang-switch" on:change=move |ev| {
                if let Some(l) = Locale::parse(&event_target_value(&ev)) {
                    // Shown once its table has arrived (fetched on first use).
                    switch_to(lang, l);
                    set_url_lang(l);
                }
            }>
                {Locale::ALL.into_iter().map(|l| view! {
                    <option value=l.tag() lang=l.tag() prop:selected=move || lang.0.get() == l>{l.native_name()}</option>
                }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}
