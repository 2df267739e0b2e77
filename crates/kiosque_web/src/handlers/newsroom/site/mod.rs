//! The desk's administration of the site, for editors and admins: sections (`/admin/rubriques`:
//! create, rename, move in the tree, order), tags (`/admin/mots-cles`: rename), authors
//! (`/admin/auteurs`: name, bio, photo) and the front page (`/admin/une`: its lead and secondary
//! slots, the order of the section blocks, and per section its block's stories and its page's lead). Anyone else in the newsroom gets 403, a visitor the
//! log-in page. A refused form answers 400 with the reason, in French, and changes nothing.

mod alert;
pub mod authors;
mod common;
mod compose;
pub mod front;
mod routing;
pub mod sections;
pub mod tags;

pub use routing::routes;
