//! Stepping and playing through single years: the step buttons, and Play, which steps the
//! year filter for the other views (not offered with `prefers-reduced-motion`).

use atlas_core::analysis::filter::{Filter, YearRange};
use leptos::prelude::*;

use super::TimelineView;
use crate::state::locale::{t, tr};

/// Whether the reader asked for less motion (then there is no Play).
pub(super) fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

impl TimelineView {
    /// Sets the year filter to the year `d` after (before) the single year shown, or to the
    /// first (last) year; false past the ends.
    fn step_year(self, d: i32) -> bool {
        let TimelineView { state, .. } = self;
        let Some(years) = self.span() else {
            return false;
        };
        let current = state
            .filter
            .with_untracked(|f| f.years.filter(|r| r.from() == r.to()));
        let next = match current {
            Some(r) => i32::from(r.from()) + d,
            None if d > 0 => i32::from(years.from()),
            None => i32::from(years.to()),
        };
        if next < i32::from(years.from()) || next > i32::from(years.to()) {
            return false;
        }
        self.set_years(YearRange::new(i64::from(next), i64::from(next)).ok());
        true
    }

    /// Stops playing.
    pub(super) fn stop(self) {
        let TimelineView { playing, timer, .. } = self;
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        playing.set(false);
    }

    /// Plays from the next year (from the first, at the end), or stops.
    fn toggle_play(self) {
        let TimelineView {
            state,
            playing,
            timer,
            ..
        } = self;
        if playing.get_untracked() {
            self.stop();
            return;
        }
        let at_end =
            state.filter.with_untracked(|f| f.years.map(|r| r.to())) == self.span().map(|s| s.to());
        if at_end {
            state.filter.update(|f| f.years = None);
        }
        self.step_year(1);
        playing.set(true);
        if let Ok(h) = set_interval_with_handle(
            move || {
                if !self.step_year(1) {
                    self.stop();
                }
            },
            std::time::Duration::from_millis(900),
        ) {
            timer.set_value(Some(h));
        }
    }
}

/// The step buttons, Play, "All years" and the drag hint.
pub(super) fn controls(tv: TimelineView) -> impl IntoView {
    let TimelineView {
        state,
        playing,
        no_autoplay,
        ..
    } = tv;
    view! {
        <div class="timeline-controls">
            <button type="button" data-testid="timeline-prev" aria-label=t("timeline.prev")
                on:click=move |_| { tv.stop(); tv.step_year(-1); }>"◀"</button>
            {(!no_autoplay).then(|| view! {
                <button type="button" data-testid="timeline-play" aria-pressed=move || playing.get().to_string()
                    on:click=move |_| tv.toggle_play()>{move || if playing.get() { tr().t("timeline.pause") } else { tr().t("timeline.play") }}</button>
            })}
            <button type="button" data-testid="timeline-next" aria-label=t("timeline.next")
                on:click=move |_| { tv.stop(); tv.step_year(1); }>"▶"</button>
            <button type="button" data-testid="timeline-all-years"
                disabled=move || state.filter.with(|f| f.years.is_none())
                on:click=move |_| { tv.stop(); state.filter.update(|f: &mut Filter| f.years = None); }>{t("timeline.all_years")}</button>
            <span class="hint">{t("timeline.drag_hint")}</span>
        </div>
    }
}
