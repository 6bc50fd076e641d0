//! Writing text to the clipboard, for the "Copy link" button and the embed dialog's
//! "Copy": the Clipboard API where the page may use it, an error where it may not (an
//! insecure context has no `navigator.clipboard`; a refused permission rejects), so that
//! the caller can select the text for the reader to copy instead.

use wasm_bindgen::{JsCast, JsValue};

/// Calls `navigator.clipboard.writeText(text)`; `Err` when there is no clipboard access.
/// Looked up by name, not through `web_sys::Navigator::clipboard`, which would call a
/// method on `undefined` in an insecure context.
pub async fn write_clipboard(text: &str) -> Result<(), ()> {
    let w = web_sys::window().ok_or(())?;
    let nav = js_sys::Reflect::get(&w, &JsValue::from_str("navigator")).map_err(|_| ())?;
    let clip = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).map_err(|_| ())?;
    if clip.is_undefined() || clip.is_null() {
        return Err(());
    }
    let f: js_sys::Function = js_sys::Reflect::get(&clip, &JsValue::from_str("writeText"))
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    let p: js_sys::Promise = f
        .call1(&clip, &JsValue::from_str(text))
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .map(|_| ())
        .map_err(|_| ())
}
