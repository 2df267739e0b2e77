//! Sign-up and e-mail verification.

use crate::form::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::account::{self, Roles};
use kiosque_store::{StoreError, TokenPurpose};
use serde::Deserialize;

use super::pages::{Field, FormPage};
use super::send_mail;
use crate::auth::{self, MaybeMember};
use crate::extract::{ClientIp, CsrfForm};
use crate::layout::layout;
use crate::limits::Action;
use crate::respond::personal;
use crate::views::Here;
use crate::{AppError, AppState};

/// Verification links last a day.
const VERIFY_HOURS: i64 = 24;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignupForm {
    csrf: String,
    display_name: String,
    email: String,
    password: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenQuery {
    pub jeton: String,
}

async fn signup_page(
    state: &AppState,
    maybe: &MaybeMember,
    form: &SignupForm,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (csrf, jar) = maybe.csrf(state);
    let page = FormPage {
        layout: layout(state, "Créer mon espace — Kiosque", None, None, Here::Elsewhere).await?,
        heading: "Créer mon espace".into(),
        intro: Some(
            "Votre espace vous permet de commenter les articles. Nous vous enverrons un lien \
             pour confirmer votre adresse."
                .into(),
        ),
        error,
        action: "/compte/inscription".into(),
        csrf,
        hidden: Vec::new(),
        fields: vec![
            Field::new("display_name", "Nom affiché sous vos commentaires", "text")
                .value(&form.display_name)
                .autocomplete("nickname"),
            Field::new("email", "Adresse e-mail", "email")
                .value(&form.email)
                .autocomplete("email"),
            Field::new("password", "Mot de passe", "password")
                .autocomplete("new-password")
                .hint("Au moins 10 caractères ; évitez les mots de passe courants. Une phrase est idéale."),
        ],
        submit: "Créer mon espace".into(),
        links: vec![("/compte/connexion".into(), "Déjà un compte ? Se connecter".into())],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn show(State(state): State<AppState>, maybe: MaybeMember) -> Result<Response, AppError> {
    if maybe.member.is_some() {
        return Ok(crate::respond::see_other(maybe.jar, "/compte"));
    }
    signup_page(&state, &maybe, &SignupForm::default(), None, StatusCode::OK).await
}

pub async fn submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Result<Response, AppError> {
    maybe.check_csrf(&headers, &form.csrf)?;
    state.limits().check(Action::SignUp, ip, None)?;
    let checked = account::normalize_display_name(&form.display_name).and_then(|name| {
        let email = account::normalize_email(&form.email)?;
        account::check_password(&form.password, &[&email, &name])?;
        Ok((name, email))
    });
    let (name, email) = match checked {
        Ok(v) => v,
        Err(e) => {
            return signup_page(
                &state,
                &maybe,
                &form,
                Some(e.to_string()),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    };
    // Hashed whether or not the address is known: the slow part of sign-up takes the same
    // time either way, so response times do not tell which addresses have an account.
    let hash = auth::hash_password(form.password.clone()).await?;
    match state.store().user_by_email(&email).await? {
        Some(_) => notify_existing(&state, &email).await,
        None => {
            match state
                .store()
                .create_user(&email, &name, &hash, &Roles::member(), false)
                .await
            {
                Ok(user) => send_verification(&state, user.id, &email, &name).await?,
                // Created by a concurrent request: the same answer as for a known address.
                Err(StoreError::Conflict { .. }) => notify_existing(&state, &email).await,
                Err(e) => return Err(e.into()),
            }
        }
    }
    super::notice(
        &state,
        maybe.jar,
        StatusCode::OK,
        "Vérifiez votre boîte e-mail",
        vec![format!(
            "Si l’adresse {email} peut recevoir nos messages, un e-mail vient d’y être envoyé. \
             Suivez le lien qu’il contient pour confirmer votre adresse, puis connectez-vous."
        )],
        vec![("/compte/connexion".into(), "Se connecter".into())],
    )
    .await
}

async fn notify_existing(state: &AppState, email: &str) {
    let login = state.config().link("/compte/connexion");
    let reset = state.config().link("/compte/mot-de-passe-oublie");
    send_mail(
        state,
        email,
        "Votre espace Kiosque existe déjà",
        &format!(
            "Bonjour,\n\nQuelqu’un (peut-être vous) a demandé à créer un espace Kiosque avec \
             cette adresse, qui en a déjà un.\n\nPour vous connecter : {login}\nMot de passe \
             oublié : {reset}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce \
             message.\n"
        ),
    )
    .await;
}

/// Creates a verification token and mails its link.
pub async fn send_verification(
    state: &AppState,
    user_id: kiosque_domain::UserId,
    email: &str,
    name: &str,
) -> Result<(), AppError> {
    let token = auth::random_token();
    let expires = chrono::Utc::now().timestamp_millis() + VERIFY_HOURS * 3_600_000;
    state
        .store()
        .create_token(
            &auth::hash_secret(&token),
            user_id,
            TokenPurpose::Verify,
            None,
            expires,
        )
        .await?;
    let link = state
        .config()
        .link(&format!("/compte/verifier?jeton={token}"));
    send_mail(
        state,
        email,
        "Confirmez votre adresse e-mail",
        &format!(
            "Bonjour {name},\n\nBienvenue sur Kiosque. Pour confirmer votre adresse et pouvoir \
             commenter, ouvrez ce lien (valable {VERIFY_HOURS} heures) :\n\n{link}\n\nSi vous \
             n’avez pas créé d’espace, ignorez ce message.\n"
        ),
    )
    .await;
    Ok(())
}

pub async fn verify(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let used = if q.jeton.len() == 64 {
        state
            .store()
            .use_token(&auth::hash_secret(&q.jeton), TokenPurpose::Verify)
            .await?
    } else {
        None
    };
    let (status, heading, text) = match used {
        Some((user_id, _)) => {
            state
                .store()
                .update_user(user_id, None, None, None, true)
                .await?;
            (
                StatusCode::OK,
                "Adresse confirmée",
                "Merci : votre adresse est confirmée. Vous pouvez maintenant commenter les articles.",
            )
        }
        None => (
            StatusCode::BAD_REQUEST,
            "Lien invalide ou expiré",
            "Ce lien de confirmation n’est pas valable : il a expiré ou a déjà servi. Connectez-vous \
             pour en demander un nouveau depuis votre espace.",
        ),
    };
    super::notice(
        &state,
        maybe.jar,
        status,
        heading,
        vec![kiosque_domain::typography::french(text)],
        vec![
            ("/compte/connexion".into(), "Se connecter".into()),
            ("/".into(), "Retour à la une".into()),
        ],
    )
    .await
}

/// "Resend the confirmation e-mail", from the profile page.
pub async fn resend(
    State(state): State<AppState>,
    crate::extract::RequireMember(member, jar): crate::extract::RequireMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    MaybeMember {
        member: Some(member.clone()),
        jar: jar.clone(),
    }
    .check_csrf(&headers, &form.csrf)?;
    state
        .limits()
        .check(Action::Reset, ip, Some(&member.user.email))?;
    if !member.user.is_verified() {
        send_verification(
            &state,
            member.user.id,
            &member.user.email,
            &member.user.display_name,
        )
        .await?;
    }
    Ok(crate::respond::see_other(jar, "/compte?envoye=1"))
}
