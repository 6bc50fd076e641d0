//! "Copy link": puts the permalink of what is shown now (the filters, the stacking, the
//! data pin: `crate::state::url::current_link`) on the clipboard and says "Link copied"
//! through the live region. Where the browser allows no clipboard (an insecure context, a
//! refused permission) it shows the link in a read-only field, selected, and says how to
//! copy it by hand.

use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::url::current_link;
use crate::state::use_app_state;
use crate::widgets::announce::live_region;
use crate::widgets::clipboard::write_clipboard;

/// The words said after a copy, and after a refusal.
const COPIED: &str = "share.copied";
const REFUSED: &str = "share.copy_refused";

/// The button, and the field it falls back to.
#[component]
pub fn CopyLink() -> impl IntoView {
    let state = use_app_state();
    // What the last click did (the words' key) and the link it was for: both show while
    // that link is still the current one (a filter change makes them stale).
    let done = RwSignal::new(None::<(&'static str, String)>);
    let current = move || {
        state.filter.track();
        state.stack.track();
        done.get().filter(|(_, l)| *l == current_link(state))
    };
    let note = move || current().map(|(k, _)| k);
    // The link shown in the field when it could not be copied.
    let shown = move || current().filter(|(k, _)| *k == REFUSED).map(|(_, l)| l);
    let field = NodeRef::<leptos::html::Input>::new();
    let select_field = move || {
        if let Some(f) = field.get_untracked() {
            let _ = f.focus();
            f.select();
        }
    };
    // The field appears (or gets its new link) a render after it is set: select it then.
    Effect::new(move |_| {
        if shown().is_some() {
            request_animation_frame(select_field);
        }
    });
    let copy = move |_| {
        let link = current_link(state);
        let region = live_region();
        leptos::task::spawn_local(async move {
            let key = match write_clipboard(&link).await {
                Ok(()) => COPIED,
                Err(()) => REFUSED,
            };
            done.set(Some((key, link)));
            if let Some(r) = region {
                r.say(tr().t(key).to_owned());
            }
        });
    };
    view! {
        <span class="copy-link">
            <button type="button" class="copy-link-button" data-testid="copy-link" on:click=copy>
                {t("share.copy_link")}
            </button>
            {move || note().map(|k| view! {
                <span class="copy-link-note" data-testid="copy-link-note">{move || tr().t(k)}</span>
            })}
            {move || shown().map(|link| view! {
                <label class="copy-link-field">
                    <span class="visually-hidden">{t("share.link_field")}</span>
                    <input type="text" readonly node_ref=field data-testid="copy-link-field"
                        prop:value=link on:focus=move |_| {
                            if let Some(f) = field.get_untracked() { f.select(); }
                        }/>
                </label>
            })}
        </span>
    }
}
