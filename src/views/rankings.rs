//! Rankings: the top suppliers, recipients and weapon systems for the current filter, as
//! bars with value and share. A bar is a button: clicking it filters by that entry (and
//! clicking the active one clears it); hovering or focusing it highlights the entry in
//! every other view. Bars are inline SVG sized by attributes, so the strict CSP holds.

use atlas_core::analysis::rankings::{rank_entries, RankEntry, RankKey, RankKind};
use atlas_core::model::{Dataset, DealIdx};
use atlas_core::render::rankings::estimate_hatch_path;
use atlas_core::text::views::{rankings_alt, rankings_title_in};
use leptos::prelude::*;

use crate::state::locale::{t, tr};
use crate::state::{use_app_state, AppState, Selection};
use crate::views::export::RankingsDownloads;

/// How many bars a list shows before "Show all".
const TOP: usize = 10;
/// Bars shown before "Show all" on a phone (as `style/main.css` calls one): five, so that
/// the three rankings do not make the page three screens longer.
const TOP_PHONE: usize = 5;

/// How many bars a ranking shows before "Show all", for this screen when it mounts.
fn top_n() -> usize {
    let phone = web_sys::window()
        .and_then(|w| w.match_media("(max-width: 699px)").ok().flatten())
        .is_some_and(|m| m.matches());
    if phone {
        TOP_PHONE
    } else {
        TOP
    }
}

/// The linked-view selection that stands for an entry.
fn selection_of(key: RankKey) -> Selection {
    match key {
        RankKey::Supplier(e) => Selection::Supplier(e),
        RankKey::Recipient(e) => Selection::Recipient(e),
        RankKey::System(s) => Selection::System(s),
    }
}

/// Whether a selection made anywhere points at this entry (a flow at both its ends, a
/// deal at its supplier, recipient and system).
fn selected(ds: &Dataset, sel: Option<Selection>, key: RankKey) -> bool {
    let deal = |d: DealIdx| ds.deals.get(d.0 as usize);
    match (sel, key) {
        (Some(Selection::Supplier(a)), RankKey::Supplier(b)) => a == b,
        (Some(Selection::Recipient(a)), RankKey::Recipient(b)) => a == b,
        (Some(Selection::System(a)), RankKey::System(b)) => a == b,
        (Some(Selection::Flow(s, _)), RankKey::Supplier(b)) => s == b,
        (Some(Selection::Flow(_, r)), RankKey::Recipient(b)) => r == b,
        (Some(Selection::Deal(d)), RankKey::Supplier(b)) => {
            deal(d).is_some_and(|d| d.supplier == b)
        }
        (Some(Selection::Deal(d)), RankKey::Recipient(b)) => {
            deal(d).is_some_and(|d| d.recipient == b)
        }
        (Some(Selection::Deal(d)), RankKey::System(b)) => {
            deal(d).is_some_and(|d| d.designation == b)
        }
        _ => false,
    }
}

/// Whether the filter is exactly this entry (the bar is "pressed").
fn active(state: AppState, key: RankKey) -> bool {
    state.filter.with(|f| match key {
        RankKey::Supplier(e) => f.suppliers == [e],
        RankKey::Recipient(e) => f.recipients == [e],
        RankKey::System(s) => f.systems == [s],
    })
}

/// Filters by the entry, or clears that part of the filter when it is already active.
fn toggle(state: AppState, key: RankKey) {
    state.filter.update(|f| match key {
        RankKey::Supplier(e) => {
            f.suppliers = if f.suppliers == [e] {
                Vec::new()
            } else {
                vec![e]
            };
        }
        RankKey::Recipient(e) => {
            f.recipients = if f.recipients == [e] {
                Vec::new()
            } else {
                vec![e]
            };
        }
        RankKey::System(s) => {
            if f.systems == [s] {
                f.systems.clear();
            } else {
                // As in the filter panel: a system replaces the free-text match.
                f.systems = vec![s];
                f.text.clear();
            }
        }
    });
}

/// The three rankings with a title built from the filter.
#[component]
pub fn Rankings() -> impl IntoView {
    let state = use_app_state();
    let title = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| rankings_title_in(tr(), &b.dataset, f, agg.years))
    };
    let alt = move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return String::new();
        };
        state
            .filter
            .with(|f| rankings_alt(tr(), &b.dataset, f, &agg))
    };
    let empty = move || state.aggregates.get().is_some_and(|a| a.deliveries == 0);
    view! {
        <section class="view rankings" aria-labelledby="rankings-title" data-testid="view-rankings">
            <div class="view-head">
                <h2 id="rankings-title" data-testid="rankings-title">{title}</h2>
                <RankingsDownloads/>
            </div>
            <p class="visually-hidden" data-testid="rankings-alt">{alt}</p>
            <Show when=move || !empty()
                fallback=|| view! {
                    <p class="empty" data-testid="rankings-empty">
                        {t("rank.empty")}
                    </p>
                }>
                <div class="rank-lists">
                    <RankList kind=RankKind::Suppliers/>
                    <RankList kind=RankKind::Recipients/>
                    <RankList kind=RankKind::Systems/>
                </div>
                <p class="view-note">
                    {t("rank.note")}
                </p>
            </Show>
        </section>
    }
}

/// One ranking: a heading, up to ten bars (five on a phone) or all, and the "Show all"
/// toggle.
#[component]
fn RankList(kind: RankKind) -> impl IntoView {
    let state = use_app_state();
    let show_all = RwSignal::new(false);
    let top = top_n();
    // Out of view, the bars wait for the reader (see `crate::widgets::in_view`); the
    // rankings' words for screen readers (`rankings-alt`) never wait.
    let list = NodeRef::<leptos::html::Div>::new();
    let in_view = crate::widgets::in_view::in_view(list);
    let (entries, held) = crate::widgets::in_view::held_out_of_view(in_view, move || {
        let (Some(b), Some(agg)) = (state.bundle(), state.aggregates.get()) else {
            return Vec::new();
        };
        rank_entries(&b.dataset, &agg, kind)
    });
    let shown = Memo::new(move |_| {
        let all = entries.get();
        if show_all.get() {
            all
        } else {
            all.into_iter().take(top).collect::<Vec<_>>()
        }
    });
    let noun = match kind {
        RankKind::Suppliers => "count.suppliers",
        RankKind::Recipients => "count.recipients",
        RankKind::Systems => "count.systems",
    };
    let heading = t(match kind {
        RankKind::Suppliers => "rank.suppliers",
        RankKind::Recipients => "rank.recipients",
        RankKind::Systems => "rank.systems",
    });
    let count = move || {
        let n = entries.with(Vec::len);
        let all = tr().p(noun, n as u64, &[]);
        if n > top {
            tr().f("rank.top_of", &[("top", &top.to_string()), ("all", &all)])
        } else {
            all
        }
    };
    let id = kind.id();
    let heading_id = format!("rank-{id}-heading");
    view! {
        <div class="rank-list" data-testid=format!("rankings-{id}") node_ref=list
            data-held=move || held.get().then_some("")>
            <h3 id=heading_id.clone()>{heading}" "<span class="rank-count">{count}</span></h3>
            <ol class="rank-bars" aria-labelledby=heading_id>
                <For each=move || 0..shown.with(Vec::len)
                    key=|i: &usize| *i
                    children=move |i: usize| {
                        // A bar is a place in the ranking: a filter change patches its
                        // label, length and value in place instead of building new bars.
                        let entry = Memo::new(move |_| shown.with(|es| es.get(i).cloned()));
                        view! { <RankBar entry=entry kind=kind/> }
                    }/>
            </ol>
            <Show when=move || entries.with(|e| e.len() > top)>
                <button type="button" class="rank-more" data-testid=format!("rankings-{id}-more")
                    aria-expanded=move || show_all.get().to_string()
                    on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || if show_all.get() {
                        tr().f("rank.show_top", &[("top", &top.to_string())])
                    } else {
                        tr().f("rank.show_all", &[("count", &tr().int(entries.with(Vec::len) as i64))])
                    }}
                </button>
            </Show>
        </div>
    }
}

/// One bar: a button holding the label, the bar (inline SVG) and the value with share.
/// `entry` is whatever entry holds the bar's place in the ranking now (`None` only while
/// the bar is being removed).
#[component]
fn RankBar(entry: Memo<Option<RankEntry>>, kind: RankKind) -> impl IntoView {
    let state = use_app_state();
    let key = move || entry.with(|e| e.as_ref().map(|e| e.key));
    let key_now = move || entry.with_untracked(|e| e.as_ref().map(|e| e.key));
    // Suppliers use the shared supplier colours; the others the scheme's neutral.
    let color = move || {
        let neutral = state.scheme.get().palette().neutral;
        match key() {
            Some(RankKey::Supplier(e)) => {
                state.colors.get().map_or(neutral, |c| c.supplier(e)).hex()
            }
            _ => neutral.hex(),
        }
    };
    let highlighted = move || {
        let s = state.selection.get();
        key().is_some_and(|k| state.bundle().is_some_and(|b| selected(&b.dataset, s, k)))
    };
    let enter = move || {
        if let Some(k) = key_now() {
            state.selection.set(Some(selection_of(k)));
        }
    };
    let leave = move || {
        if let Some(k) = key_now() {
            if state.selection.get_untracked() == Some(selection_of(k)) {
                state.selection.set(None);
            }
        }
    };
    let numbers = move || {
        entry.with(|e| {
            e.as_ref().map_or((Default::default(), 0.0, 0.0, 0.0), |e| {
                (e.tiv, e.share, e.relative, e.estimated_share())
            })
        })
    };
    // A supplier's or recipient's name in the reader's language (the entry holds SIPRI's),
    // and SIPRI's spelling for the tooltip where it differs.
    let entity = move || match key()? {
        RankKey::Supplier(id) | RankKey::Recipient(id) => Some(id),
        RankKey::System(_) => None,
    };
    let label = move || {
        let b = state.bundle();
        match (entity(), b.as_ref()) {
            (Some(id), Some(b)) => tr().entity(&b.dataset, id).to_owned(),
            _ => entry.with(|e| e.as_ref().map(|e| e.label.clone()).unwrap_or_default()),
        }
    };
    let sipri_note = move || {
        let b = state.bundle()?;
        tr().sipri_note(b.dataset.entity(entity()?))
    };
    let value = move || {
        let (tiv, share, ..) = numbers();
        format!("{} · {}", tr().tiv(tiv), tr().fraction(share))
    };
    let bar = move || {
        let (_, _, relative, _) = numbers();
        (relative * 100.0).clamp(0.0, 100.0)
    };
    let width = move || format!("{:.2}", bar());
    // The estimated part is hatched at the bar's end (pattern, not only colour).
    let hatch = move || {
        let (.., est) = numbers();
        let b = bar();
        estimate_hatch_path(b * (1.0 - est), b, 10.0, 2.5)
    };
    let describe = move || {
        let (tiv, _, _, est) = numbers();
        let name = label();
        let tiv = tr().tiv(tiv);
        let words = if est > 0.0 {
            tr().f(
                "rank.describe_est",
                &[
                    ("name", &name),
                    ("tiv", &tiv),
                    ("share", &tr().fraction(est)),
                ],
            )
        } else {
            tr().f("rank.describe", &[("name", &name), ("tiv", &tiv)])
        };
        match sipri_note() {
            Some(note) => tr().f("names.with_sipri", &[("text", &words), ("sipri", &note)]),
            None => words,
        }
    };
    view! {
        <li>
            <button type="button" class="rank-bar" data-testid=format!("rank-{}", kind.id())
                data-label=label title=describe
                class:is-selected=highlighted
                aria-pressed=move || key().is_some_and(|k| active(state, k)).to_string()
                on:click=move |_| { if let Some(k) = key_now() { toggle(state, k) } }
                on:mouseenter=move |_| enter()
                on:mouseleave=move |_| leave()
                on:focus=move |_| enter()
                on:blur=move |_| leave()>
                <span class="rank-label">{label}</span>
                <svg class="rank-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                    <rect x="0" y="0" width=width height="10" fill=color/>
                    <path class="rank-hatch" d=hatch vector-effect="non-scaling-stroke"/>
                </svg>
                <span class="rank-value">{value}</span>
            </button>
        </li>
    }
}
