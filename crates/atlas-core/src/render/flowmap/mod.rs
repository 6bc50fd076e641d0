//! The flow map: land, recipients shaded by the TIV they imported, one arc per
//! supplier→recipient flow (width ∝ TIV, tapering towards an arrowhead at the recipient),
//! labelled places, and a legend. Generic over the plotters backend like every chart.
//!
//! The work is split so that the browser redraws cheaply:
//!
//! * [`FlowMapInput::build`] turns the aggregates into places and drawable flows once per
//!   filter change (pure data, no geometry);
//! * [`fit_to_flows`] frames them: every arc's curve and the whole outline of the
//!   places the map is about ([`content_box`]);
//! * [`draw_flowmap`] projects and paints for one viewport and returns a [`FlowMapLayout`]
//!   with the screen geometry hover and clicks need.
//!
//! All positions are CSS pixels of the drawing surface; [`FlowMapOptions::scale`] converts
//! them to backend pixels (devicePixelRatio in the browser, 1 in SVG tests).
//!
//! Countries are filled ring by ring, largest country first. Plotters has no even-odd fill,
//! and the asset does not flag holes; filling a hole ring in its host's colour changes
//! nothing, and the enclave (Lesotho, San Marino…) is a country of its own, drawn later
//! because it is smaller, so it paints over its host. The only cost is that a hole which
//! belongs to no country would show as land; Natural Earth's countries have none that
//! matter at this scale.
//!
//! The files here are private: every item is reached as `render::flowmap::Item`.

mod base;
mod draw;
mod fit;
mod input;
mod labels;
mod layout;
mod legend;
mod notes;
mod options;
mod scale;

pub use base::{globe_outline, land_fill, land_order, ringed_places};
pub use draw::{draw_flowmap, label_font_px, label_halo, label_text_at};
pub use fit::{content_box, fit_to_flows, legend_reserve, world_view, WidthScale, MIN_FLOW_SPAN};
pub use input::{FlowMapInput, MapFlow, MapPlace, Undrawn, MAX_FLOWS};
pub use labels::{place_labels, LabelRequest, PlacedLabel, Rect};
pub use layout::{DrawnArc, DrawnDot, FlowMapLayout};
pub use notes::{legend_number_in, off_map_note_in, omitted_note_in, place_words_in};
pub use options::{FlowMapOptions, MapEmphasis};
pub use scale::ChoroplethScale;

#[cfg(test)]
mod tests {
    use super::legend::nice_floor;
    use super::scale::one_two_five;
    use super::*;
    use crate::text::{Locale, Tr};

    #[test]
    fn one_two_five_series() {
        let v: Vec<f64> = (-2..=7).map(one_two_five).collect();
        assert_eq!(v, [0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]);
        assert_eq!(nice_floor(1789.0), 1000.0);
        assert_eq!(nice_floor(2500.0), 2000.0);
        assert_eq!(nice_floor(0.0), 0.1);
    }

    #[test]
    fn choropleth_breaks_are_round_and_classes_follow() {
        let s = ChoroplethScale::for_max(3578.64);
        assert_eq!(s.breaks, [0.0, 10.0, 50.0, 200.0, 1000.0, 5000.0]);
        assert_eq!(s.class_of(0.0), None);
        assert_eq!(s.class_of(3.0), Some(0));
        assert_eq!(s.class_of(10.0), Some(1));
        assert_eq!(s.class_of(999.0), Some(3));
        assert_eq!(s.class_of(3578.0), Some(4));
        assert_eq!(s.class_of(1e9), Some(4));
        assert_eq!(
            ChoroplethScale::for_max(0.0).breaks,
            [0.0, 0.2, 1.0, 5.0, 20.0, 100.0]
        );
        let en = Tr::new(Locale::En);
        assert_eq!(legend_number_in(en, 0.2), "0.2");
        assert_eq!(legend_number_in(en, 10000.0), "10,000");
    }
}
