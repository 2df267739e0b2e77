//! Comments from the reader's side: posting (with or without JavaScript), a comment's own page
//! with its actions (reply, edit, delete, report), live updates, and the personal part of the
//! comment area of cached article pages, and the thread itself as a piece of those pages.

mod actions;
mod common;
mod menu;
mod page;
mod post;
mod slot;
mod stream;
mod thread;

pub use actions::{delete, edit, report};
pub use page::page;
pub use post::post;
pub use slot::CommentArea;
pub use stream::stream;
pub use thread::Thread;
