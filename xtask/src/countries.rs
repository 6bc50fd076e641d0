//! `cargo xtask countries [--check]`: writes the names of the states Arms Atlas places on
//! the map, in French, German and Russian, from the Unicode CLDR (the npm packages
//! `cldr-localenames-full` for the names and `cldr-core` for the ISO code mappings), into
//! a block at the end of `crates/atlas-core/locales/{fr,de,ru}.tsv`:
//!
//! ```text
//! # --- Country names, written by `cargo xtask countries` from CLDR 48.2.0 …
//! country.MMR<TAB>Myanmar (Birmanie)
//! ```
//!
//! Which codes: every present-day state of the placement table
//! (`crates/atlas-core/src/import/places.tsv`) with an ISO 3166-1 numeric code, matched
//! to CLDR's region by that number and checked against its alpha-3 code. States without
//! an ISO code (Kosovo, Northern Cyprus) and everything that is not a state keep SIPRI's
//! names (see `atlas_core::text::names`). CLDR's standard name is taken, except where its
//! short form is the name SIPRI uses ([`PREFER_SHORT`]). `--check` compares instead of
//! writing, and fails if a table differs from what CLDR gives.

use std::collections::BTreeMap;
use std::path::Path;

use atlas_core::import::places::{PlaceRule, PlaceTable};

use crate::util::{root, Result};

/// The languages that get CLDR names (English shows SIPRI's own names).
const LANGS: [&str; 3] = ["fr", "de", "ru"];

/// Codes for which CLDR's `-alt-short` name is taken: the state SIPRI calls "Palestine"
/// is CLDR's short form "Palestine" (the standard form names the territories).
const PREFER_SHORT: [&str; 1] = ["PS"];

/// The first line of the generated block; everything from it to the end of the file is
/// rewritten.
pub const MARK: &str = "# --- Country names, written by `cargo xtask countries`";

fn read_json(p: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(p)
        .map_err(|e| format!("{}: {e} (run `npm ci` for the CLDR packages)", p.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
}

/// The ISO codes to name: alpha-3 → (alpha-2, numeric), for every state of the table
/// with a numeric code.
fn codes(node: &Path) -> Result<BTreeMap<String, String>> {
    let mappings = read_json(&node.join("cldr-core/supplemental/codeMappings.json"))?;
    let mappings = mappings["supplemental"]["codeMappings"]
        .as_object()
        .ok_or("cldr-core codeMappings.json: no supplemental.codeMappings")?;
    // A number can have several regions: the current one and a deprecated one (180 is
    // CD, COD and the old ZR, ZAR); the one with the table's alpha-3 code is taken.
    let mut by_numeric: BTreeMap<u16, Vec<(&str, &str)>> = BTreeMap::new();
    for (alpha2, m) in mappings {
        if let (Some(num), Some(a3)) = (m["_numeric"].as_str(), m["_alpha3"].as_str()) {
            if let Ok(n) = num.parse::<u16>() {
                by_numeric.entry(n).or_default().push((alpha2.as_str(), a3));
            }
        }
    }
    let mut out = BTreeMap::new();
    for p in PlaceTable::builtin().places() {
        let (PlaceRule::State, Some(num), Some(iso3)) = (p.rule, p.isonum, p.iso3.as_deref())
        else {
            continue;
        };
        let regions = by_numeric
            .get(&num)
            .ok_or_else(|| format!("{}: ISO numeric {num:03} is not in CLDR", p.name))?;
        let (alpha2, _) = regions.iter().find(|(_, a3)| *a3 == iso3).ok_or_else(|| {
            format!(
                "{}: places.tsv says {iso3} for {num:03}, CLDR says {regions:?}",
                p.name
            )
        })?;
        out.insert(iso3.to_owned(), (*alpha2).to_owned());
    }
    Ok(out)
}

/// The generated block of one language.
fn block(node: &Path, lang: &str, codes: &BTreeMap<String, String>) -> Result<String> {
    let version = read_json(&node.join("cldr-localenames-full/package.json"))?["version"]
        .as_str()
        .unwrap_or("?")
        .to_owned();
    let file = node.join(format!(
        "cldr-localenames-full/main/{lang}/territories.json"
    ));
    let json = read_json(&file)?;
    let names = json["main"][lang]["localeDisplayNames"]["territories"]
        .as_object()
        .ok_or_else(|| format!("{}: no territories", file.display()))?;
    let mut out = format!(
        "{MARK} from CLDR {version}\n\
         # (npm cldr-localenames-full): present-day states of places.tsv with an ISO code,\n\
         # keyed by ISO 3166-1 alpha-3. Do not edit by hand; run the command again.\n"
    );
    for (iso3, alpha2) in codes {
        let short = format!("{alpha2}-alt-short");
        let key = if PREFER_SHORT.contains(&alpha2.as_str()) && names.contains_key(&short) {
            short.as_str()
        } else {
            alpha2.as_str()
        };
        let name = names
            .get(key)
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("CLDR {lang} has no name for {alpha2} ({iso3})"))?;
        if name.contains(['\t', '\n']) || name.trim().is_empty() {
            return Err(format!("CLDR {lang} {alpha2}: unusable name {name:?}"));
        }
        out.push_str(&format!("country.{iso3}\t{name}\n"));
    }
    Ok(out)
}

/// The table with its block replaced (or added at the end).
fn with_block(table: &str, block: &str) -> String {
    let head = match table.find(MARK) {
        Some(i) => &table[..i],
        None => table,
    };
    let head = head.trim_end_matches('\n');
    format!("{head}\n\n{block}")
}

pub fn run(args: &[String]) -> Result {
    let check = args.iter().any(|a| a == "--check");
    let node = root().join("node_modules");
    let codes = codes(&node)?;
    let mut stale = Vec::new();
    for lang in LANGS {
        let path = root().join(format!("crates/atlas-core/locales/{lang}.tsv"));
        let table =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let new = with_block(&table, &block(&node, lang, &codes)?);
        if new == table {
            eprintln!("{}: up to date ({} names)", path.display(), codes.len());
        } else if check {
            stale.push(path.display().to_string());
        } else {
            std::fs::write(&path, new).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("{}: wrote {} names", path.display(), codes.len());
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "country names differ from CLDR in {} (run `cargo xtask countries`)",
            stale.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_replaces_itself_and_nothing_else() {
        let b = format!("{MARK} from CLDR 1\ncountry.AAA\tA\n");
        let once = with_block("a\tb\n", &b);
        assert_eq!(once, format!("a\tb\n\n{b}"));
        assert_eq!(with_block(&once, &b), once);
        let b2 = format!("{MARK} from CLDR 2\ncountry.BBB\tB\n");
        assert_eq!(with_block(&once, &b2), format!("a\tb\n\n{b2}"));
    }
}
