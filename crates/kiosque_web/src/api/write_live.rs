//! `POST /api/v1/articles/{id}/live-posts`: a post on an open live blog, for the key's owner
//! (scope `live:write`). The body is in the editor's syntax and obeys its rules; the owner's
//! right to write on the live blog is checked by the store inside the write's transaction, as
//! for the newsroom's composer, and the post reaches open pages through the same stream.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use kiosque_domain::api_scope::Scope;
use kiosque_domain::live::{LiveError, PostDraft};
use kiosque_domain::ArticleId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::caller::Caller;
use super::params::id_param;
use super::schema::ErrorBody;
use super::write_error::WriteError;
use super::write_input::json_body;
use crate::handlers::newsroom::live::common::reference_problem;
use crate::AppState;

/// A live post as sent.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LivePostInput {
    /// A short title (160 characters at most).
    pub title: String,
    /// The text, in the editor's syntax (paragraphs, `> quotes`, `::image …`, `::video N`).
    pub body: String,
    /// Highlighted on the page.
    #[serde(default)]
    pub important: bool,
    /// Listed in the key points at the top of the page.
    #[serde(default)]
    pub key_point: bool,
}

/// The post written.
#[derive(Serialize, ToSchema)]
pub(crate) struct LivePostCreated {
    pub id: i64,
    pub article_id: i64,
    /// The post on the live blog's page.
    pub url: String,
}

fn refusal(e: &LiveError, status: StatusCode) -> WriteError {
    match e.field() {
        Some(f) => WriteError::field(e.code(), f, e.message()),
        None => WriteError::new(status, e.code(), e.message()),
    }
}

/// Post on an open live blog, as the key's owner.
#[utoipa::path(
    post, path = "/api/v1/articles/{id}/live-posts", tag = "writing",
    params(("id" = i64, Path, description = "The live blog's article id")),
    request_body = LivePostInput,
    security(("api_key" = ["live:write"])),
    responses(
        (status = 201, description = "Posted; readers with the page open see it within a second", body = LivePostCreated),
        (status = 400, description = "A missing or too long title or body, or a body the editor's syntax refuses (`field` says which)", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `live:write`, or its owner may not write on this live blog", body = ErrorBody),
        (status = 404, description = "No article with this id", body = ErrorBody),
        (status = 409, description = "The article is not a live blog (`live.not_live`) or the live blog is closed (`live.closed`); nothing is stored", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn create_live_post(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<LivePostCreated>), WriteError> {
    caller.require(Scope::LiveWrite)?;
    let owner = caller.owner(&state).await?;
    let id = ArticleId(id_param(id).map_err(WriteError::Api)?);
    let input: LivePostInput = json_body(body)?;
    let store = state.store();
    let meta = store
        .article_meta(id)
        .await?
        .ok_or_else(WriteError::not_found)?;
    if !kiosque_domain::live::may_write(&owner, meta.section_id) {
        return Err(WriteError::owner_forbidden());
    }
    match store.live_blog(id).await? {
        None => return Err(refusal(&LiveError::NotLive, StatusCode::CONFLICT)),
        Some(b) if !b.open => return Err(refusal(&LiveError::Closed, StatusCode::CONFLICT)),
        Some(_) => {}
    }
    let draft = PostDraft::new(&input.title, &input.body, input.important, input.key_point)
        .map_err(|errors| match errors.first() {
            Some(e) => refusal(e, StatusCode::BAD_REQUEST),
            None => WriteError::new(StatusCode::BAD_REQUEST, "invalid", String::new()),
        })?;
    if let Some(m) = reference_problem(&state, &draft).await? {
        return Err(WriteError::field("live.body_reference", "body", m));
    }
    let post = store
        .add_live_post(Some(owner.user_id), id, &draft)
        .await
        .map_err(WriteError::from)?;
    tracing::info!(
        article.id = id.get(),
        post = post,
        key = caller.0.key_id,
        "live post (api)"
    );
    let page = store
        .article(id)
        .await?
        .map(|a| a.path())
        .unwrap_or_default();
    Ok((
        StatusCode::CREATED,
        Json(LivePostCreated {
            id: post,
            article_id: id.get(),
            url: state.config().link(&format!("{page}#post-{post}")),
        }),
    ))
}
