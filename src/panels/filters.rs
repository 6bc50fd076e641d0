//! The filter controls: native inputs and selects with stable `data-testid` hooks, so a
//! test, a benchmark or a screen reader can drive them like a person does.

use atlas_core::analysis::filter::{Filter, YearRange};

use atlas_core::model::{Category, EntityId, Year};

use atlas_core::store::bundle::Bundle;
use leptos::prelude::*;

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
            .with(|f| active_summary(&ds_summary.dataset, f, (first, last)))
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
            {entity_select(&bundle, "filters.supplier", "filter-supplier", suppliers, false)}
            {entity_select(&bundle, "filters.recipient", "filter-recipient", recipients, true)}
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

/// The active filters in one line ("Russia → Myanmar · 2021–2024 · aircraft"), or the
/// words for none.
fn active_summary(ds: &atlas_core::model::Dataset, f: &Filter, span: (Year, Year)) -> String {
    let tr = tr();
    let names = |ids: &[EntityId]| {
        ids.iter()
            .map(|e| tr.entity(ds, *e).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts: Vec<String> = Vec::new();
    match (f.suppliers.is_empty(), f.recipients.is_empty()) {
        (true, true) => {}
        (false, true) => parts.push(tr.f("filters.summary_from", &[("who", &names(&f.suppliers))])),
        (true, false) => parts.push(tr.f("filters.summary_to", &[("who", &names(&f.recipients))])),
        (false, false) => parts.push(format!(
            "{} → {}",
            names(&f.suppliers),
            names(&f.recipients)
        )),
    }
    let (a, b) = f.years.map_or(span, |r| (r.from(), r.to()));
    parts.push(format!("{a}–{b}"));
    if !f.categories.is_empty() {
        parts.push(
            f.categories
                .iter()
                .map(|c| tr.category(*c))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    for s in &f.systems {
        parts.push(ds.str(*s).to_owned());
    }
    if !f.text.is_empty() {
        parts.push(format!("“{}”", f.text));
    }
    parts.join(" · ")
}

/// The year range: from and to, with the error of an impossible range.
fn year_fields(first: Year, last: Year, year_error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let years = move || state.filter.with(|f| f.years);
    let set_year = move |from: Option<i64>, to: Option<i64>| {
        let current = years().map_or((i64::from(first), i64::from(last)), |r| {
            (i64::from(r.from()), i64::from(r.to()))
        });
        let (a, b) = (from.unwrap_or(current.0), to.unwrap_or(current.1));
        match YearRange::new(a, b) {
            Ok(r) => {
                year_error.set(None);
                let whole = (r.from(), r.to()) == (first, last);
                update(|f| f.years = (!whole).then_some(r));
            }
            Err(e) => year_error.set(Some(
                tr().f("filters.years_error", &[("error", &e.to_string())]),
            )),
        }
    };
    view! {
        <fieldset class="control years">
            <legend class="control-label">{t("filters.years")}</legend>
            <input type="number" inputmode="numeric" data-testid="filter-year-from" aria-label=t("filters.from_year")
                min=first max=last
                prop:value=move || years().map_or(first, |r| r.from()).to_string()
                on:change=move |ev| set_year(event_target_value(&ev).trim().parse().ok().or(Some(-1)), None)/>
            <span aria-hidden="true">"–"</span>
            <input type="number" inputmode="numeric" data-testid="filter-year-to" aria-label=t("filters.to_year")
                min=first max=last
                prop:value=move || years().map_or(last, |r| r.to()).to_string()
                on:change=move |ev| set_year(None, event_target_value(&ev).trim().parse().ok().or(Some(-1)))/>
            {move || year_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </fieldset>
    }
}

/// A select of suppliers or recipients (`recipient`): each option's value is SIPRI's name
/// (what links carry), its text the name in the reader's language, sorted by that.
fn entity_select(
    bundle: &Shared<Bundle>,
    label: &'static str,
    testid: &'static str,
    ids: Vec<EntityId>,
    recipient: bool,
) -> impl IntoView {
    let state = use_app_state();
    let b = bundle.clone();
    // A memo: each option's `selected` re-runs only when this select's value changes,
    // not on every change of any filter.
    let current = Memo::new(move |_| {
        state.filter.with(|f| {
            let ids = if recipient {
                &f.recipients
            } else {
                &f.suppliers
            };
            ids.first()
                .map(|id| b.dataset.entity(*id).name.clone())
                .unwrap_or_default()
        })
    });
    let b2 = bundle.clone();
    let b3 = bundle.clone();
    let options = move || {
        let tr = tr();
        tr.sorted_by_name(&b3.dataset, ids.iter().copied())
            .into_iter()
            .map(|(id, shown)| {
                let ent = b3.dataset.entity(id);
                let (name, title) = (ent.name.clone(), tr.sipri_note(ent));
                let n2 = name.clone();
                view! { <option value=name title=title prop:selected=move || current.with(|c| *c == n2)>{shown.to_owned()}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="control">
            <span class="control-label">{t(label)}</span>
            <select data-testid=testid
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let ids: Vec<EntityId> = b2.dataset.entity_by_name(&v).into_iter().collect();
                    update(|f| if recipient { f.recipients = ids } else { f.suppliers = ids });
                }>
                <option value="" prop:selected=move || current.with(String::is_empty)>{t("filters.all")}</option>
                {options}
            </select>
        </label>
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
