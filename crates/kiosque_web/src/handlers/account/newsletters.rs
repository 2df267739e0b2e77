//! "Mes lettres" in "Mon espace" (`/compte/lettres`): every newsletter with the member's
//! subscription (confirmed, or waiting for its confirmation), ticked or not. Ticking one sends
//! the same confirmation mail as the public form (double opt-in for everyone); unticking
//! unsubscribes at once.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_store::Unsubscribed;
use serde::Deserialize;

use crate::auth::MaybeMember;
use crate::extract::RequireMember;
use crate::form::Form;
use crate::handlers::site::newsletters::page::{render, Choice};
use crate::i18n::t;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "account/newsletters.html")]
pub struct MyNewslettersPage {
    pub layout: Layout,
    pub csrf: String,
    pub email: String,
    pub notice: Option<String>,
    pub choices: Vec<Choice>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    ok: Option<String>,
}

/// `GET /compte/lettres`.
pub async fn show(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let email = member.user.email.clone();
    let mine = state.store().subscriptions_of(&email).await?;
    let choices = state
        .store()
        .newsletters()
        .await?
        .iter()
        .map(|n| {
            let state = mine
                .iter()
                .find(|s| s.newsletter_id == n.id)
                .map(|s| s.state.clone());
            Choice {
                state: state.clone(),
                ..Choice::of(n, state.is_some())
            }
        })
        .collect();
    let notice = match q.ok.as_deref() {
        Some("confirm") => Some(t("nl-mine-saved-confirm")),
        Some("saved") => Some(t("nl-mine-saved")),
        _ => None,
    };
    render(&state, jar, StatusCode::OK, &t("nl-mine-title"), |layout| {
        MyNewslettersPage {
            layout,
            csrf: member.csrf.clone(),
            email,
            notice,
            choices,
        }
    })
    .await
}

/// `POST /compte/lettres`: the ticked newsletters.
pub async fn save(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let csrf = fields
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    MaybeMember {
        member: Some(member.clone()),
        jar: jar.clone(),
    }
    .check_csrf(&headers, csrf)?;
    let wanted: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "lettre")
        .map(|(_, v)| v.as_str())
        .collect();
    let email = member.user.email.clone();
    let store = state.store();
    let all = store.newsletters().await?;
    let mine = store.subscriptions_of(&email).await?;
    let has = |id: i64| mine.iter().any(|s| s.newsletter_id == id);
    let to_ask: Vec<i64> = all
        .iter()
        .filter(|n| wanted.contains(&n.name.as_str()) && !has(n.id))
        .map(|n| n.id)
        .collect();
    if let Some(token) = store.subscriber_token(&email).await? {
        for n in all
            .iter()
            .filter(|n| !wanted.contains(&n.name.as_str()) && has(n.id))
        {
            if let Unsubscribed::Unknown = store.unsubscribe(&token, n.id).await? {
                tracing::warn!(newsletter = n.id, "unsubscribe from Mon espace: unknown");
            }
        }
    }
    if to_ask.is_empty() {
        return Ok(see_other(jar, "/compte/lettres?ok=saved"));
    }
    crate::handlers::site::newsletters::subscribe::request(&state, &email, &to_ask, &all).await?;
    Ok(see_other(jar, "/compte/lettres?ok=confirm"))
}
