//! The register as an embed shows it: the few largest deals of the filter (by TIV
//! delivered in its years), each a small card with what, who to whom, how many, when and
//! how much, and how many deals there are in all; "Explore" opens the full register.
//! The same rows as the full register (`atlas_core::analysis::register`), sorted as its
//! TIV column sorts them.

use std::sync::Arc;

use atlas_core::analysis::register::{
    build_rows_with, format_years, sort_rows, Column, Direction, RegisterRow, TextIndex,
};
use atlas_core::text::register::{format_tiv_in, register_title_in};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::{use_app_state, Shared};

/// How many deals the embed lists.
const SHOWN: usize = 5;

/// The estimate mark, when `on`.
fn est(on: bool) -> impl IntoView {
    on.then(|| view! { <abbr class="est" title=t("register.est_title")>"≈"</abbr> })
}

/// The largest deals, with the register's title and its deal count.
#[component]
pub fn CompactRegister() -> impl IntoView {
    let state = use_app_state();
    // (all deals in the filter, the largest few).
    let largest = Memo::new(move |_| {
        let b = state.bundle()?;
        let index = TextIndex::new(&b.dataset);
        let deals = state.deal_index.get();
        let mut rows = state
            .filter
            .with(|f| build_rows_with(&b.dataset, &index, deals.as_deref(), f));
        let total = rows.len();
        sort_rows(&mut rows, Column::Tiv, Direction::Descending);
        rows.truncate(SHOWN);
        Some((total, Shared(Arc::new(rows))))
    });
    let title = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| register_title_in(tr(), &b.dataset, f, agg.years))
    };
    let count = move || {
        let (total, rows) = largest.get()?;
        let all = tr().p("count.deals", total as u64, &[]);
        Some(if total > rows.len() {
            tr().f(
                "embed.register_shown",
                &[("shown", &rows.len().to_string()), ("all", &all)],
            )
        } else {
            all
        })
    };
    view! {
        <section class="view register-compact" aria-labelledby="register-title" data-testid="view-register">
            <h2 id="register-title" class="visually-hidden" data-testid="register-title">{title}</h2>
            <ol class="deal-cards" data-testid="embed-deals">
                {move || largest.get().map(|(_, rows)| rows.iter().map(card).collect_view())}
            </ol>
            <p class="deal-count" data-testid="register-count">{count}</p>
        </section>
    }
}

/// One deal as a card: designation and description; supplier → recipient; units and
/// years delivered; TIV.
fn card(r: &RegisterRow) -> impl IntoView {
    let state = use_app_state();
    let Some(b) = state.bundle() else {
        return ().into_any();
    };
    let ds = &b.dataset;
    let tr = tr();
    let what = ds.str(r.designation).to_owned();
    let description = ds.str(r.description).to_owned();
    let pair = format!(
        "{} → {}",
        tr.entity(ds, r.supplier),
        tr.entity(ds, r.recipient)
    );
    let when = tr.f(
        "embed.deal_delivered",
        &[
            ("count", &tr.int(i64::from(r.delivered))),
            ("years", &format_years(&r.years)),
        ],
    );
    let tiv = format_tiv_in(tr, r.tiv);
    view! {
        <li class="deal-card" data-testid="embed-deal">
            <span class="deal-what"><strong>{what}</strong>" "<span class="deal-desc">{description}</span></span>
            <span class="deal-tiv">{est(r.tiv_estimated.0 > 0)}{tiv}" TIV"</span>
            <span class="deal-meta">{pair}" · "{est(r.delivered_estimate || r.years_estimate)}{when}</span>
        </li>
    }
    .into_any()
}
