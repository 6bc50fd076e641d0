//! The deal register: one row per deal that has deliveries in the current filter, with
//! per-deal totals inside the filter's years, sorting on every column, a text search, and
//! the window of rows a virtually scrolled table has to render.
//!
//! Everything here is pure and cheap enough for SIPRI's full register (about 30,000
//! deals): rows are built in one pass over the deliveries, they carry precomputed sort
//! keys (collation ranks) so sorting compares integers, and the search lowercases each
//! string at most once per dataset ([`TextIndex`]).

use std::cmp::Ordering;
use std::ops::Range;

use crate::text::Tr;

use crate::analysis::filter::{for_each_selected, DealIndex, Filter, YearRange};
use crate::model::{
    Category, Dataset, DealIdx, Delivery, EntityId, Flag, Status, StrId, Tiv, Year,
};

/// Collation ranks and lowercased text for one dataset, computed once when it loads.
///
/// Ranks give the case-insensitive alphabetical order of entity labels and strings, so
/// the register sorts text columns by comparing integers.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    entity_rank: Vec<u32>,
    string_rank: Vec<u32>,
    entity_lower: Vec<String>,
    string_lower: Vec<String>,
}

fn ranks(keys: &[(String, &str)]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let mut rank = vec![0u32; keys.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

impl TextIndex {
    /// Builds the index for `ds`.
    pub fn new(ds: &Dataset) -> TextIndex {
        let entity_lower: Vec<String> = ds
            .entities
            .iter()
            .map(|e| e.label().to_lowercase())
            .collect();
        let string_lower: Vec<String> = ds
            .strings
            .strings()
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
        let entity_keys: Vec<(String, &str)> = ds
            .entities
            .iter()
            .zip(&entity_lower)
            .map(|(e, l)| (l.clone(), e.name.as_str()))
            .collect();
        let string_keys: Vec<(String, &str)> = ds
            .strings
            .strings()
            .iter()
            .zip(&string_lower)
            .map(|(s, l)| (l.clone(), s.as_str()))
            .collect();
        TextIndex {
            entity_rank: ranks(&entity_keys),
            string_rank: ranks(&string_keys),
            entity_lower,
            string_lower,
        }
    }

    fn entity_rank(&self, e: EntityId) -> u32 {
        self.entity_rank
            .get(e.0 as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    fn string_rank(&self, s: StrId) -> u32 {
        self.string_rank
            .get(s.0 as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    fn entity_lower(&self, e: EntityId) -> &str {
        self.entity_lower
            .get(e.0 as usize)
            .map_or("", String::as_str)
    }

    fn string_lower(&self, s: StrId) -> &str {
        self.string_lower
            .get(s.0 as usize)
            .map_or("", String::as_str)
    }
}

/// Precomputed sort keys of a row's text columns (collation ranks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct TextKeys {
    supplier: u32,
    recipient: u32,
    designation: u32,
    description: u32,
    comments: Option<u32>,
}

/// One deal in the register, with its deliveries inside the filter's years summed up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub deal: DealIdx,
    pub supplier: EntityId,
    pub recipient: EntityId,
    pub designation: StrId,
    pub description: StrId,
    pub category: Category,
    pub order_year: Option<Year>,
    pub order_year_estimate: bool,
    pub number_ordered: Option<u32>,
    pub number_ordered_estimate: bool,
    /// Units delivered in the filter's years.
    pub delivered: u32,
    /// True when SIPRI marks any of those numbers as an estimate.
    pub delivered_estimate: bool,
    /// Delivery years inside the filter, ascending, never empty.
    pub years: Vec<Year>,
    /// True when SIPRI marks any of those years as an estimate.
    pub years_estimate: bool,
    /// TIV delivered in the filter's years.
    pub tiv: Tiv,
    /// The part of `tiv` that is an estimate (SIPRI's flags or our deal-level split).
    pub tiv_estimated: Tiv,
    /// True when any per-year figure was split evenly by Arms Atlas from a deal total.
    pub approximate: bool,
    pub status: Status,
    pub local_production: Flag,
    pub comments: Option<StrId>,
    /// Number of delivery years (rows of the per-year export) summed into this row.
    pub deliveries: usize,
    keys: TextKeys,
}

/// The register's columns, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Supplier,
    Recipient,
    Designation,
    Description,
    Category,
    OrderYear,
    Ordered,
    Delivered,
    Years,
    Tiv,
    Status,
    LocalProduction,
    Comments,
}

impl Column {
    /// Every column, in display order.
    pub const ALL: [Column; 13] = [
        Column::Supplier,
        Column::Recipient,
        Column::Designation,
        Column::Description,
        Column::Category,
        Column::OrderYear,
        Column::Ordered,
        Column::Delivered,
        Column::Years,
        Column::Tiv,
        Column::Status,
        Column::LocalProduction,
        Column::Comments,
    ];

    /// Header text.
    pub fn label(self) -> &'static str {
        match self {
            Column::Supplier => "Supplier",
            Column::Recipient => "Recipient",
            Column::Designation => "Designation",
            Column::Description => "Description",
            Column::Category => "Category",
            Column::OrderYear => "Ordered in",
            Column::Ordered => "No. ordered",
            Column::Delivered => "No. delivered",
            Column::Years => "Delivered in",
            Column::Tiv => "TIV delivered",
            Column::Status => "Status",
            Column::LocalProduction => "Local production",
            Column::Comments => "Comments",
        }
    }

    /// A stable lowercase name, for test hooks and CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            Column::Supplier => "supplier",
            Column::Recipient => "recipient",
            Column::Designation => "designation",
            Column::Description => "description",
            Column::Category => "category",
            Column::OrderYear => "order-year",
            Column::Ordered => "ordered",
            Column::Delivered => "delivered",
            Column::Years => "years",
            Column::Tiv => "tiv",
            Column::Status => "status",
            Column::LocalProduction => "local",
            Column::Comments => "comments",
        }
    }

    /// True for columns holding numbers (right-aligned; sorted largest first on first click).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::OrderYear | Column::Ordered | Column::Delivered | Column::Years | Column::Tiv
        )
    }

    /// The direction a first click sorts in: text A→Z, numbers largest (or latest) first.
    pub fn default_direction(self) -> Direction {
        if self.is_numeric() {
            Direction::Descending
        } else {
            Direction::Ascending
        }
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

impl Direction {
    /// The other direction.
    pub fn flip(self) -> Direction {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    /// The value of `aria-sort`.
    pub fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }

    fn apply(self, o: Ordering) -> Ordering {
        match self {
            Direction::Ascending => o,
            Direction::Descending => o.reverse(),
        }
    }
}

/// The register's sort: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: Column,
    pub direction: Direction,
}

impl Default for Sort {
    /// Most recent orders first.
    fn default() -> Sort {
        Sort {
            column: Column::OrderYear,
            direction: Direction::Descending,
        }
    }
}

impl Sort {
    /// The sort after a click on `column`'s header: the same column flips, another
    /// column starts in its default direction.
    pub fn click(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                direction: self.direction.flip(),
            }
        } else {
            Sort {
                column,
                direction: column.default_direction(),
            }
        }
    }

    /// `aria-sort` of `column`'s header under this sort.
    pub fn aria_for(self, column: Column) -> &'static str {
        if self.column == column {
            self.direction.aria()
        } else {
            "none"
        }
    }
}

/// Orders present values by `dir` and puts missing ones last in both directions, so a
/// sort never opens on a screenful of blanks.
fn cmp_missing_last<T: Ord>(a: Option<T>, b: Option<T>, dir: Direction) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => dir.apply(x.cmp(&y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// How two rows compare on `column` in direction `dir`. A total order; rows it calls
/// equal keep their relative order in [`sort_rows`] (stable sort).
pub fn compare(a: &RegisterRow, b: &RegisterRow, column: Column, dir: Direction) -> Ordering {
    let local = |f: Flag| match f {
        Flag::Yes => Some(true),
        Flag::No => Some(false),
        Flag::Blank => None,
    };
    match column {
        Column::Supplier => dir.apply(a.keys.supplier.cmp(&b.keys.supplier)),
        Column::Recipient => dir.apply(a.keys.recipient.cmp(&b.keys.recipient)),
        Column::Designation => dir.apply(a.keys.designation.cmp(&b.keys.designation)),
        Column::Description => dir.apply(a.keys.description.cmp(&b.keys.description)),
        Column::Category => dir.apply(a.category.name().cmp(b.category.name())),
        Column::OrderYear => cmp_missing_last(a.order_year, b.order_year, dir),
        Column::Ordered => cmp_missing_last(a.number_ordered, b.number_ordered, dir),
        Column::Delivered => dir.apply(a.delivered.cmp(&b.delivered)),
        Column::Years => dir.apply(a.years.cmp(&b.years)),
        Column::Tiv => dir.apply(a.tiv.cmp(&b.tiv)),
        Column::Status => dir.apply(a.status.name().cmp(b.status.name())),
        Column::LocalProduction => {
            cmp_missing_last(local(a.local_production), local(b.local_production), dir)
        }
        Column::Comments => cmp_missing_last(a.keys.comments, b.keys.comments, dir),
    }
}

/// Sorts rows by `column` in `direction`, stably.
pub fn sort_rows(rows: &mut [RegisterRow], column: Column, direction: Direction) {
    rows.sort_by(|a, b| compare(a, b, column, direction));
}

/// Sorts `order` (indices into `rows`) by the rows they point at, stably: the register
/// sorts an index list instead of moving 30,000 rows around.
pub fn sort_indices(
    rows: &[RegisterRow],
    order: &mut [usize],
    column: Column,
    direction: Direction,
) {
    order.sort_by(|&a, &b| compare(&rows[a], &rows[b], column, direction));
}

/// The register for `filter`: one row per deal with at least one delivery that passes it,
/// in deal order. The filter's years bound the totals; the text search is separate
/// ([`search`]).
pub fn build_rows(ds: &Dataset, index: &TextIndex, filter: &Filter) -> Vec<RegisterRow> {
    build_rows_with(ds, index, None, filter)
}

/// [`build_rows`], visiting only the selected suppliers' or recipients' deals when
/// `deals` (built for `ds`) makes that quicker; the same rows either way.
pub fn build_rows_with(
    ds: &Dataset,
    index: &TextIndex,
    deals: Option<&DealIndex>,
    filter: &Filter,
) -> Vec<RegisterRow> {
    let mut slot = vec![u32::MAX; ds.deals.len()];
    let mut rows: Vec<RegisterRow> = Vec::new();
    for_each_selected(ds, deals, filter, filter.years, &mut |di, d| {
        let i = match slot[di] {
            u32::MAX => {
                slot[di] = rows.len() as u32;
                rows.push(empty_row(ds, index, d.deal));
                rows.len() - 1
            }
            i => i as usize,
        };
        add_delivery(&mut rows[i], d);
    });
    rows.sort_by_key(|r| r.deal);
    rows
}

fn empty_row(ds: &Dataset, index: &TextIndex, idx: DealIdx) -> RegisterRow {
    let deal = ds.deal(idx);
    RegisterRow {
        deal: idx,
        supplier: deal.supplier,
        recipient: deal.recipient,
        designation: deal.designation,
        description: deal.description,
        category: deal.category,
        order_year: deal.order_year,
        order_year_estimate: deal.order_year_estimate.is_yes(),
        number_ordered: deal.number_ordered,
        number_ordered_estimate: deal.number_ordered_estimate.is_yes(),
        delivered: 0,
        delivered_estimate: false,
        years: Vec::new(),
        years_estimate: false,
        tiv: Tiv::ZERO,
        tiv_estimated: Tiv::ZERO,
        approximate: false,
        status: deal.status,
        local_production: deal.local_production,
        comments: deal.comments,
        deliveries: 0,
        keys: TextKeys {
            supplier: index.entity_rank(deal.supplier),
            recipient: index.entity_rank(deal.recipient),
            designation: index.string_rank(deal.designation),
            description: index.string_rank(deal.description),
            comments: deal.comments.map(|c| index.string_rank(c)),
        },
    }
}

fn add_delivery(row: &mut RegisterRow, d: &Delivery) {
    row.delivered = row.delivered.saturating_add(d.number);
    row.delivered_estimate |= d.number_estimate.is_yes();
    // Deliveries arrive sorted by year and (deal, year) is unique: pushing keeps the
    // list ascending; the check keeps it so even for a hand-made dataset.
    match row.years.last() {
        Some(&last) if last >= d.year => {
            if let Err(pos) = row.years.binary_search(&d.year) {
                row.years.insert(pos, d.year);
            }
        }
        _ => row.years.push(d.year),
    }
    row.years_estimate |= d.year_estimate.is_yes();
    row.tiv += d.tiv;
    if d.is_estimate() {
        row.tiv_estimated += d.tiv;
    }
    row.approximate |= d.approximate;
    row.deliveries += 1;
}

/// The rows matching `query`, as indices into `rows`, in order. The query is split on
/// whitespace; a row matches when every word occurs (case-insensitively) in at least one
/// of its text columns: supplier, recipient, designation, description, category, status,
/// comments. An empty query matches every row.
pub fn search(rows: &[RegisterRow], index: &TextIndex, query: &str) -> Vec<usize> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if terms.is_empty() {
        return (0..rows.len()).collect();
    }
    // Per term, a lazily filled cache: 0 unknown, 1 miss, 2 hit, so each distinct string
    // is searched at most once per term.
    let n_ent = index.entity_lower.len();
    let n_str = index.string_lower.len();
    let mut ent_cache = vec![vec![0u8; n_ent]; terms.len()];
    let mut str_cache = vec![vec![0u8; n_str]; terms.len()];
    let fixed: Vec<Vec<bool>> = terms
        .iter()
        .map(|t| {
            let cat = Category::ALL
                .iter()
                .map(|c| c.name().to_lowercase().contains(t.as_str()));
            let status = [
                Status::New,
                Status::SecondHand,
                Status::SecondHandModernised,
            ]
            .iter()
            .map(|s| s.name().to_lowercase().contains(t.as_str()));
            cat.chain(status).collect()
        })
        .collect();
    let hit = |cache: &mut Vec<u8>, i: usize, text: &str, term: &str| -> bool {
        match cache.get(i) {
            Some(2) => true,
            Some(1) => false,
            Some(_) => {
                let h = text.contains(term);
                cache[i] = if h { 2 } else { 1 };
                h
            }
            None => false,
        }
    };
    let cat_pos = |c: Category| Category::ALL.iter().position(|k| *k == c).unwrap_or(0);
    let status_pos = |s: Status| Category::ALL.len() + s.code() as usize;
    rows.iter()
        .enumerate()
        .filter(|(_, r)| {
            terms.iter().enumerate().all(|(k, term)| {
                let t = term.as_str();
                fixed[k][cat_pos(r.category)]
                    || fixed[k][status_pos(r.status)]
                    || hit(
                        &mut ent_cache[k],
                        r.supplier.0 as usize,
                        index.entity_lower(r.supplier),
                        t,
                    )
                    || hit(
                        &mut ent_cache[k],
                        r.recipient.0 as usize,
                        index.entity_lower(r.recipient),
                        t,
                    )
                    || hit(
                        &mut str_cache[k],
                        r.designation.0 as usize,
                        index.string_lower(r.designation),
                        t,
                    )
                    || hit(
                        &mut str_cache[k],
                        r.description.0 as usize,
                        index.string_lower(r.description),
                        t,
                    )
                    || r.comments.is_some_and(|c| {
                        hit(&mut str_cache[k], c.0 as usize, index.string_lower(c), t)
                    })
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether `row` matches `query` in the plain, obviously-correct way (for tests).
pub fn row_matches(ds: &Dataset, row: &RegisterRow, query: &str) -> bool {
    let texts: Vec<String> = [
        Some(ds.entity(row.supplier).label().to_owned()),
        Some(ds.entity(row.recipient).label().to_owned()),
        Some(ds.str(row.designation).to_owned()),
        Some(ds.str(row.description).to_owned()),
        Some(row.category.name().to_owned()),
        Some(row.status.name().to_owned()),
        row.comments.map(|c| ds.str(c).to_owned()),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.to_lowercase())
    .collect();
    query
        .split_whitespace()
        .all(|t| texts.iter().any(|s| s.contains(&t.to_lowercase())))
}

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

/// A compact list of years: runs of consecutive years joined by an en dash, e.g.
/// `2010–2012, 2015`. Unsorted input and duplicates are tolerated.
pub fn format_years(years: &[Year]) -> String {
    let mut ys = years.to_vec();
    ys.sort_unstable();
    ys.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ys.len() {
        let start = ys[i];
        let mut j = i;
        while j + 1 < ys.len() && ys[j + 1] == ys[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            start.to_string()
        } else {
            format!("{start}–{}", ys[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// `12345` → `12,345`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A whole number with thousands separators: `1,445`.
pub fn format_count(n: usize) -> String {
    group(n as u64)
}

/// TIV exactly as SIPRI would print it, with thousands separators: `1,234.5`, `0.05`.
pub fn format_tiv(t: Tiv) -> String {
    let s = t.to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let int = int.parse::<u64>().map_or_else(|_| int.to_owned(), group);
    match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    }
}

/// The count line: `1,445 deals`, `12 of 1,445 deals`, `1 deal`, `No deals`.
pub fn count_label(shown: usize, total: usize) -> String {
    let noun = |n: usize| if n == 1 { "deal" } else { "deals" };
    if total == 0 {
        "No deals".to_owned()
    } else if shown == total {
        format!("{} {}", format_count(total), noun(total))
    } else {
        format!(
            "{} of {} {}",
            format_count(shown),
            format_count(total),
            noun(total)
        )
    }
}

// ---------------------------------------------------------------- in the reader's language

/// The key of a column's header in the translation tables (`col.supplier`…); CSV headers
/// keep [`Column::label`], machine-readable English.
pub fn column_key(c: Column) -> &'static str {
    match c {
        Column::Supplier => "col.supplier",
        Column::Recipient => "col.recipient",
        Column::Designation => "col.designation",
        Column::Description => "col.description",
        Column::Category => "col.category",
        Column::OrderYear => "col.order_year",
        Column::Ordered => "col.ordered",
        Column::Delivered => "col.delivered",
        Column::Years => "col.years",
        Column::Tiv => "col.tiv",
        Column::Status => "col.status",
        Column::LocalProduction => "col.local",
        Column::Comments => "col.comments",
    }
}

/// The key of SIPRI's status of a deal's weapons (`status.new`…).
pub fn status_key(s: crate::model::Status) -> &'static str {
    use crate::model::Status;
    match s {
        Status::New => "status.new",
        Status::SecondHand => "status.second_hand",
        Status::SecondHandModernised => "status.second_hand_modernised",
    }
}

/// A yes/no flag in words (`—` when SIPRI leaves it blank).
pub fn flag_in(tr: Tr, f: Flag) -> &'static str {
    match f {
        Flag::Yes => tr.t("flag.yes"),
        Flag::No => tr.t("flag.no"),
        Flag::Blank => "—",
    }
}

/// [`format_tiv`] written the reader's way: every digit SIPRI gives, grouped and with the
/// locale's decimal separator (`1 234,5` in French).
pub fn format_tiv_in(tr: Tr, t: Tiv) -> String {
    let s = t.to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let int = int
        .parse::<i64>()
        .map_or_else(|_| int.to_owned(), |n| tr.int(n));
    match frac {
        Some(f) => format!(
            "{sign}{int}{}{f}",
            crate::text::number::decimal_sep(tr.locale)
        ),
        None => format!("{sign}{int}"),
    }
}

/// [`count_label`] in the reader's language.
pub fn count_label_in(tr: Tr, shown: usize, total: usize) -> String {
    if total == 0 {
        tr.t("register.no_deals").to_owned()
    } else if shown == total {
        tr.p("count.deals", total as u64, &[])
    } else {
        tr.p(
            "register.count_of",
            total as u64,
            &[("shown", &tr.int(shown as i64))],
        )
    }
}

/// [`register_title`] in the reader's language.
pub fn register_title_in(tr: Tr, ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let phrase = crate::text::views::filter_phrase_in(
        tr,
        ds,
        f,
        "phrase.deliveries_lc",
        "phrase.deliveries_of_lc",
    );
    tr.f(
        "register.title",
        &[
            ("phrase", &phrase),
            ("years", &tr.years(years.from(), years.to())),
        ],
    )
}

/// The parts of a plain-language description of the filter (without years), shared by
/// the titles of the register and the rankings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterWords {
    /// `Yak-130`, `aircraft`, or empty.
    pub what: String,
    /// ` from Russia`, or empty.
    pub from: String,
    /// ` to Myanmar`, or empty.
    pub to: String,
    /// ` matching “radar”`, or empty.
    pub matching: String,
}

impl FilterWords {
    /// Describes `f` in words.
    pub fn new(ds: &Dataset, f: &Filter) -> FilterWords {
        let what = if !f.systems.is_empty() {
            f.systems
                .iter()
                .map(|s| ds.str(*s))
                .collect::<Vec<_>>()
                .join(", ")
        } else if !f.categories.is_empty() {
            f.categories
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
                .to_lowercase()
        } else {
            String::new()
        };
        let side = |prefix: &str, ids: &[EntityId]| {
            if ids.is_empty() {
                String::new()
            } else {
                format!(" {prefix} {}", ds.entity_names(ids))
            }
        };
        FilterWords {
            what,
            from: side("from", &f.suppliers),
            to: side("to", &f.recipients),
            matching: if f.text.trim().is_empty() {
                String::new()
            } else {
                format!(" matching “{}”", f.text.trim())
            },
        }
    }

    /// `arms deliveries from Russia to Myanmar`, `deliveries of Yak-130 to Myanmar`.
    pub fn deliveries(&self) -> String {
        let base = if self.what.is_empty() {
            "arms deliveries".to_owned()
        } else {
            format!("deliveries of {}", self.what)
        };
        format!("{base}{}{}{}", self.from, self.to, self.matching)
    }
}

fn year_span(r: YearRange) -> String {
    if r.from() == r.to() {
        r.from().to_string()
    } else {
        format!("{}–{}", r.from(), r.to())
    }
}

/// The register's title, e.g. "Deal register: arms deliveries to Myanmar, 1990–2024".
pub fn register_title(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    format!(
        "Deal register: {}, {}",
        FilterWords::new(ds, f).deliveries(),
        year_span(years)
    )
}

/// Every delivery of one deal, in every year (not only the filter's), ascending by year:
/// what the detail card lists.
pub fn deal_deliveries(ds: &Dataset, deal: DealIdx) -> Vec<Delivery> {
    let mut v: Vec<Delivery> = ds
        .deliveries
        .iter()
        .filter(|d| d.deal == deal)
        .copied()
        .collect();
    v.sort_by_key(|d| d.year);
    v
}

/// True when any deal carries a number ordered (the deal-level register does, the
/// per-year exports do not): the register hides the column otherwise.
pub fn has_numbers_ordered(ds: &Dataset) -> bool {
    ds.deals.iter().any(|d| d.number_ordered.is_some())
}

/// True when any deal carries SIPRI's comments (only the deal-level register does).
pub fn has_comments(ds: &Dataset) -> bool {
    ds.deals.iter().any(|d| d.comments.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_compactly() {
        assert_eq!(format_years(&[2010, 2011, 2012, 2015]), "2010–2012, 2015");
        assert_eq!(format_years(&[2015, 2010, 2011, 2011]), "2010–2011, 2015");
        assert_eq!(format_years(&[1999]), "1999");
        assert_eq!(format_years(&[]), "");
    }

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

    #[test]
    fn numbers_read_well() {
        assert_eq!(format_tiv(Tiv(123_456)), "1,234.56");
        assert_eq!(format_tiv(Tiv(5)), "0.05");
        assert_eq!(format_tiv(Tiv(100_000_000)), "1,000,000");
        assert_eq!(count_label(1445, 1445), "1,445 deals");
        assert_eq!(count_label(12, 1445), "12 of 1,445 deals");
        assert_eq!(count_label(1, 1), "1 deal");
        assert_eq!(count_label(0, 0), "No deals");
    }
}
