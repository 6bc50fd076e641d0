//! The filter controls: native inputs and selects with stable `data-testid` hooks, so a
//! test, a benchmark or a screen reader can drive them like a person does.

use std::time::Duration;

use atlas_core::analysis::filter::{Filter, YearRange};

use atlas_core::model::{Category, Year};
use atlas_core::text::views::filters_summary_in;

use atlas_core::store::bundle::Bundle;
use leptos::prelude::*;

use super::entity_picker::{entity_picker, Side};
use crate::state::locale::{t, tr};
use crate::state::{use_app_state, Shared};
use crate::widgets::systems::SystemsList;

/// Applies `change` to the filter.
fn update(change: impl FnOnce(&mut Filter)) {
    use_app_state().filter.update(change);
}

/// Year range, supplier, recipient, category and weapon system.
#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = use_app_state();
    let Some(bundle) = state.bundle() else {
        return ().into_any();
    };
    let ds = &bundle.dataset;
    let (first, last) = ds.year_span().unwrap_or((1950, 2024));
    let year_error = RwSignal::new(None::<String>);
    let suppliers = ds.suppliers();
    let recipients = ds.recipients();
    let mut categories: Vec<Category> = ds.deals.iter().map(|d| d.category).collect();
    categories.sort();
    categories.dedup();
    let systems_wanted = RwSignal::new(false);
    // On a phone the controls sit behind one button that says what is filtered, so the
    // first screen holds a chart; wider screens show them always (the button is hidden).
    let open = RwSignal::new(false);
    let ds_summary = bundle.clone();
    let summary = move || {
        state
            .filter
            .with(|f| filters_summary_in(tr(), &ds_summary.dataset, f, (first, last)))
    };

    view! {
        <section class="filters" class:is-open=move || open.get() aria-label=t("filters.label")>
            <button type="button" class="filters-toggle" data-testid="filters-toggle"
                aria-expanded=move || open.get().to_string() aria-controls="filters-body"
                on:click=move |_| open.update(|o| *o = !*o)>
                <span class="filters-toggle-label">{t("filters.label")}</span>
                <span class="filters-summary" data-testid="filters-summary">{summary}</span>
            </button>
            <div class="filters-body" id="filters-body">
            {year_fields(first, last, year_error)}
            {entity_picker(&bundle, Side::SUPPLIER, suppliers)}
            {entity_picker(&bundle, Side::RECIPIENT, recipients)}
            {category_select(categories)}
            {system_input(&bundle, systems_wanted)}
            <button type="button" class="reset" data-testid="filter-reset"
                disabled=move || state.filter.with(Filter::is_empty)
                on:click=move |_| { year_error.set(None); state.filter.set(Filter::default()); }>
                {t("filters.reset")}
            </button>
            </div>
        </section>
    }
    .into_any()
}

/// How long a year box must rest after a keystroke before what is typed there applies.
const YEAR_PAUSE: Duration = Duration::from_millis(300);

/// Which year box.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    From,
    To,
}

/// The year range: from and to, with the error of an impossible range. A year applies
/// once typing rests for [`YEAR_PAUSE`] (when it makes a valid range), and at once on
/// change (leaving the box, the spinner) and on Enter, which also cancel the wait so that
/// it never applies the same year a second time.
fn year_fields(first: Year, last: Year, year_error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let years = move || state.filter.with(|f| f.years);
    // Applies the year typed in one box (`raw`). While typing (`typing`), a year shorter
    // than four characters is left alone: it is not finished. Runs in timers too, so it
    // reaches the state through the handle, not the context.
    let set_year = move |end: End, raw: &str, typing: bool| {
        let raw = raw.trim();
        let typed: i64 = match raw.parse() {
            Ok(y) => y,
            Err(_) if typing => return,
            Err(_) => -1,
        };
        let current = state
            .filter
            .with_untracked(|f| f.years)
            .map_or((i64::from(first), i64::from(last)), |r| {
                (i64::from(r.from()), i64::from(r.to()))
            });
        let (a, b) = match end {
            End::From => (typed, current.1),
            End::To => (current.0, typed),
        };
        match YearRange::new(a, b) {
            Ok(r) => {
                year_error.set(None);
                let whole = (r.from(), r.to()) == (first, last);
                let new = (!whole).then_some(r);
                if state.filter.with_untracked(|f| f.years != new) {
                    state.filter.update(|f| f.years = new);
                }
            }
            Err(_) if typing && raw.chars().count() < 4 => {}
            Err(e) => year_error.set(Some(
                tr().f("filters.years_error", &[("error", &e.to_string())]),
            )),
        }
    };
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
        }
    };
    let on_input = move |end: End, ev: leptos::ev::Event| {
        cancel();
        let raw = event_target_value(&ev);
        let apply = move || {
            pending.set_value(None);
            set_year(end, &raw, true);
        };
        pending.set_value(set_timeout_with_handle(apply, YEAR_PAUSE).ok());
    };
    let on_change = move |end: End, ev: leptos::ev::Event| {
        cancel();
        set_year(end, &event_target_value(&ev), false);
    };
    let on_key = move |end: End, ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            cancel();
            set_year(end, &event_target_value(&ev), false);
        }
    };
    on_cleanup(cancel);
    view! {
        <fieldset class="control years">
            <legend class="control-label">{t("filters.years")}</legend>
            <input type="number" inputmode="numeric" data-testid="filter-year-from" aria-label=t("filters.from_year")
                min=first max=last
                prop:value=move || years().map_or(first, |r| r.from()).to_string()
                on:input=move |ev| on_input(End::From, ev)
                on:change=move |ev| on_change(End::From, ev)
                on:keydown=move |ev| on_key(End::From, ev)/>
            <span aria-hidden="true">"–"</span>
            <input type="number" inputmode="numeric" data-testid="filter-year-to" aria-label=t("filters.to_year")
                min=first max=last
                prop:value=move || years().map_or(last, |r| r.to()).to_string()
                on:input=move |ev| on_input(End::To, ev)
                on:change=move |ev| on_change(End::To, ev)
                on:keydown=move |ev| on_key(End::To, ev)/>
            {move || year_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </fieldset>
    }
}

/// The category select.
fn category_select(categories: Vec<Category>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <label class="control">
            <span class="control-label">{t("filters.category")}</span>
            <select data-testid="filter-category" on:change=move |ev| {
                let v = event_target_value(&ev);
                update(|f| f.categories = Category::parse(&v).filter(|_| !v.is_empty()).into_iter().collect());
            }>
                <option value="" prop:selected=move || state.filter.with(|f| f.categories.is_empty())>{t("filters.all")}</option>
                {categories.into_iter().map(|c| view! {
                    <option value=c.name() prop:selected=move || state.filter.with(|f| f.categories.first() == Some(&c))>{move || atlas_core::text::capitalize(tr().category(c))}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The weapon system: a search box over the designations (an exact one filters by the
/// system, anything else by text).
fn system_input(bundle: &Shared<Bundle>, systems_wanted: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let sys_bundle = bundle.clone();
    let sys_value_bundle = bundle.clone();
    view! {
        <label class="control system">
            <span class="control-label">{t("filters.system")}</span>
            <input type="search" list="atlas-systems" data-testid="filter-system" autocomplete="off"
                on:focus=move |_| systems_wanted.set(true)
                placeholder=t("filters.system_placeholder")
                prop:value=move || {
                    let b = sys_value_bundle.clone();
                    state.filter.with(|f| f.systems.first().map_or_else(|| f.text.clone(), |s| b.dataset.str(*s).to_owned()))
                }
                on:change=move |ev| {
                    let v = event_target_value(&ev).trim().to_owned();
                    let exact = sys_bundle.dataset.strings.get(&v)
                        .filter(|id| sys_bundle.dataset.deals.iter().any(|d| d.designation == *id));
                    update(|f| match exact {
                        Some(id) => { f.systems = vec![id]; f.text.clear(); }
                        None => { f.systems.clear(); f.text = v.clone(); }
                    });
                }/>
            <SystemsList id="atlas-systems" wanted=systems_wanted/>
        </label>
    }
}
