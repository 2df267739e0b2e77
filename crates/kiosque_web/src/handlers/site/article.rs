use axum::extract::{Path, Query, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::ArticleId;
use kiosque_domain::{dates, ArticleStatus};
use kiosque_store::{ArticleCard, ArticleView, Store};

use crate::cache::Deps;
use crate::pages::{render_paginated, ArticlePage, HeroVideo, Layout};
use crate::views::{self, LibraryFigures, RailItem, Stamp, TagLink};
use crate::{AppError, AppState};

/// An article page at its permalink `/{section}/{slug}_{id}.html`. The id finds the article;
/// a stale slug or section answers 301 to the canonical path, so old links keep working.
pub async fn show(
    State(state): State<AppState>,
    Path((section, file)): Path<(String, String)>,
    Query(q): Query<super::PageQuery>,
) -> Result<Response, AppError> {
    // `/{section}/rss.xml` and its siblings share this route's shape.
    if let Some(format) = super::feeds::Format::from_file(&file) {
        return super::feeds::section(&state, &section, format, &file).await;
    }
    let comment_page = super::page_number(q.page.as_deref())?;
    let (slug, id) = kiosque_domain::slug::parse_permalink_file(&file).ok_or(AppError::NotFound)?;
    let id = ArticleId(id);
    let store = state.store();
    let article = store.article(id).await?.ok_or(AppError::NotFound)?;
    if article.status != ArticleStatus::Published {
        return Err(AppError::NotFound);
    }
    let canonical = article.path();
    // Tag and author names are shown too: renaming them touches `Key::Names`. The comments
    // are not read here: the thread is a piece of the page, kept apart (`comments/thread.rs`).
    let deps = Deps::new([Key::Nav, Key::Videos, Key::Names, Key::Article(id)]);
    if slug != article.slug || section != article.section.slug {
        let mut res = super::moved_permanently(&canonical);
        res.extensions_mut().insert(deps);
        return Ok(res);
    }
    // A live blog is the same article with its posts: its own page, whose `?page=` numbers
    // the posts.
    if let Some(blog) = store.live_blog(id).await? {
        return super::live::page::show(&state, &article, &blog, &canonical, comment_page).await;
    }
    let mut around = around(&state, &article).await?;
    // Images of the media library, the article's own and the related cards' pictures, get
    // their responsive variants in one read; the page follows their descriptions (`media:{id}`).
    let mut own_images = views::image_paths(article.hero.as_ref(), &article.body);
    // The hero video's poster, known from the library or the media store's records.
    if let Some(poster) = article.hero_video.as_ref().and_then(|v| v.poster.as_ref()) {
        own_images.extend(views::image_paths(Some(poster), &[]));
    }
    let figures = super::thumbs::figures(&state, &around.page.related, own_images).await?;
    let deps = deps
        .extend(figures.deps())
        .extend(std::mem::take(&mut around.page.rail_deps))
        .extend(around.extra_keys.iter().copied());
    let layout =
        super::article_meta::article_layout(&state, &article, &canonical, &figures).await?;
    let extras = super::extras::article_extras(&state, &article, &canonical, around.most_read);
    let mut page = article_page(&article, &figures, layout, around.page, comment_page);
    page.extras = Some(extras);
    let deps = super::podcasts::attach_players(&state, &mut page.body, deps).await?;
    render_paginated(&page, deps)
}

/// What the page shows besides the article itself.
struct Around {
    rail: Vec<RailItem>,
    /// The rail's posters.
    rail_deps: Vec<Key>,
    corrections: Vec<Stamp>,
    related: Vec<ArticleCard>,
}

/// [`Around`], and what "Les plus lus" and "À lire aussi" add to the page's keys.
struct AroundAll {
    page: Around,
    most_read: Vec<crate::extras::MostReadItem>,
    extra_keys: Vec<Key>,
}

/// The rail, corrections and related articles.
async fn around(state: &AppState, article: &ArticleView) -> Result<AroundAll, AppError> {
    let store = state.store();
    let (rail, rail_deps) = super::rail::rail(state, None).await?;
    let corrections = corrections(store, article.id).await?;
    let (related, mut extra_keys) = super::extras::related(state, article).await?;
    let (most_read, most_read_keys) = super::extras::most_read(state).await?;
    extra_keys.extend(most_read_keys);
    let page = Around {
        related,
        rail,
        rail_deps,
        corrections,
    };
    Ok(AroundAll {
        page,
        most_read,
        extra_keys,
    })
}

/// Correction notes, oldest first: "Rectificatif du 24/12/2016 : …", "Correction, 24 December
/// 2016: …".
async fn corrections(store: &Store, id: ArticleId) -> Result<Vec<Stamp>, AppError> {
    Ok(store
        .corrections(id)
        .await?
        .into_iter()
        .map(|(text, at)| Stamp {
            label: crate::i18n::t2(
                "site-correction",
                "date",
                &dates::paris_date(at),
                "text",
                &typeset(&text),
            ),
            datetime: dates::iso(at),
        })
        .collect())
}

fn article_page(
    article: &ArticleView,
    figures: &LibraryFigures,
    layout: Layout,
    around: Around,
    comment_page: i64,
) -> ArticlePage {
    ArticlePage {
        layout,
        breadcrumb: views::article_breadcrumb(article),
        title: kiosque_domain::typography::headline(&article.title),
        standfirst: article.standfirst.as_deref().map(typeset),
        bylines: article
            .authors
            .iter()
            .map(|a| (format!("/auteur/{}", a.slug), typeset(&a.name)))
            .collect(),
        published: article.published_at.map(|ms| Stamp {
            label: dates::published_label(ms, article.published_time_known),
            datetime: dates::iso(ms),
        }),
        // Shown only when it is later than the publication.
        updated: article
            .updated_at
            .filter(|u| article.published_at.is_none_or(|p| *u > p))
            .map(|ms| Stamp {
                label: dates::updated_label(ms),
                datetime: dates::iso(ms),
            }),
        hero_video: hero_video(article, figures),
        // A lost image is left out, never shown as an empty box.
        hero: article
            .hero
            .as_ref()
            .map(|h| {
                figures.figure(
                    h,
                    &crate::i18n::t1("site-illustration-of", "title", &article.title),
                )
            })
            .filter(|f| f.src.is_some())
            .map(|f| super::thumbs::prominent(f, super::thumbs::HERO_SIZES)),
        body: views::blocks(&article.body, figures),
        tags: article
            .tags
            .iter()
            .map(|t| TagLink {
                href: format!("/tag/{}", t.slug),
                name: typeset(&t.name),
            })
            .collect(),
        rail: around.rail,
        article_id: article.id,
        related: around
            .related
            .iter()
            .map(|c| views::card(c, Some(figures)))
            .collect(),
        comment_page,
        corrections: around.corrections,
        extras: None,
    }
}

fn hero_video(article: &ArticleView, figures: &LibraryFigures) -> Option<HeroVideo> {
    let v = article.hero_video.as_ref()?;
    let local = |path: &str| {
        figures
            .figure(
                &kiosque_domain::MediaRef {
                    path: path.to_owned(),
                    ..Default::default()
                },
                "",
            )
            .src
    };
    Some(HeroVideo {
        title: typeset(&v.title),
        page: v.path(),
        // The video's row records its file: that is what says it exists.
        file_src: v
            .file_path
            .as_deref()
            .and_then(crate::figures::recorded_src),
        poster_src: v.poster.as_ref().and_then(|p| local(&p.path)),
        embed_url: v
            .embed_url
            .clone()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        embed_host: v
            .embed_url
            .as_deref()
            .map(super::video::embed_host)
            .unwrap_or_default(),
    })
}
