//! `/api/v1/videos`: videos, listed and one by one.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;

use super::params::{cursor_string, id_param, limit, parse_cursor, query, PageParams};
use super::schema::*;
use crate::error::ApiError;
use crate::{AppError, AppState};

/// Videos, newest first.
#[utoipa::path(
    get, path = "/api/v1/videos", tag = "videos",
    params(PageParams),
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "A page of videos", body = VideoList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn list_videos(
    State(state): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<VideoList>, ApiError> {
    let p = query(q)?;
    let limit = limit(p.limit.as_deref())?;
    let page = state
        .store()
        .video_page(parse_cursor(p.cursor.as_deref())?, limit)
        .await?;
    Ok(Json(VideoList {
        items: page
            .items
            .iter()
            .map(|v| Video::of(v, state.config()))
            .collect(),
        next_cursor: page.next.map(cursor_string),
    }))
}

/// One video.
#[utoipa::path(
    get, path = "/api/v1/videos/{id}", tag = "videos",
    params(("id" = i64, Path, description = "The video's id")),
    security(("api_key" = ["content:read"])),
    responses(
        (status = 200, description = "The video", body = Video),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 404, description = "No video with this id", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn get_video(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Video>, ApiError> {
    let id = id_param(id)?;
    let video = state
        .store()
        .video(id)
        .await?
        .ok_or(ApiError(AppError::NotFound))?;
    Ok(Json(Video::of(&video, state.config())))
}
