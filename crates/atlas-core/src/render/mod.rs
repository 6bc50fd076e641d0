//! Chart drawing with plotters, generic over the backend: the canvas in the browser, SVG
//! in native tests and downloads. Each function returns what hover needs to map pixels
//! back to data. No browser APIs here.
//!
//! * [`timeline`], [`rankings`], [`flowmap`]: one chart each (the flow map's input, which
//!   carries the suppliers' colours, is prepared in `flowmap` too);
//! * [`text_width`]: the one estimate of how wide a label will be;
//! * the palette ([`Palette`], [`Rgb`], [`Scheme`]) and who gets which colour
//!   ([`ColourRanks`], [`ColorMap`]): colours shared by every view and kept across
//!   filters, so a supplier has one colour everywhere.
//!
//! Uses `model`, `geo`, `import` (where places go), `analysis`, `text` (labels in the
//! reader's language) and `story` (annotations on the timeline).

mod colours;
pub mod flowmap;
mod measure;
mod palette;
pub mod rankings;
pub mod timeline;

pub use colours::{ColorMap, ColourRanks};
pub use measure::{text_width, EM_PER_CHAR};
pub use palette::{Palette, Rgb, Scheme};
