//! Years and SIPRI's trend-indicator value, an exact fixed-point number.

use std::fmt;

/// A calendar year. SIPRI's data runs from 1940 (orders) and 1950 (deliveries).
pub type Year = u16;

/// The earliest and latest years the importer accepts; anything outside is a data error.
pub const MIN_YEAR: Year = 1900;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: Year = 2100;

/// The largest TIV one row may carry: 10^6 million TIV. SIPRI's largest deal is about
/// 10,100 million, so anything above this is a typo or a hostile file; the importer
/// rejects it as a located row error and the bundle decoder refuses it.
pub const MAX_TIV: Tiv = Tiv(1_000_000 * 100);

/// The largest item count one row may carry (ordered or delivered): 10^6. SIPRI's largest
/// is 50,000 (rounds of ammunition are not counted as items).
pub const MAX_ITEMS: u32 = 1_000_000;

/// SIPRI trend-indicator value, in hundredths of a million TIV.
///
/// SIPRI prints TIV in millions with at most two decimals, so hundredths hold every value
/// exactly and sums never drift. TIV measures the *volume* of transfers; it is not money.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tiv(pub i64);

impl Tiv {
    /// Zero TIV.
    pub const ZERO: Tiv = Tiv(0);

    /// The value in millions of TIV, for display and drawing.
    pub fn millions(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Parses SIPRI's decimal notation (`"12"`, `"0.3"`, `"5.76"`). More than two decimals
    /// are rounded half away from zero to hundredths. Returns `None` for anything else,
    /// including negative values, which SIPRI never writes.
    pub fn parse(text: &str) -> Option<Tiv> {
        let t = text.trim();
        if t.is_empty() || t.len() > 24 {
            return None;
        }
        let (int, frac) = match t.split_once('.') {
            Some((i, f)) => (i, f),
            None => (t, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let mut cents = 0i64;
        let digits = frac.as_bytes();
        for (i, d) in digits.iter().take(2).enumerate() {
            cents += i64::from(d - b'0') * if i == 0 { 10 } else { 1 };
        }
        if digits.len() > 2 && digits[2] >= b'5' {
            cents += 1;
        }
        whole.checked_mul(100)?.checked_add(cents).map(Tiv)
    }
}

// Sums saturate instead of wrapping (or panicking in a debug build). Every value that
// enters a dataset is at most [`MAX_TIV`] (10^8 hundredths, checked by the importer and by
// the bundle decoder), so a sum reaches `i64::MAX` only after some 9 * 10^10 rows, far
// more than any file a browser can hold: saturation never triggers on real or kept
// data, and a value built some other way shows as huge rather than as a negative total.
impl std::ops::Add for Tiv {
    type Output = Tiv;
    fn add(self, rhs: Tiv) -> Tiv {
        Tiv(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Tiv {
    fn add_assign(&mut self, rhs: Tiv) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Tiv {
    fn sum<I: Iterator<Item = Tiv>>(iter: I) -> Tiv {
        iter.fold(Tiv::ZERO, |a, b| a + b)
    }
}

impl<'a> std::iter::Sum<&'a Tiv> for Tiv {
    fn sum<I: Iterator<Item = &'a Tiv>>(iter: I) -> Tiv {
        iter.fold(Tiv::ZERO, |a, b| a + *b)
    }
}

impl fmt::Display for Tiv {
    /// Millions of TIV with the decimals SIPRI would print (`12`, `0.3`, `5.76`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (whole, cents) = (a / 100, a % 100);
        if cents == 0 {
            write!(f, "{sign}{whole}")
        } else if cents % 10 == 0 {
            write!(f, "{sign}{whole}.{}", cents / 10)
        } else {
            write!(f, "{sign}{whole}.{cents:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiv_parses_sipri_decimals_exactly() {
        assert_eq!(Tiv::parse("12"), Some(Tiv(1200)));
        assert_eq!(Tiv::parse("0.3"), Some(Tiv(30)));
        assert_eq!(Tiv::parse("5.76"), Some(Tiv(576)));
        assert_eq!(Tiv::parse(".5"), Some(Tiv(50)));
        assert_eq!(Tiv::parse("0.048"), Some(Tiv(5)));
        assert_eq!(Tiv::parse(" 7 "), Some(Tiv(700)));
        for bad in [
            "",
            "-1",
            "1e3",
            "abc",
            "1.2.3",
            ".",
            "1,5",
            "99999999999999999999999",
        ] {
            assert_eq!(Tiv::parse(bad), None, "{bad:?} must be rejected");
        }
    }

    #[test]
    fn tiv_sums_never_wrap() {
        let big = Tiv(i64::MAX - 5);
        assert_eq!(big + Tiv(100), Tiv(i64::MAX));
        let mut t = big;
        t += big;
        assert_eq!(t, Tiv(i64::MAX));
        assert_eq!([big, big, big].into_iter().sum::<Tiv>(), Tiv(i64::MAX));
        assert_eq!([big, big].iter().sum::<Tiv>(), Tiv(i64::MAX));
    }

    #[test]
    fn tiv_displays_like_sipri() {
        assert_eq!(Tiv(1200).to_string(), "12");
        assert_eq!(Tiv(30).to_string(), "0.3");
        assert_eq!(Tiv(576).to_string(), "5.76");
        assert_eq!(Tiv(5).to_string(), "0.05");
    }
}
