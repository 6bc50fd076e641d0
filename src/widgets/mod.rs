//! Small pieces shared by the views and panels: sizing a canvas and handing plotters a
//! backend, the download menu, the language and theme switches, the live region, the
//! clipboard and the "Copy link" button, the list of weapon designations behind the search
//! boxes. A widget knows no particular view: it may use [`crate::state`] and `atlas_core`,
//! never `views`, `panels` or `app`.

pub mod announce;
pub mod canvas;
pub mod clipboard;
pub mod copy_link;
pub mod download;
pub mod in_view;
pub mod lang;
pub mod prerender;
pub mod systems;
pub mod theme;
