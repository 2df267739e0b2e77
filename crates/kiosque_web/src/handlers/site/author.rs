use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::AuthorId;
use kiosque_domain::MediaRef;

use super::feeds::{render_feed, FeedMeta, Format};
use super::{PageQuery, PER_PAGE};
use crate::cache::Deps;
use crate::pages::{render_paginated, Layout};
use crate::views::{self, CardView, FigureView, Here, LibraryFigures, Pagination};
use crate::{AppError, AppState};

/// An author's page: their name, photo and bio, then their articles.
#[derive(Template)]
#[template(path = "site/author.html")]
pub struct AuthorPage {
    pub layout: Layout,
    pub heading: String,
    pub bio: Option<String>,
    /// Shown only when the image exists (`src` is set).
    pub photo: Option<FigureView>,
    pub cards: Vec<CardView>,
    pub pagination: Pagination,
}

/// An author's page, paginated: `/auteur/claire-dubois`, with their bio and photo.
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = super::page_number(q.page.as_deref())?;
    let store = state.store();
    let author = store
        .author_profile_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (id, name, bio) = (author.id, author.name, author.bio);
    // A byline only a draft carries is not public yet (it may name an embargoed story).
    if !store.author_is_public(id).await? {
        return Err(AppError::NotFound);
    }
    let (cards, total) = store
        .author_articles(id, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let href = format!("/auteur/{slug}");
    let mut layout = crate::layout::layout(
        &state,
        &crate::i18n::t1("site-title", "title", &name),
        bio.as_deref(),
        Some(href.clone()),
        Here::Elsewhere,
    )
    .await?;
    layout
        .feeds
        .extend(super::feeds::alternates(&state, &name, &href));
    let figures = super::thumbs::figures(&state, &cards, Vec::new()).await?;
    let mut cards: Vec<_> = cards
        .iter()
        .map(|c| views::card(c, Some(&figures)))
        .collect();
    let comment_deps = super::count_comments(&state, cards.iter_mut().collect()).await?;
    let (photo, photo_deps) = photo(&state, author.photo.as_deref(), &name).await?;
    render_paginated(
        &AuthorPage {
            layout,
            heading: typeset(&name),
            bio: bio.as_deref().map(typeset),
            photo,
            cards,
            pagination: Pagination::new(&href, page, total, PER_PAGE),
        },
        Deps::new([Key::Nav, Key::Author(AuthorId(id))])
            .extend(comment_deps)
            .extend(photo_deps)
            .extend(figures.deps()),
    )
}

/// The photo: a library image gets its variants; a missing file shows nothing. Also returns
/// the keys of the library rows the photo depends on.
async fn photo(
    state: &AppState,
    path: Option<&str>,
    name: &str,
) -> Result<(Option<FigureView>, Vec<Key>), AppError> {
    let paths: Vec<String> = path
        .map(|p| p.trim_start_matches('/').to_owned())
        .into_iter()
        .collect();
    let figures = LibraryFigures::load(state.store(), &paths).await?;
    let photo = path
        .map(|path| {
            figures.figure(
                &MediaRef {
                    path: path.to_owned(),
                    alt: Some(crate::i18n::t1("site-author-photo", "name", name)),
                    caption: None,
                    credit: None,
                    width: None,
                    height: None,
                },
                "",
            )
        })
        .filter(|f| f.src.is_some());
    Ok((photo, figures.deps()))
}

/// `/auteur/{slug}/rss.xml` and the other formats.
pub async fn feed(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let format = Format::from_file(&file).ok_or(AppError::NotFound)?;
    let (id, name, _) = state
        .store()
        .author_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state.store().author_is_public(id).await? {
        return Err(AppError::NotFound);
    }
    let (cards, _) = state.store().author_articles(id, 0, 50).await?;
    render_feed(
        &state,
        format,
        FeedMeta {
            title: &crate::i18n::t1("site-title", "title", &name),
            description: &crate::i18n::t1("site-feed-author", "name", &name),
            page_path: &format!("/auteur/{slug}"),
            self_path: &format!("/auteur/{slug}/{file}"),
        },
        &cards,
        Deps::new([Key::Author(AuthorId(id))]),
    )
    .await
}
