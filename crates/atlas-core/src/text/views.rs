//! Words that go with the numbers: titles and formatted values, built from the same
//! state that draws the charts so that they always agree.

use crate::analysis::aggregate::{Aggregates, StackBy};
use crate::analysis::filter::{Filter, YearRange};
use crate::analysis::rankings::RankEntry;
use crate::model::{Dataset, EntityId, Tiv};
use crate::text::Tr;

// ------------------------------------------------------------------ localised words
//
// The functions below speak the reader's language (`Tr`): titles, the charts' text
// alternatives, the live announcement and the ranked list of flows. All of them read the
// same `Aggregates` the charts are drawn from, so words and pictures always agree.

/// "Russia", "Russia and China", "Russia, China and 3 others", in the reader's language
/// (names too: [`Tr::entity`]).
pub(crate) fn entity_names_in(tr: Tr, ds: &Dataset, ids: &[EntityId]) -> String {
    let labels: Vec<&str> = ids.iter().map(|id| tr.entity(ds, *id)).collect();
    match labels.len() {
        0 => String::new(),
        1 => labels[0].to_owned(),
        2 => tr.f("names.two", &[("a", labels[0]), ("b", labels[1])]),
        n => tr.p(
            "names.more",
            (n - 2) as u64,
            &[("a", labels[0]), ("b", labels[1])],
        ),
    }
}

/// The filter in plain words, without years, in the reader's language: `all` names
/// everything ("Arms deliveries"), `of` starts a narrower subject ("Deliveries of"
/// aircraft); both are table keys, e.g. `phrase.deliveries` and `phrase.deliveries_of`.
/// Every view's title uses it.
pub fn filter_phrase_in(
    tr: Tr,
    ds: &Dataset,
    f: &Filter,
    all: &'static str,
    of: &'static str,
) -> String {
    let mut t = tr.t(all).to_owned();
    if !f.systems.is_empty() {
        let sys: Vec<&str> = f.systems.iter().map(|s| ds.str(*s)).collect();
        t = tr.f(of, &[("what", &sys.join(", "))]);
    } else if !f.categories.is_empty() {
        let cats: Vec<&str> = f.categories.iter().map(|c| tr.category(*c)).collect();
        t = tr.f(of, &[("what", &cats.join(", "))]);
    }
    if !f.suppliers.is_empty() {
        let names = entity_names_in(tr, ds, &f.suppliers);
        t = tr.f("phrase.from", &[("phrase", &t), ("names", &names)]);
    }
    if !f.recipients.is_empty() {
        let names = entity_names_in(tr, ds, &f.recipients);
        t = tr.f("phrase.to", &[("phrase", &t), ("names", &names)]);
    }
    if !f.text.trim().is_empty() {
        t = tr.f(
            "phrase.matching",
            &[("phrase", &t), ("text", f.text.trim())],
        );
    }
    t
}

/// The active filters in one line, for the phone's "Filters" button: "Russia, China →
/// Myanmar · 2021–2024 · aircraft", every chosen name spelled out (in the reader's language) (the line is cut with an
/// ellipsis where it does not fit, not here); `span` is the data's first and last year, shown
/// when no years are chosen.
pub fn filters_summary_in(tr: Tr, ds: &Dataset, f: &Filter, span: (u16, u16)) -> String {
    let names = |ids: &[EntityId]| {
        ids.iter()
            .map(|e| tr.entity(ds, *e))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts: Vec<String> = Vec::new();
    match (f.suppliers.is_empty(), f.recipients.is_empty()) {
        (true, true) => {}
        (false, true) => parts.push(tr.f("filters.summary_from", &[("who", &names(&f.suppliers))])),
        (true, false) => parts.push(tr.f("filters.summary_to", &[("who", &names(&f.recipients))])),
        (false, false) => parts.push(format!(
            "{} → {}",
            names(&f.suppliers),
            names(&f.recipients)
        )),
    }
    let (a, b) = f.years.map_or(span, |r| (r.from(), r.to()));
    parts.push(format!("{a}–{b}"));
    if !f.categories.is_empty() {
        parts.push(
            f.categories
                .iter()
                .map(|c| tr.category(*c))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    for s in &f.systems {
        parts.push(ds.str(*s).to_owned());
    }
    if !f.text.trim().is_empty() {
        parts.push(format!("“{}”", f.text.trim()));
    }
    parts.join(" · ")
}

fn span_in(tr: Tr, r: YearRange) -> String {
    tr.years(r.from(), r.to())
}

/// The timeline's title in the reader's language.
pub fn timeline_title_in(
    tr: Tr,
    ds: &Dataset,
    f: &Filter,
    years: YearRange,
    by: StackBy,
) -> String {
    let phrase = filter_phrase_in(tr, ds, f, "phrase.deliveries", "phrase.deliveries_of");
    let by = tr.t(match by {
        StackBy::Supplier => "by.supplier",
        StackBy::Recipient => "by.recipient",
        StackBy::Category => "by.category",
    });
    tr.f(
        "title.timeline",
        &[
            ("phrase", &phrase),
            ("by", by),
            ("years", &span_in(tr, years)),
        ],
    )
}

/// The map's title in the reader's language.
pub fn flowmap_title_in(tr: Tr, ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let phrase = filter_phrase_in(tr, ds, f, "phrase.flows", "phrase.flows_of");
    tr.f(
        "title.map",
        &[("phrase", &phrase), ("years", &span_in(tr, years))],
    )
}

/// The rankings' title in the reader's language.
pub fn rankings_title_in(tr: Tr, ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let phrase = filter_phrase_in(tr, ds, f, "phrase.deliveries_lc", "phrase.deliveries_of_lc");
    tr.f(
        "title.rankings",
        &[("phrase", &phrase), ("years", &span_in(tr, years))],
    )
}

/// The first and last year with deliveries in `agg` (narrower than the filter's range
/// when the selection starts late or ends early).
pub(crate) fn delivered_span(agg: &Aggregates) -> Option<(u16, u16)> {
    let years: Vec<u16> = agg
        .per_year()
        .into_iter()
        .filter(|(_, t)| t.0 > 0)
        .map(|(y, _)| y)
        .collect();
    Some((*years.first()?, *years.last()?))
}

/// One side of a flow in words: the name when there is one, two names, else a count
/// ("12 suppliers").
fn side_words(tr: Tr, ds: &Dataset, side: &[(EntityId, Tiv)], count_key: &str) -> String {
    match side.len() {
        1 | 2 => {
            let ids: Vec<EntityId> = side.iter().map(|(e, _)| *e).collect();
            entity_names_in(tr, ds, &ids)
        }
        n => tr.p(count_key, n as u64, &[]),
    }
}

/// The top `n` entries of a ranking, as "Russia 1,234 (45%), China 600 (22%)".
fn top_list(tr: Tr, ds: &Dataset, side: &[(EntityId, Tiv)], total: Tiv, n: usize) -> String {
    side.iter()
        .take(n)
        .map(|(e, t)| {
            tr.f(
                "alt.entry",
                &[
                    ("name", tr.entity(ds, *e)),
                    ("tiv", &tr.tiv(*t)),
                    ("share", &tr.share(t.0, total.0)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The core of every chart's text alternative, of the form "Russia delivered 1,234
/// million TIV of major arms to Myanmar in 1990–2024, 56% of it aircraft, 20%
/// helicopters… Top suppliers: … SIPRI marks 3% of this total as estimates."
pub fn describe(tr: Tr, ds: &Dataset, agg: &Aggregates) -> String {
    let Some((first, last)) = delivered_span(agg).filter(|_| agg.total.0 > 0) else {
        return tr.t("alt.empty").to_owned();
    };
    let mut out = tr.f(
        "alt.lead",
        &[
            (
                "suppliers",
                &side_words(tr, ds, &agg.suppliers, "count.suppliers"),
            ),
            ("tiv", &tr.tiv(agg.total)),
            (
                "recipients",
                &side_words(tr, ds, &agg.recipients, "count.recipients"),
            ),
            ("years", &tr.years(first, last)),
        ],
    );
    for (i, (c, t)) in agg.categories.iter().take(3).enumerate() {
        let key = if i == 0 {
            "alt.cat_first"
        } else {
            "alt.cat_next"
        };
        out.push_str(&tr.f(
            key,
            &[
                ("share", &tr.share(t.0, agg.total.0)),
                ("category", tr.category(*c)),
            ],
        ));
    }
    out.push_str(tr.t("alt.end"));
    if agg.suppliers.len() > 1 {
        let list = top_list(tr, ds, &agg.suppliers, agg.total, 3);
        out.push(' ');
        out.push_str(&tr.f("alt.top_suppliers", &[("list", &list)]));
    }
    if agg.recipients.len() > 1 {
        let list = top_list(tr, ds, &agg.recipients, agg.total, 3);
        out.push(' ');
        out.push_str(&tr.f("alt.top_recipients", &[("list", &list)]));
    }
    if agg.estimated.0 > 0 {
        out.push(' ');
        out.push_str(&tr.f(
            "alt.estimated",
            &[("share", &tr.share(agg.estimated.0, agg.total.0))],
        ));
    }
    out
}

/// The timeline's text alternative: its title, [`describe`], and the peak year.
pub fn timeline_alt(tr: Tr, ds: &Dataset, f: &Filter, agg: &Aggregates, by: StackBy) -> String {
    let mut out = timeline_title_in(tr, ds, f, agg.years, by);
    out.push_str(". ");
    out.push_str(&describe(tr, ds, agg));
    let peak = agg
        .per_year()
        .into_iter()
        .filter(|(_, t)| t.0 > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    if let Some((year, t)) = peak {
        out.push(' ');
        out.push_str(&tr.f(
            "timeline.peak",
            &[("year", &year.to_string()), ("tiv", &tr.tiv(t))],
        ));
    }
    out
}

/// The map's text alternative: its title, [`describe`], and the three largest flows.
pub fn flowmap_alt_in(tr: Tr, ds: &Dataset, f: &Filter, agg: &Aggregates) -> String {
    let mut out = flowmap_title_in(tr, ds, f, agg.years);
    out.push_str(". ");
    if agg.flows.is_empty() {
        out.push_str(tr.t("alt.map_empty"));
        return out;
    }
    out.push_str(&describe(tr, ds, agg));
    if agg.flows.len() > 1 {
        let list: Vec<String> = agg
            .flows
            .iter()
            .take(3)
            .map(|fl| {
                tr.f(
                    "alt.flow",
                    &[
                        ("from", tr.entity(ds, fl.supplier)),
                        ("to", tr.entity(ds, fl.recipient)),
                        ("tiv", &tr.tiv(fl.tiv)),
                    ],
                )
            })
            .collect();
        let flows = tr.p("count.flows", agg.flows.len() as u64, &[]);
        out.push(' ');
        out.push_str(&tr.f(
            "alt.map_flows",
            &[("flows", &flows), ("list", &list.join("; "))],
        ));
    }
    out
}

/// The rankings' text alternative: their title and [`describe`].
pub fn rankings_alt(tr: Tr, ds: &Dataset, f: &Filter, agg: &Aggregates) -> String {
    format!(
        "{}. {}",
        rankings_title_in(tr, ds, f, agg.years),
        describe(tr, ds, agg)
    )
}

/// The timeline's one-line summary under its title.
pub fn timeline_summary(tr: Tr, agg: &Aggregates, shaded: bool) -> String {
    if agg.deliveries == 0 {
        return tr.t("timeline.empty").to_owned();
    }
    let key = if shaded {
        "timeline.summary_shaded"
    } else {
        "timeline.summary"
    };
    tr.f(
        key,
        &[
            ("tiv", &tr.tiv(agg.total)),
            ("years", &span_in(tr, agg.years)),
            ("deals", &tr.p("count.deals", agg.deals as u64, &[])),
            ("est", &tr.share(agg.estimated.0, agg.total.0)),
        ],
    )
}

/// What the live region says after a filter change: "Showing 123 deals from 4
/// suppliers, 5,678 million TIV, 2010–2024."
pub fn announce(tr: Tr, agg: &Aggregates) -> String {
    if agg.deliveries == 0 {
        return tr.t("live.none").to_owned();
    }
    let years = delivered_span(agg).map_or_else(|| span_in(tr, agg.years), |(a, b)| tr.years(a, b));
    tr.f(
        "live.showing",
        &[
            ("deals", &tr.p("count.deals", agg.deals as u64, &[])),
            (
                "suppliers",
                &tr.p("count.suppliers", agg.suppliers.len() as u64, &[]),
            ),
            ("tiv", &tr.tiv(agg.total)),
            ("years", &years),
        ],
    )
}

/// One line of the ranked list of flows under the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowLine {
    pub supplier: EntityId,
    pub recipient: EntityId,
    pub tiv: Tiv,
    /// "Russia → Myanmar: 1,234 million TIV (45%), 1990–2024".
    pub text: String,
}

/// The flows of `agg`, largest first (the order the aggregates keep), at most `limit`.
pub fn flow_lines(tr: Tr, ds: &Dataset, agg: &Aggregates, limit: usize) -> Vec<FlowLine> {
    agg.flows
        .iter()
        .take(limit)
        .map(|fl| FlowLine {
            supplier: fl.supplier,
            recipient: fl.recipient,
            tiv: fl.tiv,
            text: tr.f(
                "flows.item",
                &[
                    ("from", tr.entity(ds, fl.supplier)),
                    ("to", tr.entity(ds, fl.recipient)),
                    ("tiv", &tr.tiv(fl.tiv)),
                    ("share", &tr.share(fl.tiv.0, agg.total.0)),
                    ("years", &tr.years(fl.first_year, fl.last_year)),
                ],
            ),
        })
        .collect()
}

// ---------------------------------------------------------------- rankings

impl RankEntry {
    /// The value label written the reader's way: `1 234 · 38 %` (fr), `1.234 · 38 %` (de).
    pub fn value_label_in(&self, tr: Tr) -> String {
        format!("{} · {}", tr.tiv(self.tiv), tr.fraction(self.share))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Locale;

    #[test]
    fn numbers_read_well() {
        let en = Tr::new(Locale::En);
        assert_eq!(en.int(1234567), "1,234,567");
        assert_eq!(en.int(12), "12");
        assert_eq!(en.tiv(Tiv(123_456)), "1,235");
        assert_eq!(en.tiv(Tiv(4_321)), "43");
        assert_eq!(en.tiv(Tiv(43)), "0.4");
    }
}
