//! Interned ids, and the suppliers and recipients that trade.

/// An interned string (designation, description, comment, entity name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StrId(pub u32);

/// An index into [`Dataset::entities`](super::Dataset::entities).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

/// An index into [`Dataset::deals`](super::Dataset::deals).
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
