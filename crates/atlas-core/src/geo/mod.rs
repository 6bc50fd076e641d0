//! World map geometry: the country outlines, the projection and hit testing.
//!
//! * [`world`]: the `assets/world.map` format (country ids, names, rings in lon/lat) with
//!   its encoder, used by `cargo xtask map`, and its decoder, used by the browser.
//! * [`projection`]: the Equal Earth projection and the [`Viewport`] that fits, zooms and
//!   pans it on a pixel surface.
//! * [`hit`]: which country lies under a lon/lat or screen point.
//! * [`arcs`]: flow arcs on screen: curve, tapered outline, arrowhead, hover distance.
//!
//! Everything here is plain arithmetic on slices, with no browser API, so it is tested
//! natively and runs unchanged in wasm.

pub mod arcs;
pub mod hit;
pub mod projection;
pub mod world;
