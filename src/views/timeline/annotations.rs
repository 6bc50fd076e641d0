//! The annotations under the timeline: the markers the chart draws, as text with their
//! sources; problems reading the file; and a way to load one's own annotation file. The
//! annotations themselves are state ([`crate::state::notes`]).

use atlas_core::story::annotations::AnnotationKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::state::locale::{t, tr};
use crate::state::notes::{load_text, Notes, NotesLoad};
use crate::state::use_app_state;

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
                                    {a.label_in(tr())}
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
