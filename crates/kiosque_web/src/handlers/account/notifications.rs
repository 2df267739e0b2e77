//! Reply e-mails: the member's choice on their account page, and the one-click unsubscribe link
//! every such e-mail carries (RFC 8058), which works without logging in: its signature is the
//! proof.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::notice;
use kiosque_domain::UserId;
use serde::Deserialize;

use crate::auth::{self, MaybeMember};
use crate::extract::RequireMember;
use crate::form::Form;
use crate::i18n::t;
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChoiceForm {
    csrf: String,
    /// "1" when ticked (an unticked box sends nothing).
    notifier: String,
}

/// `POST /compte/notifications`: the choice from the account page.
pub async fn save(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
    headers: HeaderMap,
    Form(form): Form<ChoiceForm>,
) -> Result<Response, AppError> {
    MaybeMember {
        member: Some(member.clone()),
        jar: jar.clone(),
    }
    .check_csrf(&headers, &form.csrf)?;
    state
        .store()
        .set_notify_replies(member.user.id, form.notifier == "1")
        .await?;
    Ok(see_other(jar, "/compte?ok=notifications#notifications"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UnsubscribeQuery {
    membre: String,
    signature: String,
}

/// The member a signed link names, once its signature is checked.
async fn signed_member(state: &AppState, q: &UnsubscribeQuery) -> Result<Option<UserId>, AppError> {
    let Some(user) = q
        .membre
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(UserId)
    else {
        return Ok(None);
    };
    let secret = state
        .store()
        .site_secret(notice::SECRET_KEY, &auth::random_token())
        .await?;
    Ok(notice::check_unsubscribe(&secret, user, q.signature.trim()).then_some(user))
}

/// `GET /compte/desabonnement?membre=…&signature=…`: the link in the e-mail. One click stops
/// the e-mails and says how to have them again.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<UnsubscribeQuery>,
) -> Result<Response, AppError> {
    let Some(user) = signed_member(&state, &q).await? else {
        return super::notice(
            &state,
            maybe.jar,
            StatusCode::BAD_REQUEST,
            &t("acc-link-invalid"),
            vec![t("acc-unsubscribe-invalid-text")],
            vec![("/compte#notifications".into(), t("acc-profile-title"))],
        )
        .await;
    };
    state.store().set_notify_replies(user, false).await?;
    super::notice(
        &state,
        maybe.jar,
        StatusCode::OK,
        &t("acc-unsubscribed"),
        vec![t("acc-unsubscribed-text")],
        vec![("/compte#notifications".into(), t("acc-profile-title"))],
    )
    .await
}

/// `POST /compte/desabonnement?membre=…&signature=…`: the one-click unsubscribe a mail client
/// sends (`List-Unsubscribe=One-Click`, RFC 8058), without cookies or form token: the
/// signature authorises it.
pub async fn unsubscribe_post(
    State(state): State<AppState>,
    Query(q): Query<UnsubscribeQuery>,
) -> Result<Response, AppError> {
    let Some(user) = signed_member(&state, &q).await? else {
        let message = format!("{}\n", t("acc-unsubscribe-invalid-plain"));
        return Ok((StatusCode::BAD_REQUEST, message).into_response());
    };
    state.store().set_notify_replies(user, false).await?;
    tracing::info!(user.id = user.get(), "unsubscribed from reply e-mails");
    Ok((StatusCode::OK, format!("{}\n", t("acc-unsubscribed-plain"))).into_response())
}
