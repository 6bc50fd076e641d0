//! The story preset (`?story=myanmar`): [`StoryEntry`] is the one-click entry in the full
//! app; [`StoryPanel`] shows the steps with captions computed from the data
//! (`atlas_core::story`). The annotations the timeline draws are loaded in
//! [`crate::state::notes`] and listed under the timeline
//! ([`crate::views::timeline::annotations`]).

use atlas_core::story::{caption_in, story, Story};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::url::{write_now, UrlStatus};
use crate::state::{use_app_state, AppState};

/// Applies a story step: its filters, stacking and view, and records the step in the link.
pub fn go_to_step(state: AppState, url: UrlStatus, st: &Story, n: usize) {
    let Some(step) = st.steps.get(n) else { return };
    let Some(b) = state.bundle() else { return };
    let (filter, issues) = step.state.resolve(&b.dataset);
    url.issues.set(issues);
    // A step is a deliberate move: its own History entry, however quick the click.
    url.last_push.set_value(0.0);
    url.show.update(|s| {
        s.story = Some(st.key.to_owned());
        s.step = Some((n + 1) as u8);
    });
    url.view.set(step.state.view.clone());
    state.stack.set(step.state.stack);
    state.filter.set(filter);
    // Written at once (not after the pause other changes wait for), so Back works at once.
    write_now(state);
}

/// The story the link is in, if any.
fn current_story(url: UrlStatus) -> Option<Story> {
    url.show.with(|s| s.story.as_deref().and_then(story))
}

/// The one-click entry in the full app: a plain link (it is also the story's URL).
#[component]
pub fn StoryEntry() -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    let Some(st) = story("myanmar") else {
        return ().into_any();
    };
    let title = t(st.title_key);
    view! {
        <a class="story-entry" href="?story=myanmar" data-testid="story-entry"
            on:click=move |ev| {
                // In place, keeping the data loaded (and History for Back).
                if state.bundle().is_some() {
                    ev.prevent_default();
                    if let Some(st) = story("myanmar") {
                        go_to_step(state, url, &st, 0);
                    }
                }
            }>{title}</a>
    }
    .into_any()
}

/// The steps of the current story, with captions from the data. `compact`: a step control
/// for an embed (one view at a time) instead of three stacked cards.
#[component]
pub fn StoryPanel(#[prop(optional)] compact: bool) -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    let active = move || url.show.with(|s| s.step.unwrap_or(1) as usize - 1);
    move || {
        let st = current_story(url)?;
        let b = state.bundle()?;
        let steps: Vec<(usize, &'static str, String)> = st
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (i, tr().t(s.heading_key), caption_in(tr(), &b.dataset, s)))
            .collect();
        let key = st.key;
        let title = tr().t(st.title_key);
        let step_list = steps
            .into_iter()
            .map(|(i, heading, text)| {
                let st = story(key);
                let on = move || active() == i;
                view! {
                    <li class="story-step" class:active=on data-testid=format!("story-step-{}", i + 1)>
                        <button type="button" aria-pressed=move || on().to_string()
                            on:click=move |_| {
                                if let Some(st) = &st {
                                    go_to_step(state, url, st, i);
                                    if !compact {
                                        scroll_to_view(st.steps[i].state.view.as_deref());
                                    }
                                }
                            }>
                            <span class="step-n">{i + 1}</span>" "{heading}
                        </button>
                        {(!compact).then(|| view! { <p class="story-caption">{text.clone()}</p> })}
                    </li>
                }
            })
            .collect_view();
        let compact_caption = move || {
            let st = current_story(url)?;
            let b = state.bundle()?;
            let step = st.steps.get(active())?;
            Some(caption_in(tr(), &b.dataset, step))
        };
        Some(view! {
            <section class="story" class:compact=compact aria-label=title data-testid="story">
                {(!compact).then(|| view! {
                    <h2>{title}</h2>
                    <p class="story-lead">{t("story.lead")}</p>
                })}
                <ol class="story-steps">{step_list}</ol>
                {compact.then(|| view! { <p class="story-caption" data-testid="story-caption" aria-live="polite">{compact_caption}</p> })}
            </section>
        })
    }
}

fn scroll_to_view(view: Option<&str>) {
    let id = match view {
        Some("map") => "view-flowmap",
        _ => "view-timeline",
    };
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[data-testid=\"{id}\"]")).ok())
        .flatten();
    if let Some(el) = el {
        el.scroll_into_view();
    }
}
