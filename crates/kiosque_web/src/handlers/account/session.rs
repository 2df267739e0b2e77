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
use crate::auth::{self, MaybeMember, SESSION_COOKIE};
use crate::extract::ClientIp;
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
    let page = FormPage {
        layout: layout(state, "Se connecter — Kiosque", None, None, Here::Elsewhere).await?,
        heading: "Se connecter".into(),
        intro: Some("Connectez-vous à votre espace pour commenter les articles.".into()),
        error,
        action: "/compte/connexion".into(),
        csrf,
        hidden: vec![("retour".into(), back.to_owned())],
        fields: vec![
            Field::new("email", "Adresse e-mail", "email")
                .value(email)
                .autocomplete("username"),
            Field::new("password", "Mot de passe", "password").autocomplete("current-password"),
        ],
        submit: "Se connecter".into(),
        links: vec![
            (
                "/compte/mot-de-passe-oublie".into(),
                "Mot de passe oublié ?".into(),
            ),
            (
                // Signing up from here comes back to the same place once the address is
                // confirmed.
                match back {
                    "/" => "/compte/inscription".to_owned(),
                    b => format!("/compte/inscription?retour={}", encode_query(b)),
                },
                "Pas encore de compte ? Créer mon espace".into(),
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
    state.limits().check(Action::LogIn, ip, Some(&email))?;
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
    let refused = |message: &str, status| {
        login_page(
            &state,
            &maybe,
            &form.email,
            &back,
            Some(message.to_owned()),
            status,
        )
    };
    let Some(user) = user.filter(|_| ok) else {
        return refused(
            "Adresse e-mail ou mot de passe incorrect.",
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    if user.deactivated_at.is_some() {
        return refused(
            "Ce compte a été désactivé. Adressez-vous à l’administration du site.",
            StatusCode::FORBIDDEN,
        )
        .await;
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
    let jar = maybe.jar.remove(auth::removal_cookie(SESSION_COOKIE));
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
    let page = FormPage {
        layout: layout(
            state,
            "Mot de passe oublié — Kiosque",
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading: "Mot de passe oublié".into(),
        intro: Some(
            "Indiquez l’adresse de votre espace : nous y enverrons un lien pour choisir un \
             nouveau mot de passe."
                .into(),
        ),
        error,
        action: "/compte/mot-de-passe-oublie".into(),
        csrf,
        hidden: Vec::new(),
        fields: vec![Field::new("email", "Adresse e-mail", "email").autocomplete("email")],
        submit: "Envoyer le lien".into(),
        links: vec![("/compte/connexion".into(), "Se connecter".into())],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn forgot_show(
    State(state): State<AppState>,
    maybe: MaybeMember,
) -> Result<Response, AppError> {
    forgot_page(&state, &maybe, None, StatusCode::OK).await
}

pub async fn forgot_submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    maybe.check_csrf(&headers, &form.csrf)?;
    let Ok(email) = account::normalize_email(&form.email) else {
        return forgot_page(
            &state,
            &maybe,
            Some(account::AccountError::BadEmail.to_string()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    state.limits().check(Action::Reset, ip, Some(&email))?;
    // The same answer whether the address has an account or not.
    if let Some(user) = state.store().user_by_email(&email).await? {
        send_reset_link(&state, user.id, &user.display_name, &email).await?;
    }
    super::notice(
        &state,
        maybe.jar,
        StatusCode::OK,
        "Vérifiez votre boîte e-mail",
        vec![format!(
            "Si un espace existe pour l’adresse {email}, un lien pour choisir un nouveau mot de \
             passe vient d’y être envoyé."
        )],
        vec![("/compte/connexion".into(), "Se connecter".into())],
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
    send_mail(
        state,
        email,
        "Choisir un nouveau mot de passe",
        &format!(
            "Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable \
             {RESET_MINUTES} minutes, une seule fois) :\n\n{link}\n\nSi vous n’avez rien \
             demandé, ignorez ce message : votre mot de passe ne change pas.\n"
        ),
    )
    .await;
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
            "Nouveau mot de passe — Kiosque",
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading: "Choisir un nouveau mot de passe".into(),
        intro: None,
        error,
        action: "/compte/reinitialiser".into(),
        csrf,
        hidden: vec![("jeton".into(), token.to_owned())],
        fields: vec![Field::new("password", "Nouveau mot de passe", "password")
            .autocomplete("new-password")
            .hint("Au moins 10 caractères ; évitez les mots de passe courants.")],
        submit: "Enregistrer".into(),
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
            "Lien invalide ou expiré",
            vec![kiosque_domain::typography::french(
                "Ce lien n’est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.",
            )],
            vec![(
                "/compte/mot-de-passe-oublie".into(),
                "Mot de passe oublié".into(),
            )],
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
        "Mot de passe changé",
        vec![kiosque_domain::typography::french(
            "Votre nouveau mot de passe est enregistré ; vos autres sessions ont été fermées.",
        )],
        vec![("/compte/connexion".into(), "Se connecter".into())],
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
