//! The workflow of an article: submit, publish, schedule and unpublish, and correction notes
//! on a published article.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kiosque_domain::newsroom::{self, Action};
use kiosque_domain::{dates, ArticleStatus};
use kiosque_store::StoreError;
use serde::Deserialize;

use super::access::{meta, status_label, Newsroom};
use crate::form::Form;
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    csrf: String,
    action: String,
    /// The status the page showed: acting from a stale screen is refused.
    from: String,
    date: String,
    time: String,
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
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    let action = action_of(&form.action)?;
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
        .change_status(meta.id, from, to, scheduled_at)
        .await
    {
        Ok(_) => {}
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
