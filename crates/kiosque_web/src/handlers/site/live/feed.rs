//! `/direct/{id}/rss.xml`, `atom.xml`, `feed.json`: a live blog's latest posts, one entry per
//! post, linked to the post on the live blog's page. Cached; they follow `Key::Live(id)`.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::dates::from_millis;
use kiosque_domain::typography::typeset;
use kiosque_domain::{ArticleId, ArticleStatus};

use super::super::feeds::{render_items, Byline, FeedItem, FeedMeta, Format};
use super::PER_PAGE;
use crate::cache::Deps;
use crate::views::{BlockView, Figures};
use crate::{AppError, AppState};

/// A post's body for feed readers: absolute links, no classes, no scripts.
#[derive(Template)]
#[template(path = "feeds/content.html")]
struct PostContent<'a> {
    base: &'a str,
    blocks: Vec<BlockView>,
}

pub async fn feed(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let id: ArticleId = id.parse().map_err(|_| AppError::NotFound)?;
    let store = state.store();
    let article = store.article(id).await?.ok_or(AppError::NotFound)?;
    if article.status != ArticleStatus::Published || store.live_blog(id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let posts = store.live_posts(id, 0, PER_PAGE).await?.posts;
    let config = state.config();
    let page = article.path();
    let base = config.public_url.trim_end_matches('/').to_owned();
    let mut paths: Vec<String> = posts
        .iter()
        .flat_map(|p| crate::views::image_paths(None, &p.body))
        .collect();
    paths.sort();
    paths.dedup();
    let figures = Figures::load(store, &paths).await?;
    let mut items = Vec::with_capacity(posts.len());
    for p in &posts {
        let published = from_millis(p.created_at);
        let updated_ms = p.updated_at.unwrap_or(p.created_at);
        let content = PostContent {
            base: &base,
            blocks: crate::views::blocks_at(&p.body, &figures, &base),
        }
        .render()?;
        items.push(FeedItem {
            id: config.link(&format!("/direct/{id}/posts/{}", p.id)),
            url: config.link(&format!("{page}#post-{}", p.id)),
            title: typeset(&p.title),
            summary: None,
            section: typeset(&article.section.name),
            tags: Vec::new(),
            authors: vec![Byline {
                name: p
                    .author
                    .as_deref()
                    .map_or_else(|| "Kiosque".to_owned(), typeset),
                url: config.link("/"),
            }],
            published_rfc2822: published.to_rfc2822(),
            published_rfc3339: published.to_rfc3339(),
            updated_rfc3339: from_millis(updated_ms).to_rfc3339(),
            updated_ms,
            enclosure: None,
            image: crate::metadata::site_image(config),
            content_html: Some(content),
        });
    }
    let title = crate::i18n::t1("live-feed-name", "title", &article.title);
    render_items(
        &state,
        format,
        FeedMeta {
            title: &title,
            description: article.standfirst.as_deref().unwrap_or(&article.title),
            page_path: &page,
            self_path: &format!("/direct/{id}/{file}"),
        },
        &items,
        Deps::new([Key::Article(id), Key::Live(id), Key::Names]),
    )
}
