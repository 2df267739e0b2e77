//! The media library (`/admin/medias`), for contributors, journalists, editors and admins:
//! upload an image (validated by content and turned into responsive WebP variants by
//! `kiosque_media`), browse and search the library, edit an image's alt text, caption and
//! credit, and a small JSON list (`/admin/medias.json`) for the article editor's picker.
//! An image that published or scheduled articles show may be described only by editors,
//! admins and journalists who publish in every section of those articles (decided by the
//! store inside its write); each accepted change is a revision listed on the image's page.
//!
//! An upload is read from a `multipart/form-data` body whose `csrf` field comes before the
//! file, so that a forged form is refused before its file is read. The file is read in chunks
//! and no more than [`kiosque_media::Limits::max_bytes`] are kept: a heavier file gets a French message, as
//! does a body beyond the route's limit (16 MiB), which axum stops reading.

pub(crate) mod common;
mod framing;
mod image;
mod library;
mod routing;
mod upload;

pub use routing::routes;
