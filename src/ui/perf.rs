//! `performance.mark`/`measure` around the app's phases, so the benchmark (and a
//! browser's profiler) can say where time goes. Silent where the API is missing.

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Sets a mark.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Measures from the mark `start` to now, under `name`.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// Sets a mark only if it is not set yet (e.g. the first chart painted).
pub fn mark_once(name: &str) {
    if let Some(p) = performance() {
        if p.get_entries_by_name(name).length() == 0 {
            let _ = p.mark(name);
        }
    }
}
