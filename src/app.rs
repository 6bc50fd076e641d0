//! The page: masthead, data bar, notices, story, filters, views, and the credit line (or,
//! in embed mode, the embedded graphic of `crate::panels::embed`). The top of the house:
//! it may use every module below it (`panels`, `views`, `widgets`, `state`), and no
//! module imports it (`lib.rs` re-exports [`App`] for `main.rs` and tests).

use leptos::prelude::*;

use crate::panels::databar::{open_file_picker, DataBar};
use crate::panels::embed::{EmbedButton, EmbedPage};
use crate::panels::filters::FilterPanel;
use crate::panels::method::Method;
use crate::panels::story::{StoryCard, StoryEntry, StoryPanel};
use crate::state::loading::load_at_start;
use crate::state::locale::{provide_locale, t, tr};
use crate::state::notes::provide_notes;
use crate::state::url::{sync_with_url, UrlStatus};
use crate::state::{provide_app_state, use_app_state, Load};
use crate::views::changes::{open_changes_view, ChangesView};
use crate::views::flowlist::FlowList;
use crate::views::flowmap::FlowMap;
use crate::views::passport::Passport;
use crate::views::rankings::Rankings;
use crate::views::register::Register;
use crate::views::timeline::Timeline;
use crate::widgets::announce::{provide_live_region, Announcer};
use crate::widgets::copy_link::CopyLink;
use crate::widgets::lang::LangSwitch;
use crate::widgets::theme::{init_theme, ThemeSwitch};
use crate::{CREDIT, SIPRI_URL};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    init_theme(state);
    provide_locale();
    load_at_start(state);
    let url = sync_with_url(state);
    provide_context(url);
    crate::widgets::prerender::take_over(state);
    provide_notes(url);
    if url.show.get_untracked().embed {
        return view! { <EmbedPage/> }.into_any();
    }
    provide_live_region();
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
    view! {
        <div class="atlas">
            {masthead()}
            {move || match state.load.get() {
                Load::Loading => view! {
                    <p class="status" role="status" data-testid="loading">{t("app.loading")}</p>
                }.into_any(),
                Load::Failed(msg) => load_failed(msg).into_any(),
                Load::Ready(_) => ready(url, later).into_any(),
            }}
            // Which data is shown and loading one's own: after the views, with the
            // sources, so that the first screen is the charts (issue #16).
            <DataBar/>
            {credit()}
        </div>
    }
    .into_any()
}

/// The title, the language and theme switches, the dataset shown, and the story, link and
/// embed actions.
fn masthead() -> impl IntoView {
    let state = use_app_state();
    let subtitle = move || match state.load.get() {
        Load::Ready(b) => atlas_core::text::facts::meta_words_in(tr(), &b.meta.title, "").0,
        _ => tr().t("app.dek_default").to_owned(),
    };
    view! {
        <header class="masthead">
            <h1>{t("app.title")}</h1>
            <div class="masthead-switches"><LangSwitch/><ThemeSwitch/></div>
            <p class="dek" data-testid="dataset-title">{subtitle}</p>
            <p class="tiv-note">
                {t("app.tiv_note")}" "
                <a href="#about-tiv">{t("app.what_is_tiv")}</a>
            </p>
            <p class="masthead-actions"><StoryEntry/>" "<CopyLink/>" "<EmbedButton/></p>
        </header>
    }
}

/// Why the data could not be loaded, and what to do.
fn load_failed(msg: String) -> impl IntoView {
    view! {
        <div class="error" role="alert" data-testid="load-error">
            <h2>{t("app.load_failed")}</h2>
            <p>{msg}</p>
            <p>{t("app.reload_hint")}" "
                <a href=SIPRI_URL>{SIPRI_URL}</a>"."</p>
        </div>
    }
}

/// The page once the data is there: notices, the story, filters and views. The views
/// below the fold mount when `later` turns true.
fn ready(url: UrlStatus, later: RwSignal<bool>) -> impl IntoView {
    view! {
        {url_issues(url)}
        {pin_notice(url)}
        <StoryPanel/>
        <main class="workspace">
            <FilterPanel/>
            <div class="views">
                // The map and the timeline lead: side by side on a wide screen, so that
                // both are on the first screen (style/main.css, `.views-lead`).
                <div class="views-lead">
                    <div class="lead-map">
                        <StoryCard view="map"/>
                        <FlowMap/>
                        <Show when=move || later.get()>{view! { <FlowList/> }.into_any()}</Show>
                    </div>
                    <div class="lead-timeline">
                        <StoryCard view="timeline"/>
                        <Timeline/>
                    </div>
                </div>
                <Show when=move || later.get()>
                    {view! { <Rankings/><Register/><Passport/><ChangesView/> }.into_any()}
                </Show>
            </div>
        </main>
        <Show when=move || later.get()>{view! { <Announcer/> }.into_any()}</Show>
    }
}

/// What the link asked for that could not be applied.
fn url_issues(url: UrlStatus) -> impl IntoView {
    move || {
        (!url.issues.get().is_empty()).then(|| view! {
            <div class="notice" role="status" data-testid="url-issues">
                <p>{t("app.url_issues")}</p>
                <ul>{url.issues.get().into_iter().map(|i| view! { <li><code>{i.param}</code>" — "{i.message}</li> }).collect_view()}</ul>
                <button type="button" on:click=move |_| url.issues.set(Vec::new())>{t("app.dismiss")}</button>
            </div>
        })
    }
}

/// The notice of a link made with other data than the data shown (and the offer to load
/// the export it names).
fn pin_notice(url: UrlStatus) -> impl IntoView {
    let state = use_app_state();
    move || {
        let (link, _) = url.link.get()?;
        if let Some(banner) = earlier_release_banner(&link, url) {
            return Some(banner.into_any());
        }
        let here = url.pin.get()?;
        let title = state
            .bundle()
            .map(|b| b.meta.title.clone())
            .unwrap_or_default();
        let notice = atlas_core::url::pin::pin_notice_in(tr(), &link, &here, &title)?;
        Some(
            view! {
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
            }
            .into_any(),
        )
    }
}

/// The banner of a link made with the earlier SIPRI release the data carries: how much
/// these totals changed in the release shown, and one click to the changes view.
fn earlier_release_banner(link: &str, url: UrlStatus) -> Option<impl IntoView> {
    let state = use_app_state();
    let b = state.bundle()?;
    let e = b.earlier.as_ref()?;
    let pin = atlas_core::url::pin::DataPin::for_dataset(
        &e.dataset,
        atlas_core::url::pin::DataOrigin::Bundled,
        e.meta.hash,
    );
    if state.user_data.get() || !atlas_core::url::pin::made_with_earlier(link, &pin) {
        return None;
    }
    let text = move || {
        let (Some(c), Some(p)) = (state.changes.get(), state.release_pair.get()) else {
            return String::new();
        };
        atlas_core::text::changes::banner_in(tr(), &c, p.releases())
    };
    Some(view! {
        <aside class="badge data-pin-notice release-banner" aria-label=t("changes.banner_label") data-testid="release-banner">
            <p data-testid="release-banner-text">{text}</p>
            <div class="data-pin-actions">
                <button type="button" class="primary" data-testid="release-banner-open"
                    on:click=move |_| open_changes_view()>{t("changes.banner_open")}</button>
                <button type="button" data-testid="release-banner-dismiss"
                    on:click=move |_| url.link.set(None)>{t("app.dismiss")}</button>
            </div>
        </aside>
    })
}

/// SIPRI's credit line, ours, and the "Sources and method" panel.
fn credit() -> impl IntoView {
    view! {
        <footer class="credit">
            <p data-testid="credit">{CREDIT}", " <a href=SIPRI_URL>{SIPRI_URL}</a>". "
                {t("app.credit_ours")}</p>
            {move || (!tr().t("app.credit_gloss").is_empty()).then(|| view! { <p class="credit-gloss" data-testid="credit-gloss">{tr().t("app.credit_gloss")}</p> })}
            <Method/>
        </footer>
    }
}
