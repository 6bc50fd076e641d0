//! `performance.mark`/`measure` around the app's phases, so the benchmark (and a
//! browser's profiler) can say where time goes. Silent where the API is missing.

use std::cell::RefCell;
use std::collections::HashSet;

thread_local! {
    /// The page's `performance`, looked up once (two calls across the wasm boundary saved
    /// per mark on every filter change).
    static PERF: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
    /// Names already marked by [`mark_once`].
    static ONCE: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

fn performance() -> Option<web_sys::Performance> {
    PERF.with(Clone::clone)
}

/// Sets a mark.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Measures from the mark `start` to now, under `name`, then drops the start mark: the
/// marks of every filter change would otherwise pile up in the page's timeline for as long
/// as it stays open. (The measures stay, for the benchmark; it clears them itself.)
pub fn measure(name: &str, start: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

/// Sets a mark only if it is not set yet (e.g. the first chart painted).
pub fn mark_once(name: &str) {
    // A set in memory, not `getEntriesByName`: that scans every entry in the timeline,
    // and the timeline's draw asks on every redraw.
    let first = ONCE.with(|o| o.borrow_mut().insert(name.to_owned()));
    if first {
        if let Some(p) = performance() {
            let _ = p.mark(name);
        }
    }
}
