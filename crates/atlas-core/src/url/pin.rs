//! The data pin: which dataset a link was made with (`data=`), and what to tell a reader
//! who opens it on other data. The notice's sentences live here rather than in `text`
//! because they are about the pin itself, which `text` may not reach.

use super::codec::MAX_VALUE;
use crate::analysis::names::clip;
use crate::model::{Dataset, SourceFormat};
use crate::text::Tr;

/// Where the data of a link came from: the dataset bundled with the app (or a private
/// build's baked-in one), or SIPRI exports a reader loaded in their browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataOrigin {
    Bundled,
    File,
}

/// The SIPRI export format(s) a user dataset was loaded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinFormat {
    /// SIPRI's per-delivery-year export.
    PerYear,
    /// SIPRI's deal-level trade register.
    Deals,
    /// Files of both formats together.
    Mixed,
}

impl PinFormat {
    fn token(self) -> &'static str {
        match self {
            PinFormat::PerYear => "peryear",
            PinFormat::Deals => "deals",
            PinFormat::Mixed => "mixed",
        }
    }

    fn from_token(t: &str) -> Option<PinFormat> {
        match t {
            "peryear" => Some(PinFormat::PerYear),
            "deals" => Some(PinFormat::Deals),
            "mixed" => Some(PinFormat::Mixed),
            _ => None,
        }
    }

    /// The format of a dataset's releases (`None` when it has none).
    pub fn of(formats: impl IntoIterator<Item = SourceFormat>) -> Option<PinFormat> {
        let mut out = None;
        for f in formats {
            let this = match f {
                SourceFormat::PerDeliveryYear => PinFormat::PerYear,
                SourceFormat::DealRegister => PinFormat::Deals,
            };
            out = Some(match out {
                None => this,
                Some(prev) if prev == this => this,
                Some(_) => PinFormat::Mixed,
            });
        }
        out
    }
}

/// The `data=` value of a link: which dataset it was made with.
///
/// * bundled data: `<releases>-<hash>`, e.g. `2024.2025-8f3a01c2d4e5` (the form every
///   link had before user data was marked, so old links read the same);
/// * a user's own SIPRI export: `file-<releases>-<format>-<rows>-<hash>`, e.g.
///   `file-2025-peryear-60312-8f3a01c2d4e5`, where `<format>` is `peryear`, `deals` or
///   `mixed`, `<rows>` the rows used (deliveries for the per-year export, deals for the
///   register) and release `0` means "unknown".
///
/// `<hash>` is 12 lower-case hex digits. [`DataPin::parse`] returns `None` for anything
/// else (such a link is then treated as made with unknown other data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPin {
    pub origin: DataOrigin,
    /// SIPRI release years, ascending, without repeats.
    pub releases: Vec<u16>,
    /// Only for [`DataOrigin::File`].
    pub format: Option<PinFormat>,
    /// Only for [`DataOrigin::File`].
    pub rows: Option<u32>,
    /// 12 lower-case hex digits of a content hash.
    pub hash: String,
}

/// More releases than this in one pin is not a real dataset.
const MAX_PIN_RELEASES: usize = 8;

impl DataPin {
    /// Reads a `data=` value (see the type's docs). Never panics; `None` when malformed.
    pub fn parse(s: &str) -> Option<DataPin> {
        if s.len() > MAX_VALUE {
            return None;
        }
        let parts: Vec<&str> = s.split('-').collect();
        let (origin, releases, format, rows, hash) = match parts.as_slice() {
            [rel, hash] => (DataOrigin::Bundled, *rel, None, None, *hash),
            ["file", rel, format, rows, hash] => {
                let format = PinFormat::from_token(format)?;
                let digits_ok = !rows.is_empty()
                    && rows.len() <= 10
                    && rows.bytes().all(|b| b.is_ascii_digit())
                    && (rows.len() == 1 || !rows.starts_with('0'));
                if !digits_ok {
                    return None;
                }
                let rows: u32 = rows.parse().ok()?;
                (DataOrigin::File, *rel, Some(format), Some(rows), *hash)
            }
            _ => return None,
        };
        if hash.len() != 12
            || !hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return None;
        }
        let mut years = Vec::new();
        for r in releases.split('.') {
            // Canonical numbers only, so that parse and to_string agree.
            if r.is_empty() || r.len() > 4 || (r.len() > 1 && r.starts_with('0')) {
                return None;
            }
            if !r.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            years.push(r.parse::<u16>().ok()?);
        }
        if years.len() > MAX_PIN_RELEASES || years.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        Some(DataPin {
            origin,
            releases: years,
            format,
            rows,
            hash: hash.to_owned(),
        })
    }

    /// The pin of a dataset: its release years, a 64-bit content hash and, for a user
    /// dataset, its format and rows used.
    pub fn new(
        origin: DataOrigin,
        releases: impl IntoIterator<Item = u16>,
        format: Option<PinFormat>,
        rows: usize,
        hash: u64,
    ) -> DataPin {
        let mut releases: Vec<u16> = releases.into_iter().collect();
        releases.sort_unstable();
        releases.dedup();
        releases.truncate(MAX_PIN_RELEASES);
        if releases.is_empty() {
            releases.push(0);
        }
        let file = origin == DataOrigin::File;
        DataPin {
            origin,
            releases,
            format: if file {
                Some(format.unwrap_or(PinFormat::PerYear))
            } else {
                None
            },
            rows: file.then(|| u32::try_from(rows).unwrap_or(u32::MAX)),
            hash: format!("{hash:016x}")[..12].to_owned(),
        }
    }

    /// The pin of `ds`: `hash` is the bundle's content hash for bundled data, and
    /// [`crate::import::user::content_hash`] for a user's (so that the same exports loaded
    /// under other file names give the same pin). Rows are the deliveries, or the deals
    /// when the data is the deal-level register alone (one row per deal).
    pub fn for_dataset(ds: &Dataset, origin: DataOrigin, hash: u64) -> DataPin {
        let format = PinFormat::of(ds.releases.iter().map(|r| r.format));
        let rows = match format {
            Some(PinFormat::Deals) => ds.deals.len(),
            _ => ds.deliveries.len(),
        };
        DataPin::new(
            origin,
            ds.releases.iter().map(|r| r.year),
            format,
            rows,
            hash,
        )
    }
}

impl std::fmt::Display for DataPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rel = self
            .releases
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(".");
        match self.origin {
            DataOrigin::Bundled => write!(f, "{rel}-{}", self.hash),
            DataOrigin::File => write!(
                f,
                "file-{rel}-{}-{}-{}",
                self.format.unwrap_or(PinFormat::PerYear).token(),
                self.rows.unwrap_or(0),
                self.hash
            ),
        }
    }
}

/// True when a link's `data=` value was made with `earlier`, the earlier SIPRI release a
/// bundle carries beside its data (see `store::bundle`): bundled data of exactly the same
/// releases. The hash is not compared: whichever bundle the link was made with, its
/// figures are that release's, and the banner compares them with the data shown.
pub fn made_with_earlier(link: &str, earlier: &DataPin) -> bool {
    DataPin::parse(link).is_some_and(|p| {
        p.origin == DataOrigin::Bundled
            && earlier.origin == DataOrigin::Bundled
            && p.releases == earlier.releases
    })
}

/// What to tell a reader who opens a link made with other data than the data shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinNotice {
    /// What the link was made with and what is shown instead.
    pub text: String,
    /// How to get the same view, when the reader can do something about it.
    pub how: Option<String>,
    /// True when loading a SIPRI export would help (the app then offers its button).
    pub offer_load: bool,
}

fn pin_format_key(f: PinFormat) -> &'static str {
    match f {
        PinFormat::PerYear => "pin.per_year",
        PinFormat::Deals => "pin.deals",
        PinFormat::Mixed => "pin.mixed",
    }
}

fn pin_releases(tr: Tr, p: &DataPin) -> String {
    let known: Vec<String> = p
        .releases
        .iter()
        .filter(|r| **r != 0)
        .map(u16::to_string)
        .collect();
    match known.as_slice() {
        [] => tr.t("pin.release_unknown").to_owned(),
        [one] => tr.f("pin.release_one", &[("release", one)]),
        [init @ .., last] => tr.f(
            "pin.release_many",
            &[("list", &init.join(", ")), ("last", last)],
        ),
    }
}

fn pin_file_phrase(tr: Tr, p: &DataPin) -> String {
    let format = tr.t(pin_format_key(p.format.unwrap_or(PinFormat::PerYear)));
    let releases = pin_releases(tr, p);
    match p.rows {
        Some(r) => tr.p(
            "pin.file_rows",
            u64::from(r),
            &[("format", format), ("releases", &releases)],
        ),
        None => tr.f("pin.file", &[("format", format), ("releases", &releases)]),
    }
}

/// The notice for a link whose `data=` value is `link`, opened on the data `current`
/// (whose title is `current_title`), in the reader's language; `None` when they are the
/// same data.
pub fn pin_notice_in(
    tr: Tr,
    link: &str,
    current: &DataPin,
    current_title: &str,
) -> Option<PinNotice> {
    let parsed = DataPin::parse(link);
    if parsed.as_ref() == Some(current) || link == current.to_string() {
        return None;
    }
    let how_load = tr.t("pin.how_load").to_owned();
    let notice = match (parsed, current.origin) {
        (Some(p), DataOrigin::Bundled) if p.origin == DataOrigin::File => PinNotice {
            text: tr.f(
                "pin.file_vs_bundled",
                &[("link", &pin_file_phrase(tr, &p)), ("title", current_title)],
            ),
            how: Some(how_load),
            offer_load: true,
        },
        (Some(p), DataOrigin::File) if p.origin == DataOrigin::File => PinNotice {
            text: tr.f(
                "pin.file_vs_file",
                &[
                    ("link", &pin_file_phrase(tr, &p)),
                    ("now", &pin_file_phrase(tr, current)),
                ],
            ),
            how: Some(how_load),
            offer_load: true,
        },
        (Some(p), DataOrigin::File) => PinNotice {
            text: tr.f(
                "pin.bundled_vs_file",
                &[("releases", &pin_releases(tr, &p))],
            ),
            how: Some(tr.t("pin.how_back").to_owned()),
            offer_load: false,
        },
        _ => PinNotice {
            text: tr.f("app.other_data", &[("data", &clip(link))]),
            how: None,
            offer_load: false,
        },
    };
    Some(notice)
}
