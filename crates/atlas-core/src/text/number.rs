//! Numbers, percentages, years and year ranges written the reader's way.
//!
//! Separators and patterns follow the Unicode CLDR (`common/main/<lang>.xml`,
//! `numbers/symbols[@numberSystem="latn"]` and `percentFormats`, CLDR 42–46; the same data
//! ICU, and so the browser's `Intl.NumberFormat`, uses):
//!
//! | locale | decimal | group            | percent pattern        | minimumGroupingDigits |
//! |--------|---------|------------------|------------------------|-----------------------|
//! | en     | `.`     | `,`              | `#,##0%`               | 1                     |
//! | fr     | `,`     | U+202F (narrow no-break space, since CLDR 34) | `#,##0 %` (U+00A0) | 1 |
//! | de     | `,`     | `.`              | `#,##0 %` (U+00A0)     | 1                     |
//! | ru     | `,`     | U+00A0 (no-break space) | `#,##0 %` (U+00A0) | 1                 |
//!
//! Years are never grouped (CLDR's `y` field); a range of years uses the interval
//! format `y–y` with an EN DASH (U+2013) in all four locales.

use crate::model::Tiv;
use crate::text::Locale;

/// The narrow no-break space, French thousands separator.
pub const NNBSP: char = '\u{202F}';
/// The no-break space: Russian thousands separator, and before `%` in fr, de, ru.
pub(crate) const NBSP: char = '\u{00A0}';

/// The decimal separator.
pub(crate) fn decimal_sep(l: Locale) -> char {
    match l {
        Locale::En => '.',
        Locale::Fr | Locale::De | Locale::Ru => ',',
    }
}

/// The thousands (grouping) separator.
pub(crate) fn group_sep(l: Locale) -> char {
    match l {
        Locale::En => ',',
        Locale::Fr => NNBSP,
        Locale::De => '.',
        Locale::Ru => NBSP,
    }
}

fn group(l: Locale, digits: &str) -> String {
    let sep = group_sep(l);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `value` with exactly `decimals` digits after the separator, grouped:
/// `format_decimal(Locale::De, 12345.6, 1)` is `12.345,6`. Not-a-number and infinities
/// are written as `–` rather than garbage.
pub(crate) fn format_decimal(l: Locale, value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut out = String::new();
    // "-0.0" is written as 0.
    if value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    out.push_str(&group(l, int));
    if !frac.is_empty() {
        out.push(decimal_sep(l));
        out.push_str(frac);
    }
    out
}

/// An integer, grouped: `12 345` (fr, with U+202F).
pub fn format_int(l: Locale, n: i64) -> String {
    let g = group(l, &n.unsigned_abs().to_string());
    if n < 0 {
        format!("-{g}")
    } else {
        g
    }
}

/// A percentage given in percent (`43.0` → `43 %` in fr, `43%` in en), rounded to
/// `decimals` digits.
pub(crate) fn format_percent(l: Locale, percent: f64, decimals: usize) -> String {
    let n = format_decimal(l, percent, decimals);
    match l {
        Locale::En => format!("{n}%"),
        Locale::Fr | Locale::De | Locale::Ru => format!("{n}{NBSP}%"),
    }
}

/// A share `part / whole` as a whole percentage; `0 %` when `whole` is zero. Shares
/// under one percent but not zero read `<1 %` rather than a misleading zero.
pub fn format_share(l: Locale, part: i64, whole: i64) -> String {
    if whole <= 0 || part <= 0 {
        return format_percent(l, 0.0, 0);
    }
    format_fraction(l, part as f64 / whole as f64)
}

/// A fraction (0.43) as a whole percentage (`43%`), `<1%` when small but not zero,
/// `0%` when zero or not a number; at most 100 %.
pub(crate) fn format_fraction(l: Locale, fraction: f64) -> String {
    let p = 100.0 * fraction;
    if !p.is_finite() || p <= 0.0 {
        format_percent(l, 0.0, 0)
    } else if p < 0.5 {
        format!("<{}", format_percent(l, 1.0, 0))
    } else {
        format_percent(l, p.min(100.0), 0)
    }
}

/// A year: never grouped (`2024`, not `2,024`).
pub(crate) fn format_year(_l: Locale, y: u16) -> String {
    y.to_string()
}

/// A range of years with an en dash, `1990–2024`; a single year when both ends agree.
pub fn format_year_range(l: Locale, from: u16, to: u16) -> String {
    if from == to {
        format_year(l, from)
    } else {
        format!("{}\u{2013}{}", format_year(l, from), format_year(l, to))
    }
}

/// Millions of TIV for a label, with as many digits as they deserve: `12,345`, `97`,
/// `4.3`, `0.2` (en); `12 345`, `97`, `4,3` (fr).
pub fn format_tiv(l: Locale, t: Tiv) -> String {
    let m = t.millions();
    if m.abs() >= 100.0 || m == 0.0 {
        format_int(l, m.round() as i64)
    } else if m.abs() >= 10.0 {
        format_decimal(l, m, 0)
    } else {
        format_decimal(l, m, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings are what ICU 74 (CLDR 44) writes via
    // `new Intl.NumberFormat(tag).format(x)` and `{style: "percent"}` (checked in node 20).
    #[test]
    fn matches_cldr_outputs() {
        let cases: [(Locale, f64, &str); 4] = [
            (Locale::En, 12345.6, "12,345.6"),
            (Locale::Fr, 12345.6, "12\u{202F}345,6"),
            (Locale::De, 12345.6, "12.345,6"),
            (Locale::Ru, 12345.6, "12\u{A0}345,6"),
        ];
        for (l, x, want) in cases {
            assert_eq!(format_decimal(l, x, 1), want, "{l:?}");
        }
        assert_eq!(format_int(Locale::En, 1234), "1,234");
        assert_eq!(format_int(Locale::Ru, 1234), "1\u{A0}234");
        assert_eq!(format_int(Locale::De, 1_234_567), "1.234.567");
        assert_eq!(
            format_int(Locale::Fr, -1_234_567),
            "-1\u{202F}234\u{202F}567"
        );
        assert_eq!(format_int(Locale::En, 999), "999");
        assert_eq!(format_percent(Locale::En, 43.0, 0), "43%");
        assert_eq!(format_percent(Locale::Fr, 43.0, 0), "43\u{A0}%");
        assert_eq!(format_percent(Locale::De, 43.0, 0), "43\u{A0}%");
        assert_eq!(format_percent(Locale::Ru, 4.25, 1), "4,2\u{A0}%");
        assert_eq!(format_decimal(Locale::En, -0.01, 1), "0.0");
        assert_eq!(format_decimal(Locale::En, f64::NAN, 1), "–");
    }

    #[test]
    fn years_and_ranges() {
        for l in Locale::ALL {
            assert_eq!(format_year(l, 2024), "2024");
            assert_eq!(format_year_range(l, 1990, 2024), "1990–2024");
            assert_eq!(format_year_range(l, 2001, 2001), "2001");
        }
    }

    #[test]
    fn tiv_and_shares() {
        assert_eq!(format_tiv(Locale::En, Tiv(123_456)), "1,235");
        assert_eq!(format_tiv(Locale::Fr, Tiv(123_456)), "1\u{202F}235");
        assert_eq!(format_tiv(Locale::De, Tiv(4_321)), "43");
        assert_eq!(format_tiv(Locale::De, Tiv(43)), "0,4");
        assert_eq!(format_tiv(Locale::Ru, Tiv(0)), "0");
        assert_eq!(format_share(Locale::En, 1, 3), "33%");
        assert_eq!(format_share(Locale::En, 1, 1000), "<1%");
        assert_eq!(format_share(Locale::Fr, 0, 0), "0\u{A0}%");
        assert_eq!(format_fraction(Locale::De, 0.456), "46\u{A0}%");
        assert_eq!(format_fraction(Locale::En, f64::NAN), "0%");
    }
}
