//! The command line of `cargo xtask map`: the options, their defaults (the output grid,
//! the simplification tolerance and the smallest island kept, each with the reasoning
//! behind its value) and the parsing of `--flag value` and `--flag=value`.

use std::path::{Path, PathBuf};

/// Output grid: 0.01° (about 1.1 km at the equator). A 375-px view of mainland Southeast
/// Asia shows about 6 km per pixel, so the grid is finer than anything drawn, while
/// typical simplified edges still fit one-byte varints.
const DEFAULT_UNITS_PER_DEGREE: u32 = 100;

/// Visvalingam threshold, in km² of triangle area. A 375-px view of mainland Southeast
/// Asia shows about 6 km per CSS pixel, so 150 km² is a triangle of a few pixels there
/// (and about a tenth of a pixel on the whole-world view): the Gulf of Thailand, the
/// Mekong and Irrawaddy deltas and the Malay peninsula stay recognisable on a 2x screen,
/// while the whole world fits in about 53 KB (40 km² gives 84 KB, 400 km² 40 KB).
const DEFAULT_TOLERANCE_KM2: f64 = 150.0;

/// Islands smaller than this (km²) are dropped unless they are all a country has: below it
/// an island is a sub-pixel speck in every view the app offers, yet costs a whole ring.
const DEFAULT_MIN_AREA_KM2: f64 = 100.0;

/// Command-line options, with paths relative to the workspace root.
pub(super) struct Options {
    pub(super) input: PathBuf,
    pub(super) output: PathBuf,
    pub(super) units_per_degree: u32,
    pub(super) tolerance_km2: f64,
    pub(super) min_area_km2: f64,
    pub(super) preview: Option<PathBuf>,
    pub(super) preview_bbox: [f64; 4],
    pub(super) preview_width: f64,
}

const USAGE: &str =
    "usage: cargo xtask map [--input countries-50m.json] [--output assets/world.map]
    [--units-per-degree 100] [--tolerance 150 (km²)] [--min-area 100 (km²)]
    [--preview out.svg [--preview-bbox=92,5,110,24] [--preview-width 375]]";

fn workspace_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

pub(super) fn parse_options(args: &[String]) -> Result<Options, String> {
    let root = workspace_root();
    let mut o = Options {
        input: root.join("node_modules/world-atlas/countries-50m.json"),
        output: root.join("assets/world.map"),
        units_per_degree: DEFAULT_UNITS_PER_DEGREE,
        tolerance_km2: DEFAULT_TOLERANCE_KM2,
        min_area_km2: DEFAULT_MIN_AREA_KM2,
        preview: None,
        preview_bbox: [92.0, 5.0, 110.0, 24.0],
        preview_width: 375.0,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--help" || arg == "-h" {
            return Err(USAGE.into());
        }
        // Both `--flag value` and `--flag=value` (needed for negative numbers).
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), v.to_owned()),
            None => {
                let v = it
                    .next()
                    .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
                (arg.clone(), v.clone())
            }
        };
        let value = value.as_str();
        let number = |v: &str| -> Result<f64, String> {
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or_else(|| format!("{flag}: {v:?} is not a non-negative number"))
        };
        match flag.as_str() {
            "--input" => o.input = root.join(value),
            "--output" => o.output = root.join(value),
            "--units-per-degree" => {
                o.units_per_degree = value
                    .parse()
                    .map_err(|_| format!("--units-per-degree: {value:?} is not an integer"))?
            }
            "--tolerance" => o.tolerance_km2 = number(value)?,
            "--min-area" => o.min_area_km2 = number(value)?,
            "--preview" => o.preview = Some(root.join(value)),
            "--preview-width" => o.preview_width = number(value)?.max(16.0),
            "--preview-bbox" => {
                let parts: Vec<f64> = value
                    .split(',')
                    .map(|p| p.trim().parse::<f64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("--preview-bbox: {value:?} is not four numbers"))?;
                o.preview_bbox = parts
                    .try_into()
                    .map_err(|_| format!("--preview-bbox: {value:?} is not four numbers"))?;
            }
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(o)
}
