//! Data in, numbers out: what a filter selects ([`filter`]), the totals, series and flows
//! every view draws ([`aggregate`]), the rankings ([`rankings`]), the deal register
//! ([`register`]), a weapon system's passport ([`passport`]), and a filter given as names
//! resolved against a dataset ([`names`]), and what changed between two SIPRI releases
//! ([`changes`]). No words and no drawing.
//!
//! Uses `model` only.

pub mod aggregate;
pub mod changes;
pub mod filter;
pub mod names;
pub mod passport;
pub mod rankings;
pub mod register;
