//! WordPress exports (WXR, "WordPress eXtended RSS", versions 1.0 to 1.2): the file WordPress's
//! "Tools → Export" writes, with the site's authors, categories, tags, and every post, page and
//! attachment with its comments and meta.
//!
//! [`WxrReader`] reads it as a stream, one [`Entry`] at a time in file order, holding only the
//! entry being read: memory stays flat whatever the file's size. Texts come as WordPress wrote
//! them (bodies in block markup or classic HTML, dates as `YYYY-MM-DD HH:MM:SS` local and
//! GMT); mapping them onto Kiosque's content is the importer's work. Anything the reader does
//! not know (other namespaces, plug-ins' elements) is skipped; an input that is not XML, not a
//! WXR file (another root, an RSS feed without `wp:wxr_version`), cut short, or with a field
//! over [`MAX_FIELD_BYTES`] is refused with a [`WxrError`] saying where.

mod body;
mod classic;
mod model;
mod post;
mod reader;

pub(crate) use body::escape_inline;
pub use body::{comment_text, convert, plain_text, Body};
pub use model::{Author, Category, Comment, Entry, Item, ItemTerm, Site, Tag};
pub use post::{
    post_draft, section_slug, source_key, wordpress_time, Context, ImportedPost, PostError,
};
pub use reader::{WxrError, WxrReader, MAX_FIELD_BYTES};

#[cfg(test)]
mod body_tests;
#[cfg(test)]
mod post_tests;
#[cfg(test)]
mod tests;
