//! The reader's language, and every sentence built from the numbers.
//!
//! * [`Locale`] and [`Tr`]: which language, and the UI's words looked up by id in plain
//!   translation tables (files `crates/atlas-core/locales/<tag>.tsv` a translator edits
//!   without touching Rust); numbers, years and plurals written its way ([`number`],
//!   [`plural`]).
//! * The sentences, each from the same numbers the charts draw: the views' titles, text
//!   alternatives and announcements ([`views`]), the register's
//!   and passport's words ([`register`]), the facts about the data loaded ([`facts`]).
//! * Finding a name as the reader types it, whatever its case and accents ([`typeahead`]).
//!
//! Names of present-day states are shown in the reader's language, from CLDR ([`names`]);
//! every other entity name and every weapon system stays as SIPRI writes it, and so does
//! every export. Dates are written the reader's way ([`date`]). The SIPRI credit line
//! stays in English, SIPRI's own wording.
//!
//! Uses `model`, `import` (the fixed sentences of stored titles) and `analysis`; nothing
//! above. Sentences about a higher folder's own types stay with them: story captions in
//! `story`, the map's notes on its input in `render::flowmap`, the data pin's notice in
//! `url`, and the fixed English of downloads in `export::words`.

mod catalog;
pub mod date;
mod locale;
pub mod names;
pub mod number;
pub mod plural;

pub mod facts;
pub mod register;
pub mod typeahead;
pub mod views;

pub use catalog::{catalog, install, is_available, placeholders, Catalog, Tr};
pub use locale::{capitalize, Locale};
