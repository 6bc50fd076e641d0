//! A "Download" button with its menu of formats, and handing a file made in the page to
//! the browser (a Blob behind a temporary `<a download>`; nothing is uploaded). What each
//! view's items make is [`crate::views::export`].
//!
//! The menu is a button (`aria-haspopup="menu"`, `aria-expanded`) and a list of menu items:
//! Enter, Space or ArrowDown opens it on the first item, arrows, Home and End move, Escape
//! closes it and returns to the button, a click elsewhere or Tab closes it.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::locale::{t, tr};

/// What an item makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Csv,
}

impl Format {
    /// The file name extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Csv => "csv",
        }
    }
}

/// The file made, or why not, in words.
pub type Made = Result<String, String>;

/// One entry of a download menu.
#[derive(Clone, Copy)]
pub struct Item {
    /// Key of the label in the translation tables.
    pub label: &'static str,
    /// Test hook suffix: `download-<view>-<id>`.
    pub id: &'static str,
    pub run: Callback<(), Made>,
}

/// Hands `blob` to the browser as a download named `name`.
pub fn save_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| tr().t("export.err_link").to_owned())?;
    let a = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| tr().t("export.err_link").to_owned())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Give the browser time to start reading the blob before it goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Hands `text` to the browser as a file named `name` of type `mime`.
pub fn save_text(name: &str, mime: &str, text: &str) -> Made {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| tr().t("export.err_blob").to_owned())?;
    save_blob(&blob, name)?;
    Ok(name.to_owned())
}

fn focus_item(menu: &web_sys::HtmlElement, pick: impl Fn(usize, Option<usize>) -> usize) {
    let items = menu.children();
    let n = items.length() as usize;
    if n == 0 {
        return;
    }
    let active = document().active_element();
    let current = (0..n).find(|&i| {
        items
            .item(i as u32)
            .zip(active.as_ref())
            .is_some_and(|(li, a)| li.contains(Some(a.as_ref())))
    });
    let target = pick(n, current).min(n - 1);
    if let Some(el) = items
        .item(target as u32)
        .and_then(|li| li.first_element_child())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A "Download" button with its menu of formats.
#[component]
pub fn DownloadMenu(view: &'static str, what: &'static str, items: Vec<Item>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let wrap = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Ul>::new();
    let menu_id = format!("download-{view}-menu");
    let button_id = format!("download-{view}-button");
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let open_on = move |last: bool| {
        open.set(true);
        request_animation_frame(move || {
            if let Some(m) = menu.get_untracked() {
                focus_item(&m, |n, _| if last { n - 1 } else { 0 });
            }
        });
    };
    // A press anywhere outside closes the menu.
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = match (wrap.get_untracked(), ev.target()) {
            (Some(w), Some(t)) => t
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|n| w.contains(Some(n))),
            _ => false,
        };
        if !inside {
            close(false);
        }
    });
    on_cleanup(move || outside.remove());
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "ArrowDown" => focus_item(&m, |n, c| c.map_or(0, |c| (c + 1) % n)),
            "ArrowUp" => focus_item(&m, |n, c| c.map_or(n - 1, |c| (c + n - 1) % n)),
            "Home" => focus_item(&m, |_, _| 0),
            "End" => focus_item(&m, |n, _| n - 1),
            "Escape" => {
                ev.stop_propagation();
                close(true);
            }
            "Tab" => {
                close(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    let entries = items
        .into_iter()
        .map(|it| {
            view! {
                <li role="none">
                    <button type="button" role="menuitem" tabindex="-1"
                        data-testid=format!("download-{view}-{}", it.id)
                        on:click=move |_| {
                            close(true);
                            status.set(match it.run.run(()) {
                                Ok(name) => tr().f("export.downloading", &[("name", &name)]),
                                Err(e) => tr().f("export.failed", &[("error", &e)]),
                            });
                        }>{t(it.label)}</button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="download" node_ref=wrap data-testid=format!("download-{view}")>
            <button type="button" class="download-button" node_ref=button id=button_id.clone()
                data-testid=format!("download-{view}-button")
                aria-haspopup="menu" aria-controls=menu_id.clone()
                aria-expanded=move || open.get().to_string()
                title=move || tr().f("export.download_what", &[("what", tr().t(what))])
                on:click=move |_| if open.get_untracked() { close(false) } else { open_on(false) }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                    "ArrowDown" => { ev.prevent_default(); open_on(false); }
                    "ArrowUp" => { ev.prevent_default(); open_on(true); }
                    "Escape" if open.get_untracked() => { ev.prevent_default(); close(true); }
                    _ => {}
                }>
                {t("export.download")}<span class="visually-hidden">" "{t(what)}</span>
                <span class="download-caret" aria-hidden="true">" ▾"</span>
            </button>
            <ul class="download-menu" role="menu" id=menu_id node_ref=menu
                aria-labelledby=button_id hidden=move || !open.get()
                on:keydown=on_menu_key>
                {entries}
            </ul>
            <p class="visually-hidden" role="status" data-testid=format!("download-{view}-status")>{move || status.get()}</p>
        </div>
    }
}
