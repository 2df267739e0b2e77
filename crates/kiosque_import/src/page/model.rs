//! What a parsed page is, why a page may be refused, and the article draft a page gives.

use chrono::{NaiveDate, NaiveTime};
use kiosque_domain::article::{MAX_BLOCKS, MAX_BLOCK_CHARS, MAX_TITLE_CHARS};
use kiosque_domain::dates::paris_millis;
use kiosque_domain::slug::slugify;
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, MediaRef};

/// Largest page accepted, in bytes. Real article pages are a few tens of kilobytes.
pub const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// An article page, as read from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPage {
    /// The whole title, as the page shows it.
    pub title: String,
    /// The text before ` : ` in the title, when short (see the module documentation).
    pub topic: Option<String>,
    pub standfirst: Option<String>,
    /// The first kept image path, e.g. `/2016/12/23/phpoTLVxE_1.jpg`.
    pub hero_image: Option<String>,
    /// Every kept (non-placeholder) image path, in page order; the hero first.
    pub images: Vec<String>,
    /// The date of a `Publié le` stamp if any, else the hero image's path date.
    pub published_on: Option<NaiveDate>,
    /// The time of the `Publié le` stamp, when it has one.
    pub published_time: Option<NaiveTime>,
    /// The `Mis à jour le` stamp, when there is one.
    pub updated_on: Option<(NaiveDate, Option<NaiveTime>)>,
    /// Paragraphs, intertitles and quotes only.
    pub body: Vec<Block>,
    /// Titles of the `À regarder` list, in page order.
    pub videos: Vec<String>,
    /// Names from a `Par X et Y` byline; empty when the page names no author.
    pub authors: Vec<String>,
}

/// Why a page cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the page is empty: it holds no text")]
    Empty,
    #[error("the page is not UTF-8 text; convert it to UTF-8 first")]
    NotUtf8,
    #[error(
        "the page is a binary file, not text (it holds NUL bytes or too many control characters)"
    )]
    Binary,
    #[error(
        "the page does not start with a plausible title (its first line is an image reference, \
         a separator, boilerplate, a date line, or longer than {MAX_TITLE_CHARS} characters)"
    )]
    NoTitle,
    #[error("the page has a title but no body paragraph")]
    NoBody,
    #[error(
        "the page is {bytes} bytes long, more than the {MAX_PAGE_BYTES} bytes a page may have"
    )]
    TooLarge { bytes: usize },
    #[error("the page body has {blocks} blocks, more than the {MAX_BLOCKS} an article may hold")]
    TooManyBlocks { blocks: usize },
    #[error(
        "a body block of the page has {chars} characters, more than the {MAX_BLOCK_CHARS} \
         an article block may hold"
    )]
    BlockTooLong { chars: usize },
}

impl ImportedPage {
    /// Stable key so that importing the same page twice updates instead of duplicating:
    /// `page:{YYYY-MM-DD or "undated"}:{slugify(title)}`.
    pub fn source_key(&self) -> String {
        let date = self
            .published_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".to_owned());
        format!("page:{date}:{}", slugify(&self.title))
    }

    /// The article to store, published in `section` (a section slug).
    ///
    /// `published_at` comes from the page's date (at noon Paris time when the time is
    /// unknown); a page with no date at all gets `fallback_published_ms`.
    pub fn to_draft(&self, section: &str, fallback_published_ms: i64) -> ArticleDraft {
        let published_at = match self.published_on {
            Some(date) => paris_millis(date, self.published_time),
            None => fallback_published_ms,
        };
        ArticleDraft {
            source_key: Some(self.source_key()),
            section: section.to_owned(),
            title: self.title.clone(),
            standfirst: self.standfirst.clone(),
            hero: self.hero_image.as_ref().map(|path| MediaRef {
                path: path.clone(),
                alt: None,
                ..MediaRef::default()
            }),
            hero_video: None,
            body: self.body.clone(),
            tags: self.topic.iter().cloned().collect(),
            authors: self.authors.clone(),
            status: ArticleStatus::Published,
            published_at: Some(published_at),
            published_time_known: self.published_on.is_some() && self.published_time.is_some(),
            updated_at: self.updated_on.map(|(date, time)| paris_millis(date, time)),
            comment_mode: CommentMode::Open,
            slug: None,
            seo_title: None,
            seo_description: None,
        }
    }
}
