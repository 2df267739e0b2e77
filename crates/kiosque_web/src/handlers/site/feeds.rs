//! Feeds (RSS 2.0, Atom, JSON Feed) for the site, each section, tag and author; behind the page
//! cache, with absolute URLs from the configured public address.
//!
//! Every entry carries the same facts in every format and mode: its bylines (the site itself
//! for an unsigned article, as on its page), the date of its last update as its page gives it,
//! its section and tags, and an image.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::dates::from_millis;
use kiosque_domain::typography::typeset;
use kiosque_domain::{ArticleId, TagId};
use kiosque_store::{subtree, ArticleCard, EntryDetails};
use serde::Serialize;

use super::sitemaps::typed;
use crate::cache::Deps;
use crate::views::BlockView;
use crate::{AppError, AppState};

/// Items per feed.
const FEED_LEN: i64 = 50;

pub struct Enclosure {
    pub url: String,
    pub length: u64,
    pub mime: &'static str,
}

pub struct Byline {
    pub name: String,
    /// The author's page, or the site's for an unsigned article.
    pub url: String,
}

pub struct FeedItem {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub section: String,
    /// The article's tags, in their order.
    pub tags: Vec<String>,
    /// Never empty: an unsigned article is signed by the site, as its page's JSON-LD says.
    pub authors: Vec<Byline>,
    pub published_rfc2822: String,
    pub published_rfc3339: String,
    pub updated_rfc3339: String,
    /// When the article last changed for its readers (ms), for the feed's own date.
    pub updated_ms: i64,
    /// The hero image's file, when it exists (an enclosure needs its size).
    pub enclosure: Option<Enclosure>,
    /// The image that stands for the article: its hero, or the site's share image.
    pub image: String,
    /// The whole article as HTML, when feeds carry full content.
    pub content_html: Option<String>,
}

/// An article body as an HTML fragment for feed readers: absolute links, no classes, no
/// scripts; every text escaped by the template.
#[derive(Template)]
#[template(path = "feeds/content.html")]
struct FeedContent<'a> {
    base: &'a str,
    blocks: Vec<BlockView>,
}

#[derive(Template)]
#[template(path = "feeds/rss.xml")]
struct Rss<'a> {
    title: &'a str,
    description: &'a str,
    site_url: &'a str,
    self_url: &'a str,
    updated_rfc2822: Option<String>,
    items: &'a [FeedItem],
}

#[derive(Template)]
#[template(path = "feeds/atom.xml")]
struct Atom<'a> {
    title: &'a str,
    description: &'a str,
    site_url: &'a str,
    self_url: &'a str,
    /// The site's home page: the publisher, author of the feed as a whole.
    home_url: &'a str,
    updated_rfc3339: String,
    items: &'a [FeedItem],
}

fn mime_of(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        _ => return None,
    })
}

fn item(
    state: &AppState,
    stored: &std::collections::HashMap<String, kiosque_store::MediaFile>,
    c: &ArticleCard,
    details: Option<&EntryDetails>,
) -> FeedItem {
    let config = state.config();
    // The hero image goes in as an enclosure only when the media store has its file (its size
    // is required), as the database records it.
    let enclosure = c.hero.as_ref().and_then(|h| {
        let rel = h.path.trim_start_matches('/');
        if rel.split('/').any(|s| s.is_empty() || s == "..") {
            return None;
        }
        let file = stored.get(rel)?;
        Some(Enclosure {
            url: config.link(&format!("/media/{rel}")),
            length: u64::try_from(file.bytes).ok()?,
            mime: mime_of(rel)?,
        })
    });
    let published = from_millis(c.published_at);
    // The same date the article's page gives as `article:modified_time` and `dateModified`.
    let updated_ms = details.and_then(|d| d.updated_at).unwrap_or(c.published_at);
    let updated = from_millis(updated_ms);
    let mut authors: Vec<Byline> = details
        .map(|d| {
            d.authors
                .iter()
                .map(|a| Byline {
                    name: typeset(&a.name),
                    url: config.link(&format!("/auteur/{}", a.slug)),
                })
                .collect()
        })
        .unwrap_or_default();
    if authors.is_empty() {
        authors.push(Byline {
            name: "Kiosque".to_owned(),
            url: config.link("/"),
        });
    }
    FeedItem {
        id: config.link(&format!("/a/article_{}.html", c.id)),
        url: config.link(&c.path()),
        title: typeset(&c.title),
        summary: c.standfirst.as_deref().map(typeset),
        section: typeset(&c.section_name),
        tags: details
            .map(|d| d.tags.iter().map(|t| typeset(&t.name)).collect())
            .unwrap_or_default(),
        authors,
        published_rfc2822: published.to_rfc2822(),
        published_rfc3339: published.to_rfc3339(),
        updated_rfc3339: updated.to_rfc3339(),
        updated_ms,
        image: enclosure
            .as_ref()
            .map(|e| e.url.clone())
            .unwrap_or_else(|| crate::metadata::site_image(config)),
        enclosure,
        content_html: None,
    }
}

/// Adds each article's whole body to its item (feeds configured for full content).
async fn add_content(
    state: &AppState,
    items: &mut [FeedItem],
    cards: &[ArticleCard],
) -> Result<(), AppError> {
    let base = state.config().public_url.trim_end_matches('/').to_owned();
    for (item, card) in items.iter_mut().zip(cards) {
        let Some(article) = state.store().article(card.id).await? else {
            continue;
        };
        let figures = crate::views::Figures::of_blocks(state.store(), None, &article.body).await?;
        item.content_html = Some(
            FeedContent {
                base: &base,
                blocks: crate::views::blocks_at(&article.body, &figures, &base),
            }
            .render()?,
        );
    }
    Ok(())
}

/// The three formats of one feed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    pub fn from_file(file: &str) -> Option<Format> {
        Some(match file {
            "rss.xml" => Format::Rss,
            "atom.xml" => Format::Atom,
            "feed.json" => Format::Json,
            _ => return None,
        })
    }
}

/// The `<link rel="alternate">` entries of a page's three feeds, under `base` (`/monde`).
pub fn alternates(state: &AppState, name: &str, base: &str) -> Vec<(&'static str, String, String)> {
    [
        ("application/rss+xml", "RSS", "rss.xml"),
        ("application/atom+xml", "Atom", "atom.xml"),
        ("application/feed+json", "JSON Feed", "feed.json"),
    ]
    .into_iter()
    .map(|(kind, label, file)| {
        (
            kind,
            crate::i18n::t2("site-feed-link", "name", name, "format", label),
            state.config().link(&format!("{base}/{file}")),
        )
    })
    .collect()
}

/// What a feed says about itself.
pub struct FeedMeta<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The page the feed follows (`/monde`).
    pub page_path: &'a str,
    /// The feed's own path (`/monde/rss.xml`).
    pub self_path: &'a str,
}

/// What a feed's head says of itself.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    site_url: &'a str,
    self_url: &'a str,
}

pub async fn render_feed(
    state: &AppState,
    format: Format,
    meta: FeedMeta<'_>,
    cards: &[ArticleCard],
    deps: Deps,
) -> Result<Response, AppError> {
    let config = state.config();
    let ids: Vec<ArticleId> = cards.iter().map(|c| c.id).collect();
    let details = state.store().entry_details(&ids).await?;
    let heroes: Vec<String> = cards
        .iter()
        .filter_map(|c| c.hero.as_ref().map(|h| h.path.clone()))
        .collect();
    let stored = state.store().media_files(&heroes).await?;
    let mut items: Vec<FeedItem> = cards
        .iter()
        .map(|c| item(state, &stored, c, details.get(&c.id)))
        .collect();
    if config.feed_full_content {
        add_content(state, &mut items, cards).await?;
    }
    // Entries follow their article (a correction touches only the article) and the names of
    // their authors and tags.
    let deps = deps
        .with(Key::Names)
        .extend(ids.iter().map(|id| Key::Article(*id)));
    render_items(state, format, meta, &items, deps)
}

/// A feed of ready items (a section's articles, a live blog's posts), in `format`.
pub(crate) fn render_items(
    state: &AppState,
    format: Format,
    meta: FeedMeta<'_>,
    items: &[FeedItem],
    deps: Deps,
) -> Result<Response, AppError> {
    let FeedMeta {
        title,
        description,
        page_path,
        self_path,
    } = meta;
    let config = state.config();
    // The feed changed last when its latest entry did.
    let newest = items.iter().map(|i| i.updated_ms).max().map(from_millis);
    let site_url = config.link(page_path);
    let self_url = config.link(self_path);
    let title = typeset(title);
    let description = typeset(description);
    let head = Head {
        title: &title,
        description: &description,
        site_url: &site_url,
        self_url: &self_url,
    };
    Ok(match format {
        Format::Rss => typed(
            Rss {
                title: head.title,
                description: head.description,
                site_url: head.site_url,
                self_url: head.self_url,
                updated_rfc2822: newest.map(|d| d.to_rfc2822()),
                items,
            }
            .render()?,
            "application/rss+xml; charset=utf-8",
            Some(deps),
        ),
        Format::Atom => typed(
            Atom {
                title: head.title,
                description: head.description,
                site_url: head.site_url,
                self_url: head.self_url,
                home_url: &config.link("/"),
                // An empty feed has no newest entry: it says 1970, which readers ignore.
                updated_rfc3339: newest.unwrap_or_default().to_rfc3339(),
                items,
            }
            .render()?,
            "application/atom+xml; charset=utf-8",
            Some(deps),
        ),
        Format::Json => typed(
            json_feed(&head, items)?,
            "application/feed+json; charset=utf-8",
            Some(deps),
        ),
    })
}

/// A JSON Feed 1.1 author.
#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    url: &'a str,
}

/// A JSON Feed 1.1 item. The spec reads a missing key as "not known" and asks publishers to
/// leave it out rather than send null or an empty list: optional keys are skipped when empty.
#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    content_text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    image: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: String,
    /// Required by the spec, so present even when the feed is empty.
    items: Vec<JsonItem<'a>>,
}

/// A JSON Feed 1.1 document.
fn json_feed(head: &Head<'_>, items: &[FeedItem]) -> Result<String, AppError> {
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: head.title,
        home_page_url: head.site_url,
        feed_url: head.self_url,
        description: head.description,
        language: crate::i18n::t("site-locale"),
        items: items
            .iter()
            .map(|i| {
                // The section leads the tags, as in the RSS and Atom categories.
                let mut tags = vec![i.section.as_str()];
                tags.extend(
                    i.tags
                        .iter()
                        .map(String::as_str)
                        .filter(|t| *t != i.section),
                );
                JsonItem {
                    id: &i.id,
                    url: &i.url,
                    title: &i.title,
                    content_html: i.content_html.as_deref(),
                    content_text: i.summary.as_deref().unwrap_or(&i.title),
                    summary: i.summary.as_deref(),
                    image: &i.image,
                    date_published: &i.published_rfc3339,
                    date_modified: &i.updated_rfc3339,
                    authors: i
                        .authors
                        .iter()
                        .map(|a| JsonAuthor {
                            name: &a.name,
                            url: &a.url,
                        })
                        .collect(),
                    tags,
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))
}

/// `/rss.xml`, `/atom.xml`, `/feed.json`: the latest articles of the whole site.
pub async fn site(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Response, AppError> {
    let file = uri.path().trim_start_matches('/').to_owned();
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let (cards, _) = state.store().published_articles(None, 0, FEED_LEN).await?;
    render_feed(
        &state,
        format,
        FeedMeta {
            title: &crate::i18n::t("site-title-front"),
            description: &crate::i18n::t("site-description-front"),
            page_path: "/",
            self_path: &format!("/{file}"),
        },
        &cards,
        Deps::new([Key::Front]),
    )
    .await
}

/// `/{section}/rss.xml` and the other formats: a section and its children.
pub async fn section(
    state: &AppState,
    slug: &str,
    format: Format,
    file: &str,
) -> Result<Response, AppError> {
    let all = state.store().sections().await?;
    let section = all
        .iter()
        .find(|s| s.slug == slug)
        .ok_or(AppError::NotFound)?;
    let ids = subtree(&all, section.id);
    let (cards, _) = state
        .store()
        .published_articles(Some(&ids), 0, FEED_LEN)
        .await?;
    let deps = ids
        .iter()
        .fold(Deps::new([Key::Nav]), |d, id| d.with(Key::Section(*id)));
    render_feed(
        state,
        format,
        FeedMeta {
            title: &crate::i18n::t1("site-title", "title", &section.name),
            description: section.description.as_deref().unwrap_or(&section.name),
            page_path: &format!("/{slug}"),
            self_path: &format!("/{slug}/{file}"),
        },
        &cards,
        deps,
    )
    .await
}

/// `/tag/{slug}/rss.xml` and the other formats.
pub async fn tag(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    // A tag only a draft carries is not public yet (it may name an embargoed story).
    let tag = state
        .store()
        .public_tag_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (cards, _) = state
        .store()
        .tagged_articles(&tag.slug, 0, FEED_LEN)
        .await?;
    render_feed(
        &state,
        format,
        FeedMeta {
            title: &crate::i18n::t1("site-title", "title", &tag.name),
            description: &crate::i18n::t1("site-feed-tag", "name", &tag.name),
            page_path: &format!("/tag/{slug}"),
            self_path: &format!("/tag/{slug}/{file}"),
        },
        &cards,
        Deps::new([Key::Tag(TagId(tag.id))]),
    )
    .await
}
