//! Sitemaps (an index of paginated article sitemaps, the section pages, a Google News sitemap
//! of the last 48 hours) and robots.txt, with absolute URLs from the configured public address.
//!
//! The news sitemap exists only while it has an article: an empty `<urlset/>` fails Google's
//! schema, so the index and robots.txt name it only then. What it holds depends on the clock as
//! well as on the data, which the page cache cannot follow (it drops pages on changes, never
//! with time); the index, robots.txt and the news sitemap are therefore served fresh, each a
//! query or two.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::change::Key;
use kiosque_domain::dates::from_millis;
use kiosque_domain::typography::typeset;
use kiosque_store::ArticleCard;

use crate::cache::Deps;
use crate::{AppError, AppState};

/// URLs per article sitemap (the protocol's limit).
const SITEMAP_LEN: i64 = 50_000;
/// Google News reads at most 1,000 URLs per news sitemap.
const NEWS_LEN: i64 = 1000;
/// How far back the news sitemap looks (Google News's window).
const NEWS_WINDOW_MS: i64 = 48 * 3_600_000;

const XML: &str = "application/xml; charset=utf-8";

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

struct NewsItem {
    url: String,
    title: String,
    published_rfc3339: String,
}

#[derive(Template)]
#[template(path = "feeds/news.xml")]
struct NewsSitemap {
    items: Vec<NewsItem>,
}

/// A response of this content type; with `deps` it is kept by the page cache, without it is
/// made afresh for every request.
pub(super) fn typed(body: String, content_type: &'static str, deps: Option<Deps>) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::pages::PUBLIC_CACHE),
    );
    if let Some(deps) = deps {
        res.extensions_mut().insert(deps);
    }
    res
}

/// The articles of the news sitemap: published in the last 48 hours, newest first.
async fn news_cards(state: &AppState, limit: i64) -> Result<Vec<ArticleCard>, AppError> {
    let since = chrono::Utc::now().timestamp_millis() - NEWS_WINDOW_MS;
    Ok(state.store().published_since(since, limit).await?)
}

/// Whether the news sitemap has anything to say now.
async fn has_news(state: &AppState) -> Result<bool, AppError> {
    Ok(!news_cards(state, 1).await?.is_empty())
}

pub async fn robots(State(state): State<AppState>) -> Result<Response, AppError> {
    let config = state.config();
    let mut body = format!(
        "User-agent: *\nDisallow: /admin\nDisallow: /compte\nDisallow: /commentaires\n\
         Sitemap: {}\n",
        config.link("/sitemap.xml"),
    );
    if has_news(&state).await? {
        body.push_str(&format!("Sitemap: {}\n", config.link("/sitemaps/news.xml")));
    }
    Ok(typed(body, "text/plain; charset=utf-8", None))
}

/// `/sitemap.xml`: the index of every sitemap.
pub async fn sitemap_index(State(state): State<AppState>) -> Result<Response, AppError> {
    let (_, total) = state.store().sitemap_entries(0, 0).await?;
    let pages = ((total + SITEMAP_LEN - 1) / SITEMAP_LEN).max(1);
    let config = state.config();
    let mut sitemaps = vec![config.link("/sitemaps/pages.xml")];
    sitemaps.extend((1..=pages).map(|n| config.link(&format!("/sitemaps/articles-{n}.xml"))));
    if has_news(&state).await? {
        sitemaps.push(config.link("/sitemaps/news.xml"));
    }
    Ok(typed(SitemapIndex { sitemaps }.render()?, XML, None))
}

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
            // The wire desk's section holds drafts: search engines have nothing to find there.
            .filter(|s| s.listed)
            .map(|s| (config.link(&format!("/{}", s.slug)), None)),
    );
    Ok(typed(
        Sitemap { urls }.render()?,
        XML,
        Some(Deps::new([Key::Nav])),
    ))
}

/// Google News: the articles of the last 48 hours; while there are none, there is no news
/// sitemap (404) rather than an invalid empty one.
async fn news_sitemap(state: &AppState) -> Result<Response, AppError> {
    let config = state.config();
    let items: Vec<NewsItem> = news_cards(state, NEWS_LEN)
        .await?
        .iter()
        .map(|c| NewsItem {
            url: config.link(&c.path()),
            title: typeset(&c.title),
            published_rfc3339: from_millis(c.published_at).to_rfc3339(),
        })
        .collect();
    if items.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(typed(NewsSitemap { items }.render()?, XML, None))
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
        Some(Deps::new([Key::Front])),
    ))
}
