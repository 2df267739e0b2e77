//! The workflow of an article: submit, publish, schedule and unpublish, and correction notes
//! on a published article. From the editor, a workflow button sends the editor's whole form:
//! the text on the screen is saved first, then the status changes, in one transaction, so an
//! action never acts on an older text than the one the journalist saw.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::newsroom::{self, Action};
use kiosque_domain::{dates, ArticleStatus};
use kiosque_store::{ActOnText, ArticleMeta, Saved, StoreError};
use serde::Deserialize;

use super::access::{meta, status_label, Newsroom};
use super::checks::{check_section_move, reference_problem};
use super::editor::conflict_page;
use super::editor_page::{editor_page, EditorState};
use super::form::EditorForm;
use crate::form::Form;
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    action: String,
    /// The status the page showed: acting from a stale screen is refused.
    from: String,
    date: String,
    time: String,
    /// The editor's fields (and the CSRF token). A `version` means the text came with the
    /// action and is saved first; without one (a caller with no text), only the status moves.
    #[serde(flatten)]
    text: EditorForm,
}

fn action_of(code: &str) -> Result<Action, AppError> {
    match code {
        "submit" => Ok(Action::Submit),
        "publish" => Ok(Action::Publish),
        "schedule" => Ok(Action::Schedule),
        "unpublish" => Ok(Action::Unpublish),
        _ => Err(AppError::BadRequest(crate::i18n::t("nr-unknown-action"))),
    }
}

/// When a scheduled article goes online: the form's date and time in Paris, in the future.
fn schedule_of(state: &AppState, form: &StatusForm) -> Result<i64, AppError> {
    let date = chrono::NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::BadRequest(crate::i18n::t("nr-schedule-date")))?;
    let time = chrono::NaiveTime::parse_from_str(form.time.trim(), "%H:%M")
        .map_err(|_| AppError::BadRequest(crate::i18n::t("nr-schedule-time")))?;
    let at = dates::paris_millis(date, Some(time));
    if at <= state.config().clock.now_ms() {
        return Err(AppError::BadRequest(crate::i18n::t("nr-schedule-past")));
    }
    Ok(at)
}

pub async fn change_status(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.text.csrf)?;
    let meta = meta(&state, &id).await?;
    let action = action_of(&form.action)?;
    if !form.text.version.trim().is_empty() {
        return act_on_text(&state, &n, &meta, action, form).await;
    }
    n.require(action, &meta)?;
    let from = ArticleStatus::parse(&form.from).unwrap_or(meta.status);
    let to = newsroom::transition(from, action).ok_or_else(|| {
        AppError::BadRequest(crate::i18n::t1(
            "nr-workflow-impossible",
            "status",
            &status_label(from),
        ))
    })?;
    let scheduled_at = match action {
        Action::Schedule => Some(schedule_of(&state, &form)?),
        _ => None,
    };
    match state
        .store()
        .act_as(meta.id, action, (from, to), scheduled_at, &n.actor)
        .await
    {
        Ok(_) => {}
        Err(StoreError::Forbidden) => return Err(AppError::Forbidden),
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::BadRequest(crate::i18n::t("nr-status-changed")))
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(article = meta.id.get(), action = %form.action, user = n.actor.user_id.get(), "workflow");
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}?ok={}", meta.id, form.action),
    ))
}

/// A workflow button of the editor: the text on the screen saved as a revision under the
/// form's version, then the action; both refused if either is. Every refusal shows the editor
/// again with the person's text and the reason (a stale version: the conflict page).
async fn act_on_text(
    state: &AppState,
    n: &Newsroom,
    meta: &ArticleMeta,
    action: Action,
    form: StatusForm,
) -> Result<Response, AppError> {
    // The action's right is checked by the store, inside the write, against the section the
    // text puts the article in (a move and a publish may come in one click).
    n.require(Action::Edit, meta)?;
    let expected: i64 = form
        .text
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(crate::i18n::t("nr-version-missing")))?;
    // Shown again, the page keeps the version the person's text was written on, so that a
    // second try cannot overwrite a save made meanwhile.
    let shown = ArticleMeta {
        version: expected,
        ..meta.clone()
    };
    let again = |text: EditorForm, error: String, code: StatusCode| {
        let shown = &shown;
        async move {
            editor_page(
                state,
                n,
                text,
                EditorState::existing(shown, Some(error)),
                code,
            )
            .await
        }
    };
    let from = ArticleStatus::parse(&form.from).unwrap_or(meta.status);
    let Some(to) = newsroom::transition(from, action) else {
        let e = crate::i18n::t1("nr-workflow-impossible", "status", &status_label(from));
        return again(form.text, e, StatusCode::BAD_REQUEST).await;
    };
    let scheduled_at = match action {
        Action::Schedule => match schedule_of(state, &form) {
            Ok(at) => Some(at),
            Err(AppError::BadRequest(e)) => {
                return again(form.text, e, StatusCode::BAD_REQUEST).await
            }
            Err(e) => return Err(e),
        },
        _ => None,
    };
    let draft = match form.text.to_draft() {
        Ok(d) => d,
        Err(e) => return again(form.text, e, StatusCode::BAD_REQUEST).await,
    };
    if let Some(problem) = reference_problem(state, &form.text.body, &draft, Some(meta.id)).await? {
        return again(form.text, problem, StatusCode::BAD_REQUEST).await;
    }
    check_section_move(state, n, meta, &draft.section).await?;
    let act = ActOnText {
        id: meta.id,
        draft: &draft,
        expected,
        action,
        from,
        to,
        scheduled_at,
    };
    match state.store().save_and_act(&act, &n.actor).await {
        Ok(Saved::Ok { version, .. }) => {
            tracing::info!(article = meta.id.get(), version, action = %form.action, user = n.actor.user_id.get(), "saved and acted");
            Ok(see_other(
                n.jar.clone(),
                &format!("/admin/articles/{}?ok={}", meta.id, form.action),
            ))
        }
        Ok(Saved::Conflict(c)) => conflict_page(state, n, meta.id, form.text, &c).await,
        Err(StoreError::Forbidden) => Err(AppError::Forbidden),
        Err(StoreError::Conflict { constraint }) if constraint == "article status" => {
            let e = crate::i18n::t("nr-status-changed");
            again(form.text, e, StatusCode::CONFLICT).await
        }
        Err(e) => match e.user_message() {
            Some(m) => again(form.text, m, StatusCode::BAD_REQUEST).await,
            None => Err(e.into()),
        },
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CorrectionForm {
    csrf: String,
    text: String,
}

pub async fn correct(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CorrectionForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Correct, &meta)?;
    if meta.status != ArticleStatus::Published {
        return Err(AppError::BadRequest(crate::i18n::t(
            "nr-correction-published-only",
        )));
    }
    state
        .store()
        .add_correction(meta.id, &form.text, n.actor.user_id)
        .await?;
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}?ok=rectificatif", meta.id),
    ))
}
