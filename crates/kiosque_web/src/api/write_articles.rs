//! Writing articles through the API, for the key's owner: create a draft, read one back,
//! update it under the editor's optimistic lock, and move it through the workflow. The owner's
//! rights are the newsroom's, checked by the store inside each write; every write is a
//! revision by the owner.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use kiosque_domain::api_scope::Scope;
use kiosque_domain::newsroom::{self, Action, Actor, Subject};
use kiosque_domain::{markup, ArticleId, ArticleStatus};
use kiosque_store::{ActOnText, ArticleMeta, Saved};

use super::caller::Caller;
use super::params::id_param;
use super::schema::ErrorBody;
use super::write_error::WriteError;
use super::write_input::{json_body, ArticleInput};
use super::write_schema::{DraftArticle, HeroInput, WorkflowInput, WrittenArticle};
use crate::i18n::{t, t1};
use crate::AppState;

fn written(
    state: &AppState,
    id: ArticleId,
    version: i64,
    status: ArticleStatus,
    path: &str,
) -> WrittenArticle {
    WrittenArticle {
        id: id.get(),
        version,
        status: status.as_str().to_owned(),
        url: (status == ArticleStatus::Published).then(|| state.config().link(path)),
        edit_url: state.config().link(&format!("/admin/articles/{id}")),
    }
}

/// The key must have `content:write`, and its owner work in the newsroom.
async fn writer(state: &AppState, caller: &Caller) -> Result<Actor, WriteError> {
    caller.require(Scope::ContentWrite)?;
    let owner = caller.owner(state).await?;
    if !owner.can_create() {
        return Err(WriteError::owner_forbidden());
    }
    Ok(owner)
}

/// The article named in the path, if the owner may see it in the newsroom.
async fn visible(
    state: &AppState,
    owner: &Actor,
    id: Result<Path<String>, PathRejection>,
) -> Result<ArticleMeta, WriteError> {
    let id = ArticleId(id_param(id).map_err(WriteError::Api)?);
    let meta = state
        .store()
        .article_meta(id)
        .await?
        .ok_or_else(WriteError::not_found)?;
    let subject = Subject {
        created_by: meta.created_by,
        section_id: meta.section_id,
        status: meta.status,
    };
    if !owner.may(Action::View, &subject) {
        return Err(WriteError::owner_forbidden());
    }
    Ok(meta)
}

/// Create a draft, written by the key's owner.
#[utoipa::path(
    post, path = "/api/v1/articles", tag = "writing",
    request_body = ArticleInput,
    security(("api_key" = ["content:write"])),
    responses(
        (status = 201, description = "The draft, with its first revision by the key's owner", body = WrittenArticle),
        (status = 400, description = "A field is refused (`field` names it); nothing is stored", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `content:write` (`insufficient_scope`), or its owner may not write (`forbidden`)", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn create_article(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<WrittenArticle>), WriteError> {
    let owner = writer(&state, &caller).await?;
    let input: ArticleInput = json_body(body)?;
    let draft = input.to_draft()?;
    input.check_references(&state, &draft).await?;
    let up = state.store().create_article(&draft, owner.user_id).await?;
    tracing::info!(
        article = up.id.get(),
        key = caller.0.key_id,
        user = owner.user_id.get(),
        "article created (api)"
    );
    let done = written(&state, up.id, 1, ArticleStatus::Draft, &up.path);
    Ok((StatusCode::CREATED, Json(done)))
}

/// Read back a newsroom article (any status) with its version, to update it.
#[utoipa::path(
    get, path = "/api/v1/articles/{id}/draft", tag = "writing",
    params(("id" = i64, Path, description = "The article's id")),
    security(("api_key" = ["content:write"])),
    responses(
        (status = 200, description = "The article as the editor has it", body = DraftArticle),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `content:write`, or its owner may not see this article", body = ErrorBody),
        (status = 404, description = "No article with this id", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn get_draft(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<DraftArticle>, WriteError> {
    let owner = writer(&state, &caller).await?;
    let meta = visible(&state, &owner, id).await?;
    let a = state
        .store()
        .article(meta.id)
        .await?
        .ok_or_else(WriteError::not_found)?;
    let d = a.to_draft();
    Ok(Json(DraftArticle {
        id: meta.id.get(),
        version: meta.version,
        status: meta.status.as_str().to_owned(),
        title: d.title,
        section: d.section,
        standfirst: d.standfirst,
        tags: d.tags,
        authors: d.authors,
        hero: d.hero.map(|h| HeroInput {
            path: h.path,
            alt: h.alt,
            caption: h.caption,
            credit: h.credit,
        }),
        hero_video: d.hero_video,
        comment_mode: d.comment_mode.as_str().to_owned(),
        body: markup::render(&d.body),
        blocks: d.body,
        slug: a.slug,
        seo_title: d.seo_title,
        seo_description: d.seo_description,
    }))
}

/// Update an article: the whole editable content, over the `version` it was written on.
#[utoipa::path(
    put, path = "/api/v1/articles/{id}", tag = "writing",
    params(("id" = i64, Path, description = "The article's id")),
    request_body = ArticleInput,
    security(("api_key" = ["content:write"])),
    responses(
        (status = 200, description = "Saved, as a revision by the key's owner", body = WrittenArticle),
        (status = 400, description = "A field is refused (`field` names it); nothing is stored", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `content:write`, or its owner may not edit this article", body = ErrorBody),
        (status = 404, description = "No article with this id", body = ErrorBody),
        (status = 409, description = "`version_conflict`: someone saved since `version` (`current_version` says which is stored); nothing is stored", body = ErrorBody),
        (status = 413, description = "The body is too large", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn update_article(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<WrittenArticle>, WriteError> {
    let owner = writer(&state, &caller).await?;
    let meta = visible(&state, &owner, id).await?;
    let input: ArticleInput = json_body(body)?;
    let expected = input.version.ok_or_else(|| {
        WriteError::field("missing_version", "version", t("api-err-version-missing"))
    })?;
    let mut draft = input.to_draft()?;
    input.check_references(&state, &draft).await?;
    if let Some(stored) = state.store().article(meta.id).await? {
        input.keep_unsent(&mut draft, &stored.to_draft());
    }
    match state
        .store()
        .save_as(meta.id, &draft, expected, &owner)
        .await?
    {
        Saved::Ok { version, path } => {
            tracing::info!(
                article = meta.id.get(),
                version,
                key = caller.0.key_id,
                "article saved (api)"
            );
            Ok(Json(written(&state, meta.id, version, meta.status, &path)))
        }
        Saved::Conflict(c) => Err(WriteError::stale(c.current_version)),
    }
}

fn action_of(code: &str) -> Result<Action, WriteError> {
    match code.trim() {
        "submit" => Ok(Action::Submit),
        "publish" => Ok(Action::Publish),
        "schedule" => Ok(Action::Schedule),
        "unpublish" => Ok(Action::Unpublish),
        _ => Err(WriteError::field(
            "invalid_action",
            "action",
            t("nr-unknown-action"),
        )),
    }
}

/// When a scheduled article goes online: an RFC 3339 time in the future.
fn schedule_of(state: &AppState, raw: Option<&str>) -> Result<i64, WriteError> {
    let field = |code, key| WriteError::field(code, "scheduled_at", t(key));
    let raw = raw.ok_or_else(|| field("missing_scheduled_at", "api-err-schedule-missing"))?;
    let at = chrono::DateTime::parse_from_rfc3339(raw.trim())
        .map_err(|_| field("invalid_scheduled_at", "api-err-schedule-format"))?
        .timestamp_millis();
    if at <= state.config().clock.now_ms() {
        return Err(field("schedule_in_past", "nr-schedule-past"));
    }
    Ok(at)
}

/// Submit, publish, schedule or unpublish an article, within the owner's rights.
#[utoipa::path(
    post, path = "/api/v1/articles/{id}/workflow", tag = "writing",
    params(("id" = i64, Path, description = "The article's id")),
    request_body = WorkflowInput,
    security(("api_key" = ["content:write"])),
    responses(
        (status = 200, description = "Done; the text is kept as a revision by the key's owner", body = WrittenArticle),
        (status = 400, description = "An unknown action, one the status does not allow, or a bad `scheduled_at`", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `content:write`, or its owner may not do this here (a journalist publishes only their own articles, in their sections)", body = ErrorBody),
        (status = 404, description = "No article with this id", body = ErrorBody),
        (status = 409, description = "`version_conflict` (a stale `version`) or `status_conflict` (the status changed meanwhile); nothing is changed", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn workflow(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<WrittenArticle>, WriteError> {
    let owner = writer(&state, &caller).await?;
    let meta = visible(&state, &owner, id).await?;
    let input: WorkflowInput = json_body(body)?;
    let action = action_of(&input.action)?;
    let scheduled_at = match action {
        Action::Schedule => Some(schedule_of(&state, input.scheduled_at.as_deref())?),
        _ => None,
    };
    if input.version != meta.version {
        return Err(WriteError::stale(meta.version));
    }
    let from = meta.status;
    let to = newsroom::transition(from, action).ok_or_else(|| {
        let m = t1("nr-workflow-impossible", "status", from.as_str());
        WriteError::field("invalid_transition", "action", m)
    })?;
    let article = state
        .store()
        .article(meta.id)
        .await?
        .ok_or_else(WriteError::not_found)?;
    // The stored text goes with the action, as the editor's text goes with its buttons: one
    // transaction saves it as the owner's revision under the version lock, checks the owner's
    // right to act, and moves the status.
    let draft = article.to_draft();
    let act = ActOnText {
        id: meta.id,
        draft: &draft,
        expected: input.version,
        action,
        from,
        to,
        scheduled_at,
    };
    match state.store().save_and_act(&act, &owner).await? {
        Saved::Ok { version, path } => {
            tracing::info!(article = meta.id.get(), action = %input.action, key = caller.0.key_id, "workflow (api)");
            Ok(Json(written(&state, meta.id, version, to, &path)))
        }
        Saved::Conflict(c) => Err(WriteError::stale(c.current_version)),
    }
}
