//! The dataset: every deal, delivery and entity, with the strings they share.

use std::collections::HashMap;

use super::{Deal, DealIdx, Delivery, Entity, EntityId, Release, StrId, Tiv, Year};

/// A string table that hands out one id per distinct string.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    strings: Vec<String>,
    index: HashMap<String, StrId>,
}

impl Interner {
    /// The id of `s`, adding it if new.
    pub(crate) fn intern(&mut self, s: &str) -> StrId {
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
/// Invariants (upheld by the dataset builder in `import` and the bundle decoder in `store`):
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
