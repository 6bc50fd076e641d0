//! "Copy embed code": a button and an accessible modal dialog in which the journalist
//! picks the view (map, timeline, rankings, register, passport) and the width, may type a
//! title, and sees a live preview: an iframe that loads exactly the address the code
//! embeds ([`embed_src`]), as wide as the width chosen and as tall as the graphic reports
//! (the message assets/embed-frame.js posts, the one the host script listens to).

use atlas_core::url::embed::{embed_snippet, embed_src, EmbedSize, DEFAULT_VIEW, EMBED_VIEWS};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::automatic_title;
use crate::state::locale::{t, tr};
use crate::state::url::{current_url_state, UrlStatus};
use crate::state::use_app_state;
use crate::widgets::clipboard::write_clipboard;

/// How long the title may rest before the preview reloads with it (ms): a reload per
/// keystroke would restart the graphic for every letter.
const TITLE_PAUSE_MS: u64 = 400;

/// The height a resize message from the graphic reports, if `ev` is one.
fn reported_height(ev: &web_sys::MessageEvent) -> Option<f64> {
    let data = ev.data();
    let kind = js_sys::Reflect::get(&data, &JsValue::from_str("type")).ok()?;
    if kind.as_string().as_deref() != Some("arms-atlas:resize") {
        return None;
    }
    let h = js_sys::Reflect::get(&data, &JsValue::from_str("height"))
        .ok()?
        .as_f64()?;
    (h.is_finite() && (50.0..=30_000.0).contains(&h)).then_some(h)
}

/// The word for a view in the picker.
fn view_label(v: &str) -> &'static str {
    tr().t(match v {
        "map" => "embed.view_map",
        "rankings" => "embed.view_rankings",
        "register" => "embed.view_register",
        "passport" => "embed.view_passport",
        _ => "embed.view_timeline",
    })
}

/// The word for a width in the picker.
fn size_label(s: EmbedSize) -> String {
    match s {
        EmbedSize::Column => tr().t("embed.size_column").to_owned(),
        EmbedSize::Fixed(px) => tr().f("embed.size_px", &[("px", &px.to_string())]),
    }
}

/// "Copy embed code": the button and its dialog.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    let button_ref = NodeRef::<leptos::html::Button>::new();
    let code_ref = NodeRef::<leptos::html::Textarea>::new();
    let preview_ref = NodeRef::<leptos::html::Iframe>::new();
    let is_open = RwSignal::new(false);
    // What is typed, and the title applied once typing pauses (with a counter that
    // lets only the last keystroke's timer apply it).
    let typed = RwSignal::new(String::new());
    let custom_title = RwSignal::new(String::new());
    let keystrokes = StoredValue::new(0u64);
    let view_choice = RwSignal::new(DEFAULT_VIEW.to_owned());
    let size = RwSignal::new(EmbedSize::Column);
    // The height the preview reported, with the address it was showing then: a new
    // address starts the graphic anew, and its height is unknown until it reports.
    let reported = RwSignal::new(None::<(String, f64)>);
    let status = RwSignal::new(String::new());
    // (the code, the address it embeds): one state for both, so the preview loads
    // exactly what the code embeds.
    let embed = Memo::new(move |_| {
        if !is_open.get() {
            return (String::new(), String::new());
        }
        let Some(mut s) = current_url_state(state, url) else {
            return (String::new(), String::new());
        };
        let t = atlas_core::clean::plain_text(&custom_title.get())
            .chars()
            .take(atlas_core::url::state::MAX_TITLE)
            .collect::<String>();
        s.show.title = (!t.is_empty()).then(|| t.clone());
        s.view = Some(view_choice.get());
        let frame_title = if t.is_empty() {
            automatic_title(state, &view_choice.get())
        } else {
            t
        };
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let code = embed_snippet(&page, &s, &frame_title, size.get());
        (code, embed_src(&page, &s))
    });
    let snippet = move || embed.with(|e| e.0.clone());
    let src = move || embed.with(|e| e.1.clone());
    let preview_height = move || {
        reported
            .get()
            .filter(|(at, _)| embed.with(|e| *at == e.1))
            .map(|(_, h)| h)
    };
    let on_message = window_event_listener(leptos::ev::message, move |ev| {
        let Some(frame) = preview_ref.get_untracked() else {
            return;
        };
        let frame: &JsValue = frame.as_ref();
        let Ok(win) = js_sys::Reflect::get(frame, &JsValue::from_str("contentWindow")) else {
            return;
        };
        let from_preview = ev.source().is_some_and(|s| JsValue::from(s) == win);
        if let (true, Some(h)) = (from_preview, reported_height(&ev)) {
            reported.set(Some((embed.get_untracked().1, h.ceil())));
        }
    });
    on_cleanup(move || on_message.remove());

    let open = move |_| {
        status.set(String::new());
        view_choice.set(
            url.view
                .get_untracked()
                .unwrap_or_else(|| DEFAULT_VIEW.to_owned()),
        );
        is_open.set(true);
        if let Some(d) = dialog_ref.get() {
            if d.show_modal().is_err() {
                d.set_open(true);
            }
        }
    };
    let close = move |_| {
        if let Some(d) = dialog_ref.get() {
            d.close();
        }
    };
    let select_all = move || {
        if let Some(t) = code_ref.get() {
            let _ = t.focus();
            t.select();
        }
    };
    let copy = move |_| {
        let text = embed.get_untracked().0;
        leptos::task::spawn_local(async move {
            match write_clipboard(&text).await {
                Ok(()) => status.set(tr().t("embed.copied").to_owned()),
                Err(()) => {
                    select_all();
                    status.set(tr().t("embed.copy_refused").to_owned());
                }
            }
        });
    };
    let on_title = move |ev| {
        typed.set(event_target_value(&ev));
        let n = keystrokes.get_value() + 1;
        keystrokes.set_value(n);
        set_timeout(
            move || {
                if keystrokes.get_value() == n {
                    custom_title.set(typed.get_untracked());
                }
            },
            std::time::Duration::from_millis(TITLE_PAUSE_MS),
        );
    };
    let views = EMBED_VIEWS
        .into_iter()
        .map(|v| {
            view! {
                <label class="choice">
                    <input type="radio" name="embed-view" value=v data-testid=format!("embed-view-{v}")
                        prop:checked=move || view_choice.get() == v
                        on:change=move |_| view_choice.set(v.to_owned())/>
                    <span>{move || view_label(v)}</span>
                </label>
            }
        })
        .collect_view();
    let sizes = EmbedSize::ALL
        .into_iter()
        .map(|s| {
            view! {
                <label class="choice">
                    <input type="radio" name="embed-size" value=s.id() data-testid=format!("embed-size-{}", s.id())
                        prop:checked=move || size.get() == s
                        on:change=move |_| size.set(s)/>
                    <span>{move || size_label(s)}</span>
                </label>
            }
        })
        .collect_view();
    // The preview: the chosen width (never wider than the dialog's room for it) and the
    // height the graphic reports.
    let frame_width = move || size.get().width_attr();
    let frame_height =
        move || preview_height().map_or_else(|| "480".to_owned(), |h| format!("{h:.0}"));
    view! {
        <button type="button" class="embed-open-button" node_ref=button_ref data-testid="embed-open"
            aria-haspopup="dialog" on:click=open>{t("embed.open")}</button>
        <dialog node_ref=dialog_ref class="embed-dialog" aria-labelledby="embed-dialog-title"
            aria-describedby="embed-dialog-desc" data-testid="embed-dialog"
            on:close=move |_| {
                is_open.set(false);
                if let Some(b) = button_ref.get() { let _ = b.focus(); }
            }>
            <h2 id="embed-dialog-title">{t("embed.dialog_title")}</h2>
            <p id="embed-dialog-desc">{t("embed.dialog_desc")}</p>
            <div class="embed-dialog-grid">
                <div class="embed-dialog-controls">
                    <fieldset class="choices" data-testid="embed-views">
                        <legend>{t("embed.view_label")}</legend>
                        {views}
                    </fieldset>
                    <fieldset class="choices" data-testid="embed-sizes">
                        <legend>{t("embed.size_label")}</legend>
                        {sizes}
                    </fieldset>
                    <label class="control">
                        <span class="control-label">{t("embed.title_label")}</span>
                        <input type="text" maxlength="120" data-testid="embed-title-input"
                            prop:value=move || typed.get() on:input=on_title/>
                    </label>
                    <label class="control">
                        <span class="control-label">{t("embed.code")}</span>
                        <textarea node_ref=code_ref readonly rows="6" class="embed-code" data-testid="embed-code"
                            prop:value=snippet on:focus=move |_| select_all()></textarea>
                    </label>
                    <div class="dialog-actions">
                        <button type="button" class="primary" data-testid="embed-copy" on:click=copy>{t("embed.copy")}</button>
                        <button type="button" data-testid="embed-close" on:click=close>{t("map.close")}</button>
                    </div>
                    <p class="embed-copy-status" role="status" data-testid="embed-copy-status">{move || status.get()}</p>
                </div>
                <section class="embed-preview" aria-labelledby="embed-preview-head">
                    <h3 id="embed-preview-head">{t("embed.preview")}</h3>
                    <div class="embed-preview-box">
                        {move || is_open.get().then(|| view! {
                            <iframe node_ref=preview_ref src=src title=t("embed.preview_frame")
                                width=frame_width height=frame_height data-testid="embed-preview"
                                data-state=move || if preview_height().is_some() { "sized" } else { "loading" }></iframe>
                        })}
                    </div>
                </section>
            </div>
        </dialog>
    }
}
