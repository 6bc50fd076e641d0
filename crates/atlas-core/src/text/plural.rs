//! CLDR plural rules (`common/supplemental/plurals.xml`, cardinal) for the shipped
//! languages, on CLDR's operands `i` (integer digits) and `v` (number of visible fraction
//! digits). Compact exponent forms (`e`) never occur in Arms Atlas and count as `e = 0`.
//!
//! - en, de: one → `i = 1 and v = 0`; other.
//! - fr: one → `i = 0,1`; many → `e = 0 and i != 0 and i % 1000000 = 0 and v = 0`; other.
//! - ru: one → `v = 0 and i % 10 = 1 and i % 100 != 11`;
//!   few → `v = 0 and i % 10 = 2..4 and i % 100 != 12..14`;
//!   many → `v = 0 and (i % 10 = 0 or i % 10 = 5..9 or i % 100 = 11..14)`; other.

use crate::text::Locale;

/// A CLDR plural category (the ones the shipped languages use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// The suffix used in translation tables: `key#one`.
    pub fn name(self) -> &'static str {
        match self {
            PluralCategory::One => "one",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// Reads a suffix back.
    pub fn parse(s: &str) -> Option<PluralCategory> {
        Some(match s {
            "one" => PluralCategory::One,
            "few" => PluralCategory::Few,
            "many" => PluralCategory::Many,
            "other" => PluralCategory::Other,
            _ => return None,
        })
    }
}

/// The categories a language's integer counts can fall in (what a complete translation
/// of a counted phrase must provide).
pub fn integer_categories(l: Locale) -> &'static [PluralCategory] {
    use PluralCategory::*;
    match l {
        Locale::En | Locale::De => &[One, Other],
        Locale::Fr => &[One, Many, Other],
        Locale::Ru => &[One, Few, Many],
    }
}

/// The category of a number with integer part `i` and `v` visible fraction digits.
pub fn category(l: Locale, i: u64, v: u32) -> PluralCategory {
    use PluralCategory::*;
    match l {
        Locale::En | Locale::De => {
            if i == 1 && v == 0 {
                One
            } else {
                Other
            }
        }
        Locale::Fr => {
            if i <= 1 {
                One
            } else if v == 0 && i % 1_000_000 == 0 {
                Many
            } else {
                Other
            }
        }
        Locale::Ru => {
            if v != 0 {
                return Other;
            }
            let (m10, m100) = (i % 10, i % 100);
            if m10 == 1 && m100 != 11 {
                One
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                Few
            } else {
                Many
            }
        }
    }
}

/// The category of a whole count.
pub(crate) fn count_category(l: Locale, n: u64) -> PluralCategory {
    category(l, n, 0)
}

#[cfg(test)]
mod tests {
    use super::PluralCategory::*;
    use super::*;

    #[test]
    fn english_and_german() {
        for l in [Locale::En, Locale::De] {
            assert_eq!(count_category(l, 1), One);
            for n in [0, 2, 5, 11, 21, 101, 1_000_000] {
                assert_eq!(count_category(l, n), Other, "{l:?} {n}");
            }
            assert_eq!(category(l, 1, 1), Other, "1.0 is plural in {l:?}");
        }
    }

    #[test]
    fn french() {
        assert_eq!(count_category(Locale::Fr, 0), One);
        assert_eq!(count_category(Locale::Fr, 1), One);
        assert_eq!(category(Locale::Fr, 1, 1), One, "1,5 is singular in French");
        assert_eq!(count_category(Locale::Fr, 2), Other);
        assert_eq!(count_category(Locale::Fr, 1_000_000), Many);
        assert_eq!(count_category(Locale::Fr, 3_000_000), Many);
        assert_eq!(count_category(Locale::Fr, 1_000_001), Other);
        assert_eq!(category(Locale::Fr, 1_000_000, 1), Other);
    }

    #[test]
    fn russian() {
        // CLDR's own examples for ru.
        for n in [1, 21, 31, 41, 51, 61, 71, 81, 101, 1001] {
            assert_eq!(count_category(Locale::Ru, n), One, "{n}");
        }
        for n in [2, 3, 4, 22, 23, 24, 32, 33, 34, 42, 102, 1002] {
            assert_eq!(count_category(Locale::Ru, n), Few, "{n}");
        }
        for n in [
            0, 5, 6, 9, 10, 11, 12, 13, 14, 15, 19, 20, 100, 111, 112, 114, 1000,
        ] {
            assert_eq!(count_category(Locale::Ru, n), Many, "{n}");
        }
        assert_eq!(category(Locale::Ru, 1, 1), Other);
        assert_eq!(category(Locale::Ru, 5, 2), Other);
    }

    #[test]
    fn counts_land_only_in_the_listed_categories() {
        for l in Locale::ALL {
            for n in (0..2000).chain([1_000_000, 2_000_000]) {
                let c = count_category(l, n);
                assert!(integer_categories(l).contains(&c), "{l:?} {n} → {c:?}");
            }
        }
    }
}
