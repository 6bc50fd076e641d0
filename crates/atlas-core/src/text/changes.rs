//! The words of the changes view, its banner and the timeline's overlay, in the reader's
//! language: what changed between two SIPRI releases (`analysis::changes`), from the same
//! numbers the view's tables show.

use crate::analysis::changes::{ChangeKind, Changes, DealChange, DealSide, Field, PairChange};
use crate::analysis::filter::{Filter, YearRange};
use crate::model::{Dataset, Tiv, Year};
use crate::text::views::filter_phrase_in;
use crate::text::Tr;

/// A release's name: "2024", or "unknown" when the files did not say.
pub fn release_name(tr: Tr, release: u16) -> String {
    if release == 0 {
        tr.t("changes.release_unknown").to_owned()
    } else {
        release.to_string()
    }
}

/// Millions of TIV exactly, with the decimals SIPRI prints (`1,992.49`, `27`, `0.3`),
/// grouped the reader's way: revisions are often smaller than a label's rounding.
pub fn exact_tiv(tr: Tr, t: Tiv) -> String {
    let cents = t.0.unsigned_abs() % 100;
    let decimals = if cents == 0 {
        0
    } else if cents % 10 == 0 {
        1
    } else {
        2
    };
    tr.num(t.millions(), decimals)
}

/// A difference with its sign, exactly: `+50.75`, `−27`, `0` (a true minus sign).
pub fn signed_tiv(tr: Tr, t: Tiv) -> String {
    let abs = exact_tiv(tr, Tiv(t.0.saturating_abs()));
    match t.0.signum() {
        1 => format!("+{abs}"),
        -1 => format!("\u{2212}{abs}"),
        _ => abs,
    }
}

/// "What changed from SIPRI's 2024 release to its 2025 release".
pub fn title_in(tr: Tr, (older, newer): (u16, u16)) -> String {
    tr.f(
        "changes.title",
        &[
            ("older", &release_name(tr, older)),
            ("newer", &release_name(tr, newer)),
        ],
    )
}

/// The filter compared, in words: "Arms deliveries from Russia to Myanmar, 1995–2023".
pub fn subject_in(tr: Tr, ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let phrase = filter_phrase_in(tr, ds, f, "phrase.deliveries", "phrase.deliveries_of");
    format!("{phrase}, {}", tr.years(years.from(), years.to()))
}

/// The totals then and now in one sentence, or why there is nothing to compare.
pub fn summary_in(tr: Tr, c: &Changes, releases: (u16, u16)) -> String {
    let (older, newer) = (release_name(tr, releases.0), release_name(tr, releases.1));
    let Some(y) = c.years else {
        return tr.t("changes.no_overlap").to_owned();
    };
    let years = tr.years(y.from(), y.to());
    if c.then == c.now {
        return tr.f(
            "changes.summary_same",
            &[
                ("older", &older),
                ("newer", &newer),
                ("total", &exact_tiv(tr, c.now)),
                ("years", &years),
            ],
        );
    }
    tr.f(
        "changes.summary",
        &[
            ("older", &older),
            ("newer", &newer),
            ("then", &exact_tiv(tr, c.then)),
            ("now", &exact_tiv(tr, c.now)),
            ("diff", &signed_tiv(tr, c.difference())),
            ("years", &years),
        ],
    )
}

/// How many pairs moved and how many deals changed, in one sentence.
pub fn counts_in(tr: Tr, c: &Changes) -> String {
    let (added, removed, revised, uncertain) = c.deal_counts();
    let mut s = tr.p(
        "changes.pairs_moved",
        c.pairs_moved() as u64,
        &[("total", &tr.int(c.pairs.len() as i64))],
    );
    s.push(' ');
    s.push_str(&tr.f(
        "changes.deals",
        &[
            ("added", &tr.p("changes.added", added as u64, &[])),
            ("removed", &tr.p("changes.removed", removed as u64, &[])),
            ("revised", &tr.p("changes.revised", revised as u64, &[])),
        ],
    ));
    if uncertain > 0 {
        s.push(' ');
        s.push_str(&tr.p("changes.uncertain_count", uncertain as u64, &[]));
    }
    s
}

/// The banner of a link made with the older release: how much its totals changed in the
/// newer one.
pub fn banner_in(tr: Tr, c: &Changes, releases: (u16, u16)) -> String {
    let (older, newer) = (release_name(tr, releases.0), release_name(tr, releases.1));
    let Some(y) = c.years else {
        return tr.f(
            "changes.banner_no_overlap",
            &[("older", &older), ("newer", &newer)],
        );
    };
    let years = tr.years(y.from(), y.to());
    if c.then == c.now {
        return tr.f(
            "changes.banner_same",
            &[("older", &older), ("newer", &newer), ("years", &years)],
        );
    }
    tr.f(
        "changes.banner",
        &[
            ("older", &older),
            ("newer", &newer),
            ("diff", &signed_tiv(tr, c.difference())),
            ("then", &exact_tiv(tr, c.then)),
            ("now", &exact_tiv(tr, c.now)),
            ("years", &years),
        ],
    )
}

/// What kind of change, as a label.
pub fn kind_in(tr: Tr, k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => tr.t("changes.kind_added"),
        ChangeKind::Removed => tr.t("changes.kind_removed"),
        ChangeKind::Revised => tr.t("changes.kind_revised"),
    }
}

/// A field's name.
pub fn field_in(tr: Tr, f: Field) -> &'static str {
    tr.t(match f {
        Field::DealId => "changes.field_deal_id",
        Field::Designation => "changes.field_designation",
        Field::Category => "changes.field_category",
        Field::OrderYear => "changes.field_order_year",
        Field::NumberOrdered => "changes.field_number_ordered",
        Field::NumberDelivered => "changes.field_number_delivered",
        Field::DeliveryYears => "changes.field_delivery_years",
        Field::YearSplit => "changes.field_year_split",
        Field::TivPerUnit => "changes.field_tiv_per_unit",
        Field::TivDelivered => "changes.field_tiv_delivered",
        Field::Status => "changes.field_status",
        Field::LocalProduction => "changes.field_local_production",
        Field::Comments => "changes.field_comments",
        Field::Description => "changes.field_description",
    })
}

fn years_list(tr: Tr, years: &[Year]) -> String {
    if years.is_empty() {
        return tr.t("changes.none").to_owned();
    }
    years
        .iter()
        .map(Year::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn split(tr: Tr, s: &DealSide) -> String {
    if s.deliveries.is_empty() {
        return tr.t("changes.none").to_owned();
    }
    s.deliveries
        .iter()
        .map(|(y, n, _)| format!("{y}: {}", tr.int(i64::from(*n))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One field's value on one side, as shown.
pub fn field_value_in(tr: Tr, f: Field, s: &DealSide) -> String {
    let opt = |v: Option<String>| v.unwrap_or_else(|| tr.t("changes.none").to_owned());
    match f {
        Field::DealId => opt(s.sipri_id.map(|i| i.to_string())),
        Field::Designation => s.designation.clone(),
        Field::Category => tr.category(s.category).to_owned(),
        Field::OrderYear => opt(s.order_year.map(|y| y.to_string())),
        Field::NumberOrdered => opt(s.number_ordered.map(|n| tr.int(i64::from(n)))),
        Field::NumberDelivered => tr.int(i64::from(s.number_delivered())),
        Field::DeliveryYears => years_list(tr, &s.years()),
        Field::YearSplit => split(tr, s),
        Field::TivPerUnit => opt(s.tiv_unit.map(|t| exact_tiv(tr, t))),
        Field::TivDelivered => exact_tiv(tr, s.tiv_delivered()),
        Field::Status => s.status.name().to_owned(),
        Field::LocalProduction => match s.local_production {
            crate::model::Flag::Yes => tr.t("changes.yes").to_owned(),
            crate::model::Flag::No => tr.t("changes.no").to_owned(),
            crate::model::Flag::Blank => tr.t("changes.none").to_owned(),
        },
        Field::Comments => opt(s.comments.clone()),
        Field::Description => s.description.clone(),
    }
}

/// "designation: RD-33 (6200) → RD-33 (8900)" for each changed field of a revised deal.
pub fn field_changes_in(tr: Tr, d: &DealChange) -> Vec<String> {
    let (Some(a), Some(b)) = (&d.older, &d.newer) else {
        return Vec::new();
    };
    d.fields
        .iter()
        .map(|f| {
            tr.f(
                "changes.field_change",
                &[
                    ("field", field_in(tr, *f)),
                    ("old", &field_value_in(tr, *f, a)),
                    ("new", &field_value_in(tr, *f, b)),
                ],
            )
        })
        .collect()
}

/// A supplier→recipient pair as the reader sees it: "Russia → Myanmar" ("Russie →
/// Myanmar (Birmanie)" in French; the CSV keeps SIPRI's names).
pub fn pair_name_in(tr: Tr, p: &PairChange) -> String {
    format!(
        "{} → {}",
        tr.sipri_name(&p.supplier),
        tr.sipri_name(&p.recipient)
    )
}

/// A deal named: "Mi-17, SIPRI deal 68463, ordered 2005".
pub fn deal_name_in(tr: Tr, d: &DealChange) -> String {
    let Some(s) = d.side() else {
        return String::new();
    };
    let mut out = s.designation.trim().to_owned();
    if let Some(id) = s.sipri_id {
        out.push_str(", ");
        out.push_str(&tr.f("changes.deal_id", &[("id", &id.to_string())]));
    }
    if let Some(y) = s.order_year {
        out.push_str(", ");
        out.push_str(&tr.f("changes.ordered", &[("year", &y.to_string())]));
    }
    out
}

/// What an added or removed deal delivered in the compared years: "7 delivered in 2005,
/// 2006".
pub fn deliveries_in(tr: Tr, s: &DealSide) -> String {
    tr.f(
        "changes.delivered",
        &[
            ("count", &tr.int(i64::from(s.number_delivered()))),
            ("years", &years_list(tr, &s.years())),
        ],
    )
}

/// Why a match is uncertain, with both ids.
pub fn uncertain_in(tr: Tr, d: &DealChange) -> Option<String> {
    if !d.uncertain() {
        return None;
    }
    let id = |s: &Option<DealSide>| {
        s.as_ref()
            .and_then(|s| s.sipri_id)
            .map_or_else(|| tr.t("changes.none").to_owned(), |i| i.to_string())
    };
    Some(tr.f(
        "changes.uncertain",
        &[("old", &id(&d.older)), ("new", &id(&d.newer))],
    ))
}

/// The timeline overlay's words: "Thin line: totals in SIPRI's 2024 release, 1995–2023".
pub fn overlay_note_in(tr: Tr, c: &Changes, releases: (u16, u16)) -> Option<String> {
    let y = c.years?;
    Some(tr.f(
        "changes.overlay_note",
        &[
            ("older", &release_name(tr, releases.0)),
            ("years", &tr.years(y.from(), y.to())),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Locale;

    #[test]
    fn signs_are_written_out() {
        let tr = Tr::new(Locale::En);
        assert_eq!(signed_tiv(tr, Tiv(5075)), "+50.75");
        assert_eq!(signed_tiv(tr, Tiv(-2700)), "\u{2212}27");
        assert_eq!(signed_tiv(tr, Tiv(0)), "0");
        assert_eq!(exact_tiv(tr, Tiv(199_249)), "1,992.49");
        assert_eq!(exact_tiv(Tr::new(Locale::De), Tiv(204_330)), "2.043,3");
    }

    #[test]
    fn pairs_are_named_the_readers_way() {
        let p = PairChange {
            supplier: "Russia".into(),
            recipient: "Myanmar".into(),
            then: Tiv(0),
            now: Tiv(0),
            deals: Vec::new(),
            unchanged: 0,
        };
        assert_eq!(pair_name_in(Tr::new(Locale::En), &p), "Russia → Myanmar");
        assert_eq!(
            pair_name_in(Tr::new(Locale::Fr), &p),
            "Russie → Myanmar (Birmanie)"
        );
        let rebels = PairChange {
            supplier: "unknown supplier(s)".into(),
            recipient: "Arakan Army (Myanmar)*".into(),
            ..p
        };
        assert_eq!(
            pair_name_in(Tr::new(Locale::En), &rebels),
            "unknown supplier(s) → Arakan Army (Myanmar)"
        );
    }
}
