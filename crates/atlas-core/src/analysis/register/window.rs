//! What a virtually scrolled table renders, and where the keyboard moves its focus.

use std::ops::Range;

/// Where a key moves the register's focus from row `pos` of `n` rows, `page` rows to a
/// screen: arrows by one, Page Up/Down by a screen, Home/End to the ends, clamped to the
/// table. `None` when the key is not one of these (or there are no rows).
pub fn row_key_target(key: &str, pos: usize, n: usize, page: usize) -> Option<usize> {
    let last = n.checked_sub(1)?;
    let to = match key {
        "ArrowDown" => pos + 1,
        "ArrowUp" => pos.checked_sub(1)?,
        "PageDown" => pos + page,
        "PageUp" => pos.saturating_sub(page),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// The rows a virtually scrolled list must render: those intersecting the viewport
/// `[scroll_top, scroll_top + viewport_height)`, plus `overscan` rows on each side, for
/// `n_rows` rows of `row_height` pixels each.
///
/// A scroll position past the end (the list just got shorter) is treated as the last
/// possible one, so the window is never empty while there are rows. Non-finite or
/// negative inputs count as zero; a row height that is not positive yields the first
/// rows, as many as `overscan` allows (at least one).
pub fn visible_window(
    scroll_top: f64,
    viewport_height: f64,
    row_height: f64,
    n_rows: usize,
    overscan: usize,
) -> Range<usize> {
    if n_rows == 0 {
        return 0..0;
    }
    let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    if !(row_height.is_finite() && row_height > 0.0) {
        return 0..n_rows.min(overscan.max(1));
    }
    let vh = clean(viewport_height);
    let total = row_height * n_rows as f64;
    let top = clean(scroll_top).min((total - vh).max(0.0));
    let first = ((top / row_height).floor() as usize).min(n_rows - 1);
    let end = (((top + vh) / row_height).ceil() as usize).clamp(first + 1, n_rows);
    first.saturating_sub(overscan)..end.saturating_add(overscan).min(n_rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_basics() {
        assert_eq!(visible_window(0.0, 100.0, 10.0, 1000, 0), 0..10);
        assert_eq!(visible_window(0.0, 100.0, 10.0, 1000, 5), 0..15);
        assert_eq!(visible_window(55.0, 100.0, 10.0, 1000, 0), 5..16);
        assert_eq!(visible_window(1e9, 100.0, 10.0, 1000, 0), 990..1000);
        assert_eq!(visible_window(0.0, 100.0, 10.0, 3, 2), 0..3);
        assert_eq!(visible_window(0.0, 100.0, 10.0, 0, 2), 0..0);
        assert_eq!(visible_window(f64::NAN, f64::NAN, 10.0, 50, 0), 0..1);
        assert_eq!(visible_window(0.0, 100.0, 0.0, 50, 4), 0..4);
    }
}
