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
