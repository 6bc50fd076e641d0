//! What changed between two SIPRI releases, for one filter: totals then and now per year
//! and per supplier→recipient pair, and the deals behind each difference (added, removed,
//! or revised, with the fields that changed).
//!
//! SIPRI revises earlier years in every annual release. Two datasets are compared over the
//! delivery years both cover (the *window*; for the bundled data, 1995–2023, where the 2025
//! release revised the 2024 release). The filter is the app's filter on the newer dataset;
//! it is applied to the older one by names, so "then" is what the same view showed on the
//! older release.
//!
//! **Matching deals.** A deal of one release is the same deal in the other when it has the
//! same SIPRI deal id *within the same supplier→recipient pair* (SIPRI re-used a few ids
//! for other deals, so an id alone is not enough). Deals left over on both sides are then
//! paired by weapon designation and order year within the pair, where SIPRI renumbered a
//! deal or a file has no ids (the deal-level register); such matches are
//! [`Match::DesignationYear`] and said to be uncertain.
//!
//! **Revised fields.** Designation, category, order year, number ordered, numbers and
//! years delivered in the window, TIV per unit (the deal's), TIV delivered, status, local
//! production and comments, where both releases give them. Descriptions are not compared:
//! SIPRI reworded them wholesale between the 2024 and 2025 releases (`APC` became
//! `armoured personnel carrier` in 4,601 of 12,032 deals); a description is reported only
//! when it alone decides whether a text filter selects the deal.
//!
//! [`ReleasePair::new`] prepares the matching once per pair of datasets; [`ReleasePair::compare`]
//! runs per filter, visiting only the selected deals through each side's [`DealIndex`].

use rustc_hash::FxHashMap;

use crate::analysis::filter::{for_each_selected, DealIndex, Filter, YearRange};
use crate::model::{Category, Dataset, Flag, Status, StrId, Tiv, Year};

/// How a deal of one release was found in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Match {
    /// The same SIPRI deal id within the same supplier→recipient pair.
    Id,
    /// No common id: the same weapon designation and order year within the pair (SIPRI
    /// renumbered the deal, or one file has no ids). Uncertain.
    DesignationYear,
}

/// What happened to a deal between the releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Only in the newer release (within the compared years).
    Added,
    /// Only in the older release.
    Removed,
    /// In both, with at least one field changed.
    Revised,
}

/// A field of a deal that a release revised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Another SIPRI deal id (a deal matched by designation and order year).
    DealId,
    Designation,
    Category,
    OrderYear,
    NumberOrdered,
    /// Units delivered in the compared years.
    NumberDelivered,
    /// Which of the compared years had deliveries.
    DeliveryYears,
    /// The same years and totals, split differently between the years.
    YearSplit,
    /// SIPRI's TIV of one unit in this deal.
    TivPerUnit,
    /// TIV delivered in the compared years.
    TivDelivered,
    Status,
    LocalProduction,
    Comments,
    /// Reported only when it alone decides whether the filter's text selects the deal.
    Description,
}

impl Field {
    /// Every field, in the order they are listed.
    pub const ALL: [Field; 14] = [
        Field::DealId,
        Field::Designation,
        Field::Category,
        Field::OrderYear,
        Field::NumberOrdered,
        Field::NumberDelivered,
        Field::DeliveryYears,
        Field::YearSplit,
        Field::TivPerUnit,
        Field::TivDelivered,
        Field::Status,
        Field::LocalProduction,
        Field::Comments,
        Field::Description,
    ];

    /// A stable English token, for CSV files and message keys (`changes.field.<token>`).
    pub fn token(self) -> &'static str {
        match self {
            Field::DealId => "deal_id",
            Field::Designation => "designation",
            Field::Category => "category",
            Field::OrderYear => "order_year",
            Field::NumberOrdered => "number_ordered",
            Field::NumberDelivered => "number_delivered",
            Field::DeliveryYears => "delivery_years",
            Field::YearSplit => "year_split",
            Field::TivPerUnit => "tiv_per_unit",
            Field::TivDelivered => "tiv_delivered",
            Field::Status => "status",
            Field::LocalProduction => "local_production",
            Field::Comments => "comments",
            Field::Description => "description",
        }
    }
}

/// One release's side of a deal: what it says, and its deliveries in the compared years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealSide {
    pub sipri_id: Option<u32>,
    pub designation: String,
    pub description: String,
    pub category: Category,
    pub order_year: Option<Year>,
    pub number_ordered: Option<u32>,
    pub status: Status,
    pub local_production: Flag,
    pub comments: Option<String>,
    /// SIPRI's TIV of one unit in this deal.
    pub tiv_unit: Option<Tiv>,
    /// Deliveries in the compared years: `(year, number, TIV)`, in year order.
    pub deliveries: Vec<(Year, u32, Tiv)>,
}

impl DealSide {
    /// Units delivered in the compared years.
    pub fn number_delivered(&self) -> u32 {
        self.deliveries
            .iter()
            .fold(0u32, |a, d| a.saturating_add(d.1))
    }

    /// TIV delivered in the compared years.
    pub fn tiv_delivered(&self) -> Tiv {
        self.deliveries.iter().map(|d| d.2).sum()
    }

    /// The compared years with deliveries, ascending.
    pub fn years(&self) -> Vec<Year> {
        self.deliveries.iter().map(|d| d.0).collect()
    }
}

/// A deal that changed between the releases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealChange {
    pub kind: ChangeKind,
    /// How the two sides were matched (`None` for added and removed deals).
    pub matched: Option<Match>,
    pub older: Option<DealSide>,
    pub newer: Option<DealSide>,
    /// The TIV this deal adds to the older release's total under the filter (0 when the
    /// filter does not select it there).
    pub then: Tiv,
    /// The same in the newer release.
    pub now: Tiv,
    /// What changed, in [`Field::ALL`] order (empty for added and removed deals).
    pub fields: Vec<Field>,
}

impl DealChange {
    /// `now − then`.
    pub fn difference(&self) -> Tiv {
        difference(self.then, self.now)
    }

    /// True when the deal was matched by designation and order year, not by id.
    pub fn uncertain(&self) -> bool {
        self.matched == Some(Match::DesignationYear)
    }

    /// The side to name the deal by: the newer one when there is one.
    pub fn side(&self) -> Option<&DealSide> {
        self.newer.as_ref().or(self.older.as_ref())
    }
}

/// One supplier→recipient pair: its totals then and now and its changed deals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairChange {
    /// SIPRI's names, exactly as written (a pair may exist in one release only).
    pub supplier: String,
    pub recipient: String,
    pub then: Tiv,
    pub now: Tiv,
    /// Largest absolute difference first, then added, removed, revised, then designation.
    pub deals: Vec<DealChange>,
    /// Deals selected in both releases with nothing changed.
    pub unchanged: usize,
}

impl PairChange {
    /// `now − then`.
    pub fn difference(&self) -> Tiv {
        difference(self.then, self.now)
    }

    /// How many of its deals are uncertain matches.
    pub fn uncertain(&self) -> usize {
        self.deals.iter().filter(|d| d.uncertain()).count()
    }
}

/// One year's totals then and now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChange {
    pub year: Year,
    pub then: Tiv,
    pub now: Tiv,
}

impl YearChange {
    /// `now − then`.
    pub fn difference(&self) -> Tiv {
        difference(self.then, self.now)
    }
}

/// What changed under one filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The compared years: the filter's years inside the window both releases cover;
    /// `None` when they share no year.
    pub years: Option<YearRange>,
    pub then: Tiv,
    pub now: Tiv,
    /// Every compared year, largest absolute difference first (ties in year order).
    pub by_year: Vec<YearChange>,
    /// Every pair with a delivery in either release, largest absolute difference first
    /// (ties: larger total first, then by names).
    pub pairs: Vec<PairChange>,
}

impl Changes {
    /// `now − then`.
    pub fn difference(&self) -> Tiv {
        difference(self.then, self.now)
    }

    /// The years in year order.
    pub fn years_in_order(&self) -> Vec<YearChange> {
        let mut v = self.by_year.clone();
        v.sort_by_key(|y| y.year);
        v
    }

    /// Pairs whose total moved.
    pub fn pairs_moved(&self) -> usize {
        self.pairs.iter().filter(|p| p.then != p.now).count()
    }

    /// Changed deals of each kind: `(added, removed, revised, uncertain matches)`.
    pub fn deal_counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for d in self.pairs.iter().flat_map(|p| &p.deals) {
            match d.kind {
                ChangeKind::Added => c.0 += 1,
                ChangeKind::Removed => c.1 += 1,
                ChangeKind::Revised => c.2 += 1,
            }
            c.3 += usize::from(d.uncertain());
        }
        c
    }
}

/// `now − then` as a signed TIV.
pub fn difference(then: Tiv, now: Tiv) -> Tiv {
    Tiv(now.0.saturating_sub(then.0))
}

/// A weapon designation as the fallback match compares it: trimmed, without SIPRI's
/// trailing ` -`/` --` markers, case-folded.
fn designation_key(s: &str) -> String {
    let mut t = s.trim();
    while let Some(rest) = t.strip_suffix(" -").or_else(|| t.strip_suffix(" --")) {
        t = rest.trim_end();
    }
    t.to_lowercase()
}

/// One release's deals grouped into units: the deal entries with the same pair and SIPRI
/// id (a merged dataset holds a deal twice when its years straddle a release seam).
#[derive(Debug, Clone, Default)]
struct Side {
    index: DealIndex,
    /// Deal index → unit.
    unit_of: Vec<u32>,
    /// Unit → its deal indices (ascending).
    units: Vec<Vec<u32>>,
    /// Unit → (supplier, recipient) in the pair's shared name table.
    pair: Vec<(u32, u32)>,
    /// Unit → the other side's unit and how it was matched.
    counterpart: Vec<Option<(u32, Match)>>,
}

impl Side {
    fn build(ds: &Dataset, ent: &[u32]) -> Side {
        let mut by_key: FxHashMap<(u32, u32, u32), u32> = FxHashMap::default();
        let mut side = Side {
            index: DealIndex::new(ds),
            unit_of: Vec::with_capacity(ds.deals.len()),
            ..Side::default()
        };
        for (i, d) in ds.deals.iter().enumerate() {
            let pair = (ent[d.supplier.0 as usize], ent[d.recipient.0 as usize]);
            let unit = match d.sipri_id {
                Some(id) => *by_key.entry((pair.0, pair.1, id)).or_insert_with(|| {
                    side.units.push(Vec::new());
                    side.pair.push(pair);
                    (side.units.len() - 1) as u32
                }),
                None => {
                    side.units.push(Vec::new());
                    side.pair.push(pair);
                    (side.units.len() - 1) as u32
                }
            };
            side.units[unit as usize].push(i as u32);
            side.unit_of.push(unit);
        }
        side.counterpart = vec![None; side.units.len()];
        side
    }

    /// The deal entry that names a unit: the one from the latest release (the first of
    /// those when several).
    fn lead(&self, ds: &Dataset, unit: u32) -> usize {
        let release_year = |i: u32| {
            let d = &ds.deals[i as usize];
            ds.releases.get(d.release as usize).map_or(0, |r| r.year)
        };
        let deals = &self.units[unit as usize];
        let mut best = deals[0];
        for &i in deals {
            if release_year(i) > release_year(best) {
                best = i;
            }
        }
        best as usize
    }

    fn id(&self, ds: &Dataset, unit: u32) -> Option<u32> {
        ds.deals[self.units[unit as usize][0] as usize].sipri_id
    }
}

/// Two datasets prepared for comparison: names shared, deals grouped and matched. Build
/// once per pair of datasets ([`ReleasePair::new`]), then [`ReleasePair::compare`] per
/// filter. It holds no reference to the datasets: given others than it was built for, it
/// gives empty results (other sizes) or meaningless ones (the same sizes), never a panic.
#[derive(Debug, Clone, Default)]
pub struct ReleasePair {
    /// Delivery years both datasets cover.
    window: Option<YearRange>,
    /// Entity names of both datasets, each once.
    names: Vec<String>,
    /// The newer dataset's entity id → name index.
    new_ent: Vec<u32>,
    /// Name index → the older dataset's entity id.
    name_to_old: Vec<Option<u32>>,
    old: Side,
    new: Side,
    sizes: [usize; 4],
}

impl ReleasePair {
    /// Prepares `older` and `newer` for comparison (linear in their size).
    pub fn new(older: &Dataset, newer: &Dataset) -> ReleasePair {
        let mut names: Vec<String> = Vec::new();
        let mut at: FxHashMap<String, u32> = FxHashMap::default();
        let mut ids = |ds: &Dataset| -> Vec<u32> {
            ds.entities
                .iter()
                .map(|e| {
                    *at.entry(e.name.clone()).or_insert_with(|| {
                        names.push(e.name.clone());
                        (names.len() - 1) as u32
                    })
                })
                .collect()
        };
        let old_ent = ids(older);
        let new_ent = ids(newer);
        let mut name_to_old = vec![None; names.len()];
        for (i, &n) in old_ent.iter().enumerate() {
            name_to_old[n as usize] = Some(i as u32);
        }
        let window = match (older.year_span(), newer.year_span()) {
            (Some(a), Some(b)) => {
                YearRange::new(i64::from(a.0.max(b.0)), i64::from(a.1.min(b.1))).ok()
            }
            _ => None,
        };
        let mut pair = ReleasePair {
            window,
            old: Side::build(older, &old_ent),
            new: Side::build(newer, &new_ent),
            names,
            new_ent,
            name_to_old,
            sizes: [
                older.deals.len(),
                older.deliveries.len(),
                newer.deals.len(),
                newer.deliveries.len(),
            ],
        };
        pair.match_units(older, newer);
        pair
    }

    /// The delivery years both datasets cover, `None` when they share none.
    pub fn window(&self) -> Option<YearRange> {
        self.window
    }

    fn fits(&self, older: &Dataset, newer: &Dataset) -> bool {
        self.sizes
            == [
                older.deals.len(),
                older.deliveries.len(),
                newer.deals.len(),
                newer.deliveries.len(),
            ]
    }

    /// Matches units by id within the pair, then the rest by designation and order year.
    fn match_units(&mut self, older: &Dataset, newer: &Dataset) {
        let mut new_by_id: FxHashMap<(u32, u32, u32), u32> = FxHashMap::default();
        for u in 0..self.new.units.len() as u32 {
            if let Some(id) = self.new.id(newer, u) {
                let (s, r) = self.new.pair[u as usize];
                new_by_id.insert((s, r, id), u);
            }
        }
        for u in 0..self.old.units.len() as u32 {
            let (s, r) = self.old.pair[u as usize];
            let Some(id) = self.old.id(older, u) else {
                continue;
            };
            if let Some(&v) = new_by_id.get(&(s, r, id)) {
                self.old.counterpart[u as usize] = Some((v, Match::Id));
                self.new.counterpart[v as usize] = Some((u, Match::Id));
            }
        }
        // The rest, by designation and order year within the pair, in unit order.
        type Key = (u32, u32, String, Option<Year>);
        let key = |side: &Side, ds: &Dataset, u: u32| -> Key {
            let d = &ds.deals[side.lead(ds, u)];
            let (s, r) = side.pair[u as usize];
            (s, r, designation_key(ds.str(d.designation)), d.order_year)
        };
        let mut new_left: FxHashMap<Key, Vec<u32>> = FxHashMap::default();
        for u in (0..self.new.units.len() as u32).rev() {
            if self.new.counterpart[u as usize].is_none() {
                new_left
                    .entry(key(&self.new, newer, u))
                    .or_default()
                    .push(u);
            }
        }
        for u in 0..self.old.units.len() as u32 {
            if self.old.counterpart[u as usize].is_some() {
                continue;
            }
            if let Some(v) = new_left
                .get_mut(&key(&self.old, older, u))
                .and_then(Vec::pop)
            {
                self.old.counterpart[u as usize] = Some((v, Match::DesignationYear));
                self.new.counterpart[v as usize] = Some((u, Match::DesignationYear));
            }
        }
    }

    /// The filter for the older dataset: `filter` (made for the newer one) by names.
    /// `None` when it can select nothing there (every supplier, recipient or system it
    /// names is missing from the older release).
    fn older_filter(&self, older: &Dataset, newer: &Dataset, filter: &Filter) -> Option<Filter> {
        let entities = |ids: &[crate::model::EntityId]| -> Option<Vec<crate::model::EntityId>> {
            let mapped: Vec<_> = ids
                .iter()
                .filter_map(|e| {
                    let name = *self.new_ent.get(e.0 as usize)?;
                    self.name_to_old.get(name as usize).copied().flatten()
                })
                .map(crate::model::EntityId)
                .collect();
            (ids.is_empty() || !mapped.is_empty()).then_some(mapped)
        };
        let systems: Vec<StrId> = filter
            .systems
            .iter()
            .filter_map(|s| older.strings.get(newer.str(*s)))
            .collect();
        if !filter.systems.is_empty() && systems.is_empty() {
            return None;
        }
        Some(Filter {
            years: filter.years,
            suppliers: entities(&filter.suppliers)?,
            recipients: entities(&filter.recipients)?,
            categories: filter.categories.clone(),
            systems,
            text: filter.text.clone(),
        })
    }

    /// What changed under `filter` (a filter on `newer`) from `older` to `newer`, the
    /// datasets this pair was built for.
    pub fn compare(&self, older: &Dataset, newer: &Dataset, filter: &Filter) -> Changes {
        let Some(years) = self
            .window
            .and_then(|w| filter.years.map_or(Some(w), |f| f.intersect(w)))
        else {
            return Changes::default();
        };
        if !self.fits(older, newer) {
            return Changes::default();
        }
        let n_years = years.len();
        let mut year_then = vec![Tiv::ZERO; n_years];
        let mut year_now = vec![Tiv::ZERO; n_years];
        let mut pair_tiv: FxHashMap<(u32, u32), (Tiv, Tiv)> = FxHashMap::default();
        // Units with a selected delivery, each side.
        let mut old_sel: Vec<u32> = Vec::new();
        let mut new_sel: Vec<u32> = Vec::new();
        let mut old_mark = vec![false; self.old.units.len()];
        let mut new_mark = vec![false; self.new.units.len()];
        let old_filter = self.older_filter(older, newer, filter);
        if let Some(f) = &old_filter {
            for_each_selected(
                older,
                Some(&self.old.index),
                f,
                Some(years),
                &mut |di, d| {
                    let u = self.old.unit_of[di];
                    if !old_mark[u as usize] {
                        old_mark[u as usize] = true;
                        old_sel.push(u);
                    }
                    year_then[usize::from(d.year - years.from())] += d.tiv;
                    pair_tiv.entry(self.old.pair[u as usize]).or_default().0 += d.tiv;
                },
            );
        }
        for_each_selected(
            newer,
            Some(&self.new.index),
            filter,
            Some(years),
            &mut |di, d| {
                let u = self.new.unit_of[di];
                if !new_mark[u as usize] {
                    new_mark[u as usize] = true;
                    new_sel.push(u);
                }
                year_now[usize::from(d.year - years.from())] += d.tiv;
                pair_tiv.entry(self.new.pair[u as usize]).or_default().1 += d.tiv;
            },
        );
        // Each selected unit with its counterpart, once.
        let mut comparisons: Vec<(Option<u32>, Option<u32>, Option<Match>)> = Vec::new();
        for &u in &new_sel {
            let c = self.new.counterpart[u as usize];
            comparisons.push((c.map(|c| c.0), Some(u), c.map(|c| c.1)));
        }
        for &u in &old_sel {
            match self.old.counterpart[u as usize] {
                Some((v, _)) if new_mark[v as usize] => {}
                Some((v, m)) => comparisons.push((Some(u), Some(v), Some(m))),
                None => comparisons.push((Some(u), None, None)),
            }
        }
        let mut pairs: FxHashMap<(u32, u32), PairChange> = FxHashMap::default();
        for (o, n, matched) in comparisons {
            let of = o.map(|u| Facts::of(&self.old, older, u, years));
            let nf = n.map(|u| Facts::of(&self.new, newer, u, years));
            let then = match (o, &of) {
                (Some(u), Some(f)) if old_mark[u as usize] => f.tiv(),
                _ => Tiv::ZERO,
            };
            let now = match (n, &nf) {
                (Some(u), Some(f)) if new_mark[u as usize] => f.tiv(),
                _ => Tiv::ZERO,
            };
            let pair_key = match (o, n) {
                (_, Some(u)) => self.new.pair[u as usize],
                (Some(u), None) => self.old.pair[u as usize],
                (None, None) => continue,
            };
            let entry = pairs.entry(pair_key).or_insert_with(|| {
                let (then, now) = pair_tiv.get(&pair_key).copied().unwrap_or_default();
                PairChange {
                    supplier: self.names[pair_key.0 as usize].clone(),
                    recipient: self.names[pair_key.1 as usize].clone(),
                    then,
                    now,
                    deals: Vec::new(),
                    unchanged: 0,
                }
            });
            let (kind, fields) = match (&of, &nf) {
                (Some(a), Some(b)) => {
                    let mut fields = a.differences(b);
                    if fields.is_empty() && then != now {
                        // Only the description can make one side pass the filter's text.
                        fields.push(Field::Description);
                    }
                    if fields.is_empty() {
                        entry.unchanged += 1;
                        continue;
                    }
                    (ChangeKind::Revised, fields)
                }
                (None, Some(_)) => (ChangeKind::Added, Vec::new()),
                _ => (ChangeKind::Removed, Vec::new()),
            };
            entry.deals.push(DealChange {
                kind,
                matched,
                older: of.map(Facts::owned),
                newer: nf.map(Facts::owned),
                then,
                now,
                fields,
            });
        }
        // Pairs with deliveries but no compared deal cannot exist: every selected unit is
        // compared. Collect, sort.
        let mut pairs: Vec<PairChange> = pairs.into_values().collect();
        for p in &mut pairs {
            p.deals.sort_by(|a, b| {
                b.difference()
                    .0
                    .abs()
                    .cmp(&a.difference().0.abs())
                    .then(a.kind.cmp(&b.kind))
                    .then_with(|| {
                        let name = |d: &DealChange| d.side().map(|s| s.designation.clone());
                        name(a).cmp(&name(b))
                    })
                    .then_with(|| {
                        let id = |d: &DealChange| d.side().and_then(|s| s.sipri_id);
                        id(a).cmp(&id(b))
                    })
            });
        }
        pairs.sort_by(|a, b| {
            b.difference()
                .0
                .abs()
                .cmp(&a.difference().0.abs())
                .then((b.then.0 + b.now.0).cmp(&(a.then.0 + a.now.0)))
                .then_with(|| a.supplier.cmp(&b.supplier))
                .then_with(|| a.recipient.cmp(&b.recipient))
        });
        let mut by_year: Vec<YearChange> = (0..n_years)
            .map(|i| YearChange {
                year: years.from() + i as Year,
                then: year_then[i],
                now: year_now[i],
            })
            .collect();
        by_year.sort_by(|a, b| {
            b.difference()
                .0
                .abs()
                .cmp(&a.difference().0.abs())
                .then(a.year.cmp(&b.year))
        });
        Changes {
            years: Some(years),
            then: year_then.iter().sum(),
            now: year_now.iter().sum(),
            by_year,
            pairs,
        }
    }
}

/// True when both sides give a value and the values differ.
fn both<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
    a.is_some() && b.is_some() && a != b
}

/// A unit's fields and its deliveries in the compared years, borrowed from its dataset.
struct Facts<'a> {
    sipri_id: Option<u32>,
    designation: &'a str,
    description: &'a str,
    category: Category,
    order_year: Option<Year>,
    number_ordered: Option<u32>,
    status: Status,
    local_production: Flag,
    comments: Option<&'a str>,
    tiv_unit: Option<Tiv>,
    deliveries: Vec<(Year, u32, Tiv)>,
}

impl<'a> Facts<'a> {
    fn of(side: &Side, ds: &'a Dataset, unit: u32, years: YearRange) -> Facts<'a> {
        let d = &ds.deals[side.lead(ds, unit)];
        let mut deliveries: Vec<(Year, u32, Tiv)> = Vec::new();
        for &di in &side.units[unit as usize] {
            for &k in side.index.deliveries_of(di as usize) {
                let Some(x) = ds.deliveries.get(k as usize) else {
                    continue;
                };
                if years.contains(x.year) {
                    deliveries.push((x.year, x.number, x.tiv));
                }
            }
        }
        deliveries.sort_unstable_by_key(|x| x.0);
        Facts {
            sipri_id: d.sipri_id,
            designation: ds.str(d.designation),
            description: ds.str(d.description),
            category: d.category,
            order_year: d.order_year,
            number_ordered: d.number_ordered,
            status: d.status,
            local_production: d.local_production,
            comments: d.comments.map(|c| ds.str(c)),
            tiv_unit: d.tiv_unit_deal,
            deliveries,
        }
    }

    fn tiv(&self) -> Tiv {
        self.deliveries.iter().map(|d| d.2).sum()
    }

    fn number(&self) -> u32 {
        self.deliveries
            .iter()
            .fold(0u32, |a, d| a.saturating_add(d.1))
    }

    /// The fields `other` revised. A field one side does not give (number ordered in the
    /// per-year export, comments, a category in the deal register) is not compared.
    fn differences(&self, other: &Facts<'_>) -> Vec<Field> {
        let mut out = Vec::new();
        let mut check = |changed: bool, f: Field| {
            if changed {
                out.push(f);
            }
        };
        check(both(self.sipri_id, other.sipri_id), Field::DealId);
        check(
            self.designation.trim() != other.designation.trim(),
            Field::Designation,
        );
        check(
            self.category != other.category
                && self.category != Category::Unspecified
                && other.category != Category::Unspecified,
            Field::Category,
        );
        check(self.order_year != other.order_year, Field::OrderYear);
        check(
            both(self.number_ordered, other.number_ordered),
            Field::NumberOrdered,
        );
        let (na, nb) = (self.number(), other.number());
        let years_a: Vec<Year> = self.deliveries.iter().map(|d| d.0).collect();
        let years_b: Vec<Year> = other.deliveries.iter().map(|d| d.0).collect();
        check(na != nb, Field::NumberDelivered);
        check(years_a != years_b, Field::DeliveryYears);
        check(
            na == nb
                && years_a == years_b
                && self.tiv() == other.tiv()
                && self.deliveries != other.deliveries,
            Field::YearSplit,
        );
        check(both(self.tiv_unit, other.tiv_unit), Field::TivPerUnit);
        check(self.tiv() != other.tiv(), Field::TivDelivered);
        check(self.status != other.status, Field::Status);
        check(
            self.local_production != other.local_production
                && self.local_production != Flag::Blank
                && other.local_production != Flag::Blank,
            Field::LocalProduction,
        );
        check(both(self.comments, other.comments), Field::Comments);
        out
    }

    fn owned(self) -> DealSide {
        DealSide {
            sipri_id: self.sipri_id,
            designation: self.designation.to_owned(),
            description: self.description.to_owned(),
            category: self.category,
            order_year: self.order_year,
            number_ordered: self.number_ordered,
            status: self.status,
            local_production: self.local_production,
            comments: self.comments.map(str::to_owned),
            tiv_unit: self.tiv_unit,
            deliveries: self.deliveries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn designation_keys_drop_sipri_markers() {
        assert_eq!(designation_key("PC-9 -"), "pc-9");
        assert_eq!(designation_key("Super Lynx ASW --"), "super lynx asw");
        assert_eq!(designation_key(" Mi-17 "), "mi-17");
        assert_eq!(designation_key("R-27R/T"), "r-27r/t");
        assert_eq!(designation_key("AK-"), "ak-");
    }

    #[test]
    fn differences_are_signed() {
        assert_eq!(difference(Tiv(100), Tiv(250)), Tiv(150));
        assert_eq!(difference(Tiv(250), Tiv(100)), Tiv(-150));
    }
}
