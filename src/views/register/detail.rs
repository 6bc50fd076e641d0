//! The detail card of the open deal: what SIPRI knows about the order, and its
//! deliveries year by year with their flags in words.

use atlas_core::analysis::register::deal_deliveries;

use atlas_core::model::DealIdx;
use atlas_core::text::register::{format_tiv_in, status_key};
use leptos::prelude::*;

use super::{approx, est, local_label};
use crate::state::locale::{t, tr};
use crate::state::use_app_state;

/// The detail card of one deal: what SIPRI knows about the order, and its deliveries year
/// by year with their flags in words.
#[component]
pub(super) fn Detail(deal: DealIdx, on_close: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let Some(b) = state.bundle() else {
        return ().into_any();
    };
    let ds = &b.dataset;
    let Some(d) = ds.deals.get(deal.0 as usize) else {
        return ().into_any();
    };
    let years = state.filter.with_untracked(|f| f.years);
    let dels = deal_deliveries(ds, deal);
    let tr = tr();
    let title = tr.f(
        "detail.title",
        &[
            ("system", ds.str(d.designation)),
            ("description", ds.str(d.description)),
            ("from", tr.entity(ds, d.supplier)),
            ("to", tr.entity(ds, d.recipient)),
        ],
    );
    let fact = |k: &'static str, v: String, e: bool| {
        view! { <div><dt>{t(k)}</dt><dd>{est(e)}{v}</dd></div> }
    };
    let opt_tiv = |x: Option<atlas_core::model::Tiv>| {
        x.map_or_else(
            || "—".to_owned(),
            |x| tr.f("detail.million", &[("tiv", &format_tiv_in(tr, x))]),
        )
    };
    let format_count = |n: usize| tr.int(n as i64);
    let format_tiv = |x: atlas_core::model::Tiv| format_tiv_in(tr, x);
    let facts = view! {
        <dl class="detail-facts">
            {fact("detail.ordered_in", d.order_year.map_or_else(|| tr.t("detail.not_known").to_owned(), |y| y.to_string()), d.order_year_estimate.is_yes())}
            {d.number_ordered.map(|n| fact("detail.number_ordered", format_count(n as usize), d.number_ordered_estimate.is_yes()))}
            {fact("detail.category", atlas_core::text::capitalize(tr.category(d.category)), false)}
            {fact("detail.status", tr.t(status_key(d.status)).to_owned(), false)}
            {fact("detail.local", local_label(d.local_production).to_owned(), false)}
            {d.tiv_unit_deal.map(|t| fact("detail.tiv_unit_deal", opt_tiv(Some(t)), false))}
            {d.tiv_unit_new.map(|t| fact("detail.tiv_unit_new", opt_tiv(Some(t)), false))}
            {d.tiv_total_order.map(|t| fact("detail.tiv_total_order", opt_tiv(Some(t)), false))}
            {d.sipri_id.map(|id| fact("detail.sipri_id", id.to_string(), false))}
        </dl>
    };
    let comments = d
        .comments
        .map(|c| view! { <p class="detail-comments">{ds.str(c).to_owned()}</p> });
    let body = dels
        .iter()
        .map(|x| {
            let mut notes: Vec<&str> = Vec::new();
            if x.year_estimate.is_yes() {
                notes.push(tr.t("detail.note_year_est"));
            }
            if x.number_estimate.is_yes() {
                notes.push(tr.t("detail.note_number_est"));
            }
            if x.approximate {
                notes.push(tr.t("register.legend_approx"));
            }
            let outside = years.is_some_and(|r| !r.contains(x.year));
            if outside {
                notes.push(tr.t("detail.note_outside"));
            }
            view! {
                <tr class:outside=outside>
                    <td>{est(x.year_estimate.is_yes())}{x.year}</td>
                    <td class="num">{est(x.number_estimate.is_yes())}{format_count(x.number as usize)}</td>
                    <td class="num">{est(x.is_estimate() && !x.approximate)}{approx(x.approximate)}{format_tiv(x.tiv)}</td>
                    <td>{notes.join("; ")}</td>
                </tr>
            }
        })
        .collect_view();
    let total: atlas_core::model::Tiv = dels.iter().map(|x| x.tiv).sum();
    let total_n: u64 = dels.iter().map(|x| u64::from(x.number)).sum();
    view! {
        <div class="register-detail" role="dialog" aria-modal="false" aria-labelledby="register-detail-title"
            data-testid="register-detail">
            <div class="detail-head">
                <h3 id="register-detail-title">{title}</h3>
                <button type="button" class="detail-close" data-testid="register-detail-close"
                    aria-label=t("detail.close_label")
                    on:click=move |_| on_close.run(())>{t("detail.close")}" ✕"</button>
            </div>
            {facts}
            {comments}
            <div class="detail-table-box">
                <table class="detail-table">
                    <caption>{t("detail.caption")}</caption>
                    <thead><tr><th scope="col">{t("detail.year")}</th><th scope="col" class="num">{t("detail.number")}</th>
                        <th scope="col" class="num">{t("detail.tiv")}</th><th scope="col">{t("detail.notes")}</th></tr></thead>
                    <tbody>{body}</tbody>
                    <tfoot><tr><th scope="row">{t("detail.total")}</th><td class="num">{format_count(total_n as usize)}</td>
                        <td class="num">{format_tiv(total)}</td><td></td></tr></tfoot>
                </table>
            </div>
            <p class="view-note">{t("detail.escape_hint")}</p>
        </div>
    }
    .into_any()
}
