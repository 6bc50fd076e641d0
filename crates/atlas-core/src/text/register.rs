//! The register's and the passport's words: column headers' keys, flags, counts, TIV
//! written the reader's way, and titles.

use crate::analysis::filter::{Filter, YearRange};
use crate::analysis::passport::Passport;
use crate::analysis::register::{Column, EntityNames, TextIndex};
use crate::model::{Dataset, Flag, Tiv};
use crate::text::names::collation_key;
use crate::text::typeahead::fold;
use crate::text::Tr;

// ---------------------------------------------------------------- in the reader's language

/// The register's text index in the reader's language: suppliers and recipients sort by
/// the names shown (as every list of names does, [`collation_key`]), and a search finds
/// them by the name shown or by SIPRI's spelling, folded as the entity picker's typeahead
/// folds them (case, accents and punctuation ignored: "allemagne" and "Germany" both find
/// "Allemagne").
pub fn text_index(ds: &Dataset, tr: Tr) -> TextIndex {
    let mut sort_keys = Vec::with_capacity(ds.entities.len());
    let mut search_text = Vec::with_capacity(ds.entities.len());
    for e in &ds.entities {
        let shown = tr.entity_name(e);
        sort_keys.push(collation_key(shown));
        let (a, b) = (fold(shown), fold(e.label()));
        search_text.push(if a == b { a } else { [a, b].join("\n") });
    }
    // Categories and statuses as shown, when the language has its own names for them.
    let kind_text = if tr.locale == crate::text::Locale::En {
        Vec::new()
    } else {
        use crate::model::{Category, Status};
        let statuses = [
            Status::New,
            Status::SecondHand,
            Status::SecondHandModernised,
        ];
        Category::ALL
            .iter()
            .map(|c| fold(tr.category(*c)))
            .chain(statuses.iter().map(|s| fold(tr.t(status_key(*s)))))
            .collect()
    };
    TextIndex::with_names(
        ds,
        EntityNames {
            sort_keys,
            search_text,
            fold,
            kind_text,
        },
    )
}

/// The key of a column's header in the translation tables (`col.supplier`…); CSV headers
/// keep [`Column::label`], machine-readable English.
pub fn column_key(c: Column) -> &'static str {
    match c {
        Column::Supplier => "col.supplier",
        Column::Recipient => "col.recipient",
        Column::Designation => "col.designation",
        Column::Description => "col.description",
        Column::Category => "col.category",
        Column::OrderYear => "col.order_year",
        Column::Ordered => "col.ordered",
        Column::Delivered => "col.delivered",
        Column::Years => "col.years",
        Column::Tiv => "col.tiv",
        Column::Status => "col.status",
        Column::LocalProduction => "col.local",
        Column::Comments => "col.comments",
    }
}

/// The key of SIPRI's status of a deal's weapons (`status.new`…).
pub fn status_key(s: crate::model::Status) -> &'static str {
    use crate::model::Status;
    match s {
        Status::New => "status.new",
        Status::SecondHand => "status.second_hand",
        Status::SecondHandModernised => "status.second_hand_modernised",
    }
}

/// A yes/no flag in words (`—` when SIPRI leaves it blank).
pub fn flag_in(tr: Tr, f: Flag) -> &'static str {
    match f {
        Flag::Yes => tr.t("flag.yes"),
        Flag::No => tr.t("flag.no"),
        Flag::Blank => "—",
    }
}

/// TIV exactly as SIPRI gives it, written the reader's way: every digit, grouped and with the
/// locale's decimal separator (`1 234,5` in French).
pub fn format_tiv_in(tr: Tr, t: Tiv) -> String {
    let s = t.to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let int = int
        .parse::<i64>()
        .map_or_else(|_| int.to_owned(), |n| tr.int(n));
    match frac {
        Some(f) => format!(
            "{sign}{int}{}{f}",
            crate::text::number::decimal_sep(tr.locale)
        ),
        None => format!("{sign}{int}"),
    }
}

/// The count line: `1,445 deals`, `12 of 1,445 deals`, `1 deal`, `No deals`, in the
/// reader's language.
pub fn count_label_in(tr: Tr, shown: usize, total: usize) -> String {
    if total == 0 {
        tr.t("register.no_deals").to_owned()
    } else if shown == total {
        tr.p("count.deals", total as u64, &[])
    } else {
        tr.p(
            "register.count_of",
            total as u64,
            &[("shown", &tr.int(shown as i64))],
        )
    }
}

/// The register's title, e.g. "Deal register: arms deliveries to Myanmar, 1990–2024", in
/// the reader's language.
pub fn register_title_in(tr: Tr, ds: &Dataset, f: &Filter, years: YearRange) -> String {
    let phrase = crate::text::views::filter_phrase_in(
        tr,
        ds,
        f,
        "phrase.deliveries_lc",
        "phrase.deliveries_of_lc",
    );
    tr.f(
        "register.title",
        &[
            ("phrase", &phrase),
            ("years", &tr.years(years.from(), years.to())),
        ],
    )
}

// ---------------------------------------------------------------- the passport

impl Passport {
    /// The line under the passport's title: units, deals and TIV, e.g. "61 units
    /// delivered in 17 deals, 407.45 million TIV".
    pub fn summary_in(&self, tr: Tr) -> String {
        tr.p(
            "passport.summary",
            u64::from(self.number),
            &[
                ("deals", &tr.p("count.deals", self.deals as u64, &[])),
                ("tiv", &format_tiv_in(tr, self.tiv)),
            ],
        )
    }

    /// The passport's title in the reader's language, e.g. "Where the Mi-17 (transport
    /// helicopter) went: 5 recipients, 1989–2024", from the same numbers as the table.
    pub fn title_in(&self, tr: Tr, ds: &Dataset) -> String {
        let name = ds.str(self.designation);
        let desc: Vec<&str> = self.descriptions.iter().map(|s| ds.str(*s)).collect();
        let head = if desc.is_empty() || desc.iter().all(|d| d.is_empty()) {
            name.to_owned()
        } else {
            format!("{name} ({})", desc.join("; "))
        };
        let recips = tr.p("count.recipients", self.recipients as u64, &[]);
        let args = |years: String| {
            [
                ("head", head.clone()),
                ("recipients", recips.clone()),
                ("years", years),
            ]
        };
        let fill = |key: &'static str, years: String| {
            let a = args(years);
            let refs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
            tr.f(key, &refs)
        };
        match self.years {
            Some((a, b)) if a == b => fill("passport.title_year", a.to_string()),
            Some((a, b)) => fill("passport.title_years", tr.years(a, b)),
            None => fill("passport.title_none", String::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Locale;

    #[test]
    fn numbers_read_well() {
        let en = Tr::new(Locale::En);
        assert_eq!(format_tiv_in(en, Tiv(123_456)), "1,234.56");
        assert_eq!(format_tiv_in(en, Tiv(5)), "0.05");
        assert_eq!(format_tiv_in(en, Tiv(100_000_000)), "1,000,000");
        assert_eq!(count_label_in(en, 1445, 1445), "1,445 deals");
        assert_eq!(count_label_in(en, 12, 1445), "12 of 1,445 deals");
        assert_eq!(count_label_in(en, 1, 1), "1 deal");
        assert_eq!(count_label_in(en, 0, 0), "No deals");
    }
}
