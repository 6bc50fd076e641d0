//! What the caller asks of a map drawing besides the data: the surface, palette, font,
//! language, emphasis and focus.

use crate::geo::projection::Viewport;
use crate::geo::world::WorldMap;
use crate::model::EntityId;
use crate::render::Palette;
use crate::text::Tr;

/// What to bring forward, mirroring the app's linked selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapEmphasis {
    #[default]
    None,
    /// One flow: drawn on top, outlined; the others fade.
    Flow(EntityId, EntityId),
    /// Every flow of one supplier or recipient; the others fade.
    Entity(EntityId),
}

/// How to draw, besides the data.
#[derive(Debug, Clone)]
pub struct FlowMapOptions<'a> {
    /// The land; `None` while it loads (arcs and places are still drawn).
    pub world: Option<&'a WorldMap>,
    /// CSS pixels of the surface.
    pub viewport: Viewport,
    pub palette: &'a Palette,
    /// CSS font family of the labels.
    pub font: &'a str,
    /// Backend pixels per CSS pixel.
    pub scale: f64,
    pub emphasis: MapEmphasis,
    /// A place to ring (keyboard focus or an open menu).
    pub focus: Option<EntityId>,
    /// Shown over the map when there is no flow to draw.
    pub empty_message: &'a str,
    /// The reader's language: the legend's words and numbers follow it.
    pub tr: Tr,
    /// The caller has already painted the base layer (background, sea, land, rings) the
    /// way [`land_fill`](super::land_fill) and [`ringed_places`](super::ringed_places) say, e.g. from paths cached on a canvas:
    /// draw only what lies on top. Exports and tests leave it `false`.
    pub base_drawn: bool,
    /// The caller paints the place labels itself, from the layout's `labels` and
    /// `label_texts` (see [`label_text_at`](super::label_text_at)): a canvas draws each
    /// haloed label in two calls (stroke, then fill) instead of the five a backend
    /// without stroked text needs. Exports and tests leave it `false`.
    pub labels_by_caller: bool,
}
