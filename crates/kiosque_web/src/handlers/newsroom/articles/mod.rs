//! The newsroom's articles (`/admin/articles`): the list, the editor with its live preview and
//! autosave, revisions with diff and restore, the workflow (submit, publish, schedule,
//! unpublish) and correction notes. Every handler asks the domain's permission matrix.

mod access;
mod checks;
mod editor;
mod editor_page;
mod errors;
mod form;
mod framing;
mod list;
mod nav;
mod pickers;
mod revisions;
mod workflow;

pub use access::{status_label, Newsroom};
pub use editor::{autosave, create, edit, new_form, preview, save};
pub use list::list;
pub use nav::AdminNav;
pub use pickers::{link_targets, video_choices};
pub use revisions::{diff, restore, revisions};
pub use workflow::{change_status, correct};
