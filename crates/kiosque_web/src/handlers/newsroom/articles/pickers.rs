//! The small JSON lists behind the editor's pickers: published articles to link to
//! (`/admin/articles/liens.json?q=…`) and videos to place in a body (`/admin/videos.json?q=…`).
//! Both are read-only and for the newsroom alone (a reader gets 403, a visitor the log-in
//! page); the images' list is the media library's own (`/admin/medias.json`).

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use kiosque_domain::dates;
use serde::Deserialize;

use super::access::Newsroom;
use crate::{AppError, AppState};

/// Choices in one answer: a picker shows a short list and the journalist types more words.
const LIMIT: i64 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PickerQuery {
    q: Option<String>,
}

impl PickerQuery {
    fn text(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

/// A JSON answer that no cache keeps: it depends on the person and changes with every save.
fn fresh(n: Newsroom, body: serde_json::Value) -> Response {
    let mut res = (n.jar, axum::Json(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /admin/articles/liens.json?q=…`: published articles whose title holds the words.
pub async fn link_targets(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<PickerQuery>,
) -> Result<Response, AppError> {
    if !n.actor.can_create() {
        return Err(AppError::Forbidden);
    }
    let items: Vec<serde_json::Value> = state
        .store()
        .link_targets(q.text(), LIMIT)
        .await?
        .into_iter()
        .map(|a| {
            serde_json::json!({
                "id": a.id,
                "title": a.title,
                "path": a.path,
                "date": dates::paris_date(a.published_at),
            })
        })
        .collect();
    Ok(fresh(n, serde_json::json!({ "items": items })))
}

/// `GET /admin/videos.json?q=…`: videos whose title holds the words, with the body line that
/// shows each.
pub async fn video_choices(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<PickerQuery>,
) -> Result<Response, AppError> {
    if !n.actor.can_use_media() {
        return Err(AppError::Forbidden);
    }
    let items: Vec<serde_json::Value> = state
        .store()
        .video_choices(q.text(), LIMIT)
        .await?
        .into_iter()
        .map(|v| {
            serde_json::json!({
                "id": v.id,
                "title": v.title,
                "date": dates::paris_date(v.published_at),
                "snippet": kiosque_domain::markup::render(&[kiosque_domain::Block::Video {
                    video_id: v.id,
                }]),
            })
        })
        .collect();
    Ok(fresh(n, serde_json::json!({ "items": items })))
}
