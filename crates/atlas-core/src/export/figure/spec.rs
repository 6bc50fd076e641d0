//! What a figure says around its chart: title, subtitle, key, provenance, palette, font
//! and language. Both the chart and the frame read it.

use crate::export::words::Provenance;
use crate::render::{Palette, Rgb};
use crate::text::Tr;

/// The words and keys around a chart.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    /// Colour key entries (label, colour).
    pub legend: &'a [(String, Rgb)],
    pub provenance: &'a Provenance,
    pub palette: &'a Palette,
    /// CSS font family.
    pub font: &'a str,
    /// The reader's language: the chart's numbers and the key's words follow it (the
    /// provenance lines stay in English, SIPRI's wording and the file's metadata).
    pub tr: Tr,
}

/// The mark of an estimate a chart uses, for its entry at the end of a figure's key
/// ([`Chart::estimate_key`](super::Chart::estimate_key)), as the page explains it beside
/// the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EstimateKey {
    /// Hatched bars (timeline, rankings): "Estimate (hatched)".
    Hatched,
    /// Dashes down the middle of an arc (map): "Dashed part: estimated".
    Dashed,
}
