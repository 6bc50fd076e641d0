//! The browser entry point: mount the app, nothing else (and one probe for benchmarks).

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    // The reader's table (French, German, Russian) is fetched by boot.js from the start,
    // in parallel with the wasm, so it is almost always here already; waiting for it lets
    // the first paint be in the reader's language. Without it (English, or a failed fetch)
    // the app mounts at once.
    wasm_bindgen_futures::spawn_local(async {
        let _ = arms_atlas::state::locale::table_ready(arms_atlas::state::locale::wanted_locale())
            .await;
        leptos::mount::mount_to_body(arms_atlas::App);
    });
}

/// Bytes of WebAssembly memory in use, for `cargo xtask bench`.
#[wasm_bindgen]
pub fn atlas_wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            f64::from(
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length(),
            )
        })
        .unwrap_or(0.0)
}
