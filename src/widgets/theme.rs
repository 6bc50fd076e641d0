//! Light and dark. The scheme follows, in order: a `theme=light|dark|auto` link parameter
//! (an embed told by its host page; not stored), then the reader's own pick from the
//! masthead switch (stored in localStorage), then the system's `prefers-color-scheme`,
//! watched live. A host page can also change it later with
//! `iframe.contentWindow.postMessage({type: 'arms-atlas:theme', theme: 'dark'}, '*')`.
//!
//! The page reads the result from `data-theme` on `<html>` (style/main.css); the charts
//! from [`crate::state::AppState::scheme`].

use atlas_core::url::query::parse_query;

use atlas_core::render::Scheme;
use atlas_core::url::state::ThemeChoice;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::state::locale;
use crate::state::{use_app_state, AppState};

/// The localStorage key of the reader's pick.
const STORAGE_KEY: &str = "arms-atlas:theme";
/// The postMessage type a host page sends.
const MESSAGE_TYPE: &str = "arms-atlas:theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The choice a link, or else storage, asks for.
fn initial_choice() -> Option<(ThemeChoice, bool)> {
    let w = web_sys::window()?;
    let search = w.location().search().unwrap_or_default();
    if let Some(t) = parse_query(&search).0.theme {
        return Some((t, true));
    }
    let stored = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    ThemeChoice::parse(&stored).map(|t| (t, false))
}

/// Reads the initial choice, watches the system setting and host messages, and keeps
/// `data-theme` on `<html>` in step. Call once, at the top of the app.
pub fn init_theme(state: AppState) {
    if let Some((t, _from_link)) = initial_choice() {
        state.theme.set(t);
    }
    if let Some(w) = web_sys::window() {
        if let Ok(Some(mq)) = w.match_media("(prefers-color-scheme: dark)") {
            state.system_dark.set(mq.matches());
            let watched = mq.clone();
            let on_change = Closure::<dyn Fn()>::new(move || {
                state.system_dark.set(watched.matches());
            });
            let _ =
                mq.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // The app lives as long as the page.
            on_change.forget();
        }
        // Only a framing page can steer the theme, and only with a well-formed message.
        let framed = w.parent().ok().flatten().is_some_and(|p| p != w);
        if framed {
            let on_message =
                Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                    let data = ev.data();
                    let get = |k: &str| {
                        js_sys::Reflect::get(&data, &k.into())
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    if get("type").as_deref() == Some(MESSAGE_TYPE) {
                        if let Some(t) = get("theme").as_deref().and_then(ThemeChoice::parse) {
                            state.theme.set(t);
                        }
                    }
                });
            let _ =
                w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
            on_message.forget();
        }
    }
    Effect::new(move |_| {
        let scheme = state.scheme.get();
        let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        let name = match scheme {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        };
        let _ = root.set_attribute("data-theme", name);
    });
}

/// The masthead switch: Auto (system), Light, Dark. The reader's pick is remembered.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let state = use_app_state();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(t) = ThemeChoice::parse(&event_target_value(&ev)) else {
            return;
        };
        state.theme.set(t);
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, t.name());
        }
    };
    let label = |t: ThemeChoice| match t {
        ThemeChoice::Auto => locale::t("theme.auto"),
        ThemeChoice::Light => locale::t("theme.light"),
        ThemeChoice::Dark => locale::t("theme.dark"),
    };
    view! {
        <label class="theme-switch">
            <span class="control-label">{locale::t("theme.label")}</span>
            <select data-testid="theme-switch" on:change=on_change
                prop:value=move || state.theme.get().name()>
                {ThemeChoice::ALL.into_iter().map(|t| view! {
                    <option value=t.name() selected=move || state.theme.get() == t>{label(t)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
