//! `/api/v1/sections`, `/api/v1/tags` and `/api/v1/authors`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;

use super::params::{id_cursor, limit, query, PageParams};
use super::schema::*;
use crate::error::ApiError;
use crate::AppState;

/// Every section, in navigation order, with its parent.
#[utoipa::path(
    get, path = "/api/v1/sections", tag = "taxonomy",
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "The sections", body = SectionList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn list_sections(
    State(state): State<AppState>,
) -> Result<Json<SectionList>, ApiError> {
    let all = state.store().sections().await?;
    Ok(Json(SectionList {
        items: all
            .iter()
            .map(|s| Section::of(s, &all, state.config()))
            .collect(),
    }))
}

async fn terms(
    state: &AppState,
    p: PageParams,
    prefix: &str,
    authors: bool,
) -> Result<TermList, ApiError> {
    let limit = limit(p.limit.as_deref())?;
    let after = id_cursor(p.cursor.as_deref())?;
    let mut rows = if authors {
        state.store().author_list(after, limit + 1).await?
    } else {
        state.store().tag_list(after, limit + 1).await?
    };
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok(TermList {
        next_cursor: more
            .then(|| rows.last().map(|r| r.id.to_string()))
            .flatten(),
        items: rows
            .iter()
            .map(|r| Term::of(r, prefix, state.config()))
            .collect(),
    })
}

/// Tags, in creation order, with their article counts.
#[utoipa::path(
    get, path = "/api/v1/tags", tag = "taxonomy",
    params(PageParams),
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "A page of tags", body = TermList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn list_tags(
    State(state): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<TermList>, ApiError> {
    Ok(Json(terms(&state, query(q)?, "/tag", false).await?))
}

/// Authors, in creation order, with their biography and article counts.
#[utoipa::path(
    get, path = "/api/v1/authors", tag = "taxonomy",
    params(PageParams),
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "A page of authors", body = TermList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn list_authors(
    State(state): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<TermList>, ApiError> {
    Ok(Json(terms(&state, query(q)?, "/auteur", true).await?))
}
