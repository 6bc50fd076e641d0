//! Dates written the reader's way: SIPRI's "Data generated" stamp
//! (`16 Apr 2024 10:05:18 PM`, English, 12-hour clock) in French, German or Russian.
//!
//! The patterns are CLDR's long date with the medium time (what the browser's
//! `Intl.DateTimeFormat(tag, {dateStyle: 'long', timeStyle: 'medium'})` writes):
//!
//! | locale | pattern |
//! |--------|---------|
//! | fr | `16 avril 2024 à 22:05:18` |
//! | de | `16. April 2024 um 22:05:18` |
//! | ru | `16 апреля 2024 г. в 22:05:18` (month in the genitive) |
//!
//! English keeps SIPRI's own text, and so does a stamp that cannot be read.

use crate::text::{Locale, Tr};

/// A date and time of day as SIPRI prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: u16,
    /// 1–12.
    pub month: u8,
    pub day: u8,
    /// 24-hour clock; `None` when SIPRI printed only the date.
    pub time: Option<(u8, u8, u8)>,
}

/// Reads `16 Apr 2024 10:05:18 PM` (also `16 April 2024`, a 24-hour time, no seconds).
/// `None` for anything else.
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let mut parts = s.split_whitespace();
    let day: u8 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: u16 = parts.next()?.parse().ok()?;
    if !(1..=31).contains(&day) || !(1900..=2999).contains(&year) {
        return None;
    }
    let time = match parts.next() {
        None => None,
        Some(t) => {
            let mut hms = t.split(':');
            let mut h: u8 = hms.next()?.parse().ok()?;
            let m: u8 = hms.next()?.parse().ok()?;
            let sec: u8 = match hms.next() {
                Some(x) => x.parse().ok()?,
                None => 0,
            };
            if hms.next().is_some() || m > 59 || sec > 59 {
                return None;
            }
            match parts.next().map(str::to_ascii_uppercase).as_deref() {
                None if h <= 23 => {}
                Some("AM") if (1..=12).contains(&h) => h %= 12,
                Some("PM") if (1..=12).contains(&h) => h = h % 12 + 12,
                _ => return None,
            }
            Some((h, m, sec))
        }
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Stamp {
        year,
        month,
        day,
        time,
    })
}

fn month_number(s: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = s.to_ascii_lowercase();
    let pos = NAMES.iter().position(|n| lower.starts_with(n))?;
    Some(pos as u8 + 1)
}

/// CLDR's month names for a date ("format" context: genitive in Russian).
fn month_name(l: Locale, month: u8) -> &'static str {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const RU: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = usize::from(month.clamp(1, 12) - 1);
    match l {
        Locale::Fr => FR[i],
        Locale::De => DE[i],
        Locale::Ru => RU[i],
        Locale::En => EN[i],
    }
}

/// A stamp in `l`'s long date and medium time (see the module docs).
pub fn format_stamp(l: Locale, s: Stamp) -> String {
    let (d, m, y) = (s.day, month_name(l, s.month), s.year);
    let date = match l {
        Locale::Fr => format!("{d} {m} {y}"),
        Locale::De => format!("{d}. {m} {y}"),
        Locale::Ru => format!("{d} {m} {y} г."),
        Locale::En => format!("{d} {m} {y}"),
    };
    let Some((h, mi, sec)) = s.time else {
        return date;
    };
    let time = format!("{h:02}:{mi:02}:{sec:02}");
    match l {
        Locale::Fr => format!("{date} à {time}"),
        Locale::De => format!("{date} um {time}"),
        Locale::Ru => format!("{date} в {time}"),
        Locale::En => format!("{date}, {time}"),
    }
}

impl Tr {
    /// SIPRI's "Data generated" stamp written the reader's way; English, and text that
    /// is not a date, as SIPRI printed it.
    pub fn sipri_stamp(&self, printed: &str) -> String {
        match parse_stamp(printed) {
            Some(s) if self.locale != Locale::En => format_stamp(self.locale, s),
            _ => printed.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sipri_stamps_read_and_write_in_each_language() {
        let s = parse_stamp("16 Apr 2024 10:05:18 PM").expect("reads");
        assert_eq!(
            s,
            Stamp {
                year: 2024,
                month: 4,
                day: 16,
                time: Some((22, 5, 18))
            }
        );
        assert_eq!(format_stamp(Locale::Fr, s), "16 avril 2024 à 22:05:18");
        assert_eq!(format_stamp(Locale::De, s), "16. April 2024 um 22:05:18");
        assert_eq!(format_stamp(Locale::Ru, s), "16 апреля 2024 г. в 22:05:18");
        assert_eq!(
            parse_stamp("1 Dec 2025 12:26:12 AM").and_then(|s| s.time),
            Some((0, 26, 12))
        );
        assert_eq!(
            parse_stamp("12 Feb 2026 12:26:12 PM").and_then(|s| s.time),
            Some((12, 26, 12))
        );
        assert_eq!(
            parse_stamp("3 March 2025").map(|s| format_stamp(Locale::De, s)),
            Some("3. März 2025".into())
        );
        for bad in [
            "",
            "yesterday",
            "32 Apr 2024",
            "16 Foo 2024",
            "16 Apr 2024 13:00 PM",
            "16 Apr 2024 10:05:18 PM x",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad}");
        }
        let fr = Tr::new(Locale::Fr);
        assert_eq!(fr.sipri_stamp("not a date"), "not a date");
        assert_eq!(
            Tr::new(Locale::En).sipri_stamp("16 Apr 2024 10:05:18 PM"),
            "16 Apr 2024 10:05:18 PM"
        );
    }
}
