//! Data in, numbers out.

pub mod aggregate;
pub mod filter;
pub mod passport;
pub mod register;
