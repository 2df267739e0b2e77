//! Live blogs on the public site: the live blog's page (an article that is a live blog, served
//! through the article's permalink), `/direct`, the stream of new posts and the feeds.

pub mod feed;
pub mod index;
pub mod page;
pub mod stream;

/// Posts on a page of a live blog.
pub(crate) const PER_PAGE: i64 = 50;
