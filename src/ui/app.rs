//! The page: masthead, filters, views, and the credit line.

use std::sync::Arc;

use atlas_core::data::decode_bundle;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::announce::Announcer;
use super::embed::{EmbedButton, EmbedPage};
use super::filters::FilterPanel;
use super::flowlist::FlowList;
use super::flowmap::FlowMap;
use super::i18n::{provide_locale, t, tr, LangSwitch};
use super::loader::{open_file_picker, saved, DataBar};
use super::method::Method;
use super::passport::Passport;
use super::perf;
use super::rankings::Rankings;
use super::register::Register;
use super::story::{provide_notes, StoryEntry, StoryPanel};
use super::theme::{init_theme, ThemeSwitch};
use super::timeline::Timeline;
use crate::state::url::sync_with_url;
use crate::state::{provide_app_state, Load, MapLoad, Shared};
use crate::{BUNDLE_URL, CREDIT, MAP_URL, SIPRI_URL};
use atlas_core::geo::WorldMap;

/// Fetches a file next to the page, as bytes, with errors a reader can act on.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| {
            tr().f(
                "app.fetch_failed",
                &[("url", url), ("error", &e.to_string())],
            )
        })?;
    if !resp.ok() {
        let status = format!("HTTP {}", resp.status());
        return Err(tr().f("app.fetch_failed", &[("url", url), ("error", &status)]));
    }
    resp.binary().await.map_err(|e| {
        tr().f(
            "app.read_failed",
            &[("url", url), ("error", &e.to_string())],
        )
    })
}

/// Fetches and decodes the world map (Natural Earth), for the flow map only.
async fn load_map(map: RwSignal<MapLoad>) {
    let result = async {
        let bytes = fetch_bytes(MAP_URL).await?;
        WorldMap::decode(&bytes).map_err(|e| {
            tr().f(
                "app.damaged",
                &[("url", MAP_URL), ("error", &e.to_string())],
            )
        })
    }
    .await;
    map.set(match result {
        Ok(m) => MapLoad::Ready(Shared(Arc::new(m))),
        Err(e) => MapLoad::Failed(e),
    });
}

/// Fetches and decodes the bundled dataset, reporting failure in words.
pub async fn load_bundle(load: RwSignal<Load>) {
    load.set(fetch_bundle().await);
}

async fn fetch_bundle() -> Load {
    perf::mark("atlas:fetch:start");
    let result = async {
        let bytes = fetch_bytes(BUNDLE_URL).await?;
        perf::measure("atlas:fetch", "atlas:fetch:start");
        perf::mark("atlas:decode:start");
        let bundle = decode_bundle(&bytes).map_err(|e| {
            tr().f(
                "app.damaged",
                &[("url", BUNDLE_URL), ("error", &e.to_string())],
            )
        })?;
        perf::measure("atlas:decode", "atlas:decode:start");
        Ok(bundle)
    }
    .await;
    match result {
        Ok(b) => Load::Ready(Shared(Arc::new(b))),
        Err(e) => Load::Failed(e),
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    init_theme(state);
    provide_locale();
    // The bundled data is fetched at once, while Cache Storage is asked whether the user
    // kept a dataset of their own (that wins, until cleared): the two waits overlap
    // instead of adding up on a cold load.
    let kept_checked = StoredValue::new(false);
    let bundled = StoredValue::new(None::<Load>);
    spawn_local(async move {
        if let Some(bytes) = saved().await {
            if let Ok(b) = atlas_core::data::bundle::decode(&bytes) {
                state.user_data.set(true);
                state.load.set(Load::Ready(Shared(Arc::new(b))));
            }
        }
        kept_checked.set_value(true);
        if let Some(l) = bundled
            .get_value()
            .filter(|_| !state.user_data.get_untracked())
        {
            state.load.set(l);
        }
    });
    spawn_local(async move {
        let l = fetch_bundle().await;
        if !kept_checked.get_value() {
            bundled.set_value(Some(l));
        } else if !state.user_data.get_untracked() {
            state.load.set(l);
        }
    });
    spawn_local(load_map(state.map));
    let url = sync_with_url(state);
    provide_context(url);
    provide_notes(url);
    if url.show.get_untracked().embed {
        return view! { <EmbedPage/> }.into_any();
    }
    // Progressive mount: the views above the fold (filters, map, timeline) render with the
    // data; the rest (flow list, rankings, register, passport, the live region) one frame
    // after those have painted. Their DOM and the first run of their code (which the
    // browser compiles lazily) then no longer delay the first chart.
    let later = RwSignal::new(false);
    Effect::new(move |_| {
        if later.get_untracked() || !matches!(state.load.get(), Load::Ready(_)) {
            return;
        }
        request_animation_frame(move || {
            set_timeout(move || later.set(true), std::time::Duration::ZERO);
        });
    });
    let subtitle = move || match state.load.get() {
        Load::Ready(b) => atlas_core::data::user::meta_words_in(tr(), &b.meta.title, "").0,
        _ => tr().t("app.dek_default").to_owned(),
    };
    view! {
        <div class="atlas">
            <header class="masthead">
                <h1>{t("app.title")}</h1>
                <div class="masthead-switches"><LangSwitch/><ThemeSwitch/></div>
                <p class="dek" data-testid="dataset-title">{subtitle}</p>
                <p class="tiv-note">
                    {t("app.tiv_note")}" "
                    <a href="#about-tiv">{t("app.what_is_tiv")}</a>
                </p>
                <p class="masthead-actions"><StoryEntry/>" "<EmbedButton/></p>
            </header>
            <DataBar/>
            {move || match state.load.get() {
                Load::Loading => view! {
                    <p class="status" role="status" data-testid="loading">{t("app.loading")}</p>
                }.into_any(),
                Load::Failed(msg) => view! {
                    <div class="error" role="alert" data-testid="load-error">
                        <h2>{t("app.load_failed")}</h2>
                        <p>{msg}</p>
                        <p>{t("app.reload_hint")}" "
                            <a href=SIPRI_URL>{SIPRI_URL}</a>"."</p>
                    </div>
                }.into_any(),
                Load::Ready(_) => view! {
                    {move || (!url.issues.get().is_empty()).then(|| view! {
                        <div class="notice" role="status" data-testid="url-issues">
                            <p>{t("app.url_issues")}</p>
                            <ul>{url.issues.get().into_iter().map(|i| view! { <li><code>{i.param}</code>" — "{i.message}</li> }).collect_view()}</ul>
                            <button type="button" on:click=move |_| url.issues.set(Vec::new())>{t("app.dismiss")}</button>
                        </div>
                    })}
                    {move || {
                        let (link, _) = url.link.get()?;
                        let here = url.pin.get()?;
                        let title = state.bundle().map(|b| b.meta.title.clone()).unwrap_or_default();
                        let notice = atlas_core::query::pin_notice_in(tr(), &link, &here, &title)?;
                        Some(view! {
                            <div class="badge data-pin-notice" role="note" data-testid="data-badge">
                                <p data-testid="data-badge-text">{notice.text}</p>
                                {notice.how.map(|h| view! { <p data-testid="data-badge-how">{h}</p> })}
                                <div class="data-pin-actions">
                                    {notice.offer_load.then(|| view! {
                                        <button type="button" class="primary" data-testid="data-badge-load"
                                            on:click=move |_| open_file_picker()>{t("data.load")}</button>
                                    })}
                                    <button type="button" data-testid="data-badge-dismiss"
                                        on:click=move |_| url.link.set(None)>{t("app.dismiss")}</button>
                                </div>
                            </div>
                        })
                    }}
                    <StoryPanel/>
                    <main class="workspace">
                        <FilterPanel/>
                        <div class="views">
                            <FlowMap/>
                            <Show when=move || later.get()>{view! { <FlowList/> }.into_any()}</Show>
                            <Timeline/>
                            <Show when=move || later.get()>
                                {view! { <Rankings/><Register/><Passport/> }.into_any()}
                            </Show>
                        </div>
                    </main>
                    <Show when=move || later.get()>{view! { <Announcer/> }.into_any()}</Show>
                }.into_any(),
            }}
            <footer class="credit">
                <p data-testid="credit">{CREDIT}", " <a href=SIPRI_URL>{SIPRI_URL}</a>". "
                    {t("app.credit_ours")}</p>
                {move || (!tr().t("app.credit_gloss").is_empty()).then(|| view! { <p class="credit-gloss" data-testid="credit-gloss">{tr().t("app.credit_gloss")}</p> })}
                <Method/>
            </footer>
        </div>
    }
    .into_any()
}
