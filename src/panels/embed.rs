//! Embed mode (`?embed`): a chromeless graphic for an article column — title, subtitle,
//! the one chosen view (`view=`, default the timeline), its compact legend, the credit
//! line and notes; the filter panel only with `controls=1`. The page reports its height
//! to the host page (assets/embed-frame.js); the host script (assets/embed-host.js)
//! resizes the iframe.
//!
//! Also the full app's "Copy embed code" dialog ([`EmbedButton`]).

use atlas_core::text::views::filter_phrase_in;
use atlas_core::url::embed::embed_snippet;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::filters::FilterPanel;
use super::method::Method;
use super::story::StoryPanel;
use crate::state::locale::{t, tr};
use crate::state::url::{current_url_state, UrlStatus};
use crate::state::{use_app_state, AppState, Load};
use crate::views::flowmap::FlowMap;
use crate::views::passport::Passport;
use crate::views::rankings::Rankings;
use crate::views::register::Register;
use crate::views::timeline::Timeline;
use crate::{CREDIT, SIPRI_URL};

/// The graphic's title: the journalist's `title=`, else the filter in words with years.
fn title(state: AppState, url: UrlStatus) -> String {
    if let Some(t) = url.show.with(|s| s.title.clone()) {
        return t;
    }
    let Some(b) = state.bundle() else {
        return tr().t("embed.default_title").to_owned();
    };
    let tr = tr();
    let phrase = state.filter.with(|f| {
        filter_phrase_in(
            tr,
            &b.dataset,
            f,
            "phrase.deliveries",
            "phrase.deliveries_of",
        )
    });
    match state.aggregates.get() {
        Some(a) => tr.f(
            "embed.title",
            &[
                ("phrase", &phrase),
                ("years", &tr.years(a.years.from(), a.years.to())),
            ],
        ),
        None => phrase,
    }
}

/// The embedded graphic.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    let view_name = Memo::new(move |_| url.view.get().unwrap_or_else(|| "timeline".to_owned()));
    let subtitle = move || {
        let what = tr().t(match view_name.get().as_str() {
            "map" => "embed.sub_map",
            "rankings" => "embed.sub_rankings",
            "register" => "embed.sub_register",
            "passport" => "embed.sub_passport",
            _ => "embed.sub_timeline",
        });
        tr().f("embed.subtitle", &[("what", what)])
    };
    // Opens the same view in the full app, in a new tab.
    let full_link = move || {
        current_url_state(state, url)
            .map(|mut s| {
                s.show.embed = false;
                s.show.controls = false;
                s.to_query()
            })
            .map(|q| if q.is_empty() { "./".to_owned() } else { q })
            .unwrap_or_else(|| "./".to_owned())
    };
    view! {
        <div class="atlas embed" data-testid="embed">
            <header class="embed-head">
                <h1 data-testid="embed-title">{move || title(state, url)}</h1>
                <p class="dek" data-testid="embed-subtitle">{subtitle}</p>
            </header>
            {move || match state.load.get() {
                Load::Loading => view! {
                    <p class="status" role="status" data-testid="loading">{t("app.loading")}</p>
                }.into_any(),
                Load::Failed(msg) => view! {
                    <div class="error" role="alert" data-testid="load-error">
                        <p>{msg}</p>
                    </div>
                }.into_any(),
                Load::Ready(_) => view! {
                    {move || (!url.issues.get().is_empty()).then(|| view! {
                        <div class="notice" role="status" data-testid="url-issues">
                            <ul>{url.issues.get().into_iter().map(|i| view! { <li><code>{i.param}</code>" — "{i.message}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <StoryPanel compact=true/>
                    {move || url.show.with(|s| s.controls).then(|| view! { <FilterPanel/> })}
                    <main class="views embed-view">
                        {move || match view_name.get().as_str() {
                            "map" => view! { <FlowMap/> }.into_any(),
                            "rankings" => view! { <Rankings/> }.into_any(),
                            "register" => view! { <Register/> }.into_any(),
                            "passport" => view! { <Passport/> }.into_any(),
                            _ => view! { <Timeline/> }.into_any(),
                        }}
                    </main>
                }.into_any(),
            }}
            <footer class="credit embed-foot">
                <p data-testid="credit">{CREDIT}", " <a href=SIPRI_URL target="_blank" rel="noopener">{SIPRI_URL}</a>". "
                    {t("embed.ours")}</p>
                {move || (!tr().t("app.credit_gloss").is_empty()).then(|| view! { <p class="credit-gloss">{tr().t("app.credit_gloss")}</p> })}
                <p class="tiv-note" data-testid="embed-tiv-note">{t("embed.tiv_note")}</p>
                <Method/>
                <p class="embed-open"><a href=full_link target="_blank" rel="noopener" data-testid="embed-full">{t("embed.explore")}" ↗"</a></p>
            </footer>
        </div>
    }
}

/// Calls `navigator.clipboard.writeText(text)`; `Err` when there is no clipboard access.
async fn write_clipboard(text: &str) -> Result<(), ()> {
    let w = web_sys::window().ok_or(())?;
    let nav = js_sys::Reflect::get(&w, &JsValue::from_str("navigator")).map_err(|_| ())?;
    let clip = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).map_err(|_| ())?;
    if clip.is_undefined() || clip.is_null() {
        return Err(());
    }
    let f: js_sys::Function = js_sys::Reflect::get(&clip, &JsValue::from_str("writeText"))
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    let p: js_sys::Promise = f
        .call1(&clip, &JsValue::from_str(text))
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// "Copy embed code": a button and an accessible modal dialog with the iframe snippet.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    let button_ref = NodeRef::<leptos::html::Button>::new();
    let code_ref = NodeRef::<leptos::html::Textarea>::new();
    let custom_title = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let snippet = Memo::new(move |_| {
        // Re-read when the dialog opens (status reset) or the title changes.
        status.track();
        let t = custom_title.get();
        let Some(mut s) = current_url_state(state, url) else {
            return String::new();
        };
        let t = atlas_core::clean::plain_text(&t)
            .chars()
            .take(atlas_core::url::state::MAX_TITLE)
            .collect::<String>();
        s.show.title = (!t.is_empty()).then(|| t.clone());
        let frame_title = if t.is_empty() { title(state, url) } else { t };
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let height = if s.view.as_deref() == Some("map") {
            720
        } else {
            640
        };
        embed_snippet(&page, &s, &frame_title, height)
    });
    let open = move |_| {
        status.set(String::new());
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
        let text = snippet.get_untracked();
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
    view! {
        <button type="button" class="embed-open-button" node_ref=button_ref data-testid="embed-open"
            aria-haspopup="dialog" on:click=open>{t("embed.open")}</button>
        <dialog node_ref=dialog_ref class="embed-dialog" aria-labelledby="embed-dialog-title"
            aria-describedby="embed-dialog-desc" data-testid="embed-dialog"
            on:close=move |_| { if let Some(b) = button_ref.get() { let _ = b.focus(); } }>
            <h2 id="embed-dialog-title">{t("embed.dialog_title")}</h2>
            <p id="embed-dialog-desc">{t("embed.dialog_desc")}</p>
            <label class="control">
                <span class="control-label">{t("embed.title_label")}</span>
                <input type="text" maxlength="120" data-testid="embed-title-input"
                    prop:value=move || custom_title.get()
                    on:input=move |ev| custom_title.set(event_target_value(&ev))/>
            </label>
            <label class="control">
                <span class="control-label">{t("embed.code")}</span>
                <textarea node_ref=code_ref readonly rows="6" class="embed-code" data-testid="embed-code"
                    prop:value=move || snippet.get() on:focus=move |_| select_all()></textarea>
            </label>
            <div class="dialog-actions">
                <button type="button" class="primary" data-testid="embed-copy" on:click=copy>{t("embed.copy")}</button>
                <button type="button" data-testid="embed-close" on:click=close>{t("map.close")}</button>
            </div>
            <p class="embed-copy-status" role="status" data-testid="embed-copy-status">{move || status.get()}</p>
        </dialog>
    }
}
