//! Data in: SIPRI's CSV exports ([`sipri`], both formats), turned into one dataset
//! ([`builder`]), the bundled subset and the private full build ([`subset`]), a user's own
//! files with a summary that accounts for every line ([`user`]), and the table that places
//! every SIPRI name on the map ([`places`]). Errors say where: line, column, reason.
//!
//! Uses `model` and `store` (a built dataset is written as a bundle) and nothing above.

pub mod builder;
pub mod places;
pub mod sipri;
pub mod subset;
pub mod user;
