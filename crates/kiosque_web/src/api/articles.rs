//! `/api/v1/articles`: published articles, listed and one by one.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use kiosque_store::ArticleFilter;
use serde::Deserialize;
use utoipa::IntoParams;

use super::params::{
    cursor_string, date_param, id_param, limit, parse_cursor, query, slug_param, DateOrTime, Limit,
};
use super::schema::*;
use crate::error::ApiError;
use crate::{AppError, AppState};

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub(super) struct ArticleParams {
    /// Section slug; articles of its child sections are included.
    section: Option<String>,
    /// Tag slug.
    tag: Option<String>,
    /// Author slug.
    author: Option<String>,
    /// Published at or after: a day (`2016-12-23`, from midnight in Paris) or an RFC 3339 time.
    #[param(value_type = Option<DateOrTime>, inline)]
    since: Option<String>,
    /// Published before: a day (from midnight in Paris) or an RFC 3339 time.
    #[param(value_type = Option<DateOrTime>, inline)]
    until: Option<String>,
    /// A page's `next_cursor`, to get the next page.
    cursor: Option<String>,
    /// Articles per page, 1 to 100 (20 by default).
    #[param(value_type = Option<Limit>, inline)]
    limit: Option<String>,
}

/// List published articles, newest first.
#[utoipa::path(
    get, path = "/api/v1/articles", tag = "articles",
    params(ArticleParams),
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn list_articles(
    State(state): State<AppState>,
    q: Result<Query<ArticleParams>, QueryRejection>,
) -> Result<Json<ArticleList>, ApiError> {
    let p = query(q)?;
    let limit = limit(p.limit.as_deref())?;
    let filter = ArticleFilter {
        section: slug_param(p.section),
        tag: slug_param(p.tag),
        author: slug_param(p.author),
        since: date_param("since", p.since.as_deref())?,
        until: date_param("until", p.until.as_deref())?,
    };
    let page = state
        .store()
        .article_page(&filter, parse_cursor(p.cursor.as_deref())?, limit)
        .await?;
    Ok(Json(ArticleList {
        items: page
            .items
            .iter()
            .map(|c| ArticleSummary::of(c, state.config()))
            .collect(),
        next_cursor: page.next.map(cursor_string),
    }))
}

/// One published article, with its body as structured blocks.
#[utoipa::path(
    get, path = "/api/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path, description = "The article's id (the number in its URL)")),
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "The article", body = Article),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 404, description = "No published article with this id", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn get_article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Article>, ApiError> {
    let id = id_param(id)?;
    let article = state
        .store()
        .article(kiosque_domain::ArticleId(id))
        .await?
        .filter(|a| a.status == kiosque_domain::ArticleStatus::Published)
        .ok_or(ApiError(AppError::NotFound))?;
    Ok(Json(Article::of(&article, state.config())))
}
