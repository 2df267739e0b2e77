//! A WordPress post as a Kiosque article draft: what the importer stores for each `post` item.
//!
//! - Status: `publish` → published, `future` → scheduled, `draft`, `pending` and `auto-draft` →
//!   draft, `private` → unpublished (kept, not shown). Trashed posts are not imported.
//! - Dates: `post_date_gmt` (UTC); a draft never dated has none.
//! - Section: the first category's nicename; tags: the post's tags; byline: the author's
//!   display name (their login when the export has no author entry).
//! - The excerpt's text is the standfirst, the body is [`super::convert`]ed, the featured image
//!   (`_thumbnail_id`) is the hero when the importer holds that attachment.
//! - `source_key` (`wordpress:{site host}:{post id}`) makes a second import an update.

use chrono::NaiveDateTime;
use kiosque_domain::article::{MAX_STANDFIRST_CHARS, MAX_TITLE_CHARS};
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, DraftError, MediaRef};

use super::body::{convert, escape_inline, plain_text};
use super::model::{Item, Site};

/// Why a post is not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostError {
    #[error("item {id} is a {kind}, not a post")]
    NotAPost { id: i64, kind: String },
    #[error("post {id} is in the trash")]
    Trashed { id: i64 },
    #[error("post {id} has the unknown status {status:?}")]
    UnknownStatus { id: i64, status: String },
    #[error("post {id} cannot be an article: {error:?}")]
    Invalid { id: i64, error: DraftError },
}

/// A post, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPost {
    pub draft: ArticleDraft,
    /// The section's name as the export gives it (`Monde`), to create it when missing.
    pub section_name: String,
    /// What the body's conversion could not keep as it was.
    pub report: Vec<String>,
}

/// What the importer knows beyond the post: who wrote it, and the media it imported.
pub struct Context<'a> {
    pub site: &'a Site,
    /// An author's display name by login.
    pub author_name: &'a dyn Fn(&str) -> Option<String>,
    /// The library's path of an image address.
    pub library: &'a dyn Fn(&str) -> Option<String>,
    /// The hero made of an attachment (by its post id), when the library holds it.
    pub attachment: &'a dyn Fn(i64) -> Option<MediaRef>,
    /// The section of a post without a category.
    pub default_section: &'a str,
}

/// The draft of a `post` item.
pub fn post_draft(item: &Item, cx: &Context<'_>) -> Result<ImportedPost, PostError> {
    let id = item.post_id;
    if item.post_type != "post" {
        return Err(PostError::NotAPost {
            id,
            kind: item.post_type.clone(),
        });
    }
    let status = match item.status.as_str() {
        "publish" => ArticleStatus::Published,
        "future" => ArticleStatus::Scheduled,
        "draft" | "pending" | "auto-draft" => ArticleStatus::Draft,
        "private" => ArticleStatus::Unpublished,
        "trash" => return Err(PostError::Trashed { id }),
        other => {
            return Err(PostError::UnknownStatus {
                id,
                status: other.to_owned(),
            })
        }
    };
    let published_at = wordpress_time(&item.post_date_gmt)
        .or_else(|| wordpress_time(&item.post_date))
        .filter(|_| status != ArticleStatus::Draft || item.post_date_gmt != ZERO_DATE);
    let category = item.terms_of("category").next();
    let (section, section_name) = match category {
        Some(c) => (section_slug(&c.nicename, &c.name), c.name.clone()),
        None => (cx.default_section.to_owned(), String::new()),
    };
    let mut report = Vec::new();
    let title = match item.title.trim() {
        "" => {
            report.push(format!("post {id} has no title: its id stands for it"));
            format!("#{id}")
        }
        t if t.chars().count() > MAX_TITLE_CHARS => {
            report.push(format!(
                "post {id}'s title was cut to {MAX_TITLE_CHARS} characters"
            ));
            t.chars()
                .take(MAX_TITLE_CHARS)
                .collect::<String>()
                .trim()
                .to_owned()
        }
        t => t.to_owned(),
    };
    let mut body = convert(&item.content, cx.library);
    report.append(&mut body.report);
    let mut standfirst = Some(plain_text(&item.excerpt)).filter(|s| !s.is_empty());
    if let Some(long) = standfirst
        .take_if(|s| s.chars().count() > MAX_STANDFIRST_CHARS)
        .map(|s| escape_inline(&s))
    {
        // Too long for a standfirst: it opens the body instead, every word kept.
        report.push(format!(
            "post {id}'s excerpt opens its body (too long for a standfirst)"
        ));
        body.blocks.insert(0, Block::Paragraph { text: long });
    }
    if body.blocks.is_empty() {
        report.push(format!("post {id} has no body: its title stands for it"));
        body.blocks.push(Block::Paragraph {
            text: title.clone(),
        });
    }
    let mut tags: Vec<String> = Vec::new();
    for t in item.terms_of("post_tag") {
        if !t.name.is_empty() && !tags.contains(&t.name) {
            tags.push(t.name.clone());
        }
    }
    let byline = (cx.author_name)(&item.creator).unwrap_or_else(|| item.creator.clone());
    let hero = item
        .meta("_thumbnail_id")
        .and_then(|v| v.trim().parse().ok())
        .and_then(|attachment| (cx.attachment)(attachment));
    let draft = ArticleDraft {
        source_key: Some(source_key(cx.site, id)),
        section,
        title,
        standfirst,
        hero,
        hero_video: None,
        body: body.blocks,
        tags,
        authors: Some(byline).filter(|b| !b.is_empty()).into_iter().collect(),
        status,
        published_at,
        published_time_known: published_at.is_some(),
        updated_at: None,
        comment_mode: if item.comment_status == "closed" {
            CommentMode::Closed
        } else {
            CommentMode::Open
        },
        slug: Some(item.post_name.clone()).filter(|s| kiosque_domain::slug::is_valid_slug(s)),
        seo_title: None,
        seo_description: None,
    };
    draft
        .validate()
        .map_err(|error| PostError::Invalid { id, error })?;
    Ok(ImportedPost {
        draft,
        section_name,
        report,
    })
}

/// What identifies a post of a site across imports.
pub fn source_key(site: &Site, post_id: i64) -> String {
    let base = if site.base_blog_url.is_empty() {
        &site.link
    } else {
        &site.base_blog_url
    };
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .trim_end_matches('/');
    format!("wordpress:{host}:{post_id}")
}

/// The section slug of a category: its nicename when it makes a usable slug, else one made
/// of its name (nicenames of non-Latin names are percent-encoded); a slug the site keeps for
/// its own pages (`tag`, `pages`…) gets `-wp` added.
pub fn section_slug(nicename: &str, name: &str) -> String {
    let slug = if kiosque_domain::slug::is_valid_slug(nicename) {
        nicename.to_owned()
    } else {
        kiosque_domain::slug::slugify(name)
    };
    if kiosque_domain::slug::RESERVED_SECTION_SLUGS.contains(&slug.as_str()) {
        format!("{slug}-wp")
    } else {
        slug
    }
}

/// WordPress's "never dated".
const ZERO_DATE: &str = "0000-00-00 00:00:00";

/// `YYYY-MM-DD HH:MM:SS` as Unix milliseconds, read as UTC; `None` for WordPress's "never".
pub fn wordpress_time(s: &str) -> Option<i64> {
    if s.trim() == ZERO_DATE {
        return None;
    }
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|t| t.and_utc().timestamp_millis())
}
