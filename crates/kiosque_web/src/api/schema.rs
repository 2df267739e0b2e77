//! The API's JSON shapes. They are the public contract, kept apart from store rows and domain
//! types so that renaming a field inside Kiosque never breaks a partner's app.

use kiosque_domain::inline::plain;
use kiosque_domain::{Block, MediaRef};
use kiosque_store::{ArticleCard, ArticleView, Listed, SectionRow, VideoCard};
use serde::Serialize;
use utoipa::ToSchema;

use crate::config::SiteConfig;

/// RFC 3339 in UTC with milliseconds, as every date of the API.
pub fn rfc3339(ms: i64) -> String {
    // Out of chrono's range (±262,000 years) only: no stored time is.
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// An image of the media library.
#[derive(Serialize, ToSchema)]
pub struct Media {
    /// Absolute URL of the image file.
    pub url: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    /// Who holds the rights ("AFP").
    pub credit: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl Media {
    pub fn of(m: &MediaRef, config: &SiteConfig) -> Media {
        Media {
            url: config.link(&format!("/media/{}", m.path.trim_start_matches('/'))),
            alt: m.alt.clone(),
            caption: m.caption.clone(),
            credit: m.credit.clone(),
            width: m.width,
            height: m.height,
        }
    }
}

/// A section, tag or author as referenced from an article.
#[derive(Serialize, ToSchema)]
pub struct NamedRef {
    pub slug: String,
    pub name: String,
}

/// An article in a list.
#[derive(Serialize, ToSchema)]
pub struct ArticleSummary {
    pub id: i64,
    /// The canonical page of the article.
    pub url: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub section: NamedRef,
    pub hero: Option<Media>,
    /// RFC 3339, UTC.
    pub published_at: String,
    /// False when only the day of publication is known (archived articles).
    pub published_time_known: bool,
}

impl ArticleSummary {
    pub fn of(c: &ArticleCard, config: &SiteConfig) -> Self {
        ArticleSummary {
            id: c.id.get(),
            url: config.link(&c.path()),
            title: c.title.clone(),
            standfirst: c.standfirst.clone(),
            section: NamedRef {
                slug: c.section_slug.clone(),
                name: c.section_name.clone(),
            },
            hero: c.hero.as_ref().map(|m| Media::of(m, config)),
            published_at: rfc3339(c.published_at),
            published_time_known: c.published_time_known,
        }
    }
}

/// One block of an article body, tagged by `type`. Texts are plain: the newsroom's inline
/// formatting (italics, bold, links) is left out, its words kept; the article's `url` shows it.
#[derive(Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BodyBlock {
    Paragraph {
        /// Plain text, without formatting marks.
        text: String,
    },
    /// A sub-heading inside the body.
    Intertitle {
        text: String,
    },
    Quote {
        /// Plain text, without formatting marks.
        text: String,
        /// Who said or wrote it.
        source: Option<String>,
    },
    Image {
        media: Media,
    },
    Video {
        video_id: i64,
        /// The video in this API.
        api: String,
    },
    /// A podcast episode's player.
    Audio {
        audio_id: i64,
        /// The episode's public page.
        url: String,
    },
    /// Content from another site (a post, a map), by its URL.
    Embed {
        url: String,
    },
    List {
        ordered: bool,
        /// Plain texts, without formatting marks.
        items: Vec<String>,
    },
    /// "Lire aussi": a link to another article of the site.
    ReadAlso {
        article_id: i64,
        title: String,
        /// The article in this API.
        api: String,
    },
}

impl BodyBlock {
    pub fn of(b: &Block, config: &SiteConfig) -> Self {
        match b {
            Block::Paragraph { text } => BodyBlock::Paragraph { text: plain(text) },
            Block::Intertitle { text } => BodyBlock::Intertitle { text: text.clone() },
            Block::Quote { text, source } => BodyBlock::Quote {
                text: plain(text),
                source: source.clone(),
            },
            Block::Image { media } => BodyBlock::Image {
                media: Media::of(media, config),
            },
            Block::Video { video_id } => BodyBlock::Video {
                video_id: *video_id,
                api: config.link(&format!("/api/v1/videos/{video_id}")),
            },
            Block::Audio { audio_id } => BodyBlock::Audio {
                audio_id: *audio_id,
                url: config.link(&format!("/podcasts/episodes/episode_{audio_id}.html")),
            },
            Block::Embed { url } => BodyBlock::Embed { url: url.clone() },
            Block::List { ordered, items } => BodyBlock::List {
                ordered: *ordered,
                items: items.iter().map(|i| plain(i)).collect(),
            },
            Block::ReadAlso { article_id, title } => BodyBlock::ReadAlso {
                article_id: *article_id,
                title: title.clone(),
                api: config.link(&format!("/api/v1/articles/{article_id}")),
            },
        }
    }
}

/// A whole published article.
#[derive(Serialize, ToSchema)]
pub struct Article {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub section: NamedRef,
    /// The section's parent, for sections inside another (Monde > Europe).
    pub parent_section: Option<NamedRef>,
    pub tags: Vec<NamedRef>,
    /// Bylines, in order; empty for an unsigned article.
    pub authors: Vec<NamedRef>,
    pub hero: Option<Media>,
    /// A video shown at the top in place of the hero image.
    pub hero_video: Option<Video>,
    /// The body as structured blocks, in reading order.
    pub body: Vec<BodyBlock>,
    pub published_at: String,
    pub published_time_known: bool,
    /// Set when the article was updated after publication.
    pub updated_at: Option<String>,
}

impl Article {
    pub fn of(a: &ArticleView, config: &SiteConfig) -> Self {
        Article {
            id: a.id.get(),
            url: config.link(&a.path()),
            title: a.title.clone(),
            standfirst: a.standfirst.clone(),
            section: NamedRef {
                slug: a.section.slug.clone(),
                name: a.section.name.clone(),
            },
            parent_section: a.parent_section.as_ref().map(|s| NamedRef {
                slug: s.slug.clone(),
                name: s.name.clone(),
            }),
            tags: a
                .tags
                .iter()
                .map(|t| NamedRef {
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                })
                .collect(),
            authors: a
                .authors
                .iter()
                .map(|t| NamedRef {
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                })
                .collect(),
            hero: a.hero.as_ref().map(|m| Media::of(m, config)),
            hero_video: a.hero_video.as_ref().map(|v| Video::of(v, config)),
            body: a.body.iter().map(|b| BodyBlock::of(b, config)).collect(),
            // The API lists published articles only, which always have a publication time.
            published_at: rfc3339(a.published_at.unwrap_or_default()),
            published_time_known: a.published_time_known,
            updated_at: a.updated_at.map(rfc3339),
        }
    }
}

/// A page of articles, newest first.
#[derive(Serialize, ToSchema)]
pub struct ArticleList {
    pub items: Vec<ArticleSummary>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Section {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    /// The parent section's slug, for sections inside another.
    pub parent: Option<String>,
    /// Order in the site's navigation.
    pub position: i64,
    pub url: String,
}

impl Section {
    pub fn of(s: &SectionRow, all: &[SectionRow], config: &SiteConfig) -> Self {
        Section {
            id: s.id.get(),
            slug: s.slug.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            parent: s
                .parent_id
                .and_then(|p| all.iter().find(|x| x.id == p))
                .map(|p| p.slug.clone()),
            position: s.position,
            url: config.link(&format!("/{}", s.slug)),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SectionList {
    pub items: Vec<Section>,
}

/// A tag or an author.
#[derive(Serialize, ToSchema)]
pub struct Term {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// An author's biography; always null for tags.
    pub bio: Option<String>,
    /// How many published articles carry it.
    pub articles: i64,
    pub url: String,
}

impl Term {
    pub fn of(l: &Listed, prefix: &str, config: &SiteConfig) -> Self {
        Term {
            id: l.id,
            slug: l.slug.clone(),
            name: l.name.clone(),
            bio: l.bio.clone(),
            articles: l.articles,
            url: config.link(&format!("{prefix}/{}", l.slug)),
        }
    }
}

/// A page of tags or authors, in id order.
#[derive(Serialize, ToSchema)]
pub struct TermList {
    pub items: Vec<Term>,
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Video {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub poster: Option<Media>,
    pub duration_seconds: Option<i64>,
    /// The uploaded file (MP4 or WebM), when there is one.
    pub file_url: Option<String>,
    /// An external player, when the video lives elsewhere.
    pub embed_url: Option<String>,
    pub published_at: String,
}

impl Video {
    pub fn of(v: &VideoCard, config: &SiteConfig) -> Self {
        Video {
            id: v.id,
            url: config.link(&v.path()),
            title: v.title.clone(),
            poster: v.poster.as_ref().map(|m| Media::of(m, config)),
            duration_seconds: v.duration_seconds,
            file_url: v
                .file_path
                .as_ref()
                .map(|p| config.link(&format!("/media/{}", p.trim_start_matches('/')))),
            embed_url: v.embed_url.clone(),
            published_at: rfc3339(v.published_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct VideoList {
    pub items: Vec<Video>,
    pub next_cursor: Option<String>,
}

/// A run of a search snippet; highlighted runs matched the query.
#[derive(Serialize, ToSchema)]
pub struct SnippetRun {
    pub text: String,
    pub highlighted: bool,
}

/// A search result: an article or a video, after `type`.
#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    /// `article` or `video`.
    #[serde(rename = "type")]
    #[schema(example = "article")]
    pub kind: String,
    /// The article, when `type` is `article`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleSummary>,
    /// The video, when `type` is `video`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video: Option<Video>,
    /// Highlighted runs of the article's text; empty for a video (its title matched).
    pub snippet: Vec<SnippetRun>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    /// How many results of the requested types match in all: exact when they are fewer than
    /// 1,000; beyond, it may be estimated from part of the index (a frequent word), which costs
    /// far less than counting them all.
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<SearchHit>,
}

/// Every error: a stable code and a message for the developer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `bad_request`, `unauthorized`, `not_found`, `rate_limited` or `internal`; the write
    /// routes add their own: `insufficient_scope`, `forbidden`, `version_conflict`,
    /// `status_conflict`, and for refused input a code per rule (`draft.empty_title`,
    /// `unknown_image`, `media.not_an_image`…).
    pub code: String,
    pub message: String,
    /// The request's field at fault (`title`, `blocks[2]`, `hero.path`, `file`), when there
    /// is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// With `version_conflict`: the version now stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
}
