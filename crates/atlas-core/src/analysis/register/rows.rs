//! The register's rows: one per deal with deliveries under the filter, their totals in
//! the filter's years, and the collation ranks that make sorting compare integers.

use crate::analysis::filter::{for_each_selected, DealIndex, Filter};
use crate::model::{
    Category, Dataset, DealIdx, Delivery, EntityId, Flag, Status, StrId, Tiv, Year,
};

/// Collation ranks and search text for one dataset, computed once when it loads (and
/// again when the reader's language changes the names shown).
///
/// Ranks give the alphabetical order of entity names and strings, so the register sorts
/// text columns by comparing integers. [`TextIndex::new`] orders and searches SIPRI's
/// names, case-insensitively (exports, English); [`TextIndex::with_names`] takes the
/// names the reader sees, with their collation and folding, from the text layer
/// (`text::register::text_index`).
#[derive(Debug, Clone)]
pub struct TextIndex {
    entity_rank: Vec<u32>,
    string_rank: Vec<u32>,
    /// Per entity, the text a search term is looked for in (folded by `fold`).
    pub(super) entity_text: Vec<String>,
    pub(super) string_lower: Vec<String>,
    /// How a search term is folded before it is looked for in `entity_text`.
    pub(super) fold: fn(&str) -> String,
    /// The armament categories' names (in `Category::ALL` order), then the statuses' (by
    /// code), as the reader's language writes them, folded by `fold`: a term is found in
    /// these as well as in SIPRI's English. Empty when the names shown are SIPRI's.
    pub(super) kind_text: Vec<String>,
}

/// How the reader's language names the entities of a dataset, for [`TextIndex::with_names`]:
/// one entry per entity, in id order.
#[derive(Debug, Clone)]
pub struct EntityNames {
    /// A key per entity whose order is the order of the names shown (a collation key).
    pub sort_keys: Vec<String>,
    /// Per entity, every spelling a search may find it by, folded by `fold` and joined
    /// by a character `fold` never outputs (a line break), so a term never spans two.
    pub search_text: Vec<String>,
    /// Folds a search term as `search_text` was folded.
    pub fold: fn(&str) -> String,
    /// The categories' names (in `Category::ALL` order), then the statuses' (by code), in
    /// the reader's language, folded by `fold`; empty for SIPRI's English alone.
    pub kind_text: Vec<String>,
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

fn lowercase(s: &str) -> String {
    s.to_lowercase()
}

impl TextIndex {
    /// Builds the index for `ds` on SIPRI's names, compared case-insensitively.
    pub fn new(ds: &Dataset) -> TextIndex {
        let lower: Vec<String> = ds
            .entities
            .iter()
            .map(|e| e.label().to_lowercase())
            .collect();
        TextIndex::with_names(
            ds,
            EntityNames {
                sort_keys: lower.clone(),
                search_text: lower,
                fold: lowercase,
                kind_text: Vec::new(),
            },
        )
    }

    /// Builds the index for `ds` with the entity names the reader sees (`names` has one
    /// entry per entity; a missing one sorts last and is found by no term). Ties between
    /// equal keys are broken by SIPRI's name, then by id.
    pub fn with_names(ds: &Dataset, names: EntityNames) -> TextIndex {
        let string_lower: Vec<String> = ds
            .strings
            .strings()
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
        let mut sort_keys = names.sort_keys;
        let mut entity_text = names.search_text;
        sort_keys.resize(ds.entities.len(), String::from("\u{10FFFF}"));
        entity_text.resize(ds.entities.len(), String::new());
        let entity_keys: Vec<(String, &str)> = ds
            .entities
            .iter()
            .zip(sort_keys)
            .map(|(e, k)| (k, e.name.as_str()))
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
            entity_text,
            string_lower,
            fold: names.fold,
            kind_text: names.kind_text,
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

    pub(super) fn entity_text(&self, e: EntityId) -> &str {
        self.entity_text
            .get(e.0 as usize)
            .map_or("", String::as_str)
    }

    pub(super) fn string_lower(&self, s: StrId) -> &str {
        self.string_lower
            .get(s.0 as usize)
            .map_or("", String::as_str)
    }
}

/// Precomputed sort keys of a row's text columns (collation ranks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct TextKeys {
    pub(super) supplier: u32,
    pub(super) recipient: u32,
    pub(super) designation: u32,
    pub(super) description: u32,
    pub(super) comments: Option<u32>,
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
    pub(super) keys: TextKeys,
}

/// The register for `filter`: one row per deal with at least one delivery that passes it,
/// in deal order. The filter's years bound the totals; the text search is separate
/// ([`search`](super::search)).
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
}
