//! The editor's routes: a new article, editing one (with a pending autosave to take back),
//! saving with its version check, the live preview and the autosave.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kiosque_domain::newsroom::Action;
use kiosque_domain::{dates, ArticleStatus};
use kiosque_store::{Conflict, Saved, StoreError};
use serde::Deserialize;

use super::access::{meta, Newsroom};
use super::checks::{check_section_move, reference_problem};
use super::editor_page::{editor_page, preview_of, EditorState};
use super::errors::conflict_message;
use super::form::EditorForm;
use crate::form::Form;
use crate::handlers::newsroom::when;
use crate::respond::see_other;
use crate::{AppError, AppState};

pub async fn new_form(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    if !n.actor.can_create() {
        return Err(AppError::Forbidden);
    }
    let form = EditorForm {
        comment_mode: "open".into(),
        authors: n.member.user.display_name.clone(),
        ..EditorForm::default()
    };
    editor_page(
        &state,
        &n,
        form,
        EditorState::new_article(None),
        StatusCode::OK,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    if !n.actor.can_create() {
        return Err(AppError::Forbidden);
    }
    let draft = match form.to_draft() {
        Ok(d) if form.intent != "preview" => d,
        result => {
            let error = result.err();
            let status = if error.is_some() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            return editor_page(&state, &n, form, EditorState::new_article(error), status).await;
        }
    };
    let missing = reference_problem(&state, &form.body, &draft, None).await?;
    let refused = |problem| async {
        let s = EditorState::new_article(Some(problem));
        editor_page(&state, &n, form, s, StatusCode::BAD_REQUEST).await
    };
    if let Some(problem) = missing {
        return refused(problem).await;
    }
    let up = match state.store().create_article(&draft, n.actor.user_id).await {
        Ok(up) => up,
        Err(e) => match e.user_message() {
            Some(m) => return refused(m).await,
            None => return Err(e.into()),
        },
    };
    tracing::info!(
        article = up.id.get(),
        user = n.actor.user_id.get(),
        "article created"
    );
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}?ok=cree", up.id),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditQuery {
    ok: Option<String>,
    reprendre: Option<String>,
}

/// What the editor says after the redirection that follows a successful post.
fn done_notice(ok: Option<&str>) -> Option<String> {
    let key = match ok? {
        "cree" => "nr-done-created",
        "enregistre" => "nr-done-saved",
        "submit" => "nr-done-submitted",
        "publish" => "nr-done-published",
        "schedule" => "nr-done-scheduled",
        "unpublish" => "nr-done-unpublished",
        "rectificatif" => "nr-done-correction",
        "restaure" => "nr-done-restored",
        _ => return None,
    };
    Some(crate::i18n::t(key))
}

pub async fn edit(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, AppError> {
    let meta = meta(&state, &id).await?;
    n.require(Action::View, &meta)?;
    let article = state
        .store()
        .article(meta.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut form = EditorForm::of(&article.to_draft());
    let pending = state
        .store()
        .pending_autosave(meta.id, n.actor.user_id)
        .await?;
    let mut notice = done_notice(q.ok.as_deref());
    let mut autosave = pending.as_ref().map(|r| (r.id, when(r.created_at)));
    if let (Some(_), Some(r)) = (&q.reprendre, &pending) {
        if let Some(d) = state.store().revision(meta.id, r.id).await? {
            form = EditorForm::of(&d);
            notice = Some(crate::i18n::t("nr-autosave-taken"));
            autosave = None;
        }
    }
    let s = EditorState {
        meta: Some(&meta),
        public_path: (meta.status == ArticleStatus::Published).then(|| article.path()),
        notice,
        error: None,
        autosave,
    };
    editor_page(&state, &n, form, s, StatusCode::OK).await
}

pub async fn save(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Edit, &meta)?;
    // The editor again for this article, with the person's text and what went wrong.
    let (st, nr, me) = (&state, &n, &meta);
    let again = move |form, error, code| async move {
        editor_page(st, nr, form, EditorState::existing(me, error), code).await
    };
    let draft = match form.to_draft() {
        Ok(d) => d,
        Err(e) => return again(form, Some(e), StatusCode::BAD_REQUEST).await,
    };
    if form.intent == "preview" {
        return again(form, None, StatusCode::OK).await;
    }
    if let Some(problem) = reference_problem(&state, &form.body, &draft, Some(meta.id)).await? {
        return again(form, Some(problem), StatusCode::BAD_REQUEST).await;
    }
    check_section_move(&state, &n, &meta, &draft.section).await?;
    let expected: i64 = form
        .version
        .parse()
        .map_err(|_| AppError::BadRequest(crate::i18n::t("nr-version-missing")))?;
    match state
        .store()
        .save_article_as(meta.id, &draft, expected, &n.actor, "save")
        .await
    {
        Ok(Saved::Ok { version, .. }) => {
            tracing::info!(
                article = meta.id.get(),
                version,
                user = n.actor.user_id.get(),
                "article saved"
            );
            Ok(see_other(
                n.jar,
                &format!("/admin/articles/{}?ok=enregistre", meta.id),
            ))
        }
        Ok(Saved::Conflict(c)) => conflict_page(&state, &n, meta.id, form, &c).await,
        // The article changed meanwhile (published, moved) into one this save may not touch.
        Err(StoreError::Forbidden) => Err(AppError::Denied(crate::i18n::t("nr-edit-move-denied"))),
        Err(e) => match e.user_message() {
            Some(m) => again(form, Some(m), StatusCode::BAD_REQUEST).await,
            None => Err(e.into()),
        },
    }
}

/// A save refused because someone saved first: the editor again, with the person's text, the
/// article's new version and where to compare the two (409, the kept revision in a header).
pub(super) async fn conflict_page(
    state: &AppState,
    n: &Newsroom,
    id: kiosque_domain::ArticleId,
    form: EditorForm,
    c: &Conflict,
) -> Result<Response, AppError> {
    let current = state
        .store()
        .revisions(id)
        .await?
        .into_iter()
        .find(|r| r.version == c.current_version && r.kind != "autosave" && r.kind != "conflict")
        .map(|r| r.id)
        .unwrap_or(c.kept_revision);
    let message = conflict_message(id, c, current);
    let fresh = state
        .store()
        .article_meta(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = EditorState::existing(&fresh, Some(message));
    let mut res = editor_page(state, n, form, s, StatusCode::CONFLICT).await?;
    res.headers_mut()
        .insert("x-kiosque-conflict-revision", c.kept_revision.into());
    Ok(res)
}

/// The live preview (the editor's script posts the form as the journalist types): the same
/// rendering as the public page, as an HTML fragment. Every text is escaped by the template.
pub async fn preview(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let html = preview_of(&state, &form).await?.render()?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response())
}

/// Autosave (the editor's script, every few seconds while typing): keeps a crash-safety copy
/// without touching the article. No action ever reads it (the workflow buttons send the text
/// on the screen); the editor page warns when a newer one exists and offers to take it back.
pub async fn autosave(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Edit, &meta)?;
    match form.to_draft() {
        Ok(d) => {
            state.store().autosave(meta.id, &d, n.actor.user_id).await?;
            let now = chrono::Utc::now().timestamp_millis();
            Ok(Json(serde_json::json!({
                "saved": true,
                "message": crate::i18n::t1("nr-edit-autosaved", "time", &dates::paris_time(now)),
                // The copy is a crash backup, not the article: the text is still unsaved.
                "status": crate::i18n::t1("save-status-backup", "time", &dates::paris_time(now)),
            }))
            .into_response())
        }
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({ "saved": false, "message": e })),
        )
            .into_response()),
    }
}
