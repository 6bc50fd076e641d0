//! Deals, their deliveries per year, and SIPRI's categories, statuses and flags.

use super::{DealIdx, EntityId, StrId, Tiv, Year};

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
    /// Index into [`Dataset::releases`](super::Dataset::releases) of the release the deal comes from.
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

#[cfg(test)]
mod tests {
    use super::*;

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
