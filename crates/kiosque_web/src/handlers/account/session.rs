//! Log-in, log-out, forgotten password.

use crate::form::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::account;
use kiosque_store::TokenPurpose;
use serde::Deserialize;

use super::pages::{Field, FormPage};
use super::send_mail;
use super::signup::TokenQuery;
use crate::auth::{self, MaybeMember};
use crate::extract::ClientIp;
use crate::i18n::{t, t1};
use crate::layout::layout;
use crate::limits::Action;
use crate::respond::{encode_query, personal, see_other};
use crate::views::Here;
use crate::{AppError, AppState};

/// Reset links last an hour.
const RESET_MINUTES: i64 = 60;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginQuery {
    retour: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    csrf: String,
    email: String,
    password: String,
    retour: String,
}

async fn login_page(
    state: &AppState,
    maybe: &MaybeMember,
    email: &str,
    back: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (csrf, jar) = maybe.csrf(state);
    let heading = t("acc-login");
    let page = FormPage {
        layout: layout(
            state,
            &t1("site-title", "title", &heading),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading: heading.clone(),
        intro: Some(t("acc-login-intro")),
        error,
        action: "/compte/connexion".into(),
        csrf,
        hidden: vec![("retour".into(), back.to_owned())],
        fields: vec![
            Field::new("email", &t("acc-email"), "email")
                .value(email)
                .autocomplete("username"),
            Field::new("password", &t("acc-password"), "password").autocomplete("current-password"),
        ],
        submit: heading,
        links: vec![
            ("/compte/mot-de-passe-oublie".into(), t("acc-forgot-link")),
            (
                // Signing up from here comes back to the same place once the address is
                // confirmed.
                match back {
                    "/" => "/compte/inscription".to_owned(),
                    b => format!("/compte/inscription?retour={}", encode_query(b)),
                },
                t("acc-login-no-account"),
            ),
        ],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn show(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    let back = auth::safe_return(q.retour.as_deref());
    if maybe.member.is_some() {
        return Ok(see_other(maybe.jar, &back));
    }
    login_page(&state, &maybe, "", &back, None, StatusCode::OK).await
}

pub async fn submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    maybe.check_csrf(&headers, &form.csrf)?;
    let back = auth::safe_return(Some(&form.retour));
    // A malformed address cannot match an account; it is still counted (as "") against the
    // log-in limit, so that typing rubbish is no way around it.
    let email = account::normalize_email(&form.email).unwrap_or_default();
    state
        .limits()
        .check(Action::LogIn, ip, Some(&email))
        .await?;
    let user = if email.is_empty() {
        None
    } else {
        state.store().user_by_email(&email).await?
    };
    let ok = auth::verify_password(
        form.password.clone(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let refused = |message: String, status| {
        login_page(&state, &maybe, &form.email, &back, Some(message), status)
    };
    let Some(user) = user.filter(|_| ok) else {
        return refused(t("acc-login-failed"), StatusCode::BAD_REQUEST).await;
    };
    if user.deactivated_at.is_some() {
        return refused(t("acc-login-deactivated"), StatusCode::FORBIDDEN).await;
    }
    let jar = super::start::start_session(&state, &maybe, user.id).await?;
    tracing::info!(user.id = user.id.get(), "logged in");
    Ok(see_other(jar, &back))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfOnly {
    csrf: String,
}

/// Log-out ends the session on the server, not only in the browser.
pub async fn logout(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    if maybe.member.is_none() {
        return Ok(see_other(maybe.jar, "/"));
    }
    maybe.check_csrf(&headers, &form.csrf)?;
    if let Some(m) = &maybe.member {
        state.store().delete_session(&m.session_hash).await?;
    }
    let jar = maybe
        .jar
        .remove(auth::removal_cookie(auth::session_cookie_name(
            state.config().secure_cookies(),
        )));
    Ok(see_other(jar, "/"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    csrf: String,
    email: String,
}

async fn forgot_page(
    state: &AppState,
    maybe: &MaybeMember,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (csrf, jar) = maybe.csrf(state);
    let heading = t("acc-forgot");
    let page = FormPage {
        layout: layout(
            state,
            &t1("site-title", "title", &heading),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading,
        intro: Some(t("acc-forgot-intro")),
        error,
        action: "/compte/mot-de-passe-oublie".into(),
        csrf,
        hidden: Vec::new(),
        fields: vec![Field::new("email", &t("acc-email"), "email").autocomplete("email")],
        submit: t("acc-forgot-submit"),
        links: vec![("/compte/connexion".into(), t("acc-login"))],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn forgot_show(
    State(state): State<AppState>,
    maybe: MaybeMember,
) -> Result<Response, AppError> {
    forgot_page(&state, &maybe, None, StatusCode::OK).await
}

/// How long every answer of the reset form takes: longer than the work for a known address
/// (a few milliseconds, more over a slow database), short enough for a person not to notice.
const RESET_ANSWER_TIME: std::time::Duration = std::time::Duration::from_millis(250);

pub async fn forgot_submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    maybe.check_csrf(&headers, &form.csrf)?;
    let started = tokio::time::Instant::now();
    let Ok(email) = account::normalize_email(&form.email) else {
        return forgot_page(
            &state,
            &maybe,
            Some(account::AccountError::BadEmail.to_string()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    state
        .limits()
        .check(Action::Reset, ip, Some(&email))
        .await?;
    // The same answer whether the address has an account or not, and at the same time: a
    // known address costs a token, a queued mail and its sending, which an unknown one does
    // not, so every answer waits until RESET_ANSWER_TIME after the request (issue 14's
    // review measured 2.51 ms against 1.18 ms without this).
    if let Some(user) = state.store().user_by_email(&email).await? {
        send_reset_link(&state, user.id, &user.display_name, &email).await?;
    }
    tokio::time::sleep_until(started + RESET_ANSWER_TIME).await;
    super::notice(
        &state,
        maybe.jar,
        StatusCode::OK,
        &t("acc-check-inbox"),
        vec![t1("acc-forgot-sent", "email", &email)],
        vec![("/compte/connexion".into(), t("acc-login"))],
    )
    .await
}

/// Sends the one-time link to choose a new password.
async fn send_reset_link(
    state: &AppState,
    user_id: kiosque_domain::UserId,
    name: &str,
    email: &str,
) -> Result<(), AppError> {
    let token = auth::random_token();
    let expires = chrono::Utc::now().timestamp_millis() + RESET_MINUTES * 60_000;
    state
        .store()
        .create_token(
            &auth::hash_secret(&token),
            user_id,
            TokenPurpose::Reset,
            None,
            expires,
        )
        .await?;
    let link = state
        .config()
        .link(&format!("/compte/reinitialiser?jeton={token}"));
    let text = format!(
        "{}\n\n{}\n\n{link}\n\n{}\n",
        t1("mail-acc-hello-name", "name", name),
        t1("mail-acc-reset-text", "minutes", RESET_MINUTES),
        t("mail-acc-reset-ignore"),
    );
    send_mail(state, email, &t("mail-acc-reset-subject"), &text).await;
    Ok(())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    csrf: String,
    jeton: String,
    password: String,
}

async fn reset_page(
    state: &AppState,
    maybe: &MaybeMember,
    token: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (csrf, jar) = maybe.csrf(state);
    let page = FormPage {
        layout: layout(
            state,
            &t1("site-title", "title", &t("acc-new-password")),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading: t("acc-reset-heading"),
        intro: None,
        error,
        action: "/compte/reinitialiser".into(),
        csrf,
        hidden: vec![("jeton".into(), token.to_owned())],
        fields: vec![Field::new("password", &t("acc-new-password"), "password")
            .autocomplete("new-password")
            .hint(&t1("acc-password-hint", "min", account::MIN_PASSWORD_CHARS))],
        submit: t("acc-save"),
        links: Vec::new(),
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn reset_show(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    reset_page(&state, &maybe, &q.jeton, None, StatusCode::OK).await
}

pub async fn reset_submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    maybe.check_csrf(&headers, &form.csrf)?;
    if let Err(e) = account::check_password(&form.password, &[]) {
        return reset_page(
            &state,
            &maybe,
            &form.jeton,
            Some(e.to_string()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let Some(user_id) = reset_token_user(&state, &form.jeton).await? else {
        return super::notice(
            &state,
            maybe.jar,
            StatusCode::BAD_REQUEST,
            &t("acc-link-expired"),
            vec![t("acc-reset-invalid-text")],
            vec![("/compte/mot-de-passe-oublie".into(), t("acc-forgot"))],
        )
        .await;
    };
    let hash = auth::hash_password(form.password.clone()).await?;
    // Following the link proves the address too.
    state
        .store()
        .update_user(user_id, None, None, Some(&hash), true)
        .await?;
    state.store().delete_user_sessions(user_id, None).await?;
    state.store().delete_user_tokens(user_id).await?;
    super::notice(
        &state,
        maybe.jar,
        StatusCode::OK,
        &t("acc-password-changed"),
        vec![t("acc-password-changed-text")],
        vec![("/compte/connexion".into(), t("acc-login"))],
    )
    .await
}

/// The member a reset link is for, spending the link; `None` once expired or used.
async fn reset_token_user(
    state: &AppState,
    token: &str,
) -> Result<Option<kiosque_domain::UserId>, AppError> {
    // Tokens are 64 characters: anything else is not worth a look-up.
    if token.len() != 64 {
        return Ok(None);
    }
    Ok(state
        .store()
        .use_token(&auth::hash_secret(token), TokenPurpose::Reset)
        .await?
        .map(|(user_id, _)| user_id))
}
