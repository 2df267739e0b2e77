//! A live blog's page: the article's header, "L'essentiel", then the posts, newest first, 50 a
//! page (`?page=2` for older ones, which works without JavaScript). The page is cached like
//! any article page and follows `Key::Live(article)`: it is rendered again once after each
//! post, then served from the cache until the next. The first page of an open live blog
//! carries the stream's address; `static/live.js` follows it.

use askama::Template;
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::{dates, ArticleId};
use kiosque_store::{ArticleView, LiveBlog, LivePost};

use super::PER_PAGE;
use crate::cache::Deps;
use crate::live_render::{key_points, post_views, KeyPointView, PostView};
use crate::pages::{render_paginated, Layout};
use crate::views::{self, BlockView, Crumb, FigureView, LibraryFigures, Stamp, TagLink};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "site/live.html")]
pub struct LivePage {
    pub layout: Layout,
    pub breadcrumb: Vec<Crumb>,
    pub article_id: ArticleId,
    pub canonical: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub bylines: Vec<(String, String)>,
    pub open: bool,
    /// "Direct commencé le 3/12/2026 à 14:00".
    pub coverage: Stamp,
    /// "Terminé le …", once closed.
    pub ended: Option<Stamp>,
    pub hero: Option<FigureView>,
    /// The article's own text, above the posts (context, a summary).
    pub intro: Vec<BlockView>,
    pub essentials: Vec<KeyPointView>,
    pub posts: Vec<PostView>,
    pub total: i64,
    pub rev: i64,
    /// The first page of an open live blog follows the stream.
    pub streamed: bool,
    pub page: i64,
    pub pages: i64,
    pub newer: Option<String>,
    pub older: Option<String>,
    pub tags: Vec<TagLink>,
}

pub(crate) async fn show(
    state: &AppState,
    article: &ArticleView,
    blog: &LiveBlog,
    canonical: &str,
    page: i64,
) -> Result<Response, AppError> {
    let store = state.store();
    let id = article.id;
    let data = store.live_page(id, (page - 1) * PER_PAGE, PER_PAGE).await?;
    let (listed, points) = (data.page, data.key_points);
    if page > 1 && listed.posts.is_empty() {
        return Err(AppError::NotFound);
    }
    let (posts, post_media) = post_views(store, &listed.posts, blog.coverage_start).await?;
    let own_images = views::image_paths(article.hero.as_ref(), &article.body);
    let figures = LibraryFigures::load(store, &own_images).await?;
    let deps = Deps::new([Key::Nav, Key::Names, Key::Article(id), Key::Live(id)])
        .extend(figures.deps())
        .extend(post_media);
    let layout = live_layout(state, article, blog, canonical, &listed.posts, &figures).await?;
    let pages = ((listed.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |p: i64| {
        if p == 1 {
            canonical.to_owned()
        } else {
            format!("{canonical}?page={p}")
        }
    };
    let page = LivePage {
        layout,
        breadcrumb: views::article_breadcrumb(article),
        article_id: id,
        canonical: canonical.to_owned(),
        title: kiosque_domain::typography::headline(&article.title),
        standfirst: article.standfirst.as_deref().map(typeset),
        bylines: article
            .authors
            .iter()
            .map(|a| (format!("/auteur/{}", a.slug), typeset(&a.name)))
            .collect(),
        open: blog.open,
        coverage: Stamp {
            label: crate::i18n::t1(
                "live-started",
                "date",
                &dates::date_time(blog.coverage_start),
            ),
            datetime: dates::iso(blog.coverage_start),
        },
        ended: blog.coverage_end.map(|e| Stamp {
            label: crate::i18n::t1("live-ended-on", "date", &dates::date_time(e)),
            datetime: dates::iso(e),
        }),
        hero: article
            .hero
            .as_ref()
            .map(|h| {
                figures.figure(
                    h,
                    &crate::i18n::t1("site-illustration-of", "title", &article.title),
                )
            })
            .filter(|f| f.src.is_some()),
        intro: views::blocks(&article.body, &figures),
        essentials: key_points(&points, blog.coverage_start),
        posts,
        total: listed.total,
        rev: blog.rev,
        streamed: blog.open && page == 1,
        page,
        pages,
        newer: (page > 1).then(|| link(page - 1)),
        older: (page < pages).then(|| link(page + 1)),
        tags: article
            .tags
            .iter()
            .map(|t| TagLink {
                href: format!("/tag/{}", t.slug),
                name: typeset(&t.name),
            })
            .collect(),
    };
    render_paginated(&page, deps)
}

/// The article's layout, as a live blog: `LiveBlogPosting` with its coverage and its posts as
/// `liveBlogUpdate`s, last changed at its newest post.
async fn live_layout(
    state: &AppState,
    article: &ArticleView,
    blog: &LiveBlog,
    canonical: &str,
    posts: &[LivePost],
    figures: &LibraryFigures,
) -> Result<Layout, AppError> {
    let modified = posts
        .iter()
        .map(|p| p.updated_at.unwrap_or(p.created_at))
        .max()
        .or(article.updated_at)
        .or(article.published_at);
    let mut layout = super::super::article_meta::article_layout_with(
        state,
        article,
        canonical,
        figures,
        modified,
        |ld, url| {
            let updates: Vec<serde_json::Value> = posts
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "@type": "BlogPosting",
                        "headline": p.title,
                        "url": format!("{url}#post-{}", p.id),
                        "datePublished": dates::iso(p.created_at),
                        "dateModified": dates::iso(p.updated_at.unwrap_or(p.created_at)),
                        "articleBody": p.body.iter().map(|b| b.text()).collect::<Vec<_>>().join("\n\n"),
                        "author": p.author.as_ref().map_or_else(
                            || serde_json::json!({ "@type": "Organization", "name": "Kiosque" }),
                            |a| serde_json::json!({ "@type": "Person", "name": a }),
                        ),
                    })
                })
                .collect();
            ld["@type"] = serde_json::json!("LiveBlogPosting");
            ld["coverageStartTime"] = serde_json::json!(dates::iso(blog.coverage_start));
            if let Some(end) = blog.coverage_end {
                ld["coverageEndTime"] = serde_json::json!(dates::iso(end));
            }
            ld["liveBlogUpdate"] = serde_json::json!(updates);
        },
    )
    .await?;
    layout.feeds =
        super::super::feeds::alternates(state, &article.title, &format!("/direct/{}", article.id));
    Ok(layout)
}
