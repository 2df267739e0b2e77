use axum::extract::{Path, Query, State};
use axum::response::Response;
use kiosque_domain::typography::french;

use super::feeds::{render_feed, FeedMeta, Format};
use super::{PageQuery, PER_PAGE};
use crate::cache::Deps;
use crate::pages::{render_page, ListPage};
use crate::views::{self, Here, Pagination};
use crate::{AppError, AppState};

/// An author's page, paginated: `/auteur/claire-dubois`, with their bio.
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = super::page_number(q.page.as_deref())?;
    let store = state.store();
    let (id, name, bio) = store
        .author_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (cards, total) = store
        .author_articles(id, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let href = format!("/auteur/{slug}");
    let mut layout = super::layout(
        &state,
        &format!("{name} — Kiosque"),
        bio.as_deref(),
        Some(href.clone()),
        Here::Elsewhere,
    )
    .await?;
    layout
        .feeds
        .extend(super::feeds::alternates(&state, &name, &href));
    let mut cards: Vec<_> = cards.iter().map(|c| views::card(c, None)).collect();
    let comment_deps = super::count_comments(&state, cards.iter_mut().collect()).await?;
    render_page(
        &ListPage {
            layout,
            breadcrumb: None,
            kicker: Some("Auteur".into()),
            heading: french(&name),
            description: bio.as_deref().map(french),
            cards,
            pagination: Pagination::new(&href, page, total, PER_PAGE),
        },
        Deps::new(["nav".to_owned(), format!("author:{id}")]).extend(comment_deps),
    )
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
    let (cards, _) = state.store().author_articles(id, 0, 50).await?;
    render_feed(
        &state,
        format,
        FeedMeta {
            title: &format!("{name} — Kiosque"),
            description: &format!("Les articles de {name}"),
            page_path: &format!("/auteur/{slug}"),
            self_path: &format!("/auteur/{slug}/{file}"),
        },
        &cards,
        Deps::new([format!("author:{id}")]),
    )
    .await
}
