//! Feeds (RSS 2.0, Atom, JSON Feed) for the site, each section and each tag; sitemaps (an index
//! of paginated article sitemaps, the section pages, a Google News sitemap of the last 48 hours);
//! robots.txt. All behind the page cache, with absolute URLs from the configured public address.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::change::Key;
use kiosque_domain::dates::from_millis;
use kiosque_domain::typography::french;
use kiosque_domain::TagId;
use kiosque_store::ArticleCard;
use serde_json::json;

use crate::cache::Deps;
use crate::views::BlockView;
use crate::{AppError, AppState};
use kiosque_store::subtree;

/// Items per feed.
const FEED_LEN: i64 = 50;
/// URLs per article sitemap (the protocol's limit).
const SITEMAP_LEN: i64 = 50_000;

pub struct Enclosure {
    pub url: String,
    pub length: u64,
    pub mime: &'static str,
}

pub struct FeedItem {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub section: String,
    pub authors: Vec<String>,
    pub published_rfc2822: String,
    pub published_rfc3339: String,
    pub updated_rfc3339: String,
    pub enclosure: Option<Enclosure>,
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
    updated_rfc3339: String,
    items: &'a [FeedItem],
}

#[derive(Template)]
#[template(path = "feeds/sitemap_index.xml")]
struct SitemapIndex {
    sitemaps: Vec<String>,
}

#[derive(Template)]
#[template(path = "feeds/sitemap.xml")]
struct Sitemap {
    urls: Vec<(String, Option<String>)>,
}

#[derive(Template)]
#[template(path = "feeds/news.xml")]
struct NewsSitemap {
    items: Vec<FeedItem>,
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

fn item(state: &AppState, c: &ArticleCard) -> FeedItem {
    let config = state.config();
    // The hero image goes in as an enclosure only when its file exists (its size is required).
    let enclosure = c.hero.as_ref().and_then(|h| {
        let rel = h.path.trim_start_matches('/');
        if rel.split('/').any(|s| s.is_empty() || s == "..") {
            return None;
        }
        let meta = std::fs::metadata(state.media_dir().join(rel)).ok()?;
        Some(Enclosure {
            url: config.link(&format!("/media/{rel}")),
            length: meta.len(),
            mime: mime_of(rel)?,
        })
    });
    let published = from_millis(c.published_at);
    FeedItem {
        id: config.link(&format!("/a/article_{}.html", c.id)),
        url: config.link(&c.path()),
        title: french(&c.title),
        summary: c.standfirst.as_deref().map(french),
        section: french(&c.section_name),
        authors: Vec::new(),
        published_rfc2822: published.to_rfc2822(),
        published_rfc3339: published.to_rfc3339(),
        updated_rfc3339: published.to_rfc3339(),
        enclosure,
        content_html: None,
    }
}

/// Adds each article's whole body and bylines to its item (feeds configured for full content).
async fn add_content(
    state: &AppState,
    items: &mut [FeedItem],
    cards: &[ArticleCard],
) -> Result<(), AppError> {
    let base = state.config().public_url.trim_end_matches('/').to_owned();
    let figures = crate::views::Figures {
        media_dir: state.media_dir(),
    };
    for (item, card) in items.iter_mut().zip(cards) {
        let Some(article) = state.store().article(card.id).await? else {
            continue;
        };
        item.authors = article.authors.iter().map(|a| french(&a.name)).collect();
        if let Some(u) = article.updated_at {
            item.updated_rfc3339 = from_millis(u).to_rfc3339();
        }
        item.content_html = Some(
            FeedContent {
                base: &base,
                blocks: crate::views::blocks(&article.body, &figures),
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

fn typed(body: String, content_type: &'static str, deps: Deps) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::pages::PUBLIC_CACHE),
    );
    res.extensions_mut().insert(deps);
    res
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
            format!("{name} — Kiosque ({label})"),
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

pub async fn render_feed(
    state: &AppState,
    format: Format,
    meta: FeedMeta<'_>,
    cards: &[ArticleCard],
    deps: Deps,
) -> Result<Response, AppError> {
    let FeedMeta {
        title,
        description,
        page_path,
        self_path,
    } = meta;
    let config = state.config();
    let mut items: Vec<FeedItem> = cards.iter().map(|c| item(state, c)).collect();
    if config.feed_full_content {
        add_content(state, &mut items, cards).await?;
    }
    let newest = cards.first().map(|c| from_millis(c.published_at));
    let site_url = config.link(page_path);
    let self_url = config.link(self_path);
    let title = french(title);
    let description = french(description);
    Ok(match format {
        Format::Rss => typed(
            Rss {
                title: &title,
                description: &description,
                site_url: &site_url,
                self_url: &self_url,
                updated_rfc2822: newest.map(|d| d.to_rfc2822()),
                items: &items,
            }
            .render()?,
            "application/rss+xml; charset=utf-8",
            deps,
        ),
        Format::Atom => typed(
            Atom {
                title: &title,
                description: &description,
                site_url: &site_url,
                self_url: &self_url,
                // An empty feed has no newest entry: it says 1970, which readers ignore.
                updated_rfc3339: newest.unwrap_or_default().to_rfc3339(),
                items: &items,
            }
            .render()?,
            "application/atom+xml; charset=utf-8",
            deps,
        ),
        Format::Json => typed(
            json_feed(&title, &description, &site_url, &self_url, &items)?,
            "application/feed+json; charset=utf-8",
            deps,
        ),
    })
}

/// A JSON Feed 1.1 document.
fn json_feed(
    title: &str,
    description: &str,
    site_url: &str,
    self_url: &str,
    items: &[FeedItem],
) -> Result<String, AppError> {
    let doc = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "description": description,
        "home_page_url": site_url,
        "feed_url": self_url,
        "language": "fr-FR",
        "items": items.iter().map(|i| json!({
            "id": i.id,
            "url": i.url,
            "title": i.title,
            "summary": i.summary,
            "content_text": i.summary.clone().unwrap_or_else(|| i.title.clone()),
            "content_html": i.content_html,
            "date_modified": i.updated_rfc3339,
            "authors": i.authors.iter().map(|a| json!({"name": a})).collect::<Vec<_>>(),
            "date_published": i.published_rfc3339,
            "tags": [i.section],
            "image": i.enclosure.as_ref().map(|e| e.url.clone()),
        })).collect::<Vec<_>>(),
    });
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
            title: "Kiosque — l’actualité en continu",
            description: "Toute l’actualité en France et dans le monde.",
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
            title: &format!("{} — Kiosque", section.name),
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
    let tag = state
        .store()
        .tag_by_slug(&slug)
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
            title: &format!("{} — Kiosque", tag.name),
            description: &format!("Les articles sur {}", tag.name),
            page_path: &format!("/tag/{slug}"),
            self_path: &format!("/tag/{slug}/{file}"),
        },
        &cards,
        Deps::new([Key::Tag(TagId(tag.id))]),
    )
    .await
}

pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /admin\nDisallow: /compte\nDisallow: /commentaires\n\
         Sitemap: {}\nSitemap: {}\n",
        state.config().link("/sitemap.xml"),
        state.config().link("/sitemaps/news.xml"),
    );
    typed(body, "text/plain; charset=utf-8", Deps::new([]))
}

/// `/sitemap.xml`: the index of every sitemap.
pub async fn sitemap_index(State(state): State<AppState>) -> Result<Response, AppError> {
    let (_, total) = state.store().sitemap_entries(0, 0).await?;
    let pages = ((total + SITEMAP_LEN - 1) / SITEMAP_LEN).max(1);
    let config = state.config();
    let mut sitemaps = vec![config.link("/sitemaps/pages.xml")];
    sitemaps.extend((1..=pages).map(|n| config.link(&format!("/sitemaps/articles-{n}.xml"))));
    sitemaps.push(config.link("/sitemaps/news.xml"));
    Ok(typed(
        SitemapIndex { sitemaps }.render()?,
        "application/xml; charset=utf-8",
        Deps::new([Key::Front, Key::Nav]),
    ))
}

const XML: &str = "application/xml; charset=utf-8";

/// `/sitemaps/{name}.xml`: `pages`, `articles-N` or `news`.
pub async fn sitemap(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    match file.as_str() {
        "pages.xml" => pages_sitemap(&state).await,
        "news.xml" => news_sitemap(&state).await,
        other => {
            let n: i64 = other
                .strip_prefix("articles-")
                .and_then(|s| s.strip_suffix(".xml"))
                .and_then(|n| n.parse().ok())
                .filter(|n| *n >= 1 && *n <= 100_000)
                .ok_or(AppError::NotFound)?;
            articles_sitemap(&state, n).await
        }
    }
}

/// The front page, the videos and every section page.
async fn pages_sitemap(state: &AppState) -> Result<Response, AppError> {
    let config = state.config();
    let mut urls = vec![(config.link("/"), None), (config.link("/videos"), None)];
    urls.extend(
        state
            .store()
            .sections()
            .await?
            .iter()
            .map(|s| (config.link(&format!("/{}", s.slug)), None)),
    );
    Ok(typed(
        Sitemap { urls }.render()?,
        XML,
        Deps::new([Key::Nav]),
    ))
}

/// Google News: the articles of the last 48 hours.
async fn news_sitemap(state: &AppState) -> Result<Response, AppError> {
    let since = chrono::Utc::now().timestamp_millis() - 48 * 3_600_000;
    let cards = state.store().published_since(since, 1000).await?;
    let items = cards.iter().map(|c| item(state, c)).collect();
    Ok(typed(
        NewsSitemap { items }.render()?,
        XML,
        Deps::new([Key::Front]),
    ))
}

/// The `n`th page of articles (from 1); past the last one is a 404, but the first always is.
async fn articles_sitemap(state: &AppState, n: i64) -> Result<Response, AppError> {
    let (entries, total) = state
        .store()
        .sitemap_entries((n - 1) * SITEMAP_LEN, SITEMAP_LEN)
        .await?;
    if entries.is_empty() && (n - 1) * SITEMAP_LEN >= total.max(1) {
        return Err(AppError::NotFound);
    }
    let config = state.config();
    let urls = entries
        .into_iter()
        .map(|(path, lastmod)| (config.link(&path), Some(from_millis(lastmod).to_rfc3339())))
        .collect();
    Ok(typed(
        Sitemap { urls }.render()?,
        XML,
        Deps::new([Key::Front]),
    ))
}
