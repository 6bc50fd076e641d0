//! Downloads of a view: a framed figure (SVG here, PNG in the browser from the same
//! drawing on a canvas), the register's filtered deals and the timeline's per-year series
//! as CSV, and the rankings and flows behind the other views.
//!
//! Every export carries where its numbers come from: the credit line and SIPRI's address,
//! that TIV is a volume index and not dollars, that the totals are Arms Atlas's, the filter
//! in words, the link that reproduces the view, the data release and the date it was made
//! (passed in: this crate has no clock).
//!
//! * Figures: [`draw_figure`] frames a chart — title, subtitle, legend, the chart drawn by
//!   the view's own draw function ([`draw_timeline`], [`draw_flowmap`], [`draw_rankings`])
//!   and a footer — on any plotters backend. [`figure_svg`] renders it to an SVG string;
//!   the app draws the same figure on an offscreen canvas at [`PNG_SCALE`] for the PNG.
//! * CSV: RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark (so spreadsheets
//!   read the dashes and accents), metadata first as `# ` comment lines. Cells that a
//!   spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a
//!   leading `'`; comment lines are guarded the same way after every comma.
//! * Hostile text: control characters and bidirectional formatting characters (which can
//!   reorder the text around a name) are removed from every exported string; SVG text is
//!   XML-escaped by the backend, and a final pass removes anything XML 1.0 forbids.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use crate::analysis::aggregate::{Aggregates, SeriesKey, StackBy, StackedSeries};
use crate::analysis::filter::Filter;
use crate::analysis::filter::YearRange;
use crate::analysis::register::{format_years, Column, RegisterRow, Sort};
use crate::geo::projection::Viewport;
use crate::geo::world::WorldMap;
use crate::model::Tiv;
use crate::model::{Dataset, Flag};
use crate::render::flowmap::{draw_flowmap, FlowMapOptions};
use crate::render::flowmap::{fit_to_flows, FlowMapInput, MapEmphasis};
use crate::render::rankings::{draw_rankings, rank_entries, RankEntry, RankKind, RankingsOptions};
use crate::render::timeline::{draw_timeline, TimelineOptions};
use crate::render::{Palette, Rgb};
use crate::store::bundle::Bundle;
use crate::text::views::{filter_phrase, year_span};
use crate::text::Tr;

/// Says what TIV is, on every export.
pub const TIV_NOTE: &str = "Figures in SIPRI TIV (millions): a volume index, not dollars.";
/// Says whose the totals are, on every export.
pub const OURS_NOTE: &str = "Totals calculated by Arms Atlas, not by SIPRI.";
/// Width of every figure, in CSS pixels (the SVG's user units).
pub const FIGURE_WIDTH: f64 = 1200.0;
/// Device pixels per CSS pixel of the PNG: 2400 pixels wide, for print.
pub const PNG_SCALE: f64 = 2.0;
/// Entries of each ranking drawn in the rankings figure (the CSV holds all).
pub const FIGURE_TOP: usize = 10;

// ---------------------------------------------------------------- text safety

/// Bidirectional formatting characters: marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether XML 1.0 allows `c` in text.
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for a figure: one line, without control or bidirectional formatting characters
/// (line breaks and tabs become spaces).
pub fn clean_line(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                Some(' ')
            } else if c.is_control() || is_bidi_control(c) {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// Text for a CSV cell: control and bidirectional formatting characters removed, line
/// breaks and tabs kept (quoting carries them).
pub fn clean_cell(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || is_bidi_control(c)))
        .collect()
}

/// True for a first character that makes a spreadsheet evaluate the cell.
fn formula_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// One CSV field: cleaned, guarded against formula injection, quoted when RFC 4180 needs
/// it (or when it starts with `#`, which readers would take for a comment line).
pub fn csv_field(s: &str) -> String {
    let mut v = clean_cell(s);
    if v.starts_with(formula_trigger) {
        v.insert(0, '\'');
    }
    let quote = v.contains([',', '"', '\r', '\n'])
        || v.starts_with('#')
        || v.starts_with(' ')
        || v.ends_with(' ');
    if quote {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// Undoes [`csv_field`]'s formula guard on a parsed value (for comparing with the source).
pub fn unguard(v: &str) -> &str {
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(formula_trigger) => rest,
        _ => v,
    }
}

/// One metadata line: `# ` and the text on one line. A spreadsheet splits it at commas,
/// so every piece after a comma that would start a formula or a quoted field is guarded.
pub fn csv_comment(s: &str) -> String {
    let text = clean_line(s);
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str("# ");
    let mut after_comma = false;
    for c in text.chars() {
        if after_comma && c != ' ' {
            if formula_trigger(c) || c == '"' {
                out.push('\'');
            }
            after_comma = false;
        }
        out.push(c);
        if c == ',' {
            after_comma = true;
        }
    }
    out
}

/// Builds a CSV document: metadata comments, then records.
#[derive(Debug, Default)]
struct Csv {
    out: String,
}

impl Csv {
    fn new(meta: &[String]) -> Csv {
        let mut out = String::from("\u{FEFF}");
        for m in meta {
            out.push_str(&csv_comment(m));
            out.push_str("\r\n");
        }
        Csv { out }
    }

    fn record<S: AsRef<str>>(&mut self, cells: &[S]) {
        let line: Vec<String> = cells.iter().map(|c| csv_field(c.as_ref())).collect();
        self.out.push_str(&line.join(","));
        self.out.push_str("\r\n");
    }
}

// ---------------------------------------------------------------- provenance

/// Where an export's numbers come from; every export prints all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// "Information from the SIPRI Arms Transfers Database".
    pub credit: String,
    /// SIPRI's address for the database.
    pub source_url: String,
    /// The filter in words with its years, from [`filter_words`].
    pub filter: String,
    /// The link that reproduces the view.
    pub link: String,
    /// The data behind it, from [`data_words`].
    pub data: String,
    /// When the export was made, e.g. `2026-11-28` (passed in: no clock here).
    pub generated: String,
}

impl Provenance {
    /// The lines every export carries, in order.
    pub fn lines(&self) -> Vec<String> {
        vec![
            format!("{}, {}", self.credit, self.source_url),
            format!("{TIV_NOTE} {OURS_NOTE}"),
            format!("Filter: {}", self.filter),
            format!("Link: {}", self.link),
            format!("Data: {}", self.data),
            format!("Generated: {} with Arms Atlas", self.generated),
        ]
    }
}

/// The filter in words with its years: "Arms deliveries to Myanmar, 1990–2024".
pub fn filter_words(ds: &Dataset, f: &Filter, years: YearRange) -> String {
    format!(
        "{}, {}",
        filter_phrase(ds, f, "Arms deliveries", "Deliveries of"),
        year_span(years)
    )
}

/// The data in words: what the dataset is, the SIPRI releases it holds with their years,
/// and its identity in links (`data_id`).
pub fn data_words(b: &Bundle, data_id: &str) -> String {
    let releases: Vec<String> = b
        .dataset
        .releases
        .iter()
        .map(|r| {
            let span = if r.first_year == r.last_year {
                r.first_year.to_string()
            } else {
                format!("{}–{}", r.first_year, r.last_year)
            };
            format!("{} release (delivery years {span})", r.year)
        })
        .collect();
    let releases = if releases.is_empty() {
        "no SIPRI release recorded".to_owned()
    } else {
        format!("SIPRI {}", releases.join(", "))
    };
    format!("{}; {releases}; data {data_id}", b.meta.title)
}

// ---------------------------------------------------------------- file names

/// Lowercase ASCII letters and digits, everything else one `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// A download's file name, e.g. `arms-atlas_timeline_to-myanmar_1990-2024.svg`: only
/// `[a-z0-9._-]`, at most about 120 characters.
pub fn file_name(view: &str, ds: &Dataset, f: &Filter, years: YearRange, ext: &str) -> String {
    let names = |v: Vec<String>| -> String {
        let n = v.len();
        let mut s: Vec<String> = v.into_iter().take(3).collect();
        if n > 3 {
            s.push(format!("{} more", n - 3));
        }
        s.join(" and ")
    };
    let mut parts: Vec<String> = Vec::new();
    if !f.systems.is_empty() {
        parts.push(names(
            f.systems.iter().map(|s| ds.str(*s).to_owned()).collect(),
        ));
    } else if !f.categories.is_empty() {
        parts.push(names(
            f.categories.iter().map(|c| c.name().to_owned()).collect(),
        ));
    }
    let ent = |ids: &[crate::model::EntityId]| {
        names(
            ids.iter()
                .map(|e| ds.entity(*e).label().to_owned())
                .collect(),
        )
    };
    if !f.suppliers.is_empty() {
        parts.push(format!("from {}", ent(&f.suppliers)));
    }
    if !f.recipients.is_empty() {
        parts.push(format!("to {}", ent(&f.recipients)));
    }
    if !f.text.trim().is_empty() {
        parts.push(format!("matching {}", f.text.trim()));
    }
    let mut s = slug(&parts.join(" "));
    if s.len() > 80 {
        s.truncate(80);
        if let Some(i) = s.rfind('-') {
            s.truncate(i);
        }
    }
    if s.is_empty() {
        s = "all".to_owned();
    }
    format!(
        "arms-atlas_{}_{s}_{}-{}.{}",
        slug(view),
        years.from(),
        years.to(),
        slug(ext)
    )
}

// ---------------------------------------------------------------- CSV

/// The register's rows as shown, for [`deals_csv`].
#[derive(Debug, Clone, Copy)]
pub struct DealsExport<'a> {
    pub rows: &'a [RegisterRow],
    /// The rows shown, in the order shown (sort, then search): indices into `rows`.
    pub order: &'a [usize],
    /// The columns the table shows.
    pub columns: &'a [Column],
    pub sort: Sort,
    pub search: &'a str,
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The header of the deals CSV: ids, the table's columns, then the estimate flags.
pub fn deals_header(columns: &[Column]) -> Vec<String> {
    let mut h: Vec<String> = vec![
        "Arms Atlas deal".into(),
        "SIPRI deal ID".into(),
        "SIPRI release".into(),
    ];
    h.extend(columns.iter().map(|c| c.label().to_owned()));
    h.push("Ordered in is estimated".into());
    if columns.contains(&Column::Ordered) {
        h.push("No. ordered is estimated".into());
    }
    h.extend(
        [
            "No. delivered is estimated",
            "Delivered in is estimated",
            "TIV estimated",
            "TIV split by Arms Atlas",
        ]
        .map(String::from),
    );
    h
}

/// A register cell as plain text: what the table shows, without the marks (`≈`, `~`),
/// thousands separators or placeholders (`—` is an empty cell).
pub fn deal_cell(ds: &Dataset, r: &RegisterRow, c: Column) -> String {
    match c {
        Column::Supplier => ds.entity(r.supplier).label().to_owned(),
        Column::Recipient => ds.entity(r.recipient).label().to_owned(),
        Column::Designation => ds.str(r.designation).to_owned(),
        Column::Description => ds.str(r.description).to_owned(),
        Column::Category => r.category.name().to_owned(),
        Column::OrderYear => r.order_year.map(|y| y.to_string()).unwrap_or_default(),
        Column::Ordered => r.number_ordered.map(|n| n.to_string()).unwrap_or_default(),
        Column::Delivered => r.delivered.to_string(),
        Column::Years => format_years(&r.years),
        Column::Tiv => r.tiv.to_string(),
        Column::Status => r.status.name().to_owned(),
        Column::LocalProduction => match r.local_production {
            Flag::Yes => "Yes".to_owned(),
            Flag::No => "No".to_owned(),
            Flag::Blank => String::new(),
        },
        Column::Comments => r.comments.map(|s| ds.str(s).to_owned()).unwrap_or_default(),
    }
}

/// One record of the deals CSV, in [`deals_header`] order.
pub fn deal_record(ds: &Dataset, r: &RegisterRow, columns: &[Column]) -> Vec<String> {
    let deal = ds.deals.get(r.deal.0 as usize);
    let mut v = vec![
        r.deal.0.to_string(),
        deal.and_then(|d| d.sipri_id)
            .map(|i| i.to_string())
            .unwrap_or_default(),
        deal.and_then(|d| ds.releases.get(usize::from(d.release)))
            .map(|rel| rel.year.to_string())
            .unwrap_or_default(),
    ];
    v.extend(columns.iter().map(|&c| deal_cell(ds, r, c)));
    v.push(yes_no(r.order_year_estimate).into());
    if columns.contains(&Column::Ordered) {
        v.push(yes_no(r.number_ordered_estimate).into());
    }
    v.push(yes_no(r.delivered_estimate).into());
    v.push(yes_no(r.years_estimate).into());
    v.push(r.tiv_estimated.to_string());
    v.push(yes_no(r.approximate).into());
    v
}

/// The register's deals as shown — same rows, same order, same columns, plus ids and
/// estimate flags — as CSV.
pub fn deals_csv(ds: &Dataset, ex: &DealsExport<'_>, title: &str, prov: &Provenance) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Sorted by {}, {}",
        ex.sort.column.label(),
        ex.sort.direction.aria()
    ));
    if !ex.search.trim().is_empty() {
        meta.push(format!("Register search: “{}”", ex.search.trim()));
    }
    meta.push(format!(
        "{} deals of {} under the filter. TIV in millions, delivered in the filter's years; No. delivered likewise.",
        ex.order.len(),
        ex.rows.len()
    ));
    let mut csv = Csv::new(&meta);
    csv.record(&deals_header(ex.columns));
    for &i in ex.order {
        if let Some(r) = ex.rows.get(i) {
            csv.record(&deal_record(ds, r, ex.columns));
        }
    }
    csv.out
}

/// A timeline band's name.
pub fn band_label(ds: &Dataset, k: SeriesKey) -> String {
    match k {
        SeriesKey::Entity(e) => ds.entity(e).label().to_owned(),
        SeriesKey::Category(c) => c.name().to_owned(),
        SeriesKey::Other => "Other".to_owned(),
    }
}

fn stack_words(by: StackBy) -> &'static str {
    match by {
        StackBy::Supplier => "supplier",
        StackBy::Recipient => "recipient",
        StackBy::Category => "category",
    }
}

/// The estimated part as a percentage with one decimal, empty when there is no total.
fn pct(part: Tiv, whole: Tiv) -> String {
    if whole.0 > 0 {
        format!("{:.1}", 100.0 * part.0 as f64 / whole.0 as f64)
    } else {
        String::new()
    }
}

/// The timeline's numbers as CSV: one record per year, one column per band in the order
/// the bars stack, then the year's total, its estimated part and that part's share.
pub fn series_csv(
    ds: &Dataset,
    series: &StackedSeries,
    by: StackBy,
    selected: Option<YearRange>,
    title: &str,
    prov: &Provenance,
) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Millions of SIPRI TIV delivered per year, by {} (the {} largest, then Other).",
        stack_words(by),
        series
            .keys
            .iter()
            .filter(|k| **k != SeriesKey::Other)
            .count()
    ));
    if let Some(r) = selected {
        meta.push(format!(
            "The timeline shows every year; the filter's years ({}) are shaded in the chart.",
            year_span(r)
        ));
    }
    let mut csv = Csv::new(&meta);
    let mut header: Vec<String> = vec!["Year".into()];
    header.extend(series.keys.iter().map(|k| band_label(ds, *k)));
    header.extend(["Total", "Estimated", "Estimated share (%)"].map(String::from));
    csv.record(&header);
    for y in 0..series.years.len() {
        let mut rec = vec![series.year_at(y).to_string()];
        rec.extend(series.values.iter().map(|band| band[y].to_string()));
        let total = series.year_total(y);
        let est: Tiv = series.estimated.iter().map(|band| band[y]).sum();
        rec.push(total.to_string());
        rec.push(est.to_string());
        rec.push(pct(est, total));
        csv.record(&rec);
    }
    csv.out
}

/// The map's flows as CSV: every supplier→recipient flow of the filter, largest first,
/// with whether the map draws it.
pub fn flows_csv(
    ds: &Dataset,
    agg: &Aggregates,
    input: &FlowMapInput,
    title: &str,
    prov: &Provenance,
) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(
        "One row per supplier→recipient flow; TIV in millions delivered in the filter's years."
            .to_owned(),
    );
    let mut csv = Csv::new(&meta);
    csv.record(&[
        "Supplier",
        "Recipient",
        "TIV delivered",
        "TIV estimated",
        "First year",
        "Last year",
        "Delivery rows",
        "On the map",
    ]);
    for f in &agg.flows {
        csv.record(&[
            ds.entity(f.supplier).label().to_owned(),
            ds.entity(f.recipient).label().to_owned(),
            f.tiv.to_string(),
            f.estimated.to_string(),
            f.first_year.to_string(),
            f.last_year.to_string(),
            f.deliveries.to_string(),
            yes_no(input.flow_index(f.supplier, f.recipient).is_some()).to_owned(),
        ]);
    }
    csv.out
}

/// The three rankings as CSV: every entry, not only the top ten.
pub fn rankings_csv(ds: &Dataset, agg: &Aggregates, title: &str, prov: &Provenance) -> String {
    let mut meta = vec![format!("Arms Atlas export: {title}")];
    meta.extend(prov.lines());
    meta.push(format!(
        "Millions of SIPRI TIV delivered, and each one's share of the {} total.",
        agg.total
    ));
    let mut csv = Csv::new(&meta);
    csv.record(&["Ranking", "Rank", "Name", "TIV delivered", "Share (%)"]);
    for kind in RankKind::ALL {
        for (i, e) in rank_entries(ds, agg, kind).iter().enumerate() {
            csv.record(&[
                kind.heading().to_owned(),
                (i + 1).to_string(),
                e.label.clone(),
                e.tiv.to_string(),
                format!("{:.2}", e.share * 100.0),
            ]);
        }
    }
    csv.out
}

// ---------------------------------------------------------------- figures

/// One ranking of the rankings figure.
#[derive(Debug, Clone, PartialEq)]
pub struct RankPanel {
    pub title: String,
    pub entries: Vec<RankEntry>,
    /// Bar colours, in entry order.
    pub colors: Vec<Rgb>,
}

/// The chart inside a figure, drawn by its view's own draw function.
#[derive(Debug, Clone)]
pub enum Chart<'a> {
    Timeline {
        series: &'a StackedSeries,
        /// Band colours, in `series.keys` order.
        colors: &'a [Rgb],
        /// Shaded years (the filter's).
        selected: Option<YearRange>,
    },
    FlowMap {
        input: &'a FlowMapInput,
        world: Option<&'a WorldMap>,
        /// The viewport on screen, when the reader zoomed or panned: the figure shows the
        /// same area. `None` frames the flows.
        view: Option<Viewport>,
    },
    Rankings {
        panels: &'a [RankPanel],
    },
}

const RANK_ROW: f64 = 26.0;
const RANK_HEAD: f64 = 34.0;
const RANK_GAP: f64 = 18.0;

impl Chart<'_> {
    /// Height of the chart in CSS pixels at `width`.
    pub fn height(&self, width: f64) -> f64 {
        match self {
            Chart::Timeline { .. } => 440.0,
            Chart::FlowMap { view, .. } => match view {
                Some(v) if v.width() > 0.0 => (width * v.height() / v.width()).clamp(400.0, 900.0),
                _ => 660.0,
            },
            Chart::Rankings { panels } => {
                panels
                    .iter()
                    .map(|p| RANK_HEAD + RANK_ROW * p.entries.len().max(1) as f64 + 12.0)
                    .sum::<f64>()
                    + RANK_GAP * panels.len().saturating_sub(1) as f64
            }
        }
    }
}

/// The words and keys around a chart.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// Colour key entries (label, colour).
    pub legend: &'a [(String, Rgb)],
    /// Adds "Estimate (hatched)" to the key.
    pub hatched_key: bool,
    pub provenance: &'a Provenance,
    pub palette: &'a Palette,
    /// CSS font family.
    pub font: &'a str,
    /// The reader's language: the chart's numbers and the key's words follow it (the
    /// provenance lines stay in English, SIPRI's wording and the file's metadata).
    pub tr: Tr,
}

/// Where each part of a figure goes, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLayout {
    pub width: f64,
    pub height: f64,
    /// `(text, baseline-free top y)` of each title line.
    pub title: Vec<(String, f64)>,
    pub subtitle: Vec<(String, f64)>,
    /// `(x, y, label, colour; None for the hatched estimate key)`.
    pub legend: Vec<(f64, f64, String, Option<Rgb>)>,
    /// The chart's box: x, y, width, height.
    pub chart: (f64, f64, f64, f64),
    /// The rule above the footer.
    pub rule_y: f64,
    /// `(text, y, is the credit line)`.
    pub footer: Vec<(String, f64, bool)>,
}

const PAD: f64 = 32.0;
const TITLE_PX: f64 = 24.0;
const SUB_PX: f64 = 15.0;
const KEY_PX: f64 = 13.0;
const FOOT_PX: f64 = 12.0;

/// Estimated width of `text` at `px` (plotters' SVG backend cannot measure text; 0.56 em
/// per character is generous for the system sans-serif fonts).
fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * 0.56
}

/// Breaks `text` into lines at most `width` wide, at spaces; a word longer than a line
/// (a URL) is cut.
pub fn wrap(text: &str, px: f64, width: f64) -> Vec<String> {
    let max = ((width / (px * 0.56)).floor() as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let len = line.chars().count();
            let sep = usize::from(len > 0);
            if len + sep + word.len() <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line.
            let rest = word.split_off(max);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays the figure out at [`FIGURE_WIDTH`].
pub fn figure_layout(fig: &Figure<'_>, chart: &Chart<'_>) -> FigureLayout {
    let width = FIGURE_WIDTH;
    let inner = width - 2.0 * PAD;
    let mut y = 26.0;
    let mut title = Vec::new();
    for l in wrap(&clean_line(fig.title), TITLE_PX, inner) {
        title.push((l, y));
        y += 31.0;
    }
    y += 2.0;
    let mut subtitle = Vec::new();
    for l in wrap(&clean_line(fig.subtitle), SUB_PX, inner) {
        subtitle.push((l, y));
        y += 20.0;
    }
    let mut legend = Vec::new();
    let mut items: Vec<(String, Option<Rgb>)> = fig
        .legend
        .iter()
        .map(|(l, c)| (clean_line(l), Some(*c)))
        .collect();
    if fig.hatched_key {
        items.push((fig.tr.t("timeline.estimate").to_owned(), None));
    }
    if !items.is_empty() {
        y += 8.0;
        let mut x = PAD;
        for (label, color) in items {
            let w = 14.0 + 6.0 + text_width(&label, KEY_PX) + 18.0;
            if x > PAD && x + w > width - PAD {
                x = PAD;
                y += 21.0;
            }
            legend.push((x, y, label, color));
            x += w;
        }
        y += 21.0;
    }
    y += 12.0;
    let ch = chart.height(inner);
    let chart_box = (PAD, y, inner, ch);
    y += ch + 18.0;
    let rule_y = y;
    y += 12.0;
    let mut footer = Vec::new();
    for (i, line) in fig.provenance.lines().iter().enumerate() {
        for l in wrap(&clean_line(line), FOOT_PX, inner) {
            footer.push((l, y, i == 0));
            y += 17.0;
        }
    }
    FigureLayout {
        width,
        height: (y + 20.0).ceil(),
        title,
        subtitle,
        legend,
        chart: chart_box,
        rule_y,
        footer,
    }
}

/// Draws the figure onto `root` (which should be `figure_layout`'s size × `scale`):
/// frame first, then the chart by its view's draw function.
pub fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    fig: &Figure<'_>,
    chart: &Chart<'_>,
    scale: f64,
) -> Result<FigureLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = scale.max(0.1);
    let px = |v: f64| (v * s).round() as i32;
    let pal = fig.palette;
    let lay = figure_layout(fig, chart);
    root.fill(&pal.background.to_plotters())?;
    let top_left = |size: f64, color: Rgb, bold: bool| {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        (fig.font, size * s, style)
            .into_font()
            .color(&color.to_plotters())
            .pos(Pos::new(HPos::Left, VPos::Top))
    };
    for (l, y) in &lay.title {
        root.draw(&Text::new(
            l.clone(),
            (px(PAD), px(*y)),
            top_left(TITLE_PX, pal.ink, true),
        ))?;
    }
    for (l, y) in &lay.subtitle {
        root.draw(&Text::new(
            l.clone(),
            (px(PAD), px(*y)),
            top_left(SUB_PX, pal.muted, false),
        ))?;
    }
    for (x, y, label, color) in &lay.legend {
        let (x0, y0) = (px(*x), px(*y + 2.0));
        let (x1, y1) = (px(*x + 14.0), px(*y + 16.0));
        match color {
            Some(c) => {
                root.draw(&Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    c.to_plotters().filled(),
                ))?;
            }
            None => {
                root.draw(&Rectangle::new(
                    [(x0, y0), (x1, y1)],
                    RGBColor(0x77, 0x77, 0x77).filled(),
                ))?;
                let white = pal
                    .background
                    .to_plotters()
                    .stroke_width(px(1.2).max(1) as u32);
                for k in [-7, 0, 7] {
                    let k = px(f64::from(k));
                    let (a, b) = if k >= 0 {
                        ((x0 + k, y1), (x1, y0 + k))
                    } else {
                        ((x0, y1 + k), (x1 + k, y0))
                    };
                    root.draw(&PathElement::new(vec![a, b], white))?;
                }
            }
        }
        root.draw(&Text::new(
            label.clone(),
            (px(*x + 20.0), px(*y + 1.0)),
            top_left(KEY_PX, pal.ink, false),
        ))?;
    }
    root.draw(&PathElement::new(
        vec![
            (px(PAD), px(lay.rule_y)),
            (px(lay.width - PAD), px(lay.rule_y)),
        ],
        pal.grid.to_plotters().stroke_width(px(1.0).max(1) as u32),
    ))?;
    for (l, y, credit) in &lay.footer {
        let color = if *credit { pal.ink } else { pal.muted };
        root.draw(&Text::new(
            l.clone(),
            (px(PAD), px(*y)),
            top_left(FOOT_PX, color, *credit),
        ))?;
    }
    let (cx, cy, cw, ch) = lay.chart;
    let area = root.clone().shrink(
        (px(cx), px(cy)),
        (px(cw).max(1) as u32, px(ch).max(1) as u32),
    );
    draw_chart(&area, chart, fig, (cw, ch), s)?;
    root.present()?;
    Ok(lay)
}

fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart<'_>,
    fig: &Figure<'_>,
    (w, h): (f64, f64),
    s: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match chart {
        Chart::Timeline {
            series,
            colors,
            selected,
        } => {
            draw_timeline(
                area,
                series,
                &TimelineOptions {
                    colors,
                    palette: fig.palette,
                    font: fig.font,
                    scale: s,
                    selected: *selected,
                    highlight: None,
                    empty_message: fig.tr.t("alt.empty"),
                    tr: fig.tr,
                },
            )?;
        }
        Chart::FlowMap { input, world, view } => {
            let viewport = match view {
                Some(v) => Viewport::fit_projected_box(v.visible_projected_box(), w, h, 0.0),
                None => fit_to_flows(input, w, h),
            };
            draw_flowmap(
                area,
                input,
                &FlowMapOptions {
                    world: *world,
                    viewport,
                    palette: fig.palette,
                    font: fig.font,
                    scale: s,
                    emphasis: MapEmphasis::None,
                    focus: None,
                    empty_message: fig.tr.t("map.empty_short"),
                    tr: fig.tr,
                    base_drawn: false,
                },
            )?;
        }
        Chart::Rankings { panels } => {
            let mut y = 0.0;
            for p in panels.iter() {
                let ph = RANK_HEAD + RANK_ROW * p.entries.len().max(1) as f64 + 12.0;
                let sub = area.clone().shrink(
                    (0, (y * s).round() as i32),
                    (
                        (w * s).round().max(1.0) as u32,
                        (ph * s).round().max(1.0) as u32,
                    ),
                );
                let title = clean_line(&p.title);
                draw_rankings(
                    &sub,
                    &p.entries,
                    &RankingsOptions {
                        title: &title,
                        colors: &p.colors,
                        palette: fig.palette,
                        font: fig.font,
                        scale: s,
                        highlight: None,
                        empty_message: fig.tr.t("rank.empty_short"),
                        tr: fig.tr,
                    },
                )?;
                y += ph + RANK_GAP;
            }
        }
    }
    Ok(())
}

/// The figure as a standalone SVG document (UTF-8), at [`FIGURE_WIDTH`] user units.
pub fn figure_svg(fig: &Figure<'_>, chart: &Chart<'_>) -> String {
    let lay = figure_layout(fig, chart);
    let mut body = String::new();
    {
        let root = SVGBackend::with_string(&mut body, (lay.width as u32, lay.height as u32))
            .into_drawing_area();
        if let Err(e) = draw_figure(&root, fig, chart, 1.0) {
            // Drawing into a string cannot fail for I/O; say so in the file if it ever does.
            let _ = root.draw(&Text::new(
                format!("The chart could not be drawn: {e:?}"),
                (32, 32),
                ("sans-serif", 14.0).into_font(),
            ));
        }
    }
    // Each draw function presents (closes the document); put one closing tag at the end.
    let body = body.replace("</svg>\n", "");
    let open_end = body.find('>').map_or(0, |i| i + 1);
    let (open, rest) = body.split_at(open_end);
    let esc = |t: &str| {
        clean_line(t)
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let desc = fig.provenance.lines().join(" ");
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open}\n<title>{}</title>\n<desc>{}</desc>{rest}</svg>\n",
        esc(fig.title),
        esc(&desc)
    );
    // Whatever reached the drawing unclean (a label inside a chart) is made safe here.
    doc.chars()
        .filter(|&c| xml_allowed(c) && !is_bidi_control(c))
        .collect()
}

/// The rankings figure's panels: the top [`FIGURE_TOP`] of each ranking, coloured by
/// `color` (suppliers in their shared colours, others neutral, as on the page).
pub fn rank_panels(
    ds: &Dataset,
    agg: &Aggregates,
    color: impl Fn(&RankEntry) -> Rgb,
) -> Vec<RankPanel> {
    rank_panels_in(Tr::new(crate::text::Locale::En), ds, agg, color)
}

/// [`rank_panels`] with headings in the reader's language.
pub fn rank_panels_in(
    tr: Tr,
    ds: &Dataset,
    agg: &Aggregates,
    color: impl Fn(&RankEntry) -> Rgb,
) -> Vec<RankPanel> {
    RankKind::ALL
        .iter()
        .map(|&kind| {
            let all = rank_entries(ds, agg, kind);
            let n = all.len();
            let entries: Vec<RankEntry> = all
                .into_iter()
                .take(FIGURE_TOP)
                .map(|mut e| {
                    e.label = clean_line(&e.label);
                    e
                })
                .collect();
            let colors = entries.iter().map(&color).collect();
            let heading = tr.t(kind.heading_key());
            let title = if n > FIGURE_TOP {
                tr.f(
                    "export.rank_panel_top",
                    &[
                        ("heading", heading),
                        ("top", &tr.int(FIGURE_TOP as i64)),
                        ("all", &tr.int(n as i64)),
                    ],
                )
            } else {
                heading.to_owned()
            };
            RankPanel {
                title,
                entries,
                colors,
            }
        })
        .collect()
}

/// The map's colour key: each supplier with its own colour, largest first, then "Other
/// suppliers" when some share the grey.
pub fn map_key(ds: &Dataset, input: &FlowMapInput, palette: &Palette) -> Vec<(String, Rgb)> {
    map_key_in(Tr::new(crate::text::Locale::En), ds, input, palette)
}

/// [`map_key`] with "Other suppliers" in the reader's language.
pub fn map_key_in(
    tr: Tr,
    ds: &Dataset,
    input: &FlowMapInput,
    palette: &Palette,
) -> Vec<(String, Rgb)> {
    let mut by: Vec<(crate::model::EntityId, Tiv, Rgb)> = Vec::new();
    for f in &input.flows {
        match by.iter_mut().find(|(e, _, _)| *e == f.supplier) {
            Some(entry) => entry.1 += f.tiv,
            None => by.push((f.supplier, f.tiv, f.color)),
        }
    }
    by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let others = by.iter().any(|(_, _, c)| *c == palette.other);
    let mut v: Vec<(String, Rgb)> = by
        .into_iter()
        .filter(|(_, _, c)| *c != palette.other)
        .map(|(e, _, c)| (ds.entity(e).label().to_owned(), c))
        .collect();
    if others {
        v.push((tr.t("map.other_suppliers").to_owned(), palette.other));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("Russia"), "Russia");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("=a,b"), "\"'=a,b\"");
        assert_eq!(csv_field("#1"), "\"#1\"");
        assert_eq!(csv_field("a\u{202E}b\u{0}c"), "abc");
        assert_eq!(unguard("'=1+1"), "=1+1");
        assert_eq!(unguard("'quoted'"), "'quoted'");
    }

    #[test]
    fn comments_are_guarded_after_commas() {
        assert_eq!(csv_comment("a, =HYPERLINK(x)"), "# a, '=HYPERLINK(x)");
        assert_eq!(csv_comment("a,\"b"), "# a,'\"b");
        assert_eq!(csv_comment("line\r\nbreak"), "# line  break");
        assert_eq!(csv_comment("1,2"), "# 1,2");
    }

    #[test]
    fn lines_wrap_within_the_width() {
        let t = "Arms deliveries from Russia, China and 3 others to Myanmar by supplier, 1950–2024, SIPRI TIV";
        let lines = wrap(t, 24.0, 400.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| text_width(l, 24.0) <= 400.0 + 1e-9));
        assert_eq!(lines.join(" "), t);
        let url = "https://example.org/".to_owned() + &"x".repeat(300);
        let lines = wrap(&url, 12.0, 300.0);
        assert_eq!(lines.concat(), url);
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 300.0 + 1e-9));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Côte d'Ivoire <script>"), "c-te-d-ivoire-script");
        assert_eq!(slug("--"), "");
    }
}
