//! The annotations: [`provide_notes`] loads the annotation file
//! (`assets/annotations/myanmar.tsv`, or the link's `annotations=` path, in the page's folder
//! or below only)
//! and puts it in context as [`Notes`]; the timeline draws the ones that apply to the
//! current filter and lists them under the chart, where a journalist can load their own.

use atlas_core::clean::plain_text;
use atlas_core::story::annotations::{parse_annotations, Annotation};
use atlas_core::url::embed::beside_page;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::loading::fetch_bytes;
use super::url::UrlStatus;
use super::AppState;

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
            let names = |ids: &[atlas_core::model::EntityId]| {
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

/// The annotations of one file's text, with its problems named by file.
pub fn load_text(file: &str, text: &str) -> NotesLoad {
    let (notes, issues) = parse_annotations(text);
    // A file name chosen by the reader is shown: it is text, never layout.
    let file = plain_text(file);
    NotesLoad {
        notes,
        issues: issues.iter().map(|i| format!("{file}: {i}")).collect(),
        file,
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
            // In the page's folder: the path was checked when the link was read
            // (`check_annotation_path`), and is resolved here against the folder.
            let page = window().location().href().unwrap_or_default();
            let loaded = match fetch_bytes(&beside_page(&page, &file)).await {
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
