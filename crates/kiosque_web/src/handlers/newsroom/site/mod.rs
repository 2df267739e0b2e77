//! The desk's administration of the site, for editors and admins: sections (`/admin/rubriques`:
//! create, rename, move in the tree, order), tags (`/admin/mots-cles`: rename), authors
//! (`/admin/auteurs`: name, bio, photo) and the front page (`/admin/une`: the pinned lead story
//! and the order of the section blocks). Anyone else in the newsroom gets 403, a visitor the
//! log-in page. A refused form answers 400 with the reason, in French, and changes nothing.

pub mod authors;
mod common;
pub mod front;
mod routing;
pub mod sections;
pub mod tags;

pub use routing::routes;
