//! Embed mode (`?embed`): a compact, chromeless graphic for an article column. From top to
//! bottom: one title (the journalist's `title=`, else the filter in words), a one-line
//! subtitle (what the chart shows and its unit; after a custom title, the automatic
//! heading first), the one chosen view (`view=`, default the timeline) with its legend,
//! SIPRI's credit line, and a row with the "Notes and method" disclosure and the
//! "Explore" link. The views' own headings, controls, summaries and notes are out of
//! sight in an embed (`style/embed.css`); what they say is in the disclosure
//! ([`details`]). The filter panel shows only with `controls=1`.
//!
//! The page reports its height to the host page (assets/embed-frame.js); the host script
//! (assets/embed-host.js) resizes the iframe.
//!
//! Also the full app's "Copy embed code" dialog ([`EmbedButton`], in [`dialog`]).

use atlas_core::analysis::aggregate::StackBy;
use atlas_core::analysis::passport::Passport;
use atlas_core::text::views::filter_phrase_in;
use atlas_core::url::embed::{embed_heading, DEFAULT_VIEW};
use leptos::prelude::*;

use super::filters::FilterPanel;
use super::story::StoryPanel;
use crate::state::locale::{t, tr};
use crate::state::url::{current_url_state, UrlStatus};
use crate::state::{use_app_state, AppState, Load};
use crate::views::flowmap::FlowMap;
use crate::views::passport::Passport as PassportView;
use crate::views::rankings::Rankings;
use crate::views::timeline::Timeline;
use crate::{CREDIT, SIPRI_URL};

mod details;
mod dialog;
mod register;

pub use dialog::EmbedButton;

/// How many rows an embedded passport lists (those with the most TIV).
const PASSPORT_ROWS: usize = 4;

/// The automatic heading of an embed of `view`: the filter in words with its years; for
/// the passport (which shows a system whatever the other filters), the passport's title.
pub(crate) fn automatic_title(state: AppState, view: &str) -> String {
    let Some(b) = state.bundle() else {
        return tr().t("embed.default_title").to_owned();
    };
    let tr = tr();
    if view == "passport" {
        return match passport(state) {
            Some(p) => p.title_in(tr, &b.dataset),
            None => tr.t("passport.heading").to_owned(),
        };
    }
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

/// The passport an embed shows: the filter's first weapon system's.
fn passport(state: AppState) -> Option<Passport> {
    let b = state.bundle()?;
    let id = state.filter.with(|f| f.systems.first().copied())?;
    Some(Passport::build(&b.dataset, id))
}

/// What the chart of `view` shows, with its unit: the subtitle. The passport's is its
/// summary line (units, deals and TIV).
fn what(state: AppState, view: &str) -> String {
    if let Some(p) = (view == "passport").then(|| passport(state)).flatten() {
        return p.summary_in(tr());
    }
    tr().t(what_key(view, state.stack.get())).to_owned()
}

/// The words of [`what`] for each view.
fn what_key(view: &str, stack: StackBy) -> &'static str {
    match (view, stack) {
        ("map", _) => "embed.what_map",
        ("rankings", _) => "embed.what_rankings",
        ("register", _) => "embed.what_register",
        ("passport", _) => "embed.what_passport",
        (_, StackBy::Category) => "embed.what_timeline_category",
        (_, StackBy::Recipient) => "embed.what_timeline_recipient",
        (_, StackBy::Supplier) => "embed.what_timeline_supplier",
    }
}

/// The embedded graphic.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    let view_name = Memo::new(move |_| url.view.get().unwrap_or_else(|| DEFAULT_VIEW.to_owned()));
    let heading = Memo::new(move |_| {
        let what = what(state, &view_name.get());
        url.show.with(|s| {
            embed_heading(
                s.title.as_deref(),
                &automatic_title(state, &view_name.get()),
                &what,
            )
        })
    });
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
        <div class="atlas embed" data-testid="embed" data-view=move || view_name.get()>
            <header class="embed-head">
                <h1 data-testid="embed-title">{move || heading.get().0}</h1>
                <p class="dek" data-testid="embed-subtitle">{move || heading.get().1}</p>
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
                            "register" => view! { <register::CompactRegister/> }.into_any(),
                            "passport" => view! { <PassportView largest=PASSPORT_ROWS/> }.into_any(),
                            _ => view! { <Timeline/> }.into_any(),
                        }}
                    </main>
                }.into_any(),
            }}
            <footer class="credit embed-foot">
                <p class="embed-credit" data-testid="credit">{CREDIT}", "
                    <a href=SIPRI_URL target="_blank" rel="noopener">{SIPRI_URL}</a>
                    {move || {
                        let gloss = tr().t("app.credit_gloss");
                        (!gloss.is_empty()).then(|| view! { " "<span class="credit-gloss">{gloss}</span> })
                    }}</p>
                <div class="embed-foot-row">
                    <details::EmbedDetails view=view_name/>
                    <a class="embed-open" href=full_link target="_blank" rel="noopener" data-testid="embed-full">{t("embed.explore")}" ↗"</a>
                </div>
            </footer>
        </div>
    }
}
