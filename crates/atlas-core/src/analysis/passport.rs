//! The system passport: one weapon designation across every recipient and year — who got
//! it, from whom, when, how many, new or second-hand, and whether it was built locally.
//!
//! The passport ignores the filter on purpose: it answers "where did the Mi-17 go?" for
//! the whole dataset.

use std::collections::HashMap;

use crate::model::{Category, Dataset, EntityId, Flag, Status, StrId, Tiv, Year};

/// What was delivered in one year within a passport row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassportYear {
    pub year: Year,
    pub number: u32,
    pub tiv: Tiv,
    pub year_estimate: bool,
    pub number_estimate: bool,
    /// Split evenly by Arms Atlas from a deal-level total.
    pub approximate: bool,
}

/// The deals of one designation that share recipient, supplier, status and local
/// production, merged: one line of the passport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassportRow {
    pub recipient: EntityId,
    pub supplier: EntityId,
    pub status: Status,
    pub local_production: Flag,
    /// Per delivery year, ascending; empty when nothing was delivered yet.
    pub years: Vec<PassportYear>,
    /// Order years of the merged deals, ascending, without duplicates.
    pub order_years: Vec<Year>,
    /// Units delivered over all years.
    pub number: u32,
    pub tiv: Tiv,
    pub deals: usize,
}

impl PassportRow {
    /// The delivery years, ascending.
    pub fn year_list(&self) -> Vec<Year> {
        self.years.iter().map(|y| y.year).collect()
    }

    /// True when SIPRI marks any number of this row as an estimate.
    pub fn number_estimate(&self) -> bool {
        self.years.iter().any(|y| y.number_estimate)
    }

    /// True when SIPRI marks any year of this row as an estimate.
    pub fn year_estimate(&self) -> bool {
        self.years.iter().any(|y| y.year_estimate)
    }

    /// True when any figure was split evenly by Arms Atlas.
    pub fn approximate(&self) -> bool {
        self.years.iter().any(|y| y.approximate)
    }
}

/// A designation across the whole dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passport {
    pub designation: StrId,
    /// SIPRI's descriptions of it (usually one, e.g. "transport helicopter").
    pub descriptions: Vec<StrId>,
    pub categories: Vec<Category>,
    /// Sorted by recipient (alphabetically), then first delivery year, then supplier.
    pub rows: Vec<PassportRow>,
    /// First and last delivery year, if anything was delivered.
    pub years: Option<(Year, Year)>,
    pub number: u32,
    pub tiv: Tiv,
    pub deals: usize,
    /// Distinct recipients.
    pub recipients: usize,
}

impl Passport {
    /// Builds the passport of `designation`.
    pub fn build(ds: &Dataset, designation: StrId) -> Passport {
        type Key = (EntityId, EntityId, Status, Flag);
        let mut slot: HashMap<Key, usize> = HashMap::new();
        let mut rows: Vec<PassportRow> = Vec::new();
        let mut deal_row = vec![usize::MAX; ds.deals.len()];
        let mut descriptions: Vec<StrId> = Vec::new();
        let mut categories: Vec<Category> = Vec::new();
        let mut deals = 0;
        for (i, d) in ds.deals.iter().enumerate() {
            if d.designation != designation {
                continue;
            }
            deals += 1;
            if !descriptions.contains(&d.description) {
                descriptions.push(d.description);
            }
            if !categories.contains(&d.category) {
                categories.push(d.category);
            }
            let key = (d.recipient, d.supplier, d.status, d.local_production);
            let r = *slot.entry(key).or_insert_with(|| {
                rows.push(PassportRow {
                    recipient: d.recipient,
                    supplier: d.supplier,
                    status: d.status,
                    local_production: d.local_production,
                    years: Vec::new(),
                    order_years: Vec::new(),
                    number: 0,
                    tiv: Tiv::ZERO,
                    deals: 0,
                });
                rows.len() - 1
            });
            rows[r].deals += 1;
            if let Some(y) = d.order_year {
                if let Err(p) = rows[r].order_years.binary_search(&y) {
                    rows[r].order_years.insert(p, y);
                }
            }
            deal_row[i] = r;
        }
        let (mut number, mut tiv) = (0u32, Tiv::ZERO);
        let mut span: Option<(Year, Year)> = None;
        for d in &ds.deliveries {
            let Some(&r) = deal_row.get(d.deal.0 as usize) else {
                continue;
            };
            if r == usize::MAX {
                continue;
            }
            let row = &mut rows[r];
            row.number = row.number.saturating_add(d.number);
            row.tiv += d.tiv;
            number = number.saturating_add(d.number);
            tiv += d.tiv;
            span = Some(span.map_or((d.year, d.year), |(a, b)| (a.min(d.year), b.max(d.year))));
            // Two merged deals may deliver in the same year: add up.
            match row.years.binary_search_by_key(&d.year, |y| y.year) {
                Ok(p) => {
                    let y = &mut row.years[p];
                    y.number = y.number.saturating_add(d.number);
                    y.tiv += d.tiv;
                    y.year_estimate |= d.year_estimate.is_yes();
                    y.number_estimate |= d.number_estimate.is_yes();
                    y.approximate |= d.approximate;
                }
                Err(p) => row.years.insert(
                    p,
                    PassportYear {
                        year: d.year,
                        number: d.number,
                        tiv: d.tiv,
                        year_estimate: d.year_estimate.is_yes(),
                        number_estimate: d.number_estimate.is_yes(),
                        approximate: d.approximate,
                    },
                ),
            }
        }
        let lower: Vec<String> = ds
            .entities
            .iter()
            .map(|e| e.label().to_lowercase())
            .collect();
        let label = |e: EntityId| lower.get(e.0 as usize).map_or("", String::as_str);
        rows.sort_by(|a, b| {
            label(a.recipient)
                .cmp(label(b.recipient))
                .then(a.recipient.cmp(&b.recipient))
                .then_with(|| {
                    // Rows with deliveries by first year; rows still on order last.
                    let first = |r: &PassportRow| r.years.first().map(|y| y.year);
                    match (first(a), first(b)) {
                        (Some(x), Some(y)) => x.cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                })
                .then(label(a.supplier).cmp(label(b.supplier)))
                .then(a.supplier.cmp(&b.supplier))
                .then(a.status.cmp(&b.status))
                .then(a.local_production.code().cmp(&b.local_production.code()))
        });
        let mut recips: Vec<EntityId> = rows.iter().map(|r| r.recipient).collect();
        recips.sort_unstable();
        recips.dedup();
        Passport {
            designation,
            descriptions,
            categories,
            rows,
            years: span,
            number,
            tiv,
            deals,
            recipients: recips.len(),
        }
    }

    /// True when the designation has no deal in the dataset.
    pub fn is_empty(&self) -> bool {
        self.deals == 0
    }
}

/// The designation a reader means by `text`: the exact spelling first, then a
/// case-insensitive match. Only designations of actual deals count.
pub fn find_designation(ds: &Dataset, text: &str) -> Option<StrId> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let is_designation = |id: StrId| ds.deals.iter().any(|d| d.designation == id);
    if let Some(id) = ds.strings.get(t).filter(|id| is_designation(*id)) {
        return Some(id);
    }
    let lower = t.to_lowercase();
    let mut ids: Vec<StrId> = ds.deals.iter().map(|d| d.designation).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .find(|id| ds.str(*id).to_lowercase() == lower)
}

/// The designation the passport shows: the reader's own pick, unless the filter's weapon
/// system has changed since they made it (then the filter's wins), else the filter's.
///
/// `picked` is the reader's choice together with the filter's first system at the time.
pub fn shown_designation(
    picked: Option<(StrId, Option<StrId>)>,
    filter_first: Option<StrId>,
) -> Option<StrId> {
    match picked {
        Some((id, at_pick)) if at_pick == filter_first => Some(id),
        _ => filter_first.or(picked.map(|p| p.0)),
    }
}

impl Passport {
    /// The positions in [`Passport::rows`] of the `n` rows with the most TIV, largest
    /// first (ties keep the table's order): what a compact passport (an embed) lists.
    pub fn largest_rows(&self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| self.rows[b].tiv.cmp(&self.rows[a].tiv).then(a.cmp(&b)));
        order.truncate(n);
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_rows_come_first_and_ties_keep_their_order() {
        let row = |tiv: i64| PassportRow {
            recipient: EntityId(0),
            supplier: EntityId(1),
            status: Status::New,
            local_production: Flag::No,
            years: Vec::new(),
            order_years: Vec::new(),
            number: 0,
            tiv: Tiv(tiv),
            deals: 1,
        };
        let p = Passport {
            designation: StrId(0),
            descriptions: Vec::new(),
            categories: Vec::new(),
            rows: vec![row(5), row(90), row(5), row(40)],
            years: None,
            number: 0,
            tiv: Tiv(140),
            deals: 4,
            recipients: 1,
        };
        assert_eq!(p.largest_rows(3), vec![1, 3, 0]);
        assert_eq!(p.largest_rows(9), vec![1, 3, 0, 2]);
        assert!(p.largest_rows(0).is_empty());
    }

    #[test]
    fn the_filter_wins_only_when_it_changes() {
        let (a, b, c) = (StrId(1), StrId(2), StrId(3));
        assert_eq!(shown_designation(None, None), None);
        assert_eq!(shown_designation(None, Some(a)), Some(a));
        assert_eq!(shown_designation(Some((b, Some(a))), Some(a)), Some(b));
        assert_eq!(shown_designation(Some((b, Some(a))), Some(c)), Some(c));
        assert_eq!(shown_designation(Some((b, None)), None), Some(b));
        assert_eq!(shown_designation(Some((b, Some(a))), None), Some(b));
    }
}
