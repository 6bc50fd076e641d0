//! Chart drawing with plotters, generic over the backend: the canvas in the browser, SVG
//! in native tests and downloads. Each function returns what hover needs to map pixels
//! back to data. No browser APIs here.

pub mod colour;
pub mod flowmap;
pub mod palette;
pub mod rankings;
pub mod text;
pub mod timeline;

pub use flowmap::{draw_flowmap, FlowMapInput, FlowMapLayout, FlowMapOptions};
pub use palette::{ColorMap, Palette, Rgb, Scheme};
pub use timeline::{draw_timeline, draw_timeline_annotated, TimelineLayout, TimelineOptions};
