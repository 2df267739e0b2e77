//! Sign-up and e-mail verification.

use crate::form::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::account;
use kiosque_store::{StoreError, TokenPurpose};
use serde::Deserialize;

use super::pages::{Field, FormPage};
use super::send_mail;
use crate::auth::{self, MaybeMember};
use crate::extract::{ClientIp, CsrfForm};
use crate::i18n::{t, t1};
use crate::layout::layout;
use crate::limits::Action;
use crate::respond::{encode_query, personal};
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
    /// "1" when the moderation charter's box is ticked.
    charte: String,
    /// Where to go once the address is confirmed: a local path, or nothing.
    retour: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenQuery {
    pub jeton: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignupQuery {
    retour: Option<String>,
}

/// What is wrong with each field of a sent sign-up form: all of it at once.
#[derive(Default)]
struct SignupErrors {
    display_name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    charte: Option<String>,
}

impl SignupErrors {
    fn any(&self) -> bool {
        self.display_name.is_some()
            || self.email.is_some()
            || self.password.is_some()
            || self.charte.is_some()
    }
}

/// The form's fields checked together, each on its own: the valid name and address, or what
/// to correct in every field.
fn check_signup(form: &SignupForm) -> Result<(String, String), SignupErrors> {
    let name = account::normalize_display_name(&form.display_name);
    let email = account::normalize_email(&form.email);
    // The password must not be the name or address, even as typed when they are invalid.
    let inputs = [
        email.as_deref().unwrap_or(form.email.as_str()),
        name.as_deref().unwrap_or(form.display_name.as_str()),
    ];
    let password = account::check_password(&form.password, &inputs);
    let errors = SignupErrors {
        display_name: name.as_ref().err().map(ToString::to_string),
        email: email.as_ref().err().map(ToString::to_string),
        password: password.err().map(|e| e.to_string()),
        charte: (form.charte != "1").then(|| t("acc-signup-charter-needed")),
    };
    match (name, email) {
        (Ok(name), Ok(email)) if !errors.any() => Ok((name, email)),
        _ => Err(errors),
    }
}

async fn signup_page(
    state: &AppState,
    maybe: &MaybeMember,
    form: &SignupForm,
    errors: SignupErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (csrf, jar) = maybe.csrf(state);
    let back = auth::local_return(Some(&form.retour));
    let login = match &back {
        Some(b) => format!("/compte/connexion?retour={}", encode_query(b)),
        None => "/compte/connexion".to_owned(),
    };
    let heading = t("acc-signup");
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
        intro: Some(t("acc-signup-intro")),
        error: None,
        action: "/compte/inscription".into(),
        csrf,
        hidden: back.map(|b| ("retour".to_owned(), b)).into_iter().collect(),
        fields: vec![
            Field::new("display_name", &t("acc-signup-name"), "text")
                .value(&form.display_name)
                .autocomplete("nickname")
                .error(errors.display_name),
            Field::new("email", &t("acc-email"), "email")
                .value(&form.email)
                .autocomplete("email")
                .error(errors.email),
            Field::new("password", &t("acc-password"), "password")
                .autocomplete("new-password")
                .hint(&t1(
                    "acc-password-hint-signup",
                    "min",
                    account::MIN_PASSWORD_CHARS,
                ))
                .error(errors.password),
            Field::new("charte", &t("acc-signup-charter"), "checkbox")
                .link("/pages/charte", &t("acc-signup-charter-link"))
                .checked(form.charte == "1")
                .error(errors.charte),
        ],
        submit: heading,
        links: vec![(login, t("acc-signup-have-account"))],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn show(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<SignupQuery>,
) -> Result<Response, AppError> {
    if maybe.member.is_some() {
        return Ok(crate::respond::see_other(maybe.jar, "/compte"));
    }
    let form = SignupForm {
        retour: q.retour.unwrap_or_default(),
        ..SignupForm::default()
    };
    signup_page(
        &state,
        &maybe,
        &form,
        SignupErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Result<Response, AppError> {
    maybe.check_csrf(&headers, &form.csrf)?;
    state.limits().check(Action::SignUp, ip, None).await?;
    let (name, email) = match check_signup(&form) {
        Ok(v) => v,
        Err(errors) => {
            return signup_page(&state, &maybe, &form, errors, StatusCode::BAD_REQUEST).await
        }
    };
    let back = auth::local_return(Some(&form.retour));
    // Hashed whether or not the address is known: the slow part of sign-up takes the same
    // time either way, so response times do not tell which addresses have an account.
    let hash = auth::hash_password(form.password.clone()).await?;
    match state.store().user_by_email(&email).await? {
        Some(_) => notify_existing(&state, &email).await,
        None => {
            match state
                .store()
                .create_member_accepting_charter(&email, &name, &hash)
                .await
            {
                Ok(user) => {
                    send_verification(&state, user.id, &email, &name, back.as_deref()).await?
                }
                // Created by a concurrent request: the same answer as for a known address.
                Err(StoreError::Conflict { .. }) => notify_existing(&state, &email).await,
                Err(e) => return Err(e.into()),
            }
        }
    }
    let login = match &back {
        Some(b) => format!("/compte/connexion?retour={}", encode_query(b)),
        None => "/compte/connexion".to_owned(),
    };
    super::notice(
        &state,
        maybe.jar,
        StatusCode::OK,
        &t("acc-check-inbox"),
        vec![t1("acc-signup-sent", "email", &email)],
        vec![(login, t("acc-login"))],
    )
    .await
}

async fn notify_existing(state: &AppState, email: &str) {
    let login = state.config().link("/compte/connexion");
    let reset = state.config().link("/compte/mot-de-passe-oublie");
    let text = format!(
        "{}\n\n{}\n\n{}\n{}\n\n{}\n",
        t("mail-acc-hello"),
        t("mail-acc-exists-text"),
        t1("mail-acc-exists-login", "link", &login),
        t1("mail-acc-exists-reset", "link", &reset),
        t("mail-acc-exists-ignore"),
    );
    send_mail(state, email, &t("mail-acc-exists-subject"), &text).await;
}

/// Creates a verification token and mails its link. `back`, a local path, is kept with the
/// token (never in the link, so it cannot be changed on the way): verifying leads there.
pub async fn send_verification(
    state: &AppState,
    user_id: kiosque_domain::UserId,
    email: &str,
    name: &str,
    back: Option<&str>,
) -> Result<(), AppError> {
    let token = auth::random_token();
    let expires = chrono::Utc::now().timestamp_millis() + VERIFY_HOURS * 3_600_000;
    state
        .store()
        .create_token(
            &auth::hash_secret(&token),
            user_id,
            TokenPurpose::Verify,
            back,
            expires,
        )
        .await?;
    let link = state
        .config()
        .link(&format!("/compte/verifier?jeton={token}"));
    let text = format!(
        "{}\n\n{}\n\n{link}\n\n{}\n",
        t1("mail-acc-hello-name", "name", name),
        t1("mail-acc-verify-text", "hours", VERIFY_HOURS),
        t("mail-acc-verify-ignore"),
    );
    send_mail(state, email, &t("mail-acc-verify-subject"), &text).await;
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
    let Some((user_id, back)) = used else {
        return super::notice(
            &state,
            maybe.jar,
            StatusCode::BAD_REQUEST,
            &t("acc-link-expired"),
            vec![t("acc-verify-invalid-text")],
            vec![
                ("/compte/connexion".into(), t("acc-login")),
                ("/".into(), t("site-error-home")),
            ],
        )
        .await;
    };
    state
        .store()
        .update_user(user_id, None, None, None, true)
        .await?;
    // The link proves the address, as a reset link would: the reader is logged in (in this
    // browser) and taken back where they signed up, instead of logging in again and looking
    // for the article. A deactivated account gets no session.
    let active = state
        .store()
        .user_by_id(user_id)
        .await?
        .is_some_and(|u| u.deactivated_at.is_none());
    let jar = if active {
        super::start::start_session(&state, &maybe, user_id).await?
    } else {
        maybe.jar.clone()
    };
    if let Some(back) = auth::local_return(back.as_deref()).filter(|_| active) {
        return Ok(crate::respond::see_other(jar, &back));
    }
    super::notice(
        &state,
        jar,
        StatusCode::OK,
        &t("acc-verified-heading"),
        vec![t("acc-verified-text")],
        vec![
            ("/compte".into(), t("acc-profile-title")),
            ("/".into(), t("site-error-home")),
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
        .check(Action::Reset, ip, Some(&member.user.email))
        .await?;
    if !member.user.is_verified() {
        send_verification(
            &state,
            member.user.id,
            &member.user.email,
            &member.user.display_name,
            None,
        )
        .await?;
    }
    Ok(crate::respond::see_other(jar, "/compte?envoye=1"))
}
