//! World map geometry: the country outlines, the projection, flow arcs and hit testing.
//! A leaf like `model`: it uses nothing of the crate.
//!
//! * [`world`]: the map in memory (country ids, names, rings in lon/lat); its file
//!   format is `store::world`.
//! * [`projection`]: the Equal Earth projection and the
//!   [`Viewport`](projection::Viewport) that fits, zooms and pans it on a pixel surface.
//! * [`hit`]: which country lies under a lon/lat or screen point.
//! * [`arcs`]: flow arcs on screen: curve, tapered outline, arrowhead, hover distance.
//!
//! Everything here is plain arithmetic on slices, with no browser API, so it is tested
//! natively and runs unchanged in wasm.

pub mod arcs;
pub mod hit;
pub mod projection;
pub mod world;
