//! Downloads of a view: a framed figure (SVG here, PNG in the browser from the same
//! drawing on a canvas), the register's filtered deals and the timeline's per-year series
//! as CSV, and the rankings and flows behind the other views.
//!
//! Every export carries where its numbers come from: the credit line and SIPRI's address,
//! that TIV is a volume index and not dollars, that the totals are Arms Atlas's, the filter
//! in words, the link that reproduces the view, the data release and the date it was made
//! (passed in: this crate has no clock).
//!
//! * [`figure`]: a framed figure (SVG, and PNG in the browser from the same drawing);
//! * [`csv`]: the register's deals, the timeline's series, the flows and the rankings;
//! * [`changes`]: what changed between two SIPRI releases, both releases' values;
//! * [`words`]: the provenance lines, CSV titles and file names, in fixed English;
//! * [`clean`]: hostile text removed from every exported string.
//!
//! Uses every folder below it (`model` to `render`); not `url`.

pub mod changes;
pub mod clean;
pub mod csv;
pub mod figure;
pub mod words;
