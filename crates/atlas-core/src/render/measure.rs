//! How wide text will be once drawn. Estimated, because plotters' SVG backend cannot
//! measure text: every chart and the export frame use this one estimate, so that what is
//! placed apart stays apart.

/// The average advance of one character of the system sans-serif fonts, in em. Half an em
/// is typical; a little more leaves room for wide names in capitals.
pub const EM_PER_CHAR: f64 = 0.6;

/// The estimated width of `text` at a font size of `px`, in the same unit.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * EM_PER_CHAR
}
