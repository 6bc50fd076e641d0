//! Words about the data loaded: the facts of "Sources and method", and the title and note
//! stored in a bundle, in the reader's language.

use crate::import::subset::{SEAM_NOTE, TITLE};
use crate::model::{Dataset, Release, SourceFormat};
use crate::text::Tr;

/// Facts about the data loaded, for "Sources and method": every line generated from the
/// dataset, none typed; in the reader's language, numbers written its way.
pub fn data_facts_in(tr: Tr, ds: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    let total = ds.total_tiv();
    let estimated = ds
        .deliveries
        .iter()
        .filter(|d| d.is_estimate())
        .map(|d| d.tiv)
        .sum::<crate::model::Tiv>()
        .0;
    if let Some((a, b)) = ds.year_span() {
        out.push(tr.f(
            "facts.loaded",
            &[
                ("deliveries", &tr.int(ds.deliveries.len() as i64)),
                ("deals", &tr.int(ds.deals.len() as i64)),
                ("years", &tr.years(a, b)),
            ],
        ));
    }
    if total.0 > 0 {
        out.push(tr.f(
            "facts.estimated",
            &[(
                "share",
                &tr.pct(100.0 * estimated as f64 / total.0 as f64, 0),
            )],
        ));
    }
    for r in &ds.releases {
        let kind = match r.format {
            SourceFormat::PerDeliveryYear => tr.t("facts.per_year"),
            SourceFormat::DealRegister => tr.t("facts.deal_level"),
        };
        out.push(tr.f(
            "facts.release",
            &[
                ("release", &r.year.to_string()),
                ("kind", kind),
                ("generated", &tr.sipri_stamp(&r.generated)),
                ("years", &tr.years(r.first_year, r.last_year)),
            ],
        ));
    }
    let mut releases: Vec<&Release> = ds.releases.iter().collect();
    releases.sort_by_key(|r| r.first_year);
    for w in releases.windows(2) {
        if w[0].year != w[1].year {
            out.push(tr.f(
                "facts.seam",
                &[
                    ("last", &w[0].last_year.to_string()),
                    ("first", &w[1].first_year.to_string()),
                    ("old", &w[0].year.to_string()),
                    ("new", &w[1].year.to_string()),
                ],
            ));
        }
    }
    out
}

/// The title and note stored in a bundle, in the reader's language: those of the bundled
/// subset and of a user's dataset are written by Arms Atlas from fixed sentences, which are
/// translated here; anything else (file names, other bundles) is shown as stored.
pub fn meta_words_in(tr: Tr, title: &str, note: &str) -> (String, String) {
    let title = if title == TITLE {
        tr.t("bundle.title").to_owned()
    } else if let Some(rest) = title
        .strip_prefix("Your files: ")
        .map(|r| ("bundle.your_files", r))
        .or_else(|| {
            title
                .strip_prefix("Your file: ")
                .map(|r| ("bundle.your_file", r))
        })
        .map(|(key, r)| {
            let r = r
                .replace("SIPRI release unknown", tr.t("bundle.release_unknown"))
                .replace("SIPRI releases ", &format!("{} ", tr.t("bundle.releases")))
                .replace("SIPRI release ", &format!("{} ", tr.t("bundle.release")));
            tr.f(key, &[("files", &r)])
        })
    {
        rest
    } else {
        title.to_owned()
    };
    let sentences: [(&str, &'static str); 4] = [
        (SEAM_NOTE, "bundle.seam"),
        (
            "Loaded from SIPRI exports in this browser.",
            "bundle.loaded_here",
        ),
        (
            " The files come from different SIPRI releases; figures from different releases \
             may not match where SIPRI revised them.",
            "bundle.mixed_releases",
        ),
        (
            " The deal-level register has no per-year figures: a deal's TIV is split evenly \
             over its delivery years by Arms Atlas, shown as approximate, and has no armament \
             category.",
            "bundle.deal_level",
        ),
    ];
    let mut rest = note;
    let mut out: Vec<&str> = Vec::new();
    'next: while !rest.is_empty() {
        for (english, key) in sentences {
            if let Some(r) = rest.strip_prefix(english) {
                out.push(tr.t(key));
                rest = r;
                continue 'next;
            }
        }
        // Not one of ours: shown as stored.
        return (title, note.to_owned());
    }
    (title, out.join(" "))
}
