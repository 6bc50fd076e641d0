//! Parsing SIPRI's CSV exports exactly as SIPRI writes them.
//!
//! Two formats exist (see `PROVENANCE.md` in the shared data folder):
//! * the per-delivery-year export: 17 columns, one row per deal and delivery year, with the
//!   deal id and armament category; sometimes CRLF with a stray `;` ending every line;
//! * the deal-level trade register: 16 columns, one row per deal, latin-1, three unnamed `?`
//!   columns, delivery years as a `"; "`-separated list and no per-year split.
//!
//! Both start with a free-text preamble (11 lines in SIPRI's exports) that holds the
//! "Data generated" date, from which the SIPRI release is worked out. The header is found
//! by its content, not its position, so a file whose preamble was trimmed still loads.
//!
//! A bad row never stops the import: it becomes a [`RowError`] that says the line, the
//! column and the reason, and every valid row is kept. Only a file that is not a SIPRI
//! export at all gives an [`ImportError`].
//!
//! The files here are private: every item is reached as `import::sipri::Item`.

mod rows;
mod stream;
mod text;
mod types;

pub use stream::{parse, Import};
pub use text::release_from_generated;
pub use types::{
    check_size, DealRow, Encoding, ImportError, ParsedFile, PerYearRow, RowError, RowProblem, Rows,
    MAX_FILE_BYTES, MAX_KEPT_ERRORS, MAX_RECORD_LINES, PER_YEAR_COLUMNS,
};
