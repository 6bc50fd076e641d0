//! The bundled subset: which SIPRI rows the repository ships, and how they are built.
//!
//! SIPRI's fair-use terms allow reproducing less than 10 % of a dataset, so the app
//! bundles one region (deliveries to mainland Southeast Asia, under 5 % of the rows) and
//! users load the full register themselves. The native tool (`cargo xtask bundle`) and the
//! byte-identity test both call [`build`], so the rules live in one place.

use thiserror::Error;

use crate::import::builder::{DatasetBuilder, RowKey};
use crate::import::places::{PlaceRule, PlaceTable};
use crate::import::sipri::{parse, ImportError, ParsedFile, Rows};
use crate::model::{Dataset, Year};
use crate::store::bundle::encode;

/// One input file and the delivery years taken from it.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile {
    pub name: &'static str,
    pub first_year: Year,
    pub last_year: Year,
}

/// The per-delivery-year exports the bundle is built from, and the seam between SIPRI
/// releases: 1950–1994 from the 2024 release, 1995–2024 from the 2025 release (the newest
/// per-year export we have; the 2025 release starts at 1995).
pub const SOURCES: [SourceFile; 3] = [
    SourceFile {
        name: "sipri_transfers_per_delivery_year_1950-1989_generated_2024-04-16.csv",
        first_year: 1950,
        last_year: 1989,
    },
    SourceFile {
        name: "sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv",
        first_year: 1990,
        last_year: 1994,
    },
    SourceFile {
        name: "sipri_transfers_per_delivery_year_1995-2024_generated_2026-02-12.csv",
        first_year: 1995,
        last_year: 2024,
    },
];

/// The states of mainland Southeast Asia, as SIPRI names them (South Vietnam is historical).
pub const MAINLAND_SEA: [&str; 6] = [
    "Myanmar",
    "Thailand",
    "Viet Nam",
    "Cambodia",
    "Laos",
    "South Vietnam",
];

/// ISO codes of the territories whose non-state actors belong to the subset.
const MAINLAND_SEA_ISO3: [&str; 5] = ["MMR", "THA", "VNM", "KHM", "LAO"];

/// Title stored in the bundle.
pub const TITLE: &str = "Deliveries to mainland Southeast Asia, all suppliers, 1950–2024";

/// The seam, explained; stored in the bundle and shown under "Sources and method".
pub const SEAM_NOTE: &str = "Delivery years 1950–1994 come from SIPRI's 2024 release and \
1995–2024 from its 2025 release. The 2025 release revised some earlier years slightly, so \
figures on either side of 1994/1995 come from different editions of the database.";

/// True when `recipient` is in the bundled region: one of [`MAINLAND_SEA`], or a non-state
/// actor the placement table puts in one of those countries.
pub fn in_region(recipient: &str) -> bool {
    if MAINLAND_SEA.contains(&recipient) {
        return true;
    }
    PlaceTable::builtin().get(recipient).is_some_and(|p| {
        p.rule == PlaceRule::NonState
            && p.iso3
                .as_deref()
                .is_some_and(|c| MAINLAND_SEA_ISO3.contains(&c))
    })
}

/// Why the bundle could not be built.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error("{file}: {source}")]
    Import {
        file: String,
        #[source]
        source: ImportError,
    },
    #[error("{file}: {count} rows rejected, first: {first}")]
    Rejected {
        file: String,
        count: usize,
        first: String,
    },
}

/// What was built, for the tool's printout.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub bytes: Vec<u8>,
    pub dataset: Dataset,
    /// Rows of the source files inside the years taken from each (all recipients): the
    /// size of the merged register, the denominator of the fair-use share.
    pub rows_in_sources: usize,
}

/// Builds the bundle from the source files' bytes, given in [`SOURCES`] order. Any rejected
/// row fails the build: the shipped subset must be complete.
pub fn build(files: &[(&str, &[u8])]) -> Result<BuildSummary, BuildError> {
    let mut builder = DatasetBuilder::new();
    let mut rows_in_sources = 0;
    for (spec, (name, bytes)) in SOURCES.iter().zip(files) {
        let parsed = parse_source(name, bytes)?;
        if let Rows::PerYear(rows) = &parsed.rows {
            rows_in_sources += rows
                .iter()
                .filter(|r| (spec.first_year..=spec.last_year).contains(&r.year))
                .count();
        }
        builder.add(&parsed, |k: RowKey<'_>| {
            in_region(k.recipient)
                && k.year
                    .is_some_and(|y| (spec.first_year..=spec.last_year).contains(&y))
        });
    }
    let dataset = builder.finish();
    let bytes = encode(&dataset, TITLE, SEAM_NOTE);
    Ok(BuildSummary {
        bytes,
        dataset,
        rows_in_sources,
    })
}

/// One source file parsed, every row valid: a rejected row fails the build.
fn parse_source(name: &str, bytes: &[u8]) -> Result<ParsedFile, BuildError> {
    let parsed = parse(bytes).map_err(|source| BuildError::Import {
        file: name.to_owned(),
        source,
    })?;
    if let Some(first) = parsed.errors.first() {
        return Err(BuildError::Rejected {
            file: name.to_owned(),
            count: parsed.rejected,
            first: first.to_string(),
        });
    }
    Ok(parsed)
}

/// Title of a private build's baked-in full register (see [`build_full`]).
pub const FULL_TITLE: &str = "SIPRI's full register: every supplier and recipient, 1950–2024";

/// Stored in a full bake's note, after the seam: whose permission it rests on.
pub(crate) const FULL_NOTE: &str = " This build bakes in SIPRI's complete register, which needs SIPRI's permission: it is a private build, not for redistribution.";

/// The full register from the same per-year exports and the same release seam as the
/// bundled subset ([`SOURCES`], given in that order), every recipient kept:
/// what `cargo xtask bundle --full` bakes into a private build for a newsroom that holds
/// SIPRI's permission. Same format as the subset; any rejected row fails the build.
pub fn build_full(files: &[(&str, &[u8])]) -> Result<BuildSummary, BuildError> {
    let mut builder = DatasetBuilder::new();
    let mut rows_in_sources = 0;
    for (spec, (name, bytes)) in SOURCES.iter().zip(files) {
        let parsed = parse_source(name, bytes)?;
        let years = spec.first_year..=spec.last_year;
        let report = builder.add(&parsed, |k: RowKey<'_>| {
            k.year.is_some_and(|y| years.contains(&y))
        });
        rows_in_sources += report.kept;
    }
    let dataset = builder.finish();
    let bytes = encode(&dataset, FULL_TITLE, &format!("{SEAM_NOTE}{FULL_NOTE}"));
    Ok(BuildSummary {
        bytes,
        dataset,
        rows_in_sources,
    })
}
