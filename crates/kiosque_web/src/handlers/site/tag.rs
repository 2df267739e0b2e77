use axum::extract::{Path, Query, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::TagId;

use super::{PageQuery, PER_PAGE};
use crate::cache::Deps;
use crate::pages::{render_paginated, ListPage};
use crate::views::{self, Here, Pagination};
use crate::{AppError, AppState};

/// A tag page, paginated: `/tag/syrie`.
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = super::page_number(q.page.as_deref())?;
    let store = state.store();
    // A tag only a draft carries is not public yet (it may name an embargoed story).
    let tag = store
        .public_tag_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (cards, total) = store
        .tagged_articles(&tag.slug, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let href = format!("/tag/{}", tag.slug);
    let layout = crate::layout::layout(
        &state,
        &crate::i18n::t1("site-title", "title", &tag.name),
        None,
        Some(href.clone()),
        Here::Elsewhere,
    )
    .await?;
    let mut layout = layout;
    layout
        .feeds
        .extend(super::feeds::alternates(&state, &tag.name, &href));
    let figures = super::thumbs::figures(&state, &cards, Vec::new()).await?;
    let mut cards: Vec<_> = cards
        .iter()
        .map(|c| views::card(c, Some(&figures)))
        .collect();
    let comment_deps = super::count_comments(&state, cards.iter_mut().collect()).await?;
    render_paginated(
        &ListPage {
            layout,
            breadcrumb: None,
            kicker: Some(crate::i18n::t("site-tag-kicker")),
            heading: typeset(&tag.name),
            description: None,
            subsections: Vec::new(),
            lead: None,
            cards,
            pagination: Pagination::new(&href, page, total, PER_PAGE),
        },
        Deps::new([Key::Nav, Key::Tag(TagId(tag.id))])
            .extend(comment_deps)
            .extend(figures.deps()),
    )
}
