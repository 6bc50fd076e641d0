//! The captions of story steps: computed from the data loaded under the step's filter, in
//! the reader's language, numbers written its way. The templates in the translation
//! tables hold placeholders only; every number comes from here.

use crate::analysis::aggregate::{top_systems, Aggregates};
use crate::analysis::filter::Filter;
use crate::model::{Dataset, EntityId, StrId, Tiv};
use crate::text::views::entity_names_in;
use crate::text::Tr;

use super::presets::{Caption, StoryStep};

/// How many suppliers a caption names before "others".
const NAMED_SUPPLIERS: usize = 3;
/// How many weapon systems the "since" caption names per supplier.
const SYSTEMS_PER_SUPPLIER: usize = 2;

/// The caption of a step, computed from `ds` under the step's filter. Says so plainly
/// when the data lacks what the step is about (e.g. a user's own export without Myanmar).
pub fn caption_in(tr: Tr, ds: &Dataset, step: &StoryStep) -> String {
    let (filter, issues) = step.state.resolve(ds);
    if !issues.is_empty() {
        let why = issues
            .iter()
            .map(|i| i.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return tr.f("story.cannot", &[("why", &why)]);
    }
    let agg = Aggregates::compute(ds, &filter);
    if agg.total.0 == 0 {
        return tr.t("story.nothing").to_owned();
    }
    let who = entity_names_in(tr, ds, &filter.recipients);
    let span = tr.years(agg.years.from(), agg.years.to());
    match step.caption {
        Caption::Map => map(tr, ds, &agg, &who, &span),
        Caption::Categories => categories(tr, ds, &filter, &agg, &who, &span),
        Caption::Suppliers => suppliers(tr, ds, &agg, &who, &span),
        Caption::Since => since(tr, ds, &filter, &agg, &who, &span),
    }
}

/// What the "since" caption says, as data: each named supplier with its TIV and its
/// largest weapon systems, then what the others delivered together.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceSummary {
    pub total: Tiv,
    /// The largest suppliers (at most three), each with its largest systems (at most two).
    pub suppliers: Vec<(EntityId, Tiv, Vec<StrId>)>,
    /// The TIV of every other supplier together.
    pub others: Tiv,
}

/// [`SinceSummary`] of the deliveries `agg` was computed from (under `filter`).
pub fn since_summary(ds: &Dataset, filter: &Filter, agg: &Aggregates) -> SinceSummary {
    let suppliers: Vec<(EntityId, Tiv, Vec<StrId>)> = agg
        .suppliers
        .iter()
        .take(NAMED_SUPPLIERS)
        .map(|&(e, t)| (e, t, systems_of(ds, filter, agg, e)))
        .collect();
    let named: Tiv = suppliers.iter().map(|(_, t, _)| *t).sum();
    SinceSummary {
        total: agg.total,
        suppliers,
        others: Tiv(agg.total.0 - named.0),
    }
}

/// The largest weapon systems `supplier` delivered under the filter, over every
/// recipient it selects (ties by name).
fn systems_of(ds: &Dataset, filter: &Filter, agg: &Aggregates, supplier: EntityId) -> Vec<StrId> {
    let mut all: Vec<(StrId, Tiv)> = Vec::new();
    for f in agg.flows.iter().filter(|f| f.supplier == supplier) {
        for (s, t) in top_systems(ds, filter, agg.years, supplier, f.recipient, usize::MAX) {
            match all.iter_mut().find(|(x, _)| *x == s) {
                Some((_, sum)) => *sum += t,
                None => all.push((s, t)),
            }
        }
    }
    all.sort_by(|a, b| b.1.cmp(&a.1).then(ds.str(a.0).cmp(ds.str(b.0))));
    all.into_iter()
        .take(SYSTEMS_PER_SUPPLIER)
        .map(|(s, _)| s)
        .collect()
}

/// "Since the coup (2021–2024), Myanmar received … million TIV of major arms: Russia 52%
/// (Yak-130, Mi-35P), China …, others …%."
fn since(tr: Tr, ds: &Dataset, filter: &Filter, agg: &Aggregates, who: &str, span: &str) -> String {
    let sum = since_summary(ds, filter, agg);
    let mut list: Vec<String> = sum
        .suppliers
        .iter()
        .map(|(e, t, systems)| {
            let systems: Vec<&str> = systems.iter().map(|s| ds.str(*s)).collect();
            tr.f(
                "story.since_supplier",
                &[
                    ("name", tr.entity(ds, *e)),
                    ("share", &tr.share(t.0, sum.total.0)),
                    ("systems", &systems.join(", ")),
                ],
            )
        })
        .collect();
    if sum.others.0 > 0 {
        list.push(tr.f(
            "story.since_others",
            &[("share", &tr.share(sum.others.0, sum.total.0))],
        ));
    }
    tr.f(
        "story.since",
        &[
            ("years", span),
            ("who", who),
            ("tiv", &tr.tiv(sum.total)),
            ("list", &list.join(", ")),
        ],
    )
}

fn map(tr: Tr, ds: &Dataset, agg: &Aggregates, who: &str, span: &str) -> String {
    let flows: Vec<String> = agg
        .flows
        .iter()
        .take(NAMED_SUPPLIERS)
        .map(|f| {
            tr.f(
                "story.arc",
                &[("name", tr.entity(ds, f.supplier)), ("tiv", &tr.tiv(f.tiv))],
            )
        })
        .collect();
    tr.f(
        "story.map",
        &[
            (
                "suppliers",
                &tr.p("count.suppliers", agg.suppliers.len() as u64, &[]),
            ),
            ("who", who),
            ("years", span),
            ("list", &flows.join(", ")),
        ],
    )
}

fn categories(
    tr: Tr,
    ds: &Dataset,
    filter: &Filter,
    agg: &Aggregates,
    who: &str,
    span: &str,
) -> String {
    let from = entity_names_in(tr, ds, &filter.suppliers);
    let cats: Vec<String> = agg
        .categories
        .iter()
        .take(3)
        .map(|(c, t)| format!("{} {}", tr.category(*c), tr.share(t.0, agg.total.0)))
        .collect();
    let peak = agg
        .per_year()
        .into_iter()
        .max_by_key(|(y, t)| (t.0, std::cmp::Reverse(*y)));
    let peak = peak
        .map(|(y, t)| {
            format!(
                " {}",
                tr.f(
                    "story.peak",
                    &[("year", &y.to_string()), ("tiv", &tr.tiv(t))]
                )
            )
        })
        .unwrap_or_default();
    let text = tr.f(
        "story.categories",
        &[
            ("from", &from),
            ("tiv", &tr.tiv(agg.total)),
            ("who", who),
            ("years", span),
            ("deals", &tr.p("count.deals", agg.deals as u64, &[])),
            ("list", &cats.join(", ")),
        ],
    );
    format!("{text}{peak}")
}

fn suppliers(tr: Tr, ds: &Dataset, agg: &Aggregates, who: &str, span: &str) -> String {
    let ranked: Vec<String> = agg
        .suppliers
        .iter()
        .take(NAMED_SUPPLIERS)
        .enumerate()
        .map(|(i, (e, t))| {
            let rank = ["story.largest", "story.second", "story.third"][i];
            tr.f(
                "story.ranked",
                &[
                    ("name", tr.entity(ds, *e)),
                    ("rank", tr.t(rank)),
                    ("tiv", &tr.tiv(*t)),
                    ("share", &tr.share(t.0, agg.total.0)),
                ],
            )
        })
        .collect();
    tr.f(
        "story.suppliers",
        &[
            ("tiv", &tr.tiv(agg.total)),
            ("who", who),
            ("years", span),
            ("list", &ranked.join("; ")),
        ],
    )
}
