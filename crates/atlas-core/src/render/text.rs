//! Words that go with the numbers: titles and formatted values, built from the same
//! state that draws the charts so that they always agree.

use crate::data::{Category, Dataset, Filter, StackBy, Tiv, YearRange};

/// Formats millions of TIV for a label: `12,345`, `97`, `4.3`, `0.2`.
pub fn tiv_label(t: Tiv) -> String {
    let m = t.millions();
    if m >= 100.0 || m == 0.0 {
        group_thousands(m.round() as i64)
    } else if m >= 10.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// `12345` → `12,345`.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// `1990–2024` or `2021`.
pub fn year_span(r: YearRange) -> String {
    if r.from() == r.to() {
        r.from().to_string()
    } else {
        format!("{}–{}", r.from(), r.to())
    }
}

/// "Russia", "Russia and China", "Russia, China and 3 others".
pub fn entity_names(ds: &Dataset, ids: &[crate::data::EntityId]) -> String {
    ds.entity_names(ids)
}

/// The filter in plain words, without years: `all` names everything ("Arms deliveries"),
/// `of` starts a narrower subject ("Deliveries of" aircraft). Every view's title uses it.
pub fn filter_phrase(ds: &Dataset, f: &Filter, all: &str, of: &str) -> String {
    let mut t = all.to_owned();
    if !f.systems.is_empty() {
        let sys: Vec<&str> = f.systems.iter().map(|s| ds.str(*s)).collect();
        t = format!("{of} {}", sys.join(", "));
    } else if !f.categories.is_empty() {
        let cats: Vec<&str> = f.categories.iter().map(|c: &Category| c.name()).collect();
        t = format!("{of} {}", cats.join(", ").to_lowercase());
    }
    if !f.suppliers.is_empty() {
        t.push_str(" from ");
        t.push_str(&entity_names(ds, &f.suppliers));
    }
    if !f.recipients.is_empty() {
        t.push_str(" to ");
        t.push_str(&entity_names(ds, &f.recipients));
    }
    if !f.text.trim().is_empty() {
        t.push_str(&format!(" matching “{}”", f.text.trim()));
    }
    t
}

/// The timeline's title in plain language, e.g.
/// "Arms deliveries from Russia to Myanmar by category, 2000–2024, SIPRI TIV".
pub fn timeline_title(ds: &Dataset, f: &Filter, years: YearRange, by: StackBy) -> String {
    let t = filter_phrase(ds, f, "Arms deliveries", "Deliveries of");
    let by = match by {
        StackBy::Supplier => "supplier",
        StackBy::Recipient => "recipient",
        StackBy::Category => "category",
    };
    format!("{t} by {by}, {}, SIPRI TIV", year_span(years))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(group_thousands(1234567), "1,234,567");
        assert_eq!(group_thousands(12), "12");
        assert_eq!(tiv_label(Tiv(123_456)), "1,235");
        assert_eq!(tiv_label(Tiv(4_321)), "43");
        assert_eq!(tiv_label(Tiv(43)), "0.4");
    }
}
