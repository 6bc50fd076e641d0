//! SIPRI's exports and user files in.

pub mod builder;
pub mod places;
pub mod sipri;
pub mod subset;
pub mod user;
