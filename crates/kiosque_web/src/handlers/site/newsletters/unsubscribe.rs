//! The unsubscribe link of every newsletter mail (`/lettres/desabonnement?jeton=…&lettre=…`):
//! a GET shows what it does and one button; a POST unsubscribes at once, without log-in or form
//! token — the address's token in the URL is the proof — which is also the one-click POST that
//! mail clients send (`List-Unsubscribe=One-Click`, RFC 8058). Used again, it says it is done.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::newsletter::unsubscribe_path;
use kiosque_store::Unsubscribed;
use serde::Deserialize;

use super::page::action_page;
use crate::auth::MaybeMember;
use crate::i18n::{t, t2};
use crate::newsletters::names;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Link {
    jeton: String,
    lettre: String,
}

impl Link {
    fn newsletter(&self) -> Option<i64> {
        self.lettre.trim().parse().ok().filter(|id| *id > 0)
    }
}

async fn title_of(state: &AppState, id: i64) -> Result<Option<String>, AppError> {
    Ok(state
        .store()
        .newsletters()
        .await?
        .iter()
        .find(|n| n.id == id)
        .map(names::title))
}

async fn invalid(state: &AppState, maybe: MaybeMember) -> Result<Response, AppError> {
    action_page(
        state,
        maybe.jar,
        StatusCode::BAD_REQUEST,
        t("nl-unsub-invalid"),
        vec![t("nl-unsub-invalid-text")],
        None,
    )
    .await
}

async fn done(
    state: &AppState,
    maybe: MaybeMember,
    email: &str,
    title: &str,
    now: bool,
) -> Result<Response, AppError> {
    let (heading, text) = if now {
        ("nl-unsub-done", "nl-unsub-done-text")
    } else {
        ("nl-unsub-already", "nl-unsub-already-text")
    };
    action_page(
        state,
        maybe.jar,
        StatusCode::OK,
        t(heading),
        vec![t2(text, "email", email, "newsletter", title)],
        None,
    )
    .await
}

/// `GET`: the confirmation page, or "already done".
pub async fn show(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(link): Query<Link>,
) -> Result<Response, AppError> {
    let token = link.jeton.trim();
    let (Some(id), false) = (link.newsletter(), token.is_empty()) else {
        return invalid(&state, maybe).await;
    };
    let (Some((email, subscribed)), Some(title)) = (
        state.store().unsubscribe_target(token, id).await?,
        title_of(&state, id).await?,
    ) else {
        return invalid(&state, maybe).await;
    };
    if !matches!(subscribed.as_deref(), Some("confirmed" | "pending")) {
        return done(&state, maybe, &email, &title, false).await;
    }
    action_page(
        &state,
        maybe.jar,
        StatusCode::OK,
        t("nl-unsub-title"),
        vec![t2("nl-unsub-text", "email", &email, "newsletter", &title)],
        Some((
            unsubscribe_path(token, id),
            Vec::new(),
            t("nl-unsub-button"),
        )),
    )
    .await
}

/// `POST`: unsubscribes at once (the page's button, or a mail client's one-click POST).
pub async fn submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(link): Query<Link>,
) -> Result<Response, AppError> {
    let token = link.jeton.trim();
    let (Some(id), false) = (link.newsletter(), token.is_empty()) else {
        return invalid(&state, maybe).await;
    };
    let Some(title) = title_of(&state, id).await? else {
        return invalid(&state, maybe).await;
    };
    match state.store().unsubscribe(token, id).await? {
        Unsubscribed::Done(email) => {
            tracing::info!(newsletter = id, "unsubscribed from a newsletter");
            done(&state, maybe, &email, &title, true).await
        }
        Unsubscribed::Already(email) => done(&state, maybe, &email, &title, false).await,
        Unsubscribed::Unknown => invalid(&state, maybe).await,
    }
}
