//! Country names in the reader's language.
//!
//! SIPRI writes its names in English. A reader of French, German or Russian sees the
//! name of a present-day state as CLDR writes it in their language (the `country.`
//! entries of their table, converted from CLDR's territory names by `cargo xtask
//! countries`). Everything else keeps SIPRI's name: historical states (Soviet Union,
//! Yugoslavia…), non-state actors (`*`), organisations (`**`), states without an ISO
//! 3166-1 code (Kosovo, Northern Cyprus) and the few SIPRI names that are not a state as
//! a whole ([`KEEPS_SIPRI_NAME`]). SIPRI's three words for a party it does not know
//! ("unknown supplier(s)"…) are words, not names, and are translated (`names.unknown_*`).
//! English shows SIPRI's names.
//!
//! Exports (CSV, figures) keep SIPRI's spelling; where a shown name differs from it, the
//! tooltip says SIPRI's ([`Tr::sipri_note`]).

use crate::import::places::{PlaceRule, PlaceTable};
use crate::model::{Dataset, Entity, EntityId};
use crate::text::{Locale, Tr};

/// SIPRI names that carry a state's ISO code in the placement table but name something
/// else than the state: they keep SIPRI's name in every language.
pub const KEEPS_SIPRI_NAME: [&str; 1] = [
    // The Tripoli-based rival government (2016–2020), placed in Libya; "Libye" would
    // merge it with the state in the reader's eyes.
    "Libya GNC",
];

/// The ISO 3166-1 alpha-3 code whose localised name a SIPRI name takes, if any: the name
/// is a present-day state in the placement table, with an ISO numeric code (so not a
/// user-assigned one such as Kosovo's XKX), and not one of [`KEEPS_SIPRI_NAME`].
pub fn iso3_of(sipri_name: &str) -> Option<&'static str> {
    if KEEPS_SIPRI_NAME.contains(&sipri_name) {
        return None;
    }
    let p = PlaceTable::builtin().get(sipri_name)?;
    if p.rule != PlaceRule::State || p.isonum.is_none() {
        return None;
    }
    p.iso3.as_deref()
}

/// The table key of SIPRI's words for an unknown party.
fn unknown_key(sipri: &str) -> Option<&'static str> {
    Some(match sipri {
        "unknown supplier(s)" => "names.unknown_supplier",
        "unknown recipient(s)" => "names.unknown_recipient",
        "unknown rebel group*" | "unknown rebel group" => "names.unknown_rebel_group",
        _ => return None,
    })
}

impl Tr {
    /// The name of an entity as the reader sees it: in their language for a present-day
    /// state (see the module docs), else SIPRI's name without its `*`/`**` markers.
    /// English, and a language whose table has not arrived yet, show SIPRI's names.
    pub fn entity_name<'a>(&self, e: &'a Entity) -> &'a str {
        self.sipri_name(&e.name)
    }

    /// [`Tr::entity_name`] of a SIPRI name (with or without its `*`/`**` markers), for
    /// code that holds the name rather than the entity (a map place's label).
    pub fn sipri_name<'a>(&self, sipri: &'a str) -> &'a str {
        let label = sipri.trim_end_matches('*');
        if self.locale == Locale::En {
            return label;
        }
        if let Some(key) = unknown_key(sipri) {
            return self.t(key);
        }
        iso3_of(sipri)
            .and_then(|iso| self.own_catalog().country(iso))
            .unwrap_or(label)
    }

    /// [`Tr::entity_name`] of an id of `ds`.
    pub fn entity<'a>(&self, ds: &'a Dataset, id: EntityId) -> &'a str {
        self.entity_name(ds.entity(id))
    }

    /// "SIPRI: Viet Nam" (in the reader's language) when the name shown differs from
    /// SIPRI's, for a tooltip; `None` when they are the same.
    /// SIPRI's words for an unknown party are translated words, not names: no note.
    pub fn sipri_note(&self, e: &Entity) -> Option<String> {
        let shown = self.entity_name(e);
        (shown != e.label() && unknown_key(&e.name).is_none())
            .then(|| self.f("names.sipri", &[("name", e.label())]))
    }

    /// The ids sorted by the names shown (see [`collation_key`]), each with its name.
    pub fn sorted_by_name<'a>(
        &self,
        ds: &'a Dataset,
        ids: impl IntoIterator<Item = EntityId>,
    ) -> Vec<(EntityId, &'a str)> {
        let mut v: Vec<(String, EntityId, &'a str)> = ids
            .into_iter()
            .map(|id| {
                let n = self.entity(ds, id);
                (collation_key(n), id, n)
            })
            .collect();
        v.sort();
        v.into_iter().map(|(_, id, n)| (id, n)).collect()
    }
}

/// A key that sorts names in the order a reader of French, German, Russian or English
/// expects from a list: case and accents ignored at first (`États-Unis` among the E,
/// `Österreich` among the O, `ё` with `е`), the exact text breaking ties. Latin names
/// come before Cyrillic ones. Not a full collation (no crate for it: a few hundred
/// names of states need no more).
pub fn collation_key(name: &str) -> String {
    let mut base = String::with_capacity(name.len() + 1);
    for c in name.chars() {
        for l in c.to_lowercase() {
            match fold(l) {
                Some(s) => base.push_str(s),
                None => base.push(l),
            }
        }
    }
    base.push('\0');
    base.push_str(name);
    base
}

/// The base letters of an accented Latin letter (and `ё`), lower case, as the typeahead
/// compares them (one table for both); apostrophes, hyphens and full stops count for
/// nothing.
fn fold(c: char) -> Option<&'static str> {
    match c {
        '’' | '\'' | '-' | '.' => Some(""),
        _ => crate::text::typeahead::base_letter(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_do_not_move_a_name_out_of_its_letter() {
        let mut v = vec![
            "Zambie",
            "États-Unis",
            "Égypte",
            "Estonie",
            "eSwatini",
            "Chine",
        ];
        v.sort_by_key(|n| collation_key(n));
        assert_eq!(
            v,
            [
                "Chine",
                "Égypte",
                "Estonie",
                "eSwatini",
                "États-Unis",
                "Zambie"
            ]
        );
        let mut de = vec!["Usbekistan", "Österreich", "Oman", "Ägypten", "Algerien"];
        de.sort_by_key(|n| collation_key(n));
        assert_eq!(
            de,
            ["Ägypten", "Algerien", "Oman", "Österreich", "Usbekistan"]
        );
        let mut ru = vec!["Япония", "Ёмен", "Египет", "Франция"];
        ru.sort_by_key(|n| collation_key(n));
        assert_eq!(ru, ["Египет", "Ёмен", "Франция", "Япония"]);
    }

    #[test]
    fn only_present_day_states_with_an_iso_code_take_a_local_name() {
        assert_eq!(iso3_of("Myanmar"), Some("MMR"));
        assert_eq!(iso3_of("Viet Nam"), Some("VNM"));
        assert_eq!(iso3_of("UAE"), Some("ARE"));
        assert_eq!(iso3_of("United Arab Emirates"), Some("ARE"));
        for keep in [
            "Soviet Union",
            "Yugoslavia",
            "East Germany (GDR)",
            "South Vietnam",
            "MTA (Myanmar)*",
            "NATO**",
            "unknown supplier(s)",
            "Kosovo",
            "Northern Cyprus",
            "Libya GNC",
            "Not in the table",
        ] {
            assert_eq!(iso3_of(keep), None, "{keep}");
        }
    }
}
