//! Where each SIPRI entity goes on the map.
//!
//! The table lives in `places.tsv` beside this file so that a journalist can read and
//! correct it without touching Rust. Every name found in SIPRI's files has a row with a
//! rule: a state has its own ISO 3166 code; a historical state is drawn on its successor's
//! territory; a non-state actor in the country named in its brackets; an organisation at a
//! fixed, labelled spot; an unknown party is listed but not drawn.

use std::collections::HashMap;
use std::sync::OnceLock;

use thiserror::Error;

/// How an entity is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceRule {
    State,
    Historical,
    NonState,
    Organisation,
    Unknown,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub rule: PlaceRule,
    /// ISO 3166-1 alpha-3 of the territory it is drawn on (Natural Earth's code where ISO has none).
    pub iso3: Option<String>,
    /// ISO 3166-1 numeric, as used by Natural Earth / world-atlas feature ids.
    pub isonum: Option<u16>,
    /// Where arcs start and end, in degrees; `None` for unknown parties.
    pub lonlat: Option<(f32, f32)>,
    pub note: String,
}

impl Place {
    /// True when the entity can be drawn on the map.
    pub fn is_drawn(&self) -> bool {
        self.rule != PlaceRule::Unknown && self.lonlat.is_some()
    }
}

/// A problem in the placement table, with its line.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("places.tsv line {line}: {reason}")]
pub struct PlaceError {
    pub line: usize,
    pub reason: String,
}

/// The placement table, indexed by SIPRI name.
#[derive(Debug, Clone, Default)]
pub struct PlaceTable {
    places: Vec<Place>,
    index: HashMap<String, usize>,
}

const BUILTIN: &str = include_str!("places.tsv");
const HEADER: &str = "name\trule\tiso3\tisonum\tlon\tlat\tnote";

impl PlaceTable {
    /// The table shipped with the app. A broken table (caught by the tests) gives an
    /// empty one rather than a panic, so the app still runs, without the map.
    pub fn builtin() -> &'static PlaceTable {
        static TABLE: OnceLock<PlaceTable> = OnceLock::new();
        TABLE.get_or_init(|| PlaceTable::parse(BUILTIN).unwrap_or_default())
    }

    /// Parses the TSV text (see the module docs for the columns).
    pub fn parse(text: &str) -> Result<PlaceTable, PlaceError> {
        let mut table = PlaceTable::default();
        let mut seen_header = false;
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let err = |reason: String| PlaceError {
                line: line_no,
                reason,
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if !seen_header {
                if line.trim_end() != HEADER {
                    return Err(err(format!("expected the header \"{HEADER}\"")));
                }
                seen_header = true;
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 7 {
                return Err(err(format!(
                    "expected 7 tab-separated fields, found {}",
                    f.len()
                )));
            }
            let rule = match f[1] {
                "state" => PlaceRule::State,
                "historical" => PlaceRule::Historical,
                "nonstate" => PlaceRule::NonState,
                "org" => PlaceRule::Organisation,
                "unknown" => PlaceRule::Unknown,
                other => return Err(err(format!("unknown rule \"{other}\""))),
            };
            let iso3 = (!f[2].is_empty()).then(|| f[2].to_owned());
            let isonum = if f[3].is_empty() {
                None
            } else {
                Some(
                    f[3].parse::<u16>()
                        .map_err(|_| err(format!("isonum \"{}\"", f[3])))?,
                )
            };
            let lonlat = match (f[4], f[5]) {
                ("", "") => None,
                (lon, lat) => {
                    let lon: f32 = lon.parse().map_err(|_| err(format!("lon \"{lon}\"")))?;
                    let lat: f32 = lat.parse().map_err(|_| err(format!("lat \"{lat}\"")))?;
                    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                        return Err(err(format!("lon/lat {lon},{lat} out of range")));
                    }
                    Some((lon, lat))
                }
            };
            match rule {
                PlaceRule::Unknown if lonlat.is_some() => {
                    return Err(err("an unknown party has no position".into()))
                }
                PlaceRule::Unknown => {}
                _ if lonlat.is_none() => {
                    return Err(err("a drawn entity needs lon and lat".into()))
                }
                PlaceRule::Organisation => {}
                _ if iso3.is_none() => return Err(err("a territory needs an iso3 code".into())),
                _ => {}
            }
            let name = f[0].to_owned();
            if table
                .index
                .insert(name.clone(), table.places.len())
                .is_some()
            {
                return Err(err(format!("\"{name}\" is listed twice")));
            }
            table.places.push(Place {
                name,
                rule,
                iso3,
                isonum,
                lonlat,
                note: f[6].to_owned(),
            });
        }
        if !seen_header {
            return Err(PlaceError {
                line: 1,
                reason: "the table is empty".into(),
            });
        }
        Ok(table)
    }

    /// The row for a SIPRI name.
    pub fn get(&self, name: &str) -> Option<&Place> {
        self.index.get(name).map(|&i| &self.places[i])
    }

    /// All rows, in file order.
    pub fn places(&self) -> &[Place] {
        &self.places
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let t = PlaceTable::parse(BUILTIN).expect("places.tsv must parse");
        assert!(t.places().len() > 250, "only {} rows", t.places().len());
        let mm = t.get("Myanmar").expect("Myanmar");
        assert_eq!(mm.isonum, Some(104));
        assert_eq!(
            t.get("Soviet Union").map(|p| p.rule),
            Some(PlaceRule::Historical)
        );
        assert_eq!(
            t.get("unknown supplier(s)").map(|p| p.is_drawn()),
            Some(false)
        );
    }

    #[test]
    fn errors_say_the_line() {
        let bad = format!("# c\n{HEADER}\nX\tstate\tXXX\t\t1\t2\tn\nY\tweird\t\t\t\t\t\n");
        let e = PlaceTable::parse(&bad).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.reason.contains("weird"));
    }
}
