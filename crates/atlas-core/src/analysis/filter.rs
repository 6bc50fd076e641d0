//! What the user has chosen to look at, and which deliveries that selects.

use thiserror::Error;

use crate::model::{Category, Dataset, Deal, Delivery, EntityId, StrId, Year, MAX_YEAR, MIN_YEAR};

/// An inclusive range of delivery years, checked when built: `from <= to`, both within
/// [`MIN_YEAR`]..=[`MAX_YEAR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearRange {
    from: Year,
    to: Year,
}

/// A year range that cannot be built.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum YearRangeError {
    #[error("year {0} is outside {MIN_YEAR}–{MAX_YEAR}")]
    OutOfRange(i64),
    #[error("the range starts in {from} but ends earlier, in {to}")]
    Reversed { from: Year, to: Year },
}

impl YearRange {
    /// Builds a range; see the type docs for what is checked.
    pub fn new(from: i64, to: i64) -> Result<YearRange, YearRangeError> {
        let check = |y: i64| {
            Year::try_from(y)
                .ok()
                .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
                .ok_or(YearRangeError::OutOfRange(y))
        };
        let (from, to) = (check(from)?, check(to)?);
        if from > to {
            return Err(YearRangeError::Reversed { from, to });
        }
        Ok(YearRange { from, to })
    }

    /// First year.
    pub fn from(self) -> Year {
        self.from
    }

    /// Last year.
    pub fn to(self) -> Year {
        self.to
    }

    /// True when `y` is in the range.
    pub fn contains(self, y: Year) -> bool {
        (self.from..=self.to).contains(&y)
    }

    /// Number of years covered.
    pub fn len(self) -> usize {
        usize::from(self.to - self.from) + 1
    }

    /// Never empty (a range holds at least one year); here for clippy's sake.
    pub fn is_empty(self) -> bool {
        false
    }

    /// The part of this range inside `other`, if any.
    pub(crate) fn intersect(self, other: YearRange) -> Option<YearRange> {
        let from = self.from.max(other.from);
        let to = self.to.min(other.to);
        (from <= to).then_some(YearRange { from, to })
    }
}

/// The filter every view reads. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub years: Option<YearRange>,
    pub suppliers: Vec<EntityId>,
    pub recipients: Vec<EntityId>,
    pub categories: Vec<Category>,
    /// Weapon designations (exact).
    pub systems: Vec<StrId>,
    /// Free text matched, case-insensitively, against designation, description and comments.
    pub text: String,
}

impl Filter {
    /// True when the filter selects everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether a deal passes the deal-level parts of the filter (everything but years).
    /// This is the plain, obviously-correct version; [`DealMask`] is the fast one.
    pub(crate) fn matches_deal(&self, ds: &Dataset, deal: &Deal) -> bool {
        (self.suppliers.is_empty() || self.suppliers.contains(&deal.supplier))
            && (self.recipients.is_empty() || self.recipients.contains(&deal.recipient))
            && (self.categories.is_empty() || self.categories.contains(&deal.category))
            && (self.systems.is_empty() || self.systems.contains(&deal.designation))
            && (self.text.trim().is_empty() || {
                let needle = self.text.trim().to_lowercase();
                [
                    Some(deal.designation),
                    Some(deal.description),
                    deal.comments,
                ]
                .into_iter()
                .flatten()
                .any(|s| ds.str(s).to_lowercase().contains(&needle))
            })
    }

    /// Whether a delivery passes the whole filter (plain version).
    pub fn matches(&self, ds: &Dataset, d: &Delivery) -> bool {
        self.years.is_none_or(|r| r.contains(d.year)) && self.matches_deal(ds, ds.deal(d.deal))
    }
}

/// The deal-level parts of a filter (supplier, recipient, category, weapon system, text),
/// prepared once per filter change as lookup tables, so that testing a deal is a few
/// array reads.
#[derive(Debug, Clone)]
pub struct DealTest {
    sup: Option<Vec<bool>>,
    rec: Option<Vec<bool>>,
    cats: [bool; 16],
    sys: Option<Vec<bool>>,
    text_hit: Option<Vec<bool>>,
}

impl DealTest {
    /// Prepares the tables for `filter` over `ds`.
    pub fn new(ds: &Dataset, filter: &Filter) -> DealTest {
        let n_ent = ds.entities.len();
        let side = |ids: &[EntityId]| -> Option<Vec<bool>> {
            if ids.is_empty() {
                return None;
            }
            let mut v = vec![false; n_ent];
            for id in ids {
                if let Some(x) = v.get_mut(id.0 as usize) {
                    *x = true;
                }
            }
            Some(v)
        };
        let mut cats = [filter.categories.is_empty(); 16];
        for c in &filter.categories {
            cats[c.code() as usize] = true;
        }
        let needle = filter.text.trim().to_lowercase();
        let n_str = ds.strings.len();
        let sys: Option<Vec<bool>> = (!filter.systems.is_empty()).then(|| {
            let mut v = vec![false; n_str];
            for s in &filter.systems {
                if let Some(x) = v.get_mut(s.0 as usize) {
                    *x = true;
                }
            }
            v
        });
        let text_hit: Option<Vec<bool>> = (!needle.is_empty()).then(|| {
            ds.strings
                .strings()
                .iter()
                .map(|s| s.to_lowercase().contains(&needle))
                .collect()
        });
        DealTest {
            sup: side(&filter.suppliers),
            rec: side(&filter.recipients),
            cats,
            sys,
            text_hit,
        }
    }

    /// Whether `d` passes. Ids outside the tables fail (the dataset's invariants rule them
    /// out; a damaged one must not panic).
    pub(crate) fn passes(&self, d: &Deal) -> bool {
        let hit = |v: &Vec<bool>, i: u32| v.get(i as usize).copied().unwrap_or(false);
        self.sup.as_ref().is_none_or(|v| hit(v, d.supplier.0))
            && self.rec.as_ref().is_none_or(|v| hit(v, d.recipient.0))
            && self
                .cats
                .get(d.category.code() as usize)
                .copied()
                .unwrap_or(false)
            && self.sys.as_ref().is_none_or(|v| hit(v, d.designation.0))
            && self.text_hit.as_ref().is_none_or(|t| {
                hit(t, d.designation.0)
                    || hit(t, d.description.0)
                    || d.comments.is_some_and(|c| hit(t, c.0))
            })
    }
}

/// Which deals pass a filter, computed once per filter change so that the per-delivery
/// loop only indexes a bit vector.
#[derive(Debug, Clone)]
pub struct DealMask {
    pass: Vec<bool>,
}

impl DealMask {
    /// Evaluates the deal-level parts of `filter` for every deal of `ds`.
    pub fn new(ds: &Dataset, filter: &Filter) -> DealMask {
        let test = DealTest::new(ds, filter);
        DealMask {
            pass: ds.deals.iter().map(|d| test.passes(d)).collect(),
        }
    }

    /// Whether deal `i` passes.
    pub(crate) fn passes(&self, i: usize) -> bool {
        self.pass.get(i).copied().unwrap_or(false)
    }
}

/// A table of lists in two flat vectors: list `k` is `items[start[k]..start[k + 1]]`.
#[derive(Debug, Clone, Default)]
struct Lists {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// Groups `0..n_items` by `key(item)` (keys below `n_keys`), keeping item order
    /// within each list (a counting sort).
    fn group(n_keys: usize, n_items: usize, key: impl Fn(usize) -> usize) -> Lists {
        let mut start = vec![0u32; n_keys + 1];
        for i in 0..n_items {
            if let Some(c) = start.get_mut(key(i) + 1) {
                *c += 1;
            }
        }
        for k in 0..n_keys {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; start[n_keys] as usize];
        for i in 0..n_items {
            if let Some(f) = fill.get_mut(key(i)) {
                items[*f as usize] = i as u32;
                *f += 1;
            }
        }
        Lists { start, items }
    }

    fn get(&self, k: usize) -> &[u32] {
        match (self.start.get(k), self.start.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Each supplier's and each recipient's deals, and each deal's deliveries (in year
/// order): built once per dataset, so that a filter on a few suppliers or recipients
/// visits their deals only instead of scanning every delivery.
#[derive(Debug, Clone, Default)]
pub struct DealIndex {
    /// The sizes of the dataset it was built for (a mismatch makes it unused).
    n_deals: usize,
    n_deliveries: usize,
    by_supplier: Lists,
    by_recipient: Lists,
    deliveries: Lists,
}

impl DealIndex {
    /// Builds the index of `ds` (linear in its size).
    pub fn new(ds: &Dataset) -> DealIndex {
        let n_ent = ds.entities.len();
        DealIndex {
            n_deals: ds.deals.len(),
            n_deliveries: ds.deliveries.len(),
            by_supplier: Lists::group(n_ent, ds.deals.len(), |i| ds.deals[i].supplier.0 as usize),
            by_recipient: Lists::group(n_ent, ds.deals.len(), |i| ds.deals[i].recipient.0 as usize),
            deliveries: Lists::group(ds.deals.len(), ds.deliveries.len(), |i| {
                ds.deliveries[i].deal.0 as usize
            }),
        }
    }

    /// The indices into `ds.deliveries` of deal `deal`'s deliveries, in year order.
    pub(crate) fn deliveries_of(&self, deal: usize) -> &[u32] {
        self.deliveries.get(deal)
    }

    /// The deals of the given entities (each entity once), or `None` when there are none
    /// to look up.
    fn deals_of(lists: &Lists, ids: &[EntityId]) -> Option<Vec<u32>> {
        if ids.is_empty() {
            return None;
        }
        let mut ids: Vec<u32> = ids.iter().map(|e| e.0).collect();
        ids.sort_unstable();
        ids.dedup();
        Some(
            ids.iter()
                .flat_map(|&e| lists.get(e as usize).iter().copied())
                .collect(),
        )
    }
}

/// Calls `visit(deal index, delivery)` for every delivery of `ds` in `years` (all when
/// `None`) whose deal passes `filter`'s deal-level parts, each exactly once.
///
/// The order differs by path: with an `index` and a supplier or recipient filter, deal by
/// deal (each deal's deliveries in year order);
/// otherwise in the dataset's `(year, deal)` order. Callers must not depend on more than
/// "each deal's deliveries come in year order", which both paths keep.
///
/// `visit` is a trait object, not a generic, so that each caller's loop body is
/// compiled once rather than once per path (measured: 0.8 KB less wasm).
pub(crate) fn for_each_selected(
    ds: &Dataset,
    index: Option<&DealIndex>,
    filter: &Filter,
    years: Option<YearRange>,
    visit: &mut dyn FnMut(usize, &Delivery),
) {
    let test = DealTest::new(ds, filter);
    if let Some(ix) =
        index.filter(|ix| (ix.n_deals, ix.n_deliveries) == (ds.deals.len(), ds.deliveries.len()))
    {
        let sup = DealIndex::deals_of(&ix.by_supplier, &filter.suppliers);
        let rec = DealIndex::deals_of(&ix.by_recipient, &filter.recipients);
        let candidates = match (sup, rec) {
            (Some(a), Some(b)) => Some(if a.len() <= b.len() { a } else { b }),
            (a, b) => a.or(b),
        };
        if let Some(deals) = candidates {
            for di in deals {
                let di = di as usize;
                if !ds.deals.get(di).is_some_and(|d| test.passes(d)) {
                    continue;
                }
                for &k in ix.deliveries.get(di) {
                    let Some(d) = ds.deliveries.get(k as usize) else {
                        continue;
                    };
                    if years.is_none_or(|r| r.contains(d.year)) {
                        visit(di, d);
                    }
                }
            }
            return;
        }
    }
    let pass: Vec<bool> = ds.deals.iter().map(|d| test.passes(d)).collect();
    for d in year_slice(ds, years) {
        let di = d.deal.0 as usize;
        if pass.get(di).copied().unwrap_or(false) {
            visit(di, d);
        }
    }
}

/// The deliveries of `ds` inside `years` (all when `None`), as a slice: deliveries are
/// sorted by year, so this is two binary searches.
pub(crate) fn year_slice(ds: &Dataset, years: Option<YearRange>) -> &[Delivery] {
    let Some(r) = years else {
        return &ds.deliveries;
    };
    let lo = ds.deliveries.partition_point(|d| d.year < r.from());
    let hi = ds.deliveries.partition_point(|d| d.year <= r.to());
    &ds.deliveries[lo..hi.max(lo)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_range_is_checked_when_built() {
        assert!(YearRange::new(1990, 2024).is_ok());
        assert_eq!(
            YearRange::new(2024, 1990),
            Err(YearRangeError::Reversed {
                from: 2024,
                to: 1990
            })
        );
        assert_eq!(YearRange::new(0, 1990), Err(YearRangeError::OutOfRange(0)));
        assert_eq!(
            YearRange::new(1990, 99999),
            Err(YearRangeError::OutOfRange(99999))
        );
        let r = YearRange::new(2000, 2010).unwrap();
        assert_eq!(r.len(), 11);
        assert!(r.contains(2000) && r.contains(2010) && !r.contains(2011));
        let s = YearRange::new(2005, 2020).unwrap();
        assert_eq!(r.intersect(s), YearRange::new(2005, 2010).ok());
        assert_eq!(r.intersect(YearRange::new(2011, 2012).unwrap()), None);
    }
}
