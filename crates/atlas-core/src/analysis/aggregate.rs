//! The numbers every view draws: totals, per-year series, flows and rankings.
//!
//! [`Aggregates::compute`] makes one pass over the deliveries in the year range with dense,
//! id-indexed accumulators; the tests check it against plain loops over all deliveries.

use std::collections::HashMap;

use crate::analysis::filter::{
    for_each_selected, year_slice, DealIndex, DealMask, Filter, YearRange,
};
use crate::model::{Category, Dataset, EntityId, StrId, Tiv, Year};

/// A supplier→recipient flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub supplier: EntityId,
    pub recipient: EntityId,
    pub tiv: Tiv,
    /// The part of `tiv` that is an estimate (SIPRI's flags or our deal-level split).
    pub estimated: Tiv,
    pub first_year: Year,
    pub last_year: Year,
    /// Number of delivery rows in the flow.
    pub deliveries: usize,
}

/// How the timeline stacks its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StackBy {
    #[default]
    Supplier,
    Recipient,
    Category,
}

/// One band of a stacked series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesKey {
    Entity(EntityId),
    Category(Category),
    /// Everything outside the top N.
    Other,
}

/// TIV per year split into bands: `values[band][year - years.from()]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackedSeries {
    pub years: YearRange,
    pub keys: Vec<SeriesKey>,
    pub values: Vec<Vec<Tiv>>,
    /// The estimated part of each cell (same shape as `values`).
    pub estimated: Vec<Vec<Tiv>>,
}

impl StackedSeries {
    /// Total of one year over all bands.
    pub fn year_total(&self, year_index: usize) -> Tiv {
        self.values.iter().map(|band| band[year_index]).sum()
    }

    /// Sum of everything.
    pub fn total(&self) -> Tiv {
        self.values.iter().flatten().copied().sum()
    }

    /// The year at an index.
    pub fn year_at(&self, year_index: usize) -> Year {
        self.years.from() + year_index as Year
    }

    /// One year's bands, largest first, without empty ones: `(band index, TIV, estimated)`.
    pub fn breakdown(&self, year_index: usize) -> Vec<(usize, Tiv, Tiv)> {
        let mut v: Vec<(usize, Tiv, Tiv)> = (0..self.keys.len())
            .filter_map(|k| {
                let t = *self.values[k].get(year_index)?;
                (t.0 > 0).then(|| (k, t, self.estimated[k][year_index]))
            })
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// True when every cell is zero.
    pub fn is_empty(&self) -> bool {
        self.values.iter().flatten().all(|t| *t == Tiv::ZERO)
    }
}

/// Everything the views need for one filter.
#[derive(Debug, Clone)]
pub struct Aggregates {
    /// The years shown: the filter's range, or the dataset's span.
    pub years: YearRange,
    pub total: Tiv,
    pub estimated: Tiv,
    pub deliveries: usize,
    /// Deals with at least one delivery in the selection.
    pub deals: usize,
    /// Sorted by TIV, largest first (ties by id); only non-empty entries.
    pub suppliers: Vec<(EntityId, Tiv)>,
    pub recipients: Vec<(EntityId, Tiv)>,
    pub systems: Vec<(StrId, Tiv)>,
    pub categories: Vec<(Category, Tiv)>,
    /// Sorted by TIV, largest first.
    pub flows: Vec<Flow>,
    /// `[year][entity]`, dense.
    by_year_supplier: Vec<Tiv>,
    by_year_supplier_est: Vec<Tiv>,
    by_year_recipient: Vec<Tiv>,
    by_year_recipient_est: Vec<Tiv>,
    by_year_category: Vec<Tiv>,
    by_year_category_est: Vec<Tiv>,
    /// Estimated TIV per weapon system (by string id), dense.
    system_est: Vec<Tiv>,
    n_entities: usize,
}

const N_CAT: usize = 16;

/// Series keys in rank order, each with its column in a dense `[year][column]` table.
type Ranking = Vec<(SeriesKey, usize)>;

fn ranked<K: Copy + Ord>(totals: impl Iterator<Item = (K, Tiv)>) -> Vec<(K, Tiv)> {
    let mut v: Vec<(K, Tiv)> = totals.filter(|(_, t)| t.0 > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

impl Aggregates {
    /// Computes all aggregates for `filter` (scanning every delivery in the years).
    pub fn compute(ds: &Dataset, filter: &Filter) -> Aggregates {
        Aggregates::compute_with(ds, None, filter)
    }

    /// [`Aggregates::compute`], visiting only the selected suppliers' or recipients' deals
    /// when `index` (built for `ds`) makes that quicker. Same result either way: the sums
    /// are exact fixed-point additions, and everything ranked is sorted afterwards.
    pub fn compute_with(ds: &Dataset, index: Option<&DealIndex>, filter: &Filter) -> Aggregates {
        let span = ds
            .year_span()
            .and_then(|(a, b)| YearRange::new(i64::from(a), i64::from(b)).ok());
        let years = match (filter.years, span) {
            (Some(f), _) => f,
            (None, Some(s)) => s,
            (None, None) => YearRange::new(2000, 2000).expect("valid constant range"),
        };
        let n_ent = ds.entities.len();
        let n_years = years.len();
        let mut sup = vec![Tiv::ZERO; n_ent];
        let mut rec = vec![Tiv::ZERO; n_ent];
        let mut sys = vec![Tiv::ZERO; ds.strings.len()];
        let mut sys_est = vec![Tiv::ZERO; ds.strings.len()];
        let mut cat = [Tiv::ZERO; N_CAT];
        let mut ys = vec![Tiv::ZERO; n_years * n_ent];
        let mut ys_est = vec![Tiv::ZERO; n_years * n_ent];
        let mut yr = vec![Tiv::ZERO; n_years * n_ent];
        let mut yr_est = vec![Tiv::ZERO; n_years * n_ent];
        let mut yc = vec![Tiv::ZERO; n_years * N_CAT];
        let mut yc_est = vec![Tiv::ZERO; n_years * N_CAT];
        // Each flow once, in first-visit order; a deal's deliveries all share its flow, so
        // the pair is looked up once per deal (`flow_of`, which also marks deals seen),
        // not once per delivery.
        let mut flow_at: rustc_hash::FxHashMap<(EntityId, EntityId), u32> = Default::default();
        let mut flows: Vec<Flow> = Vec::new();
        let mut flow_of = vec![u32::MAX; ds.deals.len()];
        let (mut total, mut estimated, mut deliveries, mut deals) = (Tiv::ZERO, Tiv::ZERO, 0, 0);
        for_each_selected(ds, index, filter, Some(years), &mut |di, d| {
            let deal = &ds.deals[di];
            let est = if d.is_estimate() { d.tiv } else { Tiv::ZERO };
            let (s, r, c) = (
                deal.supplier.0 as usize,
                deal.recipient.0 as usize,
                deal.category.code() as usize,
            );
            let y = usize::from(d.year - years.from());
            total += d.tiv;
            estimated += est;
            deliveries += 1;
            let fi = match flow_of[di] {
                u32::MAX => {
                    deals += 1;
                    let next = flows.len() as u32;
                    let fi = *flow_at
                        .entry((deal.supplier, deal.recipient))
                        .or_insert(next);
                    if fi == next {
                        flows.push(Flow {
                            supplier: deal.supplier,
                            recipient: deal.recipient,
                            tiv: Tiv::ZERO,
                            estimated: Tiv::ZERO,
                            first_year: d.year,
                            last_year: d.year,
                            deliveries: 0,
                        });
                    }
                    flow_of[di] = fi;
                    fi
                }
                fi => fi,
            };
            sup[s] += d.tiv;
            rec[r] += d.tiv;
            sys[deal.designation.0 as usize] += d.tiv;
            sys_est[deal.designation.0 as usize] += est;
            cat[c] += d.tiv;
            ys[y * n_ent + s] += d.tiv;
            ys_est[y * n_ent + s] += est;
            yr[y * n_ent + r] += d.tiv;
            yr_est[y * n_ent + r] += est;
            yc[y * N_CAT + c] += d.tiv;
            yc_est[y * N_CAT + c] += est;
            let f = &mut flows[fi as usize];
            f.tiv += d.tiv;
            f.estimated += est;
            f.first_year = f.first_year.min(d.year);
            f.last_year = f.last_year.max(d.year);
            f.deliveries += 1;
        });
        let ids = |v: &Vec<Tiv>| -> Vec<(EntityId, Tiv)> {
            ranked(v.iter().enumerate().map(|(i, t)| (EntityId(i as u32), *t)))
        };
        flows.sort_by(|a, b| {
            b.tiv
                .cmp(&a.tiv)
                .then(a.supplier.cmp(&b.supplier))
                .then(a.recipient.cmp(&b.recipient))
        });
        Aggregates {
            years,
            total,
            estimated,
            deliveries,
            deals,
            suppliers: ids(&sup),
            recipients: ids(&rec),
            systems: ranked(sys.iter().enumerate().map(|(i, t)| (StrId(i as u32), *t))),
            categories: ranked(Category::ALL.iter().map(|c| (*c, cat[c.code() as usize]))),
            flows,
            by_year_supplier: ys,
            by_year_supplier_est: ys_est,
            by_year_recipient: yr,
            by_year_recipient_est: yr_est,
            by_year_category: yc,
            by_year_category_est: yc_est,
            system_est: sys_est,
            n_entities: n_ent,
        }
    }

    /// The estimated part of a weapon system's TIV under this filter.
    pub(crate) fn system_estimated(&self, s: StrId) -> Tiv {
        self.system_est
            .get(s.0 as usize)
            .copied()
            .unwrap_or(Tiv::ZERO)
    }

    /// TIV per year (all bands together).
    pub fn per_year(&self) -> Vec<(Year, Tiv)> {
        (0..self.years.len())
            .map(|y| {
                let row = &self.by_year_category[y * N_CAT..(y + 1) * N_CAT];
                (self.years.from() + y as Year, row.iter().copied().sum())
            })
            .collect()
    }

    /// The timeline's bands: the `top_n` largest keys by total, then "Other".
    pub fn stacked(&self, by: StackBy, top_n: usize) -> StackedSeries {
        let n_years = self.years.len();
        let (ranking, width, cells, est): (Ranking, usize, &[Tiv], &[Tiv]) = match by {
            StackBy::Supplier => (
                self.suppliers
                    .iter()
                    .map(|(e, _)| (SeriesKey::Entity(*e), e.0 as usize))
                    .collect(),
                self.n_entities,
                &self.by_year_supplier,
                &self.by_year_supplier_est,
            ),
            StackBy::Recipient => (
                self.recipients
                    .iter()
                    .map(|(e, _)| (SeriesKey::Entity(*e), e.0 as usize))
                    .collect(),
                self.n_entities,
                &self.by_year_recipient,
                &self.by_year_recipient_est,
            ),
            StackBy::Category => (
                self.categories
                    .iter()
                    .map(|(c, _)| (SeriesKey::Category(*c), c.code() as usize))
                    .collect(),
                N_CAT,
                &self.by_year_category,
                &self.by_year_category_est,
            ),
        };
        let shown = shown_bands(ranking.len(), top_n);
        let mut keys = Vec::with_capacity(shown + 1);
        let mut values = Vec::with_capacity(shown + 1);
        let mut estimated = Vec::with_capacity(shown + 1);
        for (key, col) in ranking.iter().take(shown) {
            keys.push(*key);
            values.push((0..n_years).map(|y| cells[y * width + col]).collect());
            estimated.push((0..n_years).map(|y| est[y * width + col]).collect());
        }
        if ranking.len() > shown {
            let mut other = vec![Tiv::ZERO; n_years];
            let mut other_est = vec![Tiv::ZERO; n_years];
            for (_, col) in ranking.iter().skip(shown) {
                for y in 0..n_years {
                    other[y] += cells[y * width + col];
                    other_est[y] += est[y * width + col];
                }
            }
            keys.push(SeriesKey::Other);
            values.push(other);
            estimated.push(other_est);
        }
        StackedSeries {
            years: self.years,
            keys,
            values,
            estimated,
        }
    }
}

/// How many of `len` ranked keys the timeline shows as bands of their own when it keeps
/// `top_n` before "Other": "Other" only when it would hold at least two keys, otherwise
/// the last key is shown itself. [`Aggregates::stacked`] and the colour assignment
/// (`render::ColorMap`) both use it, so every shown band has a colour.
pub fn shown_bands(len: usize, top_n: usize) -> usize {
    if len > top_n + 1 {
        top_n
    } else {
        len
    }
}

/// The weapon systems of one flow under the current filter, largest TIV first, at most `n`.
/// Computed on demand (for the tooltip) with the same deal mask the aggregates use.
pub fn top_systems(
    ds: &Dataset,
    filter: &Filter,
    years: YearRange,
    supplier: EntityId,
    recipient: EntityId,
    n: usize,
) -> Vec<(StrId, Tiv)> {
    let mask = DealMask::new(ds, filter);
    let mut by: HashMap<StrId, Tiv> = HashMap::new();
    for d in year_slice(ds, Some(years)) {
        let di = d.deal.0 as usize;
        if !mask.passes(di) {
            continue;
        }
        let deal = &ds.deals[di];
        if deal.supplier == supplier && deal.recipient == recipient {
            *by.entry(deal.designation).or_default() += d.tiv;
        }
    }
    let mut v: Vec<(StrId, Tiv)> = by.into_iter().filter(|(_, t)| t.0 > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(ds.str(a.0).cmp(ds.str(b.0))));
    v.truncate(n);
    v
}
