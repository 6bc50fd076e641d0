//! The controls around the views: the filter panel, the data bar (loading one's own
//! SIPRI export), the story steps, the "Sources and method" panel, and embed mode (the
//! embedded page and the "Copy embed code" dialog). A panel changes the state the views
//! read; it may use [`crate::views`], [`crate::widgets`] and [`crate::state`], never `app`.

pub mod databar;
pub mod embed;
pub mod entity_picker;
pub mod filters;
pub mod method;
pub mod story;
