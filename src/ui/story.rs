//! The story preset (`?story=myanmar`) and annotations.
//!
//! - [`provide_notes`] loads the annotation file (`assets/annotations/myanmar.tsv`, or the
//!   link's `annotations=` path, same origin only) and puts it in context; the timeline
//!   draws the ones that apply to the current filter.
//! - [`StoryEntry`] is the one-click entry in the full app; [`StoryPanel`] shows the steps
//!   with captions computed from the data (`atlas_core::story`).
//! - [`AnnotationList`] lists the markers under the timeline with their sources, and lets
//!   a journalist load their own file.

use atlas_core::annotations::{parse_annotations, Annotation, AnnotationKind};
use atlas_core::query::UrlState;
use atlas_core::story::{caption_in, story, Story};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use super::app::fetch_bytes;
use super::i18n::{t, tr};
use crate::state::url::UrlStatus;
use crate::state::{use_app_state, AppState};

/// The annotation file shown when the link names none.
pub const DEFAULT_NOTES: &str = "assets/annotations/myanmar.tsv";

/// The annotations loaded, and what went wrong reading them.
#[derive(Clone, Default, PartialEq)]
pub struct NotesLoad {
    pub notes: Vec<Annotation>,
    pub issues: Vec<String>,
    /// The file they came from.
    pub file: String,
}

/// Annotations in context.
#[derive(Clone, Copy)]
pub struct Notes(pub RwSignal<NotesLoad>);

impl Notes {
    /// The annotations that belong to the current filter.
    pub fn applicable(&self, state: AppState) -> Vec<Annotation> {
        let Some(b) = state.bundle() else {
            return Vec::new();
        };
        let (rec, sup) = state.filter.with(|f| {
            let names = |ids: &[atlas_core::data::EntityId]| {
                ids.iter()
                    .map(|e| b.dataset.entity(*e).name.clone())
                    .collect::<Vec<_>>()
            };
            (names(&f.recipients), names(&f.suppliers))
        });
        let rec: Vec<&str> = rec.iter().map(String::as_str).collect();
        let sup: Vec<&str> = sup.iter().map(String::as_str).collect();
        self.0.with(|n| {
            n.notes
                .iter()
                .filter(|a| a.applies(&rec, &sup))
                .cloned()
                .collect()
        })
    }
}

fn load_text(file: &str, text: &str) -> NotesLoad {
    let (notes, issues) = parse_annotations(text);
    NotesLoad {
        notes,
        issues: issues.iter().map(|i| format!("{file}: {i}")).collect(),
        file: file.to_owned(),
    }
}

/// Loads the annotation file the link asks for (or the default) and provides [`Notes`].
pub fn provide_notes(url: UrlStatus) -> Notes {
    let notes = Notes(RwSignal::new(NotesLoad::default()));
    provide_context(notes);
    let path = Memo::new(move |_| url.show.with(|s| s.annotations.clone()));
    Effect::new(move |_| {
        let file = path.get().unwrap_or_else(|| DEFAULT_NOTES.to_owned());
        spawn_local(async move {
            let loaded = match fetch_bytes(&file).await {
                Ok(bytes) => load_text(&file, &String::from_utf8_lossy(&bytes)),
                Err(e) => NotesLoad {
                    issues: vec![format!("Annotations: {e}")],
                    file,
                    ..NotesLoad::default()
                },
            };
            notes.0.set(loaded);
        });
    });
    notes
}

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
    crate::state::url::write_now(state);
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

/// The markers drawn on the timeline, as text with their sources; problems reading the
/// file; and a way to load one's own annotation file.
#[component]
pub fn AnnotationList() -> impl IntoView {
    let state = use_app_state();
    let Some(notes) = use_context::<Notes>() else {
        return ().into_any();
    };
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let shown = Memo::new(move |_| notes.applicable(state));
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let name = file.name();
            let loaded = match JsFuture::from(file.text()).await {
                Ok(t) => load_text(&name, &t.as_string().unwrap_or_default()),
                Err(_) => NotesLoad {
                    issues: vec![tr().f("notes.unreadable", &[("name", &name)])],
                    file: name,
                    ..NotesLoad::default()
                },
            };
            notes.0.set(loaded);
        });
    };
    view! {
        <div class="notes" data-testid="annotations">
            {move || {
                let list = shown.get();
                (!list.is_empty()).then(|| view! {
                    <h3 class="notes-head">{t("notes.head")}</h3>
                    <ul class="notes-list">
                        {list.into_iter().map(|a| {
                            let reported = a.kind == AnnotationKind::Reported;
                            view! {
                                <li class:reported=reported data-kind=a.kind.name()>
                                    <strong>{a.date.format_in(tr())}</strong>" "
                                    {reported.then(|| view! { <span class="tag-reported">{t("notes.reported")}</span>" " })}
                                    {a.label.clone()}
                                    {(!a.detail.is_empty()).then(|| view! { <span class="note-detail">" — "{a.detail.clone()}</span> })}
                                    <span class="note-source">" "{t("notes.source")}" "{a.source.clone()}
                                        {a.url.clone().map(|u| view! { " " <a href=u.clone() rel="noopener noreferrer">{u.clone()}</a> })}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            {move || notes.0.with(|n| (!n.issues.is_empty()).then(|| view! {
                <ul class="notes-issues" role="status" data-testid="annotation-issues">
                    {n.issues.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}
                </ul>
            }))}
            <p class="notes-load">
                <button type="button" class="linkish" data-testid="annotations-load"
                    on:click=move |_| { if let Some(i) = input_ref.get() { i.click(); } }>
                    {t("notes.load")}</button>
                <input node_ref=input_ref type="file" accept=".tsv,.txt,text/tab-separated-values,text/plain"
                    class="visually-hidden" data-testid="annotations-file" aria-label=t("notes.file_label") tabindex="-1"
                    on:change=on_file/>
                <span class="hint">{move || notes.0.with(|n| format!(" {}", tr().f("notes.now", &[("file", if n.file.is_empty() { tr().t("notes.none") } else { &n.file })])))}</span>
            </p>
        </div>
    }
    .into_any()
}

/// The current state as a link state (for the embed snippet).
pub fn current_url_state(state: AppState, url: UrlStatus) -> Option<UrlState> {
    let b = state.bundle()?;
    let mut s = state
        .filter
        .with_untracked(|f| UrlState::from_filter(&b.dataset, f, state.stack.get_untracked()));
    s.view = url.view.get_untracked();
    s.show = url.show.get_untracked();
    s.data = Some(crate::state::url::data_id(state, &b));
    Some(s)
}
