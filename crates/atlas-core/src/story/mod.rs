//! Story presets and annotations: the editorial layer over the data.
//!
//! * presets: a named sequence of views (`?story=myanmar`), each step an explicit filter,
//!   with a caption computed from the loaded data, never typed numbers; their captions are
//!   built in `captions` (they are about the steps) in the reader's language;
//! * [`annotations`]: dated events from a journalist's TSV file, drawn on the timeline.
//!
//! Uses `model`, `analysis` (aggregates, names resolved) and `text`. It knows nothing of
//! links: `url` reads `story=` and expands a step into its state; `render` draws the
//! annotations.

pub mod annotations;
mod captions;
mod presets;

pub use captions::{caption_in, since_summary, SinceSummary};
pub(crate) use presets::STORIES;
pub use presets::{ranked_suppliers, story, Caption, StepState, Story, StoryStep, COUP_YEAR};
