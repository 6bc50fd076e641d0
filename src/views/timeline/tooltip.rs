//! The timeline's tooltip: the year under the pointer (or the keyboard), with its total
//! and each band's part, estimates marked.

use atlas_core::render::Rgb;
use leptos::prelude::*;

use super::TimelineView;
use crate::state::locale::tr;

/// The breakdown of the year pointed at, beside the pointer.
pub(super) fn tooltip(tv: TimelineView) -> impl IntoView {
    let TimelineView {
        canvas_ref,
        hover,
        series,
        legend,
        ..
    } = tv;
    move || {
        let h = hover.get()?;
        let s = series.get()?;
        let i = usize::from(h.year.checked_sub(s.years.from())?);
        let bands = legend.get();
        let rows = s.breakdown(i);
        let total = s.year_total(i);
        let width = canvas_ref
            .get()
            .map_or(400.0, |c| f64::from(c.client_width()));
        let left = if h.x > width / 2.0 {
            h.x - 228.0
        } else {
            h.x + 16.0
        }
        .max(0.0);
        Some(view! {
            <div class="chart-tooltip" data-testid="timeline-tooltip" role="status"
                style:left=format!("{left:.0}px") style:top=format!("{:.0}px", (h.y - 10.0).max(0.0))>
                <p class="tt-head"><strong>{h.year}</strong>" · "{tr().tiv(total)}" TIV"</p>
                {if rows.is_empty() {
                    view! { <p>{tr().t("timeline.no_deliveries")}</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <tbody>
                                {rows.into_iter().map(|(k, t, est)| {
                                    let b = bands.get(k).cloned();
                                    let (label, color) = b.map_or(("?".to_owned(), Rgb(128, 128, 128)), |b| (b.label, b.color));
                                    view! {
                                        <tr>
                                            <td><svg class="swatch" width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill=color.hex()/></svg></td>
                                            <td>{label}</td>
                                            <td class="num">{tr().tiv(t)}{(est.0 > 0).then_some(" ≈")}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </div>
        })
    }
}
