//! Rankings: the top suppliers, recipients or weapon systems for a filter, with each
//! one's value, estimated part and share of the total. `render::rankings` draws them.

use crate::analysis::aggregate::Aggregates;
use crate::model::{Dataset, EntityId, StrId, Tiv};

/// Which ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RankKind {
    Suppliers,
    Recipients,
    Systems,
}

impl RankKind {
    /// All three, in the order the page shows them.
    pub const ALL: [RankKind; 3] = [RankKind::Suppliers, RankKind::Recipients, RankKind::Systems];

    /// The heading's key in the translation tables (`rank.suppliers`…).
    pub fn heading_key(self) -> &'static str {
        match self {
            RankKind::Suppliers => "rank.suppliers",
            RankKind::Recipients => "rank.recipients",
            RankKind::Systems => "rank.systems",
        }
    }

    /// Short heading: "Top suppliers".
    pub fn heading(self) -> &'static str {
        match self {
            RankKind::Suppliers => "Top suppliers",
            RankKind::Recipients => "Top recipients",
            RankKind::Systems => "Top weapon systems",
        }
    }

    /// A stable lowercase name, for test hooks.
    pub fn id(self) -> &'static str {
        match self {
            RankKind::Suppliers => "suppliers",
            RankKind::Recipients => "recipients",
            RankKind::Systems => "systems",
        }
    }
}

/// What a ranked entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RankKey {
    Supplier(EntityId),
    Recipient(EntityId),
    System(StrId),
}

/// One bar of a ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct RankEntry {
    pub key: RankKey,
    pub label: String,
    pub tiv: Tiv,
    /// The part of `tiv` SIPRI marks as estimated (or that is an approximate split).
    pub estimated: Tiv,
    /// Share of the filter's total, 0..=1.
    pub share: f64,
    /// Length relative to the largest entry, 0..=1.
    pub relative: f64,
}

impl RankEntry {
    /// The estimated part as a share of this entry, 0..=1.
    pub fn estimated_share(&self) -> f64 {
        if self.tiv.0 > 0 {
            (self.estimated.0 as f64 / self.tiv.0 as f64).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The full ranking of `kind` under the filter behind `agg`, largest first.
pub fn rank_entries(ds: &Dataset, agg: &Aggregates, kind: RankKind) -> Vec<RankEntry> {
    let total = agg.total.0 as f64;
    let raw: Vec<(RankKey, String, Tiv)> = match kind {
        RankKind::Suppliers => agg
            .suppliers
            .iter()
            .map(|(e, t)| (RankKey::Supplier(*e), ds.entity(*e).label().to_owned(), *t))
            .collect(),
        RankKind::Recipients => agg
            .recipients
            .iter()
            .map(|(e, t)| (RankKey::Recipient(*e), ds.entity(*e).label().to_owned(), *t))
            .collect(),
        RankKind::Systems => agg
            .systems
            .iter()
            .map(|(s, t)| (RankKey::System(*s), ds.str(*s).to_owned(), *t))
            .collect(),
    };
    let max = raw.iter().map(|(_, _, t)| t.0).max().unwrap_or(0) as f64;
    // Estimated parts: suppliers and recipients from the flows, systems from their own sum.
    let mut est: std::collections::HashMap<RankKey, Tiv> = std::collections::HashMap::new();
    match kind {
        RankKind::Suppliers => {
            for f in &agg.flows {
                *est.entry(RankKey::Supplier(f.supplier)).or_default() += f.estimated;
            }
        }
        RankKind::Recipients => {
            for f in &agg.flows {
                *est.entry(RankKey::Recipient(f.recipient)).or_default() += f.estimated;
            }
        }
        RankKind::Systems => {}
    }
    raw.into_iter()
        .map(|(key, label, tiv)| RankEntry {
            key,
            label,
            tiv,
            estimated: match key {
                RankKey::System(s) => agg.system_estimated(s),
                _ => est.get(&key).copied().unwrap_or(Tiv::ZERO),
            }
            .min(tiv),
            share: if total > 0.0 {
                tiv.0 as f64 / total
            } else {
                0.0
            },
            relative: if max > 0.0 { tiv.0 as f64 / max } else { 0.0 },
        })
        .collect()
}
