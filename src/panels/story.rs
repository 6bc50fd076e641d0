//! The story preset (`?story=myanmar`): [`StoryEntry`] is the one-click entry in the full
//! app; [`StoryPanel`] introduces the story and lists its steps; [`StoryCard`] shows the
//! step's caption, computed from the data (`atlas_core::story`), with Previous and Next,
//! directly above the chart the step sets, so that the words and their chart are read
//! together. The annotations the timeline draws are loaded in [`crate::state::notes`] and
//! listed under the timeline ([`crate::views::timeline::annotations`]).

use atlas_core::story::{caption_in, story, Story};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// The step shown, 0-based.
fn active_step(url: UrlStatus) -> usize {
    url.show
        .with(|s| usize::from(s.step.unwrap_or(1).max(1)) - 1)
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

/// The story's title, lead and steps. `compact`: a step control with the step's caption
/// for an embed (one view at a time); the full page shows the caption in [`StoryCard`].
/// Left and right arrow keys in the list move between the steps.
#[component]
pub fn StoryPanel(#[prop(optional)] compact: bool) -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    // Rebuilt only when the story changes, not with each step (focus stays where it is).
    let key = Memo::new(move |_| url.show.with(|s| s.story.clone()));
    move || {
        let st = key.get().as_deref().and_then(story)?;
        let title = tr().t(st.title_key);
        let count = st.steps.len();
        let step_list = st
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let heading = t(s.heading_key);
                let on = move || active_step(url) == i;
                view! {
                    <li class="story-step" class:active=on data-testid=format!("story-step-{}", i + 1)>
                        <button type="button" aria-pressed=move || on().to_string()
                            on:click=move |_| {
                                choose(state, url, i);
                                if !compact {
                                    reveal_card();
                                }
                            }>
                            <span class="step-n">{i + 1}</span>" "{heading}
                        </button>
                    </li>
                }
            })
            .collect_view();
        let on_key = move |ev: leptos::ev::KeyboardEvent| {
            let n = active_step(url);
            let to = match ev.key().as_str() {
                "ArrowRight" | "ArrowDown" => (n + 1).min(count - 1),
                "ArrowLeft" | "ArrowUp" => n.saturating_sub(1),
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            ev.prevent_default();
            if to != n {
                choose(state, url, to);
                focus_first(vec![format!(
                    "[data-testid=\"story-step-{}\"]>button",
                    to + 1
                )]);
                if !compact {
                    reveal_card();
                }
            }
        };
        let compact_caption = move || {
            let st = current_story(url)?;
            let b = state.bundle()?;
            let step = st.steps.get(active_step(url))?;
            Some(caption_in(tr(), &b.dataset, step))
        };
        Some(view! {
            <section class="story" class:compact=compact aria-label=title data-testid="story">
                {(!compact).then(|| view! {
                    <h2>{title}</h2>
                    <p class="story-lead">{t("story.lead")}" "{t("story.keys")}</p>
                })}
                <ol class="story-steps" aria-label=t("story.steps") data-testid="story-steps"
                    on:keydown=on_key>{step_list}</ol>
                {compact.then(|| view! { <p class="story-caption" data-testid="story-caption" aria-live="polite">{compact_caption}</p> })}
            </section>
        })
    }
}

/// The step's caption with Previous and Next, placed directly above the chart it is
/// about: the page renders one before the map and one before the timeline, and the one
/// whose `view` the step shows appears.
#[component]
pub fn StoryCard(view: &'static str) -> impl IntoView {
    let state = use_app_state();
    let url = expect_context::<UrlStatus>();
    // Whether this card is the one shown, and which story: the card is rebuilt only when
    // those change, not with each step (so Previous and Next keep the focus).
    let mine = Memo::new(move |_| {
        let shown = url
            .view
            .with(|v| v.clone().unwrap_or_else(|| "timeline".into()));
        url.show.with(|s| s.story.is_some()) && shown == view
    });
    let key = Memo::new(move |_| url.show.with(|s| s.story.clone()));
    move || {
        if !mine.get() {
            return None;
        }
        let st = key.get().as_deref().and_then(story)?;
        let count = st.steps.len();
        let n = move || active_step(url).min(count - 1);
        let caption = move || {
            let st = current_story(url)?;
            let b = state.bundle()?;
            Some(caption_in(tr(), &b.dataset, st.steps.get(n())?))
        };
        let heading = move || {
            let st = current_story(url)?;
            Some(tr().t(st.steps.get(n())?.heading_key))
        };
        let of = move || {
            tr().f(
                "story.step_of",
                &[
                    ("n", &tr().int(n() as i64 + 1)),
                    ("count", &tr().int(count as i64)),
                ],
            )
        };
        let at_start = move || n() == 0;
        let at_end = move || n() + 1 >= count;
        let step_by = move |delta: isize, me: &'static str, other: &'static str| {
            let to = n().saturating_add_signed(delta).min(count - 1);
            if to != n() {
                choose(state, url, to);
                // The card may now stand above the other chart: keep the reader's place,
                // and the focus on this button (or the other one, at either end).
                reveal_card();
                let pick = |id: &str| format!("[data-testid=\"{id}\"]:not([disabled])");
                focus_first(vec![pick(me), pick(other)]);
            }
        };
        Some(view! {
            <section class="story-card" aria-labelledby="story-card-heading" data-testid="story-card">
                <p class="story-card-of" data-testid="story-card-of">{of}</p>
                <h3 id="story-card-heading">{heading}</h3>
                <p class="story-caption" data-testid="story-caption" aria-live="polite">{caption}</p>
                <div class="story-nav">
                    <button type="button" data-testid="story-prev" disabled=at_start
                        on:click=move |_| step_by(-1, "story-prev", "story-next")>
                        <span aria-hidden="true">"← "</span>{t("story.prev")}
                    </button>
                    <button type="button" data-testid="story-next" disabled=at_end
                        on:click=move |_| step_by(1, "story-next", "story-prev")>
                        {t("story.next")}<span aria-hidden="true">" →"</span>
                    </button>
                </div>
            </section>
        })
    }
}

/// Goes to step `n` of the story the link is in.
fn choose(state: AppState, url: UrlStatus, n: usize) {
    if let Some(st) = current_story(url) {
        go_to_step(state, url, &st, n);
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Focuses the element matching the first of `selectors` that matches one, once the page
/// has caught up with the step (the element may be new).
fn focus_first(selectors: Vec<String>) {
    request_animation_frame(move || {
        let el = selectors
            .iter()
            .find_map(|s| document().and_then(|d| d.query_selector(s).ok().flatten()))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}

/// Scrolls, once the step is laid out, so that the story card and the chart below it
/// are both in view: not at all if they already are; else as little as needed; when
/// both do not fit, the card at the top (the words first, then as much chart as fits).
fn reveal_card() {
    request_animation_frame(|| {
        let Some(w) = web_sys::window() else { return };
        let Some(card) = document().and_then(|d| {
            d.query_selector("[data-testid=\"story-card\"]")
                .ok()
                .flatten()
        }) else {
            return;
        };
        let chart = card
            .next_element_sibling()
            .and_then(|v| v.query_selector("canvas").ok().flatten())
            .unwrap_or_else(|| card.clone());
        let vh = w
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let y = w.scroll_y().unwrap_or(0.0);
        let top = card.get_bounding_client_rect().top() + y;
        let bottom = chart.get_bounding_client_rect().bottom() + y;
        let target = if bottom - top <= vh {
            // Any scroll position in [bottom - vh, top] shows both: the nearest one.
            y.clamp(bottom - vh, top)
        } else {
            top
        };
        if (target - y).abs() >= 1.0 {
            w.scroll_to_with_x_and_y(w.scroll_x().unwrap_or(0.0), target.max(0.0));
        }
    });
}
