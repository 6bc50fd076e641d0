//! The system passport: pick a weapon designation (typeahead over every designation) and
//! see it across every recipient and year — who received it, from whom, when, how many,
//! new or second-hand, and whether it was built locally. The passport deliberately ignores
//! the filters; it follows the filter's weapon system until the reader picks another.

use std::sync::Arc;

use atlas_core::analysis::passport::{find_designation, shown_designation, Passport, PassportRow};
use atlas_core::analysis::register::format_years;
use atlas_core::model::{Dataset, Flag, StrId, Year};
use atlas_core::text::register::{flag_in, format_tiv_in, status_key};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::{use_app_state, Selection, Shared};
use crate::widgets::systems::SystemsList;

/// How many of the filter's top systems are offered as examples when none is chosen.
const SUGGESTIONS: usize = 6;

fn local_label(f: Flag) -> &'static str {
    flag_in(tr(), f)
}

/// A row's delivery years as a strip of ticks over the passport's whole span: the
/// "matrix" of recipient × year, one line per table row.
fn strip(row: &PassportRow, span: (Year, Year)) -> impl IntoView {
    let n = usize::from(span.1.saturating_sub(span.0)) + 1;
    let ticks = row
        .years
        .iter()
        .map(|y| {
            let x = f64::from(y.year.saturating_sub(span.0));
            // Estimated years are short ticks as well as pale ones: shape, not only colour.
            let (cls, y0, h) = if y.year_estimate || y.number_estimate || y.approximate {
                ("tick tick-est", "4", "6")
            } else {
                ("tick", "0", "10")
            };
            view! { <rect class=cls x=format!("{:.2}", x + 0.1) y=y0 width="0.8" height=h/> }
        })
        .collect_view();
    view! {
        <svg class="passport-strip" viewBox=format!("0 0 {n} 10") preserveAspectRatio="none" aria-hidden="true">
            <rect class="strip-bg" x="0" y="0" width=n height="10"/>
            {ticks}
        </svg>
    }
}

/// The passport view. With `largest`, only that many rows, those with the most TIV
/// (largest first), and a line saying how many there are in all (an embed's passport).
#[component]
pub fn Passport(#[prop(optional)] largest: Option<usize>) -> impl IntoView {
    let state = use_app_state();
    // Rebuilt when other data is loaded: the designations are the data's.
    move || {
        state.bundle().map_or_else(
            || {
                view! { <section class="view passport" data-testid="view-passport"></section> }
                    .into_any()
            },
            |b| passport_view(b, largest).into_any(),
        )
    }
}

/// The passport for one loaded dataset.
fn passport_view(
    bundle: Shared<atlas_core::store::bundle::Bundle>,
    largest: Option<usize>,
) -> impl IntoView {
    let state = use_app_state();
    let systems_wanted = RwSignal::new(false);
    // The reader's pick, with the filter's first system at the moment of picking.
    let picked = RwSignal::new(None::<(StrId, Option<StrId>)>);
    let error = RwSignal::new(None::<String>);
    let filter_first = Memo::new(move |_| state.filter.with(|f| f.systems.first().copied()));
    let shown = Memo::new(move |_| shown_designation(picked.get(), filter_first.get()));
    let passport = Memo::new(move |_| {
        let b = state.bundle()?;
        let id = shown.get()?;
        Some(Shared(Arc::new(Passport::build(&b.dataset, id))))
    });
    let pick = move |ds: &Dataset, text: &str, complain: bool| match find_designation(ds, text) {
        Some(id) => {
            error.set(None);
            picked.set(Some((id, filter_first.get_untracked())));
        }
        None if complain && !text.trim().is_empty() => {
            error.set(Some(tr().f("passport.unknown", &[("text", text.trim())])))
        }
        None => {}
    };
    let title = move || {
        let (Some(b), Some(p)) = (state.bundle(), passport.get()) else {
            return tr().t("passport.heading").to_owned();
        };
        p.title_in(tr(), &b.dataset)
    };
    let value = move || {
        let b = state.bundle()?;
        shown.get().map(|id| b.dataset.str(id).to_owned())
    };
    // The suggested systems follow the filter while the passport is in view; below the
    // fold they wait for the reader (see `crate::widgets::in_view`).
    let section = NodeRef::<leptos::html::Section>::new();
    let in_view = crate::widgets::in_view::in_view(section);
    let (suggested, held) = crate::widgets::in_view::held_out_of_view(in_view, move || {
        let agg = state.aggregates.get()?;
        let b = state.bundle()?;
        let s: Vec<(StrId, String)> = agg
            .systems
            .iter()
            .take(SUGGESTIONS)
            .map(|(id, _)| (*id, b.dataset.str(*id).to_owned()))
            .collect();
        (!s.is_empty()).then_some(s)
    });

    let b_input = bundle.clone();
    let b_change = bundle.clone();
    view! {
        <section class="view passport" aria-labelledby="passport-title" data-testid="view-passport"
            node_ref=section data-held=move || held.get().then_some("")>
            <div class="view-head">
                <h2 id="passport-title" data-testid="passport-title">{title}</h2>
            </div>
            <div class="passport-pick">
                <label class="control">
                    <span class="control-label">{t("passport.label")}</span>
                    <input type="search" list="passport-systems" data-testid="passport-input" autocomplete="off"
                        on:focus=move |_| systems_wanted.set(true)
                        placeholder=t("filters.system_placeholder")
                        prop:value=move || value().unwrap_or_default()
                        on:input=move |ev| pick(&b_input.dataset, &event_target_value(&ev), false)
                        on:change=move |ev| pick(&b_change.dataset, &event_target_value(&ev), true)/>
                </label>
                <SystemsList id="passport-systems" wanted=systems_wanted/>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            {move || match passport.get() {
                None => view! {
                    <div class="empty" data-testid="passport-empty">
                        <p>{t("passport.intro")}</p>
                        {suggested.get().map(|s| view! {
                            <p class="passport-suggest">{t("passport.suggest")}" "
                                {s.into_iter().map(|(id, name)| view! {
                                    <button type="button" class="chip"
                                        on:click=move |_| { error.set(None); picked.set(Some((id, filter_first.get_untracked()))); }>
                                        {name}
                                    </button>
                                }).collect_view()}
                            </p>
                        })}
                    </div>
                }.into_any(),
                Some(p) => passport_body(&p, largest).into_any(),
            }}
            <p class="view-note">{t("passport.note")}" "
                <abbr class="est" title=t("register.est_title")>"≈"</abbr>" "{t("passport.note_est")}</p>
        </section>
    }
}

/// The summary line and the table of one passport.
fn passport_body(p: &Passport, largest: Option<usize>) -> impl IntoView {
    let state = use_app_state();
    let Some(b) = state.bundle() else {
        return ().into_any();
    };
    let ds = &b.dataset;
    let tr = tr();
    let summary = p.summary_in(tr);
    let format_count = |n: usize| tr.int(n as i64);
    let format_tiv = |x: atlas_core::model::Tiv| format_tiv_in(tr, x);
    let span = p.years;
    let span_label = span.map(|(a, b)| tr.years(a, b));
    let shown: Vec<&PassportRow> = match largest {
        Some(n) => p.largest_rows(n).into_iter().map(|i| &p.rows[i]).collect(),
        None => p.rows.iter().collect(),
    };
    let more = (shown.len() < p.rows.len()).then(|| {
        tr.f(
            "passport.largest_shown",
            &[
                ("shown", &shown.len().to_string()),
                ("all", &p.rows.len().to_string()),
            ],
        )
    });
    let rows = shown
        .into_iter()
        .map(|r| {
            let recipient = tr.entity(ds, r.recipient).to_owned();
            let supplier = tr.entity(ds, r.supplier).to_owned();
            let years = if r.years.is_empty() {
                tr.t("passport.on_order").to_owned()
            } else {
                format_years(&r.year_list())
            };
            let ordered = format_years(&r.order_years);
            let sel = Selection::Recipient(r.recipient);
            let est = |on: bool| {
                on.then(|| view! { <abbr class="est" title=tr.t("register.est_title")>"≈"</abbr> })
            };
            view! {
                <tr class:is-selected=move || state.selection.get() == Some(sel)
                    on:mouseenter=move |_| state.selection.set(Some(sel))
                    on:mouseleave=move |_| if state.selection.get_untracked() == Some(sel) { state.selection.set(None) }>
                    <th scope="row">{recipient}</th>
                    <td data-label=tr.t("passport.from")>{supplier}</td>
                    <td class="years" data-label=tr.t("passport.received")>{est(r.year_estimate())}{years}</td>
                    <td class="strip-cell">{span.map(|s| strip(r, s))}</td>
                    <td class="num" data-label=tr.t("detail.number")>{est(r.number_estimate())}{format_count(r.number as usize)}</td>
                    <td data-label=tr.t("col.status")>{tr.t(status_key(r.status))}</td>
                    <td data-label=tr.t("col.local")>{local_label(r.local_production)}</td>
                    <td class="num" data-label="TIV">{format_tiv(r.tiv)}</td>
                    <td class="years" data-label=tr.t("col.order_year")>{ordered}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="summary" data-testid="passport-summary">{summary}</p>
        <div class="passport-box">
            <table class="passport-table" data-testid="passport-table">
                {more.map(|m| view! { <caption class="passport-more" data-testid="passport-more">{m}</caption> })}
                <thead><tr>
                    <th scope="col">{tr.t("col.recipient")}</th>
                    <th scope="col">{tr.t("col.supplier")}</th>
                    <th scope="col">{tr.t("passport.years_received")}</th>
                    <th scope="col" class="strip-cell">{span_label.unwrap_or_default()}</th>
                    <th scope="col" class="num">{tr.t("detail.number")}</th>
                    <th scope="col">{tr.t("passport.new_or_used")}</th>
                    <th scope="col">{tr.t("col.local")}</th>
                    <th scope="col" class="num">"TIV"</th>
                    <th scope="col">{tr.t("col.order_year")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
