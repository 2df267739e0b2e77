//! The breaking-news alert in the newsroom (`/admin/alerte`, editors and admins): send one
//! (text, optional link, how long it lasts), end the one showing, and the log of every alert.
//! A refused form answers 400 with each reason beside its field, and stores nothing.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::alert::{parse_duration, AlertDraft, AlertError, MAX_LINK, MAX_TEXT};
use serde::Deserialize;

use super::common::Desk;
use crate::handlers::newsroom::articles::AdminNav;
use crate::handlers::newsroom::when_by;
use crate::pages::Layout;
use crate::{AppError, AppState};

/// The durations offered, as the form sends them, with their labels.
fn durations() -> Vec<Choice> {
    [
        ("30m", crate::i18n::t("alert-for-30m")),
        ("1h", crate::i18n::t("alert-for-1h")),
        ("2h", crate::i18n::t("alert-for-2h")),
        ("6h", crate::i18n::t("alert-for-6h")),
        ("24h", crate::i18n::t("alert-for-24h")),
    ]
    .into_iter()
    .map(|(value, label)| Choice { value, label })
    .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AlertForm {
    pub csrf: String,
    pub text: String,
    pub link: String,
    pub expires: String,
}

/// The reasons a form was refused, by field.
#[derive(Default)]
pub struct Problems {
    pub text: Option<String>,
    pub link: Option<String>,
    pub expires: Option<String>,
}

pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

pub struct LogLine {
    pub sent: String,
    pub text: String,
    pub link: Option<String>,
    pub until: String,
    /// When and by whom it was ended; `None` while it shows or once it expired by itself.
    pub ended: Option<String>,
    pub showing: bool,
}

#[derive(Template)]
#[template(path = "admin/alert.html")]
pub struct AlertPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub form: AlertForm,
    pub problems: Problems,
    pub notice: Option<String>,
    pub choices: Vec<Choice>,
    pub active: Option<LogLine>,
    pub log: Vec<LogLine>,
    pub max_text: usize,
    pub max_link: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    ok: Option<String>,
}

fn line(a: &kiosque_store::Alert, now: i64) -> LogLine {
    LogLine {
        sent: when_by(a.created_at, a.created_by.as_deref()),
        text: a.text.clone(),
        link: a.link.clone(),
        until: crate::handlers::newsroom::when(a.expires_at),
        ended: a.ended_at.map(|at| when_by(at, a.ended_by.as_deref())),
        showing: a.showing(now),
    }
}

async fn page(
    state: &AppState,
    desk: Desk,
    form: AlertForm,
    problems: Problems,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let now = chrono::Utc::now().timestamp_millis();
    let log: Vec<LogLine> = state
        .store()
        .alert_log(50)
        .await?
        .iter()
        .map(|a| line(a, now))
        .collect();
    let active = log.iter().find(|l| l.showing).map(|l| LogLine {
        sent: l.sent.clone(),
        text: l.text.clone(),
        link: l.link.clone(),
        until: l.until.clone(),
        ended: None,
        showing: true,
    });
    let choices = durations();
    let title = crate::i18n::t("alert-title");
    let nav = AdminNav::of(&desk.0.member, "alert");
    let csrf = desk.csrf();
    desk.page(state, &title, status, |layout| AlertPage {
        layout,
        nav,
        csrf,
        form,
        problems,
        notice,
        choices,
        active,
        log,
        max_text: MAX_TEXT,
        max_link: MAX_LINK,
    })
    .await
}

pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("sent") => Some(crate::i18n::t("alert-sent")),
        Some("ended") => Some(crate::i18n::t("alert-ended")),
        _ => None,
    };
    let form = AlertForm {
        expires: "1h".to_owned(),
        ..AlertForm::default()
    };
    page(
        &state,
        desk,
        form,
        Problems::default(),
        notice,
        StatusCode::OK,
    )
    .await
}

pub async fn send(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    crate::form::Form(form): crate::form::Form<AlertForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let duration = parse_duration(&form.expires).unwrap_or(0);
    match AlertDraft::new(&form.text, &form.link, duration) {
        Ok(draft) => {
            state
                .store()
                .send_alert(Some(desk.0.member.user.id), &draft)
                .await?;
            Ok(desk.done("/admin/alerte?ok=sent"))
        }
        Err(errors) => {
            let mut problems = Problems::default();
            for e in errors {
                let slot = match e.field() {
                    "text" => &mut problems.text,
                    "link" => &mut problems.link,
                    _ => &mut problems.expires,
                };
                slot.get_or_insert_with(|| AlertError::message(e));
            }
            page(&state, desk, form, problems, None, StatusCode::BAD_REQUEST).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EndForm {
    pub csrf: String,
}

pub async fn end(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    crate::form::Form(form): crate::form::Form<EndForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    state.store().end_alert(Some(desk.0.member.user.id)).await?;
    Ok(desk.done("/admin/alerte?ok=ended"))
}
