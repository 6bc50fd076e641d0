//! The domain model: deals, their deliveries per year, and the entities that trade.
//!
//! Everything here is a type, not a string: entities and designations are interned ids,
//! TIV is an exact fixed-point number, and SIPRI's estimate flags keep their third state
//! ("not given") instead of collapsing into `false`.

use std::collections::HashMap;
use std::fmt;

/// A calendar year. SIPRI's data runs from 1940 (orders) and 1950 (deliveries).
pub type Year = u16;

/// The earliest and latest years the importer accepts; anything outside is a data error.
pub const MIN_YEAR: Year = 1900;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: Year = 2100;

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

impl std::ops::Add for Tiv {
    type Output = Tiv;
    fn add(self, rhs: Tiv) -> Tiv {
        Tiv(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Tiv {
    fn add_assign(&mut self, rhs: Tiv) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Tiv {
    fn sum<I: Iterator<Item = Tiv>>(iter: I) -> Tiv {
        Tiv(iter.map(|t| t.0).sum())
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

/// An interned string (designation, description, comment, entity name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StrId(pub u32);

/// An index into [`Dataset::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

/// An index into [`Dataset::deals`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DealIdx(pub u32);

/// What kind of actor an entity name denotes. SIPRI marks non-state actors with `*` and
/// international organisations with `**`; historical states come from the placement table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A present-day state (or a territory SIPRI lists like one).
    State,
    /// A state that no longer exists: Soviet Union, Yugoslavia, East Germany (GDR)…
    Historical,
    /// A non-state armed group, `Name (Country)*`.
    NonState,
    /// An international organisation, `Name**`.
    Organisation,
    /// `unknown supplier(s)`, `unknown recipient(s)`, `unknown rebel group*`.
    Unknown,
}

impl EntityKind {
    /// Classifies a name by SIPRI's own markers. Historical states look like states here;
    /// the placement table ([`crate::import::places`]) upgrades them.
    pub fn from_name(name: &str) -> EntityKind {
        let n = name.trim();
        if n.starts_with("unknown ") {
            EntityKind::Unknown
        } else if n.ends_with("**") {
            EntityKind::Organisation
        } else if n.ends_with('*') {
            EntityKind::NonState
        } else {
            EntityKind::State
        }
    }

    /// Stable one-byte code for the bundle format.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Inverse of [`EntityKind::code`].
    pub fn from_code(c: u8) -> Option<EntityKind> {
        Some(match c {
            0 => EntityKind::State,
            1 => EntityKind::Historical,
            2 => EntityKind::NonState,
            3 => EntityKind::Organisation,
            4 => EntityKind::Unknown,
            _ => return None,
        })
    }
}

/// A supplier or recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The name exactly as SIPRI writes it, markers included (`MTA (Myanmar)*`).
    pub name: String,
    pub kind: EntityKind,
}

impl Entity {
    /// The name without SIPRI's `*`/`**` markers, for labels.
    pub fn label(&self) -> &str {
        self.name.trim_end_matches('*')
    }
}

/// SIPRI's armament categories. The deal-level register has none; its deals are
/// [`Category::Unspecified`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Aircraft,
    AirDefence,
    ArmouredVehicles,
    Artillery,
    Engines,
    Missiles,
    NavalWeapons,
    Other,
    Satellites,
    Sensors,
    Ships,
    Unspecified,
}

impl Category {
    /// Every category, in SIPRI's usual order of weight.
    pub const ALL: [Category; 12] = [
        Category::Aircraft,
        Category::Missiles,
        Category::Ships,
        Category::ArmouredVehicles,
        Category::AirDefence,
        Category::Sensors,
        Category::Engines,
        Category::Artillery,
        Category::NavalWeapons,
        Category::Satellites,
        Category::Other,
        Category::Unspecified,
    ];

    /// Parses SIPRI's spelling; both `Air-defence systems` (2025 release) and
    /// `Air defence systems` (2024 release) are accepted.
    pub fn parse(text: &str) -> Option<Category> {
        let t = text.trim();
        Some(match t.to_ascii_lowercase().as_str() {
            "aircraft" => Category::Aircraft,
            "air-defence systems" | "air defence systems" => Category::AirDefence,
            "armoured vehicles" => Category::ArmouredVehicles,
            "artillery" => Category::Artillery,
            "engines" => Category::Engines,
            "missiles" => Category::Missiles,
            "naval weapons" => Category::NavalWeapons,
            "other" => Category::Other,
            "satellites" => Category::Satellites,
            "sensors" => Category::Sensors,
            "ships" => Category::Ships,
            "" | "unspecified" | "not specified" => Category::Unspecified,
            _ => return None,
        })
    }

    /// SIPRI's name for the category (2025 spelling); used in URLs and `<select>` values.
    pub fn name(self) -> &'static str {
        match self {
            Category::Aircraft => "Aircraft",
            Category::AirDefence => "Air-defence systems",
            Category::ArmouredVehicles => "Armoured vehicles",
            Category::Artillery => "Artillery",
            Category::Engines => "Engines",
            Category::Missiles => "Missiles",
            Category::NavalWeapons => "Naval weapons",
            Category::Other => "Other",
            Category::Satellites => "Satellites",
            Category::Sensors => "Sensors",
            Category::Ships => "Ships",
            Category::Unspecified => "Not specified",
        }
    }

    /// Stable one-byte code for the bundle format.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Inverse of [`Category::code`].
    pub fn from_code(c: u8) -> Option<Category> {
        Category::ALL.iter().copied().find(|k| k.code() == c)
    }
}

/// Whether the weapons were new or second-hand when transferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    New,
    SecondHand,
    SecondHandModernised,
}

impl Status {
    /// Parses `New`, `Second hand`, `Second hand but modernized` (any case).
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "new" => Status::New,
            "second hand" | "second-hand" => Status::SecondHand,
            "second hand but modernized" | "second hand but modernised" => {
                Status::SecondHandModernised
            }
            _ => return None,
        })
    }

    /// SIPRI's wording.
    pub fn name(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::SecondHand => "Second hand",
            Status::SecondHandModernised => "Second hand but modernized",
        }
    }

    /// Stable code for the bundle format.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Inverse of [`Status::code`].
    pub fn from_code(c: u8) -> Option<Status> {
        Some(match c {
            0 => Status::New,
            1 => Status::SecondHand,
            2 => Status::SecondHandModernised,
            _ => return None,
        })
    }
}

/// A SIPRI yes/no flag that may also be left blank (recent rows often are).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flag {
    #[default]
    Blank,
    No,
    Yes,
}

impl Flag {
    /// True when SIPRI marks the value as an estimate.
    pub fn is_yes(self) -> bool {
        self == Flag::Yes
    }

    /// Two-bit code for the bundle format.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Inverse of [`Flag::code`].
    pub fn from_code(c: u8) -> Flag {
        match c & 3 {
            1 => Flag::No,
            2 => Flag::Yes,
            _ => Flag::Blank,
        }
    }
}

/// Which of SIPRI's two CSV exports a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// One row per deal and delivery year (17 columns, with deal id and category).
    PerDeliveryYear,
    /// One row per deal (16 columns, delivery years as a list, no per-year split).
    DealRegister,
}

impl SourceFormat {
    /// Stable code for the bundle format.
    pub fn code(self) -> u8 {
        match self {
            SourceFormat::PerDeliveryYear => 0,
            SourceFormat::DealRegister => 1,
        }
    }

    /// Inverse of [`SourceFormat::code`].
    pub fn from_code(c: u8) -> Option<SourceFormat> {
        match c {
            0 => Some(SourceFormat::PerDeliveryYear),
            1 => Some(SourceFormat::DealRegister),
            _ => None,
        }
    }
}

/// One SIPRI export that went into a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// SIPRI's annual release the file reflects (the March update it was generated after).
    pub year: u16,
    /// "Data generated" date as SIPRI printed it, e.g. `12 Feb 2026 12:26:12 PM`.
    pub generated: String,
    pub format: SourceFormat,
    /// Delivery years actually taken from this file into the dataset.
    pub first_year: Year,
    pub last_year: Year,
}

/// A deal: one order of one weapon type from one supplier to one recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deal {
    /// Index into [`Dataset::releases`] of the release the deal comes from.
    pub release: u8,
    /// SIPRI AT Database ID (unique only within a release); `None` in the deal-level file.
    pub sipri_id: Option<u32>,
    pub supplier: EntityId,
    pub recipient: EntityId,
    pub designation: StrId,
    pub description: StrId,
    pub category: Category,
    pub order_year: Option<Year>,
    pub order_year_estimate: Flag,
    /// Empty in SIPRI's deal register when "not yet available"; absent in per-year files.
    pub number_ordered: Option<u32>,
    pub number_ordered_estimate: Flag,
    pub status: Status,
    /// Licensed or local production in the recipient country.
    pub local_production: Flag,
    /// Only the deal-level register carries comments.
    pub comments: Option<StrId>,
    /// TIV of one new unit (`SIPRI estimate`).
    pub tiv_unit_new: Option<Tiv>,
    /// TIV of one unit in this deal (`TIV deal unit`; about 40 % of new for second-hand).
    pub tiv_unit_deal: Option<Tiv>,
    /// TIV of the whole order, when SIPRI gives it (deal register only).
    pub tiv_total_order: Option<Tiv>,
}

/// The deliveries of one deal in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub deal: DealIdx,
    pub year: Year,
    pub year_estimate: Flag,
    pub number: u32,
    pub number_estimate: Flag,
    pub tiv: Tiv,
    /// True when the per-year split was derived by us from a deal-level total (the
    /// register has no per-year figures); such numbers are approximate and shown so.
    pub approximate: bool,
}

impl Delivery {
    /// True when any part of this delivery is an estimate (SIPRI's flags or our split).
    pub fn is_estimate(&self) -> bool {
        self.approximate || self.year_estimate.is_yes() || self.number_estimate.is_yes()
    }
}

/// A string table that hands out one id per distinct string.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    strings: Vec<String>,
    index: HashMap<String, StrId>,
}

impl Interner {
    /// The id of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> StrId {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = StrId(self.strings.len() as u32);
        self.strings.push(s.to_owned());
        self.index.insert(s.to_owned(), id);
        id
    }

    /// The id of `s` if it is known.
    pub fn get(&self, s: &str) -> Option<StrId> {
        self.index.get(s).copied()
    }

    /// The string behind an id. Ids come only from this interner, so this cannot fail for
    /// ids it handed out; an unknown id gives an empty string rather than a panic.
    pub fn resolve(&self, id: StrId) -> &str {
        self.strings.get(id.0 as usize).map_or("", String::as_str)
    }

    /// All strings, in id order.
    pub fn strings(&self) -> &[String] {
        &self.strings
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Builds an interner from strings in id order (used by the bundle decoder).
    pub fn from_strings(strings: Vec<String>) -> Interner {
        let index = strings
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), StrId(i as u32)))
            .collect();
        Interner { strings, index }
    }
}

/// A complete dataset: what the app shows and what the bundle stores.
///
/// Invariants (upheld by [`crate::import::builder::DatasetBuilder`] and the bundle decoder):
/// every id points inside its table, deliveries are sorted by `(year, deal)`, and
/// `(deal, year)` is unique.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub strings: Interner,
    pub entities: Vec<Entity>,
    pub deals: Vec<Deal>,
    pub deliveries: Vec<Delivery>,
    pub releases: Vec<Release>,
}

impl Dataset {
    /// The entity behind an id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// The deal behind an index.
    pub fn deal(&self, idx: DealIdx) -> &Deal {
        &self.deals[idx.0 as usize]
    }

    /// The string behind an id.
    pub fn str(&self, id: StrId) -> &str {
        self.strings.resolve(id)
    }

    /// Looks an entity up by its exact SIPRI name.
    pub fn entity_by_name(&self, name: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.name == name)
            .map(|i| EntityId(i as u32))
    }

    /// Entity labels in words: "Russia", "Russia and China", "Russia, China and 3 others".
    pub fn entity_names(&self, ids: &[EntityId]) -> String {
        let labels: Vec<&str> = ids.iter().map(|id| self.entity(*id).label()).collect();
        match labels.len() {
            0 => String::new(),
            1 => labels[0].to_owned(),
            2 => format!("{} and {}", labels[0], labels[1]),
            n => format!("{}, {} and {} others", labels[0], labels[1], n - 2),
        }
    }

    /// First and last delivery year, if there are deliveries.
    pub fn year_span(&self) -> Option<(Year, Year)> {
        Some((self.deliveries.first()?.year, self.deliveries.last()?.year))
    }

    /// Total TIV of all deliveries.
    pub fn total_tiv(&self) -> Tiv {
        self.deliveries.iter().map(|d| d.tiv).sum()
    }

    /// Entities that appear as suppliers, sorted by name.
    pub fn suppliers(&self) -> Vec<EntityId> {
        self.sides(|d| d.supplier)
    }

    /// Entities that appear as recipients, sorted by name.
    pub fn recipients(&self) -> Vec<EntityId> {
        self.sides(|d| d.recipient)
    }

    fn sides(&self, side: impl Fn(&Deal) -> EntityId) -> Vec<EntityId> {
        let mut seen = vec![false; self.entities.len()];
        for d in &self.deals {
            seen[side(d).0 as usize] = true;
        }
        let mut ids: Vec<EntityId> = (0..self.entities.len())
            .filter(|&i| seen[i])
            .map(|i| EntityId(i as u32))
            .collect();
        ids.sort_by(|a, b| self.entity(*a).name.cmp(&self.entity(*b).name));
        ids
    }

    /// Distinct weapon designations, sorted case-insensitively.
    pub fn designations(&self) -> Vec<StrId> {
        let mut ids: Vec<StrId> = self.deals.iter().map(|d| d.designation).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.sort_by_cached_key(|id| self.str(*id).to_lowercase());
        ids
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
    fn tiv_displays_like_sipri() {
        assert_eq!(Tiv(1200).to_string(), "12");
        assert_eq!(Tiv(30).to_string(), "0.3");
        assert_eq!(Tiv(576).to_string(), "5.76");
        assert_eq!(Tiv(5).to_string(), "0.05");
    }

    #[test]
    fn kinds_follow_sipri_markers() {
        assert_eq!(
            EntityKind::from_name("MTA (Myanmar)*"),
            EntityKind::NonState
        );
        assert_eq!(EntityKind::from_name("NATO**"), EntityKind::Organisation);
        assert_eq!(
            EntityKind::from_name("unknown supplier(s)"),
            EntityKind::Unknown
        );
        assert_eq!(
            EntityKind::from_name("unknown rebel group*"),
            EntityKind::Unknown
        );
        assert_eq!(EntityKind::from_name("Myanmar"), EntityKind::State);
    }

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
            assert_eq!(Category::parse(c.name()), Some(c));
        }
        assert_eq!(
            Category::parse("Air defence systems"),
            Some(Category::AirDefence)
        );
        for s in [
            Status::New,
            Status::SecondHand,
            Status::SecondHandModernised,
        ] {
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(Status::parse(s.name()), Some(s));
        }
        for f in [Flag::Blank, Flag::No, Flag::Yes] {
            assert_eq!(Flag::from_code(f.code()), f);
        }
    }
}
