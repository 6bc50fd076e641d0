//! Which colour each supplier, recipient and category has. A name keeps one colour for the
//! whole session, whatever the filter, because the colour comes from the loaded dataset's
//! overall ranking rather than from the view's.
//!
//! The rule, in three steps:
//! 1. [`ColourRanks`] is computed once per loaded dataset, from the aggregates with no
//!    filter: each supplier's (recipient's, category's) place in that overall ranking. Its
//!    *home* colour is palette band `rank % bands.len()`: the overall top eight get the eight
//!    different colours of the palette, and the palette repeats past them.
//! 2. A view shows its `top_n` largest keys as bands of their own (the rest are "Other"; see
//!    [`shown_bands`]). [`ColorMap::new`] gives every shown key its home colour, taking the
//!    keys in *overall* rank order. A shown key whose home colour an overall-larger shown key
//!    already holds (possible only for ranks past the palette's length) takes the next
//!    palette colour after its home that no shown key holds. So the overall top eight keep
//!    their colour in every view, no two shown bands share a colour, and a smaller party
//!    changes colour only in a view that also shows the party eight (sixteen…) places above
//!    it overall.
//! 3. Everything not shown is "Other", grey, in every view (the map's arcs and the rankings'
//!    bars as in the timeline). Grey is not one of the palette's bands, so a named band is
//!    never grey.

use std::collections::HashMap;
use std::hash::Hash;

use super::palette::{Palette, Rgb};
use crate::analysis::aggregate::{shown_bands, Aggregates, SeriesKey, StackBy};
use crate::analysis::filter::Filter;
use crate::model::{Category, Dataset, EntityId};

/// Each supplier's, recipient's and category's place in the loaded dataset's overall
/// ranking (0 = largest), computed once per dataset; see the module's rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColourRanks {
    suppliers: HashMap<EntityId, usize>,
    recipients: HashMap<EntityId, usize>,
    categories: HashMap<Category, usize>,
}

fn positions<K: Copy + Eq + Hash, V>(ranking: &[(K, V)]) -> HashMap<K, usize> {
    ranking
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (*k, i))
        .collect()
}

impl ColourRanks {
    /// The ranks of `overall`, the aggregates of the whole dataset (no filter).
    pub fn new(overall: &Aggregates) -> ColourRanks {
        ColourRanks {
            suppliers: positions(&overall.suppliers),
            recipients: positions(&overall.recipients),
            categories: positions(&overall.categories),
        }
    }

    /// The ranks of a whole dataset.
    pub fn of_dataset(ds: &Dataset) -> ColourRanks {
        ColourRanks::new(&Aggregates::compute(ds, &Filter::default()))
    }

    /// A supplier's place in the overall ranking, if it supplied anything.
    pub fn supplier(&self, e: EntityId) -> Option<usize> {
        self.suppliers.get(&e).copied()
    }

    /// A recipient's place in the overall ranking, if it received anything.
    pub fn recipient(&self, e: EntityId) -> Option<usize> {
        self.recipients.get(&e).copied()
    }

    /// A category's place in the overall ranking, if anything of it was delivered.
    pub fn category(&self, c: Category) -> Option<usize> {
        self.categories.get(&c).copied()
    }
}

/// Palette indexes for the keys a view shows (step 2 of the module's rule): home colours in
/// overall rank order, then, for keys whose home is taken, the next free colour after it.
/// A key missing from the overall ranking (not expected) is placed after every ranked one.
/// With more keys than colours the palette repeats.
fn assign<K: Copy + Eq + Hash>(
    shown: &[K],
    rank: impl Fn(K) -> Option<usize>,
    colours: usize,
) -> HashMap<K, usize> {
    let mut order: Vec<(usize, usize, K)> = shown
        .iter()
        .enumerate()
        .map(|(i, k)| (rank(*k).unwrap_or(usize::MAX), i, *k))
        .collect();
    order.sort_unstable_by_key(|(r, i, _)| (*r, *i));
    let home = |r: usize| {
        if r == usize::MAX {
            colours - 1
        } else {
            r % colours
        }
    };
    let mut used = vec![false; colours];
    let mut out = HashMap::with_capacity(shown.len());
    let mut pending = Vec::new();
    for (r, _, k) in order {
        let h = home(r);
        if r != usize::MAX && !used[h] {
            used[h] = true;
            out.insert(k, h);
        } else {
            pending.push((h, k));
        }
    }
    for (h, k) in pending {
        let c = (1..=colours)
            .map(|step| (h + step) % colours)
            .find(|c| !used[*c])
            .unwrap_or(h);
        used[c] = true;
        out.insert(k, c);
    }
    out
}

/// Which colour each supplier, recipient and category has in the current view, shared by
/// the timeline, the map and the rankings; built by the module's rule from the dataset's
/// [`ColourRanks`] and the view's aggregates over all years.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorMap {
    suppliers: HashMap<EntityId, Rgb>,
    recipients: HashMap<EntityId, Rgb>,
    categories: HashMap<Category, Rgb>,
    other: Rgb,
}

impl ColorMap {
    /// Colours for the keys `view` shows as bands of their own with `top_n` before "Other"
    /// (the same keys [`Aggregates::stacked`] shows). `palette` should have at least
    /// `top_n + 1` bands (the timeline can show that many), or colours repeat.
    pub fn new(
        ranks: &ColourRanks,
        view: &Aggregates,
        top_n: usize,
        palette: &Palette,
    ) -> ColorMap {
        fn pick<K: Copy + Eq + Hash, V>(
            ranking: &[(K, V)],
            top_n: usize,
            rank: impl Fn(K) -> Option<usize>,
            palette: &Palette,
        ) -> HashMap<K, Rgb> {
            let shown: Vec<K> = ranking
                .iter()
                .take(shown_bands(ranking.len(), top_n))
                .map(|(k, _)| *k)
                .collect();
            assign(&shown, rank, palette.bands.len())
                .into_iter()
                .map(|(k, i)| (k, palette.band(i)))
                .collect()
        }
        ColorMap {
            suppliers: pick(&view.suppliers, top_n, |e| ranks.supplier(e), palette),
            recipients: pick(&view.recipients, top_n, |e| ranks.recipient(e), palette),
            categories: pick(&view.categories, top_n, |c| ranks.category(c), palette),
            other: palette.other,
        }
    }

    /// A supplier's colour ("Other" grey when the view does not show it by name).
    pub fn supplier(&self, e: EntityId) -> Rgb {
        self.suppliers.get(&e).copied().unwrap_or(self.other)
    }

    /// A recipient's colour, when the timeline is stacked by recipient.
    pub fn recipient(&self, e: EntityId) -> Rgb {
        self.recipients.get(&e).copied().unwrap_or(self.other)
    }

    /// A category's colour.
    pub fn category(&self, c: Category) -> Rgb {
        self.categories.get(&c).copied().unwrap_or(self.other)
    }

    /// The "Other" grey.
    pub fn other(&self) -> Rgb {
        self.other
    }

    /// The colour of a timeline band stacked `by` suppliers, recipients or categories.
    pub fn key(&self, by: StackBy, k: SeriesKey) -> Rgb {
        match (by, k) {
            (StackBy::Recipient, SeriesKey::Entity(e)) => self.recipient(e),
            (_, SeriesKey::Entity(e)) => self.supplier(e),
            (_, SeriesKey::Category(c)) => self.category(c),
            (_, SeriesKey::Other) => self.other,
        }
    }
}
