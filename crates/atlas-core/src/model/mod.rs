//! The domain model: deals, their deliveries per year, and the entities that trade. The
//! leaf of the crate: every other folder uses it, and it uses nothing of the crate.
//!
//! Everything here is a type, not a string: entities and designations are interned ids,
//! TIV is an exact fixed-point number, and SIPRI's estimate flags keep their third state
//! ("not given") instead of collapsing into `false`. The files are an implementation
//! detail: every item is reached as `model::Item`.

mod dataset;
mod deal;
mod entity;
mod tiv;

pub use dataset::{Dataset, Interner};
pub use deal::{Category, Deal, Delivery, Flag, Release, SourceFormat, Status};
pub use entity::{DealIdx, Entity, EntityId, EntityKind, StrId};
pub use tiv::{Tiv, Year, MAX_ITEMS, MAX_TIV, MAX_YEAR, MIN_YEAR};
