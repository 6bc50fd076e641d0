//! Chart drawing with plotters, generic over the backend: the canvas in the browser, SVG
//! in native tests and downloads. Each function returns what hover needs to map pixels
//! back to data. No browser APIs here.

pub mod colour;
pub mod flowmap;
mod palette;
pub mod rankings;
pub mod timeline;

pub use palette::{ColorMap, Palette, Rgb, Scheme};
