//! Figures: [`draw_figure`] frames a chart (title, subtitle, colour key, the chart drawn
//! by the view's own draw function and a footer) on any plotters backend; [`figure_svg`]
//! renders it to an SVG string, and the app draws the same figure on an offscreen canvas
//! at [`PNG_SCALE`] for the PNG.
//!
//! The files here are private: every item is reached as `export::figure::Item`.

mod chart;
mod frame;
mod spec;

pub use chart::{map_key_in, rank_panels_in, Chart, RankPanel, FIGURE_TOP};
pub use frame::{
    draw_figure, figure_layout, figure_svg, wrap, FigureLayout, KeySwatch, FIGURE_WIDTH, PNG_SCALE,
};
pub use spec::{EstimateKey, Figure};
