//! Choosing suppliers (or recipients): several of them, to compare Russia and China.
//!
//! Three parts, one list of chosen names (`Filter::suppliers` / `recipients`):
//! * a native `<select>` (the `filter-supplier` hook the benchmark and the tests drive):
//!   picking a name makes it the only one, "All" clears the choice, and while several are
//!   chosen it shows "Several (2)" (an option that cannot be picked);
//! * the chosen names as chips, each a button "Remove Russia";
//! * an "Add a supplier" combobox (ARIA 1.2 combobox with a listbox popup, list
//!   autocomplete with automatic selection): typing lists the names that match, whatever
//!   the case and accents, those that start with what is typed first
//!   (`atlas_core::text::typeahead`); ↓/↑ move through them, Enter adds the one marked,
//!   Escape closes the list (then clears what is typed), Backspace in the empty box
//!   removes the last chip.

use atlas_core::model::EntityId;
use atlas_core::store::bundle::Bundle;
use atlas_core::text::typeahead::NameIndex;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::locale::{t, tr};
use crate::state::{use_app_state, AppState, Shared};

/// The `<select>` value of the "Several (n)" option (never a name: SIPRI's names have
/// capitals).
const SEVERAL: &str = "several";

/// Which side of a deal a picker chooses, and its words and hooks.
#[derive(Clone, Copy)]
pub struct Side {
    pub recipient: bool,
    /// The select's `data-testid`; the other parts' hooks and ids start with it.
    pub testid: &'static str,
    pub label: &'static str,
    pub add: &'static str,
    pub chosen: &'static str,
}

impl Side {
    pub const SUPPLIER: Side = Side {
        recipient: false,
        testid: "filter-supplier",
        label: "filters.supplier",
        add: "filters.add_supplier",
        chosen: "filters.chosen_suppliers",
    };
    pub const RECIPIENT: Side = Side {
        recipient: true,
        testid: "filter-recipient",
        label: "filters.recipient",
        add: "filters.add_recipient",
        chosen: "filters.chosen_recipients",
    };

    fn ids(self, state: AppState) -> Vec<EntityId> {
        state.filter.with(|f| {
            if self.recipient {
                f.recipients.clone()
            } else {
                f.suppliers.clone()
            }
        })
    }

    fn set(self, state: AppState, change: impl FnOnce(&mut Vec<EntityId>)) {
        state.filter.update(|f| {
            change(if self.recipient {
                &mut f.recipients
            } else {
                &mut f.suppliers
            })
        });
    }
}

/// The select, the chips and the combobox of one side; `options` are the side's entities
/// in the order listed (alphabetical).
pub fn entity_picker(bundle: &Shared<Bundle>, side: Side, options: Vec<EntityId>) -> impl IntoView {
    let state = use_app_state();
    let chosen = Memo::new(move |_| side.ids(state));
    // SIPRI's name (what links and the select's values carry), and the name shown (in the
    // reader's language; read in a closure, it follows the language).
    let name = {
        let b = bundle.clone();
        move |id: EntityId| b.dataset.entity(id).name.clone()
    };
    let shown = {
        let b = bundle.clone();
        move |id: EntityId| tr().entity(&b.dataset, id).to_owned()
    };
    // The names to type, in the order the select lists them: each entity by the name
    // shown and by SIPRI's, so that "Russie" and "Russia" both find it in French.
    let index = {
        let b = bundle.clone();
        let options = options.clone();
        Memo::new(move |_| {
            let tr = tr();
            let ds = &b.dataset;
            NameIndex::new(
                tr.sorted_by_name(ds, options.iter().copied())
                    .into_iter()
                    .map(|(id, shown)| (id, [shown, ds.entity(id).label()])),
            )
        })
    };
    let select_id = format!("{}-select", side.testid);
    let listbox_id = format!("{}-listbox", side.testid);
    let option_id = move |id: EntityId| format!("{}-opt-{}", side.testid, id.0);

    // The select: "" is All, one name, or SEVERAL.
    let current = Memo::new({
        let name = name.clone();
        move |_| {
            chosen.with(|c| match c.as_slice() {
                [] => String::new(),
                [one] => name(*one),
                _ => SEVERAL.to_owned(),
            })
        }
    });
    let on_select = {
        let b = bundle.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if v == SEVERAL {
                return;
            }
            let ids: Vec<EntityId> = b.dataset.entity_by_name(&v).into_iter().collect();
            side.set(state, |s| *s = ids);
        }
    };
    // Sorted by the name shown, in the reader's language; the title gives SIPRI's name
    // where it differs.
    let select_options = {
        let b = bundle.clone();
        move || {
            let tr = tr();
            tr.sorted_by_name(&b.dataset, options.iter().copied())
                .into_iter()
                .map(|(id, shown)| {
                    let ent = b.dataset.entity(id);
                    let (value, title) = (ent.name.clone(), tr.sipri_note(ent));
                    let n = value.clone();
                    view! { <option value=value title=title prop:selected=move || current.with(|c| *c == n)>{shown.to_owned()}</option> }
                })
                .collect_view()
        }
    };

    // The combobox.
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let chips_ref = NodeRef::<leptos::html::Ul>::new();
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<EntityId>);
    let matches = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let chosen = chosen.get();
        query.with(|q| index.with(|ix| ix.search(q, |k| chosen.contains(&k))))
    });
    let showing = move || open.get() && matches.with(|m| !m.is_empty());
    let no_match = move || {
        let q = query.get();
        (open.get() && !q.trim().is_empty() && matches.with(Vec::is_empty))
            .then(|| tr().f("filters.no_match", &[("text", q.trim())]))
    };
    let add = move |id: EntityId| {
        side.set(state, |s| {
            if !s.contains(&id) {
                s.push(id);
            }
        });
        query.set(String::new());
        open.set(false);
        active.set(None);
    };
    // After a chip goes, the focus goes to the chip now in its place, else the one
    // before, else the box (the button pressed is gone).
    let refocus = move |at: usize| {
        request_animation_frame(move || {
            let chip = chips_ref.get_untracked().and_then(|ul| {
                let items = ul.children();
                let n = items.length();
                (n > 0)
                    .then(|| items.item((at as u32).min(n - 1)))??
                    .first_element_child()
            });
            match chip.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
                Some(c) => {
                    let _ = c.focus();
                }
                None => {
                    if let Some(i) = input_ref.get_untracked() {
                        let _ = i.focus();
                    }
                }
            }
        });
    };
    let remove = move |id: EntityId| {
        let at = chosen.with_untracked(|c| c.iter().position(|x| *x == id).unwrap_or(0));
        side.set(state, |s| s.retain(|x| *x != id));
        refocus(at);
    };
    let step = move |by: isize| {
        let m = matches.get_untracked();
        if m.is_empty() {
            return;
        }
        let n = m.len() as isize;
        let next = match active
            .get_untracked()
            .and_then(|a| m.iter().position(|x| *x == a))
        {
            Some(i) => (i as isize + by).rem_euclid(n),
            None if by > 0 => 0,
            None => n - 1,
        };
        active.set(m.get(next as usize).copied());
        if let Some(id) = active.get_untracked() {
            scroll_to_option(&option_id(id));
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        query.set(event_target_value(&ev));
        open.set(true);
        active.set(matches.with_untracked(|m| m.first().copied()));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            let down = ev.key() == "ArrowDown";
            if !open.get_untracked() {
                open.set(true);
                active.set(None);
            }
            if ev.alt_key() {
                return;
            }
            step(if down { 1 } else { -1 });
        }
        "Enter" => {
            if let Some(id) = active.get_untracked().filter(|_| showing()) {
                ev.prevent_default();
                add(id);
            }
        }
        "Escape" => {
            if showing() {
                ev.prevent_default();
                ev.stop_propagation();
                open.set(false);
                active.set(None);
            } else if !query.get_untracked().is_empty() {
                ev.prevent_default();
                ev.stop_propagation();
                query.set(String::new());
            }
        }
        "Backspace" if query.get_untracked().is_empty() => {
            if let Some(last) = chosen.with_untracked(|c| c.last().copied()) {
                side.set(state, |s| s.retain(|x| *x != last));
            }
        }
        _ => {}
    };
    let chip_views = {
        let shown = shown.clone();
        let name = name.clone();
        move |id: EntityId| {
            let (words, label) = (shown.clone(), shown.clone());
            let remove_words = move || tr().f("filters.remove", &[("name", &words(id))]);
            view! {
                <li>
                    <button type="button" class="chip" data-testid=format!("{}-chip", side.testid)
                        data-entity=name(id) aria-label=remove_words
                        on:click=move |_| remove(id)>
                        {move || label(id)}<span class="chip-x" aria-hidden="true">"×"</span>
                    </button>
                </li>
            }
        }
    };
    let option_views = move |id: EntityId| {
        let label = shown.clone();
        view! {
            <li role="option" id=option_id(id) class="combo-option"
                data-entity=name(id)
                aria-selected=move || (active.get() == Some(id)).to_string()
                on:mousedown=|ev| ev.prevent_default()
                on:click=move |_| add(id)>
                {move || label(id)}
            </li>
        }
    };
    let listbox_for_input = listbox_id.clone();
    view! {
        <div class="control entity-picker">
            <label class="control-label" for=select_id.clone()>{t(side.label)}</label>
            <select id=select_id data-testid=side.testid on:change=on_select>
                <option value="" prop:selected=move || current.with(String::is_empty)>{t("filters.all")}</option>
                <option value=SEVERAL disabled hidden=move || current.with(|c| c != SEVERAL)
                    prop:selected=move || current.with(|c| c == SEVERAL)>
                    {move || tr().f("filters.several", &[("count", &chosen.with(Vec::len).to_string())])}
                </option>
                {select_options}
            </select>
            <ul class="chips" node_ref=chips_ref aria-label=t(side.chosen)
                hidden=move || chosen.with(Vec::is_empty)
                data-testid=format!("{}-chips", side.testid)>
                <For each=move || chosen.get() key=|id| *id children=chip_views/>
            </ul>
            <div class="combo">
                <input type="text" role="combobox" class="combo-input" node_ref=input_ref
                    aria-label=t(side.add) placeholder=t(side.add)
                    aria-autocomplete="list" aria-controls=listbox_for_input
                    aria-expanded=move || showing().to_string()
                    aria-activedescendant=move || active.get().filter(|_| showing()).map(option_id)
                    autocomplete="off" spellcheck="false"
                    data-testid=format!("{}-add", side.testid)
                    prop:value=move || query.get()
                    on:input=on_input on:keydown=on_keydown
                    on:blur=move |_| { open.set(false); active.set(None); }/>
                <ul role="listbox" id=listbox_id class="combo-list" aria-label=t(side.add)
                    hidden=move || !showing()
                    data-testid=format!("{}-options", side.testid)>
                    <For each=move || matches.get() key=|id| *id children=option_views/>
                </ul>
                <p class="combo-empty" role="status">{no_match}</p>
            </div>
        </div>
    }
}

/// Scrolls the option with `id` into its list's view (the list scrolls; the page not).
fn scroll_to_option(id: &str) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let (Some(list), Ok(el)) = (el.parent_element(), el.dyn_into::<web_sys::HtmlElement>()) else {
        return;
    };
    let (top, bottom) = (el.offset_top(), el.offset_top() + el.offset_height());
    let (view_top, view_h) = (list.scroll_top(), list.client_height());
    if top < view_top {
        list.set_scroll_top(top);
    } else if bottom > view_top + view_h {
        list.set_scroll_top(bottom - view_h);
    }
}
