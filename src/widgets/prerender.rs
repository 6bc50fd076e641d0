//! Taking over from the prerendered first screen (`xtask/src/prerender.rs` draws it into
//! `index.html`; `assets/pre.js` shows it, with the class `pre` on `<html>`, only to a
//! reader who will see that very view). The app lays itself out unseen beneath it, and
//! [`take_over`] removes it once the map and the timeline have painted with the land, one
//! frame later, so the reader never sees an empty canvas and nothing on the page moves.

use leptos::prelude::*;

use crate::state::{AppState, Load, MapLoad};

/// The canvases the prerender stands in for.
const CANVASES: [&str; 2] = ["flowmap-canvas", "timeline-canvas"];
/// Frames to wait at most (about ten seconds at 60 Hz) before showing the app anyway.
const MAX_FRAMES: u32 = 600;

fn shown() -> bool {
    document()
        .document_element()
        .is_some_and(|r| r.class_list().contains("pre"))
}

/// Removes the prerender and shows the app.
fn remove() {
    let doc = document();
    if let Some(p) = doc.get_element_by_id("prerender") {
        p.remove();
    }
    if let Some(r) = doc.document_element() {
        let _ = r.class_list().remove_1("pre");
    }
}

/// Whether the app's own `canvas` of that test id has painted once (`data-painted`, set by
/// [`crate::widgets::canvas::paint_on_frame`]).
fn painted(testid: &str) -> bool {
    document()
        .query_selector(&format!(
            "body > .atlas [data-testid=\"{testid}\"][data-painted]"
        ))
        .ok()
        .flatten()
        .is_some()
}

/// Hands the screen from the prerender to the app: at once when the data failed (the
/// message must be seen), else when both charts have painted and the map has its land.
pub fn take_over(state: AppState) {
    if !shown() {
        // Not this reader's view: never shown, so out of the page at once (it stayed,
        // hidden, for every link with parameters).
        remove();
        return;
    }
    let started = StoredValue::new(false);
    Effect::new(move |_| match state.load.get() {
        Load::Loading => {}
        Load::Failed(_) => remove(),
        Load::Ready(_) => {
            if !started.get_value() {
                started.set_value(true);
                watch(state, 0, 0);
            }
        }
    });
}

fn watch(state: AppState, ready_frames: u32, frames: u32) {
    request_animation_frame(move || {
        let map_settled = !matches!(state.map.get_untracked(), MapLoad::Loading);
        let ready = map_settled && CANVASES.iter().all(|c| painted(c));
        // One frame after both painted: a repaint the land's arrival asked for is done.
        if (ready && ready_frames >= 1) || frames >= MAX_FRAMES {
            remove();
        } else {
            watch(state, if ready { ready_frames + 1 } else { 0 }, frames + 1);
        }
    });
}
