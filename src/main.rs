//! The browser entry point: mount the app, nothing else (and one probe for benchmarks).

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(arms_atlas::App);
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
