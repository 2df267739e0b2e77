//! The newsletters in the back office (`/admin/lettres`, admins: subscriber addresses are
//! personal data): per newsletter, its confirmed subscribers, its send time (Paris) and its
//! last sends with their counts; the mail queue's state; and the addresses marked bounced or
//! complained, which are never sent to again.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::account::normalize_email;
use kiosque_domain::newsletter::{is_scheduled, parse_send_time, send_time_label};
use serde::Deserialize;

use super::articles::AdminNav;
use super::page::admin_page;
use super::{when, RequireAdmin};
use crate::i18n::{t, t1};
use crate::newsletters::names;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::{AppError, AppState};

pub struct Send {
    pub when: String,
    pub special: bool,
    pub subject: String,
    pub articles: i64,
    pub recipients: i64,
    pub sent: i64,
    pub failed: i64,
    pub waiting: i64,
}

pub struct Letter {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub confirmed: i64,
    pub time: String,
    pub sends: Vec<Send>,
}

#[derive(Template)]
#[template(path = "admin/newsletters.html")]
pub struct NewslettersPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub letters: Vec<Letter>,
    pub queued: i64,
    pub failed: i64,
    /// Addresses not sent to: (address, state label, when).
    pub marked: Vec<(String, String, String)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    ok: Option<String>,
}

fn state_label(state: &str) -> String {
    match state {
        "bounced" => t("nl-admin-bounced"),
        "complained" => t("nl-admin-complained"),
        _ => t("nl-admin-ok"),
    }
}

async fn page(
    state: &AppState,
    admin: RequireAdmin,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let store = state.store();
    store.sync_newsletters().await?;
    let mut letters = Vec::new();
    for n in store.newsletters().await? {
        let sends = store
            .recent_editions(n.id, 10)
            .await?
            .into_iter()
            .map(|e| Send {
                when: when(e.created_at),
                special: !is_scheduled(&e.key),
                subject: e.subject,
                articles: e.articles,
                recipients: e.recipients,
                sent: e.sent,
                failed: e.failed,
                waiting: e.waiting,
            })
            .collect();
        letters.push(Letter {
            id: n.id,
            title: names::title(&n),
            name: n.name,
            confirmed: n.confirmed,
            time: send_time_label(n.send_minute),
            sends,
        });
    }
    let counts = store.mail_queue_counts().await?;
    let marked = store
        .marked_subscribers(50)
        .await?
        .into_iter()
        .map(|(email, s, at)| (email, state_label(&s), when(at)))
        .collect();
    let nav = AdminNav::of(&admin.0, "newsletters");
    let csrf = admin.0.csrf.clone();
    admin_page(state, &t("nl-admin-title"), status, admin.1, |layout| {
        NewslettersPage {
            layout,
            nav,
            csrf,
            notice,
            error,
            letters,
            queued: counts.queued,
            failed: counts.failed,
            marked,
        }
    })
    .await
}

/// `GET /admin/lettres`.
pub async fn show(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("time") => Some(t("nl-admin-time-saved")),
        Some("address") => Some(t("nl-admin-address-saved")),
        _ => None,
    };
    page(&state, admin, StatusCode::OK, notice, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TimeForm {
    csrf: String,
    heure: String,
}

/// `POST /admin/lettres/{id}/heure`: the send time, `HH:MM` in Paris.
pub async fn set_time(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Path(id): Path<i64>,
    headers: HeaderMap,
    crate::form::Form(form): crate::form::Form<TimeForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let Some(minute) = parse_send_time(&form.heure) else {
        let error = Some(t1("nl-admin-time-invalid", "time", form.heure.as_str()));
        return page(&state, admin, StatusCode::BAD_REQUEST, None, error).await;
    };
    state
        .store()
        .set_newsletter_time(admin.0.user.id, id, minute)
        .await?;
    Ok(see_other(admin.1, "/admin/lettres?ok=time"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddressForm {
    csrf: String,
    email: String,
    etat: String,
}

/// `POST /admin/lettres/adresses`: marks an address bounced or complained (or sendable again).
pub async fn mark_address(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    crate::form::Form(form): crate::form::Form<AddressForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let Ok(email) = normalize_email(&form.email) else {
        let error = Some(t("nl-error-email"));
        return page(&state, admin, StatusCode::BAD_REQUEST, None, error).await;
    };
    if !matches!(form.etat.as_str(), "bounced" | "complained" | "ok") {
        return Err(AppError::BadRequest(t("site-form-malformed")));
    }
    let known = state
        .store()
        .set_subscriber_state(admin.0.user.id, &email, &form.etat)
        .await?;
    if !known {
        let error = Some(t1("nl-admin-unknown-address", "email", email.as_str()));
        return page(&state, admin, StatusCode::BAD_REQUEST, None, error).await;
    }
    Ok(see_other(admin.1, "/admin/lettres?ok=address"))
}
