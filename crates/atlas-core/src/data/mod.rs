//! The domain: SIPRI's exports in, a typed dataset out, and the filtered numbers the views
//! draw. Pure Rust: no browser, no drawing.

pub mod aggregate;
pub mod builder;
pub mod bundle;
pub mod filter;
pub mod model;
pub mod passport;
pub mod places;
pub mod register;
pub mod sipri;
pub mod subset;
pub mod user;

pub use aggregate::{Aggregates, Flow, SeriesKey, StackBy, StackedSeries};
pub use builder::{AddReport, DatasetBuilder, RowKey};
pub use bundle::{
    decode as decode_bundle, encode as encode_bundle, Bundle, BundleError, BundleMeta,
};
pub use filter::{
    for_each_selected, DealIndex, DealMask, DealTest, Filter, YearRange, YearRangeError,
};
pub use model::{
    Category, Dataset, Deal, DealIdx, Delivery, Entity, EntityId, EntityKind, Flag, Release,
    SourceFormat, Status, StrId, Tiv, Year,
};
pub use places::{Place, PlaceRule, PlaceTable};
pub use sipri::{parse as parse_sipri, ImportError, ParsedFile, RowError, RowProblem, Rows};
