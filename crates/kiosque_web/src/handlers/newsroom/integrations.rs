//! API keys and webhooks (`/admin/api`, `/admin/webhooks`), for admins only.

use crate::form::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::api_scope::{Scope, Scopes};
use kiosque_domain::webhook::{self, Event};
use kiosque_store::NewApiKey;
use serde::Deserialize;

use super::articles::AdminNav;
use super::page::admin_page;
use super::{when, when_by, RequireAdmin};
use crate::extract::CsrfForm;
use crate::pages::{ApiKeyView, ApiKeysPage, DeliveryView, WebhookPage, WebhookView, WebhooksPage};
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    ok: Option<String>,
}

/// What the creation form shows: its owner and scopes as chosen (the admin and `content:read`
/// on a fresh form).
struct KeyChoices {
    owner: i64,
    scopes: Scopes,
    /// Why the form was refused.
    error: Option<String>,
}

async fn keys_page(
    state: &AppState,
    admin: &RequireAdmin,
    notice: Option<String>,
    new_key: Option<String>,
    status: StatusCode,
    choices: KeyChoices,
) -> Result<Response, AppError> {
    let keys = state
        .store()
        .api_keys()
        .await?
        .into_iter()
        .map(|k| ApiKeyView {
            id: k.id,
            name: k.name,
            prefix: k.prefix,
            created: when_by(k.created_at, k.created_by.as_deref()),
            last_used: k.last_used_at.map(when),
            revoked: k.revoked_at.map(when),
            scopes: k.scopes.to_stored(),
            owner: k
                .owner
                .unwrap_or_else(|| crate::i18n::t("nr-keys-owner-gone")),
        })
        .collect();
    let owners = state
        .store()
        .key_owners()
        .await?
        .into_iter()
        .map(|(id, name, email)| {
            (
                id.get(),
                format!("{name} <{email}>"),
                id.get() == choices.owner,
            )
        })
        .collect();
    let scopes = Scope::ALL
        .iter()
        .map(|s| (s.as_str(), s.label(), choices.scopes.has(*s)))
        .collect();
    let title = crate::i18n::t("nr-title-api-keys");
    admin_page(state, &title, status, admin.1.clone(), |layout| {
        ApiKeysPage {
            layout,
            nav: AdminNav::of(&admin.0, "api"),
            csrf: admin.0.csrf.clone(),
            notice,
            new_key,
            keys,
            owners,
            scopes,
            error: choices.error,
        }
    })
    .await
}

fn fresh_choices(admin: &RequireAdmin) -> KeyChoices {
    KeyChoices {
        owner: admin.0.user.id.get(),
        scopes: Scopes::new([Scope::ContentRead]),
        error: None,
    }
}

pub async fn keys(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("revoquee") => Some(crate::i18n::t("nr-keys-done-revoked")),
        _ => None,
    };
    let choices = fresh_choices(&admin);
    keys_page(&state, &admin, notice, None, StatusCode::OK, choices).await
}

/// Creates a key and shows it once: only its hash is kept. `scope` repeats, so the body is
/// read as pairs; without an owner or scopes (an older form) the key is the admin's and reads.
pub async fn create_key(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    admin.check_csrf(&headers, field("csrf"))?;
    let owner = match field("owner").trim() {
        "" => admin.0.user.id.get(),
        o => o
            .parse()
            .map_err(|_| AppError::BadRequest(crate::i18n::t("api-key-owner-unknown")))?,
    };
    let sent: Vec<&str> = pairs
        .iter()
        .filter(|(n, _)| n == "scope")
        .map(|(_, v)| v.as_str())
        .collect();
    let scopes = if field("owner").is_empty() && sent.is_empty() {
        Scopes::new([Scope::ContentRead])
    } else {
        Scopes::new(sent.iter().filter_map(|s| Scope::parse(s)))
    };
    let (key, hash, prefix) = crate::api::new_key();
    let made = state
        .store()
        .create_scoped_api_key(&NewApiKey {
            name: field("name"),
            key_hash: &hash,
            prefix: &prefix,
            scopes: &scopes,
            owner: kiosque_domain::UserId(owner),
            created_by: Some(admin.0.user.id),
        })
        .await;
    let id = match made {
        Ok(id) => id,
        Err(e) => match e.user_message() {
            // The form again, as it was filled, with the reason.
            Some(m) => {
                let choices = KeyChoices {
                    owner,
                    scopes,
                    error: Some(m),
                };
                return keys_page(&state, &admin, None, None, StatusCode::BAD_REQUEST, choices)
                    .await;
            }
            None => return Err(e.into()),
        },
    };
    tracing::info!(
        key.id = id,
        admin.id = admin.0.user.id.get(),
        owner.id = owner,
        scopes = %scopes.to_stored(),
        "api key created"
    );
    keys_page(
        &state,
        &admin,
        Some(crate::i18n::t("nr-keys-created")),
        Some(key),
        StatusCode::CREATED,
        fresh_choices(&admin),
    )
    .await
}

pub async fn revoke_key(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state.store().revoke_api_key(id).await?;
    tracing::info!(
        key.id = id,
        admin.id = admin.0.user.id.get(),
        "api key revoked"
    );
    Ok(see_other(admin.1, "/admin/api?ok=revoquee"))
}

fn hook_view(w: kiosque_store::WebhookRow) -> WebhookView {
    WebhookView {
        id: w.id,
        url: w.url,
        events: w
            .events
            .iter()
            .map(|e| e.label())
            .collect::<Vec<_>>()
            .join(", "),
        active: w.active,
        created: when(w.created_at),
        pending: w.pending,
        failed: w.failed,
    }
}

/// The create form as typed, with why it was refused; a fresh form has every event checked.
#[derive(Default)]
struct HookForm {
    url: String,
    /// The events checked; `None` on a fresh form (all of them).
    chosen: Option<Vec<Event>>,
    url_error: Option<String>,
    events_error: Option<String>,
}

async fn hooks_page(
    state: &AppState,
    admin: &RequireAdmin,
    notice: Option<String>,
    secret: Option<String>,
    status: StatusCode,
    form: HookForm,
) -> Result<Response, AppError> {
    let hooks = state
        .store()
        .webhooks()
        .await?
        .into_iter()
        .map(hook_view)
        .collect();
    let title = crate::i18n::t("nr-title-webhooks");
    admin_page(state, &title, status, admin.1.clone(), |layout| {
        WebhooksPage {
            layout,
            nav: AdminNav::of(&admin.0, "webhooks"),
            csrf: admin.0.csrf.clone(),
            notice,
            secret,
            events: Event::ALL
                .iter()
                .map(|e| {
                    let checked = form.chosen.as_ref().is_none_or(|c| c.contains(e));
                    (e.as_str(), e.label().to_string(), checked)
                })
                .collect(),
            hooks,
            url: form.url,
            url_error: form.url_error,
            events_error: form.events_error,
        }
    })
    .await
}

pub async fn hooks(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("supprime") => Some(crate::i18n::t("nr-hooks-done-deleted")),
        _ => None,
    };
    hooks_page(
        &state,
        &admin,
        notice,
        None,
        StatusCode::OK,
        HookForm::default(),
    )
    .await
}

/// The create form: `events` repeats, which `Form` cannot read into a list, so the body is
/// read as pairs.
pub async fn create_hook(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // A field the form did not send is an empty field, which the checks below refuse.
    let field = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    admin.check_csrf(&headers, field("csrf"))?;
    let events: Vec<Event> = pairs
        .iter()
        .filter(|(n, _)| n == "events")
        .filter_map(|(_, v)| Event::parse(v))
        .collect();
    // A refusal shows the form again as typed, with the reason beside its field.
    let url = match webhook::normalize_url(field("url")) {
        Ok(url) => match kiosque_jobs::webhook_targets::check_target(&url).await {
            Ok(()) => Ok(url),
            Err(e) => Err(e.to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    let events_error = events
        .is_empty()
        .then(|| crate::i18n::t("nr-hooks-no-event"));
    let url = match (url, events_error) {
        (Ok(url), None) => url,
        (url, events_error) => {
            let form = HookForm {
                url: field("url").to_owned(),
                chosen: Some(events),
                url_error: url.err(),
                events_error,
            };
            let status = StatusCode::BAD_REQUEST;
            return hooks_page(&state, &admin, None, None, status, form).await;
        }
    };
    let secret = format!("whsec_{}", crate::auth::random_token());
    let id = state
        .store()
        .create_webhook(&url, &secret, &events, admin.0.user.id)
        .await?;
    tracing::info!(
        webhook.id = id,
        admin.id = admin.0.user.id.get(),
        "webhook registered"
    );
    hooks_page(
        &state,
        &admin,
        Some(crate::i18n::t1("nr-hooks-done-created", "id", id)),
        Some(secret),
        StatusCode::CREATED,
        HookForm::default(),
    )
    .await
}

/// A delivery in a webhook's journal, with each attempt.
fn delivery_view(d: kiosque_store::DeliveryRow) -> DeliveryView {
    DeliveryView {
        id: d.id,
        event: Event::parse(&d.event)
            .map(|e| e.label().to_string())
            .unwrap_or(d.event),
        article_id: d.article_id,
        status: match d.status.as_str() {
            "delivered" => crate::i18n::t("nr-delivery-delivered"),
            "failed" => crate::i18n::t("nr-delivery-failed"),
            _ => crate::i18n::t("nr-delivery-pending"),
        },
        created: when(d.created_at),
        next: (d.status == "pending").then(|| when(d.next_attempt_at)),
        attempts: d
            .log
            .into_iter()
            .map(|(at, a)| {
                // Only the outcome: a status code, an error text or a duration would tell an
                // open port from a closed one, and "resend" would scan the newsroom's network.
                // The node's log keeps the details for the operator.
                let outcome = if a.succeeded() {
                    crate::i18n::t("nr-attempt-delivered")
                } else {
                    crate::i18n::t("nr-attempt-failed")
                };
                format!("{} — {outcome}", when(at))
            })
            .collect(),
        payload: d.payload,
    }
}

pub async fn hook(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Path(id): Path<String>,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let hook = state.store().webhook(id).await?.ok_or(AppError::NotFound)?;
    let deliveries = state
        .store()
        .deliveries(id, 100)
        .await?
        .into_iter()
        .map(delivery_view)
        .collect();
    let notice = match q.ok.as_deref() {
        Some("pause") => Some(crate::i18n::t("nr-hooks-paused-notice")),
        Some("reprise") => Some(crate::i18n::t("nr-hooks-done-resumed")),
        Some("renvoi") => Some(crate::i18n::t("nr-hooks-done-redeliver")),
        _ => None,
    };
    let title = crate::i18n::t("nr-title-webhook");
    let nav = AdminNav::of(&admin.0, "webhooks");
    admin_page(&state, &title, StatusCode::OK, admin.1, |layout| {
        WebhookPage {
            layout,
            nav,
            csrf: admin.0.csrf.clone(),
            notice,
            hook: hook_view(hook),
            deliveries,
        }
    })
    .await
}

/// A form with its CSRF token and the action a button chose.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    action: String,
}

/// Pause, resume or delete a webhook.
pub async fn hook_action(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let store = state.store();
    let to = match form.action.as_str() {
        "pause" => {
            store.set_webhook_active(id, false).await?;
            format!("/admin/webhooks/{id}?ok=pause")
        }
        "reprise" => {
            store.set_webhook_active(id, true).await?;
            format!("/admin/webhooks/{id}?ok=reprise")
        }
        "supprimer" => {
            store.delete_webhook(id).await?;
            "/admin/webhooks?ok=supprime".to_owned()
        }
        _ => return Err(AppError::BadRequest(crate::i18n::t("nr-unknown-action"))),
    };
    tracing::info!(webhook.id = id, action = %form.action, admin.id = admin.0.user.id.get(), "webhook");
    Ok(see_other(admin.1, &to))
}

pub async fn redeliver(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Path((id, delivery)): Path<(String, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let delivery: i64 = delivery.parse().map_err(|_| AppError::NotFound)?;
    state.store().redeliver(id, delivery).await?;
    Ok(see_other(
        admin.1,
        &format!("/admin/webhooks/{id}?ok=renvoi"),
    ))
}
