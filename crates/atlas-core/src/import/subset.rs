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
use std::collections::HashMap;

use crate::model::{Dataset, Deal, DealIdx, Delivery, EntityId, StrId, Year};
use crate::store::bundle::encode_with_earlier;

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

/// The earlier release the bundle carries for comparison: the 2024 release's rows for the
/// delivery years its 2025 release revised (1995–2023), from the same file as the
/// 1990–1994 rows (`SOURCES[1]`). Only the changes view and the timeline's overlay use them.
pub const EARLIER: SourceFile = SourceFile {
    name: "sipri_transfers_per_delivery_year_1990-2023_generated_2024-04-13.csv",
    first_year: 1995,
    last_year: 2023,
};

/// Which of [`SOURCES`] holds the [`EARLIER`] rows.
const EARLIER_SOURCE: usize = 1;

/// Title stored in the earlier release's block.
pub const EARLIER_TITLE: &str =
    "SIPRI's 2024 release: deliveries to mainland Southeast Asia, all suppliers, 1995–2023";

/// Note stored in the earlier release's block.
pub const EARLIER_NOTE: &str = "The same region from SIPRI's 2024 release, for the delivery \
years its 2025 release revised (1995–2023). Arms Atlas keeps it only to show what the 2025 \
release changed.";

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
    /// The earlier release's rows carried for comparison ([`EARLIER`]).
    pub earlier: Dataset,
    /// Rows of the source files inside the years taken from each (all recipients): the
    /// size of the merged register.
    pub rows_in_sources: usize,
    /// Per SIPRI release: how many of its published rows the bundle holds (both blocks)
    /// and how many rows the release's files have in all (every year, every recipient):
    /// the fair-use share of each published data set.
    pub shares: Vec<ReleaseShare>,
}

/// How much of one SIPRI release a bundle reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseShare {
    pub release: u16,
    pub bundled: usize,
    pub published: usize,
}

impl ReleaseShare {
    /// The share, in per cent.
    pub fn percent(&self) -> f64 {
        100.0 * self.bundled as f64 / self.published.max(1) as f64
    }
}

/// Adds `bundled` rows of `file`'s release, and (once per file) its published rows.
fn count_share(shares: &mut Vec<ReleaseShare>, file: &ParsedFile, bundled: usize, first: bool) {
    let release = file.release.unwrap_or(0);
    let i = match shares.iter().position(|s| s.release == release) {
        Some(i) => i,
        None => {
            shares.push(ReleaseShare {
                release,
                bundled: 0,
                published: 0,
            });
            shares.len() - 1
        }
    };
    shares[i].bundled += bundled;
    if first {
        shares[i].published += file.rows.len();
    }
}

/// Builds the bundle from the source files' bytes, given in [`SOURCES`] order: the
/// region's rows with the release seam, then the [`EARLIER`] release's block. Any rejected
/// row fails the build: the shipped subset must be complete.
pub fn build(files: &[(&str, &[u8])]) -> Result<BuildSummary, BuildError> {
    build_with(
        files,
        in_region,
        (TITLE, SEAM_NOTE.to_owned()),
        (EARLIER_TITLE, EARLIER_NOTE.to_owned()),
    )
}

/// [`build`] for the recipients `keep` selects, with the blocks' titles and notes.
fn build_with(
    files: &[(&str, &[u8])],
    keep: fn(&str) -> bool,
    (title, note): (&str, String),
    (earlier_title, earlier_note): (&str, String),
) -> Result<BuildSummary, BuildError> {
    let mut builder = DatasetBuilder::new();
    let mut earlier = DatasetBuilder::new();
    let mut rows_in_sources = 0;
    let mut shares = Vec::new();
    for (i, (spec, (name, bytes))) in SOURCES.iter().zip(files).enumerate() {
        let parsed = parse_source(name, bytes)?;
        if let Rows::PerYear(rows) = &parsed.rows {
            rows_in_sources += rows
                .iter()
                .filter(|r| (spec.first_year..=spec.last_year).contains(&r.year))
                .count();
        }
        let years = spec.first_year..=spec.last_year;
        let report = builder.add(&parsed, |k: RowKey<'_>| {
            keep(k.recipient) && k.year.is_some_and(|y| years.contains(&y))
        });
        count_share(&mut shares, &parsed, report.kept, true);
        if i == EARLIER_SOURCE {
            let years = EARLIER.first_year..=EARLIER.last_year;
            let report = earlier.add(&parsed, |k: RowKey<'_>| {
                keep(k.recipient) && k.year.is_some_and(|y| years.contains(&y))
            });
            count_share(&mut shares, &parsed, report.kept, false);
        }
    }
    let dataset = builder.finish();
    let earlier = aligned(earlier.finish(), &dataset);
    let bytes = encode_with_earlier(
        &dataset,
        title,
        &note,
        Some((&earlier, earlier_title, &earlier_note)),
    );
    Ok(BuildSummary {
        bytes,
        dataset,
        earlier,
        rows_in_sources,
        shares,
    })
}

/// `earlier` renumbered to follow `primary`: the same string and entity tables first (its
/// own extra names after them), and its deals in the order of the primary's deals with the
/// same SIPRI id and pair (the rest after them). The content is unchanged; only ids and
/// order move, so that the earlier block's columns repeat long runs of the primary's and
/// compress to little beside them (measured with `cargo xtask bundle`).
fn aligned(earlier: Dataset, primary: &Dataset) -> Dataset {
    let mut strings = primary.strings.clone();
    let str_map: Vec<StrId> = earlier
        .strings
        .strings()
        .iter()
        .map(|s| strings.intern(s))
        .collect();
    let mut entities = primary.entities.clone();
    let ent_map: Vec<EntityId> = earlier
        .entities
        .iter()
        .map(|e| match entities.iter().position(|p| p.name == e.name) {
            Some(i) => EntityId(i as u32),
            None => {
                entities.push(e.clone());
                EntityId((entities.len() - 1) as u32)
            }
        })
        .collect();
    let name = |ds: &Dataset, id: EntityId| ds.entity(id).name.clone();
    let mut position: HashMap<(u32, String, String), usize> = HashMap::new();
    for (i, d) in primary.deals.iter().enumerate() {
        if let Some(id) = d.sipri_id {
            position.insert(
                (id, name(primary, d.supplier), name(primary, d.recipient)),
                i,
            );
        }
    }
    let mut order: Vec<usize> = (0..earlier.deals.len()).collect();
    order.sort_by_key(|&i| {
        let d = &earlier.deals[i];
        let at = d.sipri_id.and_then(|id| {
            position
                .get(&(id, name(&earlier, d.supplier), name(&earlier, d.recipient)))
                .copied()
        });
        (at.unwrap_or(usize::MAX), i)
    });
    let mut new_index = vec![DealIdx(0); earlier.deals.len()];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = DealIdx(k as u32);
    }
    let sid = |s: StrId| str_map[s.0 as usize];
    let deals = order
        .iter()
        .map(|&i| {
            let d = &earlier.deals[i];
            Deal {
                supplier: ent_map[d.supplier.0 as usize],
                recipient: ent_map[d.recipient.0 as usize],
                designation: sid(d.designation),
                description: sid(d.description),
                comments: d.comments.map(sid),
                ..d.clone()
            }
        })
        .collect();
    let mut deliveries: Vec<Delivery> = earlier
        .deliveries
        .iter()
        .map(|d| Delivery {
            deal: new_index[d.deal.0 as usize],
            ..*d
        })
        .collect();
    deliveries.sort_by_key(|d| (d.year, d.deal));
    Dataset {
        strings,
        entities,
        deals,
        deliveries,
        releases: earlier.releases,
    }
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

/// Title of a private build's earlier release (see [`build_full`]).
pub const FULL_EARLIER_TITLE: &str =
    "SIPRI's 2024 release: every supplier and recipient, 1995–2023";

/// Stored in a full bake's note, after the seam: whose permission it rests on.
pub(crate) const FULL_NOTE: &str = " This build bakes in SIPRI's complete register, which needs SIPRI's permission: it is a private build, not for redistribution.";

/// The full register from the same per-year exports and the same release seam as the
/// bundled subset ([`SOURCES`], given in that order), every recipient kept, with the
/// earlier release's block for every recipient too:
/// what `cargo xtask bundle --full` bakes into a private build for a newsroom that holds
/// SIPRI's permission. Same format as the subset; any rejected row fails the build.
pub fn build_full(files: &[(&str, &[u8])]) -> Result<BuildSummary, BuildError> {
    build_with(
        files,
        |_| true,
        (FULL_TITLE, format!("{SEAM_NOTE}{FULL_NOTE}")),
        (
            FULL_EARLIER_TITLE,
            format!(
                "{}{FULL_NOTE}",
                EARLIER_NOTE.replace("The same region", "The same register")
            ),
        ),
    )
}
