//! Subscribing (`/lettres`): the form, the subscription with double opt-in, and the
//! confirmation link. The forms of cached pages (front page, articles) cannot carry a visitor's
//! token: they post here without one, and get this page's own form, filled in, to send with a
//! token. Nothing is stored before that second step, and nothing is sent to a newsletter's
//! subscriber before they followed the confirmation mail's link.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::account::normalize_email;
use kiosque_store::NewsletterRow;
use serde::Deserialize;

use super::page::{action_page, render, Choice, SubscribePage};
use crate::auth::{self, check_same_site, MaybeMember};
use crate::extract::ClientIp;
use crate::form::Form;
use crate::i18n::{t, t1};
use crate::limits::Action;
use crate::newsletters::names;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Preselect {
    lettre: String,
}

/// `GET /lettres`: every newsletter, the one named by `?lettre=` ticked (the daily digest by
/// default), and the member's address filled in.
pub async fn show(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<Preselect>,
) -> Result<Response, AppError> {
    let wanted = if q.lettre.is_empty() {
        vec![kiosque_domain::newsletter::DAILY.to_owned()]
    } else {
        vec![q.lettre]
    };
    let email = maybe
        .member
        .as_ref()
        .map(|m| m.user.email.clone())
        .unwrap_or_default();
    form_page(&state, maybe, StatusCode::OK, email, &wanted, None).await
}

async fn form_page(
    state: &AppState,
    maybe: MaybeMember,
    status: StatusCode,
    email: String,
    wanted: &[String],
    error: Option<String>,
) -> Result<Response, AppError> {
    let (csrf, jar) = maybe.csrf(state);
    let choices = state
        .store()
        .newsletters()
        .await?
        .iter()
        .map(|n| Choice::of(n, wanted.contains(&n.name)))
        .collect();
    render(state, jar, status, &t("nl-page-title"), |layout| {
        SubscribePage {
            layout,
            csrf,
            email,
            error,
            choices,
        }
    })
    .await
}

/// `POST /lettres`: from a cached page's form (no token), the filled-in form to send; from
/// this page's form, the subscription.
pub async fn submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let wanted: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "lettre")
        .map(|(_, v)| v.clone())
        .collect();
    let (csrf, raw_email) = (value("csrf"), value("email"));
    if csrf.is_empty() {
        return form_page(&state, maybe, StatusCode::OK, raw_email, &wanted, None).await;
    }
    maybe.check_csrf(&headers, &csrf)?;
    let email = match normalize_email(&raw_email) {
        Ok(e) => e,
        Err(_) => {
            let error = Some(t("nl-error-email"));
            return form_page(
                &state,
                maybe,
                StatusCode::BAD_REQUEST,
                raw_email,
                &wanted,
                error,
            )
            .await;
        }
    };
    state
        .limits()
        .check(Action::Subscribe, ip, Some(email.as_str()))
        .await?;
    state.store().sync_newsletters().await?;
    let all = state.store().newsletters().await?;
    let chosen: Vec<&NewsletterRow> = all.iter().filter(|n| wanted.contains(&n.name)).collect();
    if chosen.is_empty() {
        let error = Some(t("nl-error-none"));
        return form_page(
            &state,
            maybe,
            StatusCode::BAD_REQUEST,
            email,
            &wanted,
            error,
        )
        .await;
    }
    let ids: Vec<i64> = chosen.iter().map(|n| n.id).collect();
    request(&state, &email, &ids, &all).await?;
    // The same answer whether a mail went out or the address had already asked: the page
    // tells no one what an address is subscribed to.
    action_page(
        &state,
        maybe.jar,
        StatusCode::OK,
        t("nl-check-inbox"),
        vec![t1("nl-check-inbox-text", "email", email.as_str())],
        None,
    )
    .await
}

/// Asks for `ids` for `email` and mails the confirmation link when something new waits for
/// it (once: asking again while it waits sends nothing).
pub(crate) async fn request(
    state: &AppState,
    email: &str,
    ids: &[i64],
    all: &[NewsletterRow],
) -> Result<(), AppError> {
    let token = auth::random_token();
    let confirm = auth::random_token();
    let done = state
        .store()
        .request_subscription(email, ids, &token, &auth::hash_secret(&confirm))
        .await?;
    if done.pending.is_empty() {
        return Ok(());
    }
    let titles: Vec<String> = all
        .iter()
        .filter(|n| done.pending.contains(&n.id))
        .map(|n| format!("- {}", names::title(n)))
        .collect();
    let link = state
        .config()
        .link(&format!("/lettres/confirmer?jeton={confirm}"));
    let text = crate::handlers::newsroom::mail_text(&[
        t("mail-acc-hello"),
        t("nl-confirm-mail-text"),
        titles.join("\n"),
        t1("nl-confirm-mail-link", "link", link.as_str()),
        t("nl-confirm-mail-ignore"),
    ]);
    crate::handlers::account::send_mail(state, email, &t("nl-confirm-mail-subject"), &text).await;
    Ok(())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenQuery {
    jeton: String,
}

async fn titles_of(state: &AppState, ids: &[i64]) -> Result<Vec<String>, AppError> {
    Ok(state
        .store()
        .newsletters()
        .await?
        .iter()
        .filter(|n| ids.contains(&n.id))
        .map(names::title)
        .collect())
}

/// `GET /lettres/confirmer?jeton=…`: what the link confirms, and the button that does it (a
/// mail scanner that opens links confirms nothing).
pub async fn confirm_show(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let hash = auth::hash_secret(q.jeton.trim());
    let Some((email, ids)) = state.store().pending_confirmation(&hash).await? else {
        return link_spent(&state, maybe).await;
    };
    let titles = titles_of(&state, &ids).await?;
    action_page(
        &state,
        maybe.jar,
        StatusCode::OK,
        t("nl-confirm-title"),
        vec![
            t1("nl-confirm-text", "email", email.as_str()),
            titles.join(" · "),
        ],
        Some((
            "/lettres/confirmer".to_owned(),
            vec![("jeton".to_owned(), q.jeton.trim().to_owned())],
            t("nl-confirm-button"),
        )),
    )
    .await
}

async fn link_spent(state: &AppState, maybe: MaybeMember) -> Result<Response, AppError> {
    action_page(
        state,
        maybe.jar,
        StatusCode::BAD_REQUEST,
        t("nl-link-spent"),
        vec![t("nl-link-spent-text")],
        None,
    )
    .await
}

/// `POST /lettres/confirmer`: confirms, once; the link's token is the proof.
pub async fn confirm_submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Form(q): Form<TokenQuery>,
) -> Result<Response, AppError> {
    check_same_site(&headers)?;
    let ids = state
        .store()
        .confirm_subscription(&auth::hash_secret(q.jeton.trim()))
        .await?;
    if ids.is_empty() {
        return link_spent(&state, maybe).await;
    }
    let titles = titles_of(&state, &ids).await?;
    action_page(
        &state,
        maybe.jar,
        StatusCode::OK,
        t("nl-confirmed"),
        vec![t("nl-confirmed-text"), titles.join(" · ")],
        None,
    )
    .await
}
