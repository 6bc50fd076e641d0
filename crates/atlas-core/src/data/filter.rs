//! What the user has chosen to look at, and which deliveries that selects.

use thiserror::Error;

use super::model::{Category, Dataset, Deal, Delivery, EntityId, StrId, Year, MAX_YEAR, MIN_YEAR};

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
    pub fn intersect(self, other: YearRange) -> Option<YearRange> {
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
    pub fn matches_deal(&self, ds: &Dataset, deal: &Deal) -> bool {
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

/// Which deals pass a filter, computed once per filter change so that the per-delivery
/// loop only indexes a bit vector.
#[derive(Debug, Clone)]
pub struct DealMask {
    pass: Vec<bool>,
}

impl DealMask {
    /// Evaluates the deal-level parts of `filter` for every deal of `ds`.
    pub fn new(ds: &Dataset, filter: &Filter) -> DealMask {
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
        let sup = side(&filter.suppliers);
        let rec = side(&filter.recipients);
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
        let pass = ds
            .deals
            .iter()
            .map(|d| {
                sup.as_ref().is_none_or(|v| v[d.supplier.0 as usize])
                    && rec.as_ref().is_none_or(|v| v[d.recipient.0 as usize])
                    && cats[d.category.code() as usize]
                    && sys.as_ref().is_none_or(|v| v[d.designation.0 as usize])
                    && text_hit.as_ref().is_none_or(|t| {
                        t[d.designation.0 as usize]
                            || t[d.description.0 as usize]
                            || d.comments.is_some_and(|c| t[c.0 as usize])
                    })
            })
            .collect();
        DealMask { pass }
    }

    /// Whether deal `i` passes.
    pub fn passes(&self, i: usize) -> bool {
        self.pass.get(i).copied().unwrap_or(false)
    }
}

/// The deliveries of `ds` inside `years` (all when `None`), as a slice: deliveries are
/// sorted by year, so this is two binary searches.
pub fn year_slice(ds: &Dataset, years: Option<YearRange>) -> &[Delivery] {
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
